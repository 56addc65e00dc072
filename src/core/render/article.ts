/**
 * A post as the preview shows it: Liquid first, then Markdown (kramdown-
 * compatible; `.html` posts are Liquid only), with `data-line` on blocks
 * pointing at lines of the whole file, and the header card — what the site
 * will publish about the post (title, date in the site's zone, author from
 * the site's author data, taxonomy, image, URL, whether it is published).
 */
import type { PostInfo } from '../post';
import { editorPost } from '../postText';
import { joinPath, relativePath } from '../siteFs';
import type { SiteIndex } from '../siteIndex';
import { fieldsAt, formatOffset, formatRubyTime } from '../timezone';
import { isRecord } from '../yamlValue';
import { absoluteUrl, rubyToS, xmlEscape } from './jekyllFilters';
import { replaceMarkers, type JekyllLiquid, type Marker } from './liquid';
import { kramdownOptions, renderMarkdown } from './markdown';

export interface CardAuthor {
  key: string;
  /** Display name from the author data (the key when there is none). */
  name: string;
  /** As written in the author data (a site path or a URL). */
  avatar: string | undefined;
  /** false: the site keeps author data and this key is not in it; undefined: the site keeps none. */
  found: boolean | undefined;
}

export type PublishState = 'unpublished' | 'future' | 'draft';

export interface HeaderCard {
  title: string;
  /** `2025-08-19 15:46 +0100`: the date in the site's zone, as Jekyll reads it. */
  date: string;
  /** Ruby's Time#to_s, with seconds. */
  dateFull: string;
  /** ISO 8601 with offset, for `<time datetime>`. */
  dateIso: string;
  authors: CardAuthor[];
  categories: string[];
  tags: string[];
  /** The front-matter `image` (path or URL as written). */
  image: string | undefined;
  /** The post's URL on the site (absolute when the site has `url:`). */
  url: string | undefined;
  states: PublishState[];
  /** The post's problems (diagnostics), when known. */
  problems: number | undefined;
}

export interface Article {
  kind: 'markdown' | 'html';
  card: HeaderCard;
  /** The body: HTML with `data-line` markers (file lines, 0-based) and Liquid markers made visible. */
  html: string;
  markers: Marker[];
  /** 0-based line where the body starts. */
  bodyLine: number;
  /** Absolute path of the post. */
  path: string;
  /** The post as Jekyll reads it (for the layouts' `page`). */
  info: PostInfo;
}

export interface ArticleInput {
  /** Absolute, '/'-separated path of the post. */
  path: string;
  /** The post's text (an editor's, unsaved changes included). */
  text: string;
  nowMs: number;
  /** Problem count for the card. */
  problems?: number;
}

function isMarkdownPath(index: SiteIndex, path: string): boolean {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return index.site.config.markdownExt.includes(ext);
}

/** The authors a post names (`author:` a key or a list, `authors:` a list). */
function authorKeys(data: Record<string, unknown>): string[] {
  const raw = data.author ?? data.authors;
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === '' ? [] : [raw];
  return list.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
}

function frontImage(data: Record<string, unknown>): string | undefined {
  const img = data.image;
  if (typeof img === 'string' && img !== '') return img;
  if (isRecord(img)) for (const k of ['path', 'feature', 'url', 'src']) if (typeof img[k] === 'string') return img[k];
  return undefined;
}

/** Renders a post for the preview; undefined when the file is not a post or draft of the site. */
export async function renderArticle(index: SiteIndex, liquid: JekyllLiquid, input: ArticleInput): Promise<Article | undefined> {
  const post = editorPost(index, input.path, input.text, input.nowMs);
  if (!post?.info) return undefined;
  const { doc, info } = post;
  const split = doc.frontMatter?.split;
  const bodyStart = split?.bodyStart ?? 0;
  const bodyLine = doc.lines.positionAt(bodyStart).line;
  const body = doc.text.slice(bodyStart);
  const markdown = isMarkdownPath(index, input.path);
  const config = index.site.config;

  let text = body;
  let markers: Marker[] = [];
  let sourceLine = (l: number): number => bodyLine + l;
  if (info.data.render_with_liquid !== false) {
    const out = await liquid.render({ path: input.path, text: body, startLine: bodyLine, info });
    text = out.text;
    markers = out.markers;
    sourceLine = (l) => out.sourceLine(l);
  }
  let html: string;
  if (markdown) {
    html = renderMarkdown(text, kramdownOptions(config.raw), { sourceLine });
  } else html = text;
  html = replaceMarkers(html, markers);

  const f = fieldsAt(info.date);
  const p = (n: number): string => String(n).padStart(2, '0');
  const authors: CardAuthor[] = authorKeys(info.data).map((key) => {
    if (!index.authors) return { key, name: key, avatar: undefined, found: undefined };
    const a = index.authors.get(key);
    if (!a) return { key, name: key, avatar: undefined, found: false };
    const avatar = ['avatar', 'image', 'picture'].map((k) => a.data[k]).find((v): v is string => typeof v === 'string' && v !== '');
    return { key, name: a.name ?? key, avatar, found: true };
  });
  const states: PublishState[] = [];
  if (!info.published) states.push('unpublished');
  if (info.future && !config.future) states.push('future');
  if (info.draft) states.push('draft');
  const siteUrl = typeof config.raw.url === 'string' ? config.raw.url : '';
  const card: HeaderCard = {
    title: info.title,
    date: `${f.year}-${p(f.month)}-${p(f.day)} ${p(f.hour)}:${p(f.minute)} ${formatOffset(info.date.offset)}`,
    dateFull: formatRubyTime(info.date),
    dateIso: `${f.year}-${p(f.month)}-${p(f.day)}T${p(f.hour)}:${p(f.minute)}:${p(f.second)}${formatOffset(info.date.offset, true)}`,
    authors,
    categories: info.categories,
    tags: info.tags.map(rubyToS),
    image: frontImage(info.data),
    url: info.url === undefined ? undefined : absoluteUrl(info.url, siteUrl, config.baseurl),
    states,
    problems: input.problems,
  };
  return { kind: markdown ? 'markdown' : 'html', card, html, markers, bodyLine, path: input.path, info };
}

/** Maps a URL found in a post to the site file it names, when it names one (`/assets/x.png`, `{{ site.baseurl }}/…`, paths relative to the post). */
export function siteFileFor(index: SiteIndex, postPath: string, url: string): string | undefined {
  if (url === '' || url.startsWith('#') || url.startsWith('//') || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url)) {
    const siteUrl = typeof index.site.config.raw.url === 'string' ? index.site.config.raw.url.replace(/\/$/, '') : '';
    if (siteUrl && url.startsWith(siteUrl + '/')) return siteFileFor(index, postPath, url.slice(siteUrl.length));
    return undefined;
  }
  const clean = (() => {
    try {
      return decodeURI(url.replace(/[?#].*$/, ''));
    } catch {
      return url.replace(/[?#].*$/, '');
    }
  })();
  const root = index.site.root;
  const candidates: string[] = [];
  if (clean.startsWith('/')) {
    const base = index.site.config.baseurl.replace(/\/$/, '');
    if (base && (clean === base || clean.startsWith(base + '/'))) candidates.push(clean.slice(base.length));
    candidates.push(clean);
  } else {
    const dir = postPath.slice(0, postPath.lastIndexOf('/'));
    candidates.push(relativePath(root, joinPath(dir, clean)) ?? '', clean);
  }
  for (const c of candidates) {
    const rel = relativePath(root, joinPath(root, c));
    if (rel !== undefined && rel !== '' && index.files.has(rel)) return rel;
  }
  // Not (yet) a file: the first reading, so the preview still shows where it points.
  const first = relativePath(root, joinPath(root, candidates[0] ?? ''));
  return first === '' ? undefined : first;
}

/** The post a site URL is the page of (for links between posts). */
export function postForUrl(index: SiteIndex, url: string): string | undefined {
  const siteUrl = typeof index.site.config.raw.url === 'string' ? index.site.config.raw.url.replace(/\/$/, '') : '';
  let u = url.replace(/[?#].*$/, '');
  if (siteUrl && u.startsWith(siteUrl + '/')) u = u.slice(siteUrl.length);
  if (!u.startsWith('/')) return undefined;
  const base = index.site.config.baseurl.replace(/\/$/, '');
  if (base && u.startsWith(base + '/')) u = u.slice(base.length);
  for (const candidate of [u, u.endsWith('/') ? u : u + '.html', u.replace(/\.html$/, '')]) {
    const hit = index.urls.get(candidate);
    if (hit && hit.size > 0) return [...hit][0];
  }
  return undefined;
}

function esc(s: string): string {
  return xmlEscape(s).replace(/&apos;/g, '&#39;');
}

const STATE_LABEL: Record<PublishState, string> = {
  unpublished: 'Not published (published: false)',
  future: 'Dated in the future: Jekyll skips it until then',
  draft: 'Draft: not published until it moves to _posts',
};

/** Rewrites `src`/`srcset`/`poster` URLs of media elements (e.g. to webview URIs); `map` returns undefined to keep one. */
export function mapMediaUrls(html: string, map: (url: string) => string | undefined): string {
  return html.replace(/<(img|source|video|audio|track|image|input)\b[^>]*>/gi, (tag) =>
    tag.replace(/(\s(?:src|poster|href|xlink:href|srcset)\s*=\s*)("([^"]*)"|'([^']*)'|([^\s>"']+))/gi, (whole, pre: string, _v: string, dq?: string, sq?: string, bare?: string) => {
      const value = dq ?? sq ?? bare ?? '';
      const isSrcset = /srcset/i.test(pre);
      const mapped = isSrcset
        ? value
            .split(',')
            .map((part) => {
              const [u, ...rest] = part.trim().split(/\s+/);
              return [u ? (map(decodeEntities(u)) ?? u) : '', ...rest].join(' ');
            })
            .join(', ')
        : map(decodeEntities(value));
      return mapped === undefined ? whole : `${pre}"${esc(mapped)}"`;
    }),
  );
}

/** Decodes the entities an attribute value may hold that matter for a URL. */
export function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

export interface ArticleHtmlOptions {
  /** Maps an image URL of the post (or the card) to what the page should load; undefined keeps it. */
  mapUrl?: (url: string) => string | undefined;
  /** One-line notes shown in the card (e.g. why the site style could not be used). */
  notices?: readonly string[];
}

/** The card's publish states and problem count (a link to the Problems view), as inline elements. */
export function cardStatusHtml(c: HeaderCard): string {
  const states = c.states.map((s) => `<span class="jekyll-card-state jekyll-card-state-${s}" title="${esc(STATE_LABEL[s])}">${esc(s)}</span>`).join('');
  const problems =
    c.problems === undefined
      ? ''
      : `<a class="jekyll-card-problems${c.problems > 0 ? ' has-problems' : ''}" href="#jekyll-problems" data-command="problems">${c.problems === 1 ? '1 problem' : `${c.problems} problems`}</a>`;
  return states + problems;
}

/** The header card and the body as one HTML fragment (what the preview shows, and `jekyll-posts render` prints). */
export function articleHtml(a: Article, options: ArticleHtmlOptions = {}): string {
  const c = a.card;
  const map = (u: string): string => options.mapUrl?.(u) ?? u;
  const chips = (cls: string, items: string[]): string => items.map((x) => `<span class="${cls}">${esc(x)}</span>`).join('');
  const authors = c.authors
    .map((au) => {
      const avatar = au.avatar ? `<img class="jekyll-card-avatar" src="${esc(map(au.avatar))}" alt="">` : '';
      const missing = au.found === false ? ` <span class="jekyll-card-missing" title="No author '${esc(au.key)}' in the site's author data">not found in the site's authors</span>` : '';
      return `<span class="jekyll-card-author${au.found === false ? ' not-found' : ''}" data-author="${esc(au.key)}">${avatar}${esc(au.name)}${missing}</span>`;
    })
    .join(', ');
  const status = cardStatusHtml(c);
  const rows = [
    `<div class="jekyll-card-meta"><time datetime="${esc(c.dateIso)}" title="${esc(c.dateFull)}">${esc(c.date)}</time>${authors ? ` · ${authors}` : ''}</div>`,
    c.categories.length || c.tags.length ? `<div class="jekyll-card-taxonomy">${chips('jekyll-card-category', c.categories)}${chips('jekyll-card-tag', c.tags)}</div>` : '',
    c.url ? `<div class="jekyll-card-url"><a href="${esc(c.url)}">${esc(c.url)}</a></div>` : '',
    status ? `<div class="jekyll-card-status">${status}</div>` : '',
    ...(options.notices ?? []).map((n) => `<div class="jekyll-card-status jekyll-card-notice">${esc(n)}</div>`),
  ].filter(Boolean);
  const image = c.image ? `<img class="jekyll-card-image" src="${esc(map(c.image))}" alt="">` : '';
  const card = `<header class="jekyll-card" data-line="0"><h1 class="jekyll-card-title">${esc(c.title)}</h1>${rows.join('')}${image}</header>`;
  const body = options.mapUrl ? mapMediaUrls(a.html, options.mapUrl) : a.html;
  return `${card}\n<article class="jekyll-article">\n${body}</article>\n`;
}
