import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../util/paths';
import { checkParsed, documentFor } from '../../../src/core/check';
import { readConfig } from '../../../src/core/config';
import { RULES } from '../../../src/core/rules';
import { applyEdits } from '../../util/edits';
import { NOW, testSite, type TestSite } from '../../util/site';

/** Front-matter lines in the forms real posts use, and broken variants of them. */
const LINES = [
  'title: Budget preview', 'title: "Quoted: title"', "title: 'It''s here'", 'title: ViMax: Agentic', 'layout: post', 'layout: postt', 'layout: none',
  'date: 2025-08-19T14:46:44', 'date: 2025-08-19 14:46:44 +0100', 'date: yesterday', 'date: 2025-02-30', 'date:', 'date: "2025-08-19"',
  'categories: [News, Politics]', 'categories: web development', 'categories:\n  - a\n  - b', 'category: Economy', 'categories: 2023',
  'tags: [Politics, politics]', 'tags: classic hollywood', 'tag: one', 'tags:\n- x\n- y', 'published: "false"', 'published: flase', 'published: false',
  'author: badely', 'author: sal', 'authors: [sal, zed]', 'image: assets/images/a.png', 'image: /missing.png', 'image:\n  path: x.png',
  'permalink: /:title/', 'title: "unclosed', 'tags: [a, b', '\tbad: tab', 'a: *nope', ':sym: x', '# comment', '', 'x: Hereâ€™s',
];

function post(lines: string[], opts: { bom: boolean; crlf: boolean; close: string; lead: string; body: string }): string {
  const text = `${opts.lead}---\n${lines.join('\n')}\n${opts.close}\n${opts.body}`;
  return (opts.bom ? '\uFEFF' : '') + (opts.crlf ? text.replace(/\n/g, '\r\n') : text);
}

const postArb = fc.record({
  lines: fc.array(fc.constantFrom(...LINES), { maxLength: 8 }),
  bom: fc.boolean(),
  crlf: fc.boolean(),
  close: fc.constantFrom('---', '...', '', '--- '),
  lead: fc.constantFrom('', '', '\n', ' '),
  body: fc.constantFrom('Body\n', '```\n{{ x }}\n```\n', '{% post_url 2025-01-01-nope %}\n', '{% include nope.html %}\n', 'Hereâ€™s text\n', ''),
  name: fc.constantFrom('2025-08-19-x.md', 'notes.md', '_x.md', '2025-13-45-y.md', '2025-02-30-z.md'),
});

let site: TestSite;

describe('every rule, on random and broken front matter (fast-check)', function () {
  this.timeout(60_000);
  before(async () => {
    site = await testSite({
      '_config.yml': 'timezone: Europe/London\nauthors:\n  sal:\n    name: Sal\n',
      '_layouts/post.html': '{{ content }}',
      '_posts/2025-01-01-existing.md': '---\ntitle: E\ntags: [Politics, Politics, politics]\n---\n',
      'assets/images/a.png': 'x',
    });
  });

  it('no rule throws, and every fix applies, keeps the YAML readable and removes its own problem', () => {
    fc.assert(
      fc.property(postArb, fc.string({ maxLength: 40 }), (p, noise) => {
        for (const text of [post(p.lines, p), post(p.lines, p) + noise, noise + post(p.lines, p)]) {
          const path = '/site/_posts/' + p.name;
          const doc = documentFor(site.site, path, text);
          if (!doc) continue;
          const errors: string[] = [];
          const problems = checkParsed(doc, site.site, { index: site.index, nowMs: NOW, onRuleError: (r, e) => errors.push(`${r}: ${String(e)}`) });
          assert.deepEqual(errors, []);
          for (const problem of problems) {
            for (const fix of problem.fixes) {
              if (fix.rename) continue;
              if (fix.otherFiles) {
                // A fix in another file (an author added to _config.yml): that file must still read, with the new entry.
                for (const other of fix.otherFiles) {
                  assert.equal(other.path, '/site/_config.yml');
                  const config = readConfig(applyEdits(site.site.config.text!, other.edits));
                  assert.ok(config.readable, `${problem.code} fix broke _config.yml`);
                }
                continue;
              }
              const fixed = applyEdits(doc.text, fix.edits);
              const again = documentFor(site.site, path, fixed);
              const after = again ? checkParsed(again, site.site, { index: site.index, nowMs: NOW }) : [];
              const same = after.filter((q) => q.code === problem.code && q.range.start.line === problem.range.start.line && q.message === problem.message);
              const fewer = after.filter((q) => q.code === problem.code).length < problems.filter((q) => q.code === problem.code).length;
              assert.ok(same.length === 0 || fewer, `${problem.code} fix "${fix.title}" did not remove it in ${JSON.stringify(doc.text)}`);
              if (problem.code !== 'invalid-yaml' && again?.frontMatter && doc.frontMatter?.yaml.errors.length === 0) {
                assert.deepEqual(again.frontMatter.yaml.errors, [], `${problem.code} fix broke the YAML: ${JSON.stringify(fixed)}`);
              }
            }
          }
        }
      }),
      { numRuns: 400, seed: 20261128 },
    );
  });

  it('survives hostile input: a huge front matter, an alias bomb, ---js, binary bytes', () => {
    const bomb = '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n';
    const huge = '---\n' + Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n') + '\n---\n';
    const js = "---js\n{ title: require('child_process').execSync('touch /tmp/jekyll-posts-pwned') }\n---\n";
    const binary = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
    for (const text of [bomb, huge, js, binary]) {
      const doc = documentFor(site.site, '/site/_posts/2025-01-01-h.md', text);
      if (!doc) continue;
      const errors: string[] = [];
      checkParsed(doc, site.site, { index: site.index, nowMs: NOW, onRuleError: (r, e) => errors.push(`${r}: ${String(e)}`) });
      assert.deepEqual(errors, []);
    }
  });

  it('has a test file per rule', () => {
    const dir = join(repoRoot(), 'test/unit/rules');
    const tests = readdirSync(dir).join('\n');
    const sources = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const r of RULES) assert.ok(sources.includes(`rule ${r.id}'`) || tests.includes(r.id), `no test for ${r.id}`);
  });
});
