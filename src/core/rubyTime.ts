/**
 * Ruby's `Time.parse` as Jekyll calls it (Utils.parse_date → Time.parse(str).localtime),
 * reimplemented from the documented behaviour of Date._parse: a lenient scan
 * that removes a time-of-day (with an optional zone), then tries day/month
 * patterns in a fixed order (eu "13 Aug 2020", us "Aug 13, 2020", iso
 * "2020-08-13", vms, slash, dot, year, month name, "13th", digit runs), then
 * fills missing fields from "now". Conformance tests compare it with Ruby.
 */
import { localToEpoch, offsetAt, type ZonedTime } from './timezone';

export interface DateParts {
  year?: number;
  mon?: number;
  mday?: number;
  hour?: number;
  min?: number;
  sec?: number;
  fraction?: number;
  zone?: string;
  wday?: number;
  /** Day of the year (1-based), from forms like 2025-231. */
  yday?: number;
}

const ABBR_MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const ABBR_DAYS = 'sun|mon|tue|wed|thu|fri|sat';
const ERA = '(c(?:e|\\.e\\.)|b(?:ce|\\.c\\.e\\.)|a(?:d|\\.d\\.)|b(?:c|\\.c\\.))';

const re = (source: string, flags = 'iu'): RegExp => new RegExp(source, flags);
// Ruby's \b and [[:alpha:]] are Unicode-aware; \d and \s are ASCII in Ruby regexps.
const D = '[0-9]';
const S = '[ \\t\\n\\v\\f\\r]';
const WB_START = '(?<![\\p{L}\\p{N}_])';
const WB_END = '(?![\\p{L}\\p{N}_])';

const PATTERNS = {
  clean: re("[^-+',./:@\\p{L}\\p{N}\\[\\]]+", 'gu'),
  day: re(`${WB_START}(${ABBR_DAYS})[^-/0-9 \\t\\n\\v\\f\\r]*`),
  time: re(
    `((?:${D}+${S}*:${S}*${D}+(?:${S}*:${S}*${D}+(?:[,.]${D}*)?)?|${D}+${S}*h(?:${S}*${D}+m?(?:${S}*${D}+s?)?)?)(?:${S}*[ap](?:m${WB_END}|\\.m\\.))?|${D}+${S}*[ap](?:m${WB_END}|\\.m\\.))` +
      `(?:${S}*((?:gmt|utc?)?[-+]${D}+(?:[,.:]${D}+(?::${D}+)?)?|[\\p{L}.${' \\t\\n\\v\\f\\r'}]+(?:standard|daylight)${S}time${WB_END}|\\p{L}+(?:${S}dst)?${WB_END}))?`,
  ),
  timeParts: re(`^(${D}+)h?(?:${S}*:?${S}*(${D}+)m?(?:${S}*:?${S}*(${D}+)(?:[,.](${D}+))?s?)?)?(?:${S}*([ap])(?:m${WB_END}|\\.m\\.))?`),
  eu: re(`('?${D}+)[^-0-9 \\t\\n\\v\\f\\r]*${S}*(${ABBR_MONTHS})[^-0-9 \\t\\n\\v\\f\\r']*(?:${S}*${ERA}?${S}*('?-?${D}+(?:(?:st|nd|rd|th)${WB_END})?))?`),
  us: re(`${WB_START}(${ABBR_MONTHS})[^-0-9 \\t\\n\\v\\f\\r']*${S}*('?${D}+)[^-0-9 \\t\\n\\v\\f\\r']*(?:${S}*,?${S}*${ERA}?${S}*('?-?${D}+))?`),
  iso: re(`('?[-+]?${D}+)-(${D}+)-('?-?${D}+)`, 'u'),
  vms11: re(`('?-?${D}+)-(${ABBR_MONTHS})[^-/.]*-('?-?${D}+)`),
  vms12: re(`${WB_START}(${ABBR_MONTHS})[^-/.]*-('?-?${D}+)(?:-('?-?${D}+))?`),
  sla: re(`('?-?${D}+)/${S}*('?${D}+)(?:[^0-9]${S}*('?-?${D}+))?`),
  dot: re(`('?-?${D}+)\\.${S}*('?${D}+)\\.${S}*('?-?${D}+)`),
  yday: re(`${WB_START}(${D}{2}|${D}{4})-(${D}{3})${WB_END}`, 'u'),
  ydayGuard: re(`[,.](${D}{2}|${D}{4})-${D}{3}${WB_END}`, 'u'),
  year: re(`'(${D}+)${WB_END}`, 'u'),
  mon: re(`${WB_START}(${ABBR_MONTHS})[^ \\t\\n\\v\\f\\r]*`),
  mday: re(`(${D}+)(st|nd|rd|th)${WB_END}`),
  ddd: re(`([-+]?)(${D}{2,14})(?:${S}*t?${S}*(${D}{2,6})?(?:[,.](${D}*))?)?(?:${S}*(z${WB_END}|[-+]${D}{1,4}${WB_END}|\\[[-+]?${D}[^\\]]*\\]))?`),
  frag: re(`^${S}*(${D}{1,2})${S}*$`, 'u'),
};

const monNum = (s: string): number => ABBR_MONTHS.split('|').indexOf(s.slice(0, 3).toLowerCase()) + 1;
const dayNum = (s: string): number => ABBR_DAYS.split('|').indexOf(s.slice(0, 3).toLowerCase());

/** Replaces the first match with one space (Date._parse's `subx`) and returns it. */
function subx(state: { str: string }, pattern: RegExp): RegExpExecArray | undefined {
  const m = pattern.exec(state.str);
  if (!m) return undefined;
  state.str = state.str.slice(0, m.index) + ' ' + state.str.slice(m.index + m[0].length);
  return m;
}

const digits = (s: string): string => /[-+]?[0-9]+/.exec(s.replace(/^[^-+0-9]*/, ''))?.[0] ?? '';

type Work = DateParts & { comp?: boolean; bc?: boolean };

/** Date._parse's rule for ordering three date fields that may be y/m/d, d/m/y or m/d/y. */
function s3e(parts: Work, y0: string | undefined, m0: string, d0: string | undefined, bc: boolean): void {
  let y = y0;
  let m: string | undefined = m0;
  let d = d0;
  if (y !== undefined && m !== undefined && d === undefined) [y, m, d] = [d, y, m];
  if (y === undefined) {
    if (d !== undefined && d.length > 2) [y, d] = [d, undefined];
    if (d !== undefined && d.startsWith("'")) [y, d] = [d, undefined];
  }
  if (y !== undefined) {
    const at = y.search(/[-+0-9]/);
    if (at >= 0) {
      const rest = y.slice(at);
      const num = /^[-+]?[0-9]*/.exec(rest)![0];
      if (at + num.length < y.length) [y, d] = [d, num];
    }
  }
  if (m !== undefined && (m.startsWith("'") || m.length > 2)) [y, m, d] = [m, d, y];
  if (d !== undefined && (d.startsWith("'") || d.length > 2)) [y, d] = [d, y];
  if (y !== undefined) {
    const at = y.search(/[-+0-9]/);
    if (at >= 0) {
      const num = /^[-+]?[0-9]*/.exec(y.slice(at))![0];
      const unsigned = num.replace(/^[-+]/, '');
      if (num !== unsigned || unsigned.length > 2) parts.comp = false;
      parts.year = parseInt(num, 10);
    }
  }
  if (bc) parts.bc = true;
  if (m !== undefined) {
    const n = digits(m).replace(/^[-+]/, '');
    if (n !== '') parts.mon = parseInt(n, 10);
  }
  if (d !== undefined) {
    const n = /[0-9]+/.exec(d)?.[0];
    if (n !== undefined) parts.mday = parseInt(n, 10);
  }
}

function hasAll(str: string, ...classes: Array<'alpha' | 'digit' | 'dash' | 'dot' | 'slash'>): boolean {
  return classes.every((c) =>
    c === 'alpha' ? /[A-Za-z]/.test(str) : c === 'digit' ? /[0-9]/.test(str) : c === 'dash' ? str.includes('-') : c === 'dot' ? str.includes('.') : str.includes('/'),
  );
}

/** Ruby's Date._parse(str, true): the fields it finds. */
export function dateParse(input: string): DateParts {
  return canonicalDate(input) ?? dateParseAny(input);
}

/** `2021-07-02 08:34:41 +0100` and its shorter forms: most front-matter dates. */
const CANONICAL = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?(?: ?([-+]\d\d(?::?\d\d)?))?)?$/;

/**
 * What Date._parse makes of the canonical form, read with one regular
 * expression (test/unit/core/rubyTime.test.ts holds it to the full port).
 */
function canonicalDate(input: string): DateParts | undefined {
  const c = CANONICAL.exec(input);
  if (!c) return undefined;
  const h: DateParts = { year: Number(c[1]), mon: Number(c[2]), mday: Number(c[3]) };
  if (c[4] !== undefined) {
    h.hour = Number(c[4]);
    h.min = Number(c[5]);
    if (c[6] !== undefined) h.sec = Number(c[6]);
    if (c[7] !== undefined) h.zone = c[7];
  }
  return h;
}

/** Date._parse, every form (exported for the test that holds the canonical reader to it). */
export function dateParseAny(input: string): DateParts {
  const state = { str: input.replace(PATTERNS.clean, ' ') };
  const h: Work = { comp: true };
  const str = state.str;
  if (hasAll(str, 'alpha')) {
    const m = subx(state, PATTERNS.day);
    if (m) h.wday = dayNum(m[1]!);
  }
  if (hasAll(str, 'digit')) {
    const m = subx(state, PATTERNS.time);
    if (m) {
      if (m[2] !== undefined) h.zone = m[2];
      const t = PATTERNS.timeParts.exec(m[1]!);
      if (t) {
        let hour = parseInt(t[1]!, 10);
        if (t[5]) hour = (hour % 12) + (t[5].toLowerCase() === 'p' ? 12 : 0);
        h.hour = hour;
        if (t[2] !== undefined) h.min = parseInt(t[2], 10);
        if (t[3] !== undefined) h.sec = parseInt(t[3], 10);
        if (t[4] !== undefined) h.fraction = parseInt(t[4], 10) / 10 ** t[4].length;
      }
    }
  }
  const tryDate = (): boolean => {
    let m: RegExpExecArray | undefined;
    if (hasAll(str, 'alpha', 'digit')) {
      if ((m = subx(state, PATTERNS.eu))) {
        s3e(h, m[4], String(monNum(m[2]!)), m[1], isBc(m[3]));
        return true;
      }
      if ((m = subx(state, PATTERNS.us))) {
        s3e(h, m[4], String(monNum(m[1]!)), m[2], isBc(m[3]));
        return true;
      }
    }
    if (hasAll(str, 'digit', 'dash') && (m = subx(state, PATTERNS.iso))) {
      s3e(h, m[1], m[2]!, m[3], false);
      return true;
    }
    if (hasAll(str, 'alpha', 'digit', 'dash')) {
      if ((m = subx(state, PATTERNS.vms11))) {
        s3e(h, m[3], String(monNum(m[2]!)), m[1], false);
        return true;
      }
      if ((m = subx(state, PATTERNS.vms12))) {
        s3e(h, m[3], String(monNum(m[1]!)), m[2], false);
        return true;
      }
    }
    if (hasAll(str, 'digit', 'slash') && (m = subx(state, PATTERNS.sla))) {
      s3e(h, m[1], m[2]!, m[3], false);
      return true;
    }
    if (hasAll(str, 'digit', 'dot') && (m = subx(state, PATTERNS.dot))) {
      s3e(h, m[1], m[2]!, m[3], false);
      return true;
    }
    if (hasAll(str, 'digit') && !PATTERNS.ydayGuard.test(state.str) && (m = subx(state, PATTERNS.yday))) {
      h.year = parseInt(m[1]!, 10);
      h.yday = parseInt(m[2]!, 10);
      return true;
    }
    if (hasAll(str, 'digit') && (m = subx(state, PATTERNS.year))) {
      h.year = parseInt(m[1]!, 10);
      return true;
    }
    if (hasAll(str, 'alpha') && (m = subx(state, PATTERNS.mon))) {
      h.mon = monNum(m[1]!);
      return true;
    }
    if (hasAll(str, 'digit') && (m = subx(state, PATTERNS.mday))) {
      h.mday = parseInt(m[1]!, 10);
      return true;
    }
    if (hasAll(str, 'digit') && (m = subx(state, PATTERNS.ddd))) {
      ddd(h, m);
      return true;
    }
    return false;
  };
  tryDate();
  if (hasAll(str, 'digit')) {
    const m = PATTERNS.frag.exec(state.str);
    if (m) {
      const n = parseInt(m[1]!, 10);
      if (h.hour !== undefined && h.mday === undefined && n >= 1 && n <= 31) h.mday = n;
      if (h.mday !== undefined && h.hour === undefined && n >= 0 && n <= 24) h.hour = n;
    }
  }
  if (h.bc && h.year !== undefined) h.year = -h.year + 1;
  if (h.comp && h.year !== undefined && h.year >= 0 && h.year <= 99) h.year += h.year >= 69 ? 1900 : 2000;
  delete h.comp;
  delete h.bc;
  return h;
}

function isBc(era: string | undefined): boolean {
  return era !== undefined && /^b/i.test(era);
}

/** Digit runs: 20200813, 0813, 20200813101500 … (date branch of Date._parse's parse_ddd). */
function ddd(h: Work, m: RegExpExecArray): void {
  const s2 = m[2]!;
  const n = (from: number, w: number): number => parseInt(s2.slice(from, from + w), 10);
  const timeOnly = m[3] === undefined && m[4] !== undefined;
  const l = s2.length;
  if (timeOnly) return; // a bare fraction after digits: too rare in front matter to model
  switch (l) {
    case 2:
      h.mday = n(0, 2);
      break;
    case 4:
      h.mon = n(0, 2);
      h.mday = n(2, 2);
      break;
    case 6:
      h.year = (m[1] === '-' ? -1 : 1) * n(0, 2);
      h.mon = n(2, 2);
      h.mday = n(4, 2);
      break;
    case 8:
    case 10:
    case 12:
    case 14:
      h.year = (m[1] === '-' ? -1 : 1) * n(0, 4);
      h.mon = n(4, 2);
      h.mday = n(6, 2);
      if (l >= 10) h.hour = n(8, 2);
      if (l >= 12) h.min = n(10, 2);
      if (l >= 14) h.sec = n(12, 2);
      h.comp = false;
      break;
    case 3:
    case 5:
    case 7:
      break; // day-of-year forms
    default:
      break;
  }
  if (m[3] !== undefined) {
    const t = m[3];
    h.hour = parseInt(t.slice(0, 2), 10);
    if (t.length >= 4) h.min = parseInt(t.slice(2, 4), 10);
    if (t.length >= 6) h.sec = parseInt(t.slice(4, 6), 10);
  }
  if (m[5] !== undefined) h.zone = m[5];
}

/** Time.zone_offset: only numeric offsets and a small table of names are known. */
const ZONES: Record<string, number> = { UTC: 0, Z: 0, UT: 0, GMT: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7 };
'ABCDEFGHIKLM'.split('').forEach((c, i) => (ZONES[c] = i + 1));
'NOPQRSTUVWXY'.split('').forEach((c, i) => (ZONES[c] = -(i + 1)));

export function zoneOffset(zone: string): number | undefined {
  const z = zone.toUpperCase();
  let m = /^([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?$/.exec(z);
  if (m) return (m[1] === '-' ? -1 : 1) * ((parseInt(m[2]!, 10) * 60 + parseInt(m[4]!, 10)) * 60 + (m[5] ? parseInt(m[5], 10) : 0));
  m = /^[+-]\d\d$/.exec(z);
  if (m) return parseInt(z, 10) * 3600;
  const v = ZONES[z];
  return v === undefined ? undefined : v * 3600;
}

export class RubyTimeError extends Error {}

const DAYS_OK = (mon: number, day: number): boolean => mon >= 1 && mon <= 12 && day >= 1 && day <= 31;

/**
 * Ruby's Time.parse(str) in zone `tz` (Jekyll sets TZ from `timezone:`), at
 * `nowMs`, returned as the instant shown in `tz` (what `.localtime` gives).
 * Throws RubyTimeError where Ruby raises ArgumentError (Jekyll: InvalidDateError).
 */
export function rubyTimeParse(input: string, tz: string | undefined, nowMs: number): ZonedTime {
  const p = dateParse(input);
  if (p.yday !== undefined && p.year !== undefined) {
    const d = new Date(utcMs(p.year, 1, p.yday, 0, 0, 0, 0));
    p.mon = d.getUTCMonth() + 1;
    p.mday = d.getUTCDate();
  }
  if (p.year === undefined && p.mon === undefined && p.mday === undefined && p.hour === undefined && p.min === undefined && p.sec === undefined && p.fraction === undefined) {
    throw new RubyTimeError(`no time information in ${JSON.stringify(input)}`);
  }
  const off = p.zone !== undefined ? zoneOffset(p.zone) : undefined;
  // "now" as seen at the parsed offset, or in the local zone.
  const nowOffset = off ?? offsetAt(tz, nowMs);
  const now = new Date(nowMs + nowOffset * 1000);
  const nowFields = [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds()];
  const given = [p.year, p.mon, p.mday, p.hour, p.min, p.sec];
  const firstGiven = given.findIndex((v) => v !== undefined);
  const fields = given.map((v, i) => v ?? (firstGiven < 0 || i < firstGiven ? nowFields[i] : undefined));
  const [year = 1970, mon = 1, day = 1, hour = 0, min = 0, sec = 0] = fields;
  if (!DAYS_OK(mon, day) || hour < 0 || hour > 24 || (hour === 24 && (min > 0 || sec > 0)) || min < 0 || min > 59 || sec < 0 || sec > 60) {
    throw new RubyTimeError('argument out of range');
  }
  const ms = Math.floor((p.fraction ?? 0) * 1000);
  const epochMs = off !== undefined ? utcMs(year, mon, day, hour, min, sec, ms) - off * 1000 : localToEpoch(tz, year, mon, day, hour, min, sec, ms);
  return { epochMs, offset: offsetAt(tz, epochMs) };
}

/** Date.UTC without its 0–99 → 1900s year mapping. */
export function utcMs(year: number, mon: number, day: number, hour: number, min: number, sec: number, ms: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, mon - 1, day);
  d.setUTCHours(hour, min, sec, ms);
  return d.getTime();
}
