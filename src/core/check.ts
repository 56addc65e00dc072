import { mapConcurrent } from './concurrency';
import { parseSiteDocument, type SiteDocument } from './document';
import { opensWithFence } from './frontMatter';
import type { Fix, Problem, Severity, TextEdit } from './problem';
import { RULES } from './rules';
import type { Finding, Rule, RuleContext } from './rules/rule';
import { resolvePost, type PostInfo } from './post';
import { classify, readDocumentText, type Classified, type SiteModel } from './site';
import { draftMtime, openIndex, type SiteIndex } from './siteIndex';
import { joinPath, relativePath, type SiteFs } from './siteFs';
import { detach, mayBeSlice } from './text';

/** Files read at once: enough to keep the disk busy, few enough to keep memory flat. */
export const READ_CONCURRENCY = 32;

/** `jekyll.rules`: a rule id → 'off' or a severity. */
export type RuleSettings = Readonly<Record<string, Severity | 'off'>>;

export interface CheckOptions {
  rules?: RuleSettings;
  /** The whole site, for rules that look beyond the file (layouts, authors, other posts). */
  index?: SiteIndex;
  /** Jekyll's site.time; defaults to now. */
  nowMs?: number;
  /** The file's modification time (drafts are dated by it). */
  mtimeMs?: number;
  /** The file's bytes are not valid UTF-8 (the text holds U+FFFD where they were); Jekyll skips such files. */
  invalidUtf8?: boolean;
  /** What Jekyll makes of this post, when already resolved (the index did it for this very text). */
  post?: PostInfo;
  /** Called when a rule throws (a bug): the other rules still run. */
  onRuleError?: (rule: string, error: unknown) => void;
}

/**
 * The SiteDocument for a file of a site, or undefined when Jekyll does not
 * read it as a document (static files, excluded paths, pages without front matter).
 */
export function documentFor(site: SiteModel, path: string, text: string, classified?: Classified, relative?: string): SiteDocument | undefined {
  const rel = relative ?? relativePath(site.root, path);
  if (rel === undefined) return undefined;
  const c = classified ?? classify(site, rel);
  if (!c) return undefined;
  if ((c.kind === 'page' || c.kind === 'collection') && !opensWithFence(text.replace(/^\uFEFF/, ''))) return undefined;
  return parseSiteDocument(path, rel, c.kind, text, c.skipped);
}

/** Runs every enabled rule on one parsed document. Never throws. */
export function checkParsed(doc: SiteDocument, site: SiteModel, options: CheckOptions = {}): Problem[] {
  return runRules(contextOf(doc, site, options), RULES, options, false);
}

function contextOf(doc: SiteDocument, site: SiteModel, options: CheckOptions): RuleContext {
  const post =
    (doc.kind === 'post' || doc.kind === 'draft') && !doc.skipped
      ? (options.post ?? resolvePost(doc, site, { nowMs: options.nowMs ?? Date.now(), mtimeMs: options.mtimeMs }))
      : undefined;
  return { doc, site, index: options.index, post, invalidUtf8: options.invalidUtf8 === true };
}

/** Runs the enabled ones of `rules` (in the order of RULES); `kept`: the problems will outlive the document (see toProblems). */
function runRules(ctx: RuleContext, rules: readonly Rule[], options: CheckOptions, kept: boolean): Problem[] {
  const problems: Problem[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, options.rules);
    if (severity === 'off') continue;
    try {
      problems.push(...toProblems(rule, severity, rule.check(ctx), kept));
    } catch (e) {
      options.onRuleError?.(rule.id, e);
    }
  }
  return problems;
}

/** Checks one file's text as part of `site`; [] for files Jekyll does not read as documents. */
export function checkDocument(text: string, path: string, site: SiteModel, options: CheckOptions = {}): Problem[] {
  const doc = documentFor(site, path, text);
  return doc ? checkParsed(doc, site, options) : [];
}

/**
 * A rule's findings as problems, at the configured severity unless a finding sets
 * its own. When the problems are `kept` beyond the document (a whole-site check
 * keeps thousands), their strings are copied (see `detach`): a message or a fix
 * quoting the post would otherwise keep the whole post in memory. The editor's
 * check of an open document needs no copy: the document is alive anyway.
 */
function toProblems(rule: Rule, severity: Severity, findings: readonly Finding[], kept: boolean): Problem[] {
  return findings.map((f) => ({
    code: rule.id,
    severity: f.severity ?? severity,
    range: f.range,
    message: kept ? detach(f.message) : f.message,
    fixes: kept ? (f.fixes ?? []).map(detachFix) : (f.fixes ?? []),
  }));
}

/** Edit lists already copied: a "fix all" shares one list among all its problems, and so do the copies. */
const detachedEdits = new WeakMap<readonly TextEdit[], TextEdit[]>();

function detachFix(fix: Fix): Fix {
  const edits = (es: TextEdit[]): TextEdit[] => {
    if (!es.some((e) => mayBeSlice(e.newText))) return es;
    let copy = detachedEdits.get(es);
    if (!copy) detachedEdits.set(es, (copy = es.map((e) => ({ range: e.range, newText: detach(e.newText) }))));
    return copy;
  };
  const out: Fix = { ...fix, title: detach(fix.title), edits: edits(fix.edits) };
  if (fix.otherFiles) out.otherFiles = fix.otherFiles.map((o) => ({ path: detach(o.path), edits: edits(o.edits) }));
  if (fix.rename) out.rename = { from: detach(fix.rename.from), to: detach(fix.rename.to) };
  return out;
}

function severityOf(rule: Rule, settings: RuleSettings | undefined): Severity | 'off' {
  const s = settings?.[rule.id];
  return s === 'off' || s === 'error' || s === 'warning' || s === 'information' || s === 'hint' ? s : rule.defaultSeverity;
}

export interface FileProblems {
  path: string;
  problems: Problem[];
}

/**
 * Checks every document of a site. With `options.index` (a complete, current
 * index), each file is checked against it. Without one, the site is read once:
 * each post is indexed and checked as it is read, and the rules that compare it
 * with the other posts (SiteWide) note what they need and report at the end,
 * once every post is known. Either way the result is the same.
 */
export async function checkSite(fs: SiteFs, site: SiteModel, options: CheckOptions & { isCancelled?: () => boolean } = {}): Promise<FileProblems[]> {
  const nowMs = options.nowMs ?? Date.now();
  const given = options.index;
  if (given) {
    const files = [...given.files].flatMap((rel) => {
      const classified = classify(site, rel);
      return classified ? [{ path: joinPath(site.root, rel), rel, classified }] : [];
    });
    const results = await mapConcurrent(files, READ_CONCURRENCY, async ({ path, rel, classified }): Promise<FileProblems | undefined> => {
      if (options.isCancelled?.()) return undefined;
      const read = await readDocumentText(fs, path);
      const doc = read && documentFor(site, path, read.text, classified, rel);
      const problems = doc ? runRules(contextOf(doc, site, { ...options, index: given, nowMs, invalidUtf8: read.invalidUtf8, mtimeMs: await draftMtime(fs, path) }), RULES, options, true) : [];
      return problems.length > 0 ? { path, problems } : undefined;
    });
    return results.filter((r): r is FileProblems => r !== undefined);
  }

  const { index, documents } = await openIndex(fs, site, () => nowMs);
  const opts = { ...options, index, nowMs };
  const now = RULES.filter((r) => r.siteWide === undefined);
  const later: Array<{ rule: Rule; severity: Severity }> = [];
  for (const rule of RULES) {
    const severity = severityOf(rule, options.rules);
    if (rule.siteWide && severity !== 'off') later.push({ rule, severity });
  }
  /** Per file: its problems so far, and the site-wide rules' facts (in the order of RULES). */
  const files = await mapConcurrent(documents, READ_CONCURRENCY, async ({ path, rel, classified: c }) => {
    if (options.isCancelled?.()) return undefined;
    const read = await readDocumentText(fs, path);
    const doc = read && documentFor(site, path, read.text, c, rel);
    if (!doc) return undefined;
    // A post is indexed as read (a file that is not UTF-8 is not: Jekyll skips it).
    const indexed = (c.kind === 'post' || c.kind === 'draft') && !c.skipped && !read.invalidUtf8;
    const post = indexed ? index.updatePostDocument(doc, await draftMtime(fs, path)) : undefined;
    const ctx = contextOf(doc, site, { ...opts, post, invalidUtf8: read.invalidUtf8 });
    const problems = runRules(ctx, now, opts, true);
    const facts: Array<{ rule: Rule; severity: Severity; facts: unknown }> = [];
    for (const { rule, severity } of later) {
      try {
        const f = rule.siteWide!.facts(ctx);
        if (f !== undefined) facts.push({ rule, severity, facts: f });
      } catch (e) {
        options.onRuleError?.(rule.id, e);
      }
    }
    return { path, problems, facts };
  });

  // Every post is read: the site-wide rules report.
  const rank = new Map(RULES.map((r, i) => [r.id, i]));
  const out: FileProblems[] = [];
  for (const file of files) {
    if (!file) continue;
    let problems = file.problems;
    if (file.facts.length > 0 && !options.isCancelled?.()) {
      for (const { rule, severity, facts } of file.facts) {
        try {
          problems.push(...toProblems(rule, severity, rule.siteWide!.report(facts, { site, index }), true));
        } catch (e) {
          options.onRuleError?.(rule.id, e);
        }
      }
      problems = problems.sort((a, b) => rank.get(a.code)! - rank.get(b.code)!);
    }
    if (problems.length > 0) out.push({ path: file.path, problems });
  }
  return out;
}
