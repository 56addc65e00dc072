/**
 * Fidelity of our Markdown stage (src/core/render/markdown.ts) against the
 * real kramdown of Jekyll 4.3.1 (test/conformance/kramdown-convert.rb), as
 * /work/shared/KRAMDOWN.md "How to measure" describes.
 *
 *   node esbuild.mjs && node out/test/conformance/kramdown.js
 *
 * Documents: every Markdown file (the site's `markdown_ext`) with front
 * matter that Jekyll reads as a post, draft, page or collection document, in
 * every site of ../shared/corpora/ (skipped, and said so, when absent),
 * examples/news-site and test/fixtures/*. The body after the front matter
 * (Jekyll's regex, src/core/frontMatter.ts) goes, without Liquid, through
 * kramdown (Jekyll's converter with the site's `kramdown:` config) and
 * through ours; both are normalized (parse5, sorted attributes and class
 * tokens, one escaping, whitespace between blocks dropped and collapsed
 * elsewhere outside <pre>, code blocks reduced to language + text, our
 * data-line attributes dropped) and compared as HTML and as visible text.
 *
 * Output: per site and overall, % of documents with equal normalized HTML,
 * with equal visible text, and median ms per document (ours, kramdown's);
 * then the differing documents grouped by kind. The kinds, with examples, are
 * written to test/conformance/KRAMDOWN_GAPS.md.
 * Exit 1 when overall HTML equality falls below HTML_THRESHOLD (or text
 * equality below TEXT_THRESHOLD), when a site of FULL_SITES is not at 100%,
 * or when Ruby fails. The "raw equal" column is stricter still: the HTML
 * strings are identical once our data-line attributes and the highlighting
 * markup of both sides are removed (no normalization).
 *
 * kramdown's output is cached in test/conformance/.cache/kramdown/, keyed by
 * the converter script, the site's kramdown settings and the body.
 * Environment:
 *   KRAMDOWN_NO_CACHE=1     always run Ruby (fresh kramdown timings)
 *   KRAMDOWN_SITES=a,b      only sites whose name contains one of these
 *   KRAMDOWN_DUMP=1         write both normalized sides of every differing
 *                           document to test/conformance/.cache/kramdown-diffs/
 *   KRAMDOWN_NO_GAPS_FILE=1 do not rewrite KRAMDOWN_GAPS.md
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { splitFrontMatter } from '../../src/core/frontMatter';
import { classify, listSiteFiles, loadSite } from '../../src/core/site';
import { stripBom } from '../../src/core/text';
import { kramdownOptions, renderMarkdown } from '../../src/core/render/markdown';
import { nodeFs } from '../../src/node/nodeFs';
import { repoRoot, sharedDir } from '../util/paths';

/**
 * Overall equal-HTML share below which the run fails: reached 100% (422
 * documents), minus a one-point margin for fixture posts other work adds.
 */
export const HTML_THRESHOLD = 0.99;
/** Overall equal-text share below which the run fails (reached 100%, minus half a point). */
export const TEXT_THRESHOLD = 0.995;
/** Sites that must stay at 100% equal HTML (the issue's target). */
export const FULL_SITES = ['news-site', 'jekyll-docs'];

// ---------------------------------------------------------------------------
// Documents

export interface Doc {
  site: string;
  /** Path relative to the site root. */
  rel: string;
  body: string;
  /** 0-based line of the post where the body starts. */
  lineOffset: number;
  config: Record<string, unknown>;
}

export interface SiteDocs {
  name: string;
  dir: string;
  config: Record<string, unknown>;
  docs: Doc[];
}

/** The sites to measure: corpora (when ../shared is there), the sample site, the fixtures. */
export function siteDirs(): { sites: Array<{ name: string; dir: string }>; skipped: string[] } {
  const root = repoRoot();
  const sites: Array<{ name: string; dir: string }> = [];
  const skipped: string[] = [];
  const shared = sharedDir();
  const corpora = shared ? path.join(shared, 'corpora') : undefined;
  if (corpora && fs.existsSync(corpora)) {
    for (const n of fs.readdirSync(corpora).sort()) {
      const d = path.join(corpora, n);
      if (fs.statSync(d).isDirectory()) sites.push({ name: n, dir: d });
    }
  } else {
    skipped.push('../shared/corpora (not present)');
  }
  const news = path.join(root, 'examples', 'news-site');
  if (fs.existsSync(news)) sites.push({ name: 'news-site', dir: news });
  const fixtures = path.join(root, 'test', 'fixtures');
  if (fs.existsSync(fixtures)) {
    for (const n of fs.readdirSync(fixtures).sort()) {
      const d = path.join(fixtures, n);
      if (fs.statSync(d).isDirectory()) sites.push({ name: 'fixtures/' + n, dir: d });
    }
  }
  const only = process.env.KRAMDOWN_SITES?.split(',').filter(Boolean);
  return { sites: only ? sites.filter((s) => only.some((o) => s.name.includes(o))) : sites, skipped };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Every Markdown document with front matter Jekyll reads in one site. */
export async function collectDocs(name: string, dir: string): Promise<SiteDocs> {
  const site = await loadSite(nodeFs, dir);
  const exts = new Set(site.config.markdownExt.map((e) => '.' + e));
  const docs: Doc[] = [];
  for (const file of await listSiteFiles(nodeFs, site)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    if (!exts.has(path.extname(rel).toLowerCase())) continue;
    const cls = classify(site, rel);
    if (!cls || (cls.kind === 'post' && !cls.postName)) continue;
    let text: string;
    try {
      text = utf8.decode(fs.readFileSync(file));
    } catch {
      continue; // Jekyll cannot read it either
    }
    text = stripBom(text).text;
    const split = splitFrontMatter(text);
    if (!split) continue;
    const head = text.slice(0, split.bodyStart);
    let lineOffset = 0;
    for (let i = 0; i < head.length; i++) if (head.charCodeAt(i) === 10) lineOffset++;
    docs.push({ site: name, rel, body: text.slice(split.bodyStart), lineOffset, config: site.config.raw });
  }
  return { name, dir, config: site.config.raw, docs };
}

// ---------------------------------------------------------------------------
// kramdown (Ruby), cached

export interface KramdownResult {
  html?: string;
  error?: string;
  ms?: number;
}

const SCRIPT = path.join(repoRoot(), 'test', 'conformance', 'kramdown-convert.rb');
const CACHE = path.join(repoRoot(), 'test', 'conformance', '.cache', 'kramdown');

function cacheKey(site: SiteDocs, body: string): string {
  const h = createHash('sha256');
  h.update(fs.readFileSync(SCRIPT));
  h.update('\0' + JSON.stringify([site.config.kramdown ?? null, site.config.highlighter ?? null, site.config.markdown ?? null]));
  h.update('\0' + body);
  return h.digest('hex');
}

/**
 * kramdown's HTML for every document (one Ruby process for all that are not
 * cached). `fresh`: ignore the cache (for timings from this run).
 */
export function runKramdown(sites: SiteDocs[], fresh: boolean): Map<Doc, KramdownResult> {
  const out = new Map<Doc, KramdownResult>();
  const request: Array<{ dir: string; items: Array<{ id: string; body: string }> }> = [];
  const pending = new Map<string, Doc[]>();
  fs.mkdirSync(CACHE, { recursive: true });
  for (const site of sites) {
    const items: Array<{ id: string; body: string }> = [];
    for (const doc of site.docs) {
      const key = cacheKey(site, doc.body);
      const file = path.join(CACHE, key + '.json');
      if (!fresh && fs.existsSync(file)) {
        out.set(doc, JSON.parse(fs.readFileSync(file, 'utf8')) as KramdownResult);
        continue;
      }
      if (!pending.has(key)) {
        pending.set(key, []);
        items.push({ id: key, body: doc.body });
      }
      pending.get(key)!.push(doc);
    }
    if (items.length > 0) request.push({ dir: site.dir, items });
  }
  if (request.length === 0) return out;
  const r = spawnSync('ruby', [SCRIPT], { input: JSON.stringify({ sites: request }), encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) {
    throw new Error(`kramdown-convert.rb failed (status ${r.status}): ${r.stderr}`);
  }
  const res = JSON.parse(r.stdout) as { results: Array<KramdownResult & { id: string }> };
  for (const item of res.results) {
    const { id, ...result } = item;
    fs.writeFileSync(path.join(CACHE, id + '.json'), JSON.stringify(result));
    for (const doc of pending.get(id) ?? []) out.set(doc, result);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Normalization

type Node = DefaultTreeAdapterMap['node'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];
type TextNode = DefaultTreeAdapterMap['textNode'];

const BLOCK = new Set(
  ('address article aside blockquote body canvas caption center col colgroup dd details dialog div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe li main nav noscript ol ' +
    'p pre section script style summary table tbody td tfoot th thead tr ul video audio math x-code').split(' '),
);
const VOID = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const PRESERVE = new Set(['pre', 'textarea', 'script', 'style', 'x-code', 'plaintext', 'xmp']);

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}
function isText(n: Node): n is TextNode {
  return n.nodeName === '#text';
}
function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}
function classes(el: Element): string[] {
  return (attr(el, 'class') ?? '').split(/\s+/).filter(Boolean);
}
function textOf(n: Node): string {
  if (isText(n)) return n.value;
  if ('childNodes' in n) return n.childNodes.map(textOf).join('');
  return '';
}
function find(n: Node, pred: (e: Element) => boolean): Element | undefined {
  if (isElement(n) && pred(n)) return n;
  if ('childNodes' in n) {
    for (const c of n.childNodes) {
      const f = find(c, pred);
      if (f) return f;
    }
  }
  return undefined;
}

/** A code block reduced to language + text: `<x-code lang kind …attrs>text</x-code>`. */
function codeBlock(el: Element): Element | undefined {
  const mk = (lang: string, kind: string, text: string, from: Element, drop: (name: string, v: string) => string | undefined): Element => {
    const attrs: Element['attrs'] = [
      { name: 'lang', value: lang },
      { name: 'kind', value: kind },
    ];
    for (const a of from.attrs) {
      const v = drop(a.name, a.value);
      if (v !== undefined && v !== '') attrs.push({ name: a.name, value: v });
    }
    const t: TextNode = { nodeName: '#text', value: text.replace(/\n+$/, ''), parentNode: null };
    const x: Element = { nodeName: 'x-code', tagName: 'x-code', attrs, childNodes: [t], namespaceURI: el.namespaceURI, parentNode: el.parentNode, sourceCodeLocation: undefined };
    t.parentNode = x;
    return x;
  };
  if (el.tagName === 'div' && classes(el).includes('highlighter-rouge')) {
    const lang = classes(el).find((c) => c.startsWith('language-'))?.slice(9) ?? '';
    const codeTd = find(el, (e) => e.tagName === 'td' && (classes(e).includes('rouge-code') || classes(e).includes('code')));
    const pre = codeTd ? find(codeTd, (e) => e.tagName === 'pre') : find(el, (e) => e.tagName === 'pre');
    if (!pre) return undefined;
    return mk(lang, 'rouge', textOf(pre), el, (n, v) =>
      n === 'class' ? v.split(/\s+/).filter((c) => c !== 'highlighter-rouge' && !c.startsWith('language-')).join(' ') : v,
    );
  }
  if (el.tagName === 'pre') {
    const kids = el.childNodes.filter((c) => !(isText(c) && c.value === ''));
    const code = kids.length === 1 && isElement(kids[0]!) && kids[0].tagName === 'code' ? kids[0] : undefined;
    if (!code) return undefined;
    const lang = classes(code).find((c) => c.startsWith('language-'))?.slice(9) ?? '';
    return mk(lang, 'plain', textOf(code), el, (_n, v) => v);
  }
  return undefined;
}

function reduceCode(parent: ParentNode): void {
  const kids = parent.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (!isElement(k)) continue;
    if (k.tagName === 'code' && classes(k).includes('highlighter-rouge')) {
      // A highlighted code span: Rouge's spans dropped, text kept.
      const t: TextNode = { nodeName: '#text', value: textOf(k), parentNode: k };
      k.childNodes = [t];
      continue;
    }
    const c = codeBlock(k);
    if (c) kids[i] = c;
    else reduceCode(k.tagName === 'template' ? (k as DefaultTreeAdapterMap['template']).content : k);
  }
}

function escText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}
function escAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\u00a0/g, '&nbsp;');
}

function isBlockNode(n: Node | undefined): boolean {
  return !!n && isElement(n) && BLOCK.has(n.tagName);
}

function serialize(parent: ParentNode, inPre: boolean, parentIsBlock: boolean): string {
  const kids = parent.childNodes;
  let out = '';
  for (let i = 0; i < kids.length; i++) {
    const n = kids[i]!;
    if (isText(n)) {
      let v = n.value;
      if (!inPre) {
        v = v.replace(/[ \t\n\r\f]+/g, ' ');
        if ((i === 0 && parentIsBlock) || isBlockNode(kids[i - 1])) v = v.replace(/^ /, '');
        if ((i === kids.length - 1 && parentIsBlock) || isBlockNode(kids[i + 1])) v = v.replace(/ $/, '');
      }
      out += escText(v);
    } else if (n.nodeName === '#comment') {
      out += `<!--${(n as DefaultTreeAdapterMap['commentNode']).data}-->`;
    } else if (isElement(n)) {
      const attrs = n.attrs
        .filter((a) => a.name !== 'data-line')
        .map((a) => (a.name === 'class' ? { name: a.name, value: a.value.split(/\s+/).filter(Boolean).sort().join(' ') } : a))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((a) => ` ${a.name}="${escAttr(a.value)}"`)
        .join('');
      out += `<${n.tagName}${attrs}>`;
      if (VOID.has(n.tagName)) continue;
      const content = n.tagName === 'template' ? (n as DefaultTreeAdapterMap['template']).content : n;
      out += serialize(content, inPre || PRESERVE.has(n.tagName), BLOCK.has(n.tagName));
      out += `</${n.tagName}>`;
    }
  }
  return out;
}

function visible(parent: ParentNode): string {
  let out = '';
  for (const n of parent.childNodes) {
    if (isText(n)) out += n.value;
    else if (isElement(n)) {
      const block = BLOCK.has(n.tagName) || n.tagName === 'br';
      if (block) out += ' ';
      out += visible(n.tagName === 'template' ? (n as DefaultTreeAdapterMap['template']).content : n);
      if (block) out += ' ';
    }
  }
  return out;
}

export interface Normalized {
  html: string;
  text: string;
}

/** The normalized form of one side (see the header). */
export function normalize(html: string): Normalized {
  const frag = parseFragment(html);
  reduceCode(frag);
  return {
    html: serialize(frag, false, true),
    text: visible(frag).replace(/[ \t\n\r\f]+/g, ' ').trim(),
  };
}

// ---------------------------------------------------------------------------
// Kinds of differences

/** The top-level blocks of a normalized fragment (as serialized strings). */
function topBlocks(html: string): string[] {
  const frag = parseFragment(html);
  return frag.childNodes.map((n) => serialize({ ...frag, childNodes: [n] }, false, true)).filter((s) => s.trim() !== '');
}

const MARKUP = /[*_`[\]()~!<>\\]|&lt;|&gt;/g;
const TYPO = /[\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb'"]|--|\.\.\.|<<|>>/g;

/** A short label for the first differing block: what kind of construct differs. */
export function differenceKind(ours: string, theirs: string): { kind: string; ours: string; theirs: string } {
  const a = topBlocks(ours);
  const b = topBlocks(theirs);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const x = a[i] ?? '';
  const y = b[i] ?? '';
  const tag = (s: string): string => /^<([a-z0-9-]+)/.exec(s)?.[1] ?? (s ? 'text' : 'nothing');
  const tx = tag(x);
  const ty = tag(y);
  let kind: string;
  const stripTags = (s: string): string => s.replace(/<[^>]*>/g, '');
  if (tx !== ty) kind = `block structure: ${tx} (ours) vs ${ty} (kramdown)`;
  else if (x.replace(/ id="[^"]*"/g, '') === y.replace(/ id="[^"]*"/g, '')) kind = `ids: <${tx}>`;
  else if (stripTags(x) === stripTags(y)) kind = `inline markup in <${tx}>`;
  else if (stripTags(x).replace(TYPO, '') === stripTags(y).replace(TYPO, '')) kind = `typography (quotes, dashes) in <${tx}>`;
  else if (stripTags(x).replace(MARKUP, '') === stripTags(y).replace(MARKUP, '')) kind = `inline markup (emphasis, links, code) in <${tx}>`;
  else kind = `text in <${tx}>`;
  return { kind, ours: clip(x, y).a, theirs: clip(x, y).b };
}

/** The neighbourhood of the first differing character of a and b. */
function clip(a: string, b: string): { a: string; b: string } {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  const from = Math.max(0, p - 80);
  const cut = (s: string): string => (from > 0 ? '…' : '') + s.slice(from, p + 120) + (s.length > p + 120 ? '…' : '');
  return { a: cut(a), b: cut(b) };
}

// ---------------------------------------------------------------------------
// Main

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function pct(n: number, d: number): string {
  return d === 0 ? '   -  ' : ((100 * n) / d).toFixed(1).padStart(5) + '%';
}

/** Our HTML and per-document time (median of a few runs after a warm-up). */
export function renderOurs(doc: Doc, runs = 3): { html: string; ms: number } {
  const options = kramdownOptions(doc.config);
  let html = renderMarkdown(doc.body, options, { lineOffset: doc.lineOffset });
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    html = renderMarkdown(doc.body, options, { lineOffset: doc.lineOffset });
    times.push(performance.now() - t0);
  }
  return { html, ms: median(times) };
}

/**
 * Both sides without highlighting markup (Rouge's token spans and line-number
 * tables on kramdown's side, our highlight.ts spans on ours, removed the same
 * way: the text and escaping inside must then be identical); ours without data-line.
 */
export function rawComparable(html: string, side: 'ours' | 'kramdown'): string {
  const withoutSpans = (s: string): string =>
    s
      .replace(/(<pre class="highlight"><code>)([\s\S]*?)(<\/code><\/pre>)/g, (_m, a: string, b: string, c: string) => a + b.replace(/<\/?span[^>]*>/g, '') + c)
      .replace(/(<code class="[^"]*highlighter-rouge">)([\s\S]*?)(<\/code>)/g, (_m, a: string, b: string, c: string) => a + b.replace(/<\/?span[^>]*>/g, '') + c);
  if (side === 'ours') return withoutSpans(html.replace(/ data-line="\d+"/g, ''));
  return withoutSpans(
    html.replace(/<table class="rouge-table"><tbody><tr><td class="rouge-gutter gl"><pre class="lineno">[\s\S]*?<\/pre><\/td><td class="rouge-code"><pre>([\s\S]*?)<\/pre><\/td><\/tr><\/tbody><\/table>/g, '$1'),
  );
}

interface Outcome {
  doc: Doc;
  rawEqual?: boolean;
  htmlEqual: boolean;
  textEqual: boolean;
  oursMs: number;
  kramdownMs?: number;
  kind?: string;
  ours?: string;
  theirs?: string;
  error?: string;
}

async function main(): Promise<number> {
  const { sites: dirs, skipped } = siteDirs();
  for (const s of skipped) console.log(`skipped: ${s}`);
  const sites: SiteDocs[] = [];
  for (const s of dirs) sites.push(await collectDocs(s.name, s.dir));
  const fresh = process.env.KRAMDOWN_NO_CACHE === '1';
  let reference: Map<Doc, KramdownResult>;
  try {
    reference = runKramdown(sites, fresh);
  } catch (e) {
    console.error(String(e));
    return 1;
  }
  const dump = process.env.KRAMDOWN_DUMP === '1' ? path.join(repoRoot(), 'test', 'conformance', '.cache', 'kramdown-diffs') : undefined;
  if (dump) fs.rmSync(dump, { recursive: true, force: true });

  const outcomes: Outcome[] = [];
  for (const site of sites) {
    for (const doc of site.docs) {
      const ref = reference.get(doc);
      const ours = renderOurs(doc);
      if (!ref || ref.html === undefined) {
        outcomes.push({ doc, htmlEqual: false, textEqual: false, oursMs: ours.ms, error: ref?.error ?? 'no kramdown result' });
        continue;
      }
      const a = normalize(ours.html);
      const b = normalize(ref.html);
      const o: Outcome = {
        doc,
        rawEqual: rawComparable(ours.html, 'ours') === rawComparable(ref.html, 'kramdown'),
        htmlEqual: a.html === b.html,
        textEqual: a.text === b.text,
        oursMs: ours.ms,
        kramdownMs: ref.ms,
      };
      if (!o.htmlEqual) {
        const d = differenceKind(a.html, b.html);
        o.kind = d.kind;
        o.ours = d.ours;
        o.theirs = d.theirs;
        if (dump) {
          const base = path.join(dump, site.name, doc.rel);
          fs.mkdirSync(path.dirname(base), { recursive: true });
          fs.writeFileSync(base + '.ours.html', a.html.replace(/(<\/(?:p|h\d|li|div|pre|x-code|table|tr|ul|ol|dl|dd|dt|blockquote)>)/g, '$1\n'));
          fs.writeFileSync(base + '.kramdown.html', b.html.replace(/(<\/(?:p|h\d|li|div|pre|x-code|table|tr|ul|ol|dl|dd|dt|blockquote)>)/g, '$1\n'));
        }
      }
      outcomes.push(o);
    }
  }

  // Per site and overall.
  const rows: string[][] = [['site', 'docs', 'HTML equal', 'text equal', 'raw equal', 'ours ms', 'kramdown ms']];
  const line = (name: string, os: Outcome[]): string[] => [
    name,
    String(os.length),
    pct(os.filter((o) => o.htmlEqual).length, os.length),
    pct(os.filter((o) => o.textEqual).length, os.length),
    pct(os.filter((o) => o.rawEqual).length, os.length),
    median(os.map((o) => o.oursMs)).toFixed(3),
    median(os.filter((o) => o.kramdownMs !== undefined).map((o) => o.kramdownMs!)).toFixed(3),
  ];
  for (const site of sites) rows.push(line(site.name, outcomes.filter((o) => o.doc.site === site.name)));
  rows.push(line('overall', outcomes));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  '));
  console.log(table.join('\n'));
  if (fresh) console.log('(kramdown timings from this run)');
  else console.log('(kramdown timings from when its output was cached; KRAMDOWN_NO_CACHE=1 for this run)');

  // Differences by kind.
  const byKind = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (o.htmlEqual) continue;
    const k = o.error ? 'kramdown error: ' + o.error.split(':')[0] : o.kind!;
    if (!byKind.has(k)) byKind.set(k, []);
    byKind.get(k)!.push(o);
  }
  const kinds = [...byKind.entries()].sort((p, q) => q[1].length - p[1].length || (p[0] < q[0] ? -1 : 1));
  if (kinds.length > 0) console.log('\nDiffering documents by kind (first differing block):');
  for (const [k, os] of kinds) {
    console.log(`  ${k} (${os.length})`);
    for (const o of os) console.log(`    ${o.doc.site}/${o.doc.rel}${o.textEqual ? '' : '  [text differs]'}`);
  }

  const total = outcomes.length;
  const htmlShare = outcomes.filter((o) => o.htmlEqual).length / Math.max(1, total);
  const textShare = outcomes.filter((o) => o.textEqual).length / Math.max(1, total);
  if (process.env.KRAMDOWN_NO_GAPS_FILE !== '1' && !process.env.KRAMDOWN_SITES) {
    writeGaps(table, kinds, skipped);
  }
  const notFull = FULL_SITES.filter((n) => outcomes.some((o) => o.doc.site === n && !o.htmlEqual));
  const ok = htmlShare >= HTML_THRESHOLD && textShare >= TEXT_THRESHOLD && notFull.length === 0;
  console.log(
    `\n${ok ? 'PASS' : 'FAIL'}: HTML ${(100 * htmlShare).toFixed(1)}% (threshold ${(100 * HTML_THRESHOLD).toFixed(1)}%), ` +
      `text ${(100 * textShare).toFixed(1)}% (threshold ${(100 * TEXT_THRESHOLD).toFixed(1)}%)` +
      (notFull.length ? `; not at 100%: ${notFull.join(', ')}` : `; 100% on ${FULL_SITES.join(', ')}`),
  );
  return ok ? 0 : 1;
}

/** What we know differs from kramdown although no document here shows it (kept in KRAMDOWN_GAPS.md). */
const KNOWN_DIVERGENCES = [
  '## Known divergences not seen in these documents',
  '',
  'The renderer is a port of kramdown 2.4 / kramdown-parser-gfm 1.1 (src/core/render/kramdown/).',
  'Beyond the documents above it was compared with the real converter on kramdown\'s own test',
  'inputs, on ~960 README/documentation Markdown files found on the machine and on over 40,000',
  'generated documents; what still differs, or is not implemented:',
  '',
  '- **Highlighting**: token spans come from highlight.js grammars with Rouge\'s class names (src/core/render/highlight.ts),',
  '  not from Rouge, so the normalizer drops the spans on both sides (the text and its escaping must match);',
  '  no line-number tables. `guess` as a language and Rouge lexer options (`ruby?opt=1`) are only recognized, not applied.',
  '- **Runaway input**: kramdown retries every unmatched `*`, `_`, `[` or inline HTML tag from',
  '  scratch (quadratic or worse: a 32 KB paragraph of unmatched `*` takes it over two minutes). Past',
  '  a work budget per paragraph (10 parser steps per character) we leave the remaining delimiters as',
  '  text; span elements nested over 100 deep and blocks nested over 40 deep are not parsed either.',
  '- **Broken inline HTML across blocks**: an unclosed `<b>` before a block makes the HTML parser',
  '  reopen it; where that depends on whitespace, our indentation equals kramdown\'s in the cases',
  '  checked, but not every converter path was reproduced byte for byte.',
  '- **Options not implemented**: `entity_output` other than `as_char`, `typographic_symbols`,',
  '  `transliterated_header_ids`, `remove_line_breaks_for_cjk`, `footnote_backlink_inline` (approximate),',
  '  `{::options}` other than `parse_block_html`/`parse_span_html`, `{: standalone}` figures, `auto_ids`',
  '  IAL references on definition lists, math engines other than MathJax (rendered as MathJax).',
  '- **Regular expressions**: Ruby\'s atomic groups in the HTML tag pattern are plain groups here, and',
  '  Onigmo\'s Unicode classes (`[[:alpha:]]`, `\\p{Word}`) are approximated with JavaScript\'s',
  '  `\\p{Alphabetic}` etc.; abbreviation word boundaries follow kramdown\'s ASCII `\\W` only approximately.',
  '- **parse_table\'s pipe check** parses HTML inside a table without the link definitions seen so far.',
  '',
];

function writeGaps(table: string[], kinds: Array<[string, Outcome[]]>, skipped: string[]): void {
  const md: string[] = [
    '# kramdown fidelity: remaining differences',
    '',
    'Written by `node out/test/conformance/kramdown.js` (test/conformance/kramdown.ts): our',
    'Markdown stage (src/core/render/markdown.ts) against Jekyll 4.3.1\'s kramdown on',
    'every Markdown document of the corpora, the sample site and the fixtures, both',
    'normalized as /work/shared/KRAMDOWN.md describes. Liquid is not run on either side.',
    `The run fails below ${(100 * HTML_THRESHOLD).toFixed(1)}% equal HTML or ${(100 * TEXT_THRESHOLD).toFixed(1)}% equal text overall,`,
    `or when ${FULL_SITES.join(' or ')} is not at 100%. "raw equal": identical HTML strings once our`,
    'data-line attributes and both sides\' highlighting markup are removed (no normalization at all).',
    '',
    '```',
    ...table,
    '```',
    '',
  ];
  if (skipped.length) md.push(`Skipped: ${skipped.join(', ')}.`, '');
  md.push('## Differences by kind', '', 'Each document is counted once, under the kind of its first differing block.', '');
  if (kinds.length === 0) md.push('None.', '');
  for (const [k, os] of kinds) {
    md.push(`### ${k} — ${os.length} document${os.length === 1 ? '' : 's'}`, '');
    for (const o of os) md.push(`- \`${o.doc.site}/${o.doc.rel}\`${o.textEqual ? '' : ' (visible text differs too)'}`);
    const ex = os.find((o) => o.ours !== undefined);
    if (ex) {
      md.push('', 'Example (' + ex.doc.rel + '):', '', '```html', 'ours:     ' + ex.ours, 'kramdown: ' + ex.theirs, '```');
    }
    md.push('');
  }
  md.push(...KNOWN_DIVERGENCES);
  fs.writeFileSync(path.join(repoRoot(), 'test', 'conformance', 'KRAMDOWN_GAPS.md'), md.join('\n'));
}

// Only when run as out/test/conformance/kramdown.js (bench/markdown.ts bundles this file too).
if (require.main === module && /kramdown\.js$/.test(process.argv[1] ?? '')) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
