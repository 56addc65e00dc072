import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type ScalarTag } from 'yaml';
import { PSYCH_OPTIONS } from './yamlSchema';

/**
 * A reader for the front matter most posts have — `key: value` lines at
 * column 0 whose values are single-line scalars, one-line flow lists or block
 * lists of scalars — that yields the same values as the full parser
 * (yamlPsych + yamlSchema, Psych's YAML 1.1) without building a YAML
 * document. Anything it is not sure of (comments after a value, escapes,
 * nested maps, anchors, tags, numbers other than plain decimals, timestamps,
 * tabs, non-printables, …) makes it return undefined, and the
 * caller parses in full. test/unit/yamlFast.test.ts holds it to the full
 * parser on every post of the corpora and on generated front matter.
 *
 * The site index reads every post through this (bench/: index build).
 */

/**
 * The value of a plain top-level scalar that starts with a digit and is not a
 * plain decimal (a timestamp, a float, …): only its source is known. Readers
 * that need the value parse in full; `date:` is typed from its source anyway.
 */
export const UNRESOLVED: unique symbol = Symbol('unresolved');

/** How a scalar was written (the `yaml` package's scalar types). */
export type FastStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';

/**
 * A scalar with its offsets in the source: `start`–`end` is its text (quotes
 * included, trailing blanks not), `next` where the node's range ends as the
 * `yaml` package counts it (after trailing blanks, and the line break in block context).
 */
export interface FastScalar {
  kind: 'plain' | 'quoted';
  style: FastStyle;
  /** The source text (plain: the value as written; quoted: with its quotes). `date:` is typed by it when plain. */
  source: string;
  value: unknown;
  start: number;
  end: number;
  next: number;
}

export interface FastSeq {
  kind: 'seq';
  value: unknown[];
  flow: boolean;
  items: FastScalar[];
  start: number;
  end: number;
  next: number;
}

export type FastNode = FastScalar | FastSeq;

export interface FastPair {
  key: string;
  /** Offset of the key (column 0 of its line). */
  keyStart: number;
  node: FastNode;
}

/** Top-level pairs in source order (a repeated key repeated); undefined when the full parser must decide. */
export function fastFrontMatter(source: string): FastPair[] | undefined {
  if (BAIL.test(source)) return undefined;
  const lines = source.split('\n');
  // CRLF line ends: the `\r` is cut from each line (offsets still count it); a lone CR is a line break to YAML, not to us.
  const cr = source.includes('\r');
  if (cr) {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const c = l.indexOf('\r');
      if (c < 0) continue;
      if (c !== l.length - 1) return undefined;
      lines[i] = l.slice(0, c);
    }
  }
  if (!/^---[ ]*$/.test(lines[0]!)) return undefined;
  /** Offset of each line's start, in the source. */
  const starts = new Array<number>(lines.length);
  for (let i = 0, pos = 0; i < lines.length; i++) {
    starts[i] = pos;
    pos += lines[i]!.length + 1 + (cr && source.charCodeAt(pos + lines[i]!.length) === 13 ? 1 : 0);
  }
  const lineNext = (i: number): number => (i + 1 < lines.length ? starts[i + 1]! : source.length);
  const pairs: FastPair[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (SKIP.test(line)) {
      // An indented comment: the node before it takes it into its range (the parser's business).
      if (line.charCodeAt(0) === 32 && line.includes('#')) return undefined;
      continue;
    }
    if (!KEY.test(line)) return undefined;
    const colon = line.indexOf(':');
    const key = line.slice(0, colon);
    // A repeated key is fine (Psych keeps the last value; the pairs keep both, as the parser's nodes do).
    if (SPECIAL_WORD.test(key) || typed(key) || key === '__proto__') return undefined;
    const ls = starts[i]!;
    const rest = line.length > colon + 1 ? line.slice(colon + 2) : '';
    const restAt = ls + key.length + 2;
    let node: FastNode | undefined;
    if (isBlank(rest)) {
      // An empty value, or a block list on the lines below.
      let j = i + 1;
      const items: FastScalar[] = [];
      const values: unknown[] = [];
      let indent = -1;
      let seqStart = 0;
      let comment = false;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (SKIP.test(l)) {
          comment ||= l.includes('#');
          continue;
        }
        // `- item` (or `-` alone) at some indentation.
        const dash = leadingSpaces(l);
        if (l.charCodeAt(dash) !== 45 || (l.length > dash + 1 && l.charCodeAt(dash + 1) !== 32)) break;
        if (indent < 0) {
          indent = dash;
          seqStart = starts[j]! + indent;
        } else if (dash !== indent) return undefined;
        const item = l.slice(dash + 2);
        // `-` alone is a null item, placed at the end of its line.
        const v = isBlank(item) ? nullAt(starts[j]! + l.length) : scalar(item, false, starts[j]! + indent + 2, lineNext(j));
        if (!v || v.value === UNRESOLVED) return undefined;
        items.push(v);
        values.push(v.value);
      }
      // A comment after an empty value or a list: the node before it takes it into its range.
      if (comment) return undefined;
      if (items.length > 0) {
        const last = items[items.length - 1]!;
        node = { kind: 'seq', value: values, flow: false, items, start: seqStart, end: last.next, next: last.next };
        i = j - 1;
      } else {
        node = nullAt(ls + line.length);
      }
    } else if (rest[leadingSpaces(rest)] === '[') {
      const lead = leadingSpaces(rest);
      const seq = flowList(rest.slice(lead), restAt + lead, lineNext(i));
      if (!seq) return undefined;
      node = seq;
    } else if (/^ *"[^"\\]*$/.test(rest)) {
      // A double-quoted value continued on the next lines (at any indentation, as libyaml allows).
      const quote = rest.indexOf('"');
      const folded = foldDoubleQuoted(rest.slice(quote + 1), lines, i + 1);
      if (!folded) return undefined;
      const lastLine = lines[folded.end - 1]!;
      const end = starts[folded.end - 1]! + lastLine.indexOf('"') + 1;
      node = { kind: 'quoted', style: 'QUOTE_DOUBLE', source: source.slice(restAt + quote, end), value: folded.value, start: restAt + quote, end, next: lineNext(folded.end - 1) };
      i = folded.end - 1;
    } else {
      const v = scalar(rest, false, restAt, lineNext(i));
      if (!v) return undefined;
      node = v;
    }
    pairs.push({ key, keyStart: ls, node });
  }
  return pairs;
}

/** An empty value: a null scalar at the end of its line. */
function nullAt(at: number): FastScalar {
  return { kind: 'plain', style: 'PLAIN', source: '', value: null, start: at, end: at, next: at };
}

function leadingSpaces(s: string): number {
  let n = 0;
  while (s.charCodeAt(n) === 32) n++;
  return n;
}

function isBlank(s: string): boolean {
  return leadingSpaces(s) === s.length;
}

/** Without the spaces around it (only spaces: YAML's other blank, the tab, is declined, and U+00A0 is text). */
function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 32) a++;
  while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * The front matter's top-level mapping as the `yaml` package's nodes, made from
 * the fast reader's pairs: the same node types, values, source strings and ranges
 * the full parser gives (test/unit/core/yamlFast.test.ts compares them node by
 * node), so rules and edits read them without a YAML document being parsed.
 * Undefined for front matter without pairs (the parser places its null; rare and cheap to parse).
 */
export function fastContents(pairs: readonly FastPair[]): YAMLMap<Scalar, Scalar | YAMLSeq> | undefined {
  if (pairs.length === 0) return undefined;
  const map = new YAMLMap<Scalar, Scalar | YAMLSeq>();
  for (const { key, keyStart, node } of pairs) {
    const k = new Scalar(key);
    k.type = 'PLAIN';
    k.source = key;
    k.range = [keyStart, keyStart + key.length, keyStart + key.length];
    map.items.push(new Pair(k, node.kind === 'seq' ? fastSeq(node) : fastScalar(node)));
  }
  const end = pairs[pairs.length - 1]!.node.next;
  map.range = [pairs[0]!.keyStart, end, end];
  return map;
}

function fastSeq(node: FastSeq): YAMLSeq<Scalar> {
  const seq = new YAMLSeq<Scalar>();
  if (node.flow) seq.flow = true;
  for (const item of node.items) seq.items.push(fastScalar(item));
  seq.range = [node.start, node.end, node.next];
  return seq;
}

function fastScalar(node: FastScalar): Scalar {
  let scalar: Scalar;
  if (node.value === UNRESOLVED) {
    // What the parser does with a plain scalar a schema tag types: that tag resolves it.
    scalarTags ??= loadTags();
    const tag = scalarTags.find((t) => t.test!.test(node.source))!;
    const res = tag.resolve(node.source, () => undefined, tagOptions!);
    scalar = isScalar(res) ? res : new Scalar(res);
    if (tag.format) scalar.format = tag.format;
  } else scalar = new Scalar(node.value);
  scalar.type = node.style;
  scalar.source = node.kind === 'plain' ? node.source : (node.value as string);
  scalar.range = [node.start, node.end, node.next];
  return scalar;
}

// Tabs, non-printables (and what libyaml reads as line breaks or refuses), a BOM inside.
const BAIL = /[\t\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/;
/** Blank lines and whole-line comments. */
const SKIP = /^ *(?:#.*)?$/;
/** `key:` at column 0, a plain word (not one YAML 1.1 would type), then the value. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,200}:(?: |$)/;
/** Words Psych reads as booleans or null (as keys too). */
const SPECIAL_WORD = /^(?:yes|no|true|false|on|off|null|~)$/i;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const SINGLE = /^'(?:[^']|'')*'$/;
const TRUE = /^(?:yes|true|on)$/i;
const FALSE = /^(?:no|false|off)$/i;
const INT = /^(?:0|[-+]?[1-9][0-9]{0,14})$/;
/** Characters a plain scalar may not start with (indicators; `-` unless a number). */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`=<\\]/;

const MAY_BE_TYPED = /^[-+.0-9<]/;
let scalarTags: ScalarTag[] | undefined;
let tagOptions: Document['options'] | undefined;

/** The schema's scalar tags that type plain scalars by a test, in the order the parser tries them. */
function loadTags(): ScalarTag[] {
  const doc = new Document(null, PSYCH_OPTIONS);
  tagOptions = doc.options;
  return (doc.schema.tags as ScalarTag[]).filter((t) => t.default === true && t.test);
}
/**
 * Whether a tag of the full parser's schema (a number, a timestamp, …) would type this plain scalar.
 * Called after the boolean and null words are ruled out: then only a scalar that starts like a
 * number (or `.inf`, `<<`) can match, which spares the tag tests for most keys and words.
 */
function typed(s: string): boolean {
  if (!MAY_BE_TYPED.test(s)) return false;
  scalarTags ??= loadTags();
  return scalarTags.some((t) => t.test!.test(s));
}

/**
 * One scalar, in block (`flow` false) or flow context, whose text `raw` starts
 * at offset `at`; `next` is where its node's range ends. Undefined when unsure.
 */
function scalar(raw: string, flow: boolean, at: number, next: number): FastScalar | undefined {
  const s = trimSpaces(raw);
  const start = at + leadingSpaces(raw);
  const end = start + s.length;
  const q = s.charCodeAt(0);
  if (q === 34 /* " */) {
    // No escapes, no quote inside, closed at the end.
    if (s.length < 2 || s.charCodeAt(s.length - 1) !== 34 || s.indexOf('"', 1) !== s.length - 1 || s.includes('\\')) return undefined;
    return { kind: 'quoted', style: 'QUOTE_DOUBLE', source: s, value: s.slice(1, -1), start, end, next };
  }
  if (q === 39 /* ' */) {
    if (!SINGLE.test(s)) return undefined;
    const inner = s.slice(1, -1);
    return { kind: 'quoted', style: 'QUOTE_SINGLE', source: s, value: inner.includes("''") ? inner.replace(/''/g, "'") : inner, start, end, next };
  }
  let value: unknown;
  if (s === '') value = null;
  else if (INT.test(s)) value = Number(s);
  else if (NOT_PLAIN_START.test(s)) return undefined;
  // A comment, a mapping indicator, or (in a flow list) a flow indicator inside: let the parser decide.
  else if (/ #|: |:$/.test(s) || (flow && /[,[\]{}:]/.test(s))) return undefined;
  else if (NULL.test(s)) value = null;
  else if (TRUE.test(s)) value = true;
  else if (FALSE.test(s)) value = false;
  // A float, an octal, a timestamp, …: the source is known, the value is the parser's to make.
  else if (typed(s)) value = UNRESOLVED;
  else value = s;
  return { kind: 'plain', style: 'PLAIN', source: s, value, start, end, next };
}

/**
 * A double-quoted scalar without escapes whose first line is `first`, closed
 * on a later line: YAML's line folding (a line break is a space, each empty
 * line a newline, white space around breaks dropped). `end` is the index of
 * the line after the closing quote.
 */
function foldDoubleQuoted(first: string, lines: readonly string[], from: number): { value: string; end: number } | undefined {
  let out = first.replace(/ +$/, '');
  let empties = 0;
  for (let j = from; j < lines.length; j++) {
    const line = lines[j]!;
    if (line.includes('\\') || /^(?:---|\.\.\.)(?: |$)/.test(line)) return undefined;
    const close = line.indexOf('"');
    const text = (close < 0 ? line : line.slice(0, close)).replace(/^ +/, '');
    const part = close < 0 ? text.replace(/ +$/, '') : text;
    if (close < 0 && part === '') {
      empties++;
      continue;
    }
    out += (empties > 0 ? '\n'.repeat(empties) : ' ') + part;
    empties = 0;
    if (close >= 0) return /^ *$/.test(line.slice(close + 1)) ? { value: out, end: j + 1 } : undefined;
  }
  return undefined;
}

/** `[a, "b c", 'd']` on one line at offset `at`, nothing after it; `next`: where its node's range ends. */
function flowList(raw: string, at: number, next: number): FastSeq | undefined {
  const s = trimSpaces(raw);
  if (!s.endsWith(']')) return undefined;
  const inner = s.slice(1, -1);
  const items: FastScalar[] = [];
  const value: unknown[] = [];
  const seq: FastSeq = { kind: 'seq', value, flow: true, items, start: at, end: at + s.length, next };
  if (isBlank(inner)) return seq;
  // Split on commas outside quotes; a quote must open an item.
  let i = 0;
  while (i <= inner.length) {
    while (inner[i] === ' ') i++;
    let end: number;
    if (inner[i] === '"' || inner[i] === "'") {
      const close = inner[i] === '"' ? /^"[^"\\]*"/.exec(inner.slice(i)) : /^'(?:[^']|'')*'/.exec(inner.slice(i));
      if (!close) return undefined;
      end = i + close[0].length;
      while (inner[end] === ' ') end++;
      if (end < inner.length && inner[end] !== ',') return undefined;
    } else {
      end = inner.indexOf(',', i);
      if (end < 0) end = inner.length;
    }
    const item = inner.slice(i, end);
    if (isBlank(item)) return undefined; // `[a,,b]`, `[a,]`
    const itemAt = at + 1 + i;
    const v = scalar(item, true, itemAt, itemAt + item.length);
    if (!v || v.value === UNRESOLVED) return undefined;
    items.push(v);
    value.push(v.value);
    i = end + 1;
  }
  return seq;
}
