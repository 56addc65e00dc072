/**
 * Jekyll 4.3's Liquid filters (lib/jekyll/filters.rb, filters/url_filters.rb,
 * filters/date_filters.rb) as liquidjs filters, and Ruby's to_s/inspect for
 * what Liquid prints. Checked against the real Jekyll 4.3.1 in
 * test/unit/core/render/liquid.test.ts.
 */
import { isTruthy, Value, type Context, type FilterImplOptions } from 'liquidjs';
import { slugify, type SlugifyMode } from '../slugify';
import { isRecord } from '../yamlValue';
import { RubyTime, rubyStrftime, toRubyTime } from './rubyTime';

/** What the filters need from the site and the render in progress. */
export interface FilterSite {
  baseurl: string;
  url: string;
  zone: string | undefined;
  nowMs: number;
  /** Markdown → HTML (kramdown as the site configures it), for `markdownify`. */
  markdownify(text: string): string;
  /** kramdown's SmartyPants, for `smartify`. */
  smartify(text: string): string;
}

type Filter = (this: { context: Context }, value: unknown, ...args: unknown[]) => unknown;

// ---------------------------------------------------------------------------
// Ruby's views of values

/** Ruby's to_s of a Liquid value: what `{{ x }}` prints. */
export function rubyToS(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(rubyToS).join('');
  if (v instanceof RubyTime) return v.toString();
  if (typeof v === 'number') return rubyNumber(v);
  if (isRecord(v)) return rubyInspect(v);
  return typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '';
}

function rubyNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}

function rubyStringInspect(s: string): string {
  return '"' + s.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/#(?=[{$@])/g, '\\#') + '"';
}

/** Ruby 3.1's #inspect. */
export function rubyInspect(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return rubyStringInspect(v);
  if (typeof v === 'number') return rubyNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof RubyTime) return v.toString();
  if (Array.isArray(v)) return '[' + v.map(rubyInspect).join(', ') + ']';
  if (isRecord(v)) return '{' + Object.entries(v).map(([k, x]) => `${rubyStringInspect(k)}=>${rubyInspect(x)}`).join(', ') + '}';
  return typeof v === 'bigint' ? String(v) : '';
}

// ---------------------------------------------------------------------------
// Helpers shared by the array filters

const INTEGER_LIKE = /^\s*-?\d+\s*$/;
const FLOAT_LIKE = /^\s*-?(?:\d+\.?\d*|\.\d+)\s*$/;

/** Filters#parse_sort_input: numbers-as-text compare as numbers. */
function parseSortInput(v: unknown): unknown {
  const s = rubyToS(v);
  if (typeof v !== 'object' && INTEGER_LIKE.test(s)) return parseInt(s, 10);
  if (typeof v !== 'object' && FLOAT_LIKE.test(s)) return parseFloat(s);
  return v;
}

/** Filters#item_property: `a.b.c` read through hashes. */
function itemProperty(item: unknown, property: unknown): unknown {
  let v: unknown = item;
  for (const key of rubyToS(property).split('.')) {
    v = isRecord(v) ? parseSortInput(Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined) : Array.isArray(v) && /^-?\d+$/.test(key) ? parseSortInput(v.at(Number(key))) : undefined;
  }
  return v;
}

function toList(input: unknown): unknown[] | undefined {
  if (Array.isArray(input)) return input as unknown[];
  if (isRecord(input)) return Object.values(input);
  return undefined;
}

/** Filters#compare_property_vs_target (the target already a string). */
function matchesTarget(property: unknown, target: string): boolean {
  if (typeof property === 'string') return property === target;
  const list = property === null || property === undefined ? [] : Array.isArray(property) ? property : [property];
  return list.some((p) => rubyToS(p) === target || (p === null && target === ''));
}

/** Ruby's <=> for the values Liquid sorts: numbers, strings, times; undefined when they don't compare. */
function spaceship(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof RubyTime && b instanceof RubyTime) return a.epochMs - b.epochMs;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : undefined;
  return undefined;
}

/** Compares by Ruby's byte order for strings (UTF-16 order matches it for the BMP). */
function compareLoose(a: unknown, b: unknown): number {
  const c = spaceship(a, b);
  if (c !== undefined) return c;
  const x = rubyToS(a);
  const y = rubyToS(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function* evalExpression(ctx: Context, variable: string, item: unknown, expression: string): Generator<unknown, unknown, unknown> {
  ctx.push({ [variable]: item });
  try {
    return yield new Value(expression, ctx.liquid as never).value(ctx, false);
  } finally {
    ctx.pop();
  }
}

function grouped(groups: Map<string, unknown[]>): Array<Record<string, unknown>> {
  return [...groups].map(([name, items]) => ({ name, items, size: items.length }));
}

// ---------------------------------------------------------------------------
// Escaping

/** String#encode(xml: :attr) without the surrounding quotes. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** CGI.escape. */
function cgiEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9*\-._]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Addressable::URI.normalize_component (percent-encodes what a URI may not hold, keeps the rest). */
function uriEscape(s: string): string {
  try {
    return encodeURI(decodeURI(s));
  } catch {
    return encodeURI(s);
  }
}

/** Addressable's absolute? — a scheme is present. */
function isAbsoluteUrl(s: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s);
}

function ensureLeadingSlash(s: string): string {
  return s === '' || s.startsWith('/') ? s : '/' + s;
}

/** Addressable normalize, for the paths Jekyll builds: non-ASCII and spaces percent-encoded. */
function normalizeUrl(s: string): string {
  return s.replace(/[^\x21-\x7e]|%(?![0-9A-Fa-f]{2})/g, (c) => [...new TextEncoder().encode(c)].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''));
}

/** Jekyll's relative_url. */
export function relativeUrl(input: unknown, baseurl: string): string | undefined {
  if (input === null || input === undefined) return undefined;
  const s = isRecord(input) && typeof input.url === 'string' ? input.url : rubyToS(input);
  if (isAbsoluteUrl(s)) return s;
  const base = baseurl.replace(/\/$/, '');
  return normalizeUrl(ensureLeadingSlash(base) + ensureLeadingSlash(s));
}

/** Jekyll's absolute_url. */
export function absoluteUrl(input: unknown, url: string, baseurl: string): string | undefined {
  if (input === null || input === undefined) return undefined;
  const s = isRecord(input) && typeof input.url === 'string' ? input.url : rubyToS(input);
  if (isAbsoluteUrl(s)) return s;
  const rel = relativeUrl(s, baseurl)!;
  if (url === '') return rel;
  return normalizeUrl(url + rel);
}

function ordinal(n: number): string {
  if (n >= 11 && n <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

const CJK = '\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}\\p{Script=Hangul}';

/** The filters Jekyll adds to Liquid (and the Liquid ones whose behaviour differs in liquidjs). */
export function jekyllFilters(site: FilterSite): Record<string, FilterImplOptions> {
  const time = (input: unknown): RubyTime | undefined => toRubyTime(input, site.zone, site.nowMs)?.inZone(site.zone);
  const stringifyDate = (input: unknown, month: string, type: unknown, style: unknown): unknown => {
    if (rubyToS(input) === '') return input;
    const t = time(input);
    if (!t) throw new Error(`Invalid Date: '${rubyInspect(input)}' is not a valid datetime.`);
    if (type === 'ordinal') {
      const day = `${rubyStrftime('%-d', t)}${ordinal(Number(rubyStrftime('%-d', t)))}`;
      return style === 'US' ? rubyStrftime(`${month} ${day}, %Y`, t) : rubyStrftime(`${day} ${month} %Y`, t);
    }
    return rubyStrftime(`%d ${month} %Y`, t);
  };
  const filters: Record<string, Filter> = {
    relative_url: (input) => relativeUrl(input, site.baseurl),
    absolute_url: (input) => absoluteUrl(input, site.url, site.baseurl),
    date_to_string: (input, type, style) => stringifyDate(input, '%b', type, style),
    date_to_long_string: (input, type, style) => stringifyDate(input, '%B', type, style),
    date_to_xmlschema: (input) => {
      if (rubyToS(input) === '') return input;
      const t = time(input);
      return t ? rubyStrftime('%Y-%m-%dT%H:%M:%S%:z', t) : input;
    },
    date_to_rfc822: (input) => {
      if (rubyToS(input) === '') return input;
      const t = time(input);
      return t ? rubyStrftime('%a, %d %b %Y %H:%M:%S %z', t) : input;
    },
    // Liquid's own date: the time keeps its offset (no localtime), strings parse in the site zone.
    date: (input, format) => {
      if (rubyToS(format) === '') return input;
      const t = toRubyTime(input, site.zone, site.nowMs);
      return t ? rubyStrftime(rubyToS(format), t) : input;
    },
    // Ruby divides integers as integers.
    divided_by: (input, divisor) => {
      const a = Number(input);
      const b = Number(divisor);
      if (b === 0) throw new Error('divided by 0');
      return Number.isInteger(a) && Number.isInteger(b) ? Math.floor(a / b) : a / b;
    },
    markdownify: (input) => site.markdownify(rubyToS(input)),
    smartify: (input) => site.smartify(rubyToS(input)),
    slugify: (input, mode) => slugify(rubyToS(input), (mode === undefined || mode === null ? 'default' : rubyToS(mode)) as SlugifyMode),
    xml_escape: (input) => (input === null || input === undefined ? input : xmlEscape(rubyToS(input))),
    cgi_escape: (input) => cgiEscape(rubyToS(input)),
    uri_escape: (input) => uriEscape(rubyToS(input)),
    jsonify: (input) => JSON.stringify(input === undefined ? null : input) ?? 'null',
    normalize_whitespace: (input) => rubyToS(input).replace(/\s+/g, ' ').trim(),
    number_of_words: (input, mode) => {
      const s = rubyToS(input);
      const cjk = s.match(new RegExp(`[${CJK}]`, 'gu'))?.length ?? 0;
      const words = s.match(new RegExp(`[^${CJK}\\s]+`, 'gu'))?.length ?? 0;
      const split = s.split(/\s+/).filter(Boolean).length;
      if (mode === 'cjk') return cjk + words;
      if (mode === 'auto') return cjk === 0 ? split : cjk + words;
      return split;
    },
    array_to_sentence_string: (input, connector = 'and') => {
      const a = toList(input) ?? [input];
      const c = rubyToS(connector);
      if (a.length === 0) return '';
      if (a.length === 1) return rubyToS(a[0]);
      if (a.length === 2) return `${rubyToS(a[0])} ${c} ${rubyToS(a[1])}`;
      return `${a.slice(0, -1).map(rubyToS).join(', ')}, ${c} ${rubyToS(a[a.length - 1])}`;
    },
    to_integer: (input) => {
      if (typeof input === 'boolean') return input ? 1 : 0;
      if (typeof input === 'number') return Math.trunc(input);
      const m = /^\s*[-+]?\d+/.exec(rubyToS(input));
      return m ? parseInt(m[0], 10) : 0;
    },
    inspect: (input) => xmlEscape(rubyInspect(input)).replace(/&apos;/g, "'"),
    where: (input, property, value) => {
      if (property === undefined || property === null || property === '' || Array.isArray(value) || isRecord(value)) return input;
      const list = toList(input);
      if (!list) return input;
      const target = rubyToS(value);
      return list.filter((item) => matchesTarget(itemProperty(item, property), target));
    },
    find: (input, property, value) => {
      const list = toList(input);
      if (!list || property === undefined || property === null || property === '' || Array.isArray(value) || isRecord(value)) return input;
      const target = rubyToS(value);
      return list.find((item) => matchesTarget(itemProperty(item, property), target));
    },
    group_by: (input, property) => {
      const list = toList(input);
      if (!list) return input;
      const groups = new Map<string, unknown[]>();
      for (const item of list) {
        const key = rubyToS(itemProperty(item, property));
        const g = groups.get(key);
        if (g) g.push(item);
        else groups.set(key, [item]);
      }
      return grouped(groups);
    },
    sort: (input, property, nils = 'first') => {
      if (input === null || input === undefined) throw new Error('Cannot sort a null object.');
      const list = toList(input) ?? [input];
      if (property === undefined || property === null) return [...list].sort(compareLoose);
      if (nils !== 'first' && nils !== 'last') throw new Error(`Invalid nils order: '${rubyToS(nils)}' is not a valid nils order. It must be 'first' or 'last'.`);
      const order = nils === 'first' ? -1 : 1;
      return list
        .map((item) => [itemProperty(item, property), item] as const)
        .sort(([a], [b]) => {
          const an = a === null || a === undefined;
          const bn = b === null || b === undefined;
          if (!an && bn) return -order;
          if (an && !bn) return order;
          return compareLoose(a, b);
        })
        .map(([, item]) => item);
    },
  };
  const generators: Record<string, (this: { context: Context }, input: unknown, ...args: unknown[]) => Generator<unknown, unknown, unknown>> = {
    *where_exp(input, variable, expression) {
      const list = toList(input);
      if (!list) return input;
      const out: unknown[] = [];
      for (const item of list) if (isTruthy((yield* evalExpression(this.context, rubyToS(variable), item, rubyToS(expression))), this.context)) out.push(item);
      return out;
    },
    *find_exp(input, variable, expression) {
      const list = toList(input);
      if (!list) return input;
      for (const item of list) if (isTruthy((yield* evalExpression(this.context, rubyToS(variable), item, rubyToS(expression))), this.context)) return item;
      return undefined;
    },
    *group_by_exp(input, variable, expression) {
      const list = toList(input);
      if (!list) return input;
      const groups = new Map<string, unknown[]>();
      for (const item of list) {
        const key = rubyToS(yield* evalExpression(this.context, rubyToS(variable), item, rubyToS(expression)));
        const g = groups.get(key);
        if (g) g.push(item);
        else groups.set(key, [item]);
      }
      return grouped(groups);
    },
  };
  return { ...(filters as Record<string, FilterImplOptions>), ...(generators as unknown as Record<string, FilterImplOptions>) };
}

