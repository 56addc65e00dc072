import * as assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/check';
import type { Problem } from '../../../src/core/problem';
import { applyFix, only, textAt } from '../../util/edits';
import { testSite, type TestSite } from '../../util/site';

const POST = '_posts/2024-05-01-launch.md';

function post(frontMatter: string): string {
  return `---\nlayout: post # keep\n${frontMatter}title: Launch\n---\nWeb body\n`;
}

/** A site where most posts write `web`, `Big Data` and the category `News`. */
function siteFiles(): Record<string, string> {
  const files: Record<string, string> = { '_config.yml': 'timezone: UTC\n', [POST]: post('') };
  for (let i = 1; i <= 5; i++) files[`_posts/2024-01-0${i}-a${i}.md`] = '---\ntags: [web, Big Data]\ncategories: News\n---\n';
  files['_posts/2024-02-01-b.md'] = '---\ntags: [Web, big-data]\ncategories: news\n---\n';
  files['_posts/2024-02-02-c.md'] = '---\ntags: [Ruby]\n---\n';
  files['_posts/2024-02-03-d.md'] = '---\ntags: [ruby]\n---\n';
  return files;
}

describe('rule taxonomy-variant', () => {
  let site: TestSite;
  before(async () => {
    site = await testSite(siteFiles());
  });
  const check = (text: string): Problem[] => site.check(POST, text).filter((p) => p.code === 'taxonomy-variant');

  it('flags a tag that differs only in case from the most used spelling, on the item', () => {
    const text = post('tags: [Web, jekyll]\n');
    const p = only(check(text), 'taxonomy-variant');
    assert.equal(p.severity, 'information');
    assert.equal(textAt(text, p), 'Web');
    assert.deepEqual(p.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 10 } });
    assert.equal(p.message, '`Web` is used by 1 post, `web` by 5 — Jekyll treats them as different tags.');
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, post('tags: [web, jekyll]\n'));
    assert.equal(p.fixes[0]!.preferred, true);
    assert.deepEqual(check(fixed), []);
  });

  it('handles separators (`big-data` → `Big Data`) and keeps quotes', () => {
    const text = post('tags:\n  - "big-data"   # item\n  - \'WEB\'\n');
    const ps = check(text);
    assert.deepEqual(ps.map((p) => textAt(text, p)), ['"big-data"', "'WEB'"]);
    assert.match(ps[0]!.message, /`big-data` is used by 1 post, `Big Data` by 5/);
    assert.equal(applyFix(text, ps[0]!.fixes[0]!), post('tags:\n  - "Big Data"   # item\n  - \'WEB\'\n'));
    assert.equal(applyFix(text, ps[1]!.fixes[0]!), post('tags:\n  - "big-data"   # item\n  - \'web\'\n'));
  });

  it('quotes a plain replacement inside a flow list only when it must', () => {
    const text = post('tags: [big_data]\n');
    assert.equal(applyFix(text, only(check(text), 'taxonomy-variant').fixes[0]!), post('tags: [Big Data]\n'));
  });

  it('flags one word of a space string (Jekyll splits it), with a fix when the spelling is one word', () => {
    const text = post('tags: jekyll Web big-data\ncategories: "NEWS politics"\n');
    const ps = check(text);
    assert.deepEqual(ps.map((p) => textAt(text, p)), ['Web', 'big-data', 'NEWS']);
    assert.equal(applyFix(text, ps[0]!.fixes[0]!), post('tags: jekyll web big-data\ncategories: "NEWS politics"\n'));
    assert.deepEqual(ps[1]!.fixes, [], '`Big Data` would split in two');
    assert.equal(ps[2]!.message, '`NEWS` is used by 1 post, `News` by 5 — Jekyll treats them as different categories.');
    assert.equal(applyFix(text, ps[2]!.fixes[0]!), post('tags: jekyll Web big-data\ncategories: "News politics"\n'));
  });

  it('checks `category:` and `tag:` (the key Jekyll uses)', () => {
    const text = post('category: news\ntag: WEB\ntags: [web]\n');
    const ps = check(text);
    assert.deepEqual(ps.map((p) => textAt(text, p)), ['WEB', 'news']);
  });

  it('breaks a tie by the spelling that sorts first', () => {
    const text = post('tags: [ruby]\n');
    assert.match(only(check(text), 'taxonomy-variant').message, /`ruby` is used by 1 post, `Ruby` by 1/);
    assert.deepEqual(check(post('tags: [Ruby]\n')), []);
  });

  it('is silent on the most used spellings, unrelated values, and without a site index', () => {
    assert.deepEqual(check(post('tags: [web, Big Data, jekyll]\ncategories: [News]\n')), []);
    const lone = checkDocument(post('tags: [Web]\n'), '/site/' + POST, site.site, { nowMs: 0 });
    assert.deepEqual(lone.filter((p) => p.code === 'taxonomy-variant'), []);
  });
});
