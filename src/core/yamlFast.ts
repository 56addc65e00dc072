import { Document, type ScalarTag } from 'yaml';
import { PSYCH_OPTIONS } from './yamlSchema';

/**
 * A reader for the front matter most posts have — `key: value` lines at
 * column 0 whose values are single-line scalars, one-line flow lists or block
 * lists of scalars — that yields the same values as the full parser
 * (yamlPsych + yamlSchema, Psych's YAML 1.1) without building a YAML
 * document. Anything it is not sure of (comments after a value, escapes,
 * nested maps, anchors, tags, numbers other than plain decimals, timestamps,
 * repeated keys, tabs, non-printables, …) makes it return undefined, and the
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

/** How a scalar was written: `date:` is typed by its source when it is plain. */
export type FastNode = { kind: 'plain' | 'quoted'; source: string; value: unknown } | { kind: 'seq'; value: unknown[] };

export interface FastPair {
  key: string;
  node: FastNode;
}

/** Top-level pairs in source order, keys unique; undefined when the full parser must decide. */
export function fastFrontMatter(source: string): FastPair[] | undefined {
  if (BAIL.test(source)) return undefined;
  const text = source.includes('\r') ? crlf(source) : source;
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  if (!/^---[ ]*$/.test(lines[0]!)) return undefined;
  const pairs: FastPair[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (SKIP.test(line)) continue;
    const m = KEY.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    if (seen.has(key) || SPECIAL_WORD.test(key) || typed(key) || key === '__proto__') return undefined;
    seen.add(key);
    const rest = m[2] ?? '';
    let node: FastNode | undefined;
    if (rest.trim() === '') {
      // An empty value, or a block list on the lines below.
      let j = i + 1;
      const items: unknown[] = [];
      let indent = -1;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (SKIP.test(l)) continue;
        const item = ITEM.exec(l);
        if (!item) break;
        if (indent < 0) indent = item[1]!.length;
        else if (item[1]!.length !== indent) return undefined;
        const v = item[2] === undefined ? { value: null } : scalar(item[2], false);
        if (!v || v.value === UNRESOLVED) return undefined;
        items.push(v.value);
      }
      if (items.length > 0) {
        node = { kind: 'seq', value: items };
        i = j - 1;
      } else node = { kind: 'plain', source: '', value: null };
    } else if (rest[0] === '[') {
      const items = flowList(rest);
      if (!items) return undefined;
      node = { kind: 'seq', value: items };
    } else if (/^ *"[^"\\]*$/.test(rest)) {
      // A double-quoted value continued on the next lines (at any indentation, as libyaml allows).
      const folded = foldDoubleQuoted(rest.slice(rest.indexOf('"') + 1), lines, i + 1);
      if (!folded) return undefined;
      node = { kind: 'quoted', source: lines.slice(i, folded.end).join('\n'), value: folded.value };
      i = folded.end - 1;
    } else {
      const v = scalar(rest, false);
      if (!v) return undefined;
      node = v.quoted ? { kind: 'quoted', source: rest.trim(), value: v.value } : { kind: 'plain', source: rest.trim(), value: v.value };
    }
    pairs.push({ key, node });
  }
  return pairs;
}

// Tabs, non-printables (and what libyaml reads as line breaks or refuses), a BOM inside.
const BAIL = /[\t\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/;
/** Blank lines and whole-line comments. */
const SKIP = /^ *(?:#.*)?$/;
/** `key:` at column 0, a plain word (not one YAML 1.1 would type), then the value. */
const KEY = /^([A-Za-z_][A-Za-z0-9_-]{0,200}):(?: (.*))?$/;
const ITEM = /^( *)-(?: (.*))?$/;
/** Words Psych reads as booleans or null (as keys too). */
const SPECIAL_WORD = /^(?:yes|no|true|false|on|off|null|~)$/i;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:yes|true|on)$/i;
const FALSE = /^(?:no|false|off)$/i;
const INT = /^(?:0|[-+]?[1-9][0-9]{0,14})$/;
/** Characters a plain scalar may not start with (indicators; `-` unless a number). */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`=<\\]/;

const MAY_BE_TYPED = /^[-+.0-9<]/;
let scalarTags: ScalarTag[] | undefined;
/**
 * Whether a tag of the full parser's schema (a number, a timestamp, …) would type this plain scalar.
 * Called after the boolean and null words are ruled out: then only a scalar that starts like a
 * number (or `.inf`, `<<`) can match, which spares the tag tests for most keys and words.
 */
function typed(s: string): boolean {
  if (!MAY_BE_TYPED.test(s)) return false;
  scalarTags ??= (new Document(null, PSYCH_OPTIONS).schema.tags as ScalarTag[]).filter((t) => t.default === true && t.test);
  return scalarTags.some((t) => t.test!.test(s));
}

/** CRLF line ends only (a lone CR is a line break to YAML and not to us). */
function crlf(s: string): string | undefined {
  const t = s.replace(/\r\n/g, '\n');
  return t.includes('\r') ? undefined : t;
}

/** One scalar, in block (`flow` false) or flow context; undefined when unsure. */
function scalar(raw: string, flow: boolean): { value: unknown; quoted: boolean } | undefined {
  const s = raw.trim();
  if (s === '') return { value: null, quoted: false };
  const q = s[0];
  if (q === '"') {
    const m = /^"([^"\\]*)"$/.exec(s);
    return m && !m[1]!.includes('\n') ? { value: m[1]!, quoted: true } : undefined;
  }
  if (q === "'") {
    const m = /^'((?:[^']|'')*)'$/.exec(s);
    return m ? { value: m[1]!.replace(/''/g, "'"), quoted: true } : undefined;
  }
  if (INT.test(s)) return { value: Number(s), quoted: false };
  if (NOT_PLAIN_START.test(s)) return undefined;
  // A comment, a mapping indicator, or (in a flow list) a flow indicator inside: let the parser decide.
  if (/ #|: |:$/.test(s) || (flow && /[,[\]{}:]/.test(s))) return undefined;
  if (NULL.test(s)) return { value: null, quoted: false };
  if (TRUE.test(s)) return { value: true, quoted: false };
  if (FALSE.test(s)) return { value: false, quoted: false };
  // A float, an octal, a timestamp, …: the source is known, the value is the parser's to make.
  if (typed(s)) return { value: UNRESOLVED, quoted: false };
  return { value: s, quoted: false };
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

/** `[a, "b c", 'd']` on one line, nothing after it. */
function flowList(raw: string): unknown[] | undefined {
  const s = raw.trim();
  if (!s.endsWith(']')) return undefined;
  const inner = s.slice(1, -1);
  if (inner.trim() === '') return [];
  const out: unknown[] = [];
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
    if (item.trim() === '') return undefined; // `[a,,b]`, `[a,]`
    const v = scalar(item, true);
    if (!v || v.value === UNRESOLVED) return undefined;
    out.push(v.value);
    i = end + 1;
  }
  return out;
}
