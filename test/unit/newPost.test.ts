import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { memoryFs } from '../../src/core/memoryFs';
import {
  cleanTitle,
  DEFAULT_DATE_FORMAT,
  fillTemplate,
  listPostFolders,
  MAX_SLUG_LENGTH,
  planNewPost,
  planPublish,
  planUnpublish,
  removeFrontMatterDate,
  resolveFolder,
  setFrontMatterDate,
  slugForTitle,
  strftime,
  titleProblem,
  yamlDate,
  yamlString,
  type NewPostOptions,
  type NewPostPlan,
  type PlanError,
} from '../../src/core/newPost';
import { loadSite, type SiteModel } from '../../src/core/site';
import type { SiteFs } from '../../src/core/siteFs';
import { offsetAt, formatOffset } from '../../src/core/timezone';
import { parseFrontMatterYaml } from '../../src/core/yamlPsych';
import { checkDocument } from '../../src/core/check';

/** 2025-08-19 23:00:30 UTC: already the 20th in London (BST), still the 19th in New York. */
const LATE = Date.UTC(2025, 7, 19, 23, 0, 30);
const LONDON = 'timezone: Europe/London\n';

async function site(files: Record<string, string | Uint8Array>): Promise<{ fs: SiteFs; site: SiteModel }> {
  const abs: Record<string, string | Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) abs['/site/' + k] = v;
  const fs = memoryFs(abs);
  return { fs, site: await loadSite(fs, '/site') };
}

async function plan(files: Record<string, string | Uint8Array>, options: Partial<NewPostOptions> & { title: string }): Promise<NewPostPlan> {
  const s = await site(files);
  const p = await planNewPost(s.fs, s.site, { nowMs: LATE, ...options });
  assert.ok(p.ok, `expected a plan, got ${JSON.stringify(p)}`);
  return p;
}

async function planError(files: Record<string, string>, options: Partial<NewPostOptions> & { title: string }): Promise<PlanError> {
  const s = await site(files);
  const p = await planNewPost(s.fs, s.site, { nowMs: LATE, ...options });
  assert.ok(!p.ok, `expected an error, got ${JSON.stringify(p)}`);
  return p;
}

/** The front matter a plan writes, read as Psych would. */
function frontMatter(content: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?\n)---\n/.exec(content);
  assert.ok(m, 'front matter');
  const y = parseFrontMatterYaml('---\n' + m[1]!);
  assert.deepEqual(y.errors, []);
  return y.doc.toJS() as Record<string, unknown>;
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

describe('newPost: planning a new post', () => {
  it('names the file from the date in the site zone and the slug, and writes layout, title, date, categories, tags', async () => {
    const p = await plan({ '_config.yml': LONDON, '_layouts/post.html': '' }, { title: 'Hello, World! C++ & .NET' });
    assert.equal(p.relativePath, '_posts/2025-08-20-hello-world-c-net.md');
    assert.equal(p.path, '/site/_posts/2025-08-20-hello-world-c-net.md');
    assert.equal(p.content, '---\nlayout: post\ntitle: Hello, World! C++ & .NET\ndate: 2025-08-20 00:00:30 +0100\ncategories: []\ntags: []\n---\n\n');
    assert.equal(p.source, 'default');
    assert.equal(p.exists, false);
    assert.deepEqual(p.predicted, { date: '2025-08-20 00:00:30 +0100', slug: 'hello-world-c-net', url: '/2025/08/20/hello-world-c-net.html', title: 'Hello, World! C++ & .NET', categories: [], layout: 'post' });
    assert.equal(p.cursor, p.content.length);
    assert.equal(p.tabStops.length, 2);
    assert.equal(p.content.slice(p.tabStops[0]!.start - 13, p.tabStops[0]!.start + 1), 'categories: []');
    assert.equal(p.content.slice(p.tabStops[1]!.start - 7, p.tabStops[1]!.start + 1), 'tags: []');
  });

  it('writes a post our own rules find nothing to say about', async () => {
    const s = await site({ '_config.yml': LONDON, '_layouts/post.html': '' });
    const p = await planNewPost(s.fs, s.site, { title: 'Budget: what it means', nowMs: LATE });
    assert.ok(p.ok);
    assert.deepEqual(checkDocument(p.content, p.path, s.site, { nowMs: LATE + 60_000 }).map((x) => x.code), []);
  });

  it('takes the date near midnight from one instant: file name and front matter agree (New York, before midnight)', async () => {
    const p = await plan({ '_config.yml': 'timezone: America/New_York\n' }, { title: 'Late', nowMs: Date.UTC(2025, 2, 10, 3, 59, 59, 999) });
    assert.equal(p.relativePath, '_posts/2025-03-09-late.md');
    assert.match(p.content, /\ndate: 2025-03-09 23:59:59 -0400\n/);
    assert.equal(p.predicted.date, '2025-03-09 23:59:59 -0400');
  });

  it('just after local midnight east of UTC is the next day in both places (Asia/Tokyo)', async () => {
    const p = await plan({ '_config.yml': 'timezone: Asia/Tokyo\n' }, { title: 'Early', nowMs: Date.UTC(2025, 5, 30, 15, 0, 1) });
    assert.equal(p.relativePath, '_posts/2025-07-01-early.md');
    assert.match(p.content, /\ndate: 2025-07-01 00:00:01 \+0900\n/);
  });

  it("uses the machine's zone when the site has none", async () => {
    const p = await plan({ '_config.yml': 'title: x\n' }, { title: 'Local' });
    assert.match(p.content, new RegExp(`\\ndate: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:30 \\${formatOffset(offsetAt(undefined, LATE))}\\n`));
    assert.equal(p.predicted.date, p.content.match(/\ndate: (.*)\n/)![1]);
  });

  it('honours the date format, quoting a timestamp without zone so Jekyll reads it in the site zone', async () => {
    const p = await plan({ '_config.yml': LONDON }, { title: 'Fmt', dateFormat: '%Y-%m-%d %H:%M:%S' });
    assert.match(p.content, /\ndate: '2025-08-20 00:00:30'\n/);
    assert.equal(p.predicted.date, '2025-08-20 00:00:30 +0100');
    assert.deepEqual(p.warnings, []);
    const colon = await plan({ '_config.yml': LONDON }, { title: 'Fmt', dateFormat: '%FT%T%:z' });
    assert.match(colon.content, /\ndate: 2025-08-20T00:00:30\+01:00\n/);
    assert.equal(colon.predicted.date, '2025-08-20 00:00:30 +0100');
  });

  it('warns when the date format makes Jekyll read another day', async () => {
    const p = await plan({ '_config.yml': LONDON }, { title: 'Fmt', dateFormat: '%Y-%m-%d %H:%M:%S +1400' });
    assert.equal(p.warnings[0]?.code, 'date-format-misread');
    const hour = await plan({ '_config.yml': LONDON }, { title: 'Fmt', dateFormat: '%Y-%m-%d %H:%M:%S +0000' });
    assert.equal(hour.warnings[0]?.code, 'date-format-misread');
    const minutes = await plan({ '_config.yml': LONDON }, { title: 'Fmt', dateFormat: '%Y-%m-%d %H:%M %z' });
    assert.deepEqual(minutes.warnings, []);
    assert.equal(minutes.predicted.date, '2025-08-20 00:00:00 +0100');
  });

  it('refuses a date format without a year or with an unknown directive', async () => {
    assert.equal((await planError({ '_config.yml': LONDON }, { title: 'x', dateFormat: '%H:%M' })).code, 'bad-date-format');
    assert.equal((await planError({ '_config.yml': LONDON }, { title: 'x', dateFormat: '%Y %Q' })).code, 'bad-date-format');
  });

  it('plans a draft in _drafts without a date', async () => {
    const p = await plan({ '_config.yml': LONDON }, { title: 'Idea', draft: true });
    assert.equal(p.relativePath, '_drafts/idea.md');
    assert.equal(p.content, '---\nlayout: post\ntitle: Idea\ncategories: []\ntags: []\n---\n\n');
  });

  it('quotes titles YAML would misread and reads them back unchanged', async () => {
    for (const title of ['yes', 'No', 'null', 'Off', '2025', '1.5', 'Café: déjà vu', '#1 tip', '- list', '"quoted"', "it's", '[x]', '{a}', '&anchor', '*alias', '!tag', '% done', '@user', '`code`', 'a # b', '| pipe', '> quote', '? q', 'a: b', 'x #y']) {
      const p = await plan({ '_config.yml': LONDON }, { title });
      assert.equal(frontMatter(p.content).title, title, title);
      assert.equal(p.predicted.title, title, title);
    }
  });

  it('honours collections_dir and a sub-folder (categories by path)', async () => {
    const files = { '_config.yml': 'timezone: UTC\ncollections_dir: my_collections\n' };
    assert.equal((await plan(files, { title: 'A' })).relativePath, 'my_collections/_posts/2025-08-19-a.md');
    assert.equal((await plan(files, { title: 'A', draft: true })).relativePath, 'my_collections/_drafts/a.md');
    const sub = await plan(files, { title: 'A', folder: 'en/news' });
    assert.equal(sub.relativePath, 'my_collections/en/news/_posts/2025-08-19-a.md');
    assert.deepEqual(sub.predicted.categories, ['en', 'news']);
    assert.equal(sub.predicted.url, '/en/news/2025/08/19/a.html');
    assert.equal((await plan(files, { title: 'A', folder: 'my_collections/en/_posts' })).relativePath, 'my_collections/en/_posts/2025-08-19-a.md');
  });

  it('resolves folders: _posts sub-folders, the _drafts twin, and refuses what Jekyll never reads', async () => {
    const { site: s } = await site({ '_config.yml': LONDON });
    assert.deepEqual(resolveFolder(s, 'en/news/_posts', false), { ok: true, folder: 'en/news/_posts' });
    assert.deepEqual(resolveFolder(s, 'en/news/_posts', true), { ok: true, folder: 'en/news/_drafts' });
    assert.deepEqual(resolveFolder(s, '_posts/2019', false), { ok: true, folder: '_posts/2019' });
    assert.deepEqual(resolveFolder(s, 'en\\news', false), { ok: true, folder: 'en/news/_posts' });
    for (const bad of ['../x', '/etc', '_underscored/_posts', '.hidden', '_posts/_sub', 'a/../../b']) assert.equal(resolveFolder(s, bad, false).ok, false, bad);
    assert.equal((await planError({ '_config.yml': LONDON }, { title: 'x', folder: '../../etc' })).code, 'bad-folder');
  });

  it('lists the folders a post may go to, the site’s own first', async () => {
    const s = await site({
      '_config.yml': LONDON,
      '_posts/2019/2019-01-01-a.md': '',
      '_posts/_skip/x.md': '',
      'en/news/_posts/2020-01-01-b.md': '',
      '_underscored/_posts/2020-01-01-c.md': '',
      'fr/_drafts/d.md': '',
      'node_modules/x/_posts/y.md': '',
    });
    assert.deepEqual(await listPostFolders(s.fs, s.site, false), ['_posts', '_posts/2019', 'en/news/_posts']);
    assert.deepEqual(await listPostFolders(s.fs, s.site, true), ['_drafts', 'en/news/_drafts', 'fr/_drafts']);
  });
});

describe('newPost: front matter sources (first match wins)', () => {
  const compose = 'jekyll_compose:\n  default_front_matter:\n    posts:\n      description:\n      image: assets/x.png\n      tags: [a, b]\n      comments: false\n    drafts:\n      description:\n';

  it('jekyll_compose.default_front_matter.posts comes first', async () => {
    const p = await plan({ '_config.yml': LONDON + compose, '.vscode/jekyll-post.md': 'TEMPLATE' }, { title: 'Hi', templates: ['/site/.vscode/jekyll-post.md'] });
    assert.equal(p.source, 'jekyll-compose');
    assert.equal(p.content, '---\nlayout: post\ntitle: Hi\ndate: 2025-08-20 00:00:30 +0100\ndescription:\nimage: assets/x.png\ntags: [a, b]\ncomments: false\n---\n\n');
    const d = await plan({ '_config.yml': LONDON + compose }, { title: 'Hi', draft: true });
    assert.equal(d.content, '---\nlayout: post\ntitle: Hi\ndescription:\n---\n\n');
  });

  it('jekyll_compose: nested values are written as YAML that reads back the same', async () => {
    const cfg = LONDON + 'jekyll_compose:\n  default_front_matter:\n    posts:\n      image: {path: a.png, alt: "A: b"}\n      authors:\n        - {name: Ann, url: "https://x"}\n        - name: Bo\n          roles: [editor, "c, d"]\n      empty: {}\n      none: []\n      count: 3\n      yes_string: "yes"\n';
    const p = await plan({ '_config.yml': cfg }, { title: 'Hi' });
    const fm = frontMatter(p.content);
    assert.deepEqual(fm.image, { path: 'a.png', alt: 'A: b' });
    assert.deepEqual(fm.authors, [{ name: 'Ann', url: 'https://x' }, { name: 'Bo', roles: ['editor', 'c, d'] }]);
    assert.deepEqual([fm.empty, fm.none, fm.count, fm.yes_string], [{}, [], 3, 'yes']);
  });

  it('jekyll_compose: values defaults already give are left out, a compose layout is kept', async () => {
    const cfg = LONDON + 'defaults:\n  - scope: {path: ""}\n    values: {layout: article, comments: false, image: assets/x.png}\n' + compose.replace('    posts:\n', '    posts:\n      layout: wide\n');
    const p = await plan({ '_config.yml': cfg }, { title: 'Hi' });
    assert.equal(p.content, '---\nlayout: wide\ntitle: Hi\ndate: 2025-08-20 00:00:30 +0100\ndescription:\ntags: [a, b]\n---\n\n');
  });

  it('a template file comes next, with ${title}, ${date}, ${slug} filled as each spot needs', async () => {
    const template = '---\ntitle: ${title}\nquoted: "${title}"\nsingle: \'${title}\'\ndate: ${date}\npermalink: /x/${slug}/\n---\n\n# ${title}\n\nWritten ${date}.\n';
    const p = await plan({ '_config.yml': LONDON, 'tpl.md': template }, { title: 'Say "hi": it\'s \\ here', templates: ['/site/missing.md', '/site/tpl.md'] });
    assert.equal(p.source, 'template');
    assert.equal(p.templatePath, '/site/tpl.md');
    const fm = frontMatter(p.content);
    assert.equal(fm.title, 'Say "hi": it\'s \\ here');
    assert.equal(fm.quoted, 'Say "hi": it\'s \\ here');
    assert.equal(fm.single, 'Say "hi": it\'s \\ here');
    assert.equal(fm.permalink, '/x/say-hi-it-s-here/');
    assert.ok(p.content.endsWith('\n# Say "hi": it\'s \\ here\n\nWritten 2025-08-20 00:00:30 +0100.\n'));
    assert.equal(p.predicted.date, '2025-08-20 00:00:30 +0100');
    assert.equal(p.predicted.url, '/x/say-hi-it-s-here/');
    assert.equal(p.cursor, p.content.indexOf('# Say'));
    assert.deepEqual(p.warnings, []);
  });

  it('a template whose front matter breaks once filled is reported', async () => {
    const p = await plan({ '_config.yml': LONDON, 'tpl.md': '---\ntitle: The ${title} story\n---\n' }, { title: 'a: b', templates: ['/site/tpl.md'] });
    assert.deepEqual(p.warnings.map((w) => w.code), ['template-yaml-error']);
  });

  it('fillTemplate leaves the body as typed and a template without front matter whole', () => {
    assert.equal(fillTemplate('# ${title}\n${slug} ${date}', { title: 'a: b', slug: 'a-b', date: 'D' }), '# a: b\na-b D');
  });

  it('never writes a value defaults: gives (layout, categories, tags), scoped by path', async () => {
    const cfg = LONDON + 'defaults:\n  - scope: {path: "", type: posts}\n    values: {layout: post}\n  - scope: {path: en}\n    values: {tags: [english], categories: [x]}\n';
    const root = await plan({ '_config.yml': cfg }, { title: 'A' });
    assert.equal(root.content, '---\ntitle: A\ndate: 2025-08-20 00:00:30 +0100\ncategories: []\ntags: []\n---\n\n');
    assert.equal(root.predicted.layout, 'post');
    const en = await plan({ '_config.yml': cfg }, { title: 'A', folder: 'en' });
    assert.equal(en.content, '---\ntitle: A\ndate: 2025-08-20 00:00:30 +0100\n---\n\n');
    assert.deepEqual(en.tabStops, []);
  });

  it('picks the layout the site has: post, else default; a theme may have post', async () => {
    assert.match((await plan({ '_config.yml': LONDON, '_layouts/default.html': '' }, { title: 'A' })).content, /\nlayout: default\n/);
    assert.match((await plan({ '_config.yml': LONDON + 'theme: minima\n', '_layouts/default.html': '' }, { title: 'A' })).content, /\nlayout: post\n/);
    assert.match((await plan({ '_config.yml': LONDON }, { title: 'A' })).content, /\nlayout: post\n/);
  });
});

describe('newPost: titles, slugs and collisions', () => {
  it('reports the collision and never plans over an existing file', async () => {
    const p = await plan({ '_config.yml': LONDON, '_posts/2025-08-20-a.md': 'mine' }, { title: 'A' });
    assert.equal(p.exists, true);
    assert.equal(p.relativePath, '_posts/2025-08-20-a.md');
    const d = await plan({ '_config.yml': LONDON, '_drafts/a.md': 'mine' }, { title: 'A', draft: true });
    assert.equal(d.exists, true);
  });

  it('gives a clear error for an empty, punctuation-only or emoji-only title, and one that slugifies to nothing', async () => {
    assert.equal(titleProblem('   ')?.code, 'empty-title');
    assert.equal(titleProblem('')?.code, 'empty-title');
    assert.equal(titleProblem('!!! ... ???')?.code, 'no-letters');
    assert.equal(titleProblem('😀🎉')?.code, 'no-letters');
    assert.equal(titleProblem('日本語', 'latin')?.code, 'empty-slug');
    assert.equal(titleProblem('Привет', 'ascii')?.code, 'empty-slug');
    assert.equal(titleProblem('日本語', 'default'), undefined);
    assert.equal((await planError({ '_config.yml': LONDON }, { title: '\u0000' })).code, 'empty-title');
  });

  it('keeps hostile titles inside _posts', async () => {
    const cases: Array<[string, string]> = [
      ['../../x', '_posts/2025-08-20-x.md'],
      ['/etc/x', '_posts/2025-08-20-etc-x.md'],
      ['a\\b', '_posts/2025-08-20-a-b.md'],
      ['nul\u0000byte', '_posts/2025-08-20-nul-byte.md'],
      ['..', ''],
    ];
    for (const mode of ['default', 'pretty', 'raw', 'ascii', 'latin'] as const) {
      for (const [title, expected] of cases) {
        const s = await site({ '_config.yml': LONDON });
        const p = await planNewPost(s.fs, s.site, { title, nowMs: LATE, slugMode: mode });
        if (!p.ok) {
          assert.equal(expected, '', `${mode} ${title}: ${p.code}`);
          continue;
        }
        assert.match(p.relativePath, /^_posts\/2025-08-20-[^/\\\u0000]+\.md$/, `${mode} ${JSON.stringify(title)} → ${p.relativePath}`);
        if (mode === 'default') assert.equal(p.relativePath, expected);
      }
    }
  });

  it('bounds the slug, cutting at a hyphen', () => {
    const long = slugForTitle('word '.repeat(100));
    assert.ok(long.length <= MAX_SLUG_LENGTH && long.length > MAX_SLUG_LENGTH / 2, long);
    assert.ok(!long.endsWith('-') && long.endsWith('word'));
    assert.equal(slugForTitle('x'.repeat(500)).length, MAX_SLUG_LENGTH);
    const cjk = slugForTitle('日本語'.repeat(100));
    assert.ok(new TextEncoder().encode(cjk).length <= 180);
  });

  it('cleans titles: control characters and line breaks become spaces', () => {
    assert.equal(cleanTitle(' a\tb\r\nc\u2028d\u0000 '), 'a b c d');
    assert.equal(slugForTitle('.NET tips', 'pretty'), 'net-tips');
    assert.equal(slugForTitle('trailing...', 'pretty'), 'trailing');
  });

  it('writes YAML strings and dates Psych reads as written', () => {
    assert.equal(yamlString('Hello world'), 'Hello world');
    assert.equal(yamlString('on'), "'on'");
    assert.equal(yamlString("a: 'b'"), "'a: ''b'''");
    assert.equal(yamlDate('2025-08-19 14:46:44 +0100'), '2025-08-19 14:46:44 +0100');
    assert.equal(yamlDate('2025-08-19T14:46:44'), "'2025-08-19T14:46:44'");
    assert.equal(yamlDate('2025-08-19'), '2025-08-19');
    assert.equal(yamlDate('19 August 2025'), '19 August 2025');
  });

  it('formats dates like Ruby strftime', () => {
    const t = { epochMs: Date.UTC(2025, 7, 19, 13, 46, 44, 123), offset: 3600 };
    assert.equal(strftime(DEFAULT_DATE_FORMAT, t), '2025-08-19 14:46:44 +0100');
    assert.equal(strftime('%F %T %:z %L %j %a %A %b %B %e %y %I %p %%', t), '2025-08-19 14:46:44 +01:00 123 231 Tue Tuesday Aug August 19 25 02 PM %');
    assert.equal(strftime('%Y %Q', t), undefined);
    assert.equal(strftime('%z', { epochMs: 0, offset: -(4 * 3600 + 30 * 60) }), '-0430');
  });

  it('property: for any title the file lands inside the site’s _posts/_drafts and never replaces an existing file', async () => {
    const existing = ['hello', 'a', 'x', 'etc-passwd', 'café', '日本語'];
    const files: Record<string, string> = { '_config.yml': LONDON };
    for (const slug of existing) {
      files[`_posts/2025-08-20-${slug}.md`] = 'existing';
      files[`_drafts/${slug}.md`] = 'existing';
    }
    const s = await site(files);
    const titles = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('Hello', 'A', '../x', '/etc/passwd', 'Café', '日本語', '..', '.', '\\', '\u0000', '😀'),
      fc.array(fc.constantFrom('..', '/', '\\', 'a', ' ', '.', '\u0000', 'é', '日', '-', ':', '~', '_', '#'), { maxLength: 30 }).map((a) => a.join('')),
    );
    await fc.assert(
      fc.asyncProperty(titles, fc.boolean(), fc.constantFrom<'raw' | 'default' | 'pretty' | 'ascii' | 'latin'>('raw', 'default', 'pretty', 'ascii', 'latin'), async (title, draft, mode) => {
        const p = await planNewPost(s.fs, s.site, { title, draft, nowMs: LATE, slugMode: mode });
        if (!p.ok) return;
        const rel = p.relativePath;
        assert.match(rel, draft ? /^_drafts\/[^/\\\u0000]+\.md$/ : /^_posts\/2025-08-20-[^/\\\u0000]+\.md$/, rel);
        assert.ok(!/^[._#~]/.test(rel.slice(rel.lastIndexOf('/') + 1)), rel);
        assert.equal(p.path, '/site/' + rel);
        assert.equal(p.exists, files[rel] !== undefined, rel);
        assert.equal(frontMatter(p.content).title, cleanTitle(title));
      }),
      { numRuns: 400 },
    );
  });
});

describe('newPost: publish and unpublish', () => {
  const draft = '---\ntitle: "Council tax"\nauthor: jane\n---\n\nBody with  two spaces \n\n- list\n';

  it('publish moves _drafts/x.md to _posts/<date>-x.md and adds date: after the title; every other byte kept', async () => {
    const s = await site({ '_config.yml': LONDON, '_drafts/council.md': draft });
    const p = await planPublish(s.fs, s.site, '/site/_drafts/council.md', { nowMs: LATE });
    assert.ok(p.ok);
    assert.equal(p.toRelative, '_posts/2025-08-20-council.md');
    assert.equal(p.to, '/site/_posts/2025-08-20-council.md');
    assert.equal(text(p.bytes), draft.replace('title: "Council tax"\n', 'title: "Council tax"\ndate: 2025-08-20 00:00:30 +0100\n'));
    assert.equal(p.predicted.url, '/2025/08/20/council.html');
    assert.equal(p.exists, false);
  });

  it('publish replaces an existing date: line (the last one, value on continuation lines too), keeps CRLF, a BOM and invalid UTF-8', async () => {
    const crlf = '\uFEFF---\r\ntitle: X\r\ndate: 2020-01-01\r\ntags: [a]\r\n---\r\nbody\r\n';
    assert.equal(text(setFrontMatterDate(bytes(crlf), 'D')), crlf.replace('date: 2020-01-01', 'date: D'));
    const dup = '---\ndate: 2019-01-01\ntitle: X\ndate:\n  2020-01-01\nx: 1\n---\n';
    assert.equal(text(setFrontMatterDate(bytes(dup), 'D')), '---\ndate: 2019-01-01\ntitle: X\ndate: D\nx: 1\n---\n');
    const latin1 = Uint8Array.from([...bytes('---\ntitle: X\n---\ncaf'), 0xe9, 0x0a]);
    const out = setFrontMatterDate(latin1, 'D');
    assert.deepEqual([...out], [...bytes('---\ntitle: X\ndate: D\n---\ncaf'), 0xe9, 0x0a]);
    const indented = '---\ndescription: |\n  date: not me\n---\n';
    assert.equal(text(setFrontMatterDate(bytes(indented), 'D')), '---\ndescription: |\n  date: not me\ndate: D\n---\n');
  });

  it('publish adds front matter to a draft without one', async () => {
    assert.equal(text(setFrontMatterDate(bytes('Just text\n'), 'D')), '---\ndate: D\n---\nJust text\n');
    assert.equal(text(setFrontMatterDate(bytes('\uFEFFJust text\r\n'), 'D')), '\uFEFF---\r\ndate: D\r\n---\r\nJust text\r\n');
  });

  it('publish keeps sub-folders and reports an existing target', async () => {
    const s = await site({ '_config.yml': LONDON, 'en/_drafts/2019/x.md': draft, 'en/_posts/2019/2025-08-20-x.md': 'mine' });
    const p = await planPublish(s.fs, s.site, '/site/en/_drafts/2019/x.md', { nowMs: LATE });
    assert.ok(p.ok);
    assert.equal(p.toRelative, 'en/_posts/2019/2025-08-20-x.md');
    assert.equal(p.exists, true);
  });

  it('publish refuses a file that is not a draft', async () => {
    const s = await site({ '_config.yml': LONDON, '_posts/2020-01-01-a.md': '', 'page.md': '', '_drafts/.hidden.md': '' });
    for (const f of ['_posts/2020-01-01-a.md', 'page.md', '_drafts/.hidden.md']) {
      const p = await planPublish(s.fs, s.site, '/site/' + f, { nowMs: LATE });
      assert.equal(p.ok ? 'ok' : p.code, 'not-a-draft', f);
    }
  });

  it('unpublish moves the post back, drops the date prefix and the date: lines; every other byte kept', async () => {
    const post = '---\r\ntitle: X\r\ndate: 2020-01-01 10:00:00 +0000\r\ndate: 2020-01-02\r\ntags: [a]\r\n---\r\nbody  \r\n';
    const s = await site({ '_config.yml': LONDON, 'en/_posts/2019/2020-01-01-x.y.md': post });
    const p = await planUnpublish(s.fs, s.site, '/site/en/_posts/2019/2020-01-01-x.y.md', { nowMs: LATE });
    assert.ok(p.ok);
    assert.equal(p.toRelative, 'en/_drafts/2019/x.y.md');
    assert.equal(text(p.bytes), '---\r\ntitle: X\r\ntags: [a]\r\n---\r\nbody  \r\n');
    assert.equal(text(removeFrontMatterDate(bytes('no front matter\ndate: x\n'))), 'no front matter\ndate: x\n');
  });

  it('publish then unpublish gives the draft back byte for byte when it had a date line', async () => {
    const withDate = '---\ntitle: X\ndate: old\nz: 1\n---\nbody\n';
    const s = await site({ '_config.yml': LONDON, '_drafts/x.md': withDate });
    const pub = await planPublish(s.fs, s.site, '/site/_drafts/x.md', { nowMs: LATE });
    assert.ok(pub.ok);
    assert.equal(text(removeFrontMatterDate(pub.bytes)), '---\ntitle: X\nz: 1\n---\nbody\n');
  });

  it('unpublish refuses what is not a post, and a post whose name is only a date', async () => {
    const s = await site({ '_config.yml': LONDON, '_drafts/a.md': '', '_posts/2020-01-05-.md': '', '_posts/notes.md': '' });
    assert.equal(((await planUnpublish(s.fs, s.site, '/site/_drafts/a.md', { nowMs: LATE })) as PlanError).code, 'not-a-post');
    assert.equal(((await planUnpublish(s.fs, s.site, '/site/_posts/notes.md', { nowMs: LATE })) as PlanError).code, 'not-a-post');
    assert.equal(((await planUnpublish(s.fs, s.site, '/site/_posts/2020-01-05-.md', { nowMs: LATE })) as PlanError).code, 'empty-name');
  });
});
