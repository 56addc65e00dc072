import * as assert from 'node:assert/strict';
import { only, textAt } from '../../util/edits';
import { testSite, type TestSite } from '../../util/site';

/** What the editor shows for `café` saved as Latin-1: the byte 0xE9 decoded as U+FFFD. */
const LATIN1_POST = '---\ntitle: Caf\uFFFD culture\nlayout: post\n---\nA caf\uFFFD on the corner.\n';

describe('rule invalid-utf8', () => {
  let site: TestSite;
  before(async () => {
    site = await testSite({
      '_config.yml': 'timezone: UTC\n',
      '_posts/2024-05-01-cafe.md': LATIN1_POST,
      'about.md': '---\ntitle: About\n---\nCaf\uFFFD\n',
      'about.html': '---\ntitle: About\n---\nCaf\uFFFD\n',
    });
  });

  it('flags the first replacement character as an error: Jekyll skips the post', () => {
    const p = only(site.check('_posts/2024-05-01-cafe.md', undefined, { invalidUtf8: true }), 'invalid-utf8');
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 11 } });
    assert.equal(textAt(LATIN1_POST, p), '\uFFFD');
    assert.match(p.message, /not valid UTF-8/);
    assert.match(p.message, /skips the file: the post is not published/);
    assert.deepEqual(p.fixes, []);
  });

  it('marks line 0 when there is no U+FFFD to point at', () => {
    const text = '---\ntitle: x\n---\n';
    const p = only(site.check('_posts/2024-05-01-cafe.md', text, { invalidUtf8: true }), 'invalid-utf8');
    assert.deepEqual(p.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  });

  it('says what happens to a Markdown page (the build stops) and an HTML page (copied raw)', () => {
    assert.match(only(site.check('about.md', undefined, { invalidUtf8: true }), 'invalid-utf8').message, /stops the whole build/);
    assert.match(only(site.check('about.html', undefined, { invalidUtf8: true }), 'invalid-utf8').message, /copies the file raw/);
  });

  it('is silent when the file is valid UTF-8, even with U+FFFD in it (mojibake reports those)', () => {
    const ps = site.check('_posts/2024-05-01-cafe.md');
    assert.deepEqual(ps.filter((p) => p.code === 'invalid-utf8'), []);
    assert.equal(ps.filter((p) => p.code === 'mojibake').length, 2);
  });
});
