import * as assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem';
import { applyFix, only, textAt } from '../../util/edits';
import { testSite } from '../../util/site';

const CODE = 'broken-link';
const FM = '---\ntitle: Budget preview\n---\n';
const POST = '_posts/2025-10-02-preview.md';
const of = (ps: readonly Problem[]): Problem[] => ps.filter((p) => p.code === CODE);

const SITE = {
  '_config.yml': 'timezone: Europe/London\ncollections:\n  recipes: {output: true}\n  notes: {}\n',
  'about.md': '---\ntitle: About\n---\n',
  'guides/budget-glossary.md': '---\ntitle: Glossary\n---\n',
  'assets/report.pdf': '',
  '_includes/figure.html': '<figure></figure>',
  '_posts/2024-10-30-autumn-budget.md': '---\ntitle: Autumn budget\n---\n',
  '_posts/2024/2024-4-8-x.md': '---\ntitle: X\n---\n',
  '_posts/2024-01-02-hidden.md': '---\npublished: false\n---\n',
  '_drafts/idea.md': '---\ntitle: Idea\n---\n',
  '_recipes/soup.md': '---\ntitle: Soup\n---\n',
  '_notes/one.md': '---\ntitle: One\n---\n',
};

describe('rule broken-link', () => {
  it('flags a path the site does not have, on exactly the path, with the nearest as the fix', async () => {
    const text = `${FM}See [our guide]({% link guides/budget-glosary.md %}).\n`;
    const s = await testSite({ ...SITE, [POST]: text });
    const p = only(s.check(POST), CODE);
    assert.equal(p.severity, 'error');
    assert.equal(textAt(text, p), 'guides/budget-glosary.md');
    assert.equal(
      p.message,
      "The build fails: Jekyll cannot find 'guides/budget-glosary.md' for {% link %} (\"Could not find document 'guides/budget-glosary.md' in tag 'link'\"): there is no such file. Did you mean 'guides/budget-glossary.md'?",
    );
    assert.equal(p.fixes[0]!.preferred, true);
    const fixed = applyFix(text, p.fixes[0]!);
    assert.equal(fixed, `${FM}See [our guide]({% link guides/budget-glossary.md %}).\n`);
    assert.deepEqual(of(s.check(POST, fixed)), []);
  });

  it('prefers the only file of the same name in another folder', async () => {
    const text = `${FM}{% link budget-glossary.md %}\n`;
    const s = await testSite({ ...SITE, [POST]: text });
    const p = only(s.check(POST), CODE);
    assert.equal(p.fixes[0]!.preferred, true);
    assert.equal(applyFix(text, p.fixes[0]!), `${FM}{% link guides/budget-glossary.md %}\n`);
  });

  it('flags files Jekyll does not publish, saying why', async () => {
    const cases: Array<[string, RegExp]> = [
      ['_includes/figure.html', /files in folders starting with `_`/],
      ['_drafts/idea.md', /is a draft, which Jekyll builds only with `--drafts`/],
      ['_posts/2024-01-02-hidden.md', /has `published: false`/],
      ['_notes/one.md', /the collection `notes` has no `output: true`/],
    ];
    for (const [path, why] of cases) {
      const s = await testSite({ ...SITE, [POST]: `${FM}{% link ${path} %}\n` });
      const p = only(s.check(POST), CODE);
      assert.match(p.message, why, path);
      assert.match(p.message, /^The build fails: Jekyll cannot find/);
    }
  });

  it('flags a leading / before a post or document (only static files match it) and removes it', async () => {
    const text = `${FM}{% link /_posts/2024-10-30-autumn-budget.md %}\n`;
    const s = await testSite({ ...SITE, [POST]: text });
    const p = only(s.check(POST), CODE);
    assert.match(p.message, /a path with a leading `\/` finds only static files/);
    assert.equal(applyFix(text, p.fixes[0]!), `${FM}{% link _posts/2024-10-30-autumn-budget.md %}\n`);
  });

  it('is silent on what Jekyll finds, computed paths, raw, comments and render_with_liquid: false', async () => {
    const ok = [
      '{% link about.md %}',
      '{% link guides/budget-glossary.md %}',
      '{% link assets/report.pdf %}',
      '{% link /assets/report.pdf %}',
      '{% link _posts/2024-10-30-autumn-budget.md %}',
      '{% link _posts/2024/2024-4-8-x.md %}',
      '{% link _recipes/soup.md %}',
      '{% link {{ page.guide }} %}',
      '{% link guides/{{ page.slug }}.md %}',
      '{% raw %}{% link nope.md %}{% endraw %}',
      '{% comment %}{% link nope.md %}{% endcomment %}',
    ].join('\n');
    const s = await testSite({ ...SITE, [POST]: `${FM}${ok}\n` });
    assert.deepEqual(of(s.check(POST)), []);
    assert.deepEqual(of(s.check(POST, '---\nrender_with_liquid: false\n---\n{% link nope.md %}\n')), []);
    // Without a site index nothing is known about files.
    assert.deepEqual(of(s.check(POST, `${FM}{% link nope.md %}\n`, { index: undefined })), []);
  });

  it('checks pages too', async () => {
    const s = await testSite({ ...SITE, 'contact.md': '---\n---\n[About]({% link abuot.md %})\n' });
    assert.equal(only(s.check('contact.md'), CODE).fixes[0]!.edits[0]!.newText, 'about.md');
  });
});
