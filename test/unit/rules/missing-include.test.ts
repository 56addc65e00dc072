import * as assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem';
import { applyFix, only, textAt } from '../../util/edits';
import { newsSite, testSite } from '../../util/site';

const CODE = 'missing-include';
const FM = '---\ntitle: Results night\n---\n';
const POST = '_posts/2025-09-18-results.md';
const of = (ps: readonly Problem[]): Problem[] => ps.filter((p) => p.code === CODE);

const SITE = {
  '_config.yml': 'timezone: Europe/London\n',
  '_includes/figure.html': '<figure>{{ include.caption }}</figure>',
  '_includes/author-box.html': '<div></div>',
  '_includes/widgets/map.html': '<svg></svg>',
  '_posts/2024/2024-4-8-x.md': '---\ntitle: X\n---\n',
  '_posts/2024/snippet.md': 'A snippet.\n',
};

describe('rule missing-include', () => {
  it('flags the sample site\'s missing include on exactly the file name', async () => {
    const s = await testSite(newsSite());
    const rel = '_posts/2025-09-18-election-night-graphics.md';
    const p = only(s.check(rel), CODE);
    assert.equal(p.severity, 'error');
    assert.equal(textAt(s.files[rel]!, p), 'live-results-widget.html');
    assert.equal(p.message, "The build fails: there is no `_includes/live-results-widget.html` (\"Could not locate the included file 'live-results-widget.html'\").");
  });

  it('fixes a misspelt include with the nearest name, parameters untouched', async () => {
    const text = `${FM}{% include figur.html src="/a.jpg" caption="The desk" %}\n`;
    const s = await testSite({ ...SITE, [POST]: text });
    const p = only(s.check(POST), CODE);
    assert.equal(textAt(text, p), 'figur.html');
    assert.match(p.message, /Did you mean 'figure\.html'\?$/);
    assert.equal(p.fixes[0]!.preferred, true);
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, `${FM}{% include figure.html src="/a.jpg" caption="The desk" %}\n`);
    assert.deepEqual(of(s.check(POST, fixed)), []);
  });

  it('looks for include_relative next to the post, in its sub-folder', async () => {
    const rel = '_posts/2024/2024-4-8-x.md';
    const good = `${FM}{% include_relative snippet.md %}\n`;
    const bad = `${FM}{% include_relative snipet.md %}\n`;
    const s = await testSite({ ...SITE, [rel]: good });
    assert.deepEqual(of(s.check(rel)), []);
    const p = only(s.check(rel, bad), CODE);
    assert.match(p.message, /there is no `_posts\/2024\/snipet\.md` \(\{% include_relative %\} looks next to this file, in `_posts\/2024\/`\)/);
    assert.equal(applyFix(bad, p.fixes[0]!), good);
  });

  it('flags names Jekyll refuses (.., ./, characters), with no fix', async () => {
    for (const tag of ['{% include ../figure.html %}', '{% include_relative ../snippet.md %}', '{% include ./figure.html %}', '{% include fig*.html %}']) {
      const s = await testSite({ ...SITE, [POST]: `${FM}${tag}\n` });
      const p = only(s.check(POST), CODE);
      assert.match(p.message, /Invalid syntax for include tag/, tag);
      assert.deepEqual(p.fixes, []);
    }
  });

  it('is only a hint with a theme, which may supply the include', async () => {
    const s = await testSite({ ...SITE, '_config.yml': 'theme: minima\n', [POST]: `${FM}{% include google-analytics.html %}\n` });
    const p = only(s.check(POST), CODE);
    assert.equal(p.severity, 'hint');
    assert.match(p.message, /it may come from the theme/);
  });

  it('follows includes_dir', async () => {
    const s = await testSite({ '_config.yml': 'includes_dir: partials\n', 'partials/card.html': 'x', [POST]: `${FM}{% include card.html %} {% include cart.html %}\n` });
    const p = only(s.check(POST), CODE);
    assert.match(p.message, /no `partials\/cart\.html`/);
    assert.equal(p.fixes[0]!.edits[0]!.newText, 'card.html');
  });

  it('is silent on existing includes, computed names, raw, comments and render_with_liquid: false', async () => {
    const ok = [
      '{% include figure.html %}',
      '{%- include figure.html caption="x" -%}',
      '{% include /figure.html %}',
      '{% include widgets/map.html %}',
      '{% include {{ page.widget }} %}',
      '{% include widgets/{{ page.kind }}.html %}',
      '{% raw %}{% include nope.html %}{% endraw %}',
      '{% comment %}{% include nope.html %}{% endcomment %}',
    ].join('\n');
    const s = await testSite({ ...SITE, [POST]: `${FM}${ok}\n` });
    assert.deepEqual(of(s.check(POST)), []);
    assert.deepEqual(of(s.check(POST, '---\nrender_with_liquid: false\n---\n{% include nope.html %}\n')), []);
    assert.deepEqual(of(s.check(POST, `${FM}{% include nope.html %}\n`, { index: undefined })), []);
  });
});
