/**
 * UTC offsets of IANA zones through Intl (no tz data of our own), and the
 * local-time → instant conversion Ruby's Time.local performs (in a DST gap the
 * wall time moves forward by the gap; an ambiguous wall time takes the later
 * instant — both seen with Ruby 3.1 on Europe/London).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Whether Intl knows the zone name. */
export function isValidZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The machine's own zone (what Jekyll uses without `timezone:`). */
export function machineZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Per zone, per UTC year: the offset at the year's start and each change in the year (the instant
 * and the offset from then on). A year is sampled every few days and each change found to the
 * second, so a site's posts cost a few dozen Intl calls a year instead of two a day.
 */
interface YearOffsets {
  first: number;
  at: number[];
  offsets: number[];
}
const years = new Map<string, Map<number, YearOffsets>>();
const YEARS_PER_ZONE_LIMIT = 2_000;
const DAY_MS = 86_400_000;
/** Sampling step: a change and its return within less than a week would go unseen (no zone has had one). */
const SAMPLE_MS = 7 * DAY_MS;

/** Offset east of UTC, in seconds, of `tz` at the instant `epochMs`. */
export function offsetAt(tz: string | undefined, epochMs: number): number {
  let zone = tz === undefined ? undefined : years.get(tz);
  if (zone === undefined) {
    if (!tz || !isValidZone(tz)) return -new Date(epochMs).getTimezoneOffset() * 60;
    years.set(tz, (zone = new Map<number, YearOffsets>()));
  }
  const year = new Date(epochMs).getUTCFullYear();
  let table = zone.get(year);
  if (table === undefined) {
    if (zone.size >= YEARS_PER_ZONE_LIMIT) zone.clear();
    zone.set(year, (table = yearOffsets(tz!, year)));
  }
  let offset = table.first;
  for (let i = 0; i < table.at.length && table.at[i]! <= epochMs; i++) offset = table.offsets[i]!;
  return offset;
}

function yearOffsets(tz: string, year: number): YearOffsets {
  const start = utcYearStart(year);
  const end = utcYearStart(year + 1);
  const first = zoneOffsetAt(tz, start);
  const out: YearOffsets = { first, at: [], offsets: [] };
  let from = start;
  let offset = first;
  while (from < end) {
    const to = Math.min(from + SAMPLE_MS, end);
    // Every change in (from, to]: the first instant whose offset differs, to the second.
    while (zoneOffsetAt(tz, to) !== offset) {
      let lo = from;
      let hi = to;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (zoneOffsetAt(tz, mid) === offset) lo = mid;
        else hi = mid;
      }
      offset = zoneOffsetAt(tz, hi);
      if (hi >= end) break; // the change at the next year's start belongs to that year
      out.at.push(hi);
      out.offsets.push(offset);
      from = hi;
    }
    from = to;
  }
  return out;
}

function utcYearStart(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime();
}

function zoneOffsetAt(tz: string, epochMs: number): number {
  const parts = formatter(tz).formatToParts(new Date(epochMs));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const date = new Date(0);
  date.setUTCFullYear(get('year'), get('month') - 1, get('day'));
  date.setUTCHours(get('hour'), get('minute'), get('second'));
  const wall = date.getTime();
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wall - whole) / 1000);
}

/** The instant of a wall-clock time in `tz` (fields may overflow as Date.UTC allows). */
export function localToEpoch(tz: string | undefined, y: number, mon: number, d: number, h: number, mi: number, s: number, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mon - 1, d);
  date.setUTCHours(h, mi, s, ms);
  const wall = date.getTime();
  const before = offsetAt(tz, wall - 86_400_000);
  const after = offsetAt(tz, wall + 86_400_000);
  const candidates = [...new Set([before, after, offsetAt(tz, wall)])]
    .map((o) => wall - o * 1000)
    .filter((t) => offsetAt(tz, t) * 1000 === wall - t);
  if (candidates.length > 0) return Math.max(...candidates);
  return wall - before * 1000; // in a gap: keep the offset from before the change
}

/** `+0100` style. */
export function formatOffset(seconds: number, colon = false): string {
  const sign = seconds < 0 ? '-' : '+';
  const a = Math.abs(seconds);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = String(Math.floor((a % 3600) / 60)).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}

export interface ZonedTime {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** The offset it is shown with (seconds east of UTC). */
  offset: number;
}

/** Wall-clock fields of an instant shown at a fixed offset. */
export function fieldsAt(t: ZonedTime): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  const d = new Date(t.epochMs + t.offset * 1000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() };
}

/** Ruby's Time#to_s: `2025-08-19 15:46:44 +0100`. */
export function formatRubyTime(t: ZonedTime): string {
  const f = fieldsAt(t);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(f.year, 4)}-${p(f.month)}-${p(f.day)} ${p(f.hour)}:${p(f.minute)}:${p(f.second)} ${formatOffset(t.offset)}`;
}

/** The instant as the site shows it: its offset in `tz`. */
export function inZone(epochMs: number, tz: string | undefined): ZonedTime {
  return { epochMs, offset: offsetAt(tz, epochMs) };
}
