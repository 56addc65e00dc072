import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { generateSite } from '../../../bench/generate';
import { checkSite, type FileProblems, type RuleSettings } from '../../../src/core/check';
import { RULES } from '../../../src/core/rules';
import { loadSite } from '../../../src/core/site';
import { buildIndex } from '../../../src/core/siteIndex';
import type { SiteFs } from '../../../src/core/siteFs';
import { nodeFs } from '../../../src/node/nodeFs';
import { testSites } from '../../util/paths';

const NOW = Date.UTC(2026, 0, 1);

/** V8's full garbage collection, exposed at run time. */
function collector(): () => void {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc') as () => void;
}

/** The node file system, counting how often each file is read. */
function countingFs(): { fs: SiteFs; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const fs: SiteFs = {
    readFile: (path) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return nodeFs.readFile(path);
    },
    readDirectory: (path) => nodeFs.readDirectory(path),
    stat: (path) => nodeFs.stat(path),
  };
  return { fs, reads };
}

/** Both ways of checking a whole site: in one read (no index given), and each file against a complete index. */
async function bothWays(root: string, rules?: RuleSettings): Promise<{ oneRead: FileProblems[]; withIndex: FileProblems[]; reads: Map<string, number> }> {
  const site = await loadSite(nodeFs, root);
  const { fs, reads } = countingFs();
  const oneRead = await checkSite(fs, site, { nowMs: NOW, rules });
  const index = await buildIndex(nodeFs, site, () => NOW);
  const withIndex = await checkSite(nodeFs, site, { nowMs: NOW, rules, index });
  return { oneRead, withIndex, reads };
}

const SITE_WIDE = RULES.filter((r) => r.siteWide !== undefined).map((r) => r.id);

/**
 * The whole-site check reads each file once; the rules that compare posts (SiteWide)
 * report at the end, from what they noted. Its result must be exactly what checking
 * every file against the complete index gives.
 */
describe('checkSite in one read', () => {
  let generated: string;
  let small: string;
  before(function () {
    this.timeout(60_000);
    const tmp = mkdtempSync(join(tmpdir(), 'jekyll-posts-check-'));
    generated = tmp + '/generated';
    generateSite(generated, { posts: 1000, seed: 7 }); // 1,000 posts: two pairs of posts share a URL
    // Each problem here shows only once a post read after the one it is on is known (the link to b is not broken).
    small = tmp + '/small';
    const files: Record<string, string> = {
      '_config.yml': 'title: Small\n',
      '_posts/2024-01-01-a.md': '---\ntags: [Web]\n---\n{% link _posts/2024-01-05-e.md %} {% post_url 2024-01-05-e %} {% link _posts/2024-01-02-b.md %}\n',
      '_posts/2024-01-02-b.md': '---\ntags: [web]\npermalink: /same/\n---\nB\n',
      '_posts/2024-01-03-c.md': '---\ntags: [web]\npermalink: /same/\n---\nC\n',
      '_posts/2024-01-05-e.md': '---\npublished: false\n---\nE\n',
      'about.md': '---\ntitle: About\n---\n{% post_url 2024-01-05-e %}\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(small, rel)), { recursive: true });
      writeFileSync(join(small, rel), text);
    }
  });
  after(() => rmSync(join(generated, '..'), { recursive: true, force: true }));

  it('finds what checking each file against the complete index finds, on every site', async function () {
    this.timeout(120_000);
    const seen = new Map<string, number>();
    for (const root of [...testSites(), generated, small]) {
      const { oneRead, withIndex } = await bothWays(root);
      assert.deepStrictEqual(oneRead, withIndex, root);
      for (const f of oneRead) for (const p of f.problems) seen.set(p.code, (seen.get(p.code) ?? 0) + 1);
    }
    // Every site-wide rule reported somewhere, so the comparison covers the second pass.
    for (const id of SITE_WIDE) assert.ok((seen.get(id) ?? 0) > 0, `no ${id} on any site`);
  });

  it('reports what only the posts read later show', async () => {
    const { oneRead } = await bothWays(small);
    const found = oneRead.map((f) => `${f.path.slice(small.length + 1)}: ${f.problems.map((p) => p.code).join(' ')}`);
    assert.deepStrictEqual(found, [
      '_posts/2024-01-01-a.md: taxonomy-variant broken-post-url broken-link',
      '_posts/2024-01-02-b.md: duplicate-url',
      '_posts/2024-01-03-c.md: duplicate-url',
      'about.md: broken-post-url',
    ]);
  });

  it('honours jekyll.rules in both passes', async function () {
    this.timeout(60_000);
    const rules: RuleSettings = { 'taxonomy-variant': 'off', 'duplicate-url': 'error', 'date-without-offset': 'off', 'broken-post-url': 'hint' };
    const { oneRead, withIndex } = await bothWays(generated, rules);
    assert.deepStrictEqual(oneRead, withIndex);
    const codes = new Set(oneRead.flatMap((f) => f.problems.map((p) => `${p.code} ${p.severity}`)));
    assert.ok(!codes.has('taxonomy-variant information') && !codes.has('date-without-offset warning'));
    assert.ok(codes.has('duplicate-url error') && codes.has('broken-post-url hint'), [...codes].join(', '));
  });

  it('reads each file once', async function () {
    this.timeout(60_000);
    const { oneRead, reads } = await bothWays(generated);
    assert.ok(oneRead.some((f) => f.problems.some((p) => SITE_WIDE.includes(p.code))));
    const posts = [...reads.keys()].filter((p) => p.includes('/_posts/'));
    assert.ok(posts.length > 1000, `${posts.length} posts read`);
    assert.deepStrictEqual([...reads].filter(([, n]) => n !== 1), []);
  });

  it('keeps no post text alive through its problems', async function () {
    this.timeout(60_000);
    // 200 posts of 50 KB, each with problems that quote it (a date, Liquid in code).
    const root = join(small, '..', 'big');
    const body = '```liquid\n{{ page.title }} is long enough to be quoted\n```\n' + 'Lorem ipsum dolor sit amet. '.repeat(1800);
    for (let i = 0; i < 200; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const rel = `_posts/2024-02-${day}-post-number-${i}.md`;
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), `---\ntitle: Post ${i}\ndate: 2024-02-${day} 10:00:00\ntags: web development\n---\n${body}`);
    }
    writeFileSync(join(root, '_config.yml'), 'timezone: America/New_York\n');
    const site = await loadSite(nodeFs, root);
    const index = await buildIndex(nodeFs, site, () => NOW);
    const gc = collector();
    // Both ways: in one read, and against a live index (the editor's Check All).
    for (const options of [{ nowMs: NOW }, { nowMs: NOW, index }]) {
      gc();
      const before = process.memoryUsage().heapUsed;
      const out = await checkSite(nodeFs, site, options);
      gc();
      const held = process.memoryUsage().heapUsed - before;
      assert.ok(out.length === 200 && out.every((f) => f.problems.some((p) => p.code === 'liquid-in-code') && f.problems.some((p) => p.code === 'date-without-offset')));
      // The texts are 10 MB; the problems and their fixes are a small part of that.
      assert.ok(held < 3 * 2 ** 20, `${(held / 2 ** 20).toFixed(1)} MB held by ${out.length} files' problems`);
    }
  });

  it('stops early when cancelled', async () => {
    const site = await loadSite(nodeFs, generated);
    const { fs, reads } = countingFs();
    let asked = 0;
    const out = await checkSite(fs, site, { nowMs: NOW, isCancelled: () => ++asked > 20 });
    assert.ok(reads.size < 60, `${reads.size} files read after cancelling`);
    assert.ok(out.length <= 20);
  });
});
