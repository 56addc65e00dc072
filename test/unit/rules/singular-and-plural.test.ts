import * as assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem';
import { applyFix, only, textAt } from '../../util/edits';
import { testSite, type TestSite } from '../../util/site';

const POST = '_posts/2024-05-01-launch.md';

function post(frontMatter: string): string {
  return `---\nlayout: post   # keep\ntitle: "Launch"\n${frontMatter}date: 2024-05-01 10:00:00 +0000\n---\ntag: body text stays\n`;
}

describe('rule singular-and-plural', () => {
  let site: TestSite;
  before(async () => {
    site = await testSite({
      '_config.yml': 'timezone: UTC\ndefaults:\n  - scope: { path: "_posts/2023" }\n    values: { tag: archive }\n',
      [POST]: post(''),
      '_posts/2023/2023-01-01-old.md': '---\ntags: [a, b]\n---\n',
    });
  });
  const check = (text: string, rel = POST): Problem[] => site.check(rel, text).filter((p) => p.code === 'singular-and-plural');

  it('flags `tags` given with `tag`, on the ignored value', () => {
    const text = post('tag: one\ntags: [two, three] # plural\n');
    const p = only(check(text), 'singular-and-plural');
    assert.equal(p.severity, 'warning');
    assert.equal(textAt(text, p), '[two, three]');
    assert.match(p.message, /uses `tag:` \(`one`\) and ignores `tags:` entirely/);
  });

  it('merges a flow list: the tag first, flow kept, the tag line removed', () => {
    const text = post('tag: one\ntags: [two, "three"] # plural\n');
    const fix = only(check(text), 'singular-and-plural').fixes[0]!;
    assert.equal(fix.preferred, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, post('tags: [one, two, "three"] # plural\n'));
    assert.deepEqual(check(fixed), []);
  });

  it('de-duplicates: a `tags` value equal to the tag moves to the front once', () => {
    const text = post('tags: [two, one, three]\ntag: one\n');
    const fixed = applyFix(text, only(check(text), 'singular-and-plural').fixes[0]!);
    assert.equal(fixed, post('tags: [one, two, three]\n'));
  });

  it('merges a block list as a block list, keeping comments between items', () => {
    const text = post('tag: "web dev"\ntags:\n  - two\n  # a comment\n  - three\n');
    const p = only(check(text), 'singular-and-plural');
    assert.equal(textAt(text, p), '- two\n  # a comment\n  - three');
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, post('tags:\n  - "web dev"\n  - two\n  # a comment\n  - three\n'));
    assert.deepEqual(check(fixed), []);
  });

  it('replaces a duplicate first block item by the tag lines', () => {
    const text = post('tags:\n- one\n- two\ntag: one\n');
    assert.equal(applyFix(text, only(check(text), 'singular-and-plural').fixes[0]!), post('tags:\n- one\n- two\n'));
    const text2 = post('tag: [x, two]\ntags:\n- two\n- one\n- two\n');
    assert.equal(applyFix(text2, only(check(text2), 'singular-and-plural').fixes[0]!), post('tags:\n- x\n- two\n- one\n'));
  });

  it('keeps CRLF line endings', () => {
    const crlf = (t: string): string => t.replace(/\n/g, '\r\n');
    const text = crlf(post('tag: one\ntags:\n  - two\n'));
    assert.equal(applyFix(text, only(check(text), 'singular-and-plural').fixes[0]!), crlf(post('tags:\n  - one\n  - two\n')));
  });

  it('turns a space string into a flow list', () => {
    const text = post("tag: one\ntags: 'two three'\n");
    const fixed = applyFix(text, only(check(text), 'singular-and-plural').fixes[0]!);
    assert.equal(fixed, post("tags: [one, 'two', 'three']\n"));
  });

  it('says so without a fix when `tag` comes from the site defaults', () => {
    const text = '---\ntags: [a, b]\n---\n';
    const p = only(check(text, '_posts/2023/2023-01-01-old.md'), 'singular-and-plural');
    assert.match(p.message, /`defaults:`/);
    assert.deepEqual(p.fixes, []);
  });

  it('is silent on `tag` alone, `tags` alone, an empty `tag`, empty `tags`, and categories', () => {
    for (const fm of ['tag: one\n', 'tags: [a, b]\n', 'tag:\ntags: [a, b]\n', 'tag: one\ntags: []\n', 'category: a\ncategories: [b, c]\n']) {
      assert.deepEqual(check(post(fm)), [], fm);
    }
  });
});
