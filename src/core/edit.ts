import { isMap, isScalar, isSeq, type Pair, type Node, type Document } from 'yaml';
import type { SiteDocument } from './document';
import type { Range, TextEdit } from './problem';

/**
 * Minimal text edits on a post's front matter, computed from the YAML
 * source: comments, quoting, key order and the rest of the file stay as they are.
 * Offsets are in the document text (front matter starts at offset 0).
 */

/** A top-level `key: value` pair of the front matter with its source offsets. */
export interface TopPair {
  key: string;
  pair: Pair<unknown, unknown>;
  /** Offset of the key's first character. */
  keyStart: number;
  /** The value node, when there is one. */
  value: Node | null;
  /** Offsets of the value's source text (end excludes a trailing comment and the line break). */
  valueStart: number;
  valueEnd: number;
  /** From the start of the key's line to the start of the next top-level line (for removal). */
  lineStart: number;
  blockEnd: number;
}

const pairsOf = new WeakMap<SiteDocument, readonly TopPair[]>();

/** Every top-level pair of the front matter, in order (duplicates included); computed once per document. */
export function topPairs(doc: SiteDocument): readonly TopPair[] {
  let pairs = pairsOf.get(doc);
  if (!pairs) pairsOf.set(doc, (pairs = readTopPairs(doc)));
  return pairs;
}

function readTopPairs(doc: SiteDocument): TopPair[] {
  const fm = doc.frontMatter;
  if (!fm || fm.errors.length > 0) return [];
  const contents = fm.contents;
  if (!isMap(contents)) return [];
  const map = fm.toOriginal;
  const out: TopPair[] = [];
  const yamlEnd = fm.split.yamlEnd;
  for (const pair of contents.items) {
    const key = pair.key;
    if (!isScalar(key) || !key.range) continue;
    const keyStart = map(key.range[0]);
    const value = (pair.value as Node | null) ?? null;
    const valueStart = value?.range ? map(value.range[0]) : map(key.range[1]);
    const valueEnd = value?.range ? map(value.range[1]) : valueStart;
    out.push({ key: String(key.value), pair, keyStart, value, valueStart, valueEnd, lineStart: lineStartOf(doc.text, keyStart), blockEnd: yamlEnd });
  }
  for (let i = 0; i < out.length - 1; i++) out[i]!.blockEnd = out[i + 1]!.lineStart;
  // The last pair's block ends at the last non-blank line of the YAML (comments after it stay).
  const last = out[out.length - 1];
  if (last) last.blockEnd = Math.min(yamlEnd, nextLineStart(doc.text, Math.max(last.valueEnd, last.keyStart)));
  return out;
}

/** The last top-level pair with this key (the one Jekyll uses). */
export function topPair(doc: SiteDocument, key: string): TopPair | undefined {
  const pairs = topPairs(doc);
  for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i]!.key === key) return pairs[i];
  return undefined;
}

function lineStartOf(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

function nextLineStart(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

export function rangeOf(doc: SiteDocument, start: number, end: number): Range {
  return doc.lines.rangeOf(start, end);
}

/** Replaces a pair's value text. */
export function replaceValue(doc: SiteDocument, p: TopPair, newText: string): TextEdit {
  if (p.value === null || p.valueEnd === p.valueStart) {
    // `key:` with nothing after it: write after the colon.
    const colon = doc.text.indexOf(':', p.keyStart + p.key.length);
    const at = colon < 0 ? p.valueStart : colon + 1;
    return { range: rangeOf(doc, at, at), newText: ' ' + newText };
  }
  return { range: rangeOf(doc, p.valueStart, p.valueEnd), newText };
}

/** Removes a whole top-level pair (its lines, nested block included). */
export function removePair(doc: SiteDocument, p: TopPair): TextEdit {
  return { range: rangeOf(doc, p.lineStart, p.blockEnd), newText: '' };
}

/** Inserts `key: value` as a new last line of the front matter. */
export function appendPair(doc: SiteDocument, line: string): TextEdit | undefined {
  const fm = doc.frontMatter;
  if (!fm) return undefined;
  const at = fm.split.yamlEnd;
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const needsBreak = at > 0 && doc.text[at - 1] !== '\n';
  return { range: rangeOf(doc, at, at), newText: (needsBreak ? eol : '') + line + eol };
}

/** A YAML scalar for a string, quoted only when needed (double quotes, as Jekyll's docs write them). */
export function yamlString(s: string): string {
  if (s !== '' && /^[\p{L}\p{N}_][\p{L}\p{N}_ .\-/()&+']*$/u.test(s) && !/[ ]$/.test(s) && !/^(true|false|yes|no|on|off|null|~|y|n)$/i.test(s) && !/^[0-9.\-+]+$/.test(s) && !/: /.test(s)) return s;
  return JSON.stringify(s);
}

/** A flow list `[a, b]` of YAML strings. */
export function yamlFlowList(items: readonly string[]): string {
  return '[' + items.map((i) => (/[,[\]{}#]/.test(i) ? JSON.stringify(i) : yamlString(i))).join(', ') + ']';
}

export type { Document };

/** How a scalar is written in the source. */
export type ScalarStyle = 'plain' | 'double' | 'single' | 'block';

/** A scalar of the front matter with the offsets of its source text (quotes included). */
export interface SourceScalar {
  value: unknown;
  style: ScalarStyle;
  start: number;
  end: number;
}

/** A node's scalar source (offsets mapped to the document text); undefined for collections and aliases. */
export function sourceScalar(doc: SiteDocument, node: unknown): SourceScalar | undefined {
  const fm = doc.frontMatter;
  if (!fm || !isScalar(node) || !node.range) return undefined;
  const style: ScalarStyle = node.type === 'QUOTE_DOUBLE' ? 'double' : node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL' ? 'block' : 'plain';
  return { value: node.value, style, start: fm.toOriginal(node.range[0]), end: fm.toOriginal(node.range[1]) };
}

/** A pair's sequence value: flow (`[a, b]`) or block (`- a`), and its items (undefined for an item that is not a scalar). */
export interface SourceSeq {
  flow: boolean;
  items: Array<SourceScalar | undefined>;
}

/** The sequence a top-level pair holds; undefined when its value is not a sequence. */
export function sourceSeq(doc: SiteDocument, p: TopPair): SourceSeq | undefined {
  if (!isSeq(p.value)) return undefined;
  return { flow: p.value.flow === true, items: p.value.items.map((i) => sourceScalar(doc, i)) };
}

/** A word of a string scalar, with its offsets in the document text. */
export interface SourceWord {
  word: string;
  start: number;
  end: number;
}

/**
 * The whitespace-separated words of a plain or quoted one-line-or-folded
 * scalar (what Ruby's `String#split` makes of it), with their offsets;
 * undefined when the source does not map word for word onto the value
 * (escapes, block scalars).
 */
export function scalarWords(doc: SiteDocument, s: SourceScalar): SourceWord[] | undefined {
  if (typeof s.value !== 'string' || s.style === 'block') return undefined;
  const quoted = s.style !== 'plain';
  const from = quoted ? s.start + 1 : s.start;
  const to = quoted ? s.end - 1 : s.end;
  const src = doc.text.slice(from, to);
  if ((s.style === 'double' && src.includes('\\')) || (s.style === 'single' && src.includes("''"))) return undefined;
  const out: SourceWord[] = [];
  for (const m of src.matchAll(/[^ \t\r\n\f\v]+/g)) out.push({ word: m[0], start: from + m.index, end: from + m.index + m[0].length });
  const expected = s.value.split(/[ \t\r\n\f\v]+/).filter(Boolean);
  return out.length === expected.length && out.every((w, i) => w.word === expected[i]) ? out : undefined;
}

/** A string as a YAML scalar in the given style (plain falls back to double quotes when it must). */
export function yamlScalarAs(s: string, style: ScalarStyle, inFlow = false): string {
  if (style === 'single') return `'${s.replace(/'/g, "''")}'`;
  if (style === 'double' || style === 'block') return JSON.stringify(s);
  if (inFlow && /[,[\]{}#]/.test(s)) return JSON.stringify(s);
  return yamlString(s);
}

/**
 * Where a pair's value text really ends: before the line break a block
 * scalar's range takes in, and at the last item of a block list (its
 * trailing comments excluded).
 */
export function valueTextEnd(doc: SiteDocument, p: TopPair): number {
  const fm = doc.frontMatter;
  if (fm && isSeq(p.value) && p.value.flow !== true) {
    const last = p.value.items[p.value.items.length - 1] as Node | undefined;
    if (last?.range) return fm.toOriginal(last.range[1]);
  }
  let end = p.valueEnd;
  while (end > p.valueStart && /\s/.test(doc.text[end - 1]!)) end--;
  return end;
}
