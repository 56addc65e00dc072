import { mapConcurrent } from './concurrency';
import { parseSiteDocument, type SiteDocument } from './document';
import { opensWithFence } from './frontMatter';
import type { Problem, Severity } from './problem';
import { RULES } from './rules';
import type { Rule } from './rules/rule';
import { resolvePost, type PostInfo } from './post';
import { classify, readText, type Classified, type SiteModel } from './site';
import { buildIndex, type SiteIndex } from './siteIndex';
import { joinPath, relativePath, type SiteFs } from './siteFs';

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
  const problems: Problem[] = [];
  const post =
    (doc.kind === 'post' || doc.kind === 'draft') && !doc.skipped
      ? (options.post ?? resolvePost(doc, site, { nowMs: options.nowMs ?? Date.now(), mtimeMs: options.mtimeMs }))
      : undefined;
  const ctx = { doc, site, index: options.index, post, invalidUtf8: options.invalidUtf8 === true };
  for (const rule of RULES) {
    const severity = severityOf(rule, options.rules);
    if (severity === 'off') continue;
    try {
      for (const f of rule.check(ctx)) {
        problems.push({ code: rule.id, severity: f.severity ?? severity, range: f.range, message: f.message, fixes: f.fixes ?? [] });
      }
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

function severityOf(rule: Rule, settings: RuleSettings | undefined): Severity | 'off' {
  const s = settings?.[rule.id];
  return s === 'off' || s === 'error' || s === 'warning' || s === 'information' || s === 'hint' ? s : rule.defaultSeverity;
}

export interface FileProblems {
  path: string;
  problems: Problem[];
}

/** Checks every document of a site. */
export async function checkSite(fs: SiteFs, site: SiteModel, options: CheckOptions & { isCancelled?: () => boolean } = {}): Promise<FileProblems[]> {
  const nowMs = options.nowMs ?? Date.now();
  const index = options.index ?? (await buildIndex(fs, site, () => nowMs, { retainDocuments: true }));
  const paths = [...index.files].map((rel) => joinPath(site.root, rel)).filter((path) => {
    const rel = relativePath(site.root, path);
    return rel !== undefined && classify(site, rel) !== undefined;
  });
  const results = await mapConcurrent(paths, READ_CONCURRENCY, async (path): Promise<FileProblems | undefined> => {
    if (options.isCancelled?.()) return undefined;
    const parsed = index.retained?.get(path);
    if (parsed) {
      // Parsed and resolved while indexing: check it as is.
      index.retained!.delete(path);
      const rel = relativePath(site.root, path)!;
      const problems = checkParsed(parsed, site, { ...options, index, nowMs, post: index.posts.get(rel)?.info });
      return problems.length > 0 ? { path, problems } : undefined;
    }
    const text = await readText(fs, path);
    if (text === undefined) return undefined;
    const invalidUtf8 = text.includes('\uFFFD') && (await readText(fs, path, true)) === undefined;
    const problems = checkDocument(text, path, site, { ...options, index, nowMs, invalidUtf8 });
    return problems.length > 0 ? { path, problems } : undefined;
  });
  index.retained = undefined;
  return results.filter((r): r is FileProblems => r !== undefined);
}
