import * as assert from 'node:assert/strict';
import { complete, contextAt, fuzzy, type CompletionContext, type CompletionResult } from '../../src/core/completion';
import { memoryFs } from '../../src/core/memoryFs';
import type { SiteFs } from '../../src/core/siteFs';
import { applyEdits } from '../util/edits';
import { NOW, testSite, type TestSite } from '../util/site';

/** `|` marks the cursor. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor mark');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function ctx(marked: string): CompletionContext | undefined {
  const { text, offset } = at(marked);
  return contextAt(text, offset);
}

/** The text a context's [start, end) covers. */
function span(marked: string): string | undefined {
  const { text } = at(marked);
  const c = ctx(marked);
  return c && text.slice(c.start, c.end);
}

describe('completion', () => {
  describe('context in the front matter', () => {
    it('in a flow list: the partial item, the other items, the rest of the word', () => {
      assert.deepEqual(ctx('---\ntags: [web, ru|]\n---\n'), { kind: 'value', key: 'tags', form: 'flow', quote: undefined, start: 16, end: 18, partial: 'ru', present: ['web'], leadingSpace: false });
      assert.equal(span('---\ntags: [web, ru|by, jekyll]\n---\n'), 'ruby');
      assert.deepEqual((ctx('---\ntags: [web, ru|by, jekyll]\n---\n') as { present: string[] }).present, ['web', 'jekyll']);
      const empty = ctx('---\ntags: [|]\n---\n');
      assert.equal(empty?.kind, 'value');
      assert.equal(empty.partial, '');
    });

    it('in a flow list over several lines', () => {
      const c = ctx('---\ntags: [a,\n  b, |\n  c]\ntitle: x\n---\n');
      assert.ok(c?.kind === 'value');
      assert.equal(c.form, 'flow');
      assert.deepEqual(c.present, ['a', 'b', 'c']);
    });

    it('in a quoted item of a flow list: the quote is kept out of the range', () => {
      const c = ctx('---\ntags: [web, "big d|", x]\n---\n');
      assert.ok(c?.kind === 'value');
      assert.equal(c.quote, '"');
      assert.equal(c.partial, 'big d');
      assert.equal(span('---\ntags: [web, "big d|ata", x]\n---\n'), 'big data');
      assert.deepEqual(c.present, ['web', 'x']);
    });

    it('after `- ` in a block list (indented or not), with the other items', () => {
      const c = ctx('---\ntags:\n  - web\n  - ru|\n  - "z"   # note\ntitle: x\n---\n');
      assert.ok(c?.kind === 'value');
      assert.equal(c.form, 'block');
      assert.equal(c.partial, 'ru');
      assert.deepEqual(c.present, ['web', 'z']);
      const col0 = ctx('---\ncategories:\n- |\n---\n');
      assert.ok(col0?.kind === 'value');
      assert.equal(col0.key, 'categories');
      assert.equal(col0.form, 'block');
      const quoted = ctx("---\ntags:\n  - 'big d|'\n---\n");
      assert.ok(quoted?.kind === 'value');
      assert.equal(quoted.quote, "'");
      assert.equal(quoted.partial, 'big d');
    });

    it('right after `-`: items bring their blank', () => {
      const c = ctx('---\ntags:\n  -|\n---\n');
      assert.ok(c?.kind === 'value');
      assert.equal(c.leadingSpace, true);
    });

    it('in a space-separated string (plain or quoted): one word, the others present', () => {
      const c = ctx('---\ntags: web ru| jekyll   # comment\n---\n');
      assert.ok(c?.kind === 'value');
      assert.equal(c.form, 'words');
      assert.equal(c.partial, 'ru');
      assert.deepEqual(c.present, ['web', 'jekyll']);
      const q = ctx('---\ncategories: "web dev|"\n---\n');
      assert.ok(q?.kind === 'value');
      assert.equal(q.form, 'words');
      assert.equal(q.quote, '"');
      assert.equal(q.partial, 'dev');
      assert.deepEqual(q.present, ['web']);
    });

    it('in a singular `category:` / `tag:`: the whole value, blanks included, never split', () => {
      const c = ctx('---\ncategory: Big D|\n---\n');
      assert.ok(c?.kind === 'value');
      assert.equal(c.form, 'scalar');
      assert.equal(c.partial, 'Big D');
      const q = ctx("---\ntag: 'x|'\n---\n");
      assert.ok(q?.kind === 'value');
      assert.equal(q.quote, "'");
      assert.equal(span("---\ntag: 'x|yz'\n---\n"), 'xyz');
    });

    it('in a quoted value of another key', () => {
      const c = ctx('---\nauthor: "ja|"\n---\n');
      assert.ok(c?.kind === 'value');
      assert.deepEqual([c.key, c.form, c.quote, c.partial], ['author', 'scalar', '"', 'ja']);
    });

    it('right after `key:`: items bring their blank', () => {
      const c = ctx('---\nlayout:|\n---\n');
      assert.ok(c?.kind === 'value');
      assert.equal(c.leadingSpace, true);
      const spaced = ctx('---\nlayout: |\n---\n');
      assert.ok(spaced?.kind === 'value');
      assert.equal(spaced.leadingSpace, false);
    });

    it('on a key: the word at column 0, whether the line has its colon yet', () => {
      const c = ctx('---\ntitle: x\nlay|\n---\n');
      assert.ok(c?.kind === 'key');
      assert.equal(c.partial, 'lay');
      assert.equal(c.hasColon, false);
      assert.deepEqual(c.present, ['title']);
      const onKey = ctx('---\nta|gs: [x]\n---\n');
      assert.ok(onKey?.kind === 'key');
      assert.equal(onKey.hasColon, true);
      assert.equal(span('---\nta|gs: [x]\n---\n'), 'tags');
      assert.equal(ctx('---\n|\n---\n')?.kind, 'key');
    });

    it('with CRLF line endings', () => {
      const block = ctx('---\r\ntitle: x\r\ntags:\r\n  - a\r\n  - |\r\n---\r\n');
      assert.ok(block?.kind === 'value');
      assert.deepEqual([block.form, block.present], ['block', ['a']]);
      const flow = ctx('---\r\ntags: [a, b|]\r\n---\r\n');
      assert.ok(flow?.kind === 'value');
      assert.deepEqual([flow.form, flow.partial, flow.present], ['flow', 'b', ['a']]);
      const key = ctx('---\r\ntags:\r\n|\r\n---\r\n');
      assert.ok(key?.kind === 'key');
      assert.deepEqual(key.present, ['tags']);
    });

    it('while the front matter has no closing fence yet', () => {
      assert.equal(ctx('---\ntags: [we|')?.kind, 'value');
    });

    it('nothing on keys without completions, in comments, on the fences, or in a closed value', () => {
      assert.equal(ctx('---\ntitle: x|\n---\n'), undefined);
      assert.equal(ctx('---\n# tags: [|\n---\n'), undefined);
      assert.equal(ctx('---\ntags: [a] # |\n---\n'), undefined);
      assert.equal(ctx('---|\ntags: [a]\n---\n'), undefined);
      assert.equal(ctx('---\ntags: [a]\n|---\n'), undefined);
      assert.equal(ctx('---\ntags: [a, b]|\n---\n'), undefined);
      assert.equal(ctx('---\nauthor: "jane" |\n---\n'), undefined);
    });
  });

  describe('context in the body', () => {
    const fm = '---\ntitle: x\n---\n';
    it('inside each Liquid tag', () => {
      assert.deepEqual(ctx(fm + 'See {% post_url 2025-0| %}'), { kind: 'post_url', start: 33, end: 39, partial: '2025-0' });
      assert.equal(ctx(fm + '{% link _posts/| %}')?.kind, 'link');
      assert.equal(ctx(fm + '{%- include fig|')?.kind, 'include');
      const param = ctx(fm + '{% include figure.html src="/a b.png" ca| %}');
      assert.ok(param?.kind === 'include-param');
      assert.equal(param.include, 'figure.html');
      assert.equal(param.partial, 'ca');
      assert.deepEqual(param.present, ['src']);
      assert.equal(ctx(fm + '{% include figure.html src="a |'), undefined, 'inside a quoted parameter value');
    });

    it('after `site.` and `page.`, in outputs and tags, with the path typed so far', () => {
      assert.deepEqual(ctx(fm + '{{ site.da| }}'), { kind: 'variable', root: 'site', path: [], start: 25, end: 27, partial: 'da' });
      const nested = ctx(fm + '{{ site.data.nav.| }}');
      assert.ok(nested?.kind === 'variable');
      assert.deepEqual(nested.path, ['data', 'nav']);
      const page = ctx(fm + '{% if page.| %}');
      assert.ok(page?.kind === 'variable');
      assert.equal(page.root, 'page');
    });

    it('nothing in prose, after a closed tag, or inside raw', () => {
      assert.equal(ctx(fm + 'plain text |'), undefined);
      assert.equal(ctx(fm + '{% post_url x %} |'), undefined);
      assert.equal(ctx(fm + '{% raw %}{% post_url |{% endraw %}'), undefined);
      assert.equal(ctx(fm + '{{ sitex.| }}'), undefined);
    });
  });

  it('fuzzy: the first letter at a word start, the rest in order', () => {
    assert.ok(fuzzy('', 'anything'));
    assert.ok(fuzzy('bd', 'big data'));
    assert.ok(fuzzy('da', 'big data'));
    assert.ok(fuzzy('en', 'assets/images/energy.jpg'));
    assert.ok(!fuzzy('ig', 'big data'));
    assert.ok(!fuzzy('xy', 'big data'));
  });

  describe('items', () => {
    let site: TestSite;
    let fs: SiteFs;
    const POST = '_posts/2025-08-19-draft-here.md';
    const files: Record<string, string> = {
      '_config.yml': 'timezone: Europe/London\nurl: https://example.com\ntitle: Example\nauthors:\n  jane:\n    display_name: Jane Whitlock\n    twitter: jw\n',
      '_layouts/post.html': '{{ content }}',
      '_layouts/default.html': '{{ content }}',
      '_includes/figure.html': '<img src="{{ include.src }}" alt="{{ include.alt | default: include.caption }}">{{ include.caption }}',
      'assets/images/energy.jpg': '',
      'assets/images/markets.png': '',
      'about.md': '---\ntitle: About\n---\n',
      [POST]: '---\ntitle: Here\n---\n',
      '_drafts/secret.md': '---\ntags: [web]\n---\n',
    };
    for (let i = 1; i <= 5; i++) files[`_posts/2024-01-0${i}-a${i}.md`] = `---\ntitle: Post A${i}\nlayout: post\ntags: [web, Big Data]\nauthor: jane\nfeatured: true\n---\n`;
    files['_posts/2024/2024-02-01-b.md'] = '---\ntitle: "B: the *one*"\ntags: [Web, big-data, ruby]\ncategories: News\n---\n';
    files['_posts/2024-02-02-c.md'] = '---\ntitle: C\ntags: [ruby, "Bank of England", "a, b"]\nfeatured: "yes"\n---\n';
    files['world/_posts/2024-03-01-d.md'] = '---\ntitle: D\ncategories: [News]\nauthor: Guest Writer\n---\n';

    before(async () => {
      site = await testSite(files);
      const abs: Record<string, string> = {};
      for (const [k, v] of Object.entries(files)) abs['/site/' + k] = v;
      fs = memoryFs(abs);
    });

    async function run(marked: string, rel = POST): Promise<CompletionResult> {
      const { text, offset } = at(marked);
      const r = await complete({ index: site.index, fs, path: '/site/' + rel, text, offset, nowMs: NOW });
      assert.ok(r, `no completions at ${JSON.stringify(marked)}`);
      return r;
    }
    const labels = (r: CompletionResult): string[] => r.items.map((i) => i.label);
    /** The text after accepting `label`. */
    async function accept(marked: string, label: string): Promise<string> {
      const r = await run(marked);
      const item = r.items.find((i) => i.label === label);
      assert.ok(item, `no item ${label} in ${labels(r).join(', ')}`);
      return applyEdits(at(marked).text, [{ range: r.range, newText: item.insertText ?? item.label }]);
    }

    it('tags: every tag of the site, most used first, with counts; variants folded under the most used spelling', async () => {
      const r = await run('---\ntags: [|]\n---\n');
      assert.deepEqual(labels(r), ['web', 'Big Data', 'ruby', 'Bank of England', 'a, b']);
      assert.equal(r.items[0]!.detail, '6 posts · 1 other spelling', 'the draft counts too');
      assert.equal(r.items[2]!.detail, '2 posts');
      assert.match(r.items[0]!.documentation!, /^The tag `web`, used by 6 posts; most recent: \*B: the \\\*one\\\** \(2024-02-01\)\./);
      assert.match(r.items[0]!.documentation!, /Also written `Web` \(1 post\)/);
    });

    it('tags: values already present are left out, variants included', async () => {
      assert.deepEqual(labels(await run('---\ntags: [WEB, |]\n---\n')), ['Big Data', 'ruby', 'Bank of England', 'a, b']);
      assert.deepEqual(labels(await run('---\ntags:\n  - big_data\n  - |\n---\n')), ['web', 'ruby', 'Bank of England', 'a, b']);
    });

    it('tags: the replace range is the partial word only, quotes kept; what is inserted fits the form', async () => {
      assert.equal(await accept('---\ntags: [web, ru|]\n---\n', 'ruby'), '---\ntags: [web, ruby]\n---\n');
      assert.equal(await accept('---\ntags: [web, "Ba|"]\n---\n', 'Bank of England'), '---\ntags: [web, "Bank of England"]\n---\n');
      assert.equal(await accept('---\ntags: [web, |]\n---\n', 'a, b'), '---\ntags: [web, "a, b"]\n---\n');
      assert.equal(await accept('---\ntags:\n  - web\n  - Ba|\n---\n', 'Bank of England'), '---\ntags:\n  - web\n  - Bank of England\n---\n');
      assert.equal(await accept('---\ntags:\n  -|\n---\n', 'ruby'), '---\ntags:\n  - ruby\n---\n');
      assert.equal(await accept('---\ntags: web ru|\n---\n', 'ruby'), '---\ntags: web ruby\n---\n');
      assert.equal(await accept('---\ntags:|\n---\n', 'web'), '---\ntags: web\n---\n');
      assert.equal(await accept("---\ntag: 'Ba|'\n---\n", 'Bank of England'), "---\ntag: 'Bank of England'\n---\n");
    });

    it('tags in a space string: values with blanks are left out, except on an empty value (a list starts)', async () => {
      assert.deepEqual(labels(await run('---\ntags: web |\n---\n')), ['ruby']);
      assert.equal(await accept('---\ntags: |\n---\n', 'Bank of England'), '---\ntags: [Bank of England]\n---\n');
    });

    it('categories: from every post plus the folders above `_posts`', async () => {
      const r = await run('---\ncategories: [|]\n---\n');
      assert.deepEqual(labels(r), ['News', 'world']);
      assert.equal(r.items[0]!.detail, '2 posts');
      assert.match(r.items[1]!.documentation!, /1 post get it from a folder above `_posts`|1 post get/);
      assert.deepEqual(labels(await run('---\ncategory: |\n---\n')), ['News', 'world']);
    });

    it('layout: the files of _layouts, most used first', async () => {
      const r = await run('---\nlayout: |\n---\n');
      assert.deepEqual(labels(r), ['post', 'default']);
      assert.equal(r.items[0]!.detail, '_layouts/post.html');
      assert.equal(r.items[0]!.file, '_layouts/post.html');
      assert.match(r.items[0]!.documentation!, /used by 5 posts/);
    });

    it('layout: notes that a theme may add more', async () => {
      const themed = await testSite({ ...files, '_config.yml': 'theme: minima\n' });
      const { text, offset } = at('---\nlayout: |\n---\n');
      const r = await complete({ index: themed.index, fs, path: '/site/' + POST, text, offset, nowMs: NOW });
      assert.match(r!.items[0]!.documentation!, /theme .* may add layouts/);
    });

    it('author: keys of the author data with the display name; authors the posts write besides', async () => {
      const r = await run('---\nauthor: |\n---\n');
      assert.deepEqual(labels(r), ['jane', 'Guest Writer']);
      assert.equal(r.items[0]!.detail, 'Jane Whitlock');
      assert.match(r.items[0]!.documentation!, /From `_config.yml`, used by 5 posts/);
      assert.match(r.items[1]!.documentation!, /Not in the site's author data/);
      assert.equal(await accept('---\nauthor: |\n---\n', 'Guest Writer'), '---\nauthor: Guest Writer\n---\n');
    });

    it('image: files under the site, filtered by what is typed, a leading slash kept', async () => {
      assert.deepEqual(labels(await run('---\nimage: |\n---\n')), ['assets/images/energy.jpg', 'assets/images/markets.png']);
      assert.deepEqual(labels(await run('---\nimage: /assets/images/mar|\n---\n')), ['/assets/images/markets.png']);
    });

    it('front-matter keys the site uses, with the type seen most, present ones left out; date inserts now with the offset', async () => {
      const r = await run('---\ntitle: x\n|\n---\n');
      const featured = r.items.find((i) => i.label === 'featured')!;
      assert.equal(featured.detail, 'true/false · 6 posts');
      assert.ok(!labels(r).includes('title'));
      assert.equal(labels(r)[0], 'tags', 'the most written key first');
      const date = r.items.find((i) => i.label === 'date')!;
      assert.equal(date.insertText, 'date: 2026-11-28 12:00:00 +0000', 'London in November is at +0000');
      assert.equal(featured.insertText, 'featured: ');
      const onKey = await run('---\nfea|tured: true\n---\n');
      assert.equal(onKey.items.find((i) => i.label === 'featured')!.insertText, 'featured');
    });

    it('date: now in the site zone, and the file name’s date', async () => {
      const summer = await complete({ index: site.index, fs, path: '/site/' + POST, ...at('---\ndate: |\n---\n'), nowMs: Date.UTC(2025, 7, 19, 13, 46, 44) });
      assert.deepEqual(labels(summer!), ['2025-08-19 14:46:44 +0100', '2025-08-19 00:00:00 +0100']);
    });

    it('published: false', async () => {
      assert.deepEqual(labels(await run('---\npublished: |\n---\n')), ['false', 'true']);
      assert.equal(await accept('---\npublished:|\n---\n', 'false'), '---\npublished: false\n---\n');
    });

    it('{% post_url %}: posts by name, year folders kept, no extension, newest first, title as detail, no drafts', async () => {
      const r = await run('---\ntitle: x\n---\n{% post_url |');
      assert.deepEqual(labels(r), ['world/2024-03-01-d', '2024-02-02-c', '2024/2024-02-01-b', '2024-01-05-a5', '2024-01-04-a4', '2024-01-03-a3', '2024-01-02-a2', '2024-01-01-a1']);
      assert.equal(r.items[2]!.detail, 'B: the *one*');
      assert.equal(r.items[2]!.file, '_posts/2024/2024-02-01-b.md');
    });

    it('{% link %}: the files Jekyll writes, documents first', async () => {
      const r = await run('---\ntitle: x\n---\n{% link |');
      assert.equal(labels(r)[0], '_posts/2024-01-01-a1.md');
      assert.ok(labels(r).includes('about.md'));
      assert.ok(labels(r).includes('assets/images/energy.jpg'));
      assert.ok(!labels(r).some((l) => l.startsWith('_layouts/') || l.startsWith('_drafts/') || l === '_config.yml'));
      assert.ok(labels(r).indexOf('about.md') < labels(r).indexOf('assets/images/energy.jpg'));
    });

    it('{% include %}: the files of _includes, then the parameters the include reads', async () => {
      assert.deepEqual(labels(await run('---\ntitle: x\n---\n{% include |')), ['figure.html']);
      const r = await run('---\ntitle: x\n---\n{% include figure.html src="x.png" | %}');
      assert.deepEqual(labels(r), ['alt', 'caption']);
      assert.equal(r.items[0]!.insertText, 'alt="$1"');
      assert.equal(r.items[0]!.snippet, true);
    });

    it('{{ site. }} and {{ page. }}: the keys config and effective front matter define', async () => {
      const s = await run('---\ntitle: x\n---\n{{ site.| }}');
      assert.ok(labels(s).includes('title'));
      assert.ok(labels(s).includes('authors'));
      assert.ok(labels(s).includes('posts'), 'what Jekyll adds');
      assert.match(s.items.find((i) => i.label === 'title')!.documentation!, /from `_config.yml`/);
      const nested = await run('---\ntitle: x\n---\n{{ site.authors.jane.| }}');
      assert.deepEqual(labels(nested), ['display_name', 'twitter']);
      const p = await run('---\ntitle: x\nfeatured: true\n---\n{{ page.| }}');
      const featured = p.items.find((i) => i.label === 'featured')!;
      assert.equal(featured.detail, 'true/false · true');
      assert.match(featured.documentation!, /the post's front matter/);
      assert.ok(labels(p).includes('url'));
    });

    it('stops at the limit and says the list is incomplete', async () => {
      const { text, offset } = at('---\ntags: [|]\n---\n');
      const r = await complete({ index: site.index, fs, path: '/site/' + POST, text, offset, nowMs: NOW, limit: 2 });
      assert.deepEqual(labels(r!), ['web', 'Big Data']);
      assert.equal(r!.incomplete, true);
    });
  });
});
