import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, applyFix, only, textAt } from '../../util/edits';
import { testSite } from '../../util/site';

const MEDIUMISH = 'timezone: Europe/London\nauthors:\n  sal:\n    name: Sal\n    display_name: Sal\n  jane:\n    name: Jane Doe\n';

describe('rule published-not-boolean', () => {
  for (const value of ['"false"', 'flase', "'no'", '0', 'fasle ']) {
    it(`flags published: ${value} and writes false`, async () => {
      const text = `---\ntitle: X\npublished: ${value}\n---\n`;
      const s = await testSite({ '_config.yml': 'title: x\n', '_posts/2025-01-01-x.md': text });
      const p = only(s.check('_posts/2025-01-01-x.md'), 'published-not-boolean');
      assert.equal(textAt(text, p), value.trim());
      assert.match(p.message, /IS published/);
      const fixed = applyFix(text, p.fixes[0]!);
      assert.equal(fixed, `---\ntitle: X\npublished: false${value.endsWith(' ') ? ' ' : ''}\n---\n`);
    });
  }
  it('is silent on booleans and true-looking strings', async () => {
    const s = await testSite({ '_config.yml': 'title: x\n', '_posts/2025-01-01-a.md': '---\npublished: false\n---\n', '_posts/2025-01-01-b.md': '---\npublished: "yes please"\n---\n', '_posts/2025-01-01-c.md': '---\npublished: no\n---\n' });
    for (const f of ['a', 'b', 'c']) assert.deepEqual(s.check(`_posts/2025-01-01-${f}.md`).filter((q) => q.code === 'published-not-boolean'), []);
  });
});

describe('rule unknown-layout', () => {
  const files = { '_config.yml': 'title: x\n', '_layouts/post.html': '{{ content }}', '_layouts/default.html': '{{ content }}' };
  it('flags a layout with no file and offers the nearest', async () => {
    const text = '---\nlayout: posts\n---\n';
    const s = await testSite({ ...files, '_posts/2025-01-01-x.md': text });
    const p = only(s.check('_posts/2025-01-01-x.md'), 'unknown-layout');
    assert.equal(p.severity, 'error');
    assert.equal(textAt(text, p), 'posts');
    assert.match(p.message, /without any layout/);
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, '---\nlayout: post\n---\n');
    assert.deepEqual(s.check('_posts/2025-01-01-x.md', fixed).filter((q) => q.code === 'unknown-layout'), []);
  });
  it('looks at the effective layout from defaults, and is only a hint with a theme', async () => {
    const cfg = 'defaults:\n  - scope: { path: "", type: posts }\n    values: { layout: article }\n';
    const s = await testSite({ ...files, '_config.yml': cfg, '_posts/2025-01-01-x.md': '---\ntitle: X\n---\n' });
    assert.match(only(s.check('_posts/2025-01-01-x.md'), 'unknown-layout').message, /defaults:/);
    const themed = await testSite({ ...files, '_config.yml': 'theme: minima\n', '_posts/2025-01-01-x.md': '---\nlayout: home\n---\n' });
    assert.equal(only(themed.check('_posts/2025-01-01-x.md'), 'unknown-layout').severity, 'hint');
  });
  it('accepts none, null and layouts in sub-folders', async () => {
    const s = await testSite({ ...files, '_layouts/blog/wide.html': '', '_posts/2025-01-01-a.md': '---\nlayout: none\n---\n', '_posts/2025-01-01-b.md': '---\nlayout: blog/wide\n---\n', '_posts/2025-01-01-c.md': '---\nlayout: ~\n---\n' });
    for (const f of ['a', 'b', 'c']) assert.deepEqual(s.check(`_posts/2025-01-01-${f}.md`).filter((q) => q.code === 'unknown-layout'), []);
  });
});

describe('rule unknown-author', () => {
  it('flags the seed post author, missing from the authors map, and offers the nearest key', async () => {
    const text = '---\nauthor: "badely"\n---\n';
    const s = await testSite({ '_config.yml': MEDIUMISH, '_posts/2025-08-19-x.md': text, '_posts/2025-08-20-y.md': '---\nauthor: jnae\n---\n' });
    const p = only(s.check('_posts/2025-08-19-x.md'), 'unknown-author');
    assert.equal(textAt(text, p), '"badely"');
    assert.match(p.message, /empty author box/);
    assert.match(p.message, /_config\.yml/);
    const typo = only(s.check('_posts/2025-08-20-y.md'), 'unknown-author');
    const fixed = applyFix('---\nauthor: jnae\n---\n', typo.fixes[0]!);
    assert.equal(fixed, '---\nauthor: jane\n---\n');
  });
  it('adds an unknown author to the authors map of _config.yml, touching nothing else', async () => {
    const text = '---\nauthor: "badely"\n---\n';
    const s = await testSite({ '_config.yml': MEDIUMISH + 'permalink: /:title/\n', '_posts/2025-08-19-x.md': text });
    const p = only(s.check('_posts/2025-08-19-x.md'), 'unknown-author');
    const add = p.fixes.find((f) => f.otherFiles)!;
    assert.equal(add.preferred, true);
    assert.equal(add.otherFiles![0]!.path, '/site/_config.yml');
    const config = applyEdits(MEDIUMISH + 'permalink: /:title/\n', add.otherFiles![0]!.edits);
    assert.equal(config, MEDIUMISH + '  badely:\n    name: "badely"\n    display_name: "badely"\npermalink: /:title/\n');
    const after = await testSite({ '_config.yml': config, '_posts/2025-08-19-x.md': text });
    assert.deepEqual(after.check('_posts/2025-08-19-x.md').filter((q) => q.code === 'unknown-author'), []);
  });
  it('adds to _data/authors.yml when the site keeps authors there', async () => {
    const authors = 'alice:\n  name: Alice\n';
    const s = await testSite({ '_config.yml': 'title: x\n', '_data/authors.yml': authors, '_posts/2025-01-01-x.md': '---\nauthor: bob\n---\n' });
    const add = only(s.check('_posts/2025-01-01-x.md'), 'unknown-author').fixes.find((f) => f.otherFiles)!;
    assert.equal(add.otherFiles![0]!.path, '/site/_data/authors.yml');
    assert.equal(applyEdits(authors, add.otherFiles![0]!.edits), authors + 'bob:\n  name: "bob"\n  display_name: "bob"\n');
  });
  it('reads _data/authors.yml and lists of authors; silent without author data', async () => {
    const s = await testSite({ '_config.yml': 'title: x\n', '_data/authors.yml': 'alice:\n  name: Alice\n', '_posts/2025-01-01-x.md': '---\nauthors: [alice, bob]\n---\n' });
    assert.equal(textAt('---\nauthors: [alice, bob]\n---\n', only(s.check('_posts/2025-01-01-x.md'), 'unknown-author')), 'bob');
    const free = await testSite({ '_config.yml': 'title: x\n', '_posts/2025-01-01-x.md': '---\nauthor: Anyone At All\n---\n' });
    assert.deepEqual(free.check('_posts/2025-01-01-x.md').filter((q) => q.code === 'unknown-author'), []);
  });
});

describe('rule missing-image', () => {
  const files = { '_config.yml': 'baseurl: /blog\n', 'assets/images/thames-barrier-2025.jpg': 'x', 'assets/images/other.png': 'x' };
  it('flags an image that resolves to no file and offers the nearest', async () => {
    const text = '---\nimage: assets/images/thames-barrier.jpg\n---\n';
    const s = await testSite({ ...files, '_posts/2025-07-08-x.md': text });
    const p = only(s.check('_posts/2025-07-08-x.md'), 'missing-image');
    assert.equal(textAt(text, p), 'assets/images/thames-barrier.jpg');
    assert.equal(applyFix(text, p.fixes[0]!), '---\nimage: assets/images/thames-barrier-2025.jpg\n---\n');
  });
  it('handles a leading slash, the baseurl, {{ site.baseurl }} and image: {path:}', async () => {
    const s = await testSite({
      ...files,
      '_posts/2025-01-01-a.md': '---\nimage: /assets/images/other.png\n---\n',
      '_posts/2025-01-01-b.md': '---\nimage: /blog/assets/images/other.png\n---\n',
      '_posts/2025-01-01-c.md': '---\nimage: "{{ site.baseurl }}/assets/images/other.png"\n---\n',
      '_posts/2025-01-01-d.md': '---\nimage:\n  path: assets/images/other.png\n  alt: x\n---\n',
      '_posts/2025-01-01-e.md': '---\nimage: https://example.com/x.png\n---\n',
      '_posts/2025-01-01-f.md': '---\nimage:\n  path: /assets/images/nope.png\n---\n',
    });
    for (const f of ['a', 'b', 'c', 'd', 'e']) assert.deepEqual(s.check(`_posts/2025-01-01-${f}.md`).filter((q) => q.code === 'missing-image'), [], f);
    assert.equal(textAt('---\nimage:\n  path: /assets/images/nope.png\n---\n', only(s.check('_posts/2025-01-01-f.md'), 'missing-image')), '/assets/images/nope.png');
  });
});

describe('rule duplicate-url', () => {
  it('names the other post that resolves to the same URL', async () => {
    const s = await testSite({
      '_config.yml': 'timezone: Europe/London\n',
      '_posts/2025-04-16-energy-bills-rise.md': '---\ntitle: A\n---\n',
      '_posts/2025-04-17-energy-bills-rise.md': '---\ntitle: B\ndate: 2025-04-16 08:00:00 +0100\n---\n',
    });
    const p = only(s.check('_posts/2025-04-16-energy-bills-rise.md'), 'duplicate-url');
    assert.match(p.message, /_posts\/2025-04-17-energy-bills-rise\.md/);
    assert.match(p.message, /\/2025\/04\/16\/energy-bills-rise\.html/);
  });
});

describe('editDistance', () => {
  it('counts a transposition as one edit', async () => {
    const { editDistance } = await import('../../../src/core/nearest');
    assert.equal(editDistance('jnae', 'jane'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('equals the full-table optimal string alignment distance', async () => {
    const { editDistance } = await import('../../../src/core/nearest');
    // The textbook table: d[i][j] over prefixes, with adjacent transpositions.
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        assert.equal(editDistance(a, b, false), reference(a, b));
        assert.equal(editDistance(a, b), reference(a.toLowerCase(), b.toLowerCase()));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('rule invalid-categories', () => {
  it('flags categories: 2023 (Jekyll drops the front matter) and writes a one-item list', async () => {
    const text = '---\ntitle: X\ncategories: 2023\n---\n';
    const s = await testSite({ '_config.yml': 'title: x\n', '_posts/2023-01-14-x.md': text });
    const p = only(s.check('_posts/2023-01-14-x.md'), 'invalid-categories');
    assert.equal(textAt(text, p), '2023');
    assert.match(p.message, /must be a list or a string/);
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, '---\ntitle: X\ncategories: ["2023"]\n---\n');
    assert.deepEqual(s.check('_posts/2023-01-14-x.md', fixed).filter((q) => q.code === 'invalid-categories'), []);
    assert.deepEqual(s.check('_posts/2023-01-14-x.md').filter((q) => q.code === 'invalid-yaml'), []);
  });
});
