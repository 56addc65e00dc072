/**
 * The Liquid stage of the preview: a post's body rendered as Jekyll 4.3
 * renders it before Markdown — liquidjs (a real Liquid engine) with Jekyll's
 * tags (`include` from `_includes/` with `include.*` parameters,
 * `include_relative`, `highlight`, `post_url`, `link`) and filters
 * (jekyllFilters.ts), `page` = the post's effective front matter and `site`
 * = `_config.yml` + data + posts from the index. Files are read through
 * SiteFs, so rendering is async.
 *
 * Nothing from a post is executed as JavaScript: liquidjs interprets Liquid,
 * and scope objects are plain data (own properties only).
 *
 * What Jekyll would stop the build for (a Liquid error, a missing include,
 * post_url or link target) and what a plugin would supply (an unknown tag or
 * filter) become markers: private-use sentinels in the text that
 * `replaceMarkers` turns into small visible elements after Markdown, at the
 * line they come from.
 */
import { Context, Hash, IncludeTag, Liquid, LiquidError, Tag, TokenizationError, Tokenizer, toPromise, type Emitter, type FilterImplOptions, type FS, type Parser, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import { parseSiteDocument } from '../document';
import { frontMatterData, type PostInfo } from '../post';
import { classify, readText } from '../site';
import { basename, dirname, joinPath, relativePath, type SiteFs } from '../siteFs';
import type { IndexedPost, SiteIndex } from '../siteIndex';
import { highlightCode } from './highlight';
import { jekyllFilters, relativeUrl, rubyToS } from './jekyllFilters';
import { kramdownOptions, renderMarkdown, type MarkdownOptions } from './markdown';
import { RubyTime } from './rubyTime';

/** Something the preview shows in place of what Jekyll would fail on or a plugin would render. */
export interface Marker {
  kind: 'unknown-tag' | 'unknown-filter' | 'error';
  /** Tag or filter name; for errors, a short title. */
  name: string;
  message: string;
  /** 0-based line in the post file (undefined when it comes from another file). */
  line: number | undefined;
}

export interface LiquidInput {
  /** Absolute path of the post. */
  path: string;
  /** The Liquid source (the post's body). */
  text: string;
  /** 0-based line of the file where `text` starts. */
  startLine: number;
  /** The post as Jekyll reads it (effective front matter, date, URL …). */
  info: PostInfo;
}

export interface LiquidOutput {
  /** Rendered text, with marker sentinels. */
  text: string;
  /** 0-based line of the output → 0-based line of the post file it came from. */
  sourceLine(outputLine: number): number;
  markers: Marker[];
}

/**
 * liquidjs finds the end of literal text one character at a time, testing each
 * delimiter with a closure (≈ 300 ms for a 1 MB post); indexOf does the same
 * search natively. Same result: the token ends at the first delimiter or at N.
 */
function fastLiteralScan(): void {
  type Internal = { p: number; N: number; input: string; readHTMLToken: (this: Internal, stop: string[]) => { begin: number } };
  const proto = Tokenizer.prototype as unknown as Internal;
  const original = proto.readHTMLToken;
  if ((original as { fast?: boolean }).fast) return;
  const fast = function (this: Internal, stopStrings: string[]): { begin: number } {
    const begin = this.p;
    let end = this.N;
    for (const s of stopStrings) {
      const i = this.input.indexOf(s, begin);
      if (i >= 0 && i < end) end = i;
    }
    this.p = end;
    const token = original.call(this, stopStrings);
    token.begin = begin;
    return token;
  };
  (fast as { fast?: boolean }).fast = true;
  proto.readHTMLToken = fast;
}
fastLiteralScan();

const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const STATE = Symbol('jekyll-render-state');

interface RenderState {
  postPath: string;
  markers: Marker[];
  /** Where `text` starts in the post file (main-file token lines are 1-based within `text`). */
  startLine: number;
  /** 0-based line within `text` of an offset (liquidjs's getPosition rescans the input: quadratic on big posts). */
  lineAt?: (offset: number) => number;
}

function stateOf(ctx: Context): RenderState {
  return (ctx.globals as Record<symbol, RenderState>)[STATE]!;
}

/** Adds a marker and returns its sentinel. */
function mark(state: RenderState, m: Marker): string {
  return `${MARK_OPEN}${state.markers.push(m) - 1}${MARK_CLOSE}`;
}

/** The post-file line of a token (undefined when the token is from an included file). */
function tokenLine(state: RenderState, token: { file?: string; begin: number; getPosition(): number[] } | undefined): number | undefined {
  if (!token || token.file) return undefined;
  return state.startLine + (state.lineAt ? state.lineAt(token.begin) : (token.getPosition()[0] ?? 1) - 1);
}

function errorMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/, line:\d+, col:\d+$/, '').replace(/^ENOENT: Failed to lookup "([^"]*)" in "[^"]*"$/, 'Could not locate the included file "$1" in _includes');
}

function errorMark(ctx: Context, token: TagToken | undefined, e: unknown, title = 'Liquid error'): string {
  const state = stateOf(ctx);
  return mark(state, { kind: 'error', name: title, message: errorMessage(e), line: tokenLine(state, token) });
}

// ---------------------------------------------------------------------------
// Tags

/** A tag Jekyll does not know (a plugin's): a marker; its `end…` tag nothing. */
class UnknownTag extends Tag {
  render(ctx: Context, emitter: Emitter): void {
    if (/^end/.test(this.name)) return;
    const state = stateOf(ctx);
    emitter.write(mark(state, { kind: 'unknown-tag', name: this.name, message: this.token.getText(), line: tokenLine(state, this.token) }));
  }
}

/** Jekyll's include: liquidjs's own (jekyllInclude), a failure shown where it happens. */
class JekyllIncludeTag extends IncludeTag {
  override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    try {
      yield* super.render(ctx, emitter);
    } catch (e) {
      emitter.write(errorMark(ctx, this.token, e, 'include'));
    }
  }
}

/** File names `include_relative` accepts (Jekyll's VALID_FILENAME_CHARS, no `..`). */
const VALID_INCLUDE_NAME = /^[\w/.\-()+~#@]+$/;

class IncludeRelativeTag extends Tag {
  private readonly file: Template[];
  private readonly hash: Hash;
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remain, liquid);
    this.file = parser.parseTokens([...this.tokenizer.readFileNameTemplate(liquid.options)]);
    this.hash = new Hash(this.tokenizer, true);
  }
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const state = stateOf(ctx);
    try {
      const name = String(yield this.liquid.renderer.renderTemplates(this.file, ctx)).trim();
      if (!VALID_INCLUDE_NAME.test(name) || /(^|\/)\.\.(\/|$)/.test(name)) throw new Error(`Invalid syntax for include tag. File contains invalid characters or sequences: ${name}`);
      const path = joinPath(dirname(state.postPath), name);
      const fs = (this.liquid.options.fs as SiteLiquidFs).site;
      const text = (yield readText(fs, path)) as string | undefined;
      if (text === undefined) throw new Error(`Could not locate the included file '${name}' in ${dirname(state.postPath)}`);
      const templates = this.liquid.parse(text, path);
      ctx.push({ include: yield this.hash.render(ctx) });
      try {
        yield this.liquid.renderer.renderTemplates(templates, ctx, emitter);
      } finally {
        ctx.pop();
      }
    } catch (e) {
      emitter.write(errorMark(ctx, this.token, e, 'include_relative'));
    }
  }
}

/** Rouge's HTML escaping: only `&`, `<`, `>`. */
function escapeCode(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const HIGHLIGHT_SYNTAX = /^([a-zA-Z0-9.+#_-]+)\s*((?:\w+(?:=(?:(?:\w|[0-9_-])+|"[0-9\s]+"))?\s*)*)$/;

/**
 * `{% highlight lang [linenos] %}`: the content is Liquid-rendered first (as
 * Jekyll does), highlighted with Rouge's token classes (highlight.ts; plain
 * for a language we have no grammar for, as Rouge's plain text lexer) and
 * wrapped as Jekyll wraps Rouge's output.
 */
class HighlightTag extends Tag {
  private readonly templates: Template[] = [];
  private readonly lang: string;
  private readonly linenos: boolean;
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remain, liquid);
    const m = HIGHLIGHT_SYNTAX.exec(token.args.trim());
    if (!m) throw new Error(`Syntax Error in tag 'highlight' while parsing the following markup: ${token.args.trim()} — valid syntax: highlight <lang> [linenos]`);
    this.lang = m[1]!.toLowerCase();
    this.linenos = /(^|\s)linenos(\s|=|$)/.test(m[2] ?? '');
    while (remain.length > 0) {
      const t = remain.shift()!;
      if ((t as Partial<TagToken>).name === 'endhighlight') return;
      this.templates.push(parser.parseToken(t, remain));
    }
    throw new Error(`tag ${token.getText()} not closed`);
  }
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const code = String(yield this.liquid.renderer.renderTemplates(this.templates, ctx)).replace(/^[\n\r]+|[\n\r]+$/g, '');
    let body = highlightCode(code, this.lang) ?? escapeCode(code);
    if (this.linenos) {
      const n = code.split('\n').length;
      const gutter = Array.from({ length: n }, (_, i) => `${i + 1}\n`).join('');
      body = `<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">${gutter}</pre></td><td class="code"><pre>${body}\n</pre></td></tr></tbody></table>`;
    }
    emitter.write(`<figure class="highlight"><pre><code class="language-${this.lang.replace(/\+/g, '-')}" data-lang="${this.lang}">${body.replace(/\n$/, '')}</code></pre></figure>`);
  }
}

class PostUrlTag extends Tag {
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const name = this.token.args.trim();
    const r = (this.liquid.options.fs as SiteLiquidFs).renderer;
    const target = r.index.postUrlTarget(name);
    if (target?.info.url === undefined) {
      emitter.write(errorMark(ctx, this.token, new Error(`Could not find post "${name}" in tag 'post_url'. Make sure the post exists and the name is correct.`), 'post_url'));
      return;
    }
    emitter.write(relativeUrl(target.info.url, r.baseurl) ?? '');
  }
}

class LinkTag extends Tag {
  private readonly path: Template[];
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remain, liquid);
    this.path = parser.parse(token.args.trim());
  }
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const rel = String(yield this.liquid.renderer.renderTemplates(this.path, ctx)).trim();
    const r = (this.liquid.options.fs as SiteLiquidFs).renderer;
    const url = (yield r.linkUrl(rel)) as string | undefined;
    if (url === undefined) {
      emitter.write(errorMark(ctx, this.token, new Error(`Could not find document '${rel}' in tag 'link'. Make sure the document exists and the path is correct.`), 'link'));
      return;
    }
    emitter.write(relativeUrl(url, r.baseurl) ?? '');
  }
}

// ---------------------------------------------------------------------------
// Files

/** liquidjs's FS over SiteFs: async only, every file inside the site, texts cached until `clear()`. */
class SiteLiquidFs implements FS {
  readonly sep = '/';
  private readonly texts = new Map<string, Promise<string | undefined>>();
  constructor(
    readonly site: SiteFs,
    readonly root: string,
    readonly renderer: JekyllLiquid,
  ) {}
  clear(): void {
    this.texts.clear();
  }
  private text(path: string): Promise<string | undefined> {
    let t = this.texts.get(path);
    if (!t) this.texts.set(path, (t = readText(this.site, path)));
    return t;
  }
  async exists(path: string): Promise<boolean> {
    return (await this.text(path)) !== undefined;
  }
  existsSync(): boolean {
    return false;
  }
  async readFile(path: string): Promise<string> {
    const t = await this.text(path);
    if (t === undefined) throw new Error(`ENOENT: ${path}`);
    return t;
  }
  readFileSync(path: string): string {
    throw new Error(`sync read of ${path}`);
  }
  resolve(dir: string, file: string): string {
    return joinPath(dir, file);
  }
  async contains(root: string, file: string): Promise<boolean> {
    return relativePath(root, file) !== undefined && relativePath(this.root, file) !== undefined;
  }
  containsSync(root: string, file: string): boolean {
    return relativePath(root, file) !== undefined;
  }
  dirname(file: string): string {
    return dirname(file);
  }
}

// ---------------------------------------------------------------------------
// page and site

/** `page` for a post: its effective front matter plus what Jekyll fills in. */
export function postDrop(index: SiteIndex, p: IndexedPost): Record<string, unknown> {
  const info = p.info;
  const date = RubyTime.of(info.date, index.site.config.timezone);
  const name = p.relativePath.slice(p.relativePath.lastIndexOf('/') + 1);
  const url = info.url ?? '';
  const dir = url.slice(0, url.lastIndexOf('/') + 1);
  return {
    ...info.data,
    title: info.title,
    date,
    url,
    id: (dir.replace(/\/$/, '') || '') + '/' + info.slug,
    slug: info.slug,
    categories: info.categories,
    tags: info.tags,
    path: p.relativePath,
    relative_path: p.relativePath,
    name,
    collection: 'posts',
    draft: info.draft,
    excerpt: typeof info.data.excerpt === 'string' ? info.data.excerpt : undefined,
  };
}

interface SiteDropCache {
  postsVersion: number;
  data: unknown;
  config: unknown;
  value: Record<string, unknown>;
  drops: Map<string, Record<string, unknown>>;
}

/** Renders posts' Liquid for one site; keep one per site and `clear()` it when files change. */
export class JekyllLiquid {
  readonly engine: Liquid;
  private readonly liquidFs: SiteLiquidFs;
  private siteCache: SiteDropCache | undefined;
  private markdownOptions: MarkdownOptions | undefined;

  constructor(
    readonly fs: SiteFs,
    readonly index: SiteIndex,
    private readonly nowMs: () => number = Date.now,
  ) {
    const root = index.site.root;
    this.liquidFs = new SiteLiquidFs(fs, root, this);
    this.engine = new Liquid({
      root: [joinPath(root, '_includes')],
      partials: [joinPath(root, '_includes')],
      layouts: [joinPath(root, '_layouts')],
      jekyllInclude: true,
      dynamicPartials: false,
      relativeReference: false,
      extname: '',
      fs: this.liquidFs,
      ownPropertyOnly: true,
      outputEscape: (v: unknown) => rubyToS(v),
      // A hostile or runaway post must not hang the editor.
      renderLimit: 5_000,
      parseLimit: 50_000_000,
      memoryLimit: 100_000_000,
    });
    this.engine.registerTag('include', JekyllIncludeTag);
    this.engine.registerTag('include_relative', IncludeRelativeTag);
    this.engine.registerTag('highlight', HighlightTag);
    this.engine.registerTag('post_url', PostUrlTag);
    this.engine.registerTag('link', LinkTag);
    const filters = jekyllFilters({
      baseurl: this.baseurl,
      url: typeof index.site.config.raw.url === 'string' ? index.site.config.raw.url : '',
      zone: index.site.config.timezone,
      nowMs: nowMs(),
      markdownify: (text) => this.markdownify(text),
      smartify: (text) => this.markdownify(text).replace(/^<p>|<\/p>\n?$/g, ''),
    });
    for (const [name, f] of Object.entries(filters)) this.engine.registerFilter(name, f);
    const engine = this.engine as unknown as { tags: Record<string, unknown>; filters: Record<string, FilterImplOptions> };
    engine.tags = new Proxy(engine.tags, {
      get: (t, name) => (typeof name === 'string' ? (t[name] ?? UnknownTag) : undefined),
    });
    engine.filters = new Proxy(engine.filters, {
      get: (t, name) => (typeof name !== 'string' ? undefined : (t[name] ?? unknownFilter(name))),
    });
  }

  get baseurl(): string {
    const b = this.index.site.config.raw.baseurl;
    return typeof b === 'string' ? b : '';
  }

  /** Forgets cached includes (call when files of the site change). */
  clear(): void {
    this.liquidFs.clear();
    this.siteCache = undefined;
    this.markdownOptions = undefined;
  }

  /** The URL `{% link path %}` gives a file of the site (posts from the index, pages by their permalink). */
  async linkUrl(path: string): Promise<string | undefined> {
    const rel = path.replace(/^\//, '');
    const post = this.index.posts.get(rel);
    if (post) return post.info.url;
    if (!this.index.files.has(rel)) return undefined;
    const c = classify(this.index.site, rel);
    const ext = /\.[^./]+$/.exec(rel)?.[0] ?? '';
    const markdown = this.index.site.config.markdownExt.includes(ext.slice(1).toLowerCase());
    const text = await readText(this.fs, joinPath(this.index.site.root, rel));
    const doc = text !== undefined && (markdown || ext === '.html') ? parseSiteDocument(joinPath(this.index.site.root, rel), rel, c?.kind ?? 'page', text) : undefined;
    if (doc?.frontMatter && doc.frontMatter.errors.length === 0) {
      const data = frontMatterData(doc.frontMatter.doc);
      if (data && typeof data.permalink === 'string') return data.permalink;
      let out = '/' + rel.slice(0, rel.length - ext.length) + (markdown ? '.html' : ext);
      if (c?.kind === 'collection') out = out.replace(/^\/_/, '/');
      return out.replace(/\/index\.html$/, '/');
    }
    return '/' + rel;
  }

  private markdownify(text: string): string {
    this.markdownOptions ??= kramdownOptions(this.index.site.config.raw);
    return renderMarkdown(text, this.markdownOptions).replace(/ data-line="\d+"/g, '');
  }

  /** `site`: `_config.yml`, data, posts (newest first, as Jekyll publishes them), categories and tags. */
  siteDrop(): Record<string, unknown> {
    const index = this.index;
    const raw = index.site.config.raw;
    const c = this.siteCache;
    let base: Record<string, unknown>;
    if (c && c.postsVersion === index.postsVersion && c.data === index.data && c.config === raw) base = c.value;
    else {
      const drops = new Map<string, Record<string, unknown>>();
      const posts = [...index.posts.values()]
        .filter((p) => !p.info.draft && p.info.published && (!p.info.future || index.site.config.future) && p.info.dateError === undefined)
        .sort((a, b) => b.info.date.epochMs - a.info.date.epochMs || (a.relativePath < b.relativePath ? 1 : -1))
        .map((p) => {
          const d = postDrop(index, p);
          drops.set(p.relativePath, d);
          return d;
        });
      const byKey = (key: 'categories' | 'tags'): Record<string, unknown[]> => {
        const out: Record<string, unknown[]> = {};
        for (const p of posts) for (const k of (p[key] as unknown[]).map(rubyToS)) (out[k] ??= []).push(p);
        return out;
      };
      base = {
        ...raw,
        url: typeof raw.url === 'string' ? raw.url : '',
        baseurl: this.baseurl,
        data: index.data,
        posts,
        related_posts: posts.slice(0, 10),
        categories: byKey('categories'),
        tags: byKey('tags'),
        pages: [],
        html_pages: [],
        static_files: [],
        documents: posts,
        collections: [{ label: 'posts', docs: posts, output: true }],
      };
      this.siteCache = { postsVersion: index.postsVersion, data: index.data, config: raw, value: base, drops };
    }
    return { ...base, time: new RubyTime(this.nowMs(), 0, index.site.config.timezone).inZone(index.site.config.timezone) };
  }

  /** `page` for a post as the editor has it (the indexed drop when the text is the indexed one). */
  pageDrop(path: string, info: PostInfo): Record<string, unknown> {
    const rel = relativePath(this.index.site.root, path);
    const sitePost = this.index.posts.get(rel ?? '');
    return postDrop(this.index, sitePost && sitePost.info === info ? sitePost : { relativePath: rel ?? path, info });
  }

  /**
   * Renders a site template that is not the post (a layout, a stylesheet page)
   * with the given payload (`page`, `layout`, `content` …; `site` and `jekyll`
   * are added). What Jekyll would fail on becomes a visible marker, without a
   * line: it is not in the post.
   */
  async renderTemplate(source: string, path: string, payload: Record<string, unknown>): Promise<string> {
    const state: RenderState = { postPath: path, markers: [], startLine: 0 };
    const title = `Liquid error in ${basename(path)}`;
    let templates: Template[];
    try {
      templates = this.engine.parse(source.replace(/[\uE000\uE001]/g, '\uFFFD'), path);
    } catch (e) {
      return markerHtml({ kind: 'error', name: title, message: errorMessage(e), line: undefined });
    }
    const scope = { site: this.siteDrop(), jekyll: { version: '4.3.1', environment: 'development' }, ...payload };
    const ctx = new Context(scope, this.engine.options, { sync: false, globals: { [STATE]: state } }, { liquid: this.engine });
    // One top-level template at a time, so an error (where Jekyll would stop) costs only its own output.
    let text = '';
    for (const tpl of templates) {
      try {
        text += String(await toPromise(this.engine.renderer.renderTemplates([tpl], ctx)));
      } catch (e) {
        text += mark(state, { kind: 'error', name: title, message: errorMessage(e), line: undefined });
      }
    }
    return replaceMarkers(text, state.markers);
  }

  /** Renders a post's body as Jekyll's Liquid stage does. */
  async render(input: LiquidInput): Promise<LiquidOutput> {
    const state: RenderState = { postPath: input.path, markers: [], startLine: input.startLine };
    // Sentinels are ours alone.
    let src = input.text.replace(/[\uE000\uE001]/g, '\uFFFD');
    let templates: Template[] | undefined;
    for (let attempt = 0; attempt < 100 && !templates; attempt++) {
      try {
        templates = this.engine.parse(src);
      } catch (e) {
        const token = LiquidError.is(e) ? (e).token : undefined;
        if (!token || token.file || token.input !== src) {
          const sentinel = mark(state, { kind: 'error', name: 'Liquid error', message: errorMessage(e), line: input.startLine });
          return { text: sentinel + '\n\n' + src, sourceLine: (l) => input.startLine + Math.max(0, l - 2), markers: state.markers };
        }
        const line = input.startLine + (token.getPosition()[0] ?? 1) - 1;
        const sentinel = mark(state, { kind: 'error', name: 'Liquid syntax error', message: errorMessage(e), line });
        const end = e instanceof TokenizationError || token.end - token.begin > 2000 ? token.begin + 2 : token.end;
        const removed = src.slice(token.begin, end);
        src = src.slice(0, token.begin) + sentinel + '\n'.repeat(removed.split('\n').length - 1) + src.slice(end);
      }
    }
    templates ??= [];
    const page = this.pageDrop(input.path, input.info);
    page.content = input.text;
    const scope = { page, site: this.siteDrop(), jekyll: { version: '4.3.1', environment: 'development' } };
    const ctx = new Context(scope, this.engine.options, { sync: false, globals: { [STATE]: state } }, { liquid: this.engine });

    // Source lines of the template starts, to map output lines back to the post (and to place markers).
    const lineStarts = [0];
    for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    const lineOf = (offset: number): number => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    state.lineAt = lineOf;
    const map: number[] = [0];
    let out = '';
    for (let k = 0; k < templates.length; k++) {
      const tpl = templates[k]!;
      let chunk: string;
      try {
        chunk = String(await toPromise(this.engine.renderer.renderTemplates([tpl], ctx)));
      } catch (e) {
        const tok = LiquidError.is(e) ? (e).token : undefined;
        const line = tokenLine(state, tok && !tok.file && tok.input === src ? tok : tpl.token) ?? input.startLine;
        chunk = mark(state, { kind: 'error', name: 'Liquid error', message: errorMessage(e), line });
      }
      const begin = tpl.token.begin;
      const next = templates[k + 1];
      const s = lineOf(begin);
      // The line where the next template starts: a newline at the end of this chunk starts a line there.
      const e = lineOf(next ? next.token.begin : src.length);
      let i = 0;
      for (let p = chunk.indexOf('\n'); p >= 0; p = chunk.indexOf('\n', p + 1)) map.push(Math.min(s + ++i, e));
      out += chunk;
    }
    const last = lineStarts.length - 1;
    return { text: out, sourceLine: (l) => input.startLine + Math.min(map[l] ?? map[map.length - 1] ?? 0, last), markers: state.markers };
  }
}

/** A filter Jekyll does not know: the value goes through unchanged (as Liquid does), with a marker. */
function unknownFilter(name: string): FilterImplOptions {
  return function (this: { context: Context }, value: unknown): string {
    const state = stateOf(this.context);
    return rubyToS(value) + mark(state, { kind: 'unknown-filter', name, message: `Unknown filter '${name}' (a plugin's?): the value is shown unfiltered.`, line: undefined });
  };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The element a marker becomes. */
export function markerHtml(m: Marker): string {
  const line = m.line !== undefined ? ` data-line="${m.line}"` : '';
  const title = escapeHtml(m.message);
  if (m.kind === 'error') return `<span class="jekyll-liquid-error"${line} title="${title}"><strong>${escapeHtml(m.name)}</strong>${m.line !== undefined ? ` (line ${m.line + 1})` : ''}: ${title}</span>`;
  const label = m.kind === 'unknown-tag' ? `{% ${m.name} %}` : `| ${m.name}`;
  return `<span class="jekyll-unknown" title="${title}">${escapeHtml(label)}</span>`;
}

/** Where a tag starts: `<` and a letter, `/` or `!`. */
const TAG_OPEN = /<[a-zA-Z/!]/g;
/** The rest of a tag: stops at its `>`, at the end, or at a quote that is never closed (then the tag runs to the end). */
const TAG_REST = /(?:[^"'>]|"[^"]*"|'[^']*')*/y;

/**
 * Replaces marker sentinels in final HTML: inside a tag (an attribute value)
 * a sentinel is dropped, in text it becomes `markerHtml`.
 */
export function replaceMarkers(html: string, markers: readonly Marker[]): string {
  if (markers.length === 0 || !html.includes(MARK_OPEN)) return html;
  // The tag found last, [ts, te), and the start of the next one (-2: not searched yet, -1: none):
  // tags are found one regular expression search each, only as far as the sentinels go (posts can be megabytes).
  let ts = -1;
  let te = 0;
  let next = -2;
  const inTag = (i: number): boolean => {
    for (;;) {
      if (i < te) return i >= ts;
      if (next === -2) {
        TAG_OPEN.lastIndex = te;
        next = TAG_OPEN.exec(html)?.index ?? -1;
      }
      if (next < 0 || next >= i) return false;
      ts = next;
      next = -2;
      TAG_REST.lastIndex = ts + 2;
      TAG_REST.exec(html);
      const end = TAG_REST.lastIndex;
      te = end < html.length && html.charCodeAt(end) === 62 /* > */ ? end + 1 : Infinity;
    }
  };
  // Concatenated, not joined: a few pieces of the HTML, which its consumer copies once anyway.
  let out = '';
  let last = 0;
  for (let i = html.indexOf(MARK_OPEN); i >= 0; i = html.indexOf(MARK_OPEN, i + 1)) {
    const close = html.indexOf(MARK_CLOSE, i);
    const m = close > i ? markers[Number(html.slice(i + 1, close))] : undefined;
    if (!m) continue;
    out += html.slice(last, i);
    if (!inTag(i)) out += markerHtml(m);
    last = close + 1;
    i = close;
  }
  return out + html.slice(last);
}
