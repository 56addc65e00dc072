// The article stage on the sample site: the header card (what the site will
// publish about a post), Liquid + Markdown with file lines, and the URL
// mapping the preview uses for images and links.
import * as assert from 'node:assert/strict';
import { articleHtml, mapMediaUrls, postForUrl, renderArticle, siteFileFor } from '../../../src/core/render/article';
import { JekyllLiquid } from '../../../src/core/render/liquid';
import { memoryFs } from '../../../src/core/memoryFs';
import { loadSite } from '../../../src/core/site';
import { buildIndex, type SiteIndex } from '../../../src/core/siteIndex';
import { NOW, newsSite } from '../../util/site';

describe('article (sample site)', () => {
  const files = newsSite();
  let index: SiteIndex;
  let liquid: JekyllLiquid;
  const render = (rel: string, text = files[rel]!) => renderArticle(index, liquid, { path: '/site/' + rel, text, nowMs: NOW, problems: 3 });

  before(async () => {
    const abs: Record<string, string> = {};
    for (const [k, v] of Object.entries(files)) abs['/site/' + k] = v;
    const fs = memoryFs(abs);
    index = await buildIndex(fs, await loadSite(fs, '/site'), () => NOW);
    liquid = new JekyllLiquid(fs, index, () => NOW);
  });

  it('the seed post: date as Jekyll reads it, badely not in the authors, category, URL, image, problems', async () => {
    const a = await render('_posts/2025-08-19-starmer-hails-breakthrough.md');
    assert.ok(a);
    assert.equal(a.card.title, 'Breaking: Starmer hails breakthrough on Ukraine - but anxiety over its future remains');
    assert.equal(a.card.date, '2025-08-19 15:46 +0100');
    assert.equal(a.card.dateFull, '2025-08-19 15:46:44 +0100');
    assert.deepEqual(a.card.authors, [{ key: 'badely', name: 'badely', avatar: undefined, found: false }]);
    assert.deepEqual(a.card.categories, ['News']);
    assert.equal(a.card.url, 'https://ledger.example.com/news/2025/08/19/starmer-hails-breakthrough.html');
    assert.equal(a.card.image, 'assets/images/9a9bfbca30b9321546e9420099322351.jpg');
    assert.deepEqual(a.card.states, []);
    assert.equal(a.bodyLine, 11);
    // Smart quotes as kramdown makes them; the mojibake as Jekyll publishes it.
    assert.match(a.html, /^<p data-line="11">Hereâ€™s what you need to know: Sir Keir Starmer has called US President Donald Trump’s commitment/);
    const html = articleHtml(a);
    assert.match(html, /<span class="jekyll-card-author not-found" data-author="badely">badely <span class="jekyll-card-missing"[^>]*>not found in the site's authors<\/span>/);
    assert.match(html, /<time datetime="2025-08-19T15:46:44\+01:00" title="2025-08-19 15:46:44 \+0100">2025-08-19 15:46 \+0100<\/time>/);
    assert.match(html, /3 problems/);
  });

  it('a known author shows the display name and avatar; a future post is marked', async () => {
    const a = await render('_posts/2030-06-08-world-cup-centenary-opener.md');
    assert.ok(a);
    assert.deepEqual(a.card.authors, [{ key: 'sal', name: 'Sal Okafor', avatar: 'assets/images/avatar-sal.png', found: true }]);
    assert.deepEqual(a.card.states, ['future']);
    assert.deepEqual(a.card.tags, ['football', 'World Cup']);
  });

  it('an include with parameters (figure.html) and post_url render as Jekyll would', async () => {
    const a = await render('_posts/2025-05-14-inflation-falls.md');
    assert.ok(a);
    assert.match(a.html, /<figure[^>]*>[\s\S]*src="\/assets\/images\/chart-inflation.png"[\s\S]*Consumer prices index, annual rate, %/);
    const b = await render('_posts/2025-08-21-ukraine-talks-what-next.md');
    assert.ok(b);
    assert.match(b.html, /<a href="\/news\/2025\/08\/19\/starmer-hails-breakthrough.html">report from Tuesday<\/a>/);
  });

  it('typed text is rendered, not the file: the editor’s version wins', async () => {
    const rel = '_posts/2025-08-19-starmer-hails-breakthrough.md';
    const a = await render(rel, files[rel]!.replace('Hereâ€™s what', 'Here’s what'));
    assert.match(a!.html, /<p data-line="11">Here’s what you need/);
  });

  it('maps image URLs to site files: root-relative, baseurl, relative to the post, front-matter image', () => {
    const post = '/site/_posts/2025-08-19-starmer-hails-breakthrough.md';
    assert.equal(siteFileFor(index, post, '/assets/images/energy.jpg'), 'assets/images/energy.jpg');
    assert.equal(siteFileFor(index, post, 'assets/images/energy.jpg'), 'assets/images/energy.jpg');
    assert.equal(siteFileFor(index, post, '../assets/images/energy.jpg'), 'assets/images/energy.jpg');
    assert.equal(siteFileFor(index, post, 'https://ledger.example.com/assets/images/energy.jpg'), 'assets/images/energy.jpg');
    assert.equal(siteFileFor(index, post, 'https://example.org/x.png'), undefined);
    assert.equal(siteFileFor(index, post, 'javascript:alert(1)'), undefined);
    assert.equal(
      mapMediaUrls('<p><img src="/assets/images/energy.jpg" alt="x"> <a href="/a">a</a></p>', (u) => 'W' + u),
      '<p><img src="W/assets/images/energy.jpg" alt="x"> <a href="/a">a</a></p>',
    );
  });

  it('finds the post a site URL belongs to (links between posts open in the editor)', () => {
    assert.equal(postForUrl(index, '/news/2025/08/19/starmer-hails-breakthrough.html'), '_posts/2025-08-19-starmer-hails-breakthrough.md');
    assert.equal(postForUrl(index, 'https://ledger.example.com/news/2025/08/19/starmer-hails-breakthrough.html#x'), '_posts/2025-08-19-starmer-hails-breakthrough.md');
    assert.equal(postForUrl(index, '/nope.html'), undefined);
  });

  it('a file that is not a post is not rendered', async () => {
    assert.equal(await render('_posts/notes-for-later.md'), undefined);
  });
});
