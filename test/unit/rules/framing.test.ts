import * as assert from 'node:assert/strict';
import { applyFix, only, textAt } from '../../util/edits';
import { testSite } from '../../util/site';

const CONFIG = 'timezone: Europe/London\n';

describe('rule not-a-post', () => {
  it('flags a file in _posts without a date and renames it with its front-matter date', async () => {
    const s = await testSite({ '_config.yml': CONFIG, '_posts/notes-for-later.md': '---\ntitle: Notes\ndate: 2025-09-01 10:00 +0100\n---\nBody\n' });
    const p = only(s.check('_posts/notes-for-later.md'), 'not-a-post');
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
    assert.match(p.message, /skips this file without a word/);
    assert.deepEqual(p.fixes[0]!.rename, { from: '/site/_posts/notes-for-later.md', to: '/site/_posts/2025-09-01-notes-for-later.md' });
    assert.deepEqual(p.fixes[0]!.edits, []);
  });
  it('explains names Jekyll ignores and adds a missing extension', async () => {
    const s = await testSite({ '_config.yml': CONFIG, '_posts/_2025-01-01-x.md': '---\n---\n', '_posts/2025-01-02-y': '---\n---\n' });
    const special = only(s.check('_posts/_2025-01-01-x.md'), 'not-a-post');
    assert.match(special.message, /starting with `\.`, `_` or `#`/);
    assert.equal(special.fixes[0]!.rename!.to, '/site/_posts/2025-01-01-x.md');
    const noExt = only(s.check('_posts/2025-01-02-y'), 'not-a-post');
    assert.match(noExt.message, /no extension/);
    assert.equal(noExt.fixes[0]!.rename!.to, '/site/_posts/2025-01-02-y.md');
  });
  it('is silent on real posts, including non-padded dates', async () => {
    const s = await testSite({ '_config.yml': CONFIG, '_posts/2019-4-6-x.md': '---\ntitle: X\n---\n' });
    assert.deepEqual(s.check('_posts/2019-4-6-x.md').filter((p) => p.code === 'not-a-post'), []);
  });
});

describe('rule front-matter-not-first', () => {
  const bad = '\n---\ntitle: Budget preview\nlayout: post\n---\nBody\n';
  it('flags blank lines before the opening fence and removes them', async () => {
    const s = await testSite({ '_config.yml': CONFIG, '_posts/2025-10-02-budget.md': bad });
    const p = only(s.check('_posts/2025-10-02-budget.md'), 'front-matter-not-first');
    assert.equal(textAt(bad, p), '\n');
    assert.equal(applyFix(bad, p.fixes[0]!), bad.slice(1));
    assert.deepEqual(s.check('_posts/2025-10-02-budget.md', bad.slice(1)).filter((q) => q.code === 'front-matter-not-first'), []);
  });
  it('does not mistake a horizontal rule in a post without front matter', async () => {
    const text = 'Intro\n\n---\n\nMore text: here\n\n---\n';
    const s = await testSite({ '_config.yml': CONFIG, '_posts/2025-10-02-x.md': text });
    assert.deepEqual(s.check('_posts/2025-10-02-x.md').filter((q) => q.code === 'front-matter-not-first'), []);
  });
});

describe('rule unclosed-front-matter', () => {
  const bad = '---\ntitle: Rail strikes called off\ndate: 2025-10-14 18:20 +0100\ntags:\n  - rail\n\nUnions said today…\n';
  it('flags the opening fence and closes the block where the YAML ends', async () => {
    const s = await testSite({ '_config.yml': CONFIG, '_posts/2025-10-14-rail.md': bad });
    const p = only(s.check('_posts/2025-10-14-rail.md'), 'unclosed-front-matter');
    assert.equal(textAt(bad, p), '---');
    const fixed = applyFix(bad, p.fixes[0]!);
    assert.equal(fixed, '---\ntitle: Rail strikes called off\ndate: 2025-10-14 18:20 +0100\ntags:\n  - rail\n---\n\nUnions said today…\n');
    assert.deepEqual(s.check('_posts/2025-10-14-rail.md', fixed).filter((q) => q.code === 'unclosed-front-matter'), []);
  });
  it('keeps CRLF line endings', async () => {
    const text = '---\r\ntitle: A\r\n\r\nBody\r\n';
    const s = await testSite({ '_config.yml': CONFIG, '_posts/2025-10-14-a.md': text });
    const fixed = applyFix(text, only(s.check('_posts/2025-10-14-a.md'), 'unclosed-front-matter').fixes[0]!);
    assert.equal(fixed, '---\r\ntitle: A\r\n---\r\n\r\nBody\r\n');
  });
});

describe('rule duplicate-key', () => {
  const bad = '---\ntitle: Draft headline\ntags:\n  - a\nlayout: post\ntitle: Final headline\n---\nBody\n';
  it('flags the earlier key and removes it, nested lines and all', async () => {
    const s = await testSite({ '_config.yml': CONFIG, '_posts/2025-01-01-x.md': bad });
    const p = only(s.check('_posts/2025-01-01-x.md'), 'duplicate-key');
    assert.equal(textAt(bad, p), 'title');
    assert.equal(p.range.start.line, 1);
    assert.match(p.message, /line 6/);
    const fixed = applyFix(bad, p.fixes[0]!);
    assert.equal(fixed, '---\ntags:\n  - a\nlayout: post\ntitle: Final headline\n---\nBody\n');
    assert.deepEqual(s.check('_posts/2025-01-01-x.md', fixed).filter((q) => q.code === 'duplicate-key'), []);
  });
  it('removes a nested block of an earlier duplicate', async () => {
    const text = '---\ntags:\n  - a\n  - b\ntitle: T\ntags: [c]\n---\n';
    const s = await testSite({ '_config.yml': CONFIG, '_posts/2025-01-01-x.md': text });
    assert.equal(applyFix(text, only(s.check('_posts/2025-01-01-x.md'), 'duplicate-key').fixes[0]!), '---\ntitle: T\ntags: [c]\n---\n');
  });
});
