import * as assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem';
import { applyFix, only, textAt } from '../../util/edits';
import { newsSite, testSite } from '../../util/site';

const CODE = 'broken-post-url';
const CONFIG = 'timezone: Europe/London\n';
const FM = '---\ntitle: Budget preview\n---\n';
const of = (ps: readonly Problem[]): Problem[] => ps.filter((p) => p.code === CODE);

describe('rule broken-post-url', () => {
  const posts = {
    '_config.yml': CONFIG,
    '_posts/2024-10-30-autumn-budget.md': '---\ntitle: Autumn budget\n---\nx\n',
    '_posts/2024-03-06-spring-budget.md': '---\ntitle: Spring budget\n---\nx\n',
    '_posts/2024/2024-4-8-x.md': '---\ntitle: X\n---\nx\n',
  };

  it('flags a name no post has, on exactly the name, and says the build fails', async () => {
    const text = `${FM}Compare [last year]({% post_url 2024-10-30-autum-budget %}).\n`;
    const s = await testSite({ ...posts, '_posts/2025-10-02-preview.md': text });
    const p = only(s.check('_posts/2025-10-02-preview.md'), CODE);
    assert.equal(p.severity, 'error');
    assert.equal(textAt(text, p), '2024-10-30-autum-budget');
    assert.match(p.message, /^The build fails: Jekyll cannot find the post '2024-10-30-autum-budget' for \{% post_url %\} \(Jekyll::Errors::PostURLError\)\. Did you mean '2024-10-30-autumn-budget'\?$/);
    const fix = p.fixes[0]!;
    assert.equal(fix.preferred, true);
    const fixed = applyFix(text, fix);
    assert.equal(fixed, `${FM}Compare [last year]({% post_url 2024-10-30-autumn-budget %}).\n`);
    assert.deepEqual(of(s.check('_posts/2025-10-02-preview.md', fixed)), []);
  });

  it('prefers the only post with the same slug when the date is wrong', async () => {
    const text = `${FM}See {% post_url 2024-10-31-autumn-budget %} and more.\n`;
    const s = await testSite({ ...posts, '_posts/2025-10-02-preview.md': text });
    const p = only(s.check('_posts/2025-10-02-preview.md'), CODE);
    assert.equal(p.fixes[0]!.preferred, true);
    assert.equal(applyFix(text, p.fixes[0]!), `${FM}See {% post_url 2024-10-30-autumn-budget %} and more.\n`);
  });

  it('names a post in a year sub-folder with its folder, and accepts it so named', async () => {
    const text = `${FM}A {% post_url 2024-4-8-y %}.\nB {% post_url 2024/2024-4-8-x %}.\n`;
    const s = await testSite({ ...posts, '_posts/2025-10-02-preview.md': text });
    const p = only(s.check('_posts/2025-10-02-preview.md'), CODE);
    assert.equal(textAt(text, p), '2024-4-8-y');
    assert.equal(applyFix(text, p.fixes[0]!), `${FM}A {% post_url 2024/2024-4-8-x %}.\nB {% post_url 2024/2024-4-8-x %}.\n`);
  });

  it('offers no fix when nothing is near, with a hint at the name form', async () => {
    const text = `${FM}[x]({% post_url 2019-01-01-completely-different %})\n`;
    const s = await testSite({ ...posts, '_posts/2025-10-02-preview.md': text });
    const p = only(s.check('_posts/2025-10-02-preview.md'), CODE);
    assert.deepEqual(p.fixes, []);
    assert.match(p.message, /file name inside `_posts` without its extension/);
  });

  it('flags a post Jekyll does not build (published: false, future)', async () => {
    const s = await testSite({
      ...posts,
      '_posts/2024-01-02-hidden.md': '---\npublished: false\n---\n',
      '_posts/2099-01-02-later.md': '---\n---\n',
      '_posts/2025-10-02-preview.md': `${FM}{% post_url 2024-01-02-hidden %} {% post_url 2099-01-02-later %}\n`,
    });
    const [a, b] = of(s.check('_posts/2025-10-02-preview.md'));
    assert.match(a!.message, /the post '2024-01-02-hidden' has `published: false`/);
    assert.match(b!.message, /the post '2099-01-02-later' is dated in the future/);
    const future = await testSite({ ...posts, '_config.yml': 'future: true\n', '_posts/2099-01-02-later.md': '---\n---\n', '_posts/2025-10-02-preview.md': `${FM}{% post_url 2099-01-02-later %}\n` });
    assert.deepEqual(of(future.check('_posts/2025-10-02-preview.md')), []);
  });

  it('flags a name without a date even inside {% comment %} (Jekyll fails parsing it)', async () => {
    const text = `${FM}{% comment %}{% post_url autumn-budget %}{% endcomment %}\n`;
    const s = await testSite({ ...posts, '_posts/2025-10-02-preview.md': text });
    const p = only(s.check('_posts/2025-10-02-preview.md'), CODE);
    assert.equal(textAt(text, p), 'autumn-budget');
    assert.match(p.message, /cannot parse the post name 'autumn-budget'/);
    // Without a site index the parse error is still known.
    assert.equal(of(s.check('_posts/2025-10-02-preview.md', text, { index: undefined })).length, 1);
  });

  it('says when a draft would fail', async () => {
    const text = `${FM}{% post_url 2024-10-30-nope %}\n`;
    const s = await testSite({ ...posts, '_drafts/preview.md': text });
    assert.match(only(s.check('_drafts/preview.md'), CODE).message, /^Once this draft is published \(or built with `--drafts`\), the build fails/);
  });

  it('is silent on existing posts, raw, comments and render_with_liquid: false', async () => {
    const ok = [
      '{% post_url 2024-10-30-autumn-budget %}',
      '{%- post_url /2024-10-30-autumn-budget -%}',
      '{% post_url 2024/2024-4-8-x %}',
      '{% raw %}{% post_url 2024-01-01-nope %}{% endraw %}',
      '{% comment %}{% post_url 2024-01-01-nope %}{% endcomment %}',
    ].join('\n');
    const s = await testSite({ ...posts, '_posts/2025-10-02-preview.md': `${FM}${ok}\n` });
    assert.deepEqual(of(s.check('_posts/2025-10-02-preview.md')), []);
    assert.deepEqual(of(s.check('_posts/2025-10-02-preview.md', `---\nrender_with_liquid: false\n---\n{% post_url 2024-01-01-nope %}\n`)), []);
    const byDefaults = await testSite({
      ...posts,
      '_config.yml': 'defaults:\n  - scope: {path: ""}\n    values: {render_with_liquid: false}\n',
      '_posts/2025-10-02-preview.md': `${FM}{% post_url 2024-01-01-nope %}\n`,
    });
    assert.deepEqual(of(byDefaults.check('_posts/2025-10-02-preview.md')), []);
    // The string "false" is truthy: Liquid runs.
    assert.equal(of(s.check('_posts/2025-10-02-preview.md', `---\nrender_with_liquid: "false"\n---\n{% post_url 2024-01-01-nope %}\n`)).length, 1);
  });

  // Jekyll 4.3.1 builds these with a deprecation warning: its fallback compares the slug without the post's sub-folder.
  it('accepts what Jekyll\'s deprecated fallback finds for a post in a sub-folder', async () => {
    const s = await testSite({ ...posts, '_posts/2025-10-02-preview.md': `${FM}{% post_url 2024-04-08-x %} {% post_url 2024/2024-04-08-x %}\n` });
    assert.deepEqual(of(s.check('_posts/2025-10-02-preview.md')), []);
  });

  it('checks pages too', async () => {
    const s = await testSite({ ...posts, 'about.md': '---\ntitle: About\n---\n{% post_url 2024-10-30-autumn-budgt %}\n' });
    assert.equal(only(s.check('about.md'), CODE).fixes[0]!.edits[0]!.newText, '2024-10-30-autumn-budget');
  });

  it('finds the sample site\'s missing post (the build fails at render)', async () => {
    const s = await testSite(newsSite());
    const rel = '_posts/2025-10-02-budget-preview.md';
    const p = only(s.check(rel), CODE);
    assert.equal(textAt(s.files[rel]!, p), '2024-11-30-autumn-budget-analysis');
    assert.deepEqual(p.range, { start: { line: 8, character: 148 }, end: { line: 8, character: 181 } });
    assert.deepEqual(of(s.check('_posts/2025-08-21-ukraine-talks-what-next.md')), []);
  });
});
