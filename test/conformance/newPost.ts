/**
 * New Post against the real Jekyll: `node dist/cli.js new` creates posts in
 * temp copies of fixture sites (zones east and west of UTC, a site without
 * `timezone:` read in the machine's zone, instants just before and just after
 * local midnight, collections_dir, a categories-by-path folder, a site whose
 * `defaults:` give the layout, slug modes, a hostile title, a draft), then
 * test/conformance/jekyll-read.rb reads each copy. Every created file must be
 * a post (or draft) Jekyll reads without a YAML error, with exactly the date,
 * slug, URL, title and layout the CLI predicted.
 *
 *   node esbuild.mjs && node out/test/conformance/newPost.js
 *
 * Then every title of the slugify corpus (test/conformance/slugify.ts) goes
 * through the front matter New Post writes (`title:` quoted or not by
 * yamlString) into Jekyll's own YAML loader (Jekyll::Utils.safe_load_yaml):
 * the title must come back exactly, with no error. Each title is one check.
 *
 * Prints one line per case and `N passed, N failed`; exit 1 on any failure.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanTitle, yamlString } from '../../src/core/newPost';
import { repoRoot } from '../util/paths';
import { generatedTitles, HAND_PICKED } from './titles';

interface Case {
  title: string;
  /** The instant "now" (JEKYLL_POSTS_NOW). */
  now: string;
  /** What it shows, for the output. */
  why: string;
  args?: string[];
  draft?: boolean;
}

interface SiteCases {
  name: string;
  /** Folder to copy (relative to the repository), or undefined for a generated site. */
  source?: string;
  /** Files of a generated site. */
  files?: Record<string, string>;
  /** The machine's zone (TZ) for both sides; matters only without `timezone:`. */
  tz: string;
  cases: Case[];
}

const SITES: SiteCases[] = [
  {
    name: 'fixtures/dates-new-york',
    source: 'test/fixtures/dates-new-york',
    tz: 'UTC',
    cases: [
      { title: 'Hello, World! C++ & .NET', now: '2025-03-10T03:59:30Z', why: '23:59:30 EDT: still the 9th in New York, already the 10th in UTC' },
      { title: 'Just after midnight', now: '2025-11-02T04:00:30Z', why: '00:00:30 EDT on the day DST ends' },
      { title: 'No offset in the format', now: '2025-07-04T13:00:00Z', why: "date format without %z: written quoted, read in the site's zone", args: ['--date-format', '%Y-%m-%d %H:%M:%S'] },
    ],
  },
  {
    name: 'fixtures/dates-london',
    source: 'test/fixtures/dates-london',
    tz: 'UTC',
    cases: [
      { title: 'Café déjà vu — 日本語', now: '2025-08-19T23:00:30Z', why: '00:00:30 BST: the 20th in London, the 19th in UTC' },
      { title: 'Café déjà vu — 日本語', now: '2025-01-01T00:00:05Z', why: 'slug mode latin, New Year (GMT)', args: ['--slug-mode', 'latin'] },
      { title: "v1.2.3 (beta) — what's new?", now: '2025-05-05T12:00:00Z', why: 'slug mode pretty keeps dots and parentheses', args: ['--slug-mode', 'pretty'] },
      { title: '../../etc/passwd', now: '2025-05-06T12:00:00Z', why: 'a hostile title stays in _posts' },
      { title: 'yes', now: '2025-05-07T12:00:00Z', why: 'a title YAML 1.1 reads as a boolean is quoted' },
    ],
  },
  {
    name: 'generated/no-timezone (TZ=Asia/Kolkata)',
    files: { '_config.yml': 'title: No timezone\n', '_posts/.keep': '' },
    tz: 'Asia/Kolkata',
    cases: [{ title: 'Machine zone after midnight', now: '2025-06-30T18:30:30Z', why: "no timezone: the machine's, 00:00:30 IST on 1 July, 30 June in UTC" }],
  },
  {
    name: 'fixtures/collections-dir',
    source: 'test/fixtures/collections-dir',
    tz: 'UTC',
    cases: [{ title: 'Inside collections_dir', now: '2025-02-02T10:00:00Z', why: 'lands in my_collections/_posts' }],
  },
  {
    name: 'fixtures/filenames',
    source: 'test/fixtures/filenames',
    tz: 'UTC',
    cases: [{ title: 'Path categories', now: '2025-02-03T10:00:00Z', why: 'en/news/_posts: categories from the path', args: ['--folder', 'en/news/_posts'] }],
  },
  {
    name: 'examples/news-site',
    source: 'examples/news-site',
    tz: 'UTC',
    cases: [
      { title: 'Budget: what it means for you', now: '2025-10-30T00:30:00Z', why: 'layout from defaults (not written), a colon in the title, 00:30 GMT' },
      { title: 'A draft idea', now: '2025-10-30T09:00:00Z', why: 'a draft: slug and title (its date is the file time)', draft: true },
    ],
  },
];

interface Predicted {
  path: string;
  date: string;
  slug: string;
  url: string | null;
  title: string;
  layout: string | null;
}

interface JekyllPost {
  path: string;
  date: string | null;
  slug: string | null;
  url: string | { error: string };
  title: string | null;
  layout: string | null;
  draft: boolean;
  front_matter_error: boolean;
}

function copySite(site: SiteCases, dir: string): void {
  if (site.source) fs.cpSync(path.join(repoRoot(), site.source), dir, { recursive: true });
  for (const [rel, text] of Object.entries(site.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

export function main(): number {
  const cli = path.join(repoRoot(), 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js not found: build first with `node esbuild.mjs`');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-posts-new-'));
  let passed = 0;
  let failed = 0;
  try {
    SITES.forEach((site, i) => {
      const dir = path.join(tmp, String(i));
      copySite(site, dir);
      const made: Array<{ c: Case; predicted?: Predicted; error?: string }> = [];
      for (const c of site.cases) {
        const r = spawnSync(process.execPath, [cli, 'new', c.title, '--site', dir, '--json', ...(c.draft ? ['--draft'] : []), ...(c.args ?? [])], {
          env: { ...process.env, JEKYLL_POSTS_NOW: c.now, TZ: site.tz },
          encoding: 'utf8',
        });
        if (r.status !== 0) made.push({ c, error: `cli exit ${String(r.status)}: ${r.stderr.trim()}` });
        else made.push({ c, predicted: JSON.parse(r.stdout) as Predicted });
      }
      const read = spawnSync('ruby', [path.join(repoRoot(), 'test/conformance/jekyll-read.rb'), dir], { env: { ...process.env, TZ: site.tz }, encoding: 'utf8', maxBuffer: 1 << 26 });
      if (read.status !== 0) throw new Error(`jekyll-read.rb failed on ${site.name}: ${read.stderr}`);
      const jekyll = JSON.parse(read.stdout) as { posts: JekyllPost[]; yaml_exceptions: Array<{ file: string; message: string }>; read_errors: Array<{ file: string; message: string }> };
      for (const { c, predicted, error } of made) {
        const label = `${site.name} ${JSON.stringify(c.title)}${c.args ? ' ' + c.args.join(' ') : ''} @ ${c.now} (${c.why})`;
        const problems: string[] = [];
        if (error || !predicted) problems.push(error ?? 'no prediction');
        else {
          const post = jekyll.posts.find((p) => p.path === predicted.path);
          const yamlError = [...jekyll.yaml_exceptions, ...jekyll.read_errors].find((e) => e.file === predicted.path);
          const inside = /(^|\/)_(posts|drafts)\/[^/]+$/.test(predicted.path) && !predicted.path.split('/').includes('..');
          if (!inside) problems.push(`path outside _posts/_drafts: ${predicted.path}`);
          if (yamlError) problems.push(`Jekyll: ${yamlError.message}`);
          if (!post) problems.push(`Jekyll does not read ${predicted.path} as a ${c.draft ? 'draft' : 'post'}`);
          else {
            const fields: Array<[string, unknown, unknown]> = [
              ['slug', post.slug, predicted.slug],
              ['title', post.title, predicted.title],
              ['layout', post.layout, predicted.layout],
              ['draft', post.draft, c.draft === true],
              ['front matter error', post.front_matter_error, false],
            ];
            // A draft's date (so its date-based URL) is the file's modification time.
            if (!c.draft) fields.push(['date', post.date, predicted.date], ['url', post.url, predicted.url]);
            for (const [name, theirs, ours] of fields) if (JSON.stringify(theirs) !== JSON.stringify(ours)) problems.push(`${name}: jekyll ${JSON.stringify(theirs)} | ours ${JSON.stringify(ours)}`);
          }
        }
        if (problems.length === 0) {
          passed++;
          console.log(`ok   ${label}\n     ${predicted!.path}  ${c.draft ? '' : predicted!.date + '  ' + String(predicted!.url)}`);
        } else {
          failed++;
          console.log(`FAIL ${label}\n     ${problems.join('\n     ')}`);
        }
      }
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const titles = titleRoundTrip();
  passed += titles.passed;
  failed += titles.failed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

/** Each title, written as New Post writes it, read back by Jekyll's YAML loader. */
function titleRoundTrip(): { passed: number; failed: number } {
  const titles = [...new Set([...HAND_PICKED, ...generatedTitles(1200)].map(cleanTitle).filter((t) => t !== ''))];
  const input = titles.map((t) => JSON.stringify(`---\ntitle: ${yamlString(t)}\n`)).join('\n') + '\n';
  const script = 'require "jekyll"; require "json"; $stdin.each_line { |l| y = JSON.parse(l); begin; puts JSON.generate(Jekyll::Utils.safe_load_yaml(y)["title"].to_s); rescue => e; puts JSON.generate("ERROR #{e.class}: #{e.message}"); end }';
  const r = spawnSync('ruby', ['-e', script], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`ruby failed: ${r.stderr}`);
  const lines = r.stdout.trimEnd().split('\n');
  let passed = 0;
  let failed = 0;
  titles.forEach((t, i) => {
    const back = JSON.parse(lines[i] ?? '"(no output)"') as string;
    if (back === t) passed++;
    else {
      failed++;
      console.log(`FAIL title ${JSON.stringify(t)} written as ${JSON.stringify(yamlString(t))}: Jekyll reads ${JSON.stringify(back)}`);
    }
  });
  console.log(`titles through Jekyll's YAML loader: ${passed}/${titles.length} read back exactly`);
  return { passed, failed };
}

if (require.main === module) process.exitCode = main() === 0 ? 0 : 1;
