// Code highlighting in the preview: highlight.js grammars written with Rouge's
// class names (so a site's Rouge stylesheet colours the preview), the text and
// its escaping exactly Rouge's (`&`, `<`, `>` only), in fenced code, kramdown
// code blocks and spans, and `{% highlight %}`.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { grammarFor, highlightCode } from '../../../src/core/render/highlight';
import { JekyllLiquid } from '../../../src/core/render/liquid';
import { kramdownOptions, renderMarkdown } from '../../../src/core/render/markdown';
import { renderArticle } from '../../../src/core/render/article';
import { memoryFs } from '../../../src/core/memoryFs';
import { loadSite } from '../../../src/core/site';
import { buildIndex } from '../../../src/core/siteIndex';
import { escapeAll } from '../../../src/core/render/kramdown/syntax';
import { NOW } from '../../util/site';

/** The spans' classes, in order. */
function classes(html: string): string[] {
  return [...html.matchAll(/<span class="([^"]*)">/g)].map((m) => m[1]!);
}

/** `cls` wraps exactly `text` somewhere in `html` (text as escaped HTML). */
function hasToken(html: string, cls: string, text: string): boolean {
  return html.includes(`<span class="${cls}">${text}</span>`);
}

function withoutSpans(html: string): string {
  return html.replace(/<\/?span[^>]*>/g, '');
}

const SAMPLES: Record<string, string> = {
  ruby: '# Greets\ndef greet(name)\n  puts "Hello, #{name}!" if name.size > 0\n  :ok\nend\nx = 42 + 1.5\n',
  js: "// hello\nconst x = 'a<b>' + `t ${y}`;\nfunction f(a) { return a * 2; }\n",
  html: '<div class="note">\n  <script>alert("&")</script>\n  <!-- c -->\n</div>\n',
  yaml: '# config\ntitle: My Blog\ncount: 3\nlist:\n  - "quoted"\n',
  shell: '# install\nbundle exec jekyll serve --livereload | tee log.txt\n',
};

describe('highlightCode: Rouge class names from highlight.js', () => {
  it('ruby: keywords, method names, strings with interpolation, symbols, numbers, comments', () => {
    const h = highlightCode(SAMPLES.ruby!, 'ruby')!;
    assert.ok(hasToken(h, 'c1', '# Greets'), h);
    assert.ok(hasToken(h, 'k', 'def'), h);
    assert.ok(hasToken(h, 'nf', 'greet'), h);
    assert.ok(hasToken(h, 's2', '"Hello, <span class="si">#{name}</span>!"'), h);
    assert.ok(hasToken(h, 'ss', ':ok'), h);
    assert.ok(hasToken(h, 'mi', '42') && hasToken(h, 'mf', '1.5'), h);
    assert.ok(hasToken(h, 'o', '&gt;') && hasToken(h, 'p', '('), h);
  });

  it('js: declarations kd, strings with Rouge\'s dl quotes, names nx, line comments c1', () => {
    const h = highlightCode(SAMPLES.js!, 'js')!;
    assert.ok(hasToken(h, 'c1', '// hello'), h);
    assert.ok(hasToken(h, 'kd', 'const') && hasToken(h, 'kd', 'function'), h);
    assert.ok(h.includes('<span class="dl">\'</span><span class="s1">a&lt;b&gt;</span><span class="dl">\'</span>'), h);
    assert.ok(hasToken(h, 'nx', 'x') && hasToken(h, 'k', 'return') && hasToken(h, 'mi', '2'), h);
    assert.deepEqual(classes(highlightCode('let a = 1', 'javascript')!), classes(highlightCode('let a = 1', 'js')!));
  });

  it('html: tags nt, attributes na, values s, comments c, the script inside as JavaScript', () => {
    const h = highlightCode(SAMPLES.html!, 'html')!;
    assert.ok(hasToken(h, 'na', 'class') && hasToken(h, 's', '"note"'), h);
    assert.ok(hasToken(h, 'nt', '&lt;/div&gt;') && hasToken(h, 'nt', '&lt;script&gt;'), h);
    assert.ok(hasToken(h, 'c', '&lt;!-- c --&gt;'), h);
    assert.ok(hasToken(h, 'nx', 'alert'), h);
  });

  it('yaml: keys na, scalars s, numbers mi, list indicators pi, comments c1', () => {
    const h = highlightCode(SAMPLES.yaml!, 'yaml')!;
    assert.ok(hasToken(h, 'na', 'title:') && hasToken(h, 'mi', '3') && hasToken(h, 'pi', '-'), h);
    assert.ok(hasToken(h, 's', '"quoted"') && hasToken(h, 'c1', '# config'), h);
    assert.equal(highlightCode(SAMPLES.yaml!, 'yml'), h);
  });

  it('shell: builtins nb, options nt, pipes o, comments c; a console session: prompt gp, output go', () => {
    const h = highlightCode(SAMPLES.shell!, 'shell')!;
    assert.ok(hasToken(h, 'c', '# install') && hasToken(h, 'nb', 'exec') && hasToken(h, 'nt', '--livereload') && hasToken(h, 'o', '|'), h);
    for (const name of ['sh', 'bash', 'zsh']) assert.equal(highlightCode(SAMPLES.shell!, name), h, name);
    const c = highlightCode('$ jekyll build\nDone.\n', 'console')!;
    assert.ok(classes(c).includes('gp') && hasToken(c, 'go', '\nDone.\n'), c);
  });

  it('the text is unchanged: without the spans, exactly the code escaped as Rouge escapes it', () => {
    for (const [lang, code] of Object.entries(SAMPLES)) {
      const h = highlightCode(code, lang)!;
      assert.ok(classes(h).length > 3, lang);
      assert.equal(withoutSpans(h), escapeAll(code), lang);
    }
  });

  it('any text, in any of these languages: spans only around escaped text, nothing unescaped (fast-check)', () => {
    const langs = ['ruby', 'js', 'ts', 'html', 'xml', 'yaml', 'shell', 'console', 'liquid', 'python', 'json', 'css', 'markdown', 'erb', 'php', 'c', 'go', 'sql', 'diff'];
    const chars = fc.constantFrom(...'<>&"\'`/\\*#{}%$@!-=:;()[]|.,_ \n\tabcxyz019<script>'.split(''), '<script>', '</script>', '{%', '%}', '{{', '}}', '<!--', '-->', '"""', '&amp;');
    fc.assert(
      fc.property(fc.constantFrom(...langs), fc.array(chars, { maxLength: 60 }), (lang, parts) => {
        const code = parts.join('');
        const h = highlightCode(code, lang)!;
        assert.equal(withoutSpans(h), escapeAll(code));
        // Every tag is one of our spans: a `<` or `>` of the code is always escaped.
        assert.equal(h.replace(/<span class="[a-z0-9]+">|<\/span>/g, '').match(/[<>]/), null);
      }),
      { numRuns: 600 },
    );
  });

  it('the same code again (a re-render after an edit elsewhere) gives the same HTML; another language its own', () => {
    const code = 'x = [1, "two"] # three\n';
    const first = highlightCode(code, 'ruby');
    assert.equal(highlightCode(code, 'rb'), first);
    assert.equal(highlightCode(code, 'ruby'), first);
    assert.notEqual(highlightCode(code, 'python'), first);
    assert.equal(withoutSpans(highlightCode(code, 'python')!), escapeAll(code));
  });

  it('names Rouge does not know, or that we have no grammar for, are not highlighted', () => {
    assert.equal(grammarFor('nosuchlang'), undefined);
    assert.equal(highlightCode('x < y', 'nosuchlang'), undefined);
    // Rouge's plain text lexer: no spans (the caller escapes the text).
    assert.equal(highlightCode('x < y', 'plaintext'), undefined);
    assert.equal(highlightCode('x < y', 'text'), undefined);
    // Rouge lexer options after `?` are ignored; the name is case-sensitive, as Rouge::Lexer.find.
    assert.equal(grammarFor('ruby?start_inline=1'), 'ruby');
    assert.equal(grammarFor('Ruby'), undefined);
  });
});

describe('highlighting in the Markdown stage (kramdown with Rouge)', () => {
  const md = (src: string): string => renderMarkdown(src, kramdownOptions({})).replace(/ data-line="\d+"/g, '');

  it('a fenced block in a known language: Rouge\'s wrapper with token spans, text as before', () => {
    const html = md('```ruby\nputs "<hi>" & 1 # ok\n```\n');
    assert.match(html, /^<div class="language-ruby highlighter-rouge"><div class="highlight"><pre class="highlight"><code>/);
    assert.ok(hasToken(html, 's2', '"&lt;hi&gt;"') && hasToken(html, 'c1', '# ok'), html);
    assert.equal(withoutSpans(html), '<div class="language-ruby highlighter-rouge"><div class="highlight"><pre class="highlight"><code>puts "&lt;hi&gt;" &amp; 1 # ok\n</code></pre></div></div>\n');
  });

  it('kramdown code blocks and spans with a language ({: .language-x}) are highlighted too', () => {
    const block = md('    x = 1\n{: .language-python}\n');
    assert.match(block, /<div class="language-python highlighter-rouge">/);
    assert.ok(hasToken(block, 'mi', '1'), block);
    const inline = md('Call `puts 1`{: .language-ruby} now.\n');
    assert.ok(inline.includes('<code class="language-ruby highlighter-rouge">puts <span class="mi">1</span></code>'), inline);
    // The default language (plaintext): no spans, as Rouge's plain text lexer.
    assert.equal(md('Use `a < b` here.\n'), '<p>Use <code class="language-plaintext highlighter-rouge">a &lt; b</code> here.</p>\n');
  });

  it('an unknown language stays plain: <pre><code class="language-x">, no spans', () => {
    assert.equal(md('```nosuchlang\nx < y\n```\n'), '<pre><code class="language-nosuchlang">x &lt; y\n</code></pre>\n');
    // A language Rouge knows but we have no grammar for: Rouge's wrapper, unhighlighted.
    assert.equal(
      md('```ada\nX := 1;\n```\n'),
      '<div class="language-ada highlighter-rouge"><div class="highlight"><pre class="highlight"><code>X := 1;\n</code></pre></div></div>\n',
    );
  });

  it('a <script> inside code stays escaped (HTML, JavaScript, unknown and no language)', () => {
    const script = '<script>alert(1)</script>';
    for (const lang of ['html', 'js', 'nosuchlang', '']) {
      const html = md('```' + lang + '\n' + script + '\n```\n');
      assert.ok(!/<script/i.test(html), `${lang}: ${html}`);
      assert.ok(withoutSpans(html).includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${lang}: ${html}`);
    }
  });
});

describe('{% highlight %} (Liquid stage)', () => {
  async function render(body: string): Promise<string> {
    const text = '---\ntitle: A\n---\n' + body;
    const fs = memoryFs({ '/s/_config.yml': 'title: T\n', '/s/_posts/2025-01-01-a.md': text });
    const index = await buildIndex(fs, await loadSite(fs, '/s'), () => NOW);
    const a = await renderArticle(index, new JekyllLiquid(fs, index, () => NOW), { path: '/s/_posts/2025-01-01-a.md', text, nowMs: NOW });
    assert.ok(a);
    return a.html.replace(/ data-line="\d+"/g, '');
  }

  it('highlights with Rouge classes inside Jekyll\'s <figure class="highlight">', async () => {
    const html = await render('{% highlight ruby %}\ndef f(x) = x < 2\n{% endhighlight %}\n');
    assert.match(html, /<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby">/);
    assert.ok(hasToken(html, 'k', 'def') && hasToken(html, 'o', '&lt;') && hasToken(html, 'mi', '2'), html);
    assert.ok(withoutSpans(html).includes('<code class="language-ruby" data-lang="ruby">def f(x) = x &lt; 2</code>'), html);
  });

  it('linenos: the gutter has one number per line, the code cell is highlighted', async () => {
    const html = await render('{% highlight ruby linenos %}\ndef f\n  :ok\nend\n{% endhighlight %}\n');
    assert.ok(html.includes('<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1\n2\n3\n</pre></td><td class="code"><pre>'), html);
    assert.ok(hasToken(html, 'k', 'def') && hasToken(html, 'ss', ':ok') && hasToken(html, 'k', 'end'), html);
    assert.ok(withoutSpans(html).includes('<td class="code"><pre>def f\n  :ok\nend\n</pre></td>'), html);
  });

  it('an unknown language is plain, and a <script> inside stays escaped', async () => {
    const html = await render('{% highlight nosuchlang %}\n<script>alert(1)</script>\n{% endhighlight %}\n');
    assert.ok(html.includes('<code class="language-nosuchlang" data-lang="nosuchlang">&lt;script&gt;alert(1)&lt;/script&gt;</code>'), html);
    const js = await render('{% highlight js %}\n<script>alert(1)</script>\n{% endhighlight %}\n');
    assert.ok(!/<script/i.test(js), js);
  });
});
