import { defaultsFor } from './defaults';
import { opensWithFence, splitFrontMatter } from './frontMatter';
import { opaqueAt, scanLiquid } from './liquidScan';
import type { PostInfo } from './post';
import { editorPost, mdCode, mdEscape, postCount, postLine, siteRelative, type PostPositionRequest } from './postText';
import type { Range } from './problem';
import { classify, POST_FILENAME, readText } from './site';
import { joinPath } from './siteFs';
import { SiteSummary, taxonomyKindOf, typeOfValue, type TaxonomyEntry } from './taxonomy';
import { LineIndex } from './text';
import { formatOffset, formatRubyTime, inZone, type ZonedTime } from './timezone';
import { topPairs, yamlScalarAs, yamlString } from './edit';
import { notWritten } from './rules/brokenLink';
import { fold } from './rules/taxonomyVariant';
import { isRecord } from './yamlValue';

/**
 * Completions for a post as the author types it: front-matter keys and the
 * values of `tags`/`categories` (every YAML form), `layout`, `author`,
 * `image`, `date`, `published`; in the body the targets of `{% post_url %}`,
 * `{% link %}`, `{% include %}` (and the parameters an include reads), and
 * the keys under `site.` and `page.`. Everything comes from the site index.
 *
 * The context is read from the text itself, not from the YAML parser: while
 * the author types, the front matter is usually not valid YAML (`tags: [web,`).
 */

// ------------------------------------------------------------------ context

/** How a value is written: a flow list `[a, b]`, a block list `- a`, a string Jekyll splits on blanks, or one scalar. */
export type ValueForm = 'flow' | 'block' | 'words' | 'scalar';
export type Quote = '"' | "'" | undefined;

interface Span {
  /** The partial word being completed: [start, end) is what an item replaces (the rest of the word after the cursor included). */
  start: number;
  end: number;
  /** The text from `start` to the cursor. */
  partial: string;
}

export type CompletionContext =
  | (Span & { kind: 'key'; /** The line already has `key:` after the cursor. */ hasColon: boolean; /** The keys the front matter has. */ present: string[] })
  | (Span & {
      kind: 'value';
      key: string;
      form: ValueForm;
      /** The quote the value is inside of (kept: items insert without quotes of their own). */
      quote: Quote;
      /** The other values already in the list or string. */
      present: string[];
      /** The cursor is right after `key:` or `-`: items need a blank first. */
      leadingSpace: boolean;
    })
  | (Span & { kind: 'post_url' | 'link' | 'include' })
  | (Span & { kind: 'include-param'; include: string; present: string[] })
  | (Span & { kind: 'variable'; root: 'site' | 'page'; path: string[] });

interface FrontMatterBounds {
  /** First offset of the YAML (after the opening fence's line). */
  start: number;
  /** Where the closing fence starts (the text's end when there is none yet). */
  end: number;
  bodyStart: number;
}

/** The front matter's extent; while it is being written (no closing fence yet), everything after the opening fence. */
export function frontMatterBounds(text: string): FrontMatterBounds | undefined {
  if (!opensWithFence(text)) return undefined;
  const start = text.indexOf('\n') + 1;
  const split = splitFrontMatter(text);
  if (split) return { start, end: split.closeStart, bodyStart: split.bodyStart };
  const close = /^(?:---|\.\.\.)[ \t\r]*$/m.exec(text.slice(start));
  if (close) return { start, end: start + close.index, bodyStart: start + close.index + close[0].length + 1 };
  return { start, end: text.length, bodyStart: text.length };
}

const KEY_LINE = /^([A-Za-z_][\w.-]*|"[^"\n]*"|'[^'\n]*')[ \t]*:(?=[ \t]|$)/;

/** The completion context at `offset` of a post's text (without BOM), or undefined where nothing is offered. */
export function contextAt(text: string, offset: number): CompletionContext | undefined {
  const fm = frontMatterBounds(text);
  if (fm && offset >= fm.start && offset <= fm.end && !(offset === fm.end && fm.end < text.length)) return yamlContext(text, offset, fm);
  const bodyStart = fm ? fm.bodyStart : 0;
  if (offset < bodyStart) return undefined;
  const ctx = liquidContext(text, offset, bodyStart);
  if (!ctx) return undefined;
  // Nothing runs inside {% raw %} or {% comment %}.
  const scan = scanLiquid(text, { bodyStart, markdown: false });
  return opaqueAt(scan, offset) ? undefined : ctx;
}

function lineAround(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  return { start, end: Math.max(end, offset) };
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}

/** The keys written at column 0 of the front matter. */
function presentKeys(text: string, fm: FrontMatterBounds, exceptLine: number): string[] {
  const out: string[] = [];
  let at = fm.start;
  while (at < fm.end) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 || nl > fm.end ? fm.end : nl;
    if (at !== exceptLine) {
      const m = KEY_LINE.exec(text.slice(at, lineEnd).replace(/\r$/, ''));
      if (m) out.push(unquote(m[1]!));
    }
    at = lineEnd + 1;
  }
  return out;
}

function yamlContext(text: string, offset: number, fm: FrontMatterBounds): CompletionContext | undefined {
  const line = lineAround(text, offset);
  const before = text.slice(line.start, offset);
  const after = text.slice(offset, line.end);
  if (/^[ \t]*#/.test(before) || /(^|[ \t])#/.test(before.replace(/"[^"]*"|'[^']*'/g, '""'))) return undefined;
  // A key being typed at column 0.
  if (/^[A-Za-z_][\w-]*$|^$/.test(before)) {
    const rest = /^[\w-]*/.exec(after)![0];
    if (before === '' && after.trim() !== '' && rest === '') return undefined;
    return { kind: 'key', start: line.start, end: offset + rest.length, partial: before, hasColon: /^[\w-]*[ \t]*:/.test(after), present: presentKeys(text, fm, line.start) };
  }
  const lineText = text.slice(line.start, line.end);
  const keyMatch = KEY_LINE.exec(lineText);
  if (keyMatch) {
    const valueStart = line.start + keyMatch[0].length;
    if (offset < valueStart) return undefined;
    return valueContext(text, offset, fm, unquote(keyMatch[1]!), valueStart);
  }
  // An indented line, or a `- ` item: the key it belongs to is the nearest key line above.
  let ownerStart = -1;
  let ownerMatch: RegExpExecArray | null = null;
  for (let at = line.start; at > fm.start; ) {
    const prevStart = text.lastIndexOf('\n', at - 2) + 1;
    const prev = text.slice(prevStart, at - 1).replace(/\r$/, '');
    at = prevStart;
    if (prev.trim() === '' || /^[ \t]/.test(prev) || /^-([ \t]|$)/.test(prev) || /^#/.test(prev)) continue;
    ownerMatch = KEY_LINE.exec(prev);
    ownerStart = prevStart;
    break;
  }
  if (!ownerMatch) return undefined;
  const key = unquote(ownerMatch[1]!);
  const ownerValueStart = ownerStart + ownerMatch[0].length;
  const item = /^([ \t]*)-([ \t]*)(.*)$/.exec(before);
  if (item) {
    const inline = text.slice(ownerValueStart, text.indexOf('\n', ownerValueStart)).replace(/[ \t]*(#.*)?\r?$/, '');
    if (inline.trim() !== '') return undefined;
    return blockItem(text, offset, fm, key, ownerStart, line, item[3]!, item[2] === '');
  }
  const sofar = text.slice(ownerValueStart, offset).trimStart();
  if (sofar.startsWith('[')) return valueContext(text, offset, fm, key, ownerValueStart);
  return undefined;
}

/** Values a block list holds on its item lines, the current one excepted. */
function blockItems(text: string, fm: FrontMatterBounds, ownerStart: number, exceptLine: number): string[] {
  const out: string[] = [];
  let at = text.indexOf('\n', ownerStart) + 1;
  while (at > 0 && at < fm.end) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 || nl > fm.end ? fm.end : nl;
    const l = text.slice(at, end).replace(/\r$/, '');
    if (l.trim() !== '' && !/^[ \t]/.test(l) && !/^-([ \t]|$)/.test(l) && !/^#/.test(l)) break;
    const m = /^[ \t]*-[ \t]+(.*?)[ \t]*(?:[ \t]#.*)?$/.exec(l);
    if (m && at !== exceptLine && m[1] !== '') out.push(unquote(m[1]!));
    at = end + 1;
  }
  return out;
}

function blockItem(text: string, offset: number, fm: FrontMatterBounds, key: string, ownerStart: number, line: { start: number; end: number }, itemBefore: string, noBlank: boolean): CompletionContext | undefined {
  if (!SUPPORTED_VALUES.has(key) || !taxonomyKindOf(key)) return undefined;
  const quote = itemBefore[0] === '"' || itemBefore[0] === "'" ? (itemBefore[0] as Quote) : undefined;
  const partial = quote ? itemBefore.slice(1) : itemBefore;
  if (quote && partial.includes(quote)) return undefined;
  const rest = restOfScalar(text.slice(offset, line.end), quote);
  return { kind: 'value', key, form: 'block', quote, start: offset - partial.length, end: offset + rest.length, partial, present: blockItems(text, fm, ownerStart, line.start), leadingSpace: noBlank && itemBefore === '' };
}

/** What follows the cursor of a scalar on its line: up to the closing quote, or (plain) up to a comment, trailing blanks dropped. */
function restOfScalar(afterText: string, quote: Quote): string {
  if (quote) {
    const q = afterText.indexOf(quote);
    return q < 0 ? afterText : afterText.slice(0, q);
  }
  return afterText.replace(/(^|[ \t])#.*$/, '').replace(/[ \t]+$/, '');
}

/** Keys whose values are completed. */
const SUPPORTED_VALUES = new Set(['tags', 'tag', 'categories', 'category', 'layout', 'author', 'image', 'date', 'published']);

function valueContext(text: string, offset: number, fm: FrontMatterBounds, key: string, valueStart: number): CompletionContext | undefined {
  if (!SUPPORTED_VALUES.has(key)) return undefined;
  const raw = text.slice(valueStart, offset);
  const lead = /^[ \t]*/.exec(raw)![0].length;
  const v = raw.slice(lead);
  const vStart = valueStart + lead;
  const leadingSpace = raw === '';
  const line = lineAround(text, offset);
  if (v.startsWith('[')) {
    if (!taxonomyKindOf(key)) return undefined;
    return flowContext(text, offset, fm, key, vStart);
  }
  if (/^[{|>&*!%@`]/.test(v) || v.includes('\n')) return undefined;
  const quote = v[0] === '"' || v[0] === "'" ? (v[0] as Quote) : undefined;
  const inner = quote ? v.slice(1) : v;
  if (quote && inner.includes(quote)) return undefined;
  const afterText = text.slice(offset, line.end);
  const splits = key === 'tags' || key === 'categories';
  if (splits) {
    const word = /[^ \t]*$/.exec(inner)![0];
    const restWord = /^[^ \t"'#]*/.exec(afterText)![0];
    const afterValue = quote ? afterText.slice(0, afterText.indexOf(quote) < 0 ? afterText.length : afterText.indexOf(quote)) : afterText.replace(/(^|[ \t])#.*$/, '');
    const present = [...inner.slice(0, inner.length - word.length).split(/[ \t]+/), ...afterValue.slice(restWord.length).split(/[ \t]+/)].filter(Boolean);
    return { kind: 'value', key, form: 'words', quote, start: offset - word.length, end: offset + restWord.length, partial: word, present, leadingSpace };
  }
  const rest = restOfScalar(afterText, quote);
  return { kind: 'value', key, form: 'scalar', quote, start: vStart + (quote ? 1 : 0), end: offset + rest.length, partial: inner, present: [], leadingSpace };
}

/** Inside `[a, b, |`: the current item, the others, and how far the item goes on after the cursor. */
function flowContext(text: string, offset: number, fm: FrontMatterBounds, key: string, bracket: number): CompletionContext | undefined {
  const items: string[] = [];
  let itemStart = bracket + 1;
  let quote: Quote;
  for (let i = bracket + 1; i < offset; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      items.push(text.slice(itemStart, i));
      itemStart = i + 1;
    } else if (c === ']' || c === '[' || c === '{' || c === '}') return undefined;
    else if (c === '#' && /[ \t\n]/.test(text[i - 1] ?? '')) return undefined;
  }
  const current = text.slice(itemStart, offset);
  const lead = /^[ \t\r\n]*/.exec(current)![0].length;
  const body = current.slice(lead);
  const q = body[0] === '"' || body[0] === "'" ? (body[0] as Quote) : undefined;
  const partial = q ? body.slice(1) : body;
  if (q && partial.includes(q)) return undefined;
  // The rest of the list after the cursor (up to `]` or the end of the front matter).
  let restEnd = offset;
  let inQuote: Quote = q;
  const later: string[] = [];
  let laterStart = -1;
  for (let i = offset; i < fm.end; i++) {
    const c = text[i]!;
    if (inQuote) {
      if (c === inQuote) {
        inQuote = undefined;
        if (laterStart < 0) restEnd = i;
      }
      continue;
    }
    if (c === '"' || c === "'") inQuote = c;
    else if (c === ',' || c === ']' || c === '\n' || (c === '#' && /[ \t]/.test(text[i - 1] ?? ''))) {
      if (laterStart < 0) {
        if (!q) restEnd = i;
        laterStart = i + 1;
      } else later.push(text.slice(laterStart, i));
      if (c !== ',') {
        if (c !== '\n' || text.slice(i + 1, fm.end).trimStart().startsWith(']')) break;
      }
      if (c === ',') laterStart = i + 1;
    }
  }
  if (!q) while (restEnd > offset && /[ \t\r]/.test(text[restEnd - 1]!)) restEnd--;
  if (q && restEnd < offset) restEnd = offset;
  const present = [...items, ...later].map(unquote).filter(Boolean);
  return { kind: 'value', key, form: 'flow', quote: q, start: offset - partial.length, end: restEnd, partial, present, leadingSpace: false };
}

function liquidContext(text: string, offset: number, bodyStart: number): CompletionContext | undefined {
  const from = Math.max(bodyStart, offset - 2000);
  const seg = text.slice(from, offset);
  const openTag = seg.lastIndexOf('{%');
  const openOut = seg.lastIndexOf('{{');
  const open = Math.max(openTag, openOut);
  if (open < 0) return undefined;
  const inner = seg.slice(open + 2);
  const isTag = openTag > openOut;
  if (isTag ? inner.includes('%}') : inner.includes('}')) return undefined;
  const innerStart = from + open + 2;
  const afterWord = (re: RegExp): number => offset + (re.exec(text.slice(offset, offset + 500))?.[0].length ?? 0);
  if (isTag) {
    const m = /^-?[ \t\r\n]*(\w+)([ \t\r\n]+)([\s\S]*)$/.exec(inner);
    if (m && (m[1] === 'post_url' || m[1] === 'link' || m[1] === 'include')) {
      const args = m[3]!;
      const argsStart = innerStart + inner.length - args.length;
      if (!/[ \t\r\n]/.test(args)) {
        if (args.includes('{')) return undefined;
        return { kind: m[1], start: argsStart, end: afterWord(/^[^\s%}"']*/), partial: args };
      }
      if (m[1] === 'include') {
        const file = /^\S+/.exec(args)![0];
        const params = args.slice(file.length);
        const balanced = (params.match(/"/g) ?? []).length % 2 === 0 && (params.match(/'/g) ?? []).length % 2 === 0;
        const p = /(^|[ \t\r\n])([A-Za-z_][\w-]*)?$/.exec(params);
        if (!balanced || !p || file.includes('{{')) return undefined;
        const word = p[2] ?? '';
        const tagRest = text.slice(offset, text.indexOf('%}', offset) < 0 ? offset : text.indexOf('%}', offset));
        const present = [...(params + tagRest).matchAll(/([A-Za-z_][\w-]*)[ \t]*=/g)].map((x) => x[1]!);
        return { kind: 'include-param', include: file, start: offset - word.length, end: afterWord(/^[\w-]*/), partial: word, present };
      }
      return undefined;
    }
  }
  const v = /(?:^|[^\w.])(site|page)((?:\.[\w-]+)*)\.([\w-]*)$/.exec(inner);
  if (v) {
    const partial = v[3]!;
    return { kind: 'variable', root: v[1] as 'site' | 'page', path: v[2]!.split('.').filter(Boolean), start: offset - partial.length, end: afterWord(/^[\w-]*/), partial };
  }
  return undefined;
}

// ------------------------------------------------------------------ items

export type EntryKind = 'key' | 'value' | 'taxonomy' | 'layout' | 'author' | 'image' | 'file' | 'post' | 'include' | 'parameter' | 'variable' | 'constant';

export interface CompletionEntry {
  label: string;
  kind: EntryKind;
  detail?: string;
  /** Markdown: where the value comes from. */
  documentation?: string;
  /** What is inserted, when not the label. */
  insertText?: string;
  /** `insertText` is a snippet (`$1` tab stops). */
  snippet?: boolean;
  filterText?: string;
  /** Orders the list as the core ranked it. */
  sortText: string;
  /** A site file the item stands for (relative to the site root): adapters link it, or preview an image. */
  file?: string;
  /** Ask for completions again after inserting (a key whose value is completed too). */
  retrigger?: boolean;
}

export interface CompletionResult {
  context: CompletionContext;
  /** What every item replaces: the partial word, quotes excluded. */
  range: Range;
  items: CompletionEntry[];
  /** More items match than were returned: ask again as the author types. */
  incomplete: boolean;
}

export interface CompletionRequest extends PostPositionRequest {
  /** At most this many items (default 200); the list is then marked incomplete. */
  limit?: number;
}

const DEFAULT_LIMIT = 200;

/** Completions at a position of a post (or page) of the site; undefined where there is nothing to offer. */
export async function complete(req: CompletionRequest): Promise<CompletionResult | undefined> {
  const context = contextAt(req.text, req.offset);
  if (!context) return undefined;
  const out = new Collector(req.limit ?? DEFAULT_LIMIT, context.partial);
  switch (context.kind) {
    case 'key':
      keyItems(req, context, out);
      break;
    case 'value':
      valueItems(req, context, out);
      break;
    case 'post_url':
      postUrlItems(req, out);
      break;
    case 'link':
      linkItems(req, out);
      break;
    case 'include':
      includeItems(req, out);
      break;
    case 'include-param':
      await includeParamItems(req, context, out);
      break;
    case 'variable':
      variableItems(req, context, out);
      break;
  }
  const lines = new LineIndex(req.text);
  return { context, range: lines.rangeOf(context.start, context.end), items: out.items, incomplete: out.incomplete };
}

/** Collects ranked items up to a limit, keeping those that match what was typed. */
class Collector {
  readonly items: CompletionEntry[] = [];
  incomplete = false;
  private readonly query: string;

  constructor(
    private readonly limit: number,
    partial: string,
  ) {
    this.query = partial.toLowerCase();
  }

  get full(): boolean {
    return this.items.length >= this.limit;
  }

  /** Whether the label matches what was typed (the first letter at a word start, the rest in order, case ignored). */
  matches(lower: string): boolean {
    return fuzzy(this.query, lower);
  }

  /** Adds an item when it matches; false once the list is full (the caller may stop). */
  add(entry: Omit<CompletionEntry, 'sortText'>, lower = (entry.filterText ?? entry.label).toLowerCase()): boolean {
    if (!this.matches(lower)) return true;
    if (this.full) {
      this.incomplete = true;
      return false;
    }
    this.items.push({ ...entry, sortText: String(this.items.length).padStart(6, '0') });
    return true;
  }
}

/** VS Code-like filtering: the first typed character at the start of the label or of a word in it, the others in order. */
export function fuzzy(query: string, lower: string): boolean {
  if (query === '') return true;
  const first = query[0]!;
  let i = -1;
  for (;;) {
    i = lower.indexOf(first, i + 1);
    if (i < 0) return false;
    if (i === 0 || /[^\p{L}\p{N}]/u.test(lower[i - 1]!)) break;
  }
  let j = i + 1;
  for (let k = 1; k < query.length; k++) {
    j = lower.indexOf(query[k]!, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}

// ----- front matter

const JEKYLL_KEYS: Record<string, string> = {
  layout: 'The layout from `_layouts/` the post is rendered in.',
  title: 'The post title (without it Jekyll makes one from the file name).',
  date: "Overrides the file name's date; write the offset (`+0100`), or Jekyll reads an unquoted time as UTC.",
  categories: 'A list, or a string Jekyll splits on blanks. Categories go into the default URL.',
  tags: 'A list, or a string Jekyll splits on blanks.',
  category: 'One category, never split.',
  tag: 'One tag, never split (with it Jekyll ignores `tags:`).',
  author: "A key of the site's author data.",
  image: "The cover image most themes show and use for the social card.",
  excerpt: 'Replaces the excerpt Jekyll takes from the text (up to `excerpt_separator`).',
  permalink: "The post's own URL template, instead of the site's `permalink`.",
  published: '`false` (the boolean) keeps the post out of the site.',
  slug: 'Replaces the file name in `:title` and `:slug`.',
  excerpt_separator: 'Where the excerpt ends for this post (default: the first blank line).',
  render_with_liquid: '`false`: Liquid is not run on this post.',
};

/** Keys whose value is completed right after the key is inserted. */
const RETRIGGER = new Set(['layout', 'author', 'image', 'tags', 'categories', 'tag', 'category', 'published', 'date']);

function nowText(req: CompletionRequest): string {
  return formatRubyTime(inZone(req.nowMs, req.index.site.config.timezone));
}

function zoneName(req: CompletionRequest): string {
  return req.index.site.config.timezone ?? "the build machine's zone (no `timezone:` in _config.yml)";
}

function keyItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'key' }>, out: Collector): void {
  const present = new Set(ctx.present);
  const stats = SiteSummary.of(req.index).keys();
  const total = req.index.posts.size;
  const seen = new Set<string>();
  const entry = (key: string, detail: string, doc: string): Omit<CompletionEntry, 'sortText'> => {
    if (key === 'date') {
      const now = nowText(req);
      return { label: key, kind: 'key', detail, documentation: `${doc}\n\nInserts now in ${mdEscape(zoneName(req))}: ${mdCode(now)}.`, insertText: ctx.hasColon ? key : `date: ${now}` };
    }
    return { label: key, kind: 'key', detail, documentation: doc, insertText: ctx.hasColon ? key : `${key}: `, retrigger: !ctx.hasColon && RETRIGGER.has(key) };
  };
  for (const s of stats) {
    seen.add(s.key);
    if (present.has(s.key)) continue;
    const about = JEKYLL_KEYS[s.key] ? `\n\n${JEKYLL_KEYS[s.key]!}` : '';
    if (!out.add(entry(s.key, `${s.type} · ${postCount(s.count)}`, `Written by ${s.count} of ${postCount(total)} (most often as ${s.type}).${about}`))) break;
  }
  for (const [key, about] of Object.entries(JEKYLL_KEYS)) {
    if (seen.has(key) || present.has(key)) continue;
    out.add(entry(key, 'Jekyll', `${about}\n\nNo post of the site writes it yet.`));
  }
}

/** What a value becomes where it is inserted: inside the author's quotes, or plain (quoted when YAML needs it). */
function valueInsert(value: string, ctx: Extract<CompletionContext, { kind: 'value' }>): string | undefined {
  const blank = ctx.leadingSpace ? ' ' : '';
  if (ctx.quote === '"') return blank + JSON.stringify(value).slice(1, -1);
  if (ctx.quote === "'") return blank + value.replace(/'/g, "''");
  if (ctx.form === 'words') {
    if (/^[\p{L}\p{N}_][\p{L}\p{N}_.+\-/&()']*$/u.test(value)) return blank + value;
    // A value with blanks can't be one word of a string Jekyll splits; on an empty value, start a list instead.
    return ctx.present.length === 0 && ctx.partial === '' ? blank + '[' + yamlScalarAs(value, 'plain', true) + ']' : undefined;
  }
  return blank + (ctx.form === 'flow' ? yamlScalarAs(value, 'plain', true) : yamlString(value));
}

function valueItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'value' }>, out: Collector): void {
  const kind = taxonomyKindOf(ctx.key);
  if (kind) return taxonomyItems(req, ctx, kind, out);
  switch (ctx.key) {
    case 'layout':
      return layoutItems(req, ctx, out);
    case 'author':
      return authorItems(req, ctx, out);
    case 'image':
      return imageItems(req, ctx, out);
    case 'date':
      return dateItems(req, ctx, out);
    case 'published': {
      const blank = ctx.leadingSpace ? ' ' : '';
      if (ctx.quote) return;
      out.add({ label: 'false', kind: 'constant', insertText: blank + 'false', detail: 'keep this post out of the site', documentation: 'Only the boolean `false` hides a post: `"false"` in quotes, or a typo like `flase`, is a string, and the post **is** published.' });
      out.add({ label: 'true', kind: 'constant', insertText: blank + 'true', detail: 'the default' });
      return;
    }
  }
}

function variantsNote(e: TaxonomyEntry): string {
  if (e.variants.length === 0) return '';
  const list = e.variants.slice(0, 5).map((v) => `${mdCode(v.value)} (${postCount(v.count)})`).join(', ');
  return `\n\nAlso written ${list}${e.variants.length > 5 ? ', …' : ''}: Jekyll treats each spelling as a different value — this one is the site's most used.`;
}

function taxonomyItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'value' }>, kind: 'tag' | 'category', out: Collector): void {
  const summary = SiteSummary.of(req.index).taxonomy(kind);
  const present = new Set(ctx.present.map(fold));
  const noun = kind === 'tag' ? 'tag' : 'category';
  for (const e of summary.entries) {
    if (present.has(e.fold)) continue;
    if (!out.matches(e.lower)) continue;
    const insert = valueInsert(e.value, ctx);
    if (insert === undefined) continue;
    const recent = e.latest ? `; most recent: ${postLine(e.latest.info)}` : '';
    const folder = e.fromFolder > 0 ? `\n\n${postCount(e.fromFolder)} get it from a folder above \`_posts\`.` : '';
    const detail = e.variants.length > 0 ? `${postCount(e.count)} · ${e.variants.length} other spelling${e.variants.length > 1 ? 's' : ''}` : postCount(e.count);
    const documentation = `The ${noun} ${mdCode(e.value)}, used by ${postCount(e.count)}${recent}.${variantsNote(e)}${folder}`;
    if (!out.add({ label: e.value, kind: 'taxonomy', detail, documentation, ...(insert !== e.value ? { insertText: insert } : {}) }, e.lower)) break;
  }
}

function layoutItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'value' }>, out: Collector): void {
  const use = SiteSummary.of(req.index).layoutUse();
  const theme = req.index.hasTheme ? '\n\nThe site uses a theme (`theme:` or `remote_theme:`): it may add layouts that are not listed here.' : '';
  const names = [...req.index.layouts].sort((a, b) => (use.get(b) ?? 0) - (use.get(a) ?? 0) || (a < b ? -1 : 1));
  for (const name of names) {
    const file = [...req.index.files].find((f) => f.startsWith('_layouts/') && f.slice(9).replace(/\.[^./]+$/, '') === name);
    const n = use.get(name) ?? 0;
    out.add({ label: name, kind: 'layout', detail: file, documentation: `${mdCode(file ?? name)}, used by ${postCount(n)}.${theme}`, insertText: valueInsert(name, ctx), file });
  }
}

function authorItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'value' }>, out: Collector): void {
  const use = SiteSummary.of(req.index).authorUse();
  const authors = req.index.authors;
  const keys = authors ? [...authors.keys()].sort((a, b) => (use.get(b) ?? 0) - (use.get(a) ?? 0) || (a < b ? -1 : 1)) : [];
  for (const key of keys) {
    const a = authors!.get(key)!;
    const fields = Object.entries(a.data)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .slice(0, 6)
      .map(([k, v]) => `- ${k}: ${mdEscape(String(v))}`)
      .join('\n');
    out.add({ label: key, kind: 'author', detail: a.name, documentation: `From ${mdCode(a.source)}, used by ${postCount(use.get(key) ?? 0)}.${fields ? '\n\n' + fields : ''}`, insertText: valueInsert(key, ctx), file: a.source, filterText: key });
  }
  // Authors the posts write that the data does not define (or all of them, when the site keeps no author data).
  const free = [...use].filter(([k]) => !authors?.has(k)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [name, n] of free) {
    const note = authors ? "\n\nNot in the site's author data: themes that look authors up show nothing for it." : '';
    if (!out.add({ label: name, kind: 'author', detail: postCount(n), documentation: `Written by ${postCount(n)}.${note}`, insertText: valueInsert(name, ctx) })) break;
  }
}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico)$/i;

function imageItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'value' }>, out: Collector): void {
  const slash = ctx.partial.startsWith('/');
  const typed = ctx.partial.replace(/^\/+/, '').toLowerCase();
  const dir = typed.includes('/') ? typed.slice(0, typed.lastIndexOf('/') + 1) : '';
  const images = [...req.index.files].filter((f) => IMAGE.test(f) && !f.startsWith('_site/') && !f.startsWith('.'));
  // Files in the folder typed so far first, then by path.
  images.sort((a, b) => Number(!a.toLowerCase().startsWith(dir)) - Number(!b.toLowerCase().startsWith(dir)) || (a < b ? -1 : 1));
  for (const f of images) {
    const label = (slash ? '/' : '') + f;
    if (!out.add({ label, kind: 'image', detail: f.slice(f.lastIndexOf('/') + 1), documentation: mdCode(f), insertText: valueInsert(label, ctx), file: f })) break;
  }
}

function dateItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'value' }>, out: Collector): void {
  const blank = ctx.leadingSpace ? ' ' : '';
  const now = nowText(req);
  const zone = zoneName(req);
  out.add({ label: now, kind: 'value', detail: 'now', documentation: `Now in ${mdEscape(zone)}, with its offset (${formatOffset(inZone(req.nowMs, req.index.site.config.timezone).offset)}) written out, so Jekyll reads the time you mean.`, insertText: blank + now, filterText: now });
  const m = POST_FILENAME.exec(siteRelative(req.index, req.path) ?? '');
  if (m) {
    const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number];
    const day = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const noon = inZone(Date.UTC(y, mo - 1, d, 12), req.index.site.config.timezone);
    const text = `${day} 00:00:00 ${formatOffset(noon.offset)}`;
    out.add({ label: text, kind: 'value', detail: "the file name's date", documentation: `Midnight of the file name's date in ${mdEscape(zone)}.`, insertText: blank + text, filterText: text });
  }
}

// ----- body

/** `{% post_url %}` name of a post: its path under `_posts/` without the extension (year folders kept; the folder above `_posts` first). */
export function postUrlName(collectionRelative: string): string {
  return collectionRelative.replace(/(^|\/)_posts\//, '$1').replace(/\.[^./]+$/, '');
}

function postUrlItems(req: CompletionRequest, out: Collector): void {
  const posts = [...req.index.posts.values()].filter((p) => !p.info.draft).sort((a, b) => b.info.date.epochMs - a.info.date.epochMs || (a.relativePath < b.relativePath ? -1 : 1));
  const self = siteRelative(req.index, req.path);
  for (const p of posts) {
    if (p.relativePath === self) continue;
    const name = postUrlName(p.info.relativePath);
    const url = p.info.url ? `\n\nURL: ${mdCode(p.info.url)}` : '';
    if (!out.add({ label: name, kind: 'post', detail: p.info.title, documentation: `${postLine(p.info)}\n\n${mdCode(p.relativePath)}${url}`, file: p.relativePath })) break;
  }
}

function linkItems(req: CompletionRequest, out: Collector): void {
  const site = req.index.site;
  const docs: string[] = [];
  const statics: string[] = [];
  for (const f of req.index.files) {
    // What {% link %} finds: what Jekyll writes (the broken-link rule's test).
    if (f.startsWith('_site/') || notWritten(f, req.index, site) !== undefined) continue;
    (classify(site, f)?.kind !== 'page' || /\.(md|markdown|mkdn?|mkdown|mkd|html?)$/i.test(f) ? docs : statics).push(f);
  }
  docs.sort();
  statics.sort();
  for (const f of [...docs, ...statics]) if (!out.add({ label: f, kind: 'file', file: f })) break;
}

function includeItems(req: CompletionRequest, out: Collector): void {
  for (const name of [...req.index.includes].sort()) if (!out.add({ label: name, kind: 'include', detail: '_includes/' + name, file: '_includes/' + name })) break;
}

/** The parameters an include reads (`include.x`), in order of first use. */
export function includeParameters(text: string): string[] {
  return [...new Set([...text.matchAll(/\binclude\.([A-Za-z_][\w-]*)/g)].map((m) => m[1]!))];
}

async function includeParamItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'include-param' }>, out: Collector): Promise<void> {
  const rel = '_includes/' + ctx.include.replace(/^\/+/, '');
  if (!req.index.files.has(rel)) return;
  const text = await readText(req.fs, joinPath(req.index.site.root, rel));
  if (text === undefined) return;
  const present = new Set(ctx.present);
  for (const p of includeParameters(text)) {
    if (present.has(p)) continue;
    out.add({ label: p, kind: 'parameter', detail: `include.${p}`, documentation: `${mdCode(rel)} reads ${mdCode('include.' + p)}.`, insertText: `${p}="$1"`, snippet: true, file: rel });
  }
}

/** Variables Jekyll itself puts on `site` and `page`. */
const SITE_VARS: Record<string, string> = {
  time: 'The time of the build.',
  pages: 'All pages.',
  posts: 'All posts, newest first.',
  related_posts: 'Up to ten posts related to the current one (the most recent ones, without `--lsi`).',
  static_files: 'Files Jekyll copies as they are.',
  html_pages: 'The pages whose output is HTML.',
  collections: 'The collections, with their settings and documents.',
  data: 'The contents of `_data/`.',
  documents: 'Every document of every collection.',
  categories: 'Posts by category: `site.categories.CATEGORY`.',
  tags: 'Posts by tag: `site.tags.TAG`.',
};

const PAGE_VARS: Record<string, string> = {
  content: 'The rendered content (in a layout) or the source (in the post itself).',
  excerpt: 'The excerpt: up to `excerpt_separator`, or the front-matter `excerpt`.',
  url: "The post's URL, without the domain.",
  id: 'A unique id: the URL without the extension.',
  path: 'The source path, relative to the site.',
  name: 'The file name.',
  dir: 'The folder of the URL.',
  next: 'The next post by date (nil for the newest).',
  previous: 'The previous post by date (nil for the oldest).',
  collection: 'The collection label: `posts`.',
};

function describe(v: unknown): string {
  const t = typeOfValue(v);
  if (t === 'text') {
    const s = v as string;
    return `text · ${JSON.stringify(s.length > 40 ? s.slice(0, 39) + '…' : s)}`;
  }
  if (t === 'number' || t === 'true/false') return `${t} · ${String(v)}`;
  if (t === 'list') return `list · ${(v as unknown[]).length} item${(v as unknown[]).length === 1 ? '' : 's'}`;
  if (t === 'date' && isRecord(v) && isRecord(v.zoned)) return `date · ${formatRubyTime(v.zoned as unknown as ZonedTime)}`;
  return t;
}

function variableItems(req: CompletionRequest, ctx: Extract<CompletionContext, { kind: 'variable' }>, out: Collector): void {
  const site = req.index.site;
  let values: Record<string, unknown>;
  let origin: (key: string) => string;
  let builtins: Record<string, string> = {};
  if (ctx.root === 'site') {
    values = { ...site.config.raw, data: req.index.data };
    origin = (k) => (k === 'data' ? 'Jekyll: the files of `_data/`' : '`_config.yml`');
    if (ctx.path.length === 0) builtins = SITE_VARS;
  } else {
    const post = editorPost(req.index, req.path, req.text, req.nowMs);
    const info: PostInfo | undefined = post?.info;
    const rel = siteRelative(req.index, req.path) ?? '';
    const cd = site.config.collectionsDir;
    const defaults = defaultsFor(site, cd && rel.startsWith(cd + '/') ? rel.slice(cd.length + 1) : rel, post?.doc.kind === 'page' ? 'pages' : 'posts');
    const own = new Set(post ? topPairs(post.doc).map((p) => p.key) : []);
    values = { ...(info?.data ?? {}) };
    if (info) {
      values.url = info.url;
      values.date = { zoned: info.date };
    }
    origin = (k) => (own.has(k) ? "the post's front matter" : k in defaults ? '`defaults:` in _config.yml' : 'Jekyll');
    if (ctx.path.length === 0) builtins = PAGE_VARS;
  }
  // Walk down the typed path (`site.data.nav.` …).
  let node: unknown = values;
  for (const seg of ctx.path) node = isRecord(node) ? node[seg] : undefined;
  if (!isRecord(node)) return;
  const keys = Object.keys(node).sort();
  const seen = new Set<string>();
  for (const k of keys) {
    seen.add(k);
    const from = ctx.path.length === 0 ? origin(k) : ctx.root === 'site' && ctx.path[0] === 'data' ? `\`_data/${ctx.path.slice(1).join('/')}\`` : `${ctx.root}.${ctx.path.join('.')}`;
    out.add({ label: k, kind: 'variable', detail: describe(node[k]), documentation: `${mdCode(`${ctx.root}.${[...ctx.path, k].join('.')}`)} — from ${from}.${builtins[k] ? '\n\n' + builtins[k] : ''}` });
  }
  for (const [k, about] of Object.entries(builtins)) {
    if (seen.has(k)) continue;
    out.add({ label: k, kind: 'variable', detail: 'Jekyll', documentation: `${mdCode(`${ctx.root}.${k}`)} — ${about}` });
  }
}
