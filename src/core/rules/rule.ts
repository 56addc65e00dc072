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
  /** Set on rules that compare a document with the site's other posts (see SiteWide). */
  siteWide?: SiteWide<unknown>;
}

/**
 * A rule that compares a document with the site's other posts (their URLs,
 * names, tag counts), in two parts, so that a whole-site check can check each
 * file as it reads it, before the posts read after it are known: `facts` takes
 * from the document all the rule needs (a little: the document is not kept),
 * `report` decides with the whole site. The rule's `check` is `report(facts(ctx))`.
 */
export interface SiteWide<F> {
  /** What of the document the rule needs; undefined when it cannot report on it. */
  facts(ctx: RuleContext): F | undefined;
  report(facts: F, ctx: { site: SiteModel; index: SiteIndex | undefined }): Finding[];
}

/** A rule made of SiteWide parts. */
export function siteWideRule<F>(rule: Omit<Rule, 'check' | 'siteWide'>, parts: SiteWide<F>): Rule {
  return {
    ...rule,
    check(ctx: RuleContext): Finding[] {
      const facts = parts.facts(ctx);
      return facts === undefined ? [] : parts.report(facts, ctx);
    },
    siteWide: parts,
  };
}
