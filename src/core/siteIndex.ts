import { isMap, isScalar } from 'yaml';
import { documentFor, READ_CONCURRENCY } from './check';
import type { SiteDocument } from './document';
import { mapConcurrent } from './concurrency';
import { resolvePost, type PostInfo } from './post';
import { classify, listSiteFiles, readText, type Classified, type SiteModel } from './site';
import { relativePath, type SiteFs } from './siteFs';
import { isRecord, parseYamlFile } from './yamlValue';

/** An author as the site's author data describes it. */
export interface Author {
  key: string;
  /** Display name, when the data gives one. */
  name: string | undefined;
  /** Where the author is defined, relative to the site root. */
  source: string;
  data: Record<string, unknown>;
}

export interface IndexedPost {
  relativePath: string;
  info: PostInfo;
  /** The top-level keys the post's own front matter writes, in order (none when it does not parse). */
  keys?: readonly string[];
}

/** Counts of one taxonomy (tags or categories) across the site, by exact spelling. */
export type Counts = Map<string, number>;

/**
 * Everything about a site that checks, completions and the preview look up:
 * its files, layouts, includes, authors and every post as Jekyll reads it,
 * with tag and category counts. Posts update one at a time.
 */
/** A set that counts its changes, so what is derived from it can be cached. */
class VersionedSet<T> extends Set<T> {
  version = 0;
  override add(v: T): this {
    if (!this.has(v)) this.version++;
    return super.add(v);
  }
  override delete(v: T): boolean {
    const had = super.delete(v);
    if (had) this.version++;
    return had;
  }
}

export class SiteIndex {
  readonly files = new VersionedSet<string>();
  /** Posts by URL (several when they collide). */
  get urls(): MultiMap {
    return this.lookups().urls;
  }
  /** Bumped on every change to `posts`, so what is derived from them can be cached. */
  postsVersion = 0;
  /**
   * Posts by URL, by file name without extension and by slug (the keys `{% post_url %}` looks
   * them up by): made from `posts` on first use, then kept up to date post by post. Building
   * the index does not make them (most of their uses come later, or never).
   */
  private lookupMaps: { urls: MultiMap; byBasename: MultiMap; bySlug: MultiMap } | undefined;

  private lookups(): { urls: MultiMap; byBasename: MultiMap; bySlug: MultiMap } {
    if (!this.lookupMaps) {
      const maps = { urls: new MultiMap(), byBasename: new MultiMap(), bySlug: new MultiMap() };
      for (const [rel, p] of this.posts) addLookups(maps, rel, p.info);
      this.lookupMaps = maps;
    }
    return this.lookupMaps;
  }
  private derived = new Map<string, { version: number; value: Set<string> }>();
  /** Bumped whenever tag or category counts change. */
  private taxonomyVersion = 0;
  private spellings = new Map<string, { version: number; value: Map<string, string> }>();
  readonly posts = new Map<string, IndexedPost>();
  readonly tags: Counts = new Map();
  readonly categories: Counts = new Map();
  /** undefined when the site has no author data at all. */
  authors: Map<string, Author> | undefined;
  /** `site.data`: `_data/**` files parsed, by path (`authors`, `nav/main` …). */
  data: Record<string, unknown> = {};
  /** `_data/authors.yml` (or .yaml/.json), relative to the site root, and its text, when the site keeps authors there. */
  authorsFile: string | undefined;
  authorsFileText: string | undefined;

  constructor(
    readonly site: SiteModel,
    private readonly nowMs: () => number,
  ) {}

  /** Layout names (`_layouts/post.html` → `post`, sub-folders kept). */
  get layouts(): Set<string> {
    return this.namesUnder('_layouts/', true);
  }

  /** Include paths relative to `_includes/`. */
  get includes(): Set<string> {
    return this.namesUnder('_includes/', false);
  }

  /** Whether the site's layouts may come from a theme gem or a remote theme. */
  get hasTheme(): boolean {
    const raw = this.site.config.raw;
    return (typeof raw.theme === 'string' && raw.theme !== '') || (typeof raw.remote_theme === 'string' && raw.remote_theme !== '');
  }

  private namesUnder(prefix: string, stripExt: boolean): Set<string> {
    const key = prefix + String(stripExt);
    const cached = this.derived.get(key);
    if (cached && cached.version === this.files.version) return cached.value;
    const out = new Set<string>();
    for (const f of this.files) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      out.add(stripExt ? rest.replace(/\.[^./]+$/, '') : rest);
    }
    this.derived.set(key, { version: this.files.version, value: out });
    return out;
  }

  /** Adds, replaces or (text undefined) removes one post in the index. */
  setPost(rel: string, info: PostInfo | undefined, keys?: readonly string[]): void {
    this.postsVersion++;
    const old = this.posts.get(rel);
    const maps = this.lookupMaps;
    if (old) {
      this.count(old.info, -1);
      if (maps) {
        if (old.info.url) maps.urls.delete(old.info.url, rel);
        maps.bySlug.delete(old.info.slug, rel);
        maps.byBasename.delete(basenameOf(rel), rel);
      }
    }
    if (info) {
      this.posts.set(rel, { relativePath: rel, info, keys: keys && this.shared(keys) });
      this.count(info, +1);
      if (maps) addLookups(maps, rel, info);
    } else this.posts.delete(rel);
  }

  private readonly keyLists = new Map<string, readonly string[]>();

  /** One array per distinct list of front-matter keys: most posts of a site write the same keys in the same order. */
  private shared(keys: readonly string[]): readonly string[] {
    const id = keys.join('\u0000');
    const known = this.keyLists.get(id);
    if (known) return known;
    if (this.keyLists.size >= 10_000) this.keyLists.clear();
    this.keyLists.set(id, keys);
    return keys;
  }

  /**
   * For each fold key (`fold` decides which spellings are one), the spelling most posts use
   * (ties: the one that sorts first). Cached until the counts change.
   */
  mostUsed(kind: 'tags' | 'categories', fold: (s: string) => string): Map<string, string> {
    const cached = this.spellings.get(kind);
    if (cached && cached.version === this.taxonomyVersion) return cached.value;
    const counts = kind === 'tags' ? this.tags : this.categories;
    const best = new Map<string, string>();
    for (const [spelling, n] of counts) {
      const k = fold(spelling);
      const cur = best.get(k);
      if (cur === undefined) best.set(k, spelling);
      else {
        const m = counts.get(cur)!;
        if (n > m || (n === m && spelling < cur)) best.set(k, spelling);
      }
    }
    this.spellings.set(kind, { version: this.taxonomyVersion, value: best });
    return best;
  }

  private count(info: PostInfo, delta: number): void {
    this.taxonomyVersion++;
    const bump = (m: Counts, k: string): void => {
      const n = (m.get(k) ?? 0) + delta;
      if (n <= 0) m.delete(k);
      else m.set(k, n);
    };
    for (const t of distinct(info.tags)) bump(this.tags, t);
    for (const c of distinct(info.categories)) bump(this.categories, c);
  }

  /** Re-reads one file of the site after it changed on disk (or was deleted). */
  async updateFile(fs: SiteFs, path: string): Promise<void> {
    const rel = relativePath(this.site.root, path);
    if (rel === undefined) return;
    const st = await fs.stat(path);
    if (!st) {
      this.files.delete(rel);
      this.setPost(rel, undefined);
      return;
    }
    this.files.add(rel);
    const c = classify(this.site, rel);
    if (c && (c.kind === 'post' || c.kind === 'draft') && !c.skipped) {
      const text = await readText(fs, path, true);
      this.updatePostText(path, text, st.mtime);
    }
  }

  /** Files inside `_posts` (or `_drafts`) that Jekyll skips without a word. */
  skippedFiles(kind: 'post' | 'draft'): string[] {
    return [...this.files].filter((rel) => {
      const c = classify(this.site, rel);
      return c?.kind === kind && (c.skipped !== undefined || (!this.posts.has(rel) && c.postName !== undefined));
    });
  }

  /** Re-resolves a post from text (an editor's unsaved text, or the file's). */
  updatePostText(path: string, text: string | undefined, mtimeMs?: number, classified?: Classified, relative?: string): void {
    const doc = text === undefined ? undefined : documentFor(this.site, path, text, classified, relative);
    if (doc) this.updatePostDocument(doc, mtimeMs);
    else {
      const rel = relativePath(this.site.root, path);
      if (rel !== undefined) this.setPost(rel, undefined);
    }
  }

  /**
   * Re-resolves a post from a document already parsed (the editor parses once per
   * keystroke and hands the same document to the rules); returns what Jekyll makes of it.
   */
  updatePostDocument(doc: SiteDocument, mtimeMs?: number): PostInfo | undefined {
    // The document's own relative path: one string for the index's keys and records.
    const rel = doc.relativePath;
    if ((doc.kind !== 'post' && doc.kind !== 'draft') || doc.skipped) {
      this.setPost(rel, undefined);
      return undefined;
    }
    const info = resolvePost(doc, this.site, { nowMs: this.nowMs(), mtimeMs });
    this.setPost(rel, info, ownKeys(doc));
    return info;
  }

  /** The posts `{% post_url name %}` resolves to (Jekyll's PostComparer, then its deprecated fallback). */
  postUrlTarget(name: string): IndexedPost | undefined {
    const m = /^(.+\/)*(\d+-\d+-\d+)-(.*)$/.exec(name.trim().replace(/^\//, ''));
    if (!m) return undefined;
    const path = m[1] ?? '';
    const stem = `${m[2]!}-${m[3]!}`;
    // Jekyll's /^_posts\/#{path}#{stem}\.[^.]+|^#{path}_posts\/?#{stem}\.[^.]+/ (not anchored at the end).
    const prefixes = [`_posts/${path}${stem}.`, `${path}_posts/${stem}.`, `${path}_posts${stem}.`];
    const matches = (rel: string): boolean => prefixes.some((x) => rel.startsWith(x) && rel.length > x.length && rel[x.length] !== '.');
    const lastSegment = stem.split('/').pop()!;
    for (const rel of this.lookups().byBasename.get(lastSegment) ?? []) {
      const p = this.posts.get(rel);
      if (p && !p.info.draft && matches(p.info.relativePath)) return p;
    }
    // Jekyll's deprecated fallback: same slug and same day. Its "directory-aware" slug splits Document#basename,
    // which never holds a folder, so the folder is in fact ignored.
    const [y, mo, d] = m[2]!.split('-').map(Number);
    for (const rel of this.lookups().bySlug.get(m[3]!) ?? []) {
      const p = this.posts.get(rel);
      if (!p || p.info.draft) continue;
      const date = new Date(p.info.date.epochMs + p.info.date.offset * 1000);
      if (date.getUTCFullYear() === y && date.getUTCMonth() + 1 === mo && date.getUTCDate() === d) return p;
    }
    return undefined;
  }

  /** Whether `{% link path %}` finds a file of the site (pages, posts, documents, static files). */
  hasLinkTarget(path: string): boolean {
    const p = path.trim().replace(/^\//, '');
    return this.files.has(p);
  }

  /** Reads `_data/` and every home of author data (config map, _data/authors, an _authors collection). */
  async readData(fs: SiteFs): Promise<void> {
    const data: Record<string, unknown> = {};
    for (const f of this.files) {
      const m = /^_data\/(.+)\.(ya?ml|json)$/i.exec(f);
      if (!m) continue;
      const text = await readText(fs, this.site.root + '/' + f);
      if (text === undefined) continue;
      let value: unknown;
      if (m[2]!.toLowerCase() === 'json') {
        try {
          value = JSON.parse(text);
        } catch {
          value = undefined;
        }
      } else value = parseYamlFile(text);
      if (value === undefined) continue;
      const keys = m[1]!.split('/');
      let node = data;
      for (const k of keys.slice(0, -1)) {
        const child = node[k];
        node = isRecord(child) ? child : (node[k] = {});
      }
      node[keys[keys.length - 1]!] = value;
    }
    this.data = data;
    this.authors = await readAuthors(fs, this.site, this.files, data);
    this.authorsFile = [...this.files].find((f) => /^_data\/authors\.ya?ml$/i.test(f));
    this.authorsFileText = this.authorsFile ? await readText(fs, this.site.root + '/' + this.authorsFile) : undefined;
  }
}

/** The distinct values of a list, as strings (a post's lists are short: a Set only for long ones). */
function distinct(xs: readonly unknown[]): Iterable<string> {
  const strings = xs.map(String);
  return strings.length > 16 ? new Set(strings) : strings.filter((x, i) => strings.indexOf(x) === i);
}

/** A post's file name without its extension: what `{% post_url %}` names it by. */
function basenameOf(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}

function addLookups(maps: { urls: MultiMap; byBasename: MultiMap; bySlug: MultiMap }, rel: string, info: PostInfo): void {
  if (info.url) maps.urls.add(info.url, rel);
  maps.byBasename.add(basenameOf(rel), rel);
  maps.bySlug.add(info.slug, rel);
}

/** The top-level keys of a document's own front matter. */
function ownKeys(doc: SiteDocument): string[] {
  const fm = doc.frontMatter;
  if (fm?.fast) return fm.fast.map((p) => p.key);
  if (!fm || fm.errors.length > 0 || !isMap(fm.contents)) return [];
  const out: string[] = [];
  for (const p of fm.contents.items) if (isScalar(p.key)) out.push(String(p.key.value));
  return out;
}

async function readAuthors(fs: SiteFs, site: SiteModel, files: Set<string>, data: Record<string, unknown>): Promise<Map<string, Author> | undefined> {
  let found = false;
  const out = new Map<string, Author>();
  const add = (key: string, v: unknown, source: string): void => {
    const rec = isRecord(v) ? v : {};
    const name = ['display_name', 'name', 'title'].map((k) => rec[k]).find((x): x is string => typeof x === 'string');
    out.set(key, { key, name, source, data: rec });
  };
  if (isRecord(site.config.raw.authors)) {
    found = true;
    for (const [k, v] of Object.entries(site.config.raw.authors)) add(k, v, '_config.yml');
  }
  const dataAuthors = data.authors;
  if (isRecord(dataAuthors)) {
    found = true;
    const src = [...files].find((f) => /^_data\/authors\.(ya?ml|json)$/i.test(f)) ?? '_data/authors.yml';
    for (const [k, v] of Object.entries(dataAuthors)) add(k, v, src);
  } else if (Array.isArray(dataAuthors)) {
    found = true;
    const src = [...files].find((f) => /^_data\/authors\./i.test(f)) ?? '_data/authors.yml';
    for (const v of dataAuthors) if (isRecord(v)) for (const k of ['key', 'id', 'username', 'name']) if (typeof v[k] === 'string') { add(v[k], v, src); break; }
  }
  if (site.collections.includes('authors')) {
    const prefix = (site.config.collectionsDir ? site.config.collectionsDir + '/' : '') + '_authors/';
    for (const f of files) {
      if (!f.startsWith(prefix)) continue;
      found = true;
      const text = await readText(fs, site.root + '/' + f);
      const fmEnd = text?.indexOf('\n---', 3) ?? -1;
      const fm = text && fmEnd > 0 ? parseYamlFile(text.slice(0, fmEnd)) : undefined;
      const rec = isRecord(fm) ? fm : {};
      const key = typeof rec.short_name === 'string' ? rec.short_name : f.slice(prefix.length).replace(/\.[^.]+$/, '');
      add(key, rec, f);
    }
  }
  return found ? out : undefined;
}

/**
 * Keys to sets of values that holds a key's lone value without a Set: nearly
 * every URL, basename and slug belongs to one post, and 3 Sets per post were a
 * third of what building the index allocated.
 */
export class MultiMap {
  private readonly map = new Map<string, string | Set<string>>();

  add(key: string, value: string): void {
    const v = this.map.get(key);
    if (v === undefined) this.map.set(key, value);
    else if (typeof v !== 'string') v.add(value);
    else if (v !== value) this.map.set(key, new Set([v, value]));
  }

  delete(key: string, value: string): void {
    const v = this.map.get(key);
    if (v === value) this.map.delete(key);
    else if (v !== undefined && typeof v !== 'string') {
      v.delete(value);
      if (v.size === 0) this.map.delete(key);
    }
  }

  /** The values of a key; undefined when none. */
  get(key: string): ReadonlySet<string> | undefined {
    const v = this.map.get(key);
    return v === undefined ? undefined : typeof v === 'string' ? new Set([v]) : v;
  }
}

/** Builds the index of a whole site. */
export async function buildIndex(fs: SiteFs, site: SiteModel, nowMs: () => number = Date.now): Promise<SiteIndex> {
  const { index, documents } = await openIndex(fs, site, nowMs);
  const posts = documents.filter(({ classified: c }) => (c.kind === 'post' || c.kind === 'draft') && !c.skipped);
  await mapConcurrent(posts, READ_CONCURRENCY, async ({ path, rel, classified }) => {
    const text = await readText(fs, path, true);
    index.updatePostText(path, text, await draftMtime(fs, path), classified, rel);
  });
  return index;
}

/** A site's files Jekyll reads as documents (posts, drafts, pages, collections), with what they are. */
export interface SiteFile {
  path: string;
  rel: string;
  classified: Classified;
}

/**
 * An index of the site's files, `_data` and authors, with no posts yet, and the
 * files Jekyll may read as documents (posts are added with `updatePostText`/`updatePostDocument`).
 */
export async function openIndex(fs: SiteFs, site: SiteModel, nowMs: () => number = Date.now): Promise<{ index: SiteIndex; documents: SiteFile[] }> {
  const index = new SiteIndex(site, nowMs);
  const paths = await listSiteFiles(fs, site);
  const rels: string[] = [];
  for (const p of paths) {
    const rel = relativePath(site.root, p);
    rels.push(rel ?? '');
    if (rel !== undefined) index.files.add(rel);
  }
  await index.readData(fs);
  const documents: SiteFile[] = [];
  paths.forEach((path, i) => {
    const c = rels[i] === '' ? undefined : classify(site, rels[i]!);
    if (c !== undefined) documents.push({ path, rel: rels[i]!, classified: c });
  });
  return { index, documents };
}

/** A draft's modification time (a draft without a date is dated by it); undefined for other files. */
export async function draftMtime(fs: SiteFs, path: string): Promise<number | undefined> {
  return path.includes('/_drafts/') ? (await fs.stat(path))?.mtime : undefined;
}
