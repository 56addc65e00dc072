import type { SiteDocument } from '../document';
import type { PostInfo } from '../post';
import type { Fix, Range, Severity } from '../problem';
import type { SiteModel } from '../site';
import type { IndexedPost, SiteIndex } from '../siteIndex';

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
  /** Set on rules that compare a document with the site's other posts (see SiteWide). */
  siteWide?: SiteWide<unknown>;
}

/**
 * How a rule that looks at the site's other posts (their URLs, names, tag counts)
 * takes part in a whole-site check, which checks each file as it reads it, before
 * the other posts are known. While the file is read, the rule notes the little it
 * will look at; once every post is read, the files it may report on — usually few —
 * are read again and the rule runs on them. So the site's parsed documents need
 * not all be kept until the end.
 */
export interface SiteWide<F> {
  /** What of this document the rule looks at, noted when the file is read (undefined: nothing, the rule cannot report). */
  facts(ctx: RuleContext): F | undefined;
  /** With every post read: false only when `check` reports nothing on the document these facts are from. */
  mayReport(facts: F, ctx: { site: SiteModel; index: SiteIndex; post: IndexedPost | undefined }): boolean;
}

/** A SiteWide for the Rule interface, whose facts are opaque to the engine. */
export function siteWide<F>(s: SiteWide<F>): SiteWide<unknown> {
  return s;
}
