import * as assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem';
import { applyFix, only, textAt } from '../../util/edits';
import { testSite, type TestSite } from '../../util/site';

const POST = '_posts/2024-05-01-launch.md';

function post(frontMatter: string): string {
  return `---\nlayout: post\ntitle: Launch # the big one\n${frontMatter}date: 2024-05-01 10:00:00 +0000\n---\nBody with categories: web development in it.\n`;
}

describe('rule taxonomy-space-string', () => {
  let site: TestSite;
  before(async () => {
    site = await testSite({ '_config.yml': 'timezone: UTC\n', [POST]: post('') });
  });
  const check = (text: string): Problem[] => site.check(POST, text).filter((p) => p.code === 'taxonomy-space-string');

  it('flags `categories: web development` on the string, naming both categories and the URL', () => {
    const text = post('categories: web development   # two words\n');
    const p = only(check(text), 'taxonomy-space-string');
    assert.equal(p.severity, 'warning');
    assert.equal(textAt(text, p), 'web development');
    assert.deepEqual(p.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 27 } });
    assert.match(p.message, /2 categories: `web`, `development`/);
    assert.match(p.message, /URL: `\/web\/development\/2024\/05\/01\/launch\.html`/);
  });

  it('fixes it with the list Jekyll makes, or one value — the rest of the file byte-identical', () => {
    const text = post('categories: web development   # two words\n');
    const [list, one, ...rest] = only(check(text), 'taxonomy-space-string').fixes;
    assert.equal(rest.length, 0);
    assert.equal(list!.preferred, undefined, 'the author chooses');
    assert.equal(applyFix(text, list!), post('categories: [web, development]   # two words\n'));
    assert.equal(applyFix(text, one!), post('categories: ["web development"]   # two words\n'));
    for (const f of [list!, one!]) assert.deepEqual(check(applyFix(text, f)), []);
  });

  it('flags `tags: "classic hollywood"` and keeps the double quotes', () => {
    const text = post('tags: "classic hollywood"\n');
    const p = only(check(text), 'taxonomy-space-string');
    assert.equal(textAt(text, p), '"classic hollywood"');
    assert.match(p.message, /2 tags: `classic`, `hollywood`/);
    assert.doesNotMatch(p.message, /URL/);
    assert.deepEqual(
      p.fixes.map((f) => applyFix(text, f)),
      [post('tags: ["classic", "hollywood"]\n'), post('tags: ["classic hollywood"]\n')],
    );
  });

  it("keeps single quotes (doubling a quote inside)", () => {
    const text = post("tags: 'rock n'' roll'\n");
    const p = only(check(text), 'taxonomy-space-string');
    assert.deepEqual(
      p.fixes.map((f) => applyFix(text, f)),
      [post("tags: ['rock', 'n''', 'roll']\n"), post("tags: ['rock n'' roll']\n")],
    );
  });

  it('offers the split at commas first when the string has commas (Jekyll keeps the comma in the tag)', () => {
    const text = post('tags: jekyll, ruby on rails\n');
    const p = only(check(text), 'taxonomy-space-string');
    assert.match(p.message, /`jekyll,`, `ruby`, `on`, `rails`/);
    assert.match(p.message, /comma separates nothing/);
    const [commas, list, one] = p.fixes;
    assert.equal(commas!.preferred, true);
    assert.equal(applyFix(text, commas!), post('tags: [jekyll, "ruby on rails"]\n'));
    assert.equal(applyFix(text, list!), post('tags: ["jekyll,", ruby, "on", rails]\n'));
    assert.equal(applyFix(text, one!), post('tags: ["jekyll, ruby on rails"]\n'));
  });

  it('flags a folded multi-line string too', () => {
    const text = post('tags: >\n  classic\n  hollywood\n');
    const p = only(check(text), 'taxonomy-space-string');
    assert.equal(applyFix(text, p.fixes[0]!), post('tags: [classic, hollywood]\n'));
  });

  it('is silent on lists, single words, the singular keys, and `tags` that `tag` overrides', () => {
    for (const fm of [
      'categories: [web development]\ntags: ["classic hollywood"]\n',
      'categories:\n  - web development\ntags: jekyll\n',
      'category: web development\ntag: classic hollywood\n',
      'tag: film\ntags: classic hollywood\n',
      'categories:\ntags: []\n',
    ]) {
      assert.deepEqual(check(post(fm)), [], fm);
    }
  });
});
