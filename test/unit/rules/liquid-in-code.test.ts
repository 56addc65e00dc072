import * as assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem';
import { applyFix, only, textAt } from '../../util/edits';
import { newsSite, testSite, type TestSite } from '../../util/site';

const CODE = 'liquid-in-code';
const FM = '---\ntitle: Templates\n---\n';
const POST = '_posts/2025-06-30-templates.md';
const of = (ps: readonly Problem[]): Problem[] => ps.filter((p) => p.code === CODE);

/**
 * Checks `body`, expects one finding on `first`, applies its fix and expects
 * exactly `fixed` (each layout below was built with Jekyll 4.3.1: the fixed
 * post renders the code exactly as the original does with Liquid off).
 */
function fixes(s: TestSite, body: string, first: string, fixed: string): Problem {
  const text = FM + body;
  const p = only(s.check(POST, text), CODE);
  assert.equal(textAt(text, p), first);
  assert.equal(p.fixes.length, 1);
  assert.equal(p.fixes[0]!.preferred, true);
  const out = applyFix(text, p.fixes[0]!);
  assert.equal(out, FM + fixed);
  assert.deepEqual(of(s.check(POST, out)), []);
  return p;
}

describe('rule liquid-in-code', () => {
  let s: TestSite;
  before(async () => {
    s = await testSite({ '_config.yml': 'timezone: Europe/London\n', [POST]: FM });
  });

  it('flags the sample site\'s unprotected fence once, on its first Liquid, and wraps it in raw', async () => {
    const site = await testSite(newsSite());
    const rel = '_posts/2025-06-30-how-we-template-results.md';
    const text = site.files[rel]!;
    const p = only(site.check(rel), CODE);
    assert.equal(p.severity, 'warning');
    assert.equal(textAt(text, p), '{{ council.name }}');
    assert.deepEqual(p.range, { start: { line: 16, character: 6 }, end: { line: 16, character: 24 } });
    assert.equal(
      p.message,
      'Jekyll runs the Liquid in this code block before Markdown: `{{ council.name }}` and 2 more are evaluated, so the sample is not published as written (a variable Jekyll does not know becomes empty). Wrap the code in {% raw %}…{% endraw %}.',
    );
    const sample = '```liquid\n<div class="result-card">\n  <h3>{{ council.name }}</h3>\n  <p>{{ council.control }} — {{ council.seats }} seats</p>\n</div>\n```\n';
    assert.ok(text.includes(`template that reads one row of the results data:\n\n${sample}`));
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, text.replace(sample, `{% raw %}\n${sample}{% endraw %}\n`));
    assert.deepEqual(of(site.check(rel, fixed)), []);
  });

  it('wraps a fence that follows text with {%- raw %}, so no blank line appears', () => {
    fixes(s, 'Run:\n```sh\necho {{ x }}\n```\nDone.\n', '{{ x }}', 'Run:\n{%- raw %}\n```sh\necho {{ x }}\n```\n{% endraw %}\nDone.\n');
  });

  it('keeps a list item tight and a blockquote whole', () => {
    fixes(s, '- Step one:\n  ```sh\n  echo {{ x }}\n  ```\n- Step two\n', '{{ x }}', '- Step one:\n  {%- raw %}\n  ```sh\n  echo {{ x }}\n  ```\n  {% endraw %}\n- Step two\n');
    fixes(s, '> Note:\n> ~~~\n> {{ x }}\n> ~~~\n', '{{ x }}', '> Note:\n> {%- raw %}\n> ~~~\n> {{ x }}\n> ~~~\n> {% endraw %}\n');
  });

  it('wraps indented code and a fence at the very end', () => {
    fixes(s, 'Para\n\n    puts "{{ x }}"\n    y = 1\n\nAfter\n', '{{ x }}', 'Para\n\n{% raw %}\n    puts "{{ x }}"\n    y = 1\n{% endraw %}\n\nAfter\n');
    fixes(s, '```\n{{ x }}\n```', '{{ x }}', '{% raw %}\n```\n{{ x }}\n```\n{% endraw %}');
  });

  it('wraps the inside of a highlight block', () => {
    const p = fixes(s, '{% highlight ruby %}\nputs "It\'s {{ x }}"\n{% endhighlight %}\n', '{{ x }}', '{% highlight ruby %}\n{% raw %}\nputs "It\'s {{ x }}"\n{% endraw %}\n{% endhighlight %}\n');
    assert.match(p.message, /^Jekyll runs the Liquid in this \{% highlight %\} block before Markdown: `\{\{ x \}\}` is evaluated/);
    fixes(s, 'A {% highlight ruby %}puts {{ x }}{% endhighlight %}\n', '{{ x }}', 'A {% highlight ruby %}{% raw %}puts {{ x }}{% endraw %}{% endhighlight %}\n');
  });

  it('keeps CRLF line endings', () => {
    const text = `${FM}Para\r\n\r\n\`\`\`\r\n{{ x }}\r\n\`\`\`\r\n`;
    const p = only(s.check(POST, text), CODE);
    assert.equal(applyFix(text, p.fixes[0]!), `${FM}Para\r\n\r\n{% raw %}\r\n\`\`\`\r\n{{ x }}\r\n\`\`\`\r\n{% endraw %}\r\n`);
  });

  it('counts tags too, and says the build fails on a tag Liquid does not have', async () => {
    const body = '```django\n{% extends "base.html" %}\n{% block content %}{{ title }}{% endblock %}\n```\n';
    const p = only(s.check(POST, FM + body), CODE);
    assert.equal(p.severity, 'error');
    assert.equal(textAt(FM + body, p), '{% extends "base.html" %}');
    assert.match(p.message, /`\{% extends "base\.html" %\}` and 3 more are evaluated, and Liquid has no tag `extends`, so the build fails \("Unknown tag 'extends'"\)/);
    const withPlugins = await testSite({ '_config.yml': 'plugins: [jekyll-feed]\n', [POST]: FM + body });
    const q = only(withPlugins.check(POST), CODE);
    assert.equal(q.severity, 'warning');
    assert.match(q.message, /unless one of the site's plugins adds it, the build fails/);
    const open = only(s.check(POST, `${FM}\`\`\`js\nconst o = {{ a: 1 };\n\`\`\`\n`), CODE);
    assert.equal(open.severity, 'error');
    assert.match(open.message, /has no closing `\}\}`: a Liquid syntax error, so the build fails/);
  });

  it('reports but does not wrap a block that already holds raw tags (raw does not nest)', () => {
    const p = only(s.check(POST, `${FM}\`\`\`\n{% raw %}{{ a }}{% endraw %} {{ b }}\n\`\`\`\n`), CODE);
    assert.equal(textAt(`${FM}\`\`\`\n{% raw %}{{ a }}{% endraw %} {{ b }}\n\`\`\`\n`, p), '{{ b }}');
    assert.deepEqual(p.fixes, []);
  });

  it('is silent on protected code, Liquid outside code, and what is not a code block', async () => {
    const quiet = [
      '{% raw %}\n```liquid\n{{ a }}\n```\n{% endraw %}',
      '```\n{% raw %}\n{{ b }}\n{% endraw %}\n```',
      '{% highlight liquid %}{% raw %}{{ c }}{% endraw %}{% endhighlight %}',
      'Outside code: {{ page.title }} {% include figure.html %}',
      'A paragraph\n    continued {{ d }}',
      '- item\n\n    item text {{ e }}',
      '```\nno closing fence {{ f }}',
      '<div>\n\n    {{ site.baseurl }}/x\n\n</div>',
      '```ruby linenos\ntwo info words: not a fence {{ g }}\n```',
    ];
    for (const body of quiet) assert.deepEqual(of(s.check(POST, `${FM}${body}\n`)), [], body);
    assert.deepEqual(of(s.check(POST, '---\nrender_with_liquid: false\n---\n```\n{{ x }}\n```\n')), []);
    const byDefaults = await testSite({ '_config.yml': 'defaults:\n  - scope: {path: "_posts"}\n    values: {render_with_liquid: false}\n', [POST]: `${FM}\`\`\`\n{{ x }}\n\`\`\`\n` });
    assert.deepEqual(of(byDefaults.check(POST)), []);
    // The string "false" is truthy: Liquid runs.
    assert.equal(of(s.check(POST, '---\nrender_with_liquid: "false"\n---\n```\n{{ x }}\n```\n')).length, 1);
  });

  it('looks only for highlight blocks in a file that is not Markdown', async () => {
    const html = await testSite({ '_config.yml': '', '_posts/2025-06-30-x.html': `${FM}<pre>\n\`\`\`\n{{ a }}\n\`\`\`\n</pre>\n{% highlight js %}{{ b }}{% endhighlight %}\n` });
    const p = only(html.check('_posts/2025-06-30-x.html'), CODE);
    assert.equal(textAt(html.files['_posts/2025-06-30-x.html']!, p), '{{ b }}');
  });

  it('reports each code block once', () => {
    const body = '```\n{{ a }} {{ b }}\n```\n\ntext\n\n```\n{{ c }}\n```\n';
    assert.deepEqual(
      of(s.check(POST, FM + body)).map((p) => textAt(FM + body, p)),
      ['{{ a }}', '{{ c }}'],
    );
  });
});
