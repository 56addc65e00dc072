import type { SiteDocument } from '../document';
import { topPair, type TopPair } from '../edit';
import type { Range } from '../problem';
import { dateParse } from '../rubyTime';
import { localToEpoch, offsetAt, fieldsAt, type ZonedTime } from '../timezone';

/** Shared by the date rules: the `date:` pair and its source text. */
export interface DateSource {
  pair: TopPair;
  text: string;
  range: Range;
  plain: boolean;
}

export function dateSource(doc: SiteDocument): DateSource | undefined {
  const pair = topPair(doc, 'date');
  if (!pair || pair.value === null) return undefined;
  const text = doc.text.slice(pair.valueStart, pair.valueEnd);
  const plain = !/^["']/.test(text);
  return { pair, text, range: doc.lines.rangeOf(pair.valueStart, pair.valueEnd), plain };
}

/** YYYY-MM-DD of an instant as the site shows it. */
export function dayOf(t: ZonedTime): string {
  const f = fieldsAt(t);
  return `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}

/** Where a date finding goes: the `date:` value, else the first line. */
export function dateRange(doc: SiteDocument): Range {
  return dateSource(doc)?.range ?? doc.lines.rangeOf(0, doc.lines.lineEnd(0));
}

/** The offset `tz` has at a wall-clock time (what the author meant when writing it without one). */
export function offsetForWallTime(tz: string | undefined, text: string): number | undefined {
  const p = dateParse(text);
  if (p.year === undefined || p.mon === undefined || p.mday === undefined) return undefined;
  const epoch = localToEpoch(tz, p.year, p.mon, p.mday, p.hour ?? 0, p.min ?? 0, p.sec ?? 0);
  return offsetAt(tz, epoch);
}
