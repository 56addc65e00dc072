/**
 * In-process measures of the core, bundled from src/ by esbuild:
 *  - loadSite (reading _config.yml into a SiteModel),
 *  - checkDocument on single posts (what the editor does on each keystroke),
 *  - checkSite over the whole site (what "Jekyll: Check Site" and the CLI do, minus process start).
 *
 * PER-POST SECTION: everything that touches src/core lives in this file, so that if the core's
 * API changes only this file needs adapting.
 */
import * as fs from 'node:fs';
import { checkDocument, checkSite } from '../src/core/check';
import { loadSite } from '../src/core/site';
import { nodeFs } from '../src/node/nodeFs';

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

const toPosix = (p: string): string => p.split('\\').join('/');

export interface SiteLoadResult {
  loadSiteMs: number[];
}

export async function timeLoadSite(root: string, runs: number): Promise<SiteLoadResult> {
  const r = toPosix(root);
  const loadSiteMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await loadSite(nodeFs, r);
    loadSiteMs.push(now() - t0);
  }
  return { loadSiteMs };
}

export interface PerPostResult {
  /** One figure per sampled post: the median of `repeat` checks of it. */
  perPostMs: number[];
  posts: number;
  problems: number;
  largest: { path: string; bytes: number; ms: number };
  /** Rules that threw, by rule id. */
  ruleErrors: Record<string, number>;
}

/**
 * checkDocument on a sample of the site's post files (every k-th file, plus the largest ones),
 * each checked `repeat` times after one warm-up; the site model is loaded once beforehand.
 */
export async function timePerPost(root: string, files: string[], sample: number, repeat: number): Promise<PerPostResult> {
  const r = toPosix(root);
  const site = await loadSite(nodeFs, r);
  const bySize = files.map((f) => ({ f, size: fs.statSync(f).size })).sort((a, b) => b.size - a.size);
  const step = Math.max(1, Math.floor(files.length / sample));
  const chosen = new Set<string>(bySize.slice(0, 5).map((x) => x.f));
  for (let i = 0; i < files.length && chosen.size < sample; i += step) chosen.add(files[i]!);
  const ruleErrors: Record<string, number> = {};
  const options = { onRuleError: (rule: string) => void (ruleErrors[rule] = (ruleErrors[rule] ?? 0) + 1) };
  const perPostMs: number[] = [];
  let problems = 0;
  let largest = { path: '', bytes: -1, ms: NaN };
  for (const f of chosen) {
    const text = fs.readFileSync(f, 'utf8');
    const p = toPosix(f);
    problems += checkDocument(text, p, site, options).length; // warm-up
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const t0 = now();
      checkDocument(text, p, site, options);
      times.push(now() - t0);
    }
    const ms = median(times);
    perPostMs.push(ms);
    const bytes = Buffer.byteLength(text);
    if (bytes > largest.bytes) largest = { path: f, bytes, ms };
  }
  return { perPostMs, posts: chosen.size, problems, largest, ruleErrors };
}

export interface SiteCheckResult {
  ms: number[];
  /** Files with at least one problem. */
  filesWithProblems: number;
  problems: number;
  heapUsedMB: number;
}

/** checkSite over the whole site, in this process. */
export async function timeCheckSite(root: string, runs: number): Promise<SiteCheckResult> {
  const r = toPosix(root);
  const ms: number[] = [];
  let filesWithProblems = 0;
  let problems = 0;
  let heapUsedMB = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const site = await loadSite(nodeFs, r);
    const out = await checkSite(nodeFs, site);
    ms.push(now() - t0);
    filesWithProblems = out.length;
    problems = out.reduce((n, f) => n + f.problems.length, 0);
    heapUsedMB = Math.max(heapUsedMB, process.memoryUsage().heapUsed / 2 ** 20);
  }
  return { ms, filesWithProblems, problems, heapUsedMB };
}
