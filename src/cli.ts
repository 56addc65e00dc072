import { resolve, relative, sep } from 'node:path';
import { checkDocument, checkSite, type FileProblems } from './core/check';
import { articleHtml, renderArticle } from './core/render/article';
import { JekyllLiquid } from './core/render/liquid';
import { buildIndex } from './core/siteIndex';
import type { Problem } from './core/problem';
import { mkdir, writeFile } from 'node:fs/promises';
import { DEFAULT_TEMPLATE, describePlanError, isSlugMode, planNewPost } from './core/newPost';
import { loadSite, readText } from './core/site';
import { readSitePosts } from './core/sitePosts';
import { dirname, discoverSites, relativePath, siteFor } from './core/siteFs';
import { nodeFs } from './node/nodeFs';

const USAGE = `Usage: jekyll-posts <command> [options]

Commands:
  check [site]   Check every post of the site (default: the current folder)
                 --format text|json|sarif   (default: text)
                 exits 1 when an error is found
  posts [site]   What Jekyll makes of each post: date, slug, URL, categories,
                 tags, published, layout  (--json for JSON)
  new "Title"    Create a post named, dated and filled in as Jekyll reads it,
                 never over an existing file   --draft  --site dir
                 --folder en/news/_posts  --slug-mode raw|default|pretty|ascii|latin
                 --date-format '%Y-%m-%d %H:%M:%S %z'  --json
                 (the time is now, or $JEKYLL_POSTS_NOW: ISO 8601 or epoch ms)
  render POST    The article HTML the preview shows: header card, then the
                 body (Liquid, then kramdown-compatible Markdown)  --site dir

Options:
  -h, --help     Show this help
  -v, --version  Show the version`;

declare const __VERSION__: string | undefined;

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('-') && ['format', 'site', 'folder', 'slug-mode', 'date-format'].includes(a.slice(2))) flags.set(a.slice(2), argv[++i]!);
      else flags.set(a.slice(2), true);
    } else if (a === '-h') flags.set('help', true);
    else if (a === '-v') flags.set('version', true);
    else positional.push(a);
  }
  return { positional, flags };
}

class UsageError extends Error {}

async function sitesIn(dir: string): Promise<string[]> {
  const root = toPosix(resolve(dir));
  const st = await nodeFs.stat(root);
  if (!st) throw new UsageError(`No such folder: ${dir}`);
  const sites = await discoverSites(nodeFs, root);
  if (sites.length === 0) throw new UsageError(`No Jekyll site in ${dir} (no _config.yml or _posts folder).`);
  return sites;
}

async function check(args: Args, out: (s: string) => void): Promise<number> {
  const format = args.flags.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`Unknown format: ${String(format)}`);
  const results: Array<{ root: string; files: FileProblems[] }> = [];
  for (const root of await sitesIn(args.positional[1] ?? '.')) {
    const site = await loadSite(nodeFs, root);
    results.push({ root, files: await checkSite(nodeFs, site) });
  }
  const all = results.flatMap((r) => r.files.flatMap((f) => f.problems));
  if (format === 'json') {
    const json = results.map((r) => ({ site: r.root, problems: r.files.flatMap((f) => f.problems.map((p) => jsonProblem(relativePath(r.root, f.path) ?? f.path, p))) }));
    out(JSON.stringify(json.length === 1 ? json[0] : json, null, 2));
  } else if (format === 'sarif') {
    out(JSON.stringify(sarif(results), null, 2));
  } else {
    for (const r of results) {
      for (const f of r.files) {
        const file = toPosix(relative(process.cwd(), f.path)) || f.path;
        for (const p of f.problems) out(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.code} ${p.message}`);
      }
    }
    const count = (s: string): number => all.filter((p) => p.severity === s).length;
    out(`${all.length} problem${all.length === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}) in ${results.reduce((n, r) => n + r.files.length, 0)} file(s)`);
  }
  return all.some((p) => p.severity === 'error') ? 1 : 0;
}

async function posts(args: Args, out: (s: string) => void): Promise<number> {
  const json = args.flags.has('json');
  const results = [];
  for (const root of await sitesIn(args.positional[1] ?? '.')) {
    const site = await loadSite(nodeFs, root);
    const read = await readSitePosts(nodeFs, site, Date.now());
    results.push({ site: root, posts: read.posts, skipped: read.skipped, skipped_drafts: read.skippedDrafts });
  }
  if (json) {
    out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return 0;
  }
  for (const r of results) {
    for (const p of r.posts) {
      const flags = [p.draft ? 'draft' : '', p.published ? '' : 'unpublished', p.future ? 'future' : ''].filter(Boolean).join(', ');
      out(`${p.path}  ${p.date}  ${p.url ?? '(no URL)'}${flags ? `  [${flags}]` : ''}`);
    }
    for (const s of r.skipped) out(`${s}  (not a post: Jekyll skips it)`);
  }
  return 0;
}

async function render(args: Args, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const file = args.positional[1];
  if (file === undefined) throw new UsageError('render needs a post: jekyll-posts render _posts/2025-01-01-title.md');
  const path = toPosix(resolve(file));
  const siteFlag = args.flags.get('site');
  const roots = typeof siteFlag === 'string' ? await sitesIn(siteFlag) : await sitesIn(dirname(path)).catch(() => sitesAbove(path));
  const root = siteFor(roots, path);
  if (!root) throw new UsageError(`${file} is not inside a Jekyll site${typeof siteFlag === 'string' ? ` (${siteFlag})` : ''}.`);
  const text = await readText(nodeFs, path);
  if (text === undefined) throw new UsageError(`Cannot read ${file}`);
  const site = await loadSite(nodeFs, root);
  const index = await buildIndex(nodeFs, site);
  const article = await renderArticle(index, new JekyllLiquid(nodeFs, index), { path, text, nowMs: Date.now(), problems: checkDocument(text, path, site, { index }).length });
  if (!article) {
    err(`jekyll-posts: ${file} is not a post or draft Jekyll publishes.`);
    return 1;
  }
  out(articleHtml(article));
  return 0;
}

/** The site roots above a file (its folder's ancestors holding _config.yml or _posts). */
async function sitesAbove(path: string): Promise<string[]> {
  for (let dir = dirname(path); dir !== '/' && dir !== '.'; dir = dirname(dir)) {
    const found = await discoverSites(nodeFs, dir, 0);
    if (found.length > 0) return found;
  }
  return [];
}

async function newPost(args: Args, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const title = args.positional[1];
  if (title === undefined) throw new UsageError('new needs a title: jekyll-posts new "My Title"');
  const site = await sitesIn(String(args.flags.get('site') ?? '.'));
  if (site.length > 1) throw new UsageError(`Several sites in ${String(args.flags.get('site') ?? '.')}: choose one with --site (${site.join(', ')})`);
  const model = await loadSite(nodeFs, site[0]!);
  const mode = args.flags.get('slug-mode') ?? 'default';
  if (!isSlugMode(mode)) throw new UsageError(`Unknown slug mode: ${String(mode)}`);
  const nowEnv = process.env.JEKYLL_POSTS_NOW;
  const nowMs = nowEnv ? (/^\d+$/.test(nowEnv) ? Number(nowEnv) : Date.parse(nowEnv)) : Date.now();
  if (Number.isNaN(nowMs)) throw new UsageError(`JEKYLL_POSTS_NOW is not a date: ${nowEnv}`);
  const flag = (k: string): string | undefined => (typeof args.flags.get(k) === 'string' ? (args.flags.get(k) as string) : undefined);
  const plan = await planNewPost(nodeFs, model, {
    title,
    draft: args.flags.has('draft'),
    folder: flag('folder'),
    nowMs,
    slugMode: mode,
    dateFormat: flag('date-format'),
    templates: [`${model.root}/${DEFAULT_TEMPLATE}`],
  });
  if (!plan.ok) {
    err(`jekyll-posts: ${describePlanError(plan)}`);
    return 1;
  }
  const shown = toPosix(relative(process.cwd(), plan.path)) || plan.path;
  if (!plan.exists) {
    await mkdir(plan.path.slice(0, plan.path.lastIndexOf('/')), { recursive: true });
    // 'wx': fails when the file exists, so a file that appeared meanwhile is never overwritten either.
    plan.exists = await writeFile(plan.path, plan.content, { flag: 'wx' }).then(
      () => false,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') return true;
        throw e;
      },
    );
  }
  if (plan.exists) {
    err(`jekyll-posts: ${shown} already exists; nothing was written.`);
    return 1;
  }
  for (const w of plan.warnings) err(`jekyll-posts: warning: ${w.code}: ${w.detail}`);
  const p = plan.predicted;
  if (args.flags.has('json')) {
    out(JSON.stringify({ site: model.root, path: plan.relativePath, file: plan.path, draft: args.flags.has('draft'), source: plan.source, date: p.date, slug: p.slug, url: p.url ?? null, title: p.title, categories: p.categories, layout: p.layout }, null, 2));
  } else {
    out(`Created ${shown}`);
    out(`  date ${p.date}  url ${p.url ?? '(none)'}`);
  }
  return 0;
}

function jsonProblem(file: string, p: Problem): Record<string, unknown> {
  return {
    file,
    line: p.range.start.line + 1,
    column: p.range.start.character + 1,
    endLine: p.range.end.line + 1,
    endColumn: p.range.end.character + 1,
    severity: p.severity,
    code: p.code,
    message: p.message,
  };
}

function sarif(results: Array<{ root: string; files: FileProblems[] }>): unknown {
  const level = (s: string): string => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'jekyll-posts', informationUri: 'https://jekyllrb.com/docs/front-matter/', rules: [] } },
        results: results.flatMap((r) =>
          r.files.flatMap((f) =>
            f.problems.map((p) => ({
              ruleId: p.code,
              level: level(p.severity),
              message: { text: p.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: toPosix(relative(process.cwd(), f.path)) },
                    region: { startLine: p.range.start.line + 1, startColumn: p.range.start.character + 1, endLine: p.range.end.line + 1, endColumn: p.range.end.character + 1 },
                  },
                },
              ],
            })),
          ),
        ),
      },
    ],
  };
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n'), err: (s: string) => void = (s) => process.stderr.write(s + '\n')): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.has('version')) {
    out(typeof __VERSION__ === 'string' ? __VERSION__ : 'dev');
    return 0;
  }
  const command = args.positional[0];
  if (!command || args.flags.has('help')) {
    (command ? out : err)(USAGE);
    return command ? 0 : 2;
  }
  try {
    switch (command) {
      case 'check':
        return await check(args, out);
      case 'posts':
        return await posts(args, out);
      case 'render':
        return await render(args, out, err);
      case 'new':
        return await newPost(args, out, err);
      default:
        err(`jekyll-posts: unknown command '${command}'\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`jekyll-posts: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`jekyll-posts: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
