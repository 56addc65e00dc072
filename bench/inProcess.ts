/**
 * In-process measures of the core, bundled from src/ by esbuild:
 *  - loadSite (reading _config.yml into a SiteModel),
 *  - checkDocument on single posts (what the editor does on each keystroke),
 *  - checkSite over the whole site (what "Jekyll: Check Site" and the CLI do, minus process start),
 *  - the site index: building it, updating it after one edit, the heap it holds,
 *  - a completion in `tags: [` on a site with 50k distinct tags (what the editor asks on `[`).
 *
 * PER-POST SECTION: everything that touches src/core lives in this file, so that if the core's
 * API changes only this file needs adapting.
 */
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { checkDocument, checkSite } from '../src/core/check';
import { complete } from '../src/core/completion';
import { memoryFs } from '../src/core/memoryFs';
import { loadSite, type SiteModel } from '../src/core/site';
import { buildIndex, type SiteIndex } from '../src/core/siteIndex';
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
  collectGarbage(); // as for the index: each measure starts from a collected heap
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

// ------------------------------------------------------------ the site index and completions

/** A full garbage collection (V8's gc, exposed at run time), so heap figures hold only what is alive. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose_gc');
  (vm.runInNewContext('gc') as () => void)();
}

export interface IndexResult {
  /** buildIndex (listing, `_data`, reading and resolving every post and draft), one figure per run after the first. */
  buildMs: number[];
  /** The first build of the process (JIT not warmed up). */
  firstBuildMs: number;
  posts: number;
  tags: number;
  /** Heap the built index keeps alive (after a full GC, minus the heap before building). */
  heapMB: number;
  /** updatePostText after one edit of a post's tags (a keystroke the editor hands on), one figure per update. */
  updateMs: number[];
}

/**
 * buildIndex `runs` times after a first build, which is timed on its own (in its own frame: a
 * suspended async frame keeps its last awaited value alive).
 */
async function timeBuilds(site: SiteModel, runs: number): Promise<{ firstMs: number; ms: number[] }> {
  collectGarbage(); // start from a collected heap: what earlier measures left behind is not this one's cost
  const t = now();
  await buildIndex(nodeFs, site); // the first build: before the JIT has optimized the readers (what activation meets)
  const firstMs = now() - t;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await buildIndex(nodeFs, site);
    ms.push(now() - t0);
  }
  return { firstMs, ms };
}

/** One index and the heap it holds: after a full GC, minus the heap before building it. */
async function heldIndex(site: SiteModel): Promise<{ index: SiteIndex; heapMB: number }> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const index = await buildIndex(nodeFs, site);
  collectGarbage();
  return { index, heapMB: (process.memoryUsage().heapUsed - before) / 2 ** 20 };
}

/** Builds the index `runs` times, measures the heap one holds, then times single-post updates. */
export async function timeIndex(root: string, runs: number, updates: number): Promise<IndexResult> {
  const r = toPosix(root);
  const site = await loadSite(nodeFs, r);
  const { firstMs: firstBuildMs, ms: buildMs } = await timeBuilds(site, runs);
  const held = await heldIndex(site);
  const { index, heapMB } = held;
  const posts = index.posts.size;
  const tags = index.tags.size;
  // One post, edited back and forth: a tag added and removed, so the counts change every time.
  const target = [...index.posts.keys()].find((rel) => rel.startsWith('_posts/') && /\.md$/.test(rel))!;
  const path = `${r}/${target}`;
  const text = fs.readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const edited = text.replace(/^---\r?\n/, (m) => `${m}tag: bench-edit-${Date.now()}\n`);
  // As in the editor after its first check of a post: the URL and post_url lookups exist, and each update keeps them current.
  void index.urls.get('');
  void index.postUrlTarget('2000-01-01-warm');
  const updateMs: number[] = [];
  for (let i = 0; i < updates; i++) {
    const t0 = now();
    index.updatePostText(path, i % 2 === 0 ? edited : text);
    updateMs.push(now() - t0);
  }
  return { buildMs, firstBuildMs, posts, tags, heapMB, updateMs };
}

export interface CompletionResult {
  /** Distinct tags of the synthetic site. */
  tags: number;
  posts: number;
  /** The first completion after the tags changed (summaries rebuilt). */
  coldMs: number[];
  /** Completions with nothing changed in between: `[` then a typed prefix. */
  warmMs: number[];
  typedMs: number[];
  items: number;
}

/**
 * A completion in `tags: [` on an in-memory site of `posts` posts whose tags are `distinct` different
 * values (Zipf-like reuse of a few, case variants of some): `cold` runs follow a change of one
 * post's tags, `warm` runs repeat with nothing changed.
 */
export async function timeCompletion(posts: number, distinct: number, cold: number, warm: number): Promise<CompletionResult> {
  const files: Record<string, string> = { '/site/_config.yml': 'timezone: Europe/London\n' };
  const perPost = Math.ceil(distinct / posts);
  let n = 0;
  for (let i = 0; i < posts; i++) {
    const tags: string[] = [];
    for (let k = 0; k < perPost && n < distinct; k++, n++) tags.push(n % 50 === 0 ? `Tag ${n}` : `tag-${n}`);
    tags.push(`common-${i % 20}`, i % 7 === 0 ? 'Web' : 'web');
    const d = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    files[`/site/_posts/${d}-post-${i}.md`] = `---\ntitle: Post ${i}\ntags: [${tags.map((t) => JSON.stringify(t)).join(', ')}]\n---\nBody ${i}\n`;
  }
  const fsys = memoryFs(files);
  const site = await loadSite(fsys, '/site');
  const index = await buildIndex(fsys, site);
  const path = Object.keys(files)[1]!;
  const base = '---\ntitle: Mine\ntags: [|]\n---\nBody\n';
  const at = (marked: string): { text: string; offset: number } => ({ text: marked.replace('|', ''), offset: marked.indexOf('|') });
  const run = async (marked: string): Promise<{ ms: number; items: number }> => {
    const { text, offset } = at(marked);
    const t0 = now();
    const r = await complete({ index, fs: fsys, path, text, offset, nowMs: Date.now() });
    return { ms: now() - t0, items: r?.items.length ?? 0 };
  };
  const coldMs: number[] = [];
  const other = Object.keys(files)[2]!;
  for (let i = 0; i < cold; i++) {
    index.updatePostText(other, `---\ntags: [cold-${i}]\n---\n`);
    coldMs.push((await run(base)).ms);
  }
  const warmMs: number[] = [];
  let items = 0;
  for (let i = 0; i < warm; i++) {
    const r = await run(base);
    warmMs.push(r.ms);
    items = r.items;
  }
  const typedMs: number[] = [];
  for (let i = 0; i < warm; i++) typedMs.push((await run(`---\ntitle: Mine\ntags: [web, ta${i % 10}|]\n---\nBody\n`)).ms);
  return { tags: index.tags.size, posts: index.posts.size, coldMs, warmMs, typedMs, items };
}
