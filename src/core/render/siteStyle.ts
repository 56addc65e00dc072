/**
 * The `site` preview style: the rendered post placed in the site's own
 * layouts as Jekyll 4.3 does it (Renderer#place_in_layouts: the post's
 * effective `layout`, then that layout's own `layout:`, and so on, each
 * rendered with Liquid with `content`, `page`, `site` and `layout`, where
 * `layout` merges the front matter of the layouts so far, inner ones winning),
 * and the stylesheets the resulting page links, resolved to site files:
 *  - a plain `.css` file is loaded from the site (the adapter maps it, e.g.
 *    to a webview URI);
 *  - a `.css` that Jekyll builds from SCSS/Sass (a `.scss`/`.sass` page with
 *    front matter, importing from `_sass/`) is compiled with the `sass`
 *    package (loaded only then), a CSS page with front matter has its Liquid
 *    rendered; both become inline CSS;
 *  - a remote (`https:`) stylesheet is kept only when remote content is allowed.
 * The site's scripts are never kept: the preview runs only its own script.
 *
 * Files are read through SiteFs. Nothing here knows about webviews.
 */
import type { CanonicalizeContext, Importer, ImporterResult, compileStringAsync } from 'sass';
import { readText } from '../site';
import { basename, dirname, FileKind, joinPath, relativePath, type SiteFs } from '../siteFs';
import type { SiteIndex } from '../siteIndex';
import { isRecord, parseYamlFile } from '../yamlValue';
import { splitFrontMatter } from '../frontMatter';
import { cardStatusHtml, decodeEntities, mapMediaUrls, siteFileFor, type Article } from './article';
import { xmlEscape } from './jekyllFilters';
import type { JekyllLiquid } from './liquid';

/** The part of the `sass` package the site style uses. */
export interface SassCompiler {
  compileStringAsync: typeof compileStringAsync;
}

/** A stylesheet of the site page, in document order (the cascade depends on it). */
export type SiteSheet =
  /** Loaded by the page: a site file as `fileUrl` maps it (`mtime`: its modification time), or a remote `https:` URL. */
  | { kind: 'link'; href: string; media: string | undefined; source: string; mtime?: number }
  /** CSS made here (compiled SCSS, a CSS page's Liquid, a layout's `<style>`): the page injects it. */
  | { kind: 'style'; css: string; media: string | undefined; source: string };

export interface SitePage {
  /** The layouts applied, innermost first. */
  layouts: string[];
  /** What goes inside `<body>`: the layouts' markup around the post, scripts and stylesheets taken out, site images mapped. */
  body: string;
  /** `class`, `id`, `lang`, `dir`, `style` of the layout's `<body>` and `<html>` (site CSS keys on them). */
  bodyAttributes: Record<string, string>;
  htmlAttributes: Record<string, string>;
  sheets: SiteSheet[];
  /** One-line notes for the preview (a stylesheet that could not be compiled, a remote one left out, a broken layout chain). */
  notices: string[];
}

export type SiteStyleResult =
  | { style: 'site'; page: SitePage }
  /** The site style cannot show this post (no layout, a layout from a theme gem, a missing layout): the reason, in one line. */
  | { style: 'editor'; notice: string };

export interface SiteStyleOptions {
  /** What the page loads for a file of the site (path relative to the site root). */
  fileUrl(rel: string): string;
  /** Keep `https:` stylesheets (the preview's remote-content setting). */
  allowRemote: boolean;
}

interface LayoutFile {
  rel: string;
  data: Record<string, unknown>;
  content: string;
}

/** A stylesheet URL of the page, resolved once per site state. */
type Resolved = { sheet: SiteSheet } | { notice: string } | undefined;

const SCRIPT = /<script\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/script\s*>|<script\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const LINK = /<link\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const STYLE = /<style\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/style\s*>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const KEPT_ATTRIBUTES = new Set(['class', 'id', 'lang', 'dir', 'style']);

/** The attributes of a tag's attribute text, names lower-cased, values decoded. */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

function keptAttributes(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === undefined) return out;
  for (const [k, v] of attributes(text)) if (KEPT_ATTRIBUTES.has(k)) out[k] = v;
  return out;
}

/** Jekyll's `Utils.deep_merge_hashes(master, other)`: other wins, nested hashes merged. */
function deepMerge(master: Record<string, unknown>, other: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...master };
  for (const [k, v] of Object.entries(other)) {
    const m = out[k];
    out[k] = isRecord(m) && isRecord(v) ? deepMerge(m, v) : v;
  }
  return out;
}

/** A template's front matter (Jekyll reads a broken one as none) and its content. */
function splitTemplate(text: string): { data: Record<string, unknown>; content: string; hasFrontMatter: boolean } {
  const t = text.replace(/^\uFEFF/, '');
  const split = splitFrontMatter(t);
  if (!split) return { data: {}, content: t, hasFrontMatter: false };
  const data = parseYamlFile(t.slice(0, split.yamlEnd));
  return { data: isRecord(data) ? data : {}, content: t.slice(split.bodyStart), hasFrontMatter: true };
}

/** A URL path resolved against the URL of the page (or stylesheet) it appears in. */
function resolveUrlPath(url: string, base: string): string {
  if (url.startsWith('/')) return url;
  const dir = base.endsWith('/') ? base : dirname(base);
  return joinPath(dir === '.' ? '/' : dir, url) + (url.endsWith('/') ? '/' : '');
}

function isRemote(url: string): boolean {
  return /^(https?:)?\/\//i.test(url);
}

/** The candidates Sass tries for a load of `path` (Sass's resolution: partials, extensions, index files). */
function sassCandidates(path: string): string[] {
  const dir = dirname(path);
  const name = basename(path);
  const both = (n: string): string[] => [joinPath(dir, '_' + n), joinPath(dir, n)];
  if (/\.(s[ac]ss|css)$/i.test(name)) return name.startsWith('_') ? [path] : both(name);
  const exts = ['.scss', '.sass', '.css'];
  return [...exts.flatMap((e) => both(name + e)), ...exts.flatMap((e) => [joinPath(path, '_index' + e), joinPath(path, 'index' + e)])];
}

const SASS_SCHEME = 'site:';

/**
 * Places posts in their site's layouts and gathers the site's stylesheets.
 * Keep one per site index (beside its JekyllLiquid) and `clear()` it when
 * files of the site change: layouts and compiled stylesheets are cached.
 */
export class SiteStyler {
  private layoutCache: { version: number; byName: Map<string, string> } | undefined;
  private readonly layoutTexts = new Map<string, Promise<LayoutFile | undefined>>();
  private readonly resolved = new Map<string, Promise<Resolved>>();

  constructor(
    readonly fs: SiteFs,
    readonly index: SiteIndex,
    readonly liquid: JekyllLiquid,
    /** Loads `sass` the first time a site stylesheet needs it. */
    private readonly loadSass: () => Promise<SassCompiler>,
  ) {}

  /** Forgets cached layouts and stylesheets (call when files of the site change). */
  clear(): void {
    this.layoutCache = undefined;
    this.layoutTexts.clear();
    this.resolved.clear();
  }

  private get root(): string {
    return this.index.site.root;
  }

  private get baseurl(): string {
    return this.index.site.config.baseurl.replace(/\/$/, '');
  }

  /** Layout name → file, as Jekyll's LayoutReader names them (`_layouts/blog/post.html` → `blog/post`; the last one read wins). */
  private layouts(): Map<string, string> {
    const files = this.index.files;
    if (this.layoutCache?.version === files.version) return this.layoutCache.byName;
    const raw = this.index.site.config.raw.layouts_dir;
    const dir = (typeof raw === 'string' && raw !== '' ? raw : '_layouts').replace(/^\/+|\/+$/g, '') + '/';
    const byName = new Map<string, string>();
    for (const rel of [...files].filter((f) => f.startsWith(dir)).sort()) {
      const rest = rel.slice(dir.length);
      if (/^[._#]|~$/.test(basename(rest))) continue;
      byName.set(rest.split('.').slice(0, -1).join('.'), rel);
    }
    this.layoutCache = { version: files.version, byName };
    return byName;
  }

  private layoutFile(rel: string): Promise<LayoutFile | undefined> {
    let p = this.layoutTexts.get(rel);
    if (!p) {
      p = readText(this.fs, joinPath(this.root, rel)).then((text) => (text === undefined ? undefined : { rel, ...splitTemplate(text) }));
      this.layoutTexts.set(rel, p);
    }
    return p;
  }

  private themeName(): string {
    const raw = this.index.site.config.raw;
    return typeof raw.theme === 'string' && raw.theme !== '' ? raw.theme : typeof raw.remote_theme === 'string' ? raw.remote_theme : 'a theme';
  }

  /** The post inside its layouts, with the site's stylesheets; or why the editor style has to be used. */
  async render(article: Article, options: SiteStyleOptions): Promise<SiteStyleResult> {
    const info = article.info;
    const postRel = relativePath(this.root, article.path) ?? article.path;
    if (info.layout === null) return { style: 'editor', notice: 'Site style: this post has no layout, so Jekyll publishes its HTML without the site’s page around it.' };
    if (info.layout === 'none') return { style: 'editor', notice: 'Site style: `layout: none`, so Jekyll publishes this post’s HTML without the site’s page around it.' };
    const layouts = this.layouts();
    let name = info.layout;
    let rel = layouts.get(name);
    if (rel === undefined) {
      if (this.index.hasTheme) {
        return { style: 'editor', notice: `Site style: layout '${name}' is not in the site’s _layouts; it comes from the theme (${this.themeName()}), which the preview cannot read.` };
      }
      return { style: 'editor', notice: `Site style: layout '${name}' requested in ${postRel} does not exist; Jekyll warns and publishes the post without any layout.` };
    }

    // The post's own URLs resolve against the post file (as in the editor style); the layouts' against the page's URL.
    const pageUrl = this.baseurl + (info.url ?? '/');
    const mapPostUrl = (url: string): string | undefined => {
      const r = siteFileFor(this.index, article.path, url);
      return r === undefined ? undefined : options.fileUrl(r);
    };
    const mapPageUrl = (url: string): string | undefined => {
      if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url) || url.startsWith('//') || url.startsWith('#') || url === '') return mapPostUrl(url);
      const r = siteFileFor(this.index, article.path, resolveUrlPath(url, pageUrl));
      return r === undefined ? undefined : options.fileUrl(r);
    };
    const content = mapMediaUrls(article.html, mapPostUrl);

    const page = this.liquid.pageDrop(article.path, info);
    // `page.content` as Jekyll has it (filters like number_of_words see it): without the preview's line markers.
    page.content = content.replace(/ data-line="\d+"/g, '');
    this.addNeighbours(page, postRel);

    const notices: string[] = [];
    const applied: string[] = [];
    const used = new Set([rel]);
    let output = content;
    let layoutData: Record<string, unknown> = {};
    for (;;) {
      const file = await this.layoutFile(rel);
      if (!file) {
        notices.push(`Layout file ${rel} could not be read.`);
        break;
      }
      layoutData = deepMerge(file.data, layoutData);
      output = await this.liquid.renderTemplate(file.content, joinPath(this.root, rel), { page, layout: layoutData, content: output, paginator: null, highlighter_prefix: '', highlighter_suffix: '' });
      applied.push(name);
      const parent = file.data.layout;
      if (typeof parent !== 'string') break;
      const parentRel = layouts.get(parent);
      if (parentRel === undefined) {
        if (this.index.hasTheme) {
          return { style: 'editor', notice: `Site style: layout '${parent}' (named by ${rel}) is not in the site’s _layouts; it comes from the theme (${this.themeName()}), which the preview cannot read.` };
        }
        notices.push(`Layout '${parent}' named by ${rel} does not exist: Jekyll stops the layout chain there.`);
        break;
      }
      if (used.has(parentRel)) break;
      used.add(parentRel);
      rel = parentRel;
      name = parent;
    }

    const { sheets, notices: sheetNotices } = await this.stylesheets(output, pageUrl, options);
    notices.push(...sheetNotices);
    return { style: 'site', page: { layouts: applied, ...this.documentParts(output, mapPageUrl), sheets, notices } };
  }

  /** `page.previous` / `page.next`: the published posts around this one by date, as Jekyll gives them. */
  private addNeighbours(page: Record<string, unknown>, postRel: string): void {
    const posts = this.liquid.siteDrop().posts as Array<Record<string, unknown>>;
    const i = posts.findIndex((p) => p.path === postRel);
    if (i < 0) return;
    // site.posts is newest first: the next post is the newer one.
    page.next = posts[i - 1] ?? null;
    page.previous = posts[i + 1] ?? null;
  }

  /** The body (scripts and stylesheets out, images mapped) and the attributes of `<html>` and `<body>`. */
  private documentParts(html: string, mapUrl: (url: string) => string | undefined): Pick<SitePage, 'body' | 'bodyAttributes' | 'htmlAttributes'> {
    const bodyOpen = /<body\b((?:[^>"']|"[^"]*"|'[^']*')*)>/i.exec(html);
    const htmlOpen = /<html\b((?:[^>"']|"[^"]*"|'[^']*')*)>/i.exec(bodyOpen ? html.slice(0, bodyOpen.index) : html);
    let body = html;
    if (bodyOpen) {
      const start = bodyOpen.index + bodyOpen[0].length;
      const end = html.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i);
      body = html.slice(start, end >= start ? end : html.length);
    } else {
      // No <body>: a fragment, perhaps with a head of its own.
      body = body.replace(/<head\b[\s\S]*?<\/head\s*>/i, '').replace(/<\/?html\b(?:[^>"']|"[^"]*"|'[^']*')*>|<!doctype[^>]*>/gi, '');
    }
    body = body
      .replace(SCRIPT, '')
      .replace(STYLE, '')
      .replace(LINK, '')
      .replace(/<(?:meta|base)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi, '');
    body = mapMediaUrls(body, mapUrl).replace(/(\sstyle\s*=\s*)("([^"]*)"|'([^']*)')/gi, (whole, pre: string, _q: string, dq?: string, sq?: string) => {
      const css = decodeEntities(dq ?? sq ?? '');
      if (!/url\(/i.test(css)) return whole;
      return `${pre}"${xmlEscape(rewriteCssUrls(css, (u) => mapUrl(u)))}"`;
    });
    return { body, bodyAttributes: keptAttributes(bodyOpen?.[1]), htmlAttributes: keptAttributes(htmlOpen?.[1]) };
  }

  /** The page's stylesheets in document order (comments skipped), with notes on those left out. */
  private async stylesheets(html: string, pageUrl: string, options: SiteStyleOptions): Promise<{ sheets: SiteSheet[]; notices: string[] }> {
    const visible = html.replace(COMMENT, (c) => ' '.repeat(c.length));
    const found: Array<{ at: number; get: () => Promise<Resolved> }> = [];
    for (const m of visible.matchAll(LINK)) {
      const a = attributes(m[1]!);
      const rels = (a.get('rel') ?? '').toLowerCase().split(/\s+/);
      const href = a.get('href');
      if (!rels.includes('stylesheet') || rels.includes('alternate') || !href) continue;
      const media = a.get('media');
      found.push({ at: m.index, get: () => this.resolveLink(href, media, pageUrl, options) });
    }
    for (const m of visible.matchAll(STYLE)) {
      const media = attributes(m[1]!).get('media');
      const css = html.slice(m.index, m.index + m[0].length).replace(/^<style\b[^>]*>|<\/style\s*>$/gi, '');
      const map = (u: string): string | undefined => this.mapCssUrl(u, pageUrl, options);
      found.push({ at: m.index, get: async () => ({ sheet: { kind: 'style', css: rewriteCssUrls(css, map), media, source: '<style>' } }) });
    }
    found.sort((x, y) => x.at - y.at);
    const sheets: SiteSheet[] = [];
    const notices: string[] = [];
    for (const r of await Promise.all(found.map((f) => f.get()))) {
      if (!r) continue;
      if ('sheet' in r) sheets.push(r.sheet);
      else notices.push(r.notice);
    }
    return { sheets, notices };
  }

  /** A URL inside CSS (relative to `base`, the URL of the sheet or page) as the page should load it. */
  private mapCssUrl(url: string, base: string, options: SiteStyleOptions): string | undefined {
    // Remote and data: URLs stay as they are (the CSP decides), as do other schemes.
    if (url === '' || url.startsWith('#') || url.startsWith('//') || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url)) return undefined;
    const rel = siteFileFor(this.index, joinPath(this.root, 'index.html'), resolveUrlPath(url, base));
    return rel === undefined ? undefined : options.fileUrl(rel);
  }

  private resolveLink(href: string, media: string | undefined, pageUrl: string, options: SiteStyleOptions): Promise<Resolved> {
    const key = `${href}\n${media ?? ''}\n${pageUrl}\n${options.allowRemote}`;
    let p = this.resolved.get(key);
    if (!p) {
      p = this.resolveLinkUncached(href, media, pageUrl, options);
      this.resolved.set(key, p);
    }
    return p;
  }

  private async resolveLinkUncached(href: string, media: string | undefined, pageUrl: string, options: SiteStyleOptions): Promise<Resolved> {
    const siteUrl = typeof this.index.site.config.raw.url === 'string' ? this.index.site.config.raw.url.replace(/\/$/, '') : '';
    let url = href.trim();
    if (siteUrl && url.startsWith(siteUrl + '/')) url = url.slice(siteUrl.length);
    if (isRemote(url)) {
      const remote = url.startsWith('//') ? 'https:' + url : url;
      if (!/^https:/i.test(remote)) return { notice: `Stylesheet ${href} left out: only https: stylesheets can be loaded.` };
      if (!options.allowRemote) return { notice: `Remote stylesheet ${href} left out: remote content is off (jekyll.preview.remoteImages).` };
      return { sheet: { kind: 'link', href: remote, media, source: href } };
    }
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url)) return undefined;
    const path = resolveUrlPath(url.replace(/[?#].*$/, ''), pageUrl);
    const out = siteFileFor(this.index, joinPath(this.root, 'index.html'), path);
    if (out === undefined) return undefined;
    const files = this.index.files;
    // What Jekyll writes to `out`: a Sass page built to it, else the file itself.
    if (out.endsWith('.css')) {
      for (const ext of ['.scss', '.sass']) {
        const source = out.slice(0, -4) + ext;
        if (!files.has(source)) continue;
        const text = await readText(this.fs, joinPath(this.root, source));
        if (text === undefined) continue;
        const t = splitTemplate(text);
        if (!t.hasFrontMatter) continue;
        return this.compileSass(source, t, media, path, options);
      }
    }
    if (!files.has(out)) return { notice: `Stylesheet ${href}: the site has no ${out} (nor a Sass file Jekyll would build it from).` };
    const text = await readText(this.fs, joinPath(this.root, out));
    if (text !== undefined && splitFrontMatter(text.replace(/^\uFEFF/, ''))) {
      // A CSS page: Jekyll renders its Liquid.
      const t = splitTemplate(text);
      const css = await this.liquid.renderTemplate(t.content, joinPath(this.root, out), { page: { ...t.data, path: out, url: path } });
      return { sheet: { kind: 'style', css: rewriteCssUrls(css, (u) => this.mapCssUrl(u, path, options)), media, source: out } };
    }
    const mtime = (await this.fs.stat(joinPath(this.root, out)))?.mtime;
    return { sheet: { kind: 'link', href: options.fileUrl(out), media, source: out, mtime } };
  }

  /** A Sass page as Jekyll (jekyll-sass-converter) builds it: Liquid first, then Sass with `_sass` (and `sass.load_paths`) to import from. */
  private async compileSass(source: string, t: { data: Record<string, unknown>; content: string }, media: string | undefined, cssUrl: string, options: SiteStyleOptions): Promise<Resolved> {
    const abs = joinPath(this.root, source);
    const text = await this.liquid.renderTemplate(t.content, abs, { page: { ...t.data, path: source, url: cssUrl } });
    let sass: SassCompiler;
    try {
      sass = await this.loadSass();
    } catch (e) {
      return { notice: `${source} not compiled: the Sass compiler could not be loaded (${e instanceof Error ? e.message : String(e)}).` };
    }
    const raw = this.index.site.config.raw.sass;
    const config = isRecord(raw) ? raw : {};
    const sassDir = typeof config.sass_dir === 'string' && config.sass_dir !== '' ? config.sass_dir : '_sass';
    const extra = Array.isArray(config.load_paths) ? config.load_paths.filter((p): p is string => typeof p === 'string') : [];
    const loadPaths = [sassDir, ...extra].map((p) => (p.startsWith('/') ? p : joinPath(this.root, p)));
    const importer = this.sassImporter(loadPaths, abs);
    try {
      const result = await sass.compileStringAsync(text, {
        syntax: source.endsWith('.sass') ? 'indented' : 'scss',
        url: new URL(SASS_SCHEME + abs),
        importer,
        importers: [importer],
        style: 'expanded',
        // @import and friends are deprecated in Dart Sass but still what Jekyll sites use: no console noise.
        logger: { warn: () => undefined, debug: () => undefined },
      });
      return { sheet: { kind: 'style', css: rewriteCssUrls(result.css, (u) => this.mapCssUrl(u, cssUrl, options)), media, source } };
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
      return { notice: `${source} could not be compiled: ${message}` };
    }
  }

  /**
   * Sass loads through SiteFs: relative to the importing file, then from the
   * load paths; canonical URLs are `site:/abs/path`. The page itself (with its
   * front matter) is never a match: `assets/css/style.scss` importing `style`
   * means `_sass/_style.scss`.
   */
  private sassImporter(loadPaths: string[], entry: string): Importer<'async'> {
    const find = async (path: string): Promise<URL | null> => {
      for (const c of sassCandidates(path)) {
        if (c === entry || (relativePath(this.root, c) === undefined && !loadPaths.some((l) => relativePath(l, c) !== undefined))) continue;
        if ((await this.fs.stat(c))?.kind === FileKind.File) return new URL(SASS_SCHEME + c);
      }
      return null;
    };
    return {
      canonicalize: async (url: string, context: CanonicalizeContext): Promise<URL | null> => {
        if (url.startsWith(SASS_SCHEME)) return find(decodeURIComponent(new URL(url).pathname));
        if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url)) return null;
        if (context.containingUrl?.protocol === SASS_SCHEME && !url.startsWith('/')) {
          const hit = await find(joinPath(dirname(decodeURIComponent(context.containingUrl.pathname)), url));
          if (hit) return hit;
        }
        for (const dir of loadPaths) {
          const hit = await find(joinPath(dir, url));
          if (hit) return hit;
        }
        return null;
      },
      load: async (canonicalUrl: URL): Promise<ImporterResult | null> => {
        const path = decodeURIComponent(canonicalUrl.pathname);
        const contents = await readText(this.fs, path);
        if (contents === undefined) return null;
        return { contents, syntax: path.endsWith('.sass') ? 'indented' : path.endsWith('.css') ? 'css' : 'scss' };
      },
    };
  }
}

/** Rewrites `url(…)` and `@import "…"` targets of CSS with `map` (undefined keeps one). */
export function rewriteCssUrls(css: string, map: (url: string) => string | undefined): string {
  const quote = (u: string): string => `"${u.replace(/["\\\n]/g, (c) => (c === '\n' ? '' : '\\' + c))}"`;
  return css
    .replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi, (whole, dq?: string, sq?: string, bare?: string) => {
      const mapped = map(dq ?? sq ?? bare ?? '');
      return mapped === undefined ? whole : `url(${quote(mapped)})`;
    })
    .replace(/@import\s+(?:"([^"]*)"|'([^']*)')/gi, (whole, dq?: string, sq?: string) => {
      const mapped = map(dq ?? sq ?? '');
      return mapped === undefined ? whole : `@import ${quote(mapped)}`;
    });
}

/**
 * The site style's status line: the card's publish states and problems and
 * the notes about the page, shown over the site's page (the layout shows the
 * title and date itself). Empty when there is nothing to say.
 */
export function siteStatusHtml(article: Article, notices: readonly string[]): string {
  const c = article.card;
  const status = c.states.length > 0 || (c.problems ?? 0) > 0 ? cardStatusHtml({ ...c, problems: c.problems || undefined }) : '';
  const notes = notices.map((n) => `<span class="jekyll-site-notice">${xmlEscape(n).replace(/&apos;/g, '&#39;')}</span>`).join('');
  return status || notes ? `<div class="jekyll-site-status">${status}${notes}</div>` : '';
}
