/**
 * The Markdown stage's speed: median milliseconds per post over the corpora
 * (../shared/corpora/* and examples/news-site), ours against kramdown's
 * (Jekyll 4.3.1's converter, timed inside Ruby by
 * test/conformance/kramdown-convert.rb, in the same run), plus a 1 MB post.
 * Prints a table; never fails on time (the machines are shared and noisy:
 * read the ratios).
 *
 *   node esbuild.mjs && node out/bench/markdown.js [--runs N]
 */
import { collectDocs, runKramdown, siteDirs, type Doc, type SiteDocs } from '../test/conformance/kramdown';
import { kramdownOptions, renderMarkdown } from '../src/core/render/markdown';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Our time for one document: median of RUNS renders after one warm-up. */
function timeOurs(doc: Doc): number {
  const options = kramdownOptions(doc.config);
  renderMarkdown(doc.body, options, { lineOffset: doc.lineOffset });
  const ts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    renderMarkdown(doc.body, options, { lineOffset: doc.lineOffset });
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

async function main(): Promise<void> {
  const { sites: all, skipped } = siteDirs();
  const dirs = all.filter((s) => !s.name.startsWith('fixtures/'));
  for (const s of skipped) console.log(`skipped: ${s}`);
  const sites: SiteDocs[] = [];
  for (const s of dirs) sites.push(await collectDocs(s.name, s.dir));

  // A 1 MB post: the corpus bodies one after another.
  let big = '';
  for (const site of sites) for (const d of site.docs) if (big.length < 1_000_000) big += d.body + '\n\n';
  while (big.length > 0 && big.length < 1_000_000) big += big;
  big = big.slice(0, 1_000_000);
  const bigSite: SiteDocs = { name: '1 MB post', dir: sites[0]?.dir ?? process.cwd(), config: sites[0]?.config ?? {}, docs: [] };
  if (big) bigSite.docs.push({ site: bigSite.name, rel: '1mb.md', body: big, lineOffset: 0, config: bigSite.config });

  console.log(`kramdown (Ruby, one process, this run) over ${sites.reduce((n, s) => n + s.docs.length, 0)} posts…`);
  const reference = runKramdown([...sites, bigSite], true);

  const rows: string[][] = [['corpus', 'posts', 'ours median ms', 'ours p90', 'kramdown median ms', 'kramdown p90', 'kramdown / ours']];
  const allOurs: number[] = [];
  const allTheirs: number[] = [];
  const line = (name: string, ours: number[], theirs: number[]): string[] => [
    name,
    String(ours.length),
    median(ours).toFixed(3),
    quantile(ours, 0.9).toFixed(3),
    median(theirs).toFixed(3),
    quantile(theirs, 0.9).toFixed(3),
    (median(theirs) / median(ours)).toFixed(1) + '×',
  ];
  for (const site of [...sites, bigSite]) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (const doc of site.docs) {
      ours.push(timeOurs(doc));
      const ms = reference.get(doc)?.ms;
      if (ms !== undefined) theirs.push(ms);
    }
    if (site !== bigSite) {
      allOurs.push(...ours);
      allTheirs.push(...theirs);
      rows.push(line(site.name, ours, theirs));
    } else {
      rows.push(line('all posts', allOurs, allTheirs));
      if (ours.length) rows.push(line(site.name, ours, theirs));
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n'));
  console.log(`(ours: median of ${RUNS} renders per post after a warm-up; kramdown: one conversion per post, after a warm-up per site, inside Ruby)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
