import { isSeq } from 'yaml';
import { documentFor } from './check';
import type { SiteDocument } from './document';
import { scalarWords, sourceScalar, topPair, yamlScalarAs, yamlString, type SourceScalar } from './edit';
import type { FileEdits, TextEdit } from './problem';
import { fold } from './rules/taxonomyVariant';
import { readText } from './site';
import type { IndexedPost, SiteIndex } from './siteIndex';
import { joinPath, type SiteFs } from './siteFs';

/**
 * Tags and categories across a site: summaries for completions, hovers and
 * the taxonomy view (variants folded as the taxonomy-variant rule folds
 * them), and the rename/merge of one value in every post, as minimal edits
 * in each post's own YAML form.
 */

export type TaxonomyKind = 'tag' | 'category';

/** The front-matter keys a kind is written under: plural first. Jekyll splits a plural string on blanks, never a singular one. */
export function taxonomyKeys(kind: TaxonomyKind): ['tags', 'tag'] | ['categories', 'category'] {
  return kind === 'tag' ? ['tags', 'tag'] : ['categories', 'category'];
}

/** The kind a front-matter key holds, if it holds one. */
export function taxonomyKindOf(key: string): TaxonomyKind | undefined {
  return key === 'tags' || key === 'tag' ? 'tag' : key === 'categories' || key === 'category' ? 'category' : undefined;
}

export function valuesOfPost(info: IndexedPost['info'], kind: TaxonomyKind): string[] {
  return kind === 'tag' ? info.tags.map(String) : info.categories;
}

export interface Spelling {
  value: string;
  count: number;
}

/** One tag or category of the site, its case/separator variants folded under the most used spelling. */
export interface TaxonomyEntry {
  /** The site's most used spelling (the one taxonomy-variant suggests). */
  value: string;
  /** Posts using exactly that spelling. */
  count: number;
  /** Posts using any spelling of it. */
  total: number;
  /** The other spellings, most used first. */
  variants: Spelling[];
  /** The fold key (lower case, `-`/`_`/blank runs as one space). */
  fold: string;
  lower: string;
  /** The most recent post using it (drafts only when no post does). */
  latest: IndexedPost | undefined;
  /** For categories: posts that get it from a folder above `_posts`. */
  fromFolder: number;
}

export interface TaxonomySummary {
  /** Most used first (by total), then by spelling. */
  entries: TaxonomyEntry[];
  byFold: Map<string, TaxonomyEntry>;
}

export interface KeyStat {
  key: string;
  /** Posts whose own front matter writes it. */
  count: number;
  /** The type of value seen most under it. */
  type: string;
}

/** What a summary reads of a post: when none of it changed, cached summaries stay valid. */
function signature(p: IndexedPost): string {
  const i = p.info;
  const author = i.data.author;
  return [i.tags.map(String).join('\u0001'), i.categories.join('\u0001'), i.title, i.date.epochMs, i.draft, i.layout ?? '', typeof author === 'string' ? author : (JSON.stringify(author) ?? ''), (p.keys ?? []).join('\u0001')].join('\u0000');
}

/** A post that came, went or changed what summaries show. */
interface Change {
  rel: string;
  old: IndexedPost | undefined;
  now: IndexedPost | undefined;
}

/** Beyond this many changed posts at once, summaries are rebuilt rather than patched. */
const PATCH_LIMIT = 64;

/**
 * Site-wide summaries derived from an index, cached until a post comes, goes
 * or changes what they show. Editing a post's body (the index follows the
 * editor's text) leaves them valid; editing its tags patches the taxonomies
 * (a few entries and a near-sorted re-sort) instead of rebuilding them.
 */
export class SiteSummary {
  private readonly snapshot = new Map<string, IndexedPost>();
  private readonly signatures = new Map<string, string>();
  private parts = new Map<string, unknown>();

  private constructor(private readonly index: SiteIndex) {}

  private static readonly cache = new WeakMap<SiteIndex, SiteSummary>();

  /** The (validated) summary of an index. */
  static of(index: SiteIndex): SiteSummary {
    let s = SiteSummary.cache.get(index);
    if (!s) {
      s = new SiteSummary(index);
      SiteSummary.cache.set(index, s);
    }
    s.validate();
    return s;
  }

  /** Finds the posts that changed (one pass of identity checks when none did), then patches or drops the parts. */
  private validate(): void {
    const changes: Change[] = [];
    for (const [rel, p] of this.index.posts) {
      const old = this.snapshot.get(rel);
      if (old === p) continue;
      const sig = signature(p);
      if (this.signatures.get(rel) !== sig) changes.push({ rel, old, now: p });
      this.snapshot.set(rel, p);
      this.signatures.set(rel, sig);
    }
    if (this.snapshot.size !== this.index.posts.size) {
      for (const [rel, old] of [...this.snapshot]) {
        if (this.index.posts.has(rel)) continue;
        changes.push({ rel, old, now: undefined });
        this.snapshot.delete(rel);
        this.signatures.delete(rel);
      }
    }
    if (changes.length === 0) return;
    const kept = new Map<string, unknown>();
    if (changes.length <= PATCH_LIMIT) {
      for (const kind of ['tag', 'category'] as const) {
        const t = this.parts.get(`taxonomy:${kind}`) as TaxonomyState | undefined;
        if (t && patchTaxonomy(this.index, kind, t, changes)) kept.set(`taxonomy:${kind}`, t);
      }
    }
    // The other parts are one cheap pass over the posts: rebuilt when next asked for.
    this.parts = kept;
  }

  private part<T>(name: string, build: () => T): T {
    if (!this.parts.has(name)) this.parts.set(name, build());
    return this.parts.get(name) as T;
  }

  taxonomy(kind: TaxonomyKind): TaxonomySummary {
    return this.part(`taxonomy:${kind}`, () => buildTaxonomy(this.index, kind));
  }

  /** Keys the posts' own front matter writes, most used first. */
  keys(): KeyStat[] {
    return this.part('keys', () => {
      const stats = new Map<string, { count: number; types: Map<string, number> }>();
      for (const p of this.index.posts.values()) {
        for (const key of new Set(p.keys ?? [])) {
          let s = stats.get(key);
          if (!s) stats.set(key, (s = { count: 0, types: new Map() }));
          s.count++;
          const t = typeOfValue(p.info.data[key]);
          s.types.set(t, (s.types.get(t) ?? 0) + 1);
        }
      }
      return [...stats]
        .map(([key, s]) => ({ key, count: s.count, type: [...s.types].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0] }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    });
  }

  /** Effective `layout` → posts using it. */
  layoutUse(): Map<string, number> {
    return this.part('layouts', () => countBy(this.index, (p) => (p.info.layout === null ? [] : [p.info.layout])));
  }

  /** Effective `author` values (strings, or each of a list) → posts using them. */
  authorUse(): Map<string, number> {
    return this.part('authors', () =>
      countBy(this.index, (p) => {
        const a = p.info.data.author ?? p.info.data.authors;
        return (Array.isArray(a) ? a : [a]).filter((x): x is string => typeof x === 'string' && x.trim() !== '');
      }),
    );
  }
}

function countBy(index: SiteIndex, values: (p: IndexedPost) => string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of index.posts.values()) for (const v of new Set(values(p))) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

/** A front-matter value's type as an author would name it. */
export function typeOfValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'boolean') return 'true/false';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'object' && 'zoned' in v) return 'date';
  return 'map';
}

/** Whether `b` is more recent than `a` (posts before drafts; on the same instant, the path that sorts last). */
function newer(a: IndexedPost | undefined, b: IndexedPost): boolean {
  if (!a) return true;
  if (a.info.draft !== b.info.draft) return a.info.draft;
  return b.info.date.epochMs > a.info.date.epochMs || (b.info.date.epochMs === a.info.date.epochMs && b.relativePath > a.relativePath);
}

/** A taxonomy summary with what patching it needs. */
interface TaxonomyState extends TaxonomySummary {
  latestByValue: Map<string, IndexedPost>;
  /** Categories: posts that get each from a folder above `_posts`. */
  fromFolder: Map<string, number>;
}

/** The taxonomy-variant rule's order of spellings: most used first, then the one that sorts first. */
function bySpelling(a: Spelling, b: Spelling): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

function byUse(a: TaxonomyEntry, b: TaxonomyEntry): number {
  return b.total - a.total || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/** The entry of one fold group from its spellings. */
function entryFor(k: string, spellings: Spelling[], state: Pick<TaxonomyState, 'latestByValue' | 'fromFolder'>): TaxonomyEntry {
  spellings.sort(bySpelling);
  const top = spellings[0]!;
  let total = 0;
  let latest: IndexedPost | undefined;
  for (const sp of spellings) {
    total += sp.count;
    const l = state.latestByValue.get(sp.value);
    if (l && newer(latest, l)) latest = l;
  }
  return { value: top.value, count: top.count, total, variants: spellings.slice(1), fold: k, lower: top.value.toLowerCase(), latest, fromFolder: state.fromFolder.get(top.value) ?? 0 };
}

function buildTaxonomy(index: SiteIndex, kind: TaxonomyKind): TaxonomyState {
  const counts = kind === 'tag' ? index.tags : index.categories;
  const latestByValue = new Map<string, IndexedPost>();
  const fromFolder = new Map<string, number>();
  for (const p of index.posts.values()) {
    for (const v of valuesOfPost(p.info, kind)) if (newer(latestByValue.get(v), p)) latestByValue.set(v, p);
    if (kind === 'category') {
      const i = p.info.relativePath.indexOf('_posts/');
      if (i > 0) for (const c of new Set(p.info.relativePath.slice(0, i).split('/').filter(Boolean))) fromFolder.set(c, (fromFolder.get(c) ?? 0) + 1);
    }
  }
  const groups = new Map<string, Spelling[]>();
  for (const [value, count] of counts) {
    const k = fold(value);
    const g = groups.get(k);
    if (g) g.push({ value, count });
    else groups.set(k, [{ value, count }]);
  }
  const state: TaxonomyState = { entries: [], byFold: new Map(), latestByValue, fromFolder };
  for (const [k, spellings] of groups) {
    const e = entryFor(k, spellings, state);
    state.byFold.set(k, e);
    state.entries.push(e);
  }
  state.entries.sort(byUse);
  return state;
}

/**
 * Applies a few changed posts to a taxonomy summary in place: the groups of
 * the values they had or have are recomputed, the list re-sorted (near-sorted,
 * so about linear). False when it must be rebuilt instead (a category post came
 * or went: folder counts change).
 */
function patchTaxonomy(index: SiteIndex, kind: TaxonomyKind, state: TaxonomyState, changes: readonly Change[]): boolean {
  if (kind === 'category' && changes.some((c) => !c.old || !c.now)) return false;
  const counts = kind === 'tag' ? index.tags : index.categories;
  const touched = new Set<string>();
  for (const c of changes) {
    if (c.old) for (const v of valuesOfPost(c.old.info, kind)) touched.add(v);
    if (c.now) for (const v of valuesOfPost(c.now.info, kind)) touched.add(v);
  }
  if (touched.size === 0) return true;
  // Latest post per value: a changed post may become it; when it was it, look again (one pass for all such values).
  const changedRels = new Set(changes.map((c) => c.rel));
  const rescan = new Set<string>();
  for (const v of touched) {
    const cur = state.latestByValue.get(v);
    if (!counts.has(v)) {
      state.latestByValue.delete(v);
      continue;
    }
    if (cur && changedRels.has(cur.relativePath)) {
      rescan.add(v);
      continue;
    }
    for (const c of changes) if (c.now && valuesOfPost(c.now.info, kind).includes(v) && newer(state.latestByValue.get(v), c.now)) state.latestByValue.set(v, c.now);
  }
  if (rescan.size > 0) {
    for (const v of rescan) state.latestByValue.delete(v);
    for (const p of index.posts.values()) {
      const values: readonly unknown[] = kind === 'tag' ? p.info.tags : p.info.categories;
      for (const x of values) {
        const v = typeof x === 'string' ? x : String(x);
        if (rescan.has(v) && newer(state.latestByValue.get(v), p)) state.latestByValue.set(v, p);
      }
    }
  }
  const byGroup = new Map<string, Set<string>>();
  for (const v of touched) {
    const k = fold(v);
    const g = byGroup.get(k);
    if (g) g.add(v);
    else byGroup.set(k, new Set([v]));
  }
  let removed = false;
  for (const [k, values] of byGroup) {
    const old = state.byFold.get(k);
    if (old) {
      values.add(old.value);
      for (const sp of old.variants) values.add(sp.value);
    }
    const spellings: Spelling[] = [];
    for (const v of values) {
      const n = counts.get(v);
      if (n) spellings.push({ value: v, count: n });
      else state.latestByValue.delete(v);
    }
    if (spellings.length === 0) {
      if (old) state.byFold.delete(k);
      removed ||= old !== undefined;
      continue;
    }
    const e = entryFor(k, spellings, state);
    if (old) Object.assign(old, e);
    else {
      state.byFold.set(k, e);
      state.entries.push(e);
    }
  }
  if (removed) {
    let j = 0;
    for (const e of state.entries) if (state.byFold.get(e.fold) === e) state.entries[j++] = e;
    state.entries.length = j;
  }
  state.entries.sort(byUse);
  return true;
}

/** The posts (and drafts) using exactly this value, most recent first. */
export function postsUsing(index: SiteIndex, kind: TaxonomyKind, value: string): IndexedPost[] {
  const out: IndexedPost[] = [];
  for (const p of index.posts.values()) if (valuesOfPost(p.info, kind).includes(value)) out.push(p);
  return out.sort((a, b) => Number(a.info.draft) - Number(b.info.draft) || b.info.date.epochMs - a.info.date.epochMs || (a.relativePath < b.relativePath ? -1 : 1));
}

// ------------------------------------------------------------------ values in the source

/** One value of a taxonomy key as written: a list item, a whole scalar, or one word of a string Jekyll splits. */
export interface SourceValue {
  /** As Jekyll reads it (numbers and dates as their text). */
  value: string;
  start: number;
  end: number;
  key: string;
  form: 'flow' | 'block' | 'words' | 'scalar';
  scalar: SourceScalar;
}

/** A scalar's value as the text the index counts it by. */
export function scalarString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v) ?? '';
}

/** The values the last `key:` of a post holds, with their offsets; undefined when its form can't be mapped onto the text. */
export function sourceValues(doc: SiteDocument, key: string): SourceValue[] | undefined {
  const p = topPair(doc, key);
  if (!p || p.value === null) return [];
  if (isSeq(p.value)) {
    const flow = p.value.flow === true;
    const out: SourceValue[] = [];
    for (const item of p.value.items) {
      const s = sourceScalar(doc, item);
      if (!s) {
        if (item === null) continue;
        return undefined;
      }
      if (s.value === null || s.style === 'block') continue;
      out.push({ value: scalarString(s.value), start: s.start, end: s.end, key, form: flow ? 'flow' : 'block', scalar: s });
    }
    return out;
  }
  const s = sourceScalar(doc, p.value);
  if (!s) return undefined;
  if (s.value === null) return [];
  const splits = key === 'tags' || key === 'categories';
  if (splits && typeof s.value === 'string') {
    const words = scalarWords(doc, s);
    return words?.map((w) => ({ value: w.word, start: w.start, end: w.end, key, form: 'words', scalar: s }));
  }
  if (s.style === 'block') return undefined;
  return [{ value: scalarString(s.value), start: s.start, end: s.end, key, form: 'scalar', scalar: s }];
}

/** The taxonomy value under an offset of the front matter, if any. */
export function sourceValueAt(doc: SiteDocument, offset: number): (SourceValue & { kind: TaxonomyKind }) | undefined {
  for (const key of ['tags', 'tag', 'categories', 'category']) {
    const v = sourceValues(doc, key)?.find((x) => offset >= x.start && offset <= x.end);
    if (v) return { ...v, kind: taxonomyKindOf(key)! };
  }
  return undefined;
}

// ------------------------------------------------------------------ rename / merge

export interface RenameRequest {
  kind: TaxonomyKind;
  from: string;
  to: string;
}

/** A word that can sit in a plain space-separated string and stay one word. */
const PLAIN_WORD = /^[\p{L}\p{N}_][\p{L}\p{N}_.+\-/&()']*$/u;

/**
 * The minimal edits that rename `from` to `to` in one post, in the form each
 * key is written in (flow list, block list, space-separated string, singular
 * scalar), quoting kept. Where `to` is already in the same list or string,
 * `from` is removed instead (a merge). Returns a reason instead when the post
 * holds `from` in a form that can't be edited safely.
 */
export function renameEdits(doc: SiteDocument, req: RenameRequest): TextEdit[] | { reason: string } {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const text = doc.text;
  for (const key of taxonomyKeys(req.kind)) {
    const values = sourceValues(doc, key);
    if (values === undefined) {
      const pair = topPair(doc, key);
      const holds = pair && text.slice(pair.valueStart, pair.valueEnd).includes(req.from);
      if (holds) return { reason: `\`${key}:\` is written in a form (block scalar, escapes, nested values) that can't be edited safely` };
      continue;
    }
    const hits = values.filter((v) => v.value === req.from);
    if (hits.length === 0) continue;
    const form = hits[0]!.form;
    if (form === 'scalar') {
      for (const v of hits) edits.push({ start: v.start, end: v.end, text: yamlScalarAs(req.to, v.scalar.style === 'block' ? 'plain' : v.scalar.style) });
      continue;
    }
    let hasTo = values.some((v) => v.value === req.to);
    if (form === 'words' && !hasTo && (/[ \t\r\n\f\v]/.test(req.to) || replacementText(hits[0]!, req.to) === undefined)) {
      // A string Jekyll splits can't hold a value with blanks (nor, unquoted, one starting with `#` …): write the list it stands for, in its quoting style.
      const s = hits[0]!.scalar;
      const style = s.style === 'block' ? 'plain' : s.style;
      const items = values.map((v) => (v.value === req.from ? req.to : v.value)).filter((v, i, all) => all.indexOf(v) === i);
      edits.push({ start: s.start, end: s.end, text: '[' + items.map((i) => yamlScalarAs(i, style, true)).join(', ') + ']' });
      continue;
    }
    for (const v of hits) {
      if (hasTo) {
        edits.push(removal(text, values, v));
        continue;
      }
      const replaced = replacementText(v, req.to);
      if (replaced === undefined) return { reason: `\`${req.to}\` can't be written as one word of the string \`${key}:\` holds` };
      hasTo = true;
      edits.push({ start: v.start, end: v.end, text: replaced });
    }
  }
  edits.sort((a, b) => a.start - b.start);
  return edits.map((e) => ({ range: doc.lines.rangeOf(e.start, e.end), newText: e.text }));
}

/** `to` written where `v` was: in its quotes, or plain (quoted when it must be). */
function replacementText(v: SourceValue, to: string): string | undefined {
  const style = v.scalar.style;
  if (v.form === 'words') {
    if (style === 'double') return JSON.stringify(to).slice(1, -1);
    if (style === 'single') return to.replace(/'/g, "''");
    return PLAIN_WORD.test(to) ? to : undefined;
  }
  if (style === 'double' || style === 'single') return yamlScalarAs(to, style);
  return v.form === 'flow' ? yamlScalarAs(to, 'plain', true) : yamlString(to);
}

/** The span that removes one value with its separator: `, x` in a flow list, the item's line in a block list, a word and the blanks before it. */
function removal(text: string, values: readonly SourceValue[], v: SourceValue): { start: number; end: number; text: string } {
  if (v.form === 'block') {
    const lineStart = text.lastIndexOf('\n', v.start - 1) + 1;
    const nl = text.indexOf('\n', v.end);
    return { start: lineStart, end: nl < 0 ? text.length : nl + 1, text: '' };
  }
  const i = values.indexOf(v);
  if (v.form === 'words') {
    if (i > 0) return { start: values[i - 1]!.end, end: v.end, text: '' };
    const next = values[i + 1];
    return { start: v.start, end: next ? next.start : v.end, text: '' };
  }
  // Flow: the comma before the item (and the blanks around it); for the first item, the comma after it.
  let s = v.start;
  while (s > 0 && /[ \t\r\n]/.test(text[s - 1]!)) s--;
  if (text[s - 1] === ',') return { start: s - 1, end: v.end, text: '' };
  let e = v.end;
  while (e < text.length && /[ \t\r\n]/.test(text[e]!)) e++;
  if (text[e] === ',') {
    e++;
    while (e < text.length && /[ \t]/.test(text[e]!)) e++;
  } else e = v.end;
  return { start: v.start, end: e, text: '' };
}

export interface RenamePlan {
  /** One entry per post to edit (absolute paths). */
  files: FileEdits[];
  /** Posts using `from` that no edit of theirs can change, and why. */
  skipped: Array<{ path: string; reason: string }>;
  /** `to` was already used on the site: this merges two values. */
  merge: boolean;
  /** Posts using `from`. */
  using: number;
}

/**
 * Plans renaming (or merging) a tag or category in every post of the site
 * that uses it. Texts come from `openText` (an editor's unsaved text) or the
 * file. Values that come from a folder above `_posts` or from `defaults:` are
 * reported, not edited.
 */
export async function planTaxonomyRename(fs: SiteFs, index: SiteIndex, req: RenameRequest, openText: (path: string) => string | undefined = () => undefined): Promise<RenamePlan> {
  const using = postsUsing(index, req.kind, req.from);
  const counts = req.kind === 'tag' ? index.tags : index.categories;
  const plan: RenamePlan = { files: [], skipped: [], merge: (counts.get(req.to) ?? 0) > 0, using: using.length };
  if (req.from === req.to) return plan;
  for (const p of using) {
    const path = joinPath(index.site.root, p.relativePath);
    const text = openText(path) ?? (await readText(fs, path));
    const doc = text === undefined ? undefined : documentFor(index.site, path, text);
    if (!doc?.frontMatter || doc.frontMatter.errors.length > 0) {
      plan.skipped.push({ path, reason: 'its front matter does not parse' });
      continue;
    }
    const edits = renameEdits(doc, req);
    if ('reason' in edits) plan.skipped.push({ path, reason: edits.reason });
    else if (edits.length > 0) plan.files.push({ path, edits });
    else plan.skipped.push({ path, reason: whyNotWritten(p, req) });
  }
  return plan;
}

function whyNotWritten(p: IndexedPost, req: RenameRequest): string {
  if (req.kind === 'category') {
    const i = p.info.relativePath.indexOf('_posts/');
    if (i > 0 && p.info.relativePath.slice(0, i).split('/').includes(req.from)) return `the category comes from the folder \`${p.info.relativePath.slice(0, i)}\``;
  }
  return "the value comes from `defaults:` in _config.yml, not from the post's front matter";
}
