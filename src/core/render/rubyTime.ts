/**
 * A Ruby Time as Jekyll hands it to Liquid: an instant shown at an offset
 * (the site's zone), printed as Ruby's Time#to_s, formatted with Ruby's strftime.
 */
import { rubyTimeParse } from '../rubyTime';
import { fieldsAt, formatOffset, formatRubyTime, offsetAt, type ZonedTime } from '../timezone';

export class RubyTime implements ZonedTime {
  constructor(
    readonly epochMs: number,
    readonly offset: number,
    /** The IANA zone the offset comes from (for %Z), when known. */
    readonly zone?: string,
  ) {}

  static of(t: ZonedTime, zone?: string): RubyTime {
    return new RubyTime(t.epochMs, t.offset, zone);
  }

  /** Ruby's Time#to_s: `2025-08-19 15:46:44 +0100`. */
  toString(): string {
    return formatRubyTime(this);
  }

  /** Ruby's Time#to_json is its to_s. */
  toJSON(): string {
    return this.toString();
  }

  /** Comparisons (`<`, `sort`) compare instants. */
  valueOf(): number {
    return this.epochMs;
  }

  /** Time#localtime in `zone`. */
  inZone(zone: string | undefined): RubyTime {
    return new RubyTime(this.epochMs, offsetAt(zone, this.epochMs), zone);
  }
}

/**
 * Liquid::Utils.to_date: a time as is; `now`/`today`; digits as epoch seconds;
 * any other string through Time.parse in the site's zone; undefined when it is no date.
 */
export function toRubyTime(input: unknown, zone: string | undefined, nowMs: number): RubyTime | undefined {
  if (input instanceof RubyTime) return input;
  if (input instanceof Date) return new RubyTime(input.getTime(), offsetAt(zone, input.getTime()), zone);
  if (typeof input === 'number' && Number.isInteger(input)) return new RubyTime(input * 1000, offsetAt(zone, input * 1000), zone);
  if (typeof input !== 'string' || input === '') return undefined;
  const s = input.toLowerCase();
  if (s === 'now' || s === 'today') return new RubyTime(nowMs, offsetAt(zone, nowMs), zone);
  if (/^\d+$/.test(s)) return toRubyTime(Number(s), zone, nowMs);
  try {
    const t = rubyTimeParse(input, zone, nowMs);
    return new RubyTime(t.epochMs, t.offset, zone);
  } catch {
    return undefined;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The zone's abbreviation as Ruby prints %Z (`BST`, `UTC`, `EDT`); `+0100`-style when Intl has no name. */
function zoneName(t: RubyTime): string {
  if (!t.zone) return t.offset === 0 ? 'UTC' : formatOffset(t.offset);
  for (const locale of ['en-US', 'en-GB']) {
    try {
      const part = new Intl.DateTimeFormat(locale, { timeZone: t.zone, timeZoneName: 'short' }).formatToParts(new Date(t.epochMs)).find((p) => p.type === 'timeZoneName')?.value;
      if (part && !/^(GMT|UTC)[+-]/.test(part)) return part === 'GMT' && t.zone === 'UTC' ? 'UTC' : part;
    } catch {
      break;
    }
  }
  return formatOffset(t.offset);
}

/** Ruby's Time#strftime (flags `-`, `_`, `0`, `^`, `#`, widths, `%:z`). Unknown directives are kept as written, as Ruby does. */
export function rubyStrftime(format: string, t: RubyTime): string {
  const f = fieldsAt(t);
  const dayOfYear = Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const weekNumber = (firstDay: number): number => {
    const jan1 = new Date(Date.UTC(f.year, 0, 1)).getUTCDay();
    const offset = (7 + jan1 - firstDay) % 7;
    return Math.floor((dayOfYear - 1 + offset) / 7);
  };
  const numeric: Record<string, [number, number, string]> = {
    // value, default width, default pad
    Y: [f.year, 1, '0'],
    C: [Math.floor(f.year / 100), 2, '0'],
    y: [f.year % 100, 2, '0'],
    m: [f.month, 2, '0'],
    d: [f.day, 2, '0'],
    e: [f.day, 2, ' '],
    j: [dayOfYear, 3, '0'],
    H: [f.hour, 2, '0'],
    k: [f.hour, 2, ' '],
    I: [hour12, 2, '0'],
    l: [hour12, 2, ' '],
    M: [f.minute, 2, '0'],
    S: [f.second, 2, '0'],
    L: [((t.epochMs % 1000) + 1000) % 1000, 3, '0'],
    u: [f.weekday === 0 ? 7 : f.weekday, 1, '0'],
    w: [f.weekday, 1, '0'],
    U: [weekNumber(0), 2, '0'],
    W: [weekNumber(1), 2, '0'],
    s: [Math.floor(t.epochMs / 1000), 1, '0'],
  };
  const text: Record<string, () => string> = {
    A: () => DAYS[f.weekday]!,
    a: () => DAYS[f.weekday]!.slice(0, 3),
    B: () => MONTHS[f.month - 1]!,
    b: () => MONTHS[f.month - 1]!.slice(0, 3),
    h: () => MONTHS[f.month - 1]!.slice(0, 3),
    p: () => (f.hour < 12 ? 'AM' : 'PM'),
    P: () => (f.hour < 12 ? 'am' : 'pm'),
    Z: () => zoneName(t),
    z: () => formatOffset(t.offset),
    F: () => rubyStrftime('%Y-%m-%d', t),
    T: () => rubyStrftime('%H:%M:%S', t),
    X: () => rubyStrftime('%H:%M:%S', t),
    R: () => rubyStrftime('%H:%M', t),
    r: () => rubyStrftime('%I:%M:%S %p', t),
    D: () => rubyStrftime('%m/%d/%y', t),
    x: () => rubyStrftime('%m/%d/%y', t),
    c: () => rubyStrftime('%a %b %e %H:%M:%S %Y', t),
    n: () => '\n',
    t: () => '\t',
    '%': () => '%',
  };
  return format.replace(/%([-_0^#]*)(\d*)(:{0,2}[a-zA-Z%+])/g, (whole, flags: string, width: string, d: string) => {
    if (d === ':z' || d === '::z') {
      const base = formatOffset(t.offset, true);
      return d === '::z' ? base + ':00' : base;
    }
    const n = numeric[d];
    if (n) {
      const [v, w, pad] = n;
      const padChar = flags.includes('-') ? '' : flags.includes('_') ? ' ' : flags.includes('0') ? '0' : pad;
      const len = width ? Number(width) : w;
      const s = String(Math.abs(v));
      return (v < 0 ? '-' : '') + (padChar ? s.padStart(len, padChar) : s);
    }
    const fn = text[d];
    if (!fn) return whole;
    let s = fn();
    if (flags.includes('^')) s = s.toUpperCase();
    else if (flags.includes('#')) s = s === s.toUpperCase() ? s.toLowerCase() : s.toUpperCase();
    if (width) s = s.padStart(Number(width), flags.includes('0') ? '0' : ' ');
    return s;
  });
}
