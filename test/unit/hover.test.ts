import * as assert from 'node:assert/strict';
import { hoverAt, type HoverResult } from '../../src/core/hover';
import { memoryFs } from '../../src/core/memoryFs';
import type { SiteFs } from '../../src/core/siteFs';
import { LineIndex } from '../../src/core/text';
import { NOW, newsSite, testSite, type TestSite } from '../util/site';

const SEED = '_posts/2025-08-19-starmer-hails-breakthrough.md';
const TALKS = '_posts/2025-08-21-ukraine-talks-what-next.md';
const GRAPHICS = '_posts/2025-09-18-election-night-graphics.md';

describe('hover (on the sample site)', () => {
  let site: TestSite;
  let fs: SiteFs;
  let files: Record<string, string>;
  before(async () => {
    files = newsSite();
    site = await testSite(files);
    fs = memoryFs(Object.fromEntries(Object.entries(files).map(([k, v]) => ['/site/' + k, v])));
  });

  /** The hover on the first occurrence of `find` (plus `shift` characters) in a post, with the text its range covers. */
  async function hover(rel: string, find: string, shift = 1, text = files[rel]!): Promise<HoverResult & { covered: string }> {
    const offset = text.indexOf(find);
    assert.ok(offset >= 0, `${find} not in ${rel}`);
    const r = await hoverAt({ index: site.index, fs, path: '/site/' + rel, text, offset: offset + shift, nowMs: NOW });
    assert.ok(r, `no hover on ${find}`);
    const lines = new LineIndex(text);
    return { ...r, covered: text.slice(lines.offsetAt(r.range.start), lines.offsetAt(r.range.end)) };
  }

  it('date: the instant Jekyll uses in the site zone, why, and the URL', async () => {
    const h = await hover(SEED, 'date:');
    assert.equal(h.covered, 'date: 2025-08-19T14:46:44');
    assert.match(h.contents, /\*\*Jekyll reads:\*\* `2025-08-19 15:46:44 \+0100` \(Europe\/London\)/);
    assert.match(h.contents, /as \*\*UTC\*\*/);
    assert.match(h.contents, /\*\*URL:\*\* `\/news\/2025\/08\/19\/starmer-hails-breakthrough\.html`/);
    const onValue = await hover(SEED, '14:46');
    assert.equal(onValue.contents, h.contents);
  });

  it('date: with an offset, no UTC note', async () => {
    const h = await hover(TALKS, 'date:');
    assert.match(h.contents, /`2025-08-21 09:30:00 \+0100`/);
    assert.doesNotMatch(h.contents, /UTC/);
  });

  it("author: the author's data, or that the key is unknown", async () => {
    const h = await hover(TALKS, 'author:');
    assert.match(h.contents, /^\*\*Sal Okafor\*\* — `sal` in `_config.yml`, used by \d+ posts\./);
    assert.match(h.contents, /\| twitter \| https:\/\/twitter\.com\/salokafor \|/);
    assert.deepEqual(h.files, ['_config.yml']);
    const unknown = await hover(SEED, 'badely');
    assert.match(unknown.contents, /\*\*badely\*\* is not in the site's author data/);
  });

  it('layout: the file', async () => {
    const h = await hover(SEED, 'layout:');
    assert.match(h.contents, /\*\*Layout\*\* `_layouts\/post\.html`, used by \d+ posts/);
    assert.deepEqual(h.files, ['_layouts/post.html']);
  });

  it('a tag: its count, other spellings and a few posts; the range is the value', async () => {
    const h = await hover(TALKS, 'Politics');
    assert.equal(h.covered, 'Politics');
    assert.match(h.contents, /^\*\*The tag `Politics`\*\* — used by 2 posts\./);
    assert.match(h.contents, /Other spellings: `politics` \(1 post\)/);
    assert.match(h.contents, /- \*Ukraine talks: what happens next\* \(2025-08-21\)/);
    assert.deepEqual(h.files, [TALKS, '_posts/2025-01-20-pm-sets-out-growth-plan.md']);
  });

  it('a category in a space-separated string: the word under the cursor', async () => {
    const h = await hover('_posts/2025-04-03-newsroom-cms-rebuild.md', 'development');
    assert.equal(h.covered, 'development');
    assert.match(h.contents, /The category `development`/);
  });

  it('{% post_url %}: the target post with its URL, and a link to it', async () => {
    const h = await hover(TALKS, '2025-08-19-starmer');
    assert.equal(h.covered, '2025-08-19-starmer-hails-breakthrough');
    assert.match(h.contents, /\*\*URL:\*\* `\/news\/2025\/08\/19\/starmer-hails-breakthrough\.html`/);
    assert.deepEqual(h.files, [SEED]);
    const missing = await hover('_posts/2025-10-02-budget-preview.md', '2024-11-30');
    assert.match(missing.contents, /No post matches `2024-11-30-autumn-budget-analysis`: \*\*the build fails\*\*/);
  });

  it('{% include %}: the file and the parameters it reads; a missing one fails the build', async () => {
    const h = await hover(GRAPHICS, 'figure.html');
    assert.equal(h.covered, 'figure.html');
    assert.match(h.contents, /`_includes\/figure\.html`\n\nReads `include\.src`, `include\.caption`, `include\.alt`\./);
    assert.deepEqual(h.files, ['_includes/figure.html']);
    const missing = await hover(GRAPHICS, 'live-results');
    assert.match(missing.contents, /No file `_includes\/live-results-widget\.html` in the site\. \*\*The build fails\.\*\*/);
  });

  it('{% link %}: the file, or why Jekyll cannot find it', async () => {
    const text = files[TALKS]! + '\n[a]({% link _posts/2025-08-19-starmer-hails-breakthrough.md %}) [b]({% link _layouts/post.html %})\n';
    const h = await hover(TALKS, '_posts/2025-08-19', 3, text);
    assert.match(h.contents, /`_posts\/2025-08-19-starmer-hails-breakthrough\.md`/);
    assert.match(h.contents, /\*\*URL:\*\* `\/news\/2025\/08\/19\/starmer-hails-breakthrough\.html`/);
    const unpublished = await hover(TALKS, '_layouts/post', 3, text);
    assert.match(unpublished.contents, /Jekyll does not publish `_layouts\/post\.html`.*\*\*the build fails\*\*/);
  });

  it('nothing on other keys or in prose', async () => {
    const text = files[SEED]!;
    assert.equal(await hoverAt({ index: site.index, fs, path: '/site/' + SEED, text, offset: text.indexOf('title:') + 1, nowMs: NOW }), undefined);
    assert.equal(await hoverAt({ index: site.index, fs, path: '/site/' + SEED, text, offset: text.indexOf('Keir') + 1, nowMs: NOW }), undefined);
  });
});
