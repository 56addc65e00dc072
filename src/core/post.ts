import { isMap, isScalar, type Document } from 'yaml';
import { deepMergeInto, defaultsFor } from './defaults';
import type { FrontMatter, SiteDocument } from './document';
import { RubyTimeError, rubyTimeParse, utcMs } from './rubyTime';
import { POST_FILENAME, type SiteModel } from './site';
import { slugify } from './slugify';
import { fieldsAt, formatRubyTime, offsetAt, type ZonedTime } from './timezone';
import { fillTemplate, postsTemplate, sanitizeUrl } from './url';
import { UNRESOLVED, type FastPair } from './yamlFast';
import { isRecord } from './yamlValue';

/** What Jekyll 4.3 makes of one post or draft. */
export interface PostInfo {
  /** Relative to the collections folder (`_posts/…`, `en/_posts/…`, `_drafts/…`). */
  relativePath: string;
  draft: boolean;
  /** Effective front matter: `defaults:` under the post's own values, plus what Jekyll fills in. */
  data: Record<string, unknown>;
  /** Why Jekyll dropped the front matter, when it did. */
  frontMatterError: string | undefined;
  /** The date (in the site's zone) and where it came from. */
  date: ZonedTime;
  dateSource: 'front-matter' | 'defaults' | 'filename' | 'file-mtime' | 'build-time';
  /** Set when the date stops the build (Jekyll's InvalidDateError). */
  dateError: string | undefined;
  slug: string;
  title: string;
  url: string | undefined;
  categories: string[];
  tags: unknown[];
  published: boolean;
  future: boolean;
  layout: string | null;
}

export interface PostEnv {
  /** Jekyll's site.time (the build time), ms. */
  nowMs: number;
  /** The file's modification time (drafts are dated by it), ms. */
  mtimeMs?: number;
}

/** The zone Jekyll runs in for this site. */
export function siteZone(site: SiteModel): string | undefined {
  return site.config.timezone;
}

const PSYCH_TIME = /^-?(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)(?:\.(\d*))?(?:\s*(Z|[-+]\d{1,2}(?::?\d\d)?))?$/;
const PSYCH_DATE = /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/;

/** How Psych types an unquoted scalar that looks like a timestamp. */
export function psychTimestamp(source: string): { kind: 'time'; epochMs: number; hasZone: boolean } | { kind: 'date'; text: string } | undefined {
  const t = PSYCH_TIME.exec(source);
  if (t) {
    const [, y, mo, d, h, mi, s, frac, zone] = t;
    const ms = frac ? Math.floor(Number('0.' + frac) * 1000) : 0;
    let epoch = utcMs(+y!, +mo!, +d!, +h!, +mi!, +s!, ms);
    if (zone && zone !== 'Z') {
      const m = /^([-+])(\d{1,2}):?(\d\d)?$/.exec(zone)!;
      epoch -= (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60) * 1000;
    }
    return { kind: 'time', epochMs: epoch, hasZone: zone !== undefined };
  }
  if (PSYCH_DATE.test(source)) {
    const [y, m, d] = source.split('-').map(Number) as [number, number, number];
    const dt = new Date(utcMs(y, m, d, 0, 0, 0, 0));
    if (dt.getUTCMonth() + 1 === m && dt.getUTCDate() === d) return { kind: 'date', text: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
  }
  return undefined;
}

/** Ruby's `to_s` of a front-matter value, as Jekyll hands it to Time.parse. */
function rubyToS(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : rubyToS(x))).join(', ') + ']';
  return JSON.stringify(v);
}

/** A date value before Jekyll parses it: text for Time.parse, or an instant Psych already made. */
type RawDate = { text: string } | { epochMs: number };

const DATE_MARK = Symbol('jekyll-date');

interface DateValue {
  [DATE_MARK]: RawDate;
}

function isDateValue(v: unknown): v is DateValue {
  return typeof v === 'object' && v !== null && DATE_MARK in v;
}

/** Front matter as plain values, with `date` kept as Psych would type it. */
export function frontMatterData(doc: Document.Parsed): Record<string, unknown> | undefined {
  const contents = doc.contents;
  if (!isMap(contents)) return contents === null || (isScalar(contents) && (contents.value === null || contents.value === false)) ? {} : undefined;
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 10_000 });
  } catch {
    return undefined;
  }
  if (!isRecord(js)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(js)) out[k] = v instanceof Date ? v.toISOString() : v;
  // The last `date:` wins, as with every duplicate key.
  for (let i = contents.items.length - 1; i >= 0; i--) {
    const pair = contents.items[i]!;
    if (!isScalar(pair.key) || pair.key.value !== 'date') continue;
    const node = pair.value;
    if (isScalar(node)) out.date = dateValue(node.type === 'PLAIN' && typeof node.source === 'string', String(node.source), node.value);
    else if (node === null) out.date = { [DATE_MARK]: { text: '' } };
    break;
  }
  return out;
}

/** The `date:` scalar as Psych types it: an unquoted timestamp is an instant (or a day), the rest is text for Time.parse. */
function dateValue(plain: boolean, source: string, value: unknown): DateValue {
  if (plain) {
    const ts = psychTimestamp(source);
    if (ts?.kind === 'time') return { [DATE_MARK]: { epochMs: ts.epochMs } };
    if (ts?.kind === 'date') return { [DATE_MARK]: { text: ts.text } };
    return { [DATE_MARK]: { text: rubyToS(source === '' || value === null ? null : value) } };
  }
  return { [DATE_MARK]: { text: rubyToS(value) } };
}

/** frontMatterData from the fast reader's pairs; undefined when a value needs the full parser. */
export function fastFrontMatterData(pairs: readonly FastPair[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const { key, node } of pairs) {
    if (key === 'date' && node.kind !== 'seq') {
      if (node.value === UNRESOLVED && !psychTimestamp(node.source)) return undefined;
      out.date = dateValue(node.kind === 'plain', node.source, node.value);
    } else if (node.value === UNRESOLVED) return undefined;
    else out[key] = node.value;
  }
  return out;
}

/**
 * The post's own front matter as Jekyll merges it; undefined when Psych
 * cannot read it (or it is not a mapping). Simple front matter is read without
 * building a YAML document.
 */
export function ownFrontMatter(fm: FrontMatter): Record<string, unknown> | undefined {
  const fast = fm.fast && fastFrontMatterData(fm.fast);
  if (fast) return fast;
  return fm.errors.length === 0 ? frontMatterData(fm.doc) : undefined;
}

class ReadError extends Error {}

/**
 * Document#merge_data!, in place as Jekyll does it (`data` is this post's own): categories merge
 * (strings split), deep merge, then the date is parsed.
 */
function mergeData(data: Record<string, unknown>, other: Readonly<Record<string, unknown>>, site: SiteModel, env: PostEnv): Record<string, unknown> {
  let o = other;
  if ('categories' in other && other.categories !== null && other.categories !== undefined) {
    let categories = other.categories;
    if (typeof categories === 'string') categories = categories.split(/[ \t\r\n\f\v]+/).filter(Boolean);
    if (Array.isArray(data.categories)) {
      if (!Array.isArray(categories)) throw new ReadError(`\`categories\` must be a list or a string (got ${rubyToS(categories)})`);
      categories = union(data.categories, categories);
    }
    o = { ...other, categories };
  }
  const merged = deepMergeInto(data, o);
  if ('date' in merged && merged.date !== undefined && !isZoned(merged.date)) merged.date = parseDate(merged.date, site, env);
  return merged;
}

function union(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  // Ruby's `|` by ===-equality: NaN never equals itself (includes would find it).
  for (const list of [a, b]) for (const x of list) if (x !== x || !out.includes(x)) out.push(x);
  return out;
}

interface ParsedDate {
  zoned: ZonedTime;
}

function isZoned(v: unknown): v is ParsedDate {
  return typeof v === 'object' && v !== null && 'zoned' in v;
}

export class InvalidDateError extends Error {}

function parseDate(v: unknown, site: SiteModel, env: PostEnv): ParsedDate {
  const tz = site.config.timezone;
  const raw: RawDate = isDateValue(v) ? v[DATE_MARK] : { text: typeof v === 'string' && /Z$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : rubyToS(v) };
  if ('epochMs' in raw) return { zoned: { epochMs: raw.epochMs, offset: offsetAt(tz, raw.epochMs) } };
  try {
    return { zoned: rubyTimeParse(raw.text, tz, env.nowMs) };
  } catch (e) {
    if (e instanceof RubyTimeError) throw new InvalidDateError(`Invalid date '${raw.text}': ${e.message}`);
    throw e;
  }
}

/** The document's own `date:` as Jekyll parses it (in the site zone); undefined when absent or unreadable. */
export function ownDate(doc: SiteDocument, site: SiteModel, nowMs: number): ZonedTime | undefined {
  const fm = doc.frontMatter;
  const data = fm && ownFrontMatter(fm);
  if (!data || !('date' in data)) return undefined;
  try {
    return parseDate(data.date, site, { nowMs }).zoned;
  } catch {
    return undefined;
  }
}

/** Ruby's Array(x). */
function rubyArray(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (isRecord(v)) return Object.entries(v);
  return [v];
}

/** Utils.pluralized_array_from_hash: the singular key wins, a plural string is split on blanks. */
function pluralized(data: Record<string, unknown>, singular: string, plural: string): unknown[] {
  let value: unknown = singular in data ? data[singular] : undefined;
  if (value === null || value === undefined || value === false) {
    if (plural in data) {
      const p = data[plural];
      value = typeof p === 'string' ? p.split(/[ \t\r\n\f\v]+/).filter(Boolean) : Array.isArray(p) ? p.filter((x) => x !== null && x !== undefined) : undefined;
    } else value = undefined;
  }
  const out: unknown[] = [];
  flattenInto(out, value);
  return out;
}

/** `[v].flat(Infinity)` without null and undefined, in one pass. */
function flattenInto(out: unknown[], v: unknown): void {
  if (Array.isArray(v)) for (const x of v) flattenInto(out, x);
  else if (v !== null && v !== undefined) out.push(v);
}

function toS(v: unknown): string {
  return Array.isArray(v) ? rubyToS(v) : isZoned(v) ? formatRubyTime(v.zoned) : rubyToS(v);
}

const capitalize = (w: string): string => (w.length === 0 ? w : w[0]!.toUpperCase() + w.slice(1).toLowerCase());

function categoriesFromPath(relPath: string, special: string, basename: string): string[] {
  if (relPath.startsWith(special)) return [];
  const i = relPath.indexOf(special);
  const superdirs = i < 0 ? relPath : relPath.slice(0, i);
  return superdirs.split('/').filter((c) => c !== '' && c !== special && c !== basename);
}

/** The path of a post relative to the collections folder. */
function collectionRelative(site: SiteModel, rel: string): string {
  const cd = site.config.collectionsDir;
  return cd && rel.startsWith(cd + '/') ? rel.slice(cd.length + 1) : rel;
}

/** Resolves a post or draft the way Jekyll 4.3 reads it (Document#read, no rendering). */
export function resolvePost(doc: SiteDocument, site: SiteModel, env: PostEnv): PostInfo {
  const relPath = collectionRelative(site, doc.relativePath);
  const draft = doc.kind === 'draft';
  const basename = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = basename.lastIndexOf('.');
  const ext = dot > 0 ? basename.slice(dot) : '';
  const basenameNoExt = dot > 0 ? basename.slice(0, dot) : basename;
  const tz = site.config.timezone;

  let data: Record<string, unknown> = { categories: categoriesFromPath(relPath, draft ? '_drafts' : '_posts', basename) };
  let frontMatterError: string | undefined;
  let dateError: string | undefined;
  let dateSource: PostInfo['dateSource'] = 'build-time';
  let readPostData = true;
  const fail = (e: unknown): void => {
    if (e instanceof InvalidDateError) dateError = e.message;
    else frontMatterError = e instanceof Error ? e.message : String(e);
    readPostData = false;
  };
  try {
    const defaults = defaultsFor(site, relPath, 'posts');
    data = mergeData(data, defaults, site, env);
    if ('date' in defaults) dateSource = 'defaults';
  } catch (e) {
    fail(e);
  }
  if (readPostData && doc.frontMatter) {
    const fm = doc.frontMatter;
    const own = ownFrontMatter(fm);
    if (!own) fail(new ReadError(fm.errors[0]?.message ?? 'front matter is not a mapping'));
    else {
      try {
        data = mergeData(data, own, site, env);
        if ('date' in own) dateSource = 'front-matter';
      } catch (e) {
        fail(e);
      }
    }
  }
  let slug = '';
  if (readPostData) {
    // populate_title
    const m = draft ? undefined : POST_FILENAME.exec(relPath);
    let fileSlug: string;
    if (m) {
      fileSlug = m[2]!;
      if (!('date' in data) || data.date === undefined) {
        try {
          // merge_data!(date: …) on a hash without a date: only the date is set (data is this post's own copy).
          data.date = parseDate({ [DATE_MARK]: { text: m[1]! } }, site, env);
          dateSource = 'filename';
        } catch (e) {
          fail(e);
        }
      }
    } else {
      fileSlug = /^(?:.+\/)*(.*)(\.[^.]+)$/.exec(relPath)?.[1] ?? basenameNoExt;
    }
    fileSlug = fileSlug.replace(/\.+$/, '');
    slug = fileSlug;
    if (data.title === undefined || data.title === null || data.title === false) data.title = fileSlug.split('-').map(capitalize).join(' ');
    if (data.slug === undefined || data.slug === null || data.slug === false) data.slug = fileSlug;
    if (data.ext === undefined || data.ext === null) data.ext = ext;
    // populate_categories, populate_tags
    // Array(categories) + pluralized category/categories, each to_s, without repeats.
    const cats: string[] = [];
    const addCategory = (c: unknown): void => {
      const s = toS(c);
      if (!cats.includes(s)) cats.push(s);
    };
    rubyArray(data.categories).forEach(addCategory);
    pluralized(data, 'category', 'categories').forEach(addCategory);
    data.categories = cats;
    data.tags = pluralized(data, 'tag', 'tags');
  }
  let date: ZonedTime;
  if (isZoned(data.date)) date = data.date.zoned;
  else if (draft && env.mtimeMs !== undefined && readPostData) {
    date = { epochMs: Math.floor(env.mtimeMs / 1000) * 1000, offset: offsetAt(tz, env.mtimeMs) };
    dateSource = 'file-mtime';
  } else {
    date = { epochMs: env.nowMs, offset: offsetAt(tz, env.nowMs) };
    dateSource = 'build-time';
  }
  // Already strings when Jekyll read the post's data (populate_categories): shared, not copied.
  const categories = readPostData && Array.isArray(data.categories) && data.categories.every((c) => typeof c === 'string') ? data.categories : rubyArray(data.categories).map(toS);
  const published = !('published' in data) || (data.published !== false && data.published !== null);
  const layout = data.layout === undefined || data.layout === null ? null : toS(data.layout);
  const url = dateError ? undefined : postUrl(site, data, categories, date, relPath, basenameNoExt, ext);
  return {
    relativePath: relPath,
    draft,
    data,
    frontMatterError,
    date,
    dateSource,
    dateError,
    slug: readPostData ? (typeof data.slug === 'string' ? data.slug : toS(data.slug)) : slug,
    title: readPostData ? toS(data.title) : '',
    url,
    categories,
    tags: rubyArray(data.tags),
    published,
    future: date.epochMs > env.nowMs,
    layout,
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Document#url for a post: its own `permalink:` or the site's posts template, placeholders filled. */
function postUrl(site: SiteModel, data: Record<string, unknown>, rawCats: readonly string[], date: ZonedTime, relPath: string, basenameNoExt: string, ext: string): string | undefined {
  const f = fieldsAt(date);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const dayOfYear = (): number => Math.floor((utcMs(f.year, f.month, f.day, 0, 0, 0, 0) - utcMs(f.year, 1, 1, 0, 0, 0, 0)) / 86_400_000) + 1;
  const slugSource = data.slug === undefined || data.slug === null ? undefined : toS(data.slug);
  // Ruby's `a || b`: an empty slug is still a slug.
  const titleSlug = (): string => (slugSource !== undefined ? slugify(slugSource, 'pretty', true) : slugify(basenameNoExt, 'pretty', true));
  const markdown = site.config.markdownExt.includes(ext.slice(1).toLowerCase());
  const outputExt = markdown || ext.toLowerCase() === '.html' ? '.html' : ext;
  // Computed only for the placeholders the template names (most use four or five of them).
  const placeholder = (name: string): string | undefined => {
    switch (name) {
      case 'collection': return 'posts';
      case 'name': return slugify(basenameNoExt);
      case 'title': return titleSlug();
      case 'slug': return slugSource !== undefined ? slugify(slugSource) : slugify(basenameNoExt);
      case 'categories': return [...new Set(rawCats.map((c) => c.toLowerCase()))].join('/');
      case 'slugified_categories': return [...new Set(rawCats.map((c) => slugify(c)))].join('/');
      case 'year': return String(f.year);
      case 'month': return p2(f.month);
      case 'day': return p2(f.day);
      case 'hour': return p2(f.hour);
      case 'minute': return p2(f.minute);
      case 'second': return p2(f.second);
      case 'i_day': return String(f.day);
      case 'i_month': return String(f.month);
      case 'short_month': return MONTHS[f.month - 1]!.slice(0, 3);
      case 'long_month': return MONTHS[f.month - 1]!;
      case 'short_year': return p2(f.year % 100);
      case 'w_year': return String(isoWeek(f.year, f.month, f.day).year);
      case 'week': return p2(isoWeek(f.year, f.month, f.day).week);
      case 'w_day': return String(f.weekday === 0 ? 7 : f.weekday);
      case 'short_day': return DAYS[f.weekday]!.slice(0, 3);
      case 'long_day': return DAYS[f.weekday]!;
      case 'y_day': return String(dayOfYear()).padStart(3, '0');
      case 'output_ext': return outputExt;
      case 'path': return relPath.slice(0, relPath.length - ext.length).replace('_posts', '').replace(/\.+$/, '');
      default: return undefined;
    }
  };
  const permalink = data.permalink;
  const template = typeof permalink === 'string' && permalink !== '' ? permalink : postsTemplate(site);
  const filled = fillTemplate(template, placeholder);
  return filled === undefined ? undefined : sanitizeUrl(filled);
}

function isoWeek(y: number, m: number, d: number): { year: number; week: number } {
  const date = new Date(utcMs(y, m, d, 0, 0, 0, 0));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = utcMs(date.getUTCFullYear(), 1, 1, 0, 0, 0, 0);
  return { year: date.getUTCFullYear(), week: Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

