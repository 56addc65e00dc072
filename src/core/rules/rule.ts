import type { SiteDocument } from '../document';
import type { PostInfo } from '../post';
import type { Fix, Range, Severity } from '../problem';
import type { SiteModel } from '../site';
import type { SiteIndex } from '../siteIndex';

export interface RuleContext {
  doc: SiteDocument;
  site: SiteModel;
  /** The whole site (other posts, layouts, authors …); undefined when checking a lone file. */
  index: SiteIndex | undefined;
  /** What Jekyll makes of this post or draft; undefined for pages and documents. */
  post: PostInfo | undefined;
  /** The file's bytes are not valid UTF-8 (decoded with U+FFFD in their place). */
  invalidUtf8: boolean;
}

/** What a rule reports; the engine adds the code and the configured severity. */
export interface Finding {
  range: Range;
  message: string;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding (e.g. a hint when a theme may supply the layout). */
  severity?: Severity;
}

/** A rule's section in docs/rules.md. */
export interface RuleDocs {
  /** What Jekyll does, and why the author should care (Markdown). */
  description: string;
  /** A post (or front matter) showing the problem. */
  bad: string;
  /** The same, fixed. */
  good: string;
  /** What the quick fix does, if there is one. */
  fix?: string;
}

export interface Rule {
  /** Stable kebab-case id: the diagnostic code and the anchor in docs/rules.md. */
  id: string;
  defaultSeverity: Severity;
  /** One line, for the rules table. */
  summary: string;
  docs: RuleDocs;
  check(ctx: RuleContext): Finding[];
}
