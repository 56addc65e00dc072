import type { SiteDocument } from '../document';
import type { Fix, Range, Severity } from '../problem';
import type { SiteModel } from '../site';

export interface RuleContext {
  doc: SiteDocument;
  site: SiteModel;
}

/** What a rule reports; the engine adds the code and the configured severity. */
export interface Finding {
  range: Range;
  message: string;
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding (e.g. a hint when a theme may supply the layout). */
  severity?: Severity;
}

export interface Rule {
  /** Stable kebab-case id: the diagnostic code and the anchor in docs/rules.md. */
  id: string;
  defaultSeverity: Severity;
  /** One line, for docs and settings. */
  summary: string;
  check(ctx: RuleContext): Finding[];
}
