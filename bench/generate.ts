/**
 * Deterministic synthetic Jekyll sites for the benchmarks.
 *
 *   generateSite(dir, { posts: 10000, seed: 1 })   writes a site into dir (replacing it)
 *   ensureSite(dir, opts)                          same, but only when dir does not already hold it
 *   node out/bench/generate.js DIR [--posts N] [--seed S]
 *
 * The output depends only on (posts, seed, GENERATOR_VERSION): same inputs, same bytes.
 * Front matter comes in the forms real sites use (see the team's Jekyll notes): block and
 * flow lists, space-separated strings, singular `category`/`tag`, dates quoted and unquoted
 * with and without offsets, the `...` closing fence, CRLF and BOM files, a few files with
 * invalid YAML, duplicate keys, `published: false`. Tags follow a Zipf-like distribution
 * with case/separator variants (`Big Data`/`big-data`). Bodies hold Markdown and Liquid,
 * 1–8 KB, a few around 50 KB. Nothing in it makes Jekyll's *read* fatal (no `date: yesterday`);
 * some Liquid (missing post_url/include targets) would fail a full render, as on real sites.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng } from '../test/util/prng';

/** Bump when the output changes, so cached sites under bench/sites/ are regenerated. */
export const GENERATOR_VERSION = 3;

export interface GenerateOptions {
  posts: number;
  seed: number;
}

export interface GenerateSummary {
  dir: string;
  posts: number;
  seed: number;
  /** Files under `_posts/` (posts and the few non-post files), `_drafts/`, total bytes of them. */
  postFiles: number;
  draftFiles: number;
  bytes: number;
  /** How many files got each deliberate oddity. */
  counts: Record<string, number>;
}

const MARKER = '.bench-site.json';

// ---------------------------------------------------------------- PRNG

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** Samples indexes 0..n-1 with weight 1/(k+1)^s. */
class Zipf {
  private readonly cdf: number[];
  constructor(n: number, s: number) {
    const w: number[] = [];
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      w.push(sum);
    }
    this.cdf = w.map((x) => x / sum);
  }
  sample(rng: Rng): number {
    const u = rng.float();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------- vocabulary

const WORDS = (
  'the government said on minister new year people would could council report plans first last week million ' +
  'public policy city local national economy market prices energy water health schools housing transport rail ' +
  'police court judge election vote party leader campaign budget tax spending growth jobs workers union strike ' +
  'company shares profits bank rates inflation data research study university scientists climate weather storm ' +
  'flood river coast village town residents community families children patients hospital doctors nurses ' +
  'software users security online platform privacy launch update team season match club players coach final ' +
  'record early late expected announced warned confirmed revealed agreed rejected delayed approved published ' +
  'because however although meanwhile while after before during across under over between against without'
).split(' ');

const TITLE_WORDS = (
  'Council Plans Budget Rail Strike Energy Prices Housing Crisis Election Results Water Bills Climate Report ' +
  'Hospital Waiting Lists School Funding Bank Rates Storm Warning Police Reform Court Ruling Market Rally Jobs ' +
  'Data Breach Privacy Rules Transport Fares Flood Defences Town Centre Stadium Deal Tax Rise Minister Resigns'
).split(' ');

const TAG_BASE: string[] = [
  'politics', 'economy', 'big data', 'web', 'ai', 'climate', 'health', 'education', 'housing', 'transport',
  'energy', 'elections', 'local news', 'courts', 'police', 'business', 'markets', 'technology', 'science', 'sport',
  'football', 'cricket', 'culture', 'music', 'film', 'books', 'travel', 'food', 'weather', 'environment',
  'open data', 'machine learning', 'web development', 'javascript', 'python', 'ruby', 'jekyll', 'security', 'privacy', 'cloud',
  'C++', '.NET', 'node.js', 'devops', 'accessibility', 'design', 'photography', 'history', 'opinion', 'analysis',
  'interview', 'explainer', 'live', 'investigation', 'data journalism', 'public health', 'nhs', 'schools', 'universities', 'rail',
  'buses', 'cycling', 'roads', 'aviation', 'shipping', 'trade', 'brexit', 'europe', 'ukraine', 'usa',
  'china', 'india', 'africa', 'latin america', 'middle east', 'migration', 'immigration', 'labour market', 'inflation', 'interest rates',
];
// A long tail of rarer tags.
for (let i = 0; i < 320; i++) TAG_BASE.push(`topic ${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`);

const CATEGORIES = ['News', 'Politics', 'Economy', 'Technology', 'Science', 'Sport', 'Culture', 'Opinion', 'World', 'Local'];
const AUTHORS = ['sal', 'jane', 'tom', 'priya', 'chen', 'maria', 'olu', 'dave'];
const IMAGES = 20;

function titleCase(s: string): string {
  return s.replace(/\b([a-z])/g, (m) => m.toUpperCase());
}

/** A tag as an author typed it: usually the canonical form, sometimes a case/separator variant. */
function tagVariant(rng: Rng, base: string): string {
  if (!rng.chance(0.08)) return base;
  const forms = [titleCase(base), base.toUpperCase(), base.replace(/ /g, '-'), titleCase(base).replace(/ /g, '-')];
  if (base.includes(' ')) forms.push(base.replace(/ /g, '_'), base.replace(/ /g, ''));
  return rng.pick(forms);
}

// ---------------------------------------------------------------- YAML scalars

/** Is `s` safe as a plain (unquoted) YAML scalar in block context? */
function plainSafe(s: string): boolean {
  return /^[A-Za-z0-9][^:#\n]*$/.test(s) && !/\s$/.test(s) && !/^(true|false|yes|no|on|off|null|~|\d)/i.test(s);
}
function dq(s: string): string {
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}
function sq(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}
/** Flow-list item: quote anything that is not a plain word sequence. */
function flowItem(s: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 .+-]*$/.test(s) && !/\s$/.test(s) ? s : dq(s);
}

// ---------------------------------------------------------------- site files

const CONFIG = `# Synthetic site for the jekyll-posts benchmarks (generated, do not edit).
title: "Bench Gazette"
description: "A generated news site"
baseurl: ""
url: "https://bench.example.com"
timezone: Europe/London
permalink: /:categories/:year/:month/:day/:title:output_ext
markdown: kramdown
kramdown:
  input: GFM
  syntax_highlighter: rouge

authors:
${AUTHORS.map(
  (a) => `  ${a}:
    name: ${titleCase(a)}
    display_name: ${titleCase(a)} Example
    avatar: 'assets/images/1.jpg'
    web: https://bench.example.com/about/${a}
    twitter: https://twitter.com/${a}example
    description: "Writes for the Bench Gazette."`,
).join('\n')}

defaults:
  - scope:
      path: ""
      type: posts
    values:
      layout: post
      comments: true
  - scope:
      path: "_posts/archive"
      type: posts
    values:
      archived: true

exclude: [README.md]
`;

const LAYOUT_DEFAULT = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ page.title }} | {{ site.title }}</title>
<link rel="stylesheet" href="{{ '/assets/css/main.css' | relative_url }}"></head>
<body>
<header><a href="{{ '/' | relative_url }}">{{ site.title }}</a></header>
<main>{{ content }}</main>
</body>
</html>
`;

const LAYOUT_POST = `---
layout: default
---
{% assign author = site.authors[page.author] %}
<article>
  {% if page.author %}{% include author-box.html author=author %}{% endif %}
  <h1>{{ page.title }}</h1>
  {% if page.image %}<img src="{{ page.image | relative_url }}" alt="{{ page.title }}">{% endif %}
  {{ content }}
  <time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date_to_string }}</time>
  <ul>{% for c in page.categories %}<li>{{ c }}</li>{% endfor %}</ul>
  <ul>{% for t in page.tags %}<li>#{{ t }}</li>{% endfor %}</ul>
</article>
`;

const LAYOUT_PAGE = `---
layout: default
---
<section><h1>{{ page.title }}</h1>{{ content }}</section>
`;

const INCLUDE_FIGURE = `<figure><img src="{{ include.src | relative_url }}" alt="{{ include.alt | default: include.caption }}">{% if include.caption %}<figcaption>{{ include.caption }}</figcaption>{% endif %}</figure>
`;

const INCLUDE_AUTHOR = `{% assign a = include.author %}<div class="author">{% if a.avatar %}<img src="{{ a.avatar | relative_url }}" alt="">{% endif %}<a href="{{ a.web }}">{{ a.display_name }}</a> {{ a.description }}</div>
`;

const INCLUDE_YOUTUBE = `<div class="video"><iframe src="https://www.youtube-nocookie.com/embed/{{ include.id }}" title="{{ include.title }}" allowfullscreen></iframe></div>
`;

const INDEX = `---
layout: default
title: Home
---
<ul>{% for post in site.posts limit: 50 %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a> {{ post.date | date_to_string }}</li>{% endfor %}</ul>
`;

/** A real 64x40 baseline JPEG (the sample site's markets.jpg), written as every assets/images/N.jpg. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ' +
    'EBAQEBAQEBAQEBAQEBD/wAARCAAoAEADAREAAhEAAxEA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAFRAAAgAA' +
    'AAAAAAAAAAAAAAAAAAH/2gAMAwEAAgADAAA/AME4w0y4KIXBRS4KIWxRC4OAuABcHAecEApcFFLgohbFELg4C4AFwcBcFEPOCAeX' +
    'BRC2KIXBwFwALg4C4KIXBRDzggHlsUQuDgLgAXBwFwUQuCiFsUU84IBS4OAuABcHAXBRC4KIWxRS4KIf/9k=',
  'base64',
);

// ---------------------------------------------------------------- posts

interface PostPlan {
  /** Path relative to the site root. */
  rel: string;
  /** Filename without extension, as `{% post_url %}` names it. */
  name: string;
}

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function sentence(rng: Rng, min = 8, max = 24): string {
  const n = rng.int(min, max);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(rng.pick(WORDS));
  let s = w.join(' ');
  s = s[0]!.toUpperCase() + s.slice(1);
  if (rng.chance(0.15)) s = s.replace(/ (said|warned|agreed) /, " $1 it's ");
  return s + (rng.chance(0.05) ? '?' : '.');
}

function paragraph(rng: Rng): string {
  const n = rng.int(2, 6);
  const s: string[] = [];
  for (let i = 0; i < n; i++) s.push(sentence(rng));
  return s.join(' ');
}

interface BodyContext {
  earlier: PostPlan[];
  counts: Record<string, number>;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function body(rng: Rng, targetBytes: number, ctx: BodyContext): string {
  const parts: string[] = [];
  let size = 0;
  const add = (s: string): void => {
    parts.push(s);
    size += s.length + 2;
  };
  add(paragraph(rng));
  // Liquid that a real post carries, placed once near the top.
  if (rng.chance(0.2)) add(`{% include figure.html src="/assets/images/${rng.int(1, IMAGES)}.jpg" caption="${sentence(rng, 4, 8).replace(/"/g, '')}" %}`);
  if (rng.chance(0.1) && ctx.earlier.length > 0) {
    const target = rng.pick(ctx.earlier);
    add(`See also [our earlier report]({% post_url ${target.name} %}).`);
  }
  if (rng.chance(0.01)) {
    add(`As we reported [last year]({% post_url 2001-01-01-no-such-post-${rng.int(1, 999)} %}), nothing has changed.`);
    bump(ctx.counts, 'missingPostUrl');
  }
  if (rng.chance(0.005)) {
    add('{% include live-widget.html id="x" %}');
    bump(ctx.counts, 'missingInclude');
  }
  if (rng.chance(0.05)) add(`{% include youtube.html id="dQw4w9WgXcQ" title="${rng.pick(TITLE_WORDS)}" %}`);
  if (rng.chance(0.1)) add(`Download the [full report]({{ site.baseurl }}/assets/report-${rng.int(1, 50)}.pdf).`);
  while (size < targetBytes) {
    const r = rng.float();
    if (r < 0.08) add(`## ${titleCase(sentence(rng, 3, 7).replace(/[.?]$/, ''))}`);
    else if (r < 0.13) {
      const items: string[] = [];
      for (let i = rng.int(3, 6); i > 0; i--) items.push(`- ${sentence(rng, 4, 12)}`);
      add(items.join('\n'));
    } else if (r < 0.16) add(`> "${sentence(rng)}" ${rng.pick(['a spokesperson said', 'one official said', 'the minister said'])}.`);
    else if (r < 0.18) add(`![${sentence(rng, 3, 6).replace(/[.?]$/, '')}](/assets/images/${rng.int(1, IMAGES)}.jpg)`);
    else if (r < 0.2) {
      add('```python\n' + `total = sum(row["${rng.pick(WORDS)}"] for row in rows)\nprint(f"{total:,}")` + '\n```');
    } else if (r < 0.205) {
      add('{% highlight ruby %}\n' + `def ${rng.pick(WORDS)}(x)\n  x * ${rng.int(2, 9)}\nend` + '\n{% endhighlight %}');
    } else if (r < 0.208) {
      add('{% raw %}\n```liquid\n{{ page.title }} by {{ page.author }}\n```\n{% endraw %}');
    } else if (r < 0.21) {
      add('```html\n<h2>{{ story.headline }}</h2>\n```');
      bump(ctx.counts, 'unescapedLiquidInFence');
    } else if (r < 0.215) add('| Year | Value |\n|---|---|\n' + [2021, 2022, 2023].map((y) => `| ${y} | ${rng.int(10, 999)} |`).join('\n'));
    else add(paragraph(rng));
  }
  return parts.join('\n\n') + '\n';
}

function bodyTarget(rng: Rng, counts: Record<string, number>): number {
  if (rng.chance(0.02)) {
    bump(counts, 'body50k');
    return rng.int(45_000, 55_000);
  }
  // 1–8 KB, skewed towards the short end like real news posts.
  return Math.round(1000 * Math.pow(8, rng.float()));
}

function dateValue(rng: Rng, y: number, m: number, d: number, counts: Record<string, number>): string | undefined {
  const hh = pad(rng.int(6, 22));
  const mm = pad(rng.int(0, 59));
  const ss = pad(rng.int(0, 59));
  const day = `${y}-${pad(m)}-${pad(d)}`;
  const offset = m >= 4 && m <= 10 ? '+0100' : '+0000';
  const forms: Array<[number, () => string | undefined, string]> = [
    [0.3, () => undefined, 'dateNone'],
    [0.1, () => day, 'dateDay'],
    [0.15, () => `${day} ${hh}:${mm}:${ss} ${offset}`, 'dateSpaceOffset'],
    [0.1, () => `${day} ${hh}:${mm}:${ss}`, 'dateNoOffset'],
    [0.08, () => `${day}T${hh}:${mm}:${ss}`, 'dateIsoNoOffset'],
    [0.07, () => `${day}T${hh}:${mm}:${ss}${offset.slice(0, 3)}:${offset.slice(3)}`, 'dateIsoOffset'],
    [0.05, () => `${day}T${hh}:${mm}:${ss}Z`, 'dateZ'],
    [0.1, () => dq(`${day} ${hh}:${mm}:${ss} ${offset}`), 'dateQuoted'],
    [0.03, () => dq(`${day} ${hh}:${mm}`), 'dateQuotedNoOffset'],
    [0.02, () => sq(`${y}-${m}-${d} ${Number(hh)}:${mm}:${ss} ${offset}`), 'dateNonPadded'],
  ];
  let u = rng.float();
  for (const [p, f, name] of forms) {
    if (u < p) {
      bump(counts, name);
      return f();
    }
    u -= p;
  }
  return undefined;
}

/** Tags as one of the real forms, or undefined for none. */
function tagLines(rng: Rng, tags: string[], counts: Record<string, number>): string[] {
  if (tags.length === 0) {
    if (rng.chance(0.3)) return ['tags: []'];
    return [];
  }
  const r = rng.float();
  if (r < 0.35) {
    bump(counts, 'tagsFlow');
    return [`tags: [${tags.map(flowItem).join(', ')}]`];
  }
  if (r < 0.45) {
    bump(counts, 'tagsFlowSpaced');
    return [`tags: [ ${tags.map(flowItem).join(', ')} ]`];
  }
  if (r < 0.75) {
    bump(counts, 'tagsBlock');
    return ['tags:', ...tags.map((t) => `  - ${plainSafe(t) ? t : dq(t)}`)];
  }
  if (r < 0.88) {
    // The classic: a space-separated string (multi-word tags get split by Jekyll).
    bump(counts, 'tagsSpaceString');
    return [`tags: ${tags.join(' ').replace(/[:#]/g, '')}`];
  }
  if (r < 0.95) {
    bump(counts, 'tagSingular');
    return [`tag: ${plainSafe(tags[0]!) ? tags[0] : dq(tags[0]!)}`];
  }
  bump(counts, 'tagAndTags');
  return [`tag: ${plainSafe(tags[0]!) ? tags[0] : dq(tags[0]!)}`, `tags: [${tags.slice(1).map(flowItem).join(', ')}]`];
}

function categoryLines(rng: Rng, counts: Record<string, number>): string[] {
  const r = rng.float();
  const c1 = rng.pick(CATEGORIES);
  const c2 = rng.pick(CATEGORIES);
  if (r < 0.15) return [];
  if (r < 0.5) {
    bump(counts, 'categoriesFlow');
    return [rng.chance(0.5) ? `categories: [${c1}]` : `categories: [ ${c1}, ${c2} ]`];
  }
  if (r < 0.65) {
    bump(counts, 'categoriesBlock');
    return ['categories:', `  - ${c1}`, `  - ${c2}`];
  }
  if (r < 0.8) {
    bump(counts, 'categoriesSpaceString');
    return [`categories: ${c1.toLowerCase()} ${rng.chance(0.3) ? 'web development' : c2.toLowerCase()}`];
  }
  if (r < 0.95) {
    bump(counts, 'categorySingular');
    return [`category: ${c1}`];
  }
  bump(counts, 'categoryAndCategories');
  return [`category: ${c1}`, `categories: [${c2}]`];
}

function titleText(rng: Rng): string {
  const n = rng.int(3, 9);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(rng.pick(TITLE_WORDS));
  let t = w.join(' ');
  if (rng.chance(0.1)) t += ` ${rng.int(2008, 2025)}`;
  if (rng.chance(0.1)) t = t.replace(' ', "'s ");
  if (rng.chance(0.08)) t = t.replace(' ', ': ');
  if (rng.chance(0.03)) t += ' — live';
  return t;
}

function titleLines(rng: Rng, title: string, counts: Record<string, number>): string[] {
  if (title.includes(': ') && rng.chance(0.15)) {
    // An unquoted ": " inside the value: invalid YAML, Jekyll drops the front matter.
    bump(counts, 'invalidYaml');
    return [`title: ${title}`];
  }
  if (title.length > 30 && rng.chance(0.03)) {
    // Double-quoted scalar continued at column 0: Psych accepts it, yaml@2 does not.
    bump(counts, 'titleColumn0Continuation');
    const words = title.split(' ');
    const half = Math.ceil(words.length / 2);
    return [`title: "${words.slice(0, half).join(' ').replace(/"/g, '')}`, `${words.slice(half).join(' ').replace(/"/g, '')}"`];
  }
  const r = rng.float();
  if (r < 0.55) return [`title: ${dq(title)}`];
  if (r < 0.7) return [`title: ${sq(title)}`];
  if (plainSafe(title) && !title.includes(': ')) return [`title: ${title}`];
  return [`title: ${dq(title)}`];
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Writes one post file; returns its size in bytes. */
function writePost(root: string, rel: string, text: string, rng: Rng, counts: Record<string, number>): number {
  let out = text;
  if (rng.chance(0.03)) {
    out = out.replace(/\n/g, '\r\n');
    bump(counts, 'crlf');
  }
  let buf = Buffer.from(out, 'utf8');
  if (rng.chance(0.02)) {
    buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]);
    bump(counts, 'bom');
  }
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, buf);
  return buf.length;
}

// ---------------------------------------------------------------- the site

/** Writes a synthetic site into `dir`, replacing whatever is there. */
export function generateSite(dir: string, opts: GenerateOptions): GenerateSummary {
  const rng = new Rng(opts.seed * 2654435761 + opts.posts);
  const counts: Record<string, number> = {};
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const w = (rel: string, text: string | Buffer): void => {
    const f = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
  };
  w('_config.yml', CONFIG);
  w('_layouts/default.html', LAYOUT_DEFAULT);
  w('_layouts/post.html', LAYOUT_POST);
  w('_layouts/page.html', LAYOUT_PAGE);
  w('_includes/figure.html', INCLUDE_FIGURE);
  w('_includes/author-box.html', INCLUDE_AUTHOR);
  w('_includes/youtube.html', INCLUDE_YOUTUBE);
  w('index.html', INDEX);
  w('assets/css/main.css', 'body { font-family: Georgia, serif; max-width: 40em; margin: auto; }\n');
  for (let i = 1; i <= IMAGES; i++) w(`assets/images/${i}.jpg`, TINY_JPEG);

  const tagZipf = new Zipf(TAG_BASE.length, 1.1);
  const plans: PostPlan[] = [];
  const usedNames = new Set<string>();
  let bytes = 0;
  let draftFiles = 0;
  let postFiles = 0;

  for (let i = 0; i < opts.posts; i++) {
    // Dates spread over 2008–2025, roughly increasing with i (as a real archive grows).
    const y = 2008 + Math.min(17, Math.floor((i / opts.posts) * 18));
    const m = rng.int(1, 12);
    const d = rng.int(1, 28);
    const title = titleText(rng);
    let slug = slugify(title).slice(0, 60).replace(/-$/, '') || 'post';
    let name = `${y}-${pad(m)}-${pad(d)}-${slug}`;
    if (rng.chance(0.02)) {
      name = `${y}-${m}-${d}-${slug}`; // non-padded filename date: still a post
      bump(counts, 'nonPaddedFilename');
    }
    if (usedNames.has(name)) {
      slug += `-${i}`;
      name += `-${i}`;
    }
    usedNames.add(name);

    let folder = '_posts';
    const rf = rng.float();
    if (rf < 0.25) folder = `_posts/${y}`;
    else if (rf < 0.3) folder = '_posts/archive';
    else if (rf < 0.33) folder = 'world/_posts'; // a folder above _posts: category "world"
    const ext = rng.chance(0.03) ? (rng.chance(0.5) ? '.markdown' : '.html') : '.md';

    // Duplicate URL: the same filename again in a year folder (categories and date equal).
    if (i > 10 && rng.chance(0.003)) {
      const earlier = plans[plans.length - 1 - rng.int(0, Math.min(10, plans.length - 1))]!;
      if (earlier.rel.startsWith('_posts/')) {
        const rel = `_posts/dup-${i}/${path.basename(earlier.rel)}`;
        fs.mkdirSync(path.join(tmp, path.dirname(rel)), { recursive: true });
        fs.copyFileSync(path.join(tmp, earlier.rel), path.join(tmp, rel));
        bytes += fs.statSync(path.join(tmp, rel)).size;
        postFiles++;
        bump(counts, 'duplicateUrl');
      }
    }

    const fm: string[] = [];
    if (rng.chance(0.1)) fm.push('layout: post');
    else if (rng.chance(0.01)) {
      fm.push('layout: article');
      bump(counts, 'unknownLayout');
    } else if (rng.chance(0.005)) fm.push('layout: null');
    fm.push(...titleLines(rng, title, counts));
    const dv = dateValue(rng, y, m, d, counts);
    if (dv !== undefined) fm.push(`date: ${dv}`);
    if (rng.chance(0.9)) {
      if (rng.chance(0.03)) {
        fm.push(`author: ${rng.pick(['badely', 'guest', 'J. Smith', 'newsdesk'])}`);
        bump(counts, 'unknownAuthor');
      } else fm.push(`author: ${rng.chance(0.3) ? dq(rng.pick(AUTHORS)) : rng.pick(AUTHORS)}`);
    }
    fm.push(...categoryLines(rng, counts));
    const tags: string[] = [];
    for (let k = rng.int(0, 6); k > 0; k--) {
      const t = tagVariant(rng, TAG_BASE[tagZipf.sample(rng)]!);
      if (!tags.includes(t)) tags.push(t);
    }
    fm.push(...tagLines(rng, tags, counts));
    if (rng.chance(0.6)) {
      if (rng.chance(0.01)) {
        fm.push(`image: assets/images/missing-${rng.int(1, 500)}.jpg`);
        bump(counts, 'missingImage');
      } else fm.push(`image: assets/images/${rng.int(1, IMAGES)}.jpg`);
    }
    if (rng.chance(0.3)) fm.push(`excerpt: ${dq(sentence(rng, 10, 25))}`);
    if (rng.chance(0.05)) fm.push('featured: true');
    if (rng.chance(0.05)) fm.push('toc: true');
    if (rng.chance(0.02)) fm.push(`rating: ${rng.int(1, 5)}`);
    if (rng.chance(0.02)) {
      fm.push('published: false');
      bump(counts, 'publishedFalse');
    } else if (rng.chance(0.003)) {
      fm.push(rng.chance(0.5) ? 'published: "false"' : 'published: flase');
      bump(counts, 'publishedFalseString');
    }
    if (rng.chance(0.01)) {
      fm.push(`title: ${dq(title + ' (updated)')}`); // duplicate key: last wins
      bump(counts, 'duplicateKey');
    }
    if (rng.chance(0.01)) {
      fm.push(`permalink: /${slug}/`);
      bump(counts, 'ownPermalink');
    }
    if (rng.chance(0.005)) {
      fm.push('render_with_liquid: false');
    }
    const close = rng.chance(0.02) ? '...' : '---';
    if (close === '...') bump(counts, 'dotsFence');

    const text = `---\n${fm.join('\n')}\n${close}\n\n${body(rng, bodyTarget(rng, counts), { earlier: plans, counts })}`;
    const rel = `${folder}/${name}${ext}`;
    bytes += writePost(tmp, rel, text, rng, counts);
    postFiles++;
    plans.push({ rel, name });

    // Now and then: a file in _posts that is not a post, or a draft.
    if (rng.chance(0.004)) {
      bytes += writePost(tmp, `_posts/notes-${i}.md`, `---\ntitle: Notes ${i}\n---\n\n${paragraph(rng)}\n`, rng, counts);
      postFiles++;
      bump(counts, 'notAPost');
    }
    if (rng.chance(0.01)) {
      const dt = `---\ntitle: ${dq(titleText(rng))}\nauthor: ${rng.pick(AUTHORS)}\n---\n\n${body(rng, 1500, { earlier: [], counts })}`;
      fs.mkdirSync(path.join(tmp, '_drafts'), { recursive: true });
      fs.writeFileSync(path.join(tmp, '_drafts', `${slug}-${i}.md`), dt);
      bytes += Buffer.byteLength(dt);
      draftFiles++;
    }
  }

  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  const summary: GenerateSummary = { dir, posts: opts.posts, seed: opts.seed, postFiles, draftFiles, bytes, counts: sorted };
  fs.writeFileSync(path.join(tmp, MARKER), JSON.stringify({ version: GENERATOR_VERSION, ...summary }, null, 2) + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.renameSync(tmp, dir);
  return summary;
}

/** The site at `dir`, generated only when it is absent or was made by another generator version. */
export function ensureSite(dir: string, opts: GenerateOptions): GenerateSummary & { generated: boolean } {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as GenerateSummary & { version: number };
    if (m.version === GENERATOR_VERSION && m.posts === opts.posts && m.seed === opts.seed) return { ...m, dir, generated: false };
  } catch {
    // absent or unreadable: generate
  }
  return { ...generateSite(dir, opts), generated: true };
}

// Only when run as its own script: esbuild also bundles this file into run.js, where require.main === module too.
if (require.main === module && /generate\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const args = process.argv.slice(2);
  const flag = (name: string, dflt: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const dir = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1]!.startsWith('--')));
  if (!dir) {
    console.error('usage: node out/bench/generate.js DIR [--posts N] [--seed S]');
    process.exit(2);
  }
  const t0 = process.hrtime.bigint();
  const s = generateSite(path.resolve(dir), { posts: flag('--posts', 1000), seed: flag('--seed', 1) });
  console.log(JSON.stringify({ ...s, ms: Number(process.hrtime.bigint() - t0) / 1e6 }, null, 2));
}
