// The site style of the preview: the post placed in the site's layouts as
// Jekyll 4.3.1 does (checked with `jekyll build --safe`: nested layouts,
// `layout.*` merged with inner layouts winning, `page.content` the converted
// post, `page.previous`/`page.next`, a missing parent layout silently ending
// the chain) and the site's stylesheets (plain CSS linked, SCSS compiled with
// `_sass/` imports, Liquid in CSS pages), with the site's scripts dropped.
import * as assert from 'node:assert/strict';
import { loadSass } from '../../../src/vscode/sass';
import { memoryFs } from '../../../src/core/memoryFs';
import { articleHtml, renderArticle, type Article } from '../../../src/core/render/article';
import { JekyllLiquid } from '../../../src/core/render/liquid';
import { SiteStyler, siteStatusHtml, type SassCompiler, type SitePage, type SiteStyleResult } from '../../../src/core/render/siteStyle';
import { loadSite } from '../../../src/core/site';
import { buildIndex } from '../../../src/core/siteIndex';
import { NOW, newsSite } from '../../util/site';

interface Fixture {
  styler: SiteStyler;
  article(rel: string, text?: string): Promise<Article>;
  /** How often the styler asked for the Sass compiler. */
  sassLoads: () => number;
}

async function fixture(files: Record<string, string>): Promise<Fixture> {
  const abs: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) abs['/site/' + k] = v;
  const fs = memoryFs(abs);
  const index = await buildIndex(fs, await loadSite(fs, '/site'), () => NOW);
  const liquid = new JekyllLiquid(fs, index, () => NOW);
  let loads = 0;
  const styler = new SiteStyler(fs, index, liquid, (): Promise<SassCompiler> => {
    loads++;
    return loadSass();
  });
  return {
    styler,
    sassLoads: () => loads,
    async article(rel, text = files[rel]) {
      const a = await renderArticle(index, liquid, { path: '/site/' + rel, text: text!, nowMs: NOW, problems: 0 });
      assert.ok(a, `${rel} is a post`);
      return a;
    },
  };
}

const OPTIONS = { fileUrl: (rel: string) => `W/${rel}`, allowRemote: false };

function sitePage(r: SiteStyleResult): SitePage {
  assert.equal(r.style, 'site', r.style === 'editor' ? r.notice : '');
  return (r as { page: SitePage }).page;
}

/** Tags and text with runs of blanks made one space (Liquid leaves blank lines where tags were). */
function squash(html: string): string {
  return html.replace(/\s+/g, ' ').replace(/> </g, '><').trim();
}

const NESTED = {
  '_config.yml': 'title: The Site\naccent: "#c00"\ntimezone: UTC\n',
  '_layouts/base.html': [
    '---',
    'who: base',
    'shared: from-base',
    '---',
    '<!DOCTYPE html>',
    '<html lang="en" class="no-js"><head><title>{{ page.title }}</title>',
    '<link rel="stylesheet" href="{{ "/assets/css/main.css" | relative_url }}">',
    '<!-- <link rel="stylesheet" href="/assets/css/old.css"> -->',
    '<link rel="stylesheet" href="https://fonts.example.com/css?family=Serif">',
    '<link rel="alternate" type="application/rss+xml" href="/feed.xml">',
    '<script src="/assets/js/site.js"></script>',
    '<script>document.title = "pwned"</script>',
    '<style>.inline-rule { background: url(../../../assets/img/dot.png) }</style>',
    '</head>',
    '<body class="layout-{{ page.layout }}" onload="alert(1)">',
    '<header class="site-head">[base who={{ layout.who }} shared={{ layout.shared }} title={{ page.title }}]{% include hi.html x=page.title %}</header>',
    '<img src="{{ "/assets/logo.png" | relative_url }}" alt="">',
    '{{ content }}',
    '<script>window.parent.postMessage("x", "*")</script>',
    '</body></html>',
    '',
  ].join('\n'),
  '_layouts/post.html': [
    '---',
    'layout: base',
    'who: post',
    '---',
    '<article>[post who={{ layout.who }} size={{ page.content | size }} prev={{ page.previous.title }} next={{ page.next.title }}]{{ content }}</article>',
    '',
  ].join('\n'),
  '_layouts/orphan.html': '---\nlayout: nope\n---\n<div class="orphan">{{ content }}</div>\n',
  '_includes/hi.html': '<i>hi {{ include.x }}</i>',
  '_posts/2020-01-01-one.md': '---\nlayout: post\ntitle: One\n---\nHello *one*\n',
  '_posts/2020-01-02-two.md': '---\nlayout: post\ntitle: Two\n---\nHello *two*\n\n<script>document.title = "post"</script>\n',
  '_posts/2020-01-03-three.md': '---\nlayout: post\ntitle: Three\n---\nHello *three*\n',
  '_posts/2020-01-04-orph.md': '---\nlayout: orphan\ntitle: Orph\n---\nOrphan body\n',
  '_posts/2020-01-05-miss.md': '---\nlayout: missing\ntitle: Miss\n---\nMissing body\n',
  '_posts/2020-01-06-bare.md': '---\nlayout: none\ntitle: Bare\n---\nBare body\n',
  'assets/css/main.scss': '---\n---\n$c: {{ site.accent }};\n@import "partial";\nbody { color: $c; }\n',
  '_sass/_partial.scss': '@import "nested/deep";\n.p { margin: 1px + 2px; }\n',
  '_sass/nested/_deep.scss': '.deep { b: c; }\n',
  'assets/img/dot.png': '',
  'assets/logo.png': '',
};

describe('site style: layouts', () => {
  let f: Fixture;
  before(async () => {
    f = await fixture(NESTED);
  });

  it('nests the post in its layout chain: content, page.title, layout.* (inner layouts win), includes, previous/next', async () => {
    const page = sitePage(await f.styler.render(await f.article('_posts/2020-01-02-two.md'), OPTIONS));
    assert.deepEqual(page.layouts, ['post', 'base']);
    // What `jekyll build` writes inside <body> for this post (scripts aside), and where the post goes;
    // page.content is the converted post as Jekyll has it (69 characters, its <script> included).
    assert.equal(
      squash(page.body.replace(/ data-line="\d+"/g, '')),
      squash(`<header class="site-head">[base who=post shared=from-base title=Two]<i>hi Two</i></header>
        <img src="W/assets/logo.png" alt="">
        <article>[post who=post size=69 prev=One next=Three]<p>Hello <em>two</em></p>
        </article>`),
    );
    assert.deepEqual(page.bodyAttributes, { class: 'layout-post' });
    assert.deepEqual(page.htmlAttributes, { lang: 'en', class: 'no-js' });
  });

  it('keeps no <script> of the layouts or the post', async () => {
    const page = sitePage(await f.styler.render(await f.article('_posts/2020-01-02-two.md'), OPTIONS));
    assert.doesNotMatch(page.body, /<script|pwned|postMessage|document\.title/);
    assert.doesNotMatch(page.body, /onload/);
    assert.ok(!page.sheets.some((s) => /\.js\b/.test(s.source)), 'no script became a stylesheet either');
  });

  it('a missing layout: a clear message, and the editor style', async () => {
    const r = await f.styler.render(await f.article('_posts/2020-01-05-miss.md'), OPTIONS);
    assert.deepEqual(r, {
      style: 'editor',
      notice: "Site style: layout 'missing' requested in _posts/2020-01-05-miss.md does not exist; Jekyll warns and publishes the post without any layout.",
    });
    const none = await f.styler.render(await f.article('_posts/2020-01-06-bare.md'), OPTIONS);
    assert.equal(none.style, 'editor');
    assert.match((none as { notice: string }).notice, /layout: none/);
  });

  it('a missing parent layout ends the chain there (as Jekyll does, silently), with a note', async () => {
    const page = sitePage(await f.styler.render(await f.article('_posts/2020-01-04-orph.md'), OPTIONS));
    assert.deepEqual(page.layouts, ['orphan']);
    assert.equal(squash(page.body.replace(/ data-line="\d+"/g, '')), '<div class="orphan"><p>Orphan body</p></div>');
    assert.deepEqual(page.notices, ["Layout 'nope' named by _layouts/orphan.html does not exist: Jekyll stops the layout chain there."]);
  });

  it('a layout from a theme gem: the editor style, saying so', async () => {
    const t = await fixture({ '_config.yml': 'theme: minima\n', '_posts/2020-01-01-a.md': '---\nlayout: post\ntitle: A\n---\nA\n' });
    const a = await t.article('_posts/2020-01-01-a.md');
    const r = await t.styler.render(a, OPTIONS);
    assert.equal(r.style, 'editor');
    const notice = (r as { notice: string }).notice;
    assert.match(notice, /layout 'post' is not in the site’s _layouts; it comes from the theme \(minima\)/);
    // The one-line notice goes in the editor style's card.
    assert.match(articleHtml(a, { notices: [notice] }), /<header class="jekyll-card"[^]*<div class="jekyll-card-status jekyll-card-notice">Site style: layout &#39;post&#39; is not in the site’s _layouts; it comes from the theme \(minima\)[^<]*<\/div>[^]*<\/header>/);
  });

  it('the status line keeps publish state and problems visible, and the notes', async () => {
    const a = await f.article('_posts/2020-01-02-two.md', '---\nlayout: post\ntitle: Two\npublished: false\n---\nHello\n');
    // No problems: no "0 problems" over the site's page.
    assert.match(siteStatusHtml(a, []), /^<div class="jekyll-site-status"><span class="jekyll-card-state jekyll-card-state-unpublished"[^>]*>unpublished<\/span><\/div>$/);
    assert.match(siteStatusHtml({ ...a, card: { ...a.card, states: [], problems: 2 } }, ['a note']), /2 problems<\/a><span class="jekyll-site-notice">a note<\/span>/);
    assert.equal(siteStatusHtml({ ...a, card: { ...a.card, states: [], problems: 0 } }, []), '');
  });
});

describe('site style: stylesheets', () => {
  it('SCSS with front matter is compiled as Jekyll builds it (Liquid, then Sass importing from _sass/); comments and alternates are skipped', async () => {
    const f = await fixture(NESTED);
    const page = sitePage(await f.styler.render(await f.article('_posts/2020-01-01-one.md'), OPTIONS));
    const [main, ...rest] = page.sheets;
    assert.equal(main?.kind, 'style');
    assert.equal(main.source, 'assets/css/main.scss');
    // jekyll build: ".deep { b: c; }\n\n.p { margin: 3px; }\n\nbody { color: #c00; }" (sassc); Dart Sass writes the same rules expanded.
    assert.equal(squash((main as { css: string }).css), '.deep { b: c; } .p { margin: 3px; } body { color: #c00; }');
    // The remote font sheet is left out (remote content off), the layout's <style> kept with its URL mapped to the site file.
    assert.deepEqual(rest, [{ kind: 'style', css: '.inline-rule { background: url("W/assets/img/dot.png") }', media: undefined, source: '<style>' }]);
    assert.deepEqual(page.notices, ['Remote stylesheet https://fonts.example.com/css?family=Serif left out: remote content is off (jekyll.preview.remoteImages).']);
    assert.equal(f.sassLoads(), 1);
  });

  it('remote stylesheets are kept when remote content is allowed', async () => {
    const f = await fixture(NESTED);
    const page = sitePage(await f.styler.render(await f.article('_posts/2020-01-01-one.md'), { ...OPTIONS, allowRemote: true }));
    assert.deepEqual(
      page.sheets.map((s) => [s.kind, s.source]),
      [
        ['style', 'assets/css/main.scss'],
        ['link', 'https://fonts.example.com/css?family=Serif'],
        ['style', '<style>'],
      ],
    );
    assert.deepEqual(page.notices, []);
  });

  it('a Sass error is a note, not a failure; a missing stylesheet is a note', async () => {
    const f = await fixture({ ...NESTED, '_sass/_partial.scss': '.p { margin: $nope; }\n' });
    const page = sitePage(await f.styler.render(await f.article('_posts/2020-01-01-one.md'), OPTIONS));
    assert.ok(page.notices.some((n) => /^assets\/css\/main\.scss could not be compiled: Undefined variable/.test(n)), page.notices.join('\n'));
    const g = await fixture({ ...NESTED, 'assets/css/main.scss': '' });
    const p2 = sitePage(await g.styler.render(await g.article('_posts/2020-01-01-one.md'), OPTIONS));
    // An SCSS file without front matter is a static file: nothing builds main.css.
    assert.ok(p2.notices.some((n) => n.includes('the site has no assets/css/main.css')), p2.notices.join('\n'));
  });

  it('a plain CSS file is linked from the site (the mapped URL); a CSS page with front matter gets its Liquid; Sass is never loaded', async () => {
    const files = {
      '_config.yml': 'baseurl: /blog\n',
      '_layouts/default.html': '<html><head><link rel="stylesheet" href="{{ site.baseurl }}/assets/plain.css" media="screen"><link rel=stylesheet href="../../../assets/page.css"></head><body>{{ content }}</body></html>',
      '_posts/2020-01-01-a.md': '---\nlayout: default\ntitle: A\n---\nA\n',
      'assets/plain.css': 'a { color: red }',
      'assets/page.css': '---\n---\n.x { background: url({{ "/assets/bg.png" | relative_url }}) }',
      'assets/bg.png': '',
    };
    const f = await fixture(files);
    const page = sitePage(await f.styler.render(await f.article('_posts/2020-01-01-a.md'), OPTIONS));
    assert.deepEqual(page.sheets, [
      { kind: 'link', href: 'W/assets/plain.css', media: 'screen', source: 'assets/plain.css', mtime: 0 },
      { kind: 'style', css: '.x { background: url("W/assets/bg.png") }', media: undefined, source: 'assets/page.css' },
    ]);
    assert.equal(f.sassLoads(), 0);
  });
});

/**
 * The seed post in the sample site, against `jekyll build --safe` of
 * examples/news-site (with the three posts that stop the build removed, see
 * its README): the body Jekyll wrote, the post's own HTML replaced by
 * [[CONTENT]] (the kramdown conformance run covers that part).
 */
const JEKYLL_SEED_BODY = `<nav class="mediumnavigation">
  <div class="container">
    <a class="navbar-brand" href="/"><img src="/assets/images/logo.png" alt="The Daily Ledger"> The Daily Ledger</a>
    <ul class="navbar-nav">
      <li><a href="/">Home</a></li>
      <li><a href="/#politics">Politics</a></li>
      <li><a href="/#economy">Economy</a></li>
      <li><a href="/#technology">Technology</a></li>
    </ul>
  </div>
</nav>
<main class="site-content">
  <div class="container">
    <!-- Begin Article -->
<article class="row">
  <div class="col-md-9">
    <div class="mainheading">
      <!-- Author Box -->
<div class="row post-top-meta">
  <div class="author-thumb-wrap">
  </div>
  <div class="author-meta">
    <a target="_blank" class="link-dark" href=""></a>
    <span class="author-description"></span>
  </div>
</div>
      <!-- Post Title -->
      <h1 class="posttitle">Breaking: Starmer hails breakthrough on Ukraine - but anxiety over its future remains</h1>
    </div>
    <!-- Post Featured Image -->
    <img class="featured-image img-fluid" src="/assets/images/9a9bfbca30b9321546e9420099322351.jpg" alt="Breaking: Starmer hails breakthrough on Ukraine - but anxiety over its future remains">
    <!-- Post Content -->
    <div class="article-post">[[CONTENT]]</div>
    <!-- Post Date -->
    <p>
      <small>
        <span class="post-date"><time class="post-date" datetime="2025-08-19">19 Aug 2025</time></span>
      </small>
    </p>
    <!-- Post Categories -->
    <div class="after-post-cats">
      <ul class="tags">
        <li><a class="smoothscroll" href="/categories#News">News</a></li>
      </ul>
    </div>
    <!-- Post Tags -->
    <div class="after-post-tags">
      <ul class="tags">
      </ul>
    </div>
    <!-- Prev/Next -->
    <div class="PageNavigation">
      <a class="prev" href="/technology/2025/07/22/census-data-platform.html">&laquo; ONS opens up census data in new online platform</a>
      <a class="next" href="/news/2025/08/21/ukraine-talks-what-next.html">Ukraine talks: what happens next &raquo;</a>
    </div>
  </div>
</article>
<!-- End Article -->
  </div>
</main>
<footer class="footer">
  <div class="container">
    <p>Copyright &copy; 2026 The Daily Ledger. A demonstration site in the style of Mediumish (MIT).</p>
  </div>
</footer>`;

describe('site style: the sample site', () => {
  it('the seed post in post.html inside default.html, as Jekyll writes it, with main.css linked and article.scss compiled', async () => {
    const f = await fixture(newsSite());
    const a = await f.article('_posts/2025-08-19-starmer-hails-breakthrough.md');
    const page = sitePage(await f.styler.render(a, { fileUrl: (rel) => '/' + rel, allowRemote: false }));
    assert.deepEqual(page.layouts, ['post', 'default']);
    assert.deepEqual(page.bodyAttributes, { class: 'layout-post' });
    assert.deepEqual(page.htmlAttributes, { lang: 'en' });
    const open = '<div class="article-post">';
    const start = page.body.indexOf(open) + open.length;
    const end = page.body.lastIndexOf('</div>', page.body.indexOf('<!-- Post Date -->'));
    assert.equal(squash(page.body.slice(0, start) + '[[CONTENT]]' + page.body.slice(end)), squash(JEKYLL_SEED_BODY));
    // The post's own HTML (with its data-line markers for scroll sync) is what goes in.
    assert.equal(page.body.slice(start, end).trim(), a.html.trim());
    assert.deepEqual(
      page.sheets.map((s) => (s.kind === 'link' ? ['link', s.href] : ['style', s.source, squash(s.css)])),
      [
        ['link', '/assets/css/main.css'],
        // jekyll build wrote the same rules to _site/assets/css/article.css.
        [
          'style',
          'assets/css/article.scss',
          '.posttitle { padding-bottom: 16px; border-bottom: 4px solid #00ab6b; } .article-post > p:first-child::first-letter { float: left; font-size: 3.4em; line-height: 0.9; padding: 6px 8px 0 0; color: #00ab6b; } .article-post blockquote { border-left-color: #00ab6b; color: #1d3f32; }',
        ],
      ],
    );
    assert.deepEqual(page.notices, []);
  });
});
