// The Liquid stage against the real Jekyll 4.3.1: every tag and filter of
// test/fixtures/liquid-site/_posts/2025-08-19-test.html (a .html post: Liquid
// only) and a Markdown post with raw/highlight/include, rendered by
// `jekyll build -s test/fixtures/liquid-site -d OUT --safe`; the outputs below
// are pasted from OUT. The colouring spans are removed from both sides: ours
// come from highlight.js with Rouge's class names, not from Rouge (their
// classes are checked in highlight.test.ts), the text inside must be Rouge's.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderArticle } from '../../../src/core/render/article';
import { JekyllLiquid, replaceMarkers } from '../../../src/core/render/liquid';
import { relativeUrl, absoluteUrl, rubyInspect } from '../../../src/core/render/jekyllFilters';
import { RubyTime, rubyStrftime } from '../../../src/core/render/rubyTime';
import { memoryFs } from '../../../src/core/memoryFs';
import { loadSite } from '../../../src/core/site';
import { buildIndex, type SiteIndex } from '../../../src/core/siteIndex';
import { nodeFs } from '../../../src/node/nodeFs';
import { repoRoot } from '../../util/paths';

/** Jekyll 4.3.1's _site/2025/08/19/test.html. */
const JEKYLL_TEST_HTML = `A: <p class="greet">Hello World, you are 42 (flag).</p>

B: <p class="greet">Hello Trump's test post, you are 8.</p>

C: <ul><li>Ann</li><li>Bob</li><li>Cid</li></ul>

D: Snippet with Trump's test post.

E: {{ not evaluated }} {% if %}
F: /blog/archive/2019/03/04/old-news.html
G: /blog/2020/01/02/second.html
H: /blog/docs/about.html
I: /blog/assets/x.png https://example.com/blog/assets/x.png https://a.b/c /blog
J: 2025-08-19 15:46:44 +0100 | 19 Aug 2025 | Aug 19th, 2025 | 19th Aug 2025 | 19 August 2025 | 2025-08-19T15:46:44+01:00 | Tue, 19 Aug 2025 15:46:44 +0100
K: 2025/08/19 15:46 BST +0100 Tue Aug 19 19 231 03PM pm | 2020-05-06 07:08:09 +0100
L: <p>Hello <em>world</em></p>

M: café-déjà-vu-日本語-c-net | the-_config.yml-file | cafe-deja-vu | ab-cd!
N: [{"name":"Ann","team":"red","age":30},{"name":"Bob","team":"blue","age":25},{"name":"Cid","team":"red","age":41}] | ["a","b"] | "a<c>/é" | 1.5
O: Ann,Cid
P: Ann,Cid
Q: [red:2:Ann+Cid][blue:1:Bob]
R: Bob,Ann,Cid | 30,25,41
S: Trump&apos;s test post &lt;a href=&apos;x&apos;&gt;&amp;amp;&lt;/a&gt; | 5
T: Code & "quotes"=/2025/08/20/code.html;Trump's test post=/2025/08/19/test.html;Second & <more>=/2020/01/02/second.html;Old news=/archive/2019/03/04/old-news.html;
U: Code & "quotes", Trump's test post, Second & <more>, and Old news | a+b | a%20b/%C3%A9 | one two three four 日本語
V: <figure class="highlight"><pre><code class="language-ruby" data-lang="ruby"><span class="nb">puts</span> <span class="s2">"It's Trump's test post"</span>
<span class="n">x</span> <span class="o">=</span> <span class="mi">1</span> <span class="o">&lt;</span> <span class="mi">2</span></code></pre></figure>
W: <figure class="highlight"><pre><code class="language-python" data-lang="python"><table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1
2
</pre></td><td class="code"><pre><span class="k">def</span> <span class="nf">f</span><span class="p">():</span>
    <span class="k">return</span> <span class="mi">1</span>
</pre></td></tr></tbody></table></code></pre></figure>
X: 2 2025,2020,2019
Y: /2025/08/19/test.html /2025/08/19/test _posts/2025-08-19-test.html 4 0 posts test 2025-08-19-test.html
Z: 2 Old news
AA: Bob,Ann,Cid Cab 25,30,41
AB: Hello Trump’s test post “Quoted” – dashes — and… dots a or b
AC: Bob Bob 3 abc zab
AD: nil [&quot;a&quot;, &quot;b&quot;] {&quot;name&quot;=&gt;&quot;Ann&quot;, &quot;team&quot;=&gt;&quot;red&quot;, &quot;age&quot;=&gt;30}
AE: Trump&#39;s test post x dflt 2 4.5
AF: Hello Cap, you are 1.
`;

/** Jekyll 4.3.1's _site/2025/08/20/code.html (kramdown after Liquid). */
const JEKYLL_CODE_HTML = `<p>Inline <code class="language-plaintext highlighter-rouge">{{ x }}</code> code, and CODE &amp; “QUOTES”.</p>

<div class="language-liquid highlighter-rouge"><div class="highlight"><pre class="highlight"><code><span class="p">{%</span><span class="w"> </span><span class="kr">if</span><span class="w"> </span><span class="nv">page</span><span class="p">.</span><span class="nv">title</span><span class="w"> </span><span class="p">%}{{</span><span class="w"> </span><span class="nv">page</span><span class="p">.</span><span class="nv">title</span><span class="w"> </span><span class="p">}}{%</span><span class="w"> </span><span class="kr">endif</span><span class="w"> </span><span class="p">%}</span>
</code></pre></div></div>

<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby"><span class="nb">puts</span> <span class="s2">"It's Code &amp; "</span><span class="n">quotes</span><span class="s2">""</span></code></pre></figure>

<p>Evaluated in a fence:</p>

<div class="language-ruby highlighter-rouge"><div class="highlight"><pre class="highlight"><code><span class="nb">puts</span> <span class="s2">"Code &amp; "</span><span class="n">quotes</span><span class="s2">""</span>
</code></pre></div></div>

<p class="greet">Hello md, you are 2.</p>

`;

/** Token spans removed (Rouge's, or ours with Rouge's class names). */
function withoutRougeSpans(html: string): string {
  return html.replace(/<span class="[a-z0-9 ]*">/g, '').replace(/<\/span>/g, '');
}

/** `X: …` lines (a label and what follows, up to the next label) of a rendered test post. */
function byLabel(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let label = '';
  for (const line of text.split('\n')) {
    const m = /^([A-Z]{1,2}): ?(.*)$/.exec(line);
    if (m) out.set((label = m[1]!), m[2]!);
    else if (label) out.set(label, out.get(label)! + '\n' + line);
  }
  for (const [k, v] of out) out.set(k, v.replace(/\s+$/, ''));
  return out;
}

const NOW = Date.UTC(2026, 0, 1);

describe('Liquid stage (vs Jekyll 4.3.1)', () => {
  const root = join(repoRoot(), 'test', 'fixtures', 'liquid-site').split('\\').join('/');
  let index: SiteIndex;
  let liquid: JekyllLiquid;
  let ours: Map<string, string>;
  const jekyll = byLabel(withoutRougeSpans(JEKYLL_TEST_HTML));

  before(async () => {
    const site = await loadSite(nodeFs, root);
    index = await buildIndex(nodeFs, site, () => NOW);
    liquid = new JekyllLiquid(nodeFs, index, () => NOW);
    const path = `${root}/_posts/2025-08-19-test.html`;
    const a = await renderArticle(index, liquid, { path, text: new TextDecoder().decode(await nodeFs.readFile(path)), nowMs: NOW });
    assert.ok(a);
    assert.equal(a.kind, 'html');
    ours = byLabel(withoutRougeSpans(a.html));
  });

  const cases: Array<[string, string]> = [
    ['A', 'include with literal parameters (include.name, include.age | plus, include.flag)'],
    ['B', 'include with variable parameters'],
    ['C', 'include with a data list parameter'],
    ['D', 'include_relative (beside the post)'],
    ['E', 'raw'],
    ['F', 'post_url to a post in a year sub-folder (with baseurl)'],
    ['G', 'post_url'],
    ['H', 'link (a page)'],
    ['I', 'relative_url, absolute_url'],
    ['J', 'page.date, date_to_string (ordinal, US), date_to_long_string, date_to_xmlschema, date_to_rfc822'],
    ['K', 'date (strftime, %Z), strings parsed in the site zone'],
    ['L', 'markdownify'],
    ['M', 'slugify (default, pretty, latin, raw)'],
    ['N', 'jsonify'],
    ['O', 'where'],
    ['P', 'where_exp'],
    ['Q', 'group_by'],
    ['R', 'sort (by property, nils last)'],
    ['S', 'xml_escape, number_of_words'],
    ['T', 'site.posts (newest first)'],
    ['U', 'array_to_sentence_string, cgi_escape, uri_escape, normalize_whitespace'],
    ['V', 'highlight (Liquid inside, escaped)'],
    ['W', 'highlight linenos'],
    ['X', 'where_exp with contains, group_by_exp'],
    ['Y', 'page.url, id, path, site.time, collection, slug, name'],
    ['Z', 'site.tags, site.categories'],
    ['AA', 'sort (strings, numbers)'],
    ['AB', 'smartify, array_to_sentence_string with a connector'],
    ['AC', 'find, find_exp, to_integer, push, unshift'],
    ['AD', 'inspect'],
    ['AE', 'escape, default, divided_by, times'],
    ['AF', 'capture of an include, strip_html'],
  ];
  for (const [label, what] of cases) {
    it(`${label}: ${what}`, () => {
      assert.ok(jekyll.has(label), `Jekyll's output has ${label}`);
      assert.equal(ours.get(label), jekyll.get(label));
    });
  }

  it('a Markdown post: raw inside code, Liquid inside a fence and a highlight block, include', async () => {
    const path = `${root}/_posts/2025-08-20-code.md`;
    const a = await renderArticle(index, liquid, { path, text: new TextDecoder().decode(await nodeFs.readFile(path)), nowMs: NOW });
    assert.ok(a);
    const norm = (s: string): string => withoutRougeSpans(s).replace(/ data-line="\d+"/g, '').trim();
    assert.equal(norm(a.html), norm(JEKYLL_CODE_HTML));
    // data-line: lines of the whole file (front matter included).
    assert.match(a.html, /<p data-line="4">Inline/);
    assert.match(a.html, /<figure data-line="10" class="highlight">/);
    assert.match(a.html, /<p data-line="20" class="greet">/);
  });
});

describe('Liquid stage: markers instead of failures', () => {
  async function render(body: string, files: Record<string, string> = {}): Promise<{ html: string; markers: string[] }> {
    const fs = memoryFs({ '/s/_config.yml': 'title: T\n', '/s/_posts/2025-01-01-a.md': '---\ntitle: A\n---\n' + body, ...Object.fromEntries(Object.entries(files).map(([k, v]) => ['/s/' + k, v])) });
    const site = await loadSite(fs, '/s');
    const index = await buildIndex(fs, site, () => NOW);
    const a = await renderArticle(index, new JekyllLiquid(fs, index, () => NOW), { path: '/s/_posts/2025-01-01-a.md', text: '---\ntitle: A\n---\n' + body, nowMs: NOW });
    assert.ok(a);
    return { html: a.html, markers: a.markers.map((m) => `${m.kind}:${m.name}@${m.line ?? '-'}`) };
  }

  it('an unknown tag (a plugin) is a small marker; its end tag nothing', async () => {
    const r = await render('Before\n\n{% gist 12345 %}\n\n{% tabs x %}inside{% endtabs %}\n');
    assert.deepEqual(r.markers, ['unknown-tag:gist@5', 'unknown-tag:tabs@7']);
    assert.match(r.html, /<span class="jekyll-unknown" title="\{% gist 12345 %\}">\{% gist %\}<\/span>/);
    assert.ok(r.html.includes('inside'));
  });

  it('an unknown filter passes the value through with a marker; inside an attribute only the value', async () => {
    const r = await render('{{ "x" | timeago }}\n\n<a href="{{ "/y" | plugin_url }}">y</a>\n');
    assert.match(r.html, /x<span class="jekyll-unknown"[^>]*>\| timeago<\/span>/);
    assert.match(r.html, /<a href="\/y">y<\/a>/);
  });

  it('a Liquid syntax error shows at its line and the rest still renders', async () => {
    const r = await render('Line one {{ page.title }}\n\n{% if x %}\nnever closed\n\nLast {{ page.title }}\n');
    assert.deepEqual(r.markers, ['error:Liquid syntax error@5']);
    assert.match(r.html, /class="jekyll-liquid-error" data-line="5"/);
    assert.match(r.html, /Line one A/);
    assert.match(r.html, /Last A/);
  });

  it('a missing include, post_url or link target is an error marker at its line (Jekyll fails the build)', async () => {
    const r = await render('{% include nope.html %}\n\n{% post_url 2020-01-01-nope %}\n\n{% link nope.md %}\n');
    assert.deepEqual(r.markers, ['error:include@3', 'error:post_url@5', 'error:link@7']);
  });

  it('render_with_liquid: false leaves Liquid as text', async () => {
    const fs = memoryFs({ '/s/_config.yml': '', '/s/_posts/2025-01-01-a.md': '' });
    const site = await loadSite(fs, '/s');
    const index = await buildIndex(fs, site, () => NOW);
    const text = '---\nrender_with_liquid: false\n---\n{{ page.title }} {% gist 1 %}\n';
    const a = await renderArticle(index, new JekyllLiquid(fs, index, () => NOW), { path: '/s/_posts/2025-01-01-a.md', text, nowMs: NOW });
    assert.equal(a?.html, '<p data-line="3">{{ page.title }} {% gist 1 %}</p>\n');
  });

  it('nothing from the post reaches JavaScript: prototype properties are not visible', async () => {
    const r = await render('[{{ page.constructor }}][{{ site.__proto__ }}][{{ "x" | constructor }}]\n');
    assert.match(r.html, /^<p data-line="3">\[\]\[\]\[x<span class="jekyll-unknown"/);
  });

  it('replaceMarkers drops a sentinel inside a tag and shows it in text', () => {
    const markers = [{ kind: 'unknown-filter' as const, name: 'f', message: 'm', line: undefined }];
    assert.equal(replaceMarkers('<a title="a\uE0000\uE001">b\uE0000\uE001</a>', markers), '<a title="a">b<span class="jekyll-unknown" title="m">| f</span></a>');
  });
});

describe('Jekyll URL and time helpers', () => {
  it('relative_url and absolute_url as Jekyll joins them', () => {
    assert.equal(relativeUrl('/assets/x.png', '/blog'), '/blog/assets/x.png');
    assert.equal(relativeUrl('assets/x.png', '/blog/'), '/blog/assets/x.png');
    assert.equal(relativeUrl('', ''), '');
    assert.equal(relativeUrl('https://a.b/c', '/blog'), 'https://a.b/c');
    assert.equal(absoluteUrl('x y.png', 'https://e.com', ''), 'https://e.com/x%20y.png');
  });

  it('strftime flags as Ruby prints them', () => {
    const t = new RubyTime(Date.UTC(2025, 7, 9, 4, 5, 6), 3600, 'Europe/London');
    assert.equal(rubyStrftime('%-d %e %-m %^b %j %l%P %:z %Z %%', t), '9  9 8 AUG 221  5am +01:00 BST %');
  });

  it('inspect as Ruby 3.1', () => {
    assert.equal(rubyInspect({ a: [1, 'b', null] }), '{"a"=>[1, "b", nil]}');
  });
});
