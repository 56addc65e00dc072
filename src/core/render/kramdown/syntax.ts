/**
 * kramdown 2.4's regular expressions and HTML tables, translated from Ruby
 * (Onigmo) to JavaScript. Ruby's `\s` is ASCII-only, `.` stops only at "\n",
 * `^`/`$` are always line anchors, `[[:alpha:]]`/`\p{Word}` are Unicode while
 * `\w`/`\d` are ASCII; the fragments below spell that out so the JavaScript
 * patterns match the same text. Patterns that use `\p{…}` carry the `u` flag.
 */

/** Ruby `\s`. */
export const S = '[ \\t\\r\\n\\f\\v]';
/** Ruby `\S`. */
export const NS = '[^ \\t\\r\\n\\f\\v]';
/** Ruby `.` without /m. */
export const DOT = '[^\\n]';
/** Ruby `.` with /m. */
export const ANY = '[\\s\\S]';
export const OPT_SPACE = ' {0,3}';
/** Ruby `\p{Word}` (Onigmo: Alphabetic, Mark, Decimal_Number, Connector_Punctuation, Join_Control). */
export const WORD_U = '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200c\\u200d]';
/** REXML's UNAME_STR: `(?:[[:alpha:]_][-[:alnum:]._]*:)?[[:alpha:]_][-[:alnum:]._]*`. */
export const UNAME = '(?:[\\p{Alphabetic}_][\\-\\p{Alphabetic}\\p{Nd}._]*:)?[\\p{Alphabetic}_][\\-\\p{Alphabetic}\\p{Nd}._]*';

export const BLANK_LINE = `(?:^${S}*\\n)+`;
export const EOB_MARKER = `^\\^${S}*?\\n`;
export const ALD_ANY_CHARS = '(?:\\\\\\}|[^}])';
export const ALD_ID_NAME = '\\w[\\w-]*';
export const IAL_BLOCK = `\\{:(?!:|\\/)(${ALD_ANY_CHARS}+)\\}${S}*?\\n`;
export const IAL_BLOCK_START = `^${OPT_SPACE}${IAL_BLOCK}`;

export const HTML_SPAN_ELEMENTS = new Set(
  'a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var'.split(' '),
);
export const HTML_BLOCK_ELEMENTS = new Set(
  ('address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary ' +
    'table tbody td th thead tfoot tr ul').split(' '),
);
export const HTML_ELEMENTS_WITHOUT_BODY = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));

export type ContentModel = 'block' | 'span' | 'raw';
const CONTENT_MODEL = new Map<string, ContentModel>();
for (const n of 'address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td'.split(' ')) {
  CONTENT_MODEL.set(n, 'block');
}
for (const n of 'a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt'.split(' ')) {
  CONTENT_MODEL.set(n, 'span');
}
/** HTML_CONTENT_MODEL: block, span or raw (the default, also for unknown tags). */
export function contentModel(name: string): ContentModel {
  return CONTENT_MODEL.get(name) ?? 'raw';
}
const RAW_MODEL = 'script style math option textarea pre code kbd samp var'.split(' ');
/** HTML_ELEMENT: the tag names kramdown knows (their names are lower-cased). */
export const HTML_ELEMENT = new Set([...HTML_SPAN_ELEMENTS, ...HTML_BLOCK_ELEMENTS, ...HTML_ELEMENTS_WITHOUT_BODY, ...CONTENT_MODEL.keys(), ...RAW_MODEL]);

/** HTML_TAG_RE (groups: 1 name, 2 attributes, 4 "/" of a self-closed tag). */
export const HTML_TAG = `<(${UNAME})${S}*((?:${S}+${UNAME}(?:${S}*=${S}*(?:${WORD_U}+|("|')${ANY}*?\\3))?)*)${S}*(\\/)?>`;
export const HTML_TAG_CLOSE = `<\\/(${UNAME})${S}*>`;
export const HTML_COMMENT = `<!--(${ANY}*?)-->`;
export const HTML_INSTRUCTION = `<\\?(${ANY}*?)\\?>`;
export const HTML_ATTRIBUTE = `${S}*(${UNAME})(?:${S}*=${S}*(?:(${WORD_U}+)|("|')(${ANY}*?)\\3))?`;
export const HTML_ENTITY = '&([\\w:][\\-\\w.:]*);|&#(\\d+);|&#x([0-9a-fA-F]+);';

const LAZY_SPAN = [...HTML_SPAN_ELEMENTS, 'script'].join('|');
/** `(?!(?:span|…)\b)`: Ruby's \b is Unicode-aware here. */
const NOT_SPAN = `(?!(?:${LAZY_SPAN})(?!${WORD_U}))`;
export const LAZY_END_HTML_START = `<${NOT_SPAN}${UNAME}`;
export const LAZY_END_HTML_STOP = `<\\/${NOT_SPAN}${UNAME}${S}*>`;
export const LAZY_END = `${BLANK_LINE}|${IAL_BLOCK_START}|${EOB_MARKER}|^${OPT_SPACE}${LAZY_END_HTML_STOP}|^${OPT_SPACE}${LAZY_END_HTML_START}|(?=\\n?(?![\\s\\S]))`;

export const PATTERN_TAIL = `[\\t| ]${DOT}*?\\n`;
export const LIST_START_UL = `^(${OPT_SPACE}[+*-])(${PATTERN_TAIL})`;
export const LIST_START_OL = `^(${OPT_SPACE}\\d+\\.)(${PATTERN_TAIL})`;
export const LIST_START = `${LIST_START_UL}|${LIST_START_OL}`;
export const DEFINITION_LIST_START = `^(${OPT_SPACE}:)(${PATTERN_TAIL})`;
export const ATX_HEADER_START_GFM = `^(#{1,6})[\\t ]+(${DOT}*)\\n`;
export const BLOCKQUOTE_START = `^${OPT_SPACE}> ?`;
export const FENCED_CODEBLOCK_START_GFM = '^[ ]{0,3}[~`]{3,}';
export const HR_START = `^${OPT_SPACE}(\\*|-|_)[ \\t]*\\1[ \\t]*\\1(?:\\1|[ \\t])*\\n`;

/** Compiled patterns: flags -> source -> RegExp (sources are mostly constants, whose hashes V8 keeps). */
const cache = new Map<string, Map<string, RegExp>>();
const FLAGS = { y: 'muy', g: 'mug', '': 'mu' } as const;
/** A compiled pattern; `y` for matching at a position, `g` for searching. Always `m`, and `u`. */
export function re(source: string, flags: 'y' | 'g' | '' = 'y', extra = ''): RegExp {
  const f = extra === '' ? FLAGS[flags] : 'mu' + flags + extra;
  let byFlags = cache.get(f);
  if (!byFlags) cache.set(f, (byFlags = new Map<string, RegExp>()));
  let r = byFlags.get(source);
  if (!r) {
    r = new RegExp(source, f);
    byFlags.set(source, r);
  }
  return r;
}

/** Escapes a string for use in a pattern. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
}

/** REXML's REFERENCE_RE: what escape_html leaves alone in text and attributes. */
const ESCAPE_TEXT = /&(?:[\w:][\-\w.:]*;|#\d+;|#x[0-9a-fA-F]+;)|[<>&]/g;
const ESCAPE_ATTR = /&(?:[\w:][\-\w.:]*;|#\d+;|#x[0-9a-fA-F]+;)|[<>&"]/g;
const ESCAPE_ALL = /[<>&]/g;
const MAP: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/** kramdown's escape_html(str, :text): entity references are kept. */
export function escapeText(s: string): string {
  return s.replace(ESCAPE_TEXT, (m) => MAP[m] ?? m);
}
/** kramdown's escape_html(str, :attribute). */
export function escapeAttr(s: string): string {
  return s.replace(ESCAPE_ATTR, (m) => MAP[m] ?? m);
}
/** kramdown's escape_html(str) (:all): every &, < and >. */
export function escapeAll(s: string): string {
  return s.replace(ESCAPE_ALL, (m) => MAP[m]!);
}
