import * as assert from 'node:assert/strict';
import { codeAt, opaqueAt, scanLiquid, tokenAt, tokensIn, trimmedArgs, type CodeBlock, type LiquidScan } from '../../../src/core/liquidScan';

/** `[markdown, names of the {{ name }} outputs kramdown (GFM, as in Jekyll 4.3.1) puts inside <pre>]` — generated with Jekyll's converter. */
const KRAMDOWN_CODE: Array<[string, string[]]> = [
  ["para\n    not code {{ a }}\n\n    code {{ b }}\nlazy {{ c }}\n\nafter {{ d }}", ["b","c"]],
  ["# H\n    code after header {{ a }}\n---\n    code after rule {{ b }}", ["a","b"]],
  ["- item {{ a }}\n    continuation {{ b }}\n\n        code in item {{ c }}\n\n  para in item {{ d }}\n\n    still item {{ e }}\n\nnot item {{ f }}\n\n    code {{ g }}", ["c","g"]],
  ["1. one\n2. two\n\n       code? {{ a }}\n\n   ```\n   fenced in item {{ b }}\n   ```", ["a","b"]],
  ["> quote\n>     not code {{ a }}\n>\n>     code {{ b }}\n\n> ```\n> fence {{ c }}\n> ```", ["b","c"]],
  ["```\nunclosed {{ a }}\n\n    code {{ b }}", ["b"]],
  ["````\n``` \ninner {{ a }}\n````\nafter {{ b }}", ["a"]],
  ["~~~ ruby\ntilde {{ a }}\n~~~~~\nout {{ b }}", ["a"]],
  ["```ruby linenos\ntwo words {{ a }}\n```\nbetween {{ b }}\n```", ["b"]],
  ["<div>\n\n    html not code {{ a }}\n\n</div>\n\n    code {{ b }}\n\n<div markdown=\"1\">\n\n    md code {{ c }}\n\n</div>", ["b","c"]],
  ["<!-- comment\n\n    in comment {{ a }}\n\n-->\n\n    code {{ b }}", ["b"]],
  ["\ttab code {{ a }}\n\n  \ttwo spaces tab {{ b }}", ["a"]],
  ["Term\n: def\n\n    code? {{ a }}", []],
  ["* * *\n    code after hr {{ a }}\n\nTitle\n=====\n    code after setext {{ b }}", ["a","b"]],
  ["text\n```\nfence interrupts {{ a }}\n```\ntext {{ b }}", ["a"]],
  ["- a\n- b\n```\nfence after list {{ a }}\n```", ["a"]],
  ["| a | b |\n|---|---|\n| {{ a }} | x |\n\n    code {{ b }}", ["b"]],
  ["    code {{ a }}\n<div>x</div>\n    more {{ b }}", ["a","b"]],
  ["  ```\n  indented fence {{ a }}\n    ```\n  x {{ b }}", []],
  ["- a\n  - nested\n    text\n\n        nested code? {{ a }}\n\n      nested para {{ b }}\n\n            deep {{ c }}", ["a","c"]],
  ["-     five spaces {{ a }}\n\n  x {{ b }}", []],
  ["-\ttab marker {{ a }}\n\n        code {{ b }}", ["b"]],
  ["> quote\nlazy\n    {{ a }}\n\n    {{ b }}", ["b"]],
  ["+ plus\n\n      {{ a }}\n\n    {{ b }}", ["a"]],
  ["para  \n    {{ a }}", []],
  ["<div>\n<div>\n</div>\n    {{ a }}\n</div>\n\n    {{ b }}", ["b"]],
  ["<img src=\"x\">\n\n    {{ a }}", ["a"]],
  ["<span>x</span>\n\n    {{ a }}", ["a"]],
  ["{:.cls}\n    {{ a }}\n\n{::comment}\n    {{ b }}\n{:/comment}\n\n    {{ c }}", ["a","c"]],
  ["   ~~~\n   {{ a }}\n   ~~~\n    ~~~\n    {{ b }}\n    ~~~", ["a","b"]],
  ["1. Run this:\n```bash\necho {{ a }}\n```\n2. Then {{ b }}", ["a"]],
  ["- Step:\n  ```\n  x {{ a }}\n  ```\n- next {{ b }}", ["a"]],
  ["> Note:\n> ```\n> {{ a }}\n> ```\nPara {{ b }}", ["a"]],
  [">     qc {{ a }}\ntext {{ b }}\n~~~\n\n~~~\n{{ c }}\n~~~", ["a","b","c"]],
  ["a\r\n\r\n    {{ a }}\r\n```\r\n{{ b }}\r\n```\r\n", ["a","b"]],
];

/** Names of the `{{ name }}` outputs inside fenced or indented code. */
function inCode(scan: LiquidScan): string[] {
  return scan.tokens.filter((t) => t.kind === 'output' && scan.code.some((c) => c.kind !== 'highlight' && t.start >= c.content.start && t.start < c.content.end)).map((t) => t.args.trim());
}

describe('liquidScan', () => {
  describe('tokens, as Liquid cuts them', () => {
    it('reads tags and outputs with names, arguments and whitespace control', () => {
      const text = 'a {{ x | upcase }} b {%- include f.html k="v" -%} c {{- y -}} {%#note%}';
      const { tokens } = scanLiquid(text);
      assert.deepEqual(
        tokens.map((t) => [t.kind, t.name, t.args, t.trimLeft, t.trimRight, t.terminated]),
        [
          ['output', '', ' x | upcase ', false, false, true],
          ['tag', 'include', 'f.html k="v" ', true, true, true],
          ['output', '', ' y ', true, true, true],
          ['tag', '#', 'note', false, false, true],
        ],
      );
      const inc = tokens[1]!;
      assert.equal(text.slice(inc.start, inc.end), '{%- include f.html k="v" -%}');
      assert.equal(text.slice(inc.argsStart, inc.argsStart + inc.args.length), 'f.html k="v" ');
      assert.deepEqual(trimmedArgs(inc), { text: 'f.html k="v"', start: inc.argsStart, end: inc.argsStart + 12 });
    });

    it('cuts `{{` at the first `}` and leaves unclosed openers unterminated (Liquid syntax errors)', () => {
      const cut = (text: string): Array<[string, boolean]> => scanLiquid(text).tokens.map((t) => [text.slice(t.start, t.end), t.terminated]);
      assert.deepEqual(cut('{{ x } y }}'), [['{{ x }', false]]);
      assert.deepEqual(cut('{{ "{%" }} z'), [['{{ "{%" }}', true]]);
      assert.deepEqual(cut('a {{ b'), [['{{', false]]);
      assert.deepEqual(cut('a {% b'), [['{%', false]]);
      assert.deepEqual(cut('{% a }} %}'), [['{% a }} %}', true]]);
      assert.equal(scanLiquid('{% -x %}').tokens[0]!.name, '');
    });

    it('starts at the body', () => {
      const text = '---\ntitle: "{{ not liquid }}"\n---\n{{ body }}\n';
      const scan = scanLiquid(text, { bodyStart: text.indexOf('{{ body') });
      assert.deepEqual(scan.tokens.map((t) => t.args), [' body ']);
    });
  });

  describe('raw and comment regions', () => {
    it('runs nothing inside raw, which ends at the first endraw Liquid accepts', () => {
      const text = '{% raw %}{{ a }}{% if %}{%- endraw %}{{ b }}{% endraw -%}{{ c }}';
      const scan = scanLiquid(text);
      assert.deepEqual(scan.tokens.map((t) => t.name || t.args), ['raw', 'endraw', ' c ']);
      const r = scan.opaque[0]!;
      assert.equal(r.kind, 'raw');
      assert.equal(text.slice(r.content.start, r.content.end), '{{ a }}{% if %}{%- endraw %}{{ b }}');
      assert.equal(opaqueAt(scan, text.indexOf('{{ b')), r);
      assert.equal(opaqueAt(scan, text.indexOf('{{ c')), undefined);
    });

    it('keeps an unclosed raw open to the end', () => {
      const scan = scanLiquid('{% raw %} {{ a }}');
      assert.equal(scan.opaque[0]!.close, undefined);
      assert.deepEqual(scan.tokens.map((t) => t.name), ['raw']);
    });

    it('nests comments, takes a raw inside whole, and keeps what they hold in `commented`', () => {
      const text = '{% comment %}{% comment %}{{ a }}{% endcomment %}{% raw %}{% endcomment %}{% endraw %}{% post_url x %}{% endcomment %}{{ b }}';
      const scan = scanLiquid(text);
      assert.deepEqual(scan.tokens.map((t) => t.name || t.args), ['comment', 'endcomment', ' b ']);
      assert.deepEqual(scan.commented.map((t) => t.name || t.args), ['comment', ' a ', 'endcomment', 'raw', 'post_url']);
      assert.equal(scan.opaque.length, 1);
    });
  });

  describe('code blocks', () => {
    for (const [md, expected] of KRAMDOWN_CODE) {
      it(`agrees with kramdown: ${JSON.stringify(md).slice(0, 60)}`, () => {
        assert.deepEqual(inCode(scanLiquid(md)), expected);
      });
    }

    it('describes fences, indented code and highlight blocks', () => {
      const text = 'p\n\n> ```ruby\n> x\n> ```\n\n    y\n    z\n\n{% highlight js linenos %}\nw\n{% endhighlight %}\n';
      const scan = scanLiquid(text);
      const [fence, indented, hl] = scan.code as [CodeBlock, CodeBlock, CodeBlock];
      assert.equal(fence.kind, 'fence');
      assert.equal(fence.kind === 'fence' && fence.lang, 'ruby');
      assert.equal(fence.kind === 'fence' && fence.prefix, '> ');
      assert.equal(text.slice(fence.content.start, fence.content.end), '> x\n');
      assert.equal(text.slice(fence.start, fence.end), '> ```ruby\n> x\n> ```');
      assert.equal(indented.kind, 'indented');
      assert.equal(text.slice(indented.content.start, indented.content.end), '    y\n    z');
      assert.equal(hl.kind, 'highlight');
      assert.equal(hl.kind === 'highlight' && hl.lang, 'js');
      assert.equal(text.slice(hl.content.start, hl.content.end), '\nw\n');
      assert.equal(codeAt(scan, text.indexOf('w\n{%')), hl);
      assert.equal(codeAt(scan, text.indexOf('p\n')), undefined);
    });

    it('finds no Markdown code when told the file is not Markdown, and none inside comments', () => {
      assert.deepEqual(scanLiquid('```\n{{ a }}\n```\n', { markdown: false }).code, []);
      assert.deepEqual(scanLiquid('{% comment %}\n```\n{% endcomment %}\n{{ a }}\n```\n').code, []);
    });

    it('follows parse_block_html and markdown="1"', () => {
      const md = '<div>\n\n    {{ a }}\n\n</div>\n';
      assert.deepEqual(inCode(scanLiquid(md)), []);
      assert.deepEqual(inCode(scanLiquid(md, { parseBlockHtml: true })), ['a']);
      assert.deepEqual(inCode(scanLiquid(md.replace('<div>', '<div markdown="1">'))), ['a']);
    });

    it('keeps outermost blocks only (a highlight inside a fence is part of it)', () => {
      const text = '```\n{% highlight ruby %}\n{{ a }}\n{% endhighlight %}\n```\n';
      const scan = scanLiquid(text);
      assert.deepEqual(scan.code.map((c) => c.kind), ['fence']);
      assert.deepEqual(tokensIn(scan, scan.code[0]!.content).map((t) => t.name || t.args), ['highlight', ' a ', 'endhighlight']);
    });
  });

  it('finds the token at an offset, its end included', () => {
    const text = 'a {% include x %} b {% inc';
    const scan = scanLiquid(text);
    assert.equal(tokenAt(scan, text.indexOf('x'))!.name, 'include');
    assert.equal(tokenAt(scan, text.indexOf(' b')), scan.tokens[0]);
    assert.equal(tokenAt(scan, text.indexOf('b {')), undefined);
    assert.equal(tokenAt(scan, text.length - 4)!.terminated, false);
  });

  it('scans a 1 MB post in linear time, pathological ones included', function () {
    this.timeout(60_000);
    const chunk = '## Section {{ page.title }}\n\nText with a [link]({% post_url 2024-01-07-x %}) and {{ site.title | escape }}.\n\n```ruby\nputs "{{ x }}"\n```\n\n- item {% include figure.html src="a" %}\n\n    indented {{ y }}\n\n> quote {{ z }}\n\n{% raw %}{{ raw }}{% endraw %}\n';
    const inputs = [
      chunk.repeat(Math.ceil(1_000_000 / chunk.length)),
      '````\n```\n'.repeat(125_000),
      '``~\n'.repeat(250_000),
      '<!-- x\n'.repeat(125_000),
      '{% highlight x %}\n'.repeat(55_000),
      '{% raw %}'.repeat(110_000),
      '<div>\n'.repeat(166_000),
      '{{ a }}'.repeat(140_000),
    ];
    for (const text of inputs) {
      scanLiquid(text);
      const start = performance.now();
      const scan = scanLiquid(text);
      const ms = performance.now() - start;
      // A few ms on an idle machine; the bound only catches quadratic behaviour (minutes at this size), even on a busy one.
      assert.ok(ms < 2000, `${JSON.stringify(text.slice(0, 20))}…: ${ms.toFixed(1)} ms`);
      assert.ok(scan.tokens.length >= 0);
    }
  });
});
