import * as assert from 'node:assert/strict';
import { parseSiteDocument } from '../../src/core/document';
import { memoryFs } from '../../src/core/memoryFs';
import { planTaxonomyRename, postsUsing, renameEdits, SiteSummary, type RenameRequest } from '../../src/core/taxonomy';
import { applyEdits } from '../util/edits';
import { testSite } from '../util/site';
import { splitFrontMatter } from '../../src/core/frontMatter';
import { parseFrontMatterYaml } from '../../src/core/yamlPsych';

const BODY = 'Body with web and Web in it.\n';

/** The post after renaming, asserting its YAML still parses. */
function renamed(fm: string, req: RenameRequest): string {
  const text = `---\n${fm}---\n${BODY}`;
  const doc = parseSiteDocument('/site/_posts/2024-01-01-x.md', '_posts/2024-01-01-x.md', 'post', text);
  const edits = renameEdits(doc, req);
  assert.ok(Array.isArray(edits), `no edits: ${JSON.stringify(edits)}`);
  const out = applyEdits(text, edits);
  const split = splitFrontMatter(out);
  assert.ok(split);
  assert.deepEqual(parseFrontMatterYaml(out.slice(0, split.yamlEnd)).errors, []);
  assert.ok(out.endsWith(`---\n${BODY}`), 'the body is untouched');
  return out.slice(4, out.length - BODY.length - 4);
}

const tag = (from: string, to: string): RenameRequest => ({ kind: 'tag', from, to });
const category = (from: string, to: string): RenameRequest => ({ kind: 'category', from, to });

describe('taxonomy', () => {
  describe('rename edits, in the form each post writes', () => {
    it('flow list: the item only, comments and other keys byte-identical', () => {
      assert.equal(renamed('title: Web  # Web\ntags: [Web, ruby]   # keep\n', tag('Web', 'web')), 'title: Web  # Web\ntags: [web, ruby]   # keep\n');
    });

    it('flow list: quoting kept, and added only where YAML needs it', () => {
      assert.equal(renamed('tags: ["Web", \'ruby\']\n', tag('Web', 'web dev')), 'tags: ["web dev", \'ruby\']\n');
      assert.equal(renamed("tags: [x, 'ruby']\n", tag('ruby', "it's")), "tags: [x, 'it''s']\n");
      assert.equal(renamed('tags: [x, ruby]\n', tag('ruby', 'a, b')), 'tags: [x, "a, b"]\n');
      assert.equal(renamed('tags: [x, ruby]\n', tag('ruby', 'true')), 'tags: [x, "true"]\n');
    });

    it('flow list over lines', () => {
      assert.equal(renamed('tags: [a,\n  Web,\n  b]\n', tag('Web', 'web')), 'tags: [a,\n  web,\n  b]\n');
    });

    it('flow list merge: the item goes with its comma (first, middle, last)', () => {
      assert.equal(renamed('tags: [Web, ruby, web]\n', tag('Web', 'web')), 'tags: [ruby, web]\n');
      assert.equal(renamed('tags: [ruby, Web, web]\n', tag('Web', 'web')), 'tags: [ruby, web]\n');
      assert.equal(renamed('tags: [web, ruby, Web]\n', tag('Web', 'web')), 'tags: [web, ruby]\n');
      assert.equal(renamed('tags: [web,Web]\n', tag('Web', 'web')), 'tags: [web]\n');
    });

    it('block list: the item only; a merge removes its line', () => {
      assert.equal(renamed('tags:\n  - Web   # note\n  - "ruby"\n', tag('Web', 'web')), 'tags:\n  - web   # note\n  - "ruby"\n');
      assert.equal(renamed("tags:\n- 'Web'\n- x\n", tag('Web', 'big data')), "tags:\n- 'big data'\n- x\n");
      assert.equal(renamed('tags:\n  - web\n  - Web # dup\n  - x\ntitle: t\n', tag('Web', 'web')), 'tags:\n  - web\n  - x\ntitle: t\n');
    });

    it('space-separated string: the word only; a merge removes the word and its blanks', () => {
      assert.equal(renamed('tags: Web ruby\n', tag('Web', 'web')), 'tags: web ruby\n');
      assert.equal(renamed('categories: "news Web"\n', category('Web', 'web')), 'categories: "news web"\n');
      assert.equal(renamed('tags: ruby Web web\n', tag('Web', 'web')), 'tags: ruby web\n');
      assert.equal(renamed('tags: Web  web\n', tag('Web', 'web')), 'tags: web\n');
    });

    it('space-separated string: a new name with blanks makes it the list Jekyll reads', () => {
      assert.equal(renamed('tags: Web ruby\n', tag('Web', 'web dev')), 'tags: [web dev, ruby]\n');
      assert.equal(renamed("tags: 'Web ruby'\n", tag('Web', 'web dev')), "tags: ['web dev', 'ruby']\n");
    });

    it('singular `tag:` / `category:`: the whole value, never split', () => {
      assert.equal(renamed('tag: Big Data\n', tag('Big Data', 'big-data')), 'tag: big-data\n');
      assert.equal(renamed('category: "News"\ncategories: [News, x]\n', category('News', 'news')), 'category: "news"\ncategories: [news, x]\n');
    });

    it('a value that is not a string to YAML (a number)', () => {
      assert.equal(renamed('tags: [2019, x]\n', tag('2019', 'year-2019')), 'tags: [year-2019, x]\n');
    });

    it('CRLF line endings survive', () => {
      const text = '---\r\ntags:\r\n  - web\r\n  - Web\r\n  - x\r\n---\r\nbody\r\n';
      const doc = parseSiteDocument('/site/_posts/2024-01-01-x.md', '_posts/2024-01-01-x.md', 'post', text);
      const edits = renameEdits(doc, tag('Web', 'web'));
      assert.ok(Array.isArray(edits));
      assert.equal(applyEdits(text, edits), '---\r\ntags:\r\n  - web\r\n  - x\r\n---\r\nbody\r\n');
    });

    it('a form that cannot be edited safely is reported, not touched', () => {
      const text = '---\ntags: >\n  Web ruby\n---\n';
      const doc = parseSiteDocument('/site/_posts/2024-01-01-x.md', '_posts/2024-01-01-x.md', 'post', text);
      const r = renameEdits(doc, tag('Web', 'web'));
      assert.ok(!Array.isArray(r));
      assert.match(r.reason, /can't be edited safely/);
    });
  });

  describe('planTaxonomyRename', () => {
    const files: Record<string, string> = {
      '_config.yml': 'defaults:\n  - scope: { path: "special" }\n    values: { tags: [Web] }\n',
      '_posts/2024-01-01-a.md': '---\ntags: [Web, ruby]\n---\n',
      '_posts/2024-01-02-b.md': '---\ntags:\n  - web\n  - Web\n---\n',
      '_posts/2024-01-03-c.md': '---\ntags: Web jekyll\n---\n',
      '_posts/2024-01-04-d.md': '---\ntags: [web]\n---\n',
      '_posts/2024-01-05-e.md': '---\ntags: [ruby]\n---\n',
      'special/_posts/2024-01-06-f.md': '---\ntitle: F\n---\n',
      'Web/_posts/2024-01-07-g.md': '---\ncategories: [Web]\n---\n',
    };
    const fs = memoryFs(Object.fromEntries(Object.entries(files).map(([k, v]) => ['/site/' + k, v])));

    it('edits exactly the posts that use the value, and says which it cannot edit', async () => {
      const { index } = await testSite(files);
      const plan = await planTaxonomyRename(fs, index, tag('Web', 'web'));
      assert.equal(plan.merge, true);
      assert.equal(plan.using, 4);
      const out = Object.fromEntries(plan.files.map((f) => [f.path, applyEdits(files[f.path.slice(6)]!, f.edits)]));
      assert.deepEqual(out, {
        '/site/_posts/2024-01-01-a.md': '---\ntags: [web, ruby]\n---\n',
        '/site/_posts/2024-01-02-b.md': '---\ntags:\n  - web\n---\n',
        '/site/_posts/2024-01-03-c.md': '---\ntags: web jekyll\n---\n',
      });
      assert.deepEqual(plan.skipped, [{ path: '/site/special/_posts/2024-01-06-f.md', reason: "the value comes from `defaults:` in _config.yml, not from the post's front matter" }]);
    });

    it('categories from a folder above _posts are reported', async () => {
      const { index } = await testSite(files);
      const plan = await planTaxonomyRename(fs, index, category('Web', 'Internet'));
      assert.equal(plan.merge, false);
      assert.deepEqual(
        plan.files.map((f) => applyEdits(files[f.path.slice(6)]!, f.edits)),
        ['---\ncategories: [Internet]\n---\n'],
      );
      assert.equal(plan.skipped.length, 0, 'the folder category and the written one are the same post: it is edited');
      const folderOnly = { ...files, 'Web/_posts/2024-01-07-g.md': '---\ntitle: G\n---\n' };
      const fs2 = memoryFs(Object.fromEntries(Object.entries(folderOnly).map(([k, v]) => ['/site/' + k, v])));
      const plan2 = await planTaxonomyRename(fs2, (await testSite(folderOnly)).index, category('Web', 'Internet'));
      assert.deepEqual(plan2.skipped.map((s) => s.reason), ['the category comes from the folder `Web/`']);
    });

    it("uses the editor's unsaved text when there is one", async () => {
      const { index } = await testSite(files);
      const open = '---\ntitle: edited\ntags: [Web, ruby]\n---\n';
      const plan = await planTaxonomyRename(fs, index, tag('ruby', 'Ruby'), (p) => (p === '/site/_posts/2024-01-01-a.md' ? open : undefined));
      const a = plan.files.find((f) => f.path === '/site/_posts/2024-01-01-a.md')!;
      assert.equal(applyEdits(open, a.edits), '---\ntitle: edited\ntags: [Web, Ruby]\n---\n');
    });
  });

  describe('SiteSummary', () => {
    it('folds variants under the most used spelling, most used first', async () => {
      const { index } = await testSite({
        '_posts/2024-01-01-a.md': '---\ntags: [web, Big Data]\n---\n',
        '_posts/2024-01-02-b.md': '---\ntags: [web, big-data]\n---\n',
        '_posts/2024-01-03-c.md': '---\ntags: [Web, Big Data]\n---\n',
      });
      const entries = SiteSummary.of(index).taxonomy('tag').entries;
      assert.deepEqual(
        entries.map((e) => [e.value, e.count, e.total, e.variants.map((v) => v.value), e.latest?.relativePath]),
        [
          ['Big Data', 2, 3, ['big-data'], '_posts/2024-01-03-c.md'],
          ['web', 2, 3, ['Web'], '_posts/2024-01-03-c.md'],
        ],
      );
      assert.deepEqual(postsUsing(index, 'tag', 'web').map((p) => p.relativePath), ['_posts/2024-01-02-b.md', '_posts/2024-01-01-a.md']);
    });

    it('patched after edits, it equals a summary built afresh', async () => {
      const spellings = ['web', 'Web', 'WEB', 'big data', 'Big-Data', 'ruby', 'Ruby', 'go', 'jekyll'];
      let seed = 7;
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const text = (): string => {
        const tags = Array.from({ length: rand(4) }, () => spellings[rand(spellings.length)]!);
        const cats = Array.from({ length: rand(3) }, () => spellings[rand(spellings.length)]!);
        return `---\ntitle: T${rand(100)}\ndate: 2024-01-${String(1 + rand(28)).padStart(2, '0')}\ntags: [${tags.join(', ')}]\ncategories: [${cats.join(', ')}]\n---\n`;
      };
      const files: Record<string, string> = {};
      for (let i = 0; i < 12; i++) files[`${i % 3 === 0 ? 'web/' : ''}_posts/2024-01-${String(i + 1).padStart(2, '0')}-p${i}.md`] = text();
      const { index } = await testSite(files);
      const view = (kind: 'tag' | 'category', idx = index): unknown =>
        SiteSummary.of(idx)
          .taxonomy(kind)
          .entries.map((e) => [e.value, e.count, e.total, e.variants.map((v) => `${v.value}:${v.count}`).join(','), e.latest?.relativePath, e.fromFolder]);
      for (let round = 0; round < 40; round++) {
        view('tag');
        view('category');
        const rel = Object.keys(files)[rand(12)]!;
        files[rel] = text();
        index.updatePostText('/site/' + rel, files[rel]);
        const fresh = (await testSite(files)).index;
        assert.deepEqual(view('tag'), view('tag', fresh), `tags after round ${round}`);
        assert.deepEqual(view('category'), view('category', fresh), `categories after round ${round}`);
      }
    });

    it('stays as it is while only bodies change, and follows tag changes', async () => {
      const { index } = await testSite({ '_posts/2024-01-01-a.md': '---\ntags: [web]\n---\n' });
      const first = SiteSummary.of(index).taxonomy('tag');
      index.updatePostText('/site/_posts/2024-01-01-a.md', '---\ntags: [web]\n---\nnew body\n');
      assert.equal(SiteSummary.of(index).taxonomy('tag'), first);
      index.updatePostText('/site/_posts/2024-01-01-a.md', '---\ntags: [web, ruby]\n---\nnew body\n');
      const second = SiteSummary.of(index).taxonomy('tag');
      assert.deepEqual(second.entries.map((e) => e.value), ['ruby', 'web']);
    });
  });
});
