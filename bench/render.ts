/**
 * The preview's render speed: a full render (Liquid + Markdown + header card,
 * what the panel does on every keystroke, throttled) of every post of the
 * corpora and the sample site, of the seed post, and of a 1 MB post; plus the
 * Markdown stage alone per post, beside kramdown's time for the same posts in
 * the same run (Jekyll 4.3.1's converter, timed inside Ruby; skipped without
 * Ruby). Prints a table; never fails on time (shared, noisy machines: read
 * the ratios).
 *
 *   node esbuild.mjs && node out/bench/render.js [--runs N] [--no-kramdown]
 */
import { join } from 'node:path';
import { memoryFs } from '../src/core/memoryFs';
import { articleHtml, renderArticle } from '../src/core/render/article';
import { JekyllLiquid } from '../src/core/render/liquid';
import { kramdownOptions, renderMarkdown } from '../src/core/render/markdown';
import { loadSite, listSiteFiles, readText } from '../src/core/site';
import { buildIndex, type SiteIndex } from '../src/core/siteIndex';
import { nodeFs } from '../src/node/nodeFs';
import { collectDocs, runKramdown, siteDirs } from '../test/conformance/kramdown';
import { repoRoot } from '../test/util/paths';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;
const WITH_KRAMDOWN = !process.argv.includes('--no-kramdown');

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function p90(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.9 * s.length))] ?? NaN;
}

const ms = (x: number): string => (Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));

/** Median of RUNS timings of `f` after one warm-up. */
async function time(f: () => unknown): Promise<number> {
  await f();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await f();
    t.push(performance.now() - t0);
  }
  return median(t);
}

async function fullRender(index: SiteIndex, liquid: JekyllLiquid, path: string, text: string): Promise<void> {
  const a = await renderArticle(index, liquid, { path, text, nowMs: Date.now() });
  if (a) articleHtml(a);
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const { sites, skipped } = siteDirs();

  // Full renders, per post, per site.
  rows.push('| site | posts | full render median ms | p90 ms |', '|---|---:|---:|---:|');
  for (const s of sites.filter((x) => !x.name.startsWith('fixtures/'))) {
    const site = await loadSite(nodeFs, s.dir);
    const index = await buildIndex(nodeFs, site);
    const liquid = new JekyllLiquid(nodeFs, index);
    const times: number[] = [];
    for (const rel of index.posts.keys()) {
      const path = join(s.dir, rel).split('\\').join('/');
      const text = await readText(nodeFs, path);
      if (text !== undefined) times.push(await time(() => fullRender(index, liquid, path, text)));
    }
    rows.push(`| ${s.name} | ${times.length} | ${ms(median(times))} | ${ms(p90(times))} |`);
  }

  // The seed post, and a 1 MB post (the sample site's posts, Liquid and includes included, repeated).
  const news = join(repoRoot(), 'examples', 'news-site');
  const files: Record<string, string> = {};
  const newsSite = await loadSite(nodeFs, news);
  for (const f of await listSiteFiles(nodeFs, newsSite)) files[f] = (await readText(nodeFs, f)) ?? '';
  const seedPath = `${news}/_posts/2025-08-19-starmer-hails-breakthrough.md`;
  const bodies = Object.entries(files)
    .filter(([p]) => /\/_posts\/\d{4}-[^/]*\.md$/.test(p))
    .map(([, t]) => t.replace(/^---\n[\s\S]*?\n---\n/, ''));
  let big = '---\ntitle: One megabyte\nauthor: jane\n---\n';
  for (let i = 0; big.length < 1_000_000; i++) big += `\n## Part ${i}\n\n` + bodies[i % bodies.length];
  const bigPath = `${news}/_posts/2025-12-01-one-megabyte.md`;
  const fs = memoryFs({ ...files, [bigPath]: big });
  const index = await buildIndex(fs, await loadSite(fs, news));
  const liquid = new JekyllLiquid(fs, index);
  const seed = await time(() => fullRender(index, liquid, seedPath, files[seedPath]!));
  const mega = await time(() => fullRender(index, liquid, bigPath, big));
  const megaMarkdown = await time(() => renderMarkdown(big, kramdownOptions(index.site.config.raw)));
  rows.push(`| seed post (${(files[seedPath]!.length / 1024).toFixed(1)} KB) | 1 | ${ms(seed)} | |`);
  rows.push(`| a 1 MB post (${(big.length / 1e6).toFixed(2)} MB, Markdown stage alone ${ms(megaMarkdown)} ms) | 1 | ${ms(mega)} | |`);

  // The Markdown stage alone per post, ours and kramdown's, same posts, same run.
  const docSites = await Promise.all(sites.map((s) => collectDocs(s.name, s.dir)));
  const kramdown = WITH_KRAMDOWN ? safeKramdown(docSites) : undefined;
  rows.push('', '| site | documents | Markdown stage median ms/post | kramdown median ms/post |', '|---|---:|---:|---:|');
  const allOurs: number[] = [];
  const allTheirs: number[] = [];
  for (const s of docSites) {
    const ours: number[] = [];
    const theirs: number[] = [];
    const options = kramdownOptions(s.config);
    for (const d of s.docs) {
      ours.push(await time(() => renderMarkdown(d.body, options, { lineOffset: d.lineOffset })));
      const k = kramdown?.get(d)?.ms;
      if (k !== undefined) theirs.push(k);
    }
    allOurs.push(...ours);
    allTheirs.push(...theirs);
    rows.push(`| ${s.name} | ${s.docs.length} | ${ms(median(ours))} | ${ms(median(theirs))} |`);
  }
  rows.push(`| **all** | ${allOurs.length} | **${ms(median(allOurs))}** | **${ms(median(allTheirs))}** |`);
  console.log(rows.join('\n'));
  if (skipped.length) console.log(`\nskipped: ${skipped.join(', ')}`);
  if (!kramdown && WITH_KRAMDOWN) console.log('\nkramdown: not timed (no ruby with Jekyll 4.3)');
  console.log(`\ntargets: Markdown stage ≤ 1.5 ms median per post; full render ≤ 10 ms (typical post), ≤ 300 ms (1 MB) — reported, not asserted`);
}

function safeKramdown(docSites: Parameters<typeof runKramdown>[0]): ReturnType<typeof runKramdown> | undefined {
  try {
    return runKramdown(docSites, true);
  } catch {
    return undefined;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
