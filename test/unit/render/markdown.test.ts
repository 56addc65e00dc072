/**
 * The Markdown stage against kramdown: every expected HTML below is the
 * output of the real Jekyll 4.3.1 converter (test/conformance/kramdown-convert.rb,
 * an empty site: Jekyll's default `kramdown:` settings) for the input next to
 * it, pasted as printed. Our output is compared after removing our
 * `data-line` attributes; in highlighted code the token spans are removed
 * from both sides (ours come from highlight.js with Rouge's class names, see
 * highlight.test.ts; the text and escaping inside must be Rouge's).
 */
import * as assert from 'node:assert/strict';
import { kramdownOptions, renderMarkdown, type MarkdownOptions } from '../../../src/core/render/markdown';

const jekyllDefaults = kramdownOptions({});

function ours(src: string, options: MarkdownOptions = jekyllDefaults): string {
  return renderMarkdown(src, options).replace(/ data-line="\d+"/g, '');
}

/** Highlighted code without its token <span class="…"> (Rouge's or ours). */
function withoutRougeSpans(html: string): string {
  return html.replace(/(<pre class="highlight"><code>)([\s\S]*?)(<\/code>)/g, (_m, a: string, b: string, c: string) => a + b.replace(/<\/?span[^>]*>/g, '') + c);
}

describe('renderMarkdown: kramdown behaviours (expectations from Jekyll 4.3.1)', () => {
  it("smart quotes as kramdown's SQ_RULES (not markdown-it's typographer)", () => {
    assert.equal(
      ours("Trump's \"deal\" and 'single' quotes, the '80s and \"nested 'inner' quote\".\n"),
      "<p>Trump’s “deal” and ‘single’ quotes, the ’80s and “nested ‘inner’ quote”.</p>\n",
    );
  });

  it("typographic symbols: ---, --, ..., << >> (with no-break spaces when spaced)", () => {
    assert.equal(
      ours("Wait --- really -- yes... <<quote>> and << spaced >>.\n"),
      "<p>Wait — really – yes… «quote» and « spaced ».</p>\n",
    );
  });

  it("header ids as generate_gfm_header_id, with -1/-2 for duplicates and Unicode kept", () => {
    assert.equal(
      ours("# Hello, World!\n\n## Hello, World!\n\n## Hello, World!\n\n### Ünïcode 中文 `code` & \"quotes\"\n\n# Custom {#my-id}\n"),
      "<h1 id=\"hello-world\">Hello, World!</h1>\n\n<h2 id=\"hello-world-1\">Hello, World!</h2>\n\n<h2 id=\"hello-world-2\">Hello, World!</h2>\n\n<h3 id=\"ünïcode-中文-code--quotes\">Ünïcode 中文 <code class=\"language-plaintext highlighter-rouge\">code</code> &amp; “quotes”</h3>\n\n<h1 id=\"my-id\">Custom</h1>\n",
    );
  });

  it("inline code with class language-plaintext highlighter-rouge", () => {
    assert.equal(
      ours("Use `git status` and ``a `tick` b``.\n"),
      "<p>Use <code class=\"language-plaintext highlighter-rouge\">git status</code> and <code class=\"language-plaintext highlighter-rouge\">a `tick` b</code>.</p>\n",
    );
  });

  it("fenced code: Rouge's wrapper for known languages, plain <pre> for unknown ones, no fence without a one-word info string", () => {
    assert.equal(
      withoutRougeSpans(ours("```ruby\nputs \"<hi>\" & 1\n```\n\n```nosuchlang\nx < y\n```\n\n```\nno language\n```\n\n```ruby title=\"x\"\nnot a fence\n```\n")),
      withoutRougeSpans("<div class=\"language-ruby highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code><span class=\"nb\">puts</span> <span class=\"s2\">\"&lt;hi&gt;\"</span> <span class=\"o\">&amp;</span> <span class=\"mi\">1</span>\n</code></pre></div></div>\n\n<pre><code class=\"language-nosuchlang\">x &lt; y\n</code></pre>\n\n<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>no language\n</code></pre></div></div>\n\n<p><code class=\"language-plaintext highlighter-rouge\">ruby title=\"x\"\nnot a fence\n</code></p>\n"),
    );
  });

  it("list items wrapped in <p> per item (kramdown's list rules, not CommonMark's loose/tight)", () => {
    assert.equal(
      ours("- tight\n- items\n\n* loose item\n\n* second\n\n1. first\n2. second\n\n   continued\n3. third\n"),
      "<ul>\n  <li>tight</li>\n  <li>\n    <p>items</p>\n  </li>\n  <li>\n    <p>loose item</p>\n  </li>\n  <li>second</li>\n</ul>\n\n<ol>\n  <li>first</li>\n  <li>\n    <p>second</p>\n\n    <p>continued</p>\n  </li>\n  <li>third</li>\n</ol>\n",
    );
  });

  it("HTML blocks run to the matching close tag across blank lines; markdown=\"1\" parses the inside", () => {
    assert.equal(
      ours("<div class=\"note\">\n\n*not markdown*\n\n</div>\n\n<div markdown=\"1\">\n\n*markdown*\n\n</div>\n\nText with <span>inline *html*</span>.\n"),
      "<div class=\"note\">\n\n*not markdown*\n\n</div>\n\n<div>\n\n  <p><em>markdown</em></p>\n\n</div>\n\n<p>Text with <span>inline <em>html</em></span>.</p>\n",
    );
  });

  it("tables: alignment, empty cell as a no-break space, |===| footer, tables without a header", () => {
    assert.equal(
      ours("| a | b | c |\n|:--|:-:|--:|\n| 1 |   | 3 |\n|===|===|===|\n| f | o | t |\n\n| no | header |\n| x  | y      |\n"),
      "<table>\n  <thead>\n    <tr>\n      <th style=\"text-align: left\">a</th>\n      <th style=\"text-align: center\">b</th>\n      <th style=\"text-align: right\">c</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td style=\"text-align: left\">1</td>\n      <td style=\"text-align: center\"> </td>\n      <td style=\"text-align: right\">3</td>\n    </tr>\n  </tbody>\n  <tfoot>\n    <tr>\n      <td style=\"text-align: left\">f</td>\n      <td style=\"text-align: center\">o</td>\n      <td style=\"text-align: right\">t</td>\n    </tr>\n  </tfoot>\n</table>\n\n<table>\n  <tbody>\n    <tr>\n      <td>no</td>\n      <td>header</td>\n    </tr>\n    <tr>\n      <td>x</td>\n      <td>y</td>\n    </tr>\n  </tbody>\n</table>\n",
    );
  });

  it("footnotes: markers, repeated references and the endnotes block", () => {
    assert.equal(
      ours("Claim[^1] and another[^note], again[^1].\n\n[^1]: First note.\n[^note]: Second *note*.\n"),
      "<p>Claim<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup> and another<sup id=\"fnref:note\" role=\"doc-noteref\"><a href=\"#fn:note\" class=\"footnote\" rel=\"footnote\">2</a></sup>, again<sup id=\"fnref:1:1\" role=\"doc-noteref\"><a href=\"#fn:1\" class=\"footnote\" rel=\"footnote\">1</a></sup>.</p>\n\n<div class=\"footnotes\" role=\"doc-endnotes\">\n  <ol>\n    <li id=\"fn:1\" role=\"doc-endnote\">\n      <p>First note. <a href=\"#fnref:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a> <a href=\"#fnref:1:1\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;<sup>2</sup></a></p>\n    </li>\n    <li id=\"fn:note\" role=\"doc-endnote\">\n      <p>Second <em>note</em>. <a href=\"#fnref:note\" class=\"reversefootnote\" role=\"doc-backlink\">&#8617;</a></p>\n    </li>\n  </ol>\n</div>\n",
    );
  });

  it("inline attribute lists on blocks and spans, and before a block", () => {
    assert.equal(
      ours("A paragraph.\n{: .lead #intro}\n\n![img](/a.png){: .center width=\"50\"}\n\n{: .before}\nNext paragraph\n"),
      "<p class=\"lead\" id=\"intro\">A paragraph.</p>\n\n<p><img src=\"/a.png\" alt=\"img\" class=\"center\" width=\"50\" /></p>\n\n<p class=\"before\">Next paragraph</p>\n",
    );
  });

  it("{:toc} becomes the nested markdown-toc list", () => {
    assert.equal(
      ours("* TOC\n{:toc}\n\n# One\n\n## Two\n\n## Three\n\n# Four\n"),
      "<ul id=\"markdown-toc\">\n  <li><a href=\"#one\" id=\"markdown-toc-one\">One</a>    <ul>\n      <li><a href=\"#two\" id=\"markdown-toc-two\">Two</a></li>\n      <li><a href=\"#three\" id=\"markdown-toc-three\">Three</a></li>\n    </ul>\n  </li>\n  <li><a href=\"#four\" id=\"markdown-toc-four\">Four</a></li>\n</ul>\n\n<h1 id=\"one\">One</h1>\n\n<h2 id=\"two\">Two</h2>\n\n<h2 id=\"three\">Three</h2>\n\n<h1 id=\"four\">Four</h1>\n",
    );
  });

  it("$$ math as MathJax \\( \\) inline and \\[ \\] as a block", () => {
    assert.equal(
      ours("Inline $$x^2 < y$$ here.\n\n$$\na = b + c\n$$\n"),
      "<p>Inline \\(x^2 &lt; y\\) here.</p>\n\n\\[a = b + c\\]\n",
    );
  });

  it("definition lists, with <p> when a blank line precedes the definition", () => {
    assert.equal(
      ours("Term\n: Definition one\n: Definition two\n\nOther term\n\n: Loose definition\n"),
      "<dl>\n  <dt>Term</dt>\n  <dd>Definition one</dd>\n  <dd>Definition two</dd>\n  <dt>Other term</dt>\n  <dd>\n    <p>Loose definition</p>\n  </dd>\n</dl>\n",
    );
  });

  it("abbreviations *[HTML]: …", () => {
    assert.equal(
      ours("The HTML spec and CSS.\n\n*[HTML]: Hyper Text Markup Language\n*[CSS]: Cascading Style Sheets\n"),
      "<p>The <abbr title=\"Hyper Text Markup Language\">HTML</abbr> spec and <abbr title=\"Cascading Style Sheets\">CSS</abbr>.</p>\n\n",
    );
  });

  it("~~strikethrough~~ (GFM)", () => {
    assert.equal(
      ours("This is ~~deleted~~ text, ~~ not ~~ deleted.\n"),
      "<p>This is <del>deleted</del> text, ~~ not ~~ deleted.</p>\n",
    );
  });

  it("task lists (GFM), the class carried over to later items", () => {
    assert.equal(
      ours("- [ ] todo\n- [x] done\n- plain\n"),
      "<ul class=\"task-list\">\n  <li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" />todo</li>\n  <li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" checked=\"checked\" />done</li>\n  <li class=\"task-list-item\">plain</li>\n</ul>\n",
    );
  });

  it("link destinations with spaces and Liquid, &amp; kept, balanced parentheses, autolinks", () => {
    assert.equal(
      ours("[home]({{ site.url }}/a b) and [q](/search?a=1&amp;b=2&c=3) and [p](/wiki/Foo_(bar)) and <https://example.com>.\n"),
      "<p><a href=\"{{ site.url }}/a b\">home</a> and <a href=\"/search?a=1&amp;b=2&amp;c=3\">q</a> and <a href=\"/wiki/Foo_(bar)\">p</a> and <a href=\"https://example.com\">https://example.com</a>.</p>\n",
    );
  });

  it("emphasis without CommonMark's flanking rules", () => {
    assert.equal(
      ours("*em* **strong** snake_case_word 2*3*4 中文**“引号”**，\n"),
      "<p><em>em</em> <strong>strong</strong> snake_case_word 2<em>3</em>4 中文<strong>“引号”</strong>，</p>\n",
    );
  });

  it("hard line breaks: two spaces, or a backslash (GFM)", () => {
    assert.equal(
      ours("Two spaces  \nbreak, backslash\\\nbreak\n"),
      "<p>Two spaces<br />\nbreak, backslash<br />\nbreak</p>\n",
    );
  });

  it("blockquotes with lazy continuation lines", () => {
    assert.equal(
      ours("> quoted\ncontinued lazily\n\n> a\n>\n> b\n"),
      "<blockquote>\n  <p>quoted\ncontinued lazily</p>\n</blockquote>\n\n<blockquote>\n  <p>a</p>\n\n  <p>b</p>\n</blockquote>\n",
    );
  });

  it("entities: known ones as characters, unknown ones escaped", () => {
    assert.equal(
      ours("&copy; &amp; &foo; &#8217; A & B < C\n"),
      "<p>© &amp; &amp;foo; ’ A &amp; B &lt; C</p>\n",
    );
  });

  it("text like <stdlib.h> is a tag to kramdown (closed at the end of the paragraph)", () => {
    assert.equal(
      ours("Include <stdlib.h> here.\n\nEnd.\n"),
      "<p>Include <stdlib.h> here.</stdlib.h></p>\n\n<p>End.</p>\n",
    );
  });

  it("GFM's paragraph_end quirk: a list or header interrupts a paragraph; lazy lines join list items", () => {
    assert.equal(
      ours("A paragraph\n- interrupted by a list\n# and a header\n"),
      "<p>A paragraph</p>\n<ul>\n  <li>interrupted by a list\n    <h1 id=\"and-a-header\">and a header</h1>\n  </li>\n</ul>\n",
    );
  });

  it("indented code blocks get Rouge's plaintext wrapper", () => {
    assert.equal(
      ours("    def x\n      1\n    end\n"),
      "<div class=\"language-plaintext highlighter-rouge\"><div class=\"highlight\"><pre class=\"highlight\"><code>def x\n  1\nend\n</code></pre></div></div>\n",
    );
  });

  it("nested lists inside list items", () => {
    assert.equal(
      ours("1. one\n   - sub *a*\n   - sub b\n2. two\n"),
      "<ol>\n  <li>one\n    <ul>\n      <li>sub <em>a</em></li>\n      <li>sub b</li>\n    </ul>\n  </li>\n  <li>two</li>\n</ol>\n",
    );
  });

  it('the site\'s kramdown: settings apply (hard_wrap: true)', () => {
    // _config.yml: kramdown: { hard_wrap: true }
    assert.equal(ours('one\ntwo\n', kramdownOptions({ kramdown: { hard_wrap: true } })), '<p>one<br />\ntwo</p>\n');
  });

  it('the site\'s kramdown: settings apply (input: kramdown, no GFM)', () => {
    // _config.yml: kramdown: { input: kramdown }: kramdown's own ids, no ~~, no backtick fences
    assert.equal(
      ours('## 1. Numbered\n\n~~not del~~ and `code`\n\n```\nnot a fence in kramdown input\n```\n', kramdownOptions({ kramdown: { input: 'kramdown' } })),
      '<h2 id="numbered">1. Numbered</h2>\n\n<p>~~not del~~ and <code class="language-plaintext highlighter-rouge">code</code></p>\n\n<p><code class="language-plaintext highlighter-rouge">\nnot a fence in kramdown input\n</code></p>\n',
    );
  });

  it('the site\'s kramdown: settings apply (auto_ids: false, smart_quotes)', () => {
    // _config.yml: kramdown: { auto_ids: false, smart_quotes: [apos, apos, quot, quot] }
    assert.equal(
      ours('# Title "quoted"\n', kramdownOptions({ kramdown: { auto_ids: false, smart_quotes: ['apos', 'apos', 'quot', 'quot'] } })),
      '<h1>Title "quoted"</h1>\n',
    );
  });
});

describe('renderMarkdown: our own contract', () => {
  it('puts data-line (0-based line in the post) on every block element', () => {
    const html = renderMarkdown('# T\n\npara\n\n- a\n- b\n\n> q\n\n| x |\n', jekyllDefaults, { lineOffset: 4 });
    const lines = [...html.matchAll(/<(\w+) data-line="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(lines, ['h1:4', 'p:6', 'ul:8', 'li:8', 'li:9', 'blockquote:11', 'p:11', 'table:13', 'tbody:13', 'tr:13', 'td:13']);
  });

  it('reads CRLF line endings as kramdown does', () => {
    assert.equal(ours('# A\r\n\r\ntext\r\nmore\r\n'), '<h1 id="a">A</h1>\n\n<p>text\nmore</p>\n');
  });

  it('stays fast on text full of unmatched delimiters (kramdown itself takes minutes)', () => {
    const src = 'word *a [b <span>c '.repeat(4000);
    const t0 = Date.now();
    const html = renderMarkdown(src, jekyllDefaults);
    assert.ok(html.startsWith('<p'));
    assert.ok(Date.now() - t0 < 5000, `took ${Date.now() - t0} ms`);
  }).timeout(10000);

  it('reads the kramdown: block of _config.yml with Jekyll\'s defaults', () => {
    const o = kramdownOptions({ kramdown: { toc_levels: '2..3', footnote_backlink: '^', syntax_highlighter_opts: { default_lang: 'text' } } });
    assert.deepEqual(
      { input: o.input, autoIds: o.autoIds, tocLevels: o.tocLevels, backlink: o.footnoteBacklink, defaultLang: o.defaultLang, hardWrap: o.hardWrap, math: o.mathEngine },
      { input: 'GFM', autoIds: true, tocLevels: [2, 3], backlink: '^', defaultLang: 'text', hardWrap: false, math: 'mathjax' },
    );
  });
});
