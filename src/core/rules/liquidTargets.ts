import type { DocumentKind, SiteDocument } from '../document';
import { trimmedArgs, type LiquidToken } from '../liquidScan';
import { editDistance } from '../nearest';
import type { Fix, Range } from '../problem';

/** What the Liquid rules share: where a tag's argument is, how to say the build fails, the nearest targets. */

/** The range of a tag's (stripped) argument; the whole tag when it has none. */
export function argRange(doc: SiteDocument, token: LiquidToken): { range: Range; text: string; start: number; end: number } {
  const a = trimmedArgs(token);
  const start = a.text === '' ? token.start : a.start;
  const end = a.text === '' ? token.end : a.end;
  return { range: doc.lines.rangeOf(start, end), text: a.text, start, end };
}

/** "The build fails", or when it does for a draft (Jekyll renders drafts only with `--drafts`). */
export function buildFails(kind: DocumentKind): string {
  return kind === 'draft' ? 'Once this draft is published (or built with `--drafts`), the build fails' : 'The build fails';
}

/** A fix that replaces `[start, end)` with `text`. */
export function replaceFix(doc: SiteDocument, start: number, end: number, text: string, title: string, preferred: boolean): Fix {
  return replaceRange(doc.lines.rangeOf(start, end), text, title, preferred);
}

/** A fix that replaces `range` with `text`. */
export function replaceRange(range: Range, text: string, title: string, preferred: boolean): Fix {
  return { title, edits: [{ range, newText: text }], ...(preferred ? { preferred: true } : {}) };
}

export interface Ranked<T> {
  value: T;
  distance: number;
}

/**
 * The candidates nearest to `target` by edit distance on `key`, best first
 * (ties by key), at most `max`, each within a third of the longer name —
 * the same bound as `nearest()`. `clear` says the first one is clearly
 * meant: no other is as near.
 */
export function closest<T>(target: string, candidates: Iterable<T>, key: (c: T) => string, max = 3): { list: Array<Ranked<T>>; clear: boolean } {
  const all: Array<Ranked<T> & { k: string }> = [];
  for (const c of candidates) {
    const k = key(c);
    const limit = Math.max(1, Math.floor(Math.max(target.length, k.length) * 0.34));
    // Cheap bound first: the distance is at least the difference in length.
    if (Math.abs(k.length - target.length) > limit) continue;
    const d = editDistance(target, k);
    if (d <= limit) all.push({ value: c, distance: d, k });
  }
  all.sort((a, b) => a.distance - b.distance || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const list = all.slice(0, max).map(({ value, distance }) => ({ value, distance }));
  return { list, clear: list.length === 1 || (list.length > 1 && list[1]!.distance > list[0]!.distance) };
}
