/**
 * New Post, New Draft, Publish and Unpublish, planned without touching a file:
 * where the file goes, what it holds, and what Jekyll will make of it. The
 * front doors (the VS Code commands, the CLI) write the plan, never over an
 * existing file.
 */
import { defaultsFor } from './defaults';
import { parseSiteDocument } from './document';
import { splitFrontMatter } from './frontMatter';
import { psychTimestamp, resolvePost } from './post';
import { classify, POST_FILENAME, type SiteModel } from './site';
import { FileKind, joinPath, relativePath, type SiteFs } from './siteFs';
import { slugify, type SlugifyMode, SLUGIFY_MODES } from './slugify';
import { fieldsAt, formatRubyTime, inZone, isValidZone, type ZonedTime } from './timezone';
import { parseFrontMatterYaml } from './yamlPsych';
import { isRecord } from './yamlValue';

/** What Jekyll and `jekyll-compose` write: `2025-08-19 14:46:44 +0100`. */
export const DEFAULT_DATE_FORMAT = '%Y-%m-%d %H:%M:%S %z';
/** Where the template is looked for (relative to the site, then the workspace folder). */
export const DEFAULT_TEMPLATE = '.vscode/jekyll-post.md';
/** Longest slug we write, in characters; cut at a hyphen when one is near. */
export const MAX_SLUG_LENGTH = 80;
/** And in UTF-8 bytes (file names are limited to 255 bytes on most file systems). */
const MAX_SLUG_BYTES = 180;

/** Why a plan could not be made; `detail` is for the message. */
export interface PlanError {
  ok: false;
  code: 'empty-title' | 'no-letters' | 'empty-slug' | 'bad-folder' | 'bad-date-format' | 'not-a-draft' | 'not-a-post' | 'empty-name';
  detail: string;
}

/** What Jekyll will read from the planned file (our resolver's reading, proven against Jekyll by the conformance suite). */
export interface Prediction {
  /** Ruby's Time#to_s: `2025-08-19 14:46:44 +0100`. */
  date: string;
  slug: string;
  url: string | undefined;
  title: string;
  categories: string[];
  layout: string | null;
}

export type FrontMatterSource = 'jekyll-compose' | 'template' | 'default';

export interface NewPostPlan {
  ok: true;
  /** Absolute path of the file to create. */
  path: string;
  /** Relative to the site root. */
  relativePath: string;
  /** Whether a file is already there: then nothing may be written. */
  exists: boolean;
  content: string;
  slug: string;
  /** The instant (whole seconds) and the offset it is written with. */
  date: ZonedTime;
  source: FrontMatterSource;
  /** The template file used (source `template`). */
  templatePath?: string;
  /** Offset in `content` where the author writes next (the body). */
  cursor: number;
  /** Empty values the author fills in next (`categories: [|]`, `tags: [|]`), in order. */
  tabStops: Array<{ start: number; end: number }>;
  predicted: Prediction;
  warnings: PlanWarning[];
}

export interface PlanWarning {
  code: 'date-format-misread' | 'template-yaml-error';
  detail: string;
}

export interface NewPostOptions {
  title: string;
  draft?: boolean;
  /**
   * Where to put it, relative to the site root: a `_posts` folder or one of
   * its sub-folders (`en/news/_posts`, `_posts/2019`), the matching `_drafts`,
   * or the folder holding them (`en/news`). Relative to `collections_dir`
   * when it does not start with it. Default: the site's own `_posts`.
   */
  folder?: string;
  /** The instant "now", ms since the epoch. */
  nowMs: number;
  slugMode?: SlugifyMode;
  /** strftime, as Ruby's (`%Y %m %d %H %M %S %z %:z %L %j %b %B %a %A %e %y %I %p %F %T %%`). */
  dateFormat?: string;
  /** Candidate template files (absolute); the first that exists is used. */
  templates?: readonly string[];
}

// ---------------------------------------------------------------------------
// Titles and slugs

/** The title as it is written: control characters, line breaks and other characters YAML refuses become spaces, ends trimmed. */
export function cleanTitle(title: string): string {
  return title
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A slug as a file name: Jekyll's slugify, then what a file system or Jekyll's reader would refuse removed, and bounded. */
export function slugForTitle(title: string, mode: SlugifyMode = 'default'): string {
  let slug = slugify(cleanTitle(title), mode)
    // `raw` keeps everything but blanks: never a separator, a NUL or a name Windows refuses.
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f]+/g, '-')
    // Jekyll skips names starting with . _ # ~ (drafts) and drops trailing dots from slugs.
    .replace(/^[-._#~]+/, '')
    .replace(/[-.]+$/, '');
  const chars = [...slug];
  if (chars.length > MAX_SLUG_LENGTH || new TextEncoder().encode(slug).length > MAX_SLUG_BYTES) {
    let cut = '';
    let bytes = 0;
    for (const ch of chars) {
      const b = new TextEncoder().encode(ch).length;
      if ([...cut].length >= MAX_SLUG_LENGTH || bytes + b > MAX_SLUG_BYTES) break;
      cut += ch;
      bytes += b;
    }
    const hyphen = cut.lastIndexOf('-');
    slug = (hyphen > cut.length / 2 ? cut.slice(0, hyphen) : cut).replace(/[-.]+$/, '');
  }
  return slug;
}

/** Why a title cannot name a post, or undefined when it can. */
export function titleProblem(title: string, mode: SlugifyMode = 'default'): PlanError | undefined {
  const clean = cleanTitle(title);
  if (clean === '') return { ok: false, code: 'empty-title', detail: '' };
  if (!/[\p{L}\p{Nd}]/u.test(clean)) return { ok: false, code: 'no-letters', detail: clean };
  if (slugForTitle(clean, mode) === '') return { ok: false, code: 'empty-slug', detail: mode };
  return undefined;
}

export function isSlugMode(v: unknown): v is SlugifyMode {
  return typeof v === 'string' && (SLUGIFY_MODES as readonly string[]).includes(v);
}

// ---------------------------------------------------------------------------
// Dates

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Ruby's Time#strftime for the directives dates are written with; undefined for a directive it does not know. */
export function strftime(format: string, t: ZonedTime): string | undefined {
  const f = fieldsAt(t);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const off = (colon: boolean): string => {
    const a = Math.abs(t.offset);
    return (t.offset < 0 ? '-' : '+') + p(Math.floor(a / 3600)) + (colon ? ':' : '') + p(Math.floor((a % 3600) / 60));
  };
  const dayOfYear = Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
  const ms = ((t.epochMs % 1000) + 1000) % 1000;
  const directives: Record<string, () => string> = {
    Y: () => String(f.year),
    y: () => p(f.year % 100),
    m: () => p(f.month),
    d: () => p(f.day),
    e: () => String(f.day).padStart(2, ' '),
    H: () => p(f.hour),
    I: () => p(f.hour % 12 === 0 ? 12 : f.hour % 12),
    M: () => p(f.minute),
    S: () => p(f.second),
    L: () => p(ms, 3),
    p: () => (f.hour < 12 ? 'AM' : 'PM'),
    z: () => off(false),
    ':z': () => off(true),
    j: () => p(dayOfYear, 3),
    b: () => MONTHS[f.month - 1]!.slice(0, 3),
    B: () => MONTHS[f.month - 1]!,
    a: () => DAYS[f.weekday]!.slice(0, 3),
    A: () => DAYS[f.weekday]!,
    F: () => `${f.year}-${p(f.month)}-${p(f.day)}`,
    T: () => `${p(f.hour)}:${p(f.minute)}:${p(f.second)}`,
    '%': () => '%',
  };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const key = format[i + 1] === ':' ? ':' + (format[i + 2] ?? '') : (format[i + 1] ?? '');
    const fn = directives[key];
    if (!fn) return undefined;
    out += fn();
    i += key.length;
  }
  return out;
}

/** Why a date format cannot be used, or undefined. */
export function dateFormatProblem(format: string): PlanError | undefined {
  if (strftime(format, { epochMs: 0, offset: 0 }) === undefined || !/%[YyF]/.test(format)) return { ok: false, code: 'bad-date-format', detail: format };
  return undefined;
}

/** `now` in the site's zone (the machine's when it has none), whole seconds as Jekyll keeps them. */
export function siteNow(site: SiteModel, nowMs: number): ZonedTime {
  const tz = site.config.timezone && isValidZone(site.config.timezone) ? site.config.timezone : undefined;
  return inZone(Math.floor(nowMs / 1000) * 1000, tz);
}

// ---------------------------------------------------------------------------
// YAML values, written so that Psych (YAML 1.1) reads exactly what we mean

const YAML11_SPECIAL = /^(?:y|yes|n|no|true|false|on|off|null|~|\.inf|-\.inf|\.nan)$/i;

/** A string as a YAML scalar: plain when that is safe for Psych and YAML 1.2 readers alike, else single-quoted. */
export function yamlString(value: string): string {
  const plainSafe = /^[\p{L}][\p{L}\p{M}\p{N} .,!?()'’&+/_-]*$/u.test(value) && !/ $/.test(value) && !YAML11_SPECIAL.test(value);
  return plainSafe ? value : `'${value.replace(/'/g, "''")}'`;
}

/** A date as a YAML scalar Jekyll reads as written: a timestamp without a zone would be UTC to Psych, so it is quoted (then Time.parse reads it in the site's zone). */
export function yamlDate(text: string): string {
  const ts = psychTimestamp(text);
  if (ts?.kind === 'date' || (ts?.kind === 'time' && ts.hasZone)) return text;
  if (ts === undefined && /^[0-9A-Za-z][0-9A-Za-z ,.+-]*$/.test(text) && !/:/.test(text) && !/ $/.test(text)) return text;
  return `'${text.replace(/'/g, "''")}'`;
}

/** Any front-matter value (from `jekyll_compose.default_front_matter`) as YAML after `key:`. */
function yamlValue(v: unknown, indent: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return ' ' + yamlString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return ' ' + String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []';
    if (v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) {
      return ' [' + v.map((x) => (typeof x === 'string' ? flowString(x) : String(x))).join(', ') + ']';
    }
    // A map item starts on the dash's line, its keys aligned after "- ".
    return v.map((x) => `\n${indent}-${isRecord(x) && Object.keys(x).length > 0 ? yamlValue(x, indent).replace(/^\n\s*/, ' ') : yamlValue(x, indent + '  ')}`).join('');
  }
  if (isRecord(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) return ' {}';
    return keys.map((k) => `\n${indent}  ${yamlString(k)}:${yamlValue(v[k], indent + '  ')}`).join('');
  }
  return v instanceof Date ? ' ' + v.toISOString() : '';
}

function flowString(s: string): string {
  const plain = yamlString(s);
  return plain === s && !/[,[\]{}]/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}

/** Structural equality of plain YAML values. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return false;
}

// ---------------------------------------------------------------------------
// Folders

/** The folder a new post (or draft) goes to, relative to the site root; or why there is none. */
export function resolveFolder(site: SiteModel, folder: string | undefined, draft: boolean): { ok: true; folder: string } | PlanError {
  const raw = (folder ?? '').replace(/\\/g, '/');
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (raw.startsWith('/') || parts.some((p) => p === '..' || p.includes('\u0000'))) return { ok: false, code: 'bad-folder', detail: raw };
  const special = draft ? '_drafts' : '_posts';
  const at = parts.findIndex((p) => p === '_posts' || p === '_drafts');
  let base = at < 0 ? parts : parts.slice(0, at);
  const sub = at < 0 ? [] : parts.slice(at + 1);
  const cd = site.config.collectionsDir;
  if (cd && base.join('/') !== cd && !base.join('/').startsWith(cd + '/')) base = [...cd.split('/'), ...base];
  const rel = [...base, special, ...sub].join('/');
  const probe = classify(site, `${rel}/${draft ? 'x.md' : '2000-01-01-x.md'}`);
  if (!probe || probe.skipped || probe.kind !== (draft ? 'draft' : 'post')) return { ok: false, code: 'bad-folder', detail: rel };
  return { ok: true, folder: rel };
}

/**
 * The folders a new post (or draft) may go to, relative to the site root:
 * every `_posts` folder Jekyll reads and its sub-folders (for drafts: the
 * `_drafts` beside each `_posts`, and every `_drafts` folder with its
 * sub-folders), sorted, the site's own first.
 */
export async function listPostFolders(fs: SiteFs, site: SiteModel, draft: boolean, limit = 200): Promise<string[]> {
  const found = new Set<string>();
  const add = (rel: string): void => {
    const r = resolveFolder(site, rel, draft);
    if (r.ok) found.add(r.folder);
  };
  const start = site.config.collectionsDir ? joinPath(site.root, site.config.collectionsDir) : site.root;
  // `inside`: the _posts/_drafts folder we are in, if any.
  const walk = async (dir: string, depth: number, inside: '_posts' | '_drafts' | undefined): Promise<void> => {
    if (depth > 8 || found.size >= limit) return;
    const entries = (await fs.readDirectory(dir)).filter(([, k]) => k === FileKind.Directory);
    for (const [name] of entries) {
      const path = joinPath(dir, name);
      const rel = relativePath(site.root, path)!;
      if (inside) {
        // Jekyll reads posts in sub-folders of _posts, but not in ones it would skip (_sub, .hidden).
        if (/^[._#~]/.test(name)) continue;
        if ((inside === '_posts') === !draft) add(rel);
        await walk(path, depth + 1, inside);
      } else if (name === '_posts' || name === '_drafts') {
        if (name === '_posts' || draft) add(draft ? rel.replace(/_posts$/, '_drafts') : rel);
        await walk(path, depth + 1, name);
      } else if (!/^[._#~]/.test(name) && name !== 'node_modules' && name !== 'vendor') {
        await walk(path, depth + 1, undefined);
      }
    }
  };
  await walk(start, 0, undefined);
  const own = resolveFolder(site, undefined, draft);
  const ownFolder = own.ok ? own.folder : '';
  if (own.ok) found.add(own.folder);
  return [...found].sort((a, b) => (a === ownFolder ? -1 : b === ownFolder ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

// ---------------------------------------------------------------------------
// New post

/** The layout to write when `defaults:` gives none: `post` when the site has it (or a theme may), else `default` when only that exists. */
async function layoutName(fs: SiteFs, site: SiteModel): Promise<string> {
  const raw = site.config.raw;
  if ((typeof raw.theme === 'string' && raw.theme !== '') || (typeof raw.remote_theme === 'string' && raw.remote_theme !== '')) return 'post';
  const dir = typeof raw.layouts_dir === 'string' ? raw.layouts_dir : '_layouts';
  const names = (await fs.readDirectory(joinPath(site.root, dir))).filter(([, k]) => k === FileKind.File).map(([n]) => n.replace(/\.[^.]+$/, ''));
  if (names.includes('post')) return 'post';
  if (names.includes('default')) return 'default';
  return 'post';
}

async function readTemplate(fs: SiteFs, candidates: readonly string[] | undefined): Promise<{ path: string; text: string } | undefined> {
  for (const path of candidates ?? []) {
    const st = await fs.stat(path);
    if (st?.kind !== FileKind.File) continue;
    try {
      return { path, text: new TextDecoder('utf-8').decode(await fs.readFile(path)).replace(/^\uFEFF/, '') };
    } catch {
      // unreadable: try the next one
    }
  }
  return undefined;
}

interface Values {
  title: string;
  slug: string;
  /** The date as written (format applied), unquoted. */
  date: string;
}

/** Fills `${title}`, `${date}`, `${slug}` in a template: YAML-quoted in front matter as the spot needs, as is in the body. */
export function fillTemplate(template: string, values: Values): string {
  const fm = splitFrontMatter(template);
  const yamlEnd = fm ? fm.yamlEnd : 0;
  return template.replace(/\$\{(title|date|slug)\}/g, (match, name: keyof Values, offset: number) => {
    const value = values[name];
    if (offset >= yamlEnd) return value;
    const lineStart = template.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = template.indexOf('\n', offset);
    const before = template.slice(lineStart, offset);
    const after = template.slice(offset + match.length, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, '');
    const valuePart = /^\s*(?:-\s+)?[^:]*:\s*(.*)$/.exec(before)?.[1] ?? before.trimStart();
    if (valuePart.startsWith('"') && (valuePart.match(/(?<!\\)"/g) ?? []).length % 2 === 1) {
      return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    }
    if (valuePart.startsWith("'") && (valuePart.match(/'/g) ?? []).length % 2 === 1) return value.replace(/'/g, "''");
    if (valuePart.trim() === '' && /^\s*(?:#.*)?$/.test(after)) return name === 'date' ? yamlDate(value) : yamlString(value);
    return value;
  });
}

/** Plans a new post or draft: its path, its text, and what Jekyll will read from it. */
export async function planNewPost(fs: SiteFs, site: SiteModel, options: NewPostOptions): Promise<NewPostPlan | PlanError> {
  const draft = options.draft === true;
  const mode = options.slugMode ?? 'default';
  const titleError = titleProblem(options.title, mode);
  if (titleError) return titleError;
  const format = options.dateFormat ?? DEFAULT_DATE_FORMAT;
  const formatError = dateFormatProblem(format);
  if (formatError) return formatError;
  const folder = resolveFolder(site, options.folder, draft);
  if (!folder.ok) return folder;

  const title = cleanTitle(options.title);
  const slug = slugForTitle(title, mode);
  const date = siteNow(site, options.nowMs);
  const f = fieldsAt(date);
  const day = `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
  const ext = site.config.markdownExt.includes('md') ? 'md' : (site.config.markdownExt[0] ?? 'md');
  const fileName = draft ? `${slug}.${ext}` : `${day}-${slug}.${ext}`;
  const rel = `${folder.folder}/${fileName}`;
  const path = joinPath(site.root, rel);
  const dateText = strftime(format, date)!;

  const cd = site.config.collectionsDir;
  const collectionRel = cd && rel.startsWith(cd + '/') ? rel.slice(cd.length + 1) : rel;
  const defaults = defaultsFor(site, collectionRel, 'posts');
  const given = (key: string, value?: unknown): boolean => key in defaults && defaults[key] !== null && (value === undefined || value === null || sameValue(defaults[key], value));

  const warnings: PlanWarning[] = [];
  let content: string;
  let source: FrontMatterSource;
  let templatePath: string | undefined;
  const tabStops: Array<{ start: number; end: number }> = [];
  const compose = site.config.raw.jekyll_compose;
  const composeDefaults = isRecord(compose) && isRecord(compose.default_front_matter) ? compose.default_front_matter[draft ? 'drafts' : 'posts'] : undefined;
  const template = isRecord(composeDefaults) ? undefined : await readTemplate(fs, options.templates);

  if (isRecord(composeDefaults)) {
    source = 'jekyll-compose';
    const lines: string[] = ['---'];
    const layout = 'layout' in composeDefaults ? composeDefaults.layout : given('layout') ? undefined : await layoutName(fs, site);
    if (layout !== undefined && layout !== null && !given('layout', layout)) lines.push(`layout:${yamlValue(layout, '')}`);
    lines.push(`title: ${yamlString(title)}`);
    if (!draft) lines.push(`date: ${yamlDate(dateText)}`);
    for (const [key, value] of Object.entries(composeDefaults)) {
      if (key === 'layout' || key === 'title' || (key === 'date' && !draft)) continue;
      if (given(key, value)) continue;
      lines.push(`${yamlString(key)}:${yamlValue(value, '')}`);
    }
    content = lines.join('\n') + '\n---\n\n';
  } else if (template) {
    source = 'template';
    templatePath = template.path;
    content = fillTemplate(template.text, { title, slug, date: dateText });
    const fm = splitFrontMatter(content);
    if (fm && parseFrontMatterYaml(content.slice(0, fm.yamlEnd)).errors.length > 0) warnings.push({ code: 'template-yaml-error', detail: template.path });
  } else {
    source = 'default';
    let text = '---\n';
    if (!given('layout')) text += `layout: ${yamlString(await layoutName(fs, site))}\n`;
    text += `title: ${yamlString(title)}\n`;
    if (!draft) text += `date: ${yamlDate(dateText)}\n`;
    for (const key of ['categories', 'tags']) {
      if (given(key)) continue;
      text += `${key}: [`;
      tabStops.push({ start: text.length, end: text.length });
      text += ']\n';
    }
    content = text + '---\n\n';
  }
  const fmEnd = splitFrontMatter(content);
  const cursor = source === 'template' ? (fmEnd ? Math.min(content.length, fmEnd.bodyStart + (content.slice(fmEnd.bodyStart).match(/^\r?\n/)?.[0].length ?? 0)) : 0) : content.length;

  const doc = parseSiteDocument(path, rel, draft ? 'draft' : 'post', content);
  const info = resolvePost(doc, site, { nowMs: date.epochMs, mtimeMs: date.epochMs });
  const predicted: Prediction = { date: formatRubyTime(info.date), slug: info.slug, url: info.url, title: info.title, categories: info.categories, layout: info.layout };
  if (!draft && source !== 'template') {
    // Jekyll must read the instant we wrote, to the precision of the format, on the same day.
    const precision = /%[STsL]/.test(format) ? 1000 : /%M/.test(format) ? 60_000 : /%[HIl]/.test(format) ? 3_600_000 : 86_400_000;
    const read = fieldsAt(info.date);
    const early = date.epochMs - info.date.epochMs;
    if (read.year !== f.year || read.month !== f.month || read.day !== f.day || early < 0 || early >= precision) {
      warnings.push({ code: 'date-format-misread', detail: `${dateText} → ${predicted.date}` });
    }
  }
  const exists = (await fs.stat(path)) !== undefined;
  return { ok: true, path, relativePath: rel, exists, content, slug, date, source, ...(templatePath ? { templatePath } : {}), cursor, tabStops, predicted, warnings };
}

// ---------------------------------------------------------------------------
// Publish and unpublish: the file moves, its `date:` line changes, every other byte stays

export interface MovePlan {
  ok: true;
  from: string;
  to: string;
  /** Relative to the site root. */
  fromRelative: string;
  toRelative: string;
  /** Whether a file is already at `to`: then nothing may be moved. */
  exists: boolean;
  /** The file's new bytes (only the `date:` line differs). */
  bytes: Uint8Array;
  predicted: Prediction;
}

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
};
const unlatin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Top-level `date:` entries of a front-matter block (line start → end of the value, continuation lines included, without the line break). */
function dateEntries(text: string, from: number, to: number): Array<{ start: number; end: number; next: number }> {
  const out: Array<{ start: number; end: number; next: number }> = [];
  let pos = from;
  while (pos < to) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 || nl >= to ? to : nl;
    if (/^(?:date|"date"|'date')[ \t]*:(?:[ \t\r\n]|$)/.test(text.slice(pos, lineEnd + 1))) {
      let end = lineEnd;
      let next = lineEnd < to ? lineEnd + 1 : lineEnd;
      // Continuation lines of the value: indented, not blank.
      while (next < to) {
        const n2 = text.indexOf('\n', next);
        const e2 = n2 < 0 || n2 >= to ? to : n2;
        if (!/^[ \t]+\S/.test(text.slice(next, e2))) break;
        end = e2;
        next = e2 < to ? e2 + 1 : e2;
      }
      if (text[end - 1] === '\r') end--;
      out.push({ start: pos, end, next });
      pos = next;
    } else pos = lineEnd + 1;
  }
  return out;
}

function frontMatterOf(text: string): { bom: number; open: number; close: number; eol: string } | undefined {
  const bom = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
  const split = splitFrontMatter(text.slice(bom));
  if (!split) return undefined;
  const open = text.indexOf('\n', bom) + 1;
  return { bom, open, close: bom + split.closeStart, eol: text[open - 2] === '\r' ? '\r\n' : '\n' };
}

/** The file with its (last) top-level `date:` set to `value`, or one added after `title:` (or a front matter added); every other byte kept. */
export function setFrontMatterDate(bytes: Uint8Array, value: string): Uint8Array {
  const text = latin1(bytes);
  const line = 'date: ' + latin1(new TextEncoder().encode(value));
  const fm = frontMatterOf(text);
  if (!fm) {
    const bom = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
    const eol = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1)) ? '\r\n' : '\n';
    return unlatin1(text.slice(0, bom) + `---${eol}${line}${eol}---${eol}` + text.slice(bom));
  }
  const dates = dateEntries(text, fm.open, fm.close);
  const last = dates[dates.length - 1];
  if (last) return unlatin1(text.slice(0, last.start) + line + text.slice(last.end));
  // After the title entry (and its continuation lines), else before the closing fence.
  let at = fm.close;
  let pos = fm.open;
  while (pos < fm.close) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 || nl >= fm.close ? fm.close : nl;
    if (/^(?:title|"title"|'title')[ \t]*:/.test(text.slice(pos, lineEnd))) {
      at = lineEnd < fm.close ? lineEnd + 1 : fm.close;
      while (at < fm.close) {
        const n2 = text.indexOf('\n', at);
        const e2 = n2 < 0 || n2 >= fm.close ? fm.close : n2;
        if (!/^[ \t]+\S/.test(text.slice(at, e2))) break;
        at = e2 < fm.close ? e2 + 1 : fm.close;
      }
      break;
    }
    pos = lineEnd + 1;
  }
  const needsBreak = at > 0 && text[at - 1] !== '\n';
  // The line break of the line we insert after (a title line may end in CRLF in an LF file, or the reverse).
  const eol = at > 1 && text[at - 1] === '\n' ? (text[at - 2] === '\r' ? '\r\n' : '\n') : fm.eol;
  return unlatin1(text.slice(0, at) + (needsBreak ? eol : '') + line + eol + text.slice(at));
}

/** The file without its top-level `date:` entries; every other byte kept. */
export function removeFrontMatterDate(bytes: Uint8Array): Uint8Array {
  const text = latin1(bytes);
  const fm = frontMatterOf(text);
  if (!fm) return bytes;
  const dates = dateEntries(text, fm.open, fm.close);
  if (dates.length === 0) return bytes;
  let out = '';
  let pos = 0;
  for (const d of dates) {
    out += text.slice(pos, d.start);
    pos = d.next;
  }
  return unlatin1(out + text.slice(pos));
}

function predict(site: SiteModel, path: string, rel: string, kind: 'post' | 'draft', bytes: Uint8Array, nowMs: number): Prediction {
  const doc = parseSiteDocument(path, rel, kind, new TextDecoder('utf-8').decode(bytes));
  const info = resolvePost(doc, site, { nowMs, mtimeMs: nowMs });
  return { date: formatRubyTime(info.date), slug: info.slug, url: info.url, title: info.title, categories: info.categories, layout: info.layout };
}

/** Plans publishing a draft: `_drafts/x.md` → `_posts/<date>-x.md` (sub-folders kept) with `date:` set to now in the site's zone. */
export async function planPublish(fs: SiteFs, site: SiteModel, path: string, options: { nowMs: number; dateFormat?: string }): Promise<MovePlan | PlanError> {
  const rel = relativePath(site.root, path);
  const c = rel === undefined ? undefined : classify(site, rel);
  if (rel === undefined || !c || c.kind !== 'draft' || c.skipped) return { ok: false, code: 'not-a-draft', detail: rel ?? path };
  const format = options.dateFormat ?? DEFAULT_DATE_FORMAT;
  const formatError = dateFormatProblem(format);
  if (formatError) return formatError;
  const date = siteNow(site, options.nowMs);
  const f = fieldsAt(date);
  const day = `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
  const parts = rel.split('/');
  const at = parts.indexOf('_drafts');
  const name = parts[parts.length - 1]!;
  const toRel = [...parts.slice(0, at), '_posts', ...parts.slice(at + 1, -1), `${day}-${name}`].join('/');
  const target = classify(site, toRel);
  if (!target || target.kind !== 'post' || target.skipped) return { ok: false, code: 'not-a-draft', detail: rel };
  const bytes = setFrontMatterDate(await fs.readFile(path), yamlDate(strftime(format, date)!));
  const to = joinPath(site.root, toRel);
  return { ok: true, from: path, to, fromRelative: rel, toRelative: toRel, exists: (await fs.stat(to)) !== undefined, bytes, predicted: predict(site, to, toRel, 'post', bytes, date.epochMs) };
}

/** Plans unpublishing a post: `_posts/<date>-x.md` → `_drafts/x.md` (sub-folders kept), its `date:` removed. */
export async function planUnpublish(fs: SiteFs, site: SiteModel, path: string, options: { nowMs: number }): Promise<MovePlan | PlanError> {
  const rel = relativePath(site.root, path);
  const c = rel === undefined ? undefined : classify(site, rel);
  if (rel === undefined || !c || c.kind !== 'post' || c.skipped || !c.postName) return { ok: false, code: 'not-a-post', detail: rel ?? path };
  const parts = rel.split('/');
  const at = parts.indexOf('_posts');
  const inner = parts.slice(at + 1).join('/');
  const m = POST_FILENAME.exec(inner)!;
  const name = `${m[2]!}${m[3]!}`;
  const toRel = [...parts.slice(0, at), '_drafts', ...parts.slice(at + 1, -1), name].join('/');
  const target = classify(site, toRel);
  if (m[2] === '' || !target || target.kind !== 'draft' || target.skipped) return { ok: false, code: 'empty-name', detail: rel };
  const bytes = removeFrontMatterDate(await fs.readFile(path));
  const to = joinPath(site.root, toRel);
  return { ok: true, from: path, to, fromRelative: rel, toRelative: toRel, exists: (await fs.stat(to)) !== undefined, bytes, predicted: predict(site, to, toRel, 'draft', bytes, options.nowMs) };
}

/** An English message for a plan error (the CLI's; the extension localises its own). */
export function describePlanError(e: PlanError): string {
  switch (e.code) {
    case 'empty-title':
      return 'The title is empty.';
    case 'no-letters':
      return `"${e.detail}" has no letter or digit to make a file name from.`;
    case 'empty-slug':
      return `This title gives an empty slug in slug mode "${e.detail}"${e.detail === 'latin' || e.detail === 'ascii' ? ' (it keeps only Latin letters and digits)' : ''}.`;
    case 'bad-folder':
      return `Jekyll does not read posts from "${e.detail}".`;
    case 'bad-date-format':
      return `The date format "${e.detail}" is not a strftime format with a year (e.g. %Y-%m-%d %H:%M:%S %z).`;
    case 'not-a-draft':
      return `${e.detail} is not a draft Jekyll reads (a file in a _drafts folder).`;
    case 'not-a-post':
      return `${e.detail} is not a post Jekyll reads (a dated file in a _posts folder).`;
    case 'empty-name':
      return `${e.detail} would have an empty name without its date.`;
  }
}
