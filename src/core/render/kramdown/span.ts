/**
 * kramdown 2.4's span parsers (kramdown-parser-gfm variant) as markdown-it
 * inline rules. kramdown scans text up to the next position where any span
 * parser's start pattern matches, then hands that position to the first
 * parser whose own pattern matches there (which always consumes something);
 * markdown-it's inline tokenizer does the same with the rules below, the
 * first of which skips plain text. kramdown's nested parse_spans(el, stop_re)
 * (emphasis, link text, HTML elements) becomes a nested tokenize that ends at
 * the stop pattern (the `kd_stop` rule).
 */
import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import { normalizeLinkId, parseAttributeList, parseHtmlAttributes, updateAttrWithIal, updateIalWithIal } from './block';
import { newToken } from './tokens';
import type { Ial } from './element';
import { KRAMDOWN_ENTITIES, KRAMDOWN_NUMERIC_REMAP } from './entities';
import {
  ALD_ANY_CHARS,
  ALD_ID_NAME,
  ANY,
  DOT,
  HTML_BLOCK_ELEMENTS,
  HTML_COMMENT,
  HTML_ELEMENT,
  HTML_ELEMENTS_WITHOUT_BODY,
  HTML_ENTITY,
  HTML_TAG,
  HTML_TAG_CLOSE,
  NS,
  S,
  UNAME,
  WORD_U,
  contentModel,
  escapeRe,
  re,
} from './syntax';

/** What the span phase needs from the block phase and the options (kept in markdown-it's env). */
export interface SpanEnv {
  gfm: boolean;
  hardWrap: boolean;
  parseSpanHtml: boolean;
  /** Entity names (or code points) for lsquo, rsquo, ldquo, rdquo. */
  smartQuotes: [string, string, string, string];
  linkDefs: Map<string, { url: string; title: string | undefined; ial: Ial | undefined }>;
  footnotes: Set<string>;
  alds: Map<string, Ial>;
}

interface Ctx {
  env: SpanEnv;
  stop: RegExp | undefined;
  cond: ((m: RegExpExecArray) => boolean) | undefined;
  stopPos: number;
  /** '' all parsers; 'html': only span_html (inside raw HTML span elements); 'table': codespan and span_html (parse_table's pipe check). */
  restrict: Restrict;
  /** Element types being parsed (kramdown's @tree and @stack). */
  open: string[];
  /** Token index where the element being parsed starts its children. */
  childStart: number;
  /** Inside an HTML element whose content model is raw. */
  rawModel: boolean;
  scan: RegExp;
  /**
   * Work left before nested parses (emphasis, links, HTML elements) are given
   * up: kramdown retries a failed delimiter from scratch, which is quadratic
   * (or worse) on text full of unmatched `*` or `[`; past this budget the
   * delimiters stay text, so the preview never stalls. Each rule call costs
   * one; elements nested deeper than MAX_SPAN_NESTING are not parsed.
   */
  budget: number;
}

type Restrict = '' | 'html' | 'table';
type KState = StateInline & { kd?: Ctx };


// ---------------------------------------------------------------------------
// Span start patterns

const SPAN_STARTS = {
  emphasis: '\\*|_',
  codespan: '`',
  autolink: '<',
  span_html: '<',
  footnote_marker: '\\[',
  link: '!?\\[',
  smart_quotes: '[^\\\\]?["\']',
  inline_math: '\\$',
  span_extensions: '\\{:',
  html_entity: '&',
  typographic_syms: '--|\\.\\.\\.|(?:\\\\| )?(?:<<|>>)',
  line_break: '(?:  |\\\\\\\\)(?=\\n)',
  escaped_chars: '\\\\',
  strikethrough_gfm: '~~',
};

function spanStartUnion(env: SpanEnv): string {
  const parts: string[] = [];
  for (const [name, src] of Object.entries(SPAN_STARTS)) {
    if (name === 'line_break' && env.hardWrap && env.gfm) continue;
    if (name === 'strikethrough_gfm' && !env.gfm) continue;
    parts.push(src);
  }
  return parts.join('|');
}

const unionCache = new Map<string, string>();
/** Text-skipping patterns per (stop pattern, span start union). */
const scanCache = new Map<RegExp | undefined, Map<string, RegExp>>();
function scanRe(env: SpanEnv, stop: RegExp | undefined, restrict: Restrict): RegExp {
  let union: string;
  if (restrict === 'html') union = '<';
  else if (restrict === 'table') union = '`|<';
  else {
    const k = `${env.gfm}${env.hardWrap}`;
    union = unionCache.get(k) ?? '';
    if (!union) unionCache.set(k, (union = spanStartUnion(env)));
  }
  let byStop = scanCache.get(stop);
  if (!byStop) scanCache.set(stop, (byStop = new Map<string, RegExp>()));
  let r = byStop.get(union);
  if (!r) {
    const src = stop ? `(?=${stop.source}|${union})` : `(?=${union})`;
    r = new RegExp(src, stop?.flags.includes('i') ? 'gmui' : 'gmu');
    byStop.set(union, r);
  }
  return r;
}

function ctx(state: StateInline): Ctx {
  const s = state as KState;
  if (!s.kd) {
    const e = state.env as { kdSpan: SpanEnv; kdSpanRestrict?: Restrict };
    const env = e.kdSpan;
    const restrict = e.kdSpanRestrict ?? '';
    delete e.kdSpanRestrict;
    s.kd = {
      env,
      stop: undefined,
      cond: undefined,
      stopPos: -1,
      restrict,
      open: [],
      childStart: 0,
      rawModel: false,
      scan: scanRe(env, undefined, restrict),
      budget: 10 * state.src.length + 20000,
    };
  }
  return s.kd;
}

// ---------------------------------------------------------------------------
// Helpers

const RUBY_SPACE = /[ \t\r\n\f\v]/;
const WORD = new RegExp(WORD_U, 'u');
const ALPHA = /\p{Alphabetic}/u;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && RUBY_SPACE.test(c);
}
/** The character (code point) ending at index i (exclusive). */
function charBefore(s: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = s.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return s.slice(i - 2, i);
  }
  return s[i - 1];
}
function charAt(s: string, i: number): string | undefined {
  if (i >= s.length) return undefined;
  const cp = s.codePointAt(i)!;
  return String.fromCodePoint(cp);
}

interface Snap {
  pos: number;
  pending: string;
  len: number;
  level: number;
  pendingLevel: number;
}
function snap(state: StateInline): Snap {
  return { pos: state.pos, pending: state.pending, len: state.tokens.length, level: state.level, pendingLevel: state.pendingLevel };
}
function restore(state: StateInline, s: Snap): void {
  state.pos = s.pos;
  state.pending = s.pending;
  state.tokens.length = s.len;
  state.level = s.level;
  state.pendingLevel = s.pendingLevel;
}

function matchAt(state: StateInline, source: string, flags = ''): RegExpExecArray | null {
  const r = re(source, 'y', flags);
  r.lastIndex = state.pos;
  return r.exec(state.src);
}

/**
 * kramdown's parse_spans(el, stop_re) for the element whose open token was
 * just pushed: tokenizes until `stop` matches where `cond` agrees. Returns
 * whether the stop was found; pos is then at the stop.
 */
function parseSpansUntil(state: StateInline, stop: RegExp, cond: ((m: RegExpExecArray) => boolean) | undefined, restrict: Restrict, type: string, rawModel: boolean): boolean {
  const c = ctx(state);
  const saved = { stop: c.stop, cond: c.cond, stopPos: c.stopPos, restrict: c.restrict, childStart: c.childStart, rawModel: c.rawModel, scan: c.scan };
  c.stop = stop;
  c.cond = cond;
  c.stopPos = -1;
  c.restrict = restrict;
  c.childStart = state.tokens.length;
  c.rawModel = rawModel;
  c.scan = scanRe(c.env, stop, restrict);
  c.open.push(type);
  state.md.inline.tokenize(state);
  c.open.pop();
  const found = c.stopPos >= 0;
  if (found) state.pos = c.stopPos;
  Object.assign(c, saved);
  return found;
}

/** Whether the element being parsed has children yet (kramdown: !el.children.empty?). */
function hasChildren(state: StateInline): boolean {
  return state.pending !== '' || state.tokens.length > ctx(state).childStart;
}

function entityToken(state: StateInline, char: string, html: string): Token {
  const t = state.push('kd_entity', '', 0);
  t.content = char;
  t.meta = { html };
  return t;
}

/** kramdown's entity_to_str with entity_output: as_char. */
export function entityHtml(code: number, name: string | undefined, original?: string): { char: string; html: string } {
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return { char: '', html: original ?? `&#${code};` };
  const char = String.fromCodePoint(code);
  if (char === '<' || char === '>' || char === '&') return { char, html: name ? `&${name};` : `&#${code};` };
  return { char, html: char };
}

const ENTITY_NAMES = new Map<number, string>();
for (const [n, c] of KRAMDOWN_ENTITIES) if (!ENTITY_NAMES.has(c)) ENTITY_NAMES.set(c, n);

function entityByName(name: string): number | undefined {
  return KRAMDOWN_ENTITIES.get(name);
}

function namedEntity(state: StateInline, name: string): void {
  const code = entityByName(name)!;
  const e = entityHtml(code, name);
  entityToken(state, e.char, e.html);
}

// ---------------------------------------------------------------------------
// Rules

type SpanRule = (state: StateInline, m: RegExpExecArray) => void;

/** kd_stop: ends a nested parse at its stop pattern. */
function stopRule(state: StateInline): boolean {
  const c = ctx(state);
  if (!c.stop) return false;
  c.stop.lastIndex = state.pos;
  const m = c.stop.exec(state.src);
  if (!m) return false;
  if (c.cond && !c.cond(m)) return false;
  c.stopPos = state.pos;
  state.pos = state.posMax;
  return true;
}

/** kd_text: text up to the next span start (or stop). */
function textRule(state: StateInline): boolean {
  const c = ctx(state);
  c.budget--;
  if (c.budget < 0 && c.stop) {
    // Over budget inside a nested parse: give it up (the rest is text; the caller reverts or keeps it).
    state.pending += state.src.slice(state.pos, state.posMax);
    state.pos = state.posMax;
    return true;
  }
  const r = c.scan;
  r.lastIndex = state.pos;
  const m = r.exec(state.src);
  const next = m ? m.index : state.posMax;
  if (next <= state.pos) return false;
  state.pending += state.src.slice(state.pos, Math.min(next, state.posMax));
  state.pos = Math.min(next, state.posMax);
  return true;
}

const parseEmphasis: SpanRule = (state, m) => {
  const c = ctx(state);
  const start = snap(state);
  const result = m[0];
  const element = result.length === 2 ? 'strong' : 'em';
  const type = result[0]!;
  state.pos += result.length;
  const before = charBefore(state.src, start.pos);
  const alphaBefore =
    before !== undefined && (ALPHA.test(before) || (before === '-' && ALPHA.test(charBefore(state.src, start.pos - 1) ?? '')));
  if ((type === '_' && alphaBefore) || isSpace(state.src[state.pos]) || c.open.includes(element)) {
    state.pending += result;
    return;
  }
  const sub = (delim: string, elem: 'em' | 'strong'): boolean => {
    const open = state.push(`${elem}_open`, elem, 1);
    open.markup = delim;
    const d = escapeRe(delim);
    const dd = escapeRe(delim + delim);
    const found = parseSpansUntil(
      state,
      re(d, 'y'),
      () =>
        !isSpace(charBefore(state.src, state.pos)) &&
        (elem !== 'em' || !matchAt(state, `${dd}(?!${d})`)) &&
        (type !== '_' || !matchAt(state, `${d}[\\p{Alphabetic}\\p{Nd}]`)) &&
        hasChildren(state),
      '',
      elem,
      false,
    );
    if (found) {
      state.pos += delim.length;
      state.push(`${elem}_close`, elem, -1).markup = delim;
    }
    return found;
  };
  let found = sub(result, element);
  if (!found && element === 'strong' && c.open[c.open.length - 1] !== 'em') {
    restore(state, start);
    state.pos += 1;
    found = sub(type, 'em');
  }
  if (!found) {
    restore(state, start);
    state.pos += result.length;
    state.pending += result;
  }
};

const parseCodespan: SpanRule = (state, m) => {
  const result = m[0];
  const start = state.pos;
  state.pos += result.length;
  const simple = result.length === 1;
  const before = charBefore(state.src, start);
  if (simple && (before === undefined || isSpace(before) || start === 0) && isSpace(state.src[state.pos])) {
    state.pending += result;
    return;
  }
  const close = state.src.indexOf(result, state.pos);
  if (close < 0) {
    state.pending += result;
    return;
  }
  let text = state.src.slice(state.pos, close);
  if (!simple) {
    if (text.startsWith(' ')) text = text.slice(1);
    if (text.endsWith(' ')) text = text.slice(0, -1);
  }
  state.pos = close + result.length;
  const t = state.push('code_inline', 'code', 0);
  t.content = text;
  t.markup = result;
};

const parseAutolink: SpanRule = (state, m) => {
  state.pos += m[0].length;
  const href = m[2] === undefined ? `mailto:${m[1]}` : m[1]!;
  const open = state.push('link_open', 'a', 1);
  open.attrs = [['href', href]];
  open.markup = 'autolink';
  state.pending += m[1]!.replace(/^mailto:/, '');
  state.push('link_close', 'a', -1);
};

const MARKDOWN_ATTR: Record<string, string> = { '0': 'raw', '1': 'default', span: 'span', block: 'block' };

const parseSpanHtml: SpanRule = (state) => {
  const c = ctx(state);
  let m: RegExpExecArray | null;
  if ((m = matchAt(state, HTML_COMMENT))) {
    state.pos += m[0].length;
    state.push('html_inline', '', 0).content = m[0];
  } else if ((m = matchAt(state, HTML_TAG_CLOSE))) {
    state.pos += m[0].length;
    state.pending += m[0];
  } else if ((m = matchAt(state, HTML_TAG))) {
    state.pos += m[0].length;
    let tag = m[1]!;
    if (HTML_ELEMENT.has(tag.toLowerCase())) tag = tag.toLowerCase();
    if (HTML_BLOCK_ELEMENTS.has(tag)) {
      state.pending += m[0];
      return;
    }
    const attrs = parseHtmlAttributes(m[2] ?? '', HTML_ELEMENT.has(tag));
    for (const k of Object.keys(attrs)) if (attrs[k] !== '') attrs[k] = attrs[k]!.replace(/\n+/g, ' ');
    let doParsing = contentModel(tag) === 'raw' || c.rawModel ? false : c.env.parseSpanHtml;
    const md = attrs.markdown;
    if (md !== undefined) {
      delete attrs.markdown;
      const v = MARKDOWN_ATTR[md];
      if (v === 'span') doParsing = true;
      else if (v === 'default') doParsing = contentModel(tag) !== 'raw';
      else if (v === 'raw') doParsing = false;
    }
    const closed = m[4] !== undefined;
    const open = state.push('kd_html_open', tag, 1);
    open.attrs = Object.entries(attrs);
    open.meta = { raw: !doParsing };
    if (!closed && !HTML_ELEMENTS_WITHOUT_BODY.has(tag)) {
      const stop = re(`<\\/${escapeRe(tag)}${S}*>`, 'y', HTML_ELEMENT.has(tag) ? 'i' : '');
      const found = parseSpansUntil(state, stop, undefined, doParsing ? '' : 'html', 'html_element', !doParsing);
      if (found) {
        stop.lastIndex = state.pos;
        const s = stop.exec(state.src)!;
        state.pos += s[0].length;
      } else {
        state.pending += state.src.slice(state.pos, state.posMax);
        state.pos = state.posMax;
      }
    }
    const close = state.push('kd_html_close', tag, -1);
    close.meta = { empty: state.tokens[state.tokens.length - 2] === open, raw: !doParsing };
  } else {
    state.pending += state.src[state.pos];
    state.pos++;
  }
};

const parseFootnoteMarker: SpanRule = (state, m) => {
  state.pos += m[0].length;
  const c = ctx(state);
  if (c.env.footnotes.has(m[1]!)) {
    const t = state.push('footnote_ref', '', 0);
    t.meta = { name: m[1] };
  } else {
    state.pending += m[0];
  }
};

const ESCAPED_CHARS = /\\([\\.*_+`<>()[\]{}#!:|"'$=-])/g;
const LINK_BRACKET_STOP = '(\\])|!?\\[';
const LINK_PAREN_STOP = `(\\()|(\\))|${S}(?=['"])`;

const parseLink: SpanRule = (state, m) => {
  const c = ctx(state);
  const result = m[0];
  state.pos += result.length;
  const curPos = state.pos;
  const saved = snap(state);
  const type = result.startsWith('!') ? 'img' : 'a';
  if (type === 'a' && (c.open.includes('a') || c.open.includes('img'))) {
    state.pending += result;
    return;
  }
  const open = state.push(type === 'a' ? 'link_open' : 'kd_img_open', type, 1);
  const openIdx = state.tokens.length - 1;
  let count = 1;
  const found = parseSpansUntil(
    state,
    re(LINK_BRACKET_STOP, 'y'),
    (sm) => {
      count += sm[1] !== undefined ? -1 : 1;
      let imgs = 0;
      for (let i = openIdx + 1; i < state.tokens.length; i++) if (state.tokens[i]!.type === 'image' && state.tokens[i]!.level === open.level + 1) imgs++;
      return count - imgs === 0;
    },
    '',
    type,
    false,
  );
  const revert = (): void => {
    restore(state, saved);
    state.pending += result;
  };
  if (!found) return revert();
  const altText = state.src.slice(curPos, state.pos).replace(ESCAPED_CHARS, '$1');
  state.pos += 1; // the closing bracket
  const add = (href: string, title: string | undefined, ial?: Ial): void => {
    const attrs: Record<string, string> = {};
    if (ial) updateAttrWithIal(attrs, ial, c.env.alds);
    if (type === 'a') {
      attrs.href = href;
    } else {
      attrs.src = href;
      attrs.alt = altText;
      state.tokens.length = openIdx;
      state.level = open.level;
      state.pending = '';
    }
    if (title !== undefined) attrs.title = title;
    if (type === 'a') {
      open.attrs = Object.entries(attrs);
      state.push('link_close', 'a', -1);
    } else {
      const img = state.push('image', 'img', 0);
      img.attrs = Object.entries(attrs);
      img.content = altText;
      img.children = [];
    }
  };
  let mm = matchAt(state, `${S}*?\\[([^\\]]+)?\\]`);
  if (mm || !matchAt(state, '\\(')) {
    if (mm) state.pos += mm[0].length;
    const linkId = normalizeLinkId(mm?.[1] ?? altText);
    const def = c.env.linkDefs.get(linkId);
    if (def) add(def.url, def.title, def.ial);
    else revert();
    return;
  }
  let url: string;
  if ((mm = matchAt(state, `\\(<(${DOT}*?)>`))) {
    state.pos += mm[0].length;
    url = mm[1]!;
    if (state.src[state.pos] === ')') {
      state.pos++;
      add(url, undefined);
      return;
    }
  } else {
    let acc = '';
    let brackets = 0;
    const stopRe = re(LINK_PAREN_STOP, 'g');
    for (;;) {
      stopRe.lastIndex = state.pos;
      const sm = stopRe.exec(state.src);
      if (!sm) break;
      acc += state.src.slice(state.pos, sm.index + sm[0].length);
      state.pos = sm.index + sm[0].length;
      if (sm[2] !== undefined) {
        brackets--;
        if (brackets === 0) break;
      } else if (sm[1] !== undefined) {
        brackets++;
      } else {
        break;
      }
    }
    url = acc.slice(1, -1).replace(/^[ \t\r\n\f\v\0]+|[ \t\r\n\f\v\0]+$/g, '');
    if (brackets === 0) {
      add(url, undefined);
      return;
    }
  }
  if ((mm = matchAt(state, `${S}*?(["'])(${ANY}+?)\\1${S}*?\\)`))) {
    state.pos += mm[0].length;
    add(url, mm[2]);
  } else {
    revert();
  }
};

// Smart quotes (SQ_RULES)
const SQ_PUNCT = '!"#$%\'()*+,-./:;<=>?@[\\]^_`{|}~';
const SQ_RULES: Array<[string, Array<number | string>]> = [
  [`(["'])(?=[_*]{1,2}${NS})`, ['lquote1']],
  ['', ['rquote1']], // rule 2, done in code
  [`([ \\t\\r\\n\\f\\v]?)"'(?=\\w)`, [1, 'ldquo', 'lsquo']],
  [`([ \\t\\r\\n\\f\\v]?)'"(?=\\w)`, [1, 'lsquo', 'ldquo']],
  [`([ \\t\\r\\n\\f\\v]?)'(?=\\d\\ds)`, [1, 'rsquo']],
  [`([ \\t\\r\\n\\f\\v])('|")(?=\\w)`, [1, 'lquote2']],
  [`([^ \\\\\\t\\r\\n\\[{(-])('|")`, [1, 'rquote2']],
  [`("|')(?=[ \\t\\r\\n\\f\\v]|s(?!${WORD_U})|$)`, ['rquote1']],
  [`([\\s\\S]?)'`, [1, 'lsquo']],
  [`([\\s\\S]?)"`, [1, 'ldquo']],
];
const SQ_INDEX: Record<string, number> = { lsquo: 0, rsquo: 1, ldquo: 2, rdquo: 3 };

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

function sqRule2(state: StateInline): RegExpExecArray | null {
  const s = state.src;
  const p = state.pos;
  const q = s[p];
  if (q !== '"' && q !== "'") return null;
  const c = s[p + 1];
  if (c === undefined || !SQ_PUNCT.includes(c)) return null;
  if (s.startsWith('..', p + 2)) return null;
  if (isWordChar(c) !== isWordChar(charAt(s, p + 2))) return null;
  const m = [q, q] as unknown as RegExpExecArray;
  return m;
}

function smartQuoteChar(env: SpanEnv, name: string): { char: string; html: string } {
  const v = env.smartQuotes[SQ_INDEX[name]!]!;
  const code = /^\d+$/.test(v) ? Number(v) : entityByName(v);
  if (code === undefined) return { char: '', html: '' };
  return entityHtml(code, ENTITY_NAMES.get(code));
}

const parseSmartQuotes: SpanRule = (state) => {
  const env = ctx(state).env;
  for (let i = 0; i < SQ_RULES.length; i++) {
    const [src, substs] = SQ_RULES[i]!;
    const m = i === 1 ? sqRule2(state) : matchAt(state, src);
    if (!m) continue;
    state.pos += m[0].length;
    for (const s of substs) {
      if (typeof s === 'number') {
        state.pending += m[s] ?? '';
      } else {
        let name = s;
        if (s.endsWith('1') || s.endsWith('2')) {
          const q = m[Number(s[s.length - 1])];
          name = s.startsWith('r') ? (q === '"' ? 'rdquo' : 'rsquo') : q === '"' ? 'ldquo' : 'lsquo';
        }
        const e = smartQuoteChar(env, name);
        entityToken(state, e.char, e.html);
      }
    }
    return;
  }
  state.pending += state.src[state.pos];
  state.pos++;
};

const parseInlineMath: SpanRule = (state, m) => {
  state.pos += m[0].length;
  const t = state.push('math_inline', '', 0);
  t.content = m[1]!.replace(/^[ \t\r\n\f\v\0]+|[ \t\r\n\f\v\0]+$/g, '');
};

const EXT_START_STR = `\\{::(\\w+)(?:${S}(${ALD_ANY_CHARS}*?)|)(\\/)?\\}`;
const EXT_SPAN_START = `${EXT_START_STR}|\\{:\\/(${ALD_ID_NAME})?\\}`;
const IAL_SPAN_START = `\\{:(${ALD_ANY_CHARS}+)\\}`;

/** The last child of the element being parsed, or 'text'. */
function lastChild(state: StateInline): Token | 'text' | undefined {
  if (state.pending !== '') return 'text';
  const c = ctx(state);
  if (state.tokens.length <= c.childStart) return undefined;
  const last = state.tokens[state.tokens.length - 1]!;
  if (last.type === 'text') return 'text';
  if (last.nesting === -1) {
    let depth = 0;
    for (let i = state.tokens.length - 1; i >= c.childStart; i--) {
      const t = state.tokens[i]!;
      depth += t.nesting;
      if (depth === 0) return t;
    }
  }
  return last;
}

const parseSpanExtensions: SpanRule = (state) => {
  const c = ctx(state);
  let m: RegExpExecArray | null;
  if ((m = matchAt(state, EXT_SPAN_START))) {
    const saved = state.pos;
    const fail = (): void => {
      state.pos = saved;
      state.pending += state.src[state.pos];
      state.pos++;
    };
    state.pos += m[0].length;
    if (m[4] !== undefined || m[0] === '{:/}') return fail();
    const ext = m[1]!;
    const opts: Ial = { attrs: {} };
    parseAttributeList(m[2] ?? '', opts);
    let body: string | undefined;
    if (m[3] === undefined) {
      const stop = re(`\\{:\\/(${escapeRe(ext)})?\\}`, 'g');
      stop.lastIndex = state.pos;
      const sm = stop.exec(state.src);
      if (!sm) return fail();
      body = state.src.slice(state.pos, sm.index);
      state.pos = sm.index + sm[0].length;
    }
    if (ext === 'comment') {
      if (body !== undefined) state.push('html_inline', '', 0).content = `<!-- ${body} -->`;
    } else if (ext === 'nomarkdown') {
      const types = (opts.attrs.type ?? '').split(/\s+/).filter(Boolean);
      if (body !== undefined && (types.length === 0 || types.some((t) => t.includes('html')))) state.push('html_inline', '', 0).content = body;
    } else if (ext !== 'options') {
      return fail();
    }
  } else if ((m = matchAt(state, IAL_SPAN_START))) {
    const last = lastChild(state);
    if (last && last !== 'text') {
      state.pos += m[0].length;
      const attr: Ial = { attrs: {} };
      parseAttributeList(m[1]!, attr);
      const meta = (last.meta ??= {}) as { ial?: Ial };
      updateIalWithIal((meta.ial ??= { attrs: {} }), attr);
      const attrs: Record<string, string> = Object.fromEntries((last.attrs ?? []).map(([k, v]) => [k, String(v)]));
      updateAttrWithIal(attrs, attr, c.env.alds);
      last.attrs = Object.entries(attrs);
    } else {
      state.pending += state.src[state.pos];
      state.pos++;
    }
  } else {
    state.pending += state.src[state.pos];
    state.pos++;
  }
};

const parseHtmlEntity: SpanRule = (state, m) => {
  state.pos += m[0].length;
  let code: number | undefined;
  let name: string | undefined;
  if (m[1] !== undefined) {
    name = m[1];
    code = entityByName(name);
  } else {
    code = m[2] !== undefined ? parseInt(m[2], 10) : parseInt(m[3]!, 16);
    code = KRAMDOWN_NUMERIC_REMAP.get(code) ?? code;
    name = ENTITY_NAMES.get(code);
  }
  if (code === undefined) {
    namedEntity(state, 'amp');
    state.pending += m[0].slice(1);
    return;
  }
  const e = entityHtml(code, name, m[0]);
  entityToken(state, e.char, e.html);
};

const TYPO: Record<string, string> = { '---': 'mdash', '--': 'ndash', '...': 'hellip', '<< ': 'laquo_space', ' >>': 'raquo_space', '<<': 'laquo', '>>': 'raquo' };
const parseTypographicSyms: SpanRule = (state, m) => {
  state.pos += m[0].length;
  const v = TYPO[m[0]];
  if (v === 'laquo_space') entityToken(state, '«\u00a0', '«\u00a0');
  else if (v === 'raquo_space') entityToken(state, '\u00a0»', '\u00a0»');
  else if (v) namedEntity(state, v);
  else if (m[0] === '\\<<') {
    namedEntity(state, 'lt');
    namedEntity(state, 'lt');
  } else {
    namedEntity(state, 'gt');
    namedEntity(state, 'gt');
  }
};

const parseLineBreak: SpanRule = (state, m) => {
  state.pos += m[0].length;
  state.push('hardbreak', 'br', 0);
};

const parseEscapedChars: SpanRule = (state, m) => {
  state.pos += m[0].length;
  state.pending += m[1]!;
};

const parseStrikethrough: SpanRule = (state, m) => {
  state.pos += m[0].length;
  state.push('kd_html_open', 'del', 1);
  const inner: Token[] = [];
  state.md.inline.parse(m[0].slice(2, -2), state.md, state.env, inner);
  for (const t of inner) {
    t.level += state.level;
    state.tokens.push(t);
  }
  const close = state.push('kd_html_close', 'del', -1);
  close.meta = { empty: inner.length === 0 };
};

interface RuleDef {
  name: string;
  start: string;
  startRe?: RegExp;
  fn: SpanRule;
  /** The characters a match can start with (a fast pre-check); undefined: any. */
  first?: string;
  gfm?: boolean;
  kramdown?: boolean;
  notHardWrap?: boolean;
}

const ACHARS = '[\\p{Alphabetic}\\p{Nd}\\-_.]';
const RULES: RuleDef[] = [
  { name: 'emphasis', start: '(?:\\*\\*?|__?)', fn: parseEmphasis, first: '*_' },
  { name: 'codespan', start: '`+', fn: parseCodespan, first: '`' },
  { name: 'autolink', start: `<((mailto|https?|ftps?):${DOT}+?|${ACHARS}+?@${ACHARS}+?)>`, fn: parseAutolink, first: '<' },
  { name: 'span_html', start: `<(${UNAME}|!--|\\/)`, fn: parseSpanHtml, first: '<' },
  { name: 'footnote_marker', start: `\\[\\^(${ALD_ID_NAME})\\]`, fn: parseFootnoteMarker, first: '[' },
  { name: 'link', start: '!?\\[(?=[^^])', fn: parseLink, first: '![' },
  { name: 'smart_quotes', start: '[^\\\\]?["\']', fn: parseSmartQuotes },
  { name: 'inline_math', start: `\\$\\$(${ANY}*?)\\$\\$`, fn: parseInlineMath, first: '$' },
  { name: 'span_extensions', start: '\\{:', fn: parseSpanExtensions, first: '{' },
  { name: 'html_entity', start: HTML_ENTITY, fn: parseHtmlEntity, first: '&' },
  { name: 'typographic_syms', start: '---|--|\\.\\.\\.|\\\\<<|\\\\>>|<< | >>|<<|>>', fn: parseTypographicSyms, first: '-.\\< >' },
  { name: 'line_break', start: '(?:  |\\\\\\\\)(?=\\n)', fn: parseLineBreak, notHardWrap: true, first: ' \\' },
  { name: 'escaped_chars_gfm', start: '\\\\([\\\\.*_+`<>()\\[\\]{}#!:|"\'$=\\-~])', fn: parseEscapedChars, gfm: true, first: '\\' },
  { name: 'escaped_chars', start: '\\\\([\\\\.*_+`<>()\\[\\]{}#!:|"\'$=\\-])', fn: parseEscapedChars, kramdown: true, first: '\\' },
  { name: 'strikethrough_gfm', start: `~~(?![ \\t\\r\\n\\f\\v]|~)${ANY}*?[^ \\t\\r\\n\\f\\v~]~~`, fn: parseStrikethrough, gfm: true, first: '~' },
];

/** The parsers that parse nested content (and retry on failure). */
const NESTED = new Set(['emphasis', 'link', 'span_html', 'strikethrough_gfm']);
/** Span elements nested deeper than this stay text (below markdown-it's maxNesting, where its tokenizer stops calling rules). */
const MAX_SPAN_NESTING = 100;

/** Installs the span parsers as markdown-it's inline rules (replacing its own). */
export function installSpanRules(md: MarkdownIt): void {
  // Our inline state: the same, with cheaper token construction (no delimiter bookkeeping: no rule here uses it).
  const Base = md.inline.State;
  class KdStateInline extends Base {
    override pushPending(): Token {
      const t = newToken(this.Token, 'text', '', 0);
      t.content = this.pending;
      t.level = this.pendingLevel;
      this.tokens.push(t);
      this.pending = '';
      return t;
    }
    override push(type: string, tag: string, nesting: -1 | 0 | 1): Token {
      if (this.pending) this.pushPending();
      const t = newToken(this.Token, type, tag, nesting);
      if (nesting < 0) this.level--;
      t.level = this.level;
      if (nesting > 0) this.level++;
      this.pendingLevel = this.level;
      this.tokens.push(t);
      return t;
    }
  }
  // markdown-it 15's constructor defines each field through a helper (a dozen calls per inline
  // token of the post): the same fields in the same order, set directly (and `kd`, which ctx adds).
  const TokenClass = new Base('', md, {}, []).Token;
  function newState(src: string, mdi: MarkdownIt, env: unknown, outTokens: Token[]): StateInline {
    const s = Object.create(KdStateInline.prototype) as Record<string, unknown>;
    s.pos = 0;
    s.level = 0;
    s.pending = '';
    s.pendingLevel = 0;
    s.cache = {};
    s.backticks = {};
    s.backticksScanned = false;
    s.skipHtmlSpecial = false;
    s.linkLevel = 0;
    s.delimiters = [];
    s._prev_delimiters = [];
    s.Token = TokenClass;
    s.src = src;
    s.env = env;
    s.md = mdi;
    s.tokens = outTokens;
    s.tokens_meta = new Array(outTokens.length);
    s.posMax = src.length;
    s.kd = undefined;
    return s as unknown as StateInline;
  }
  newState.prototype = KdStateInline.prototype;
  md.inline.State = newState as unknown as typeof KdStateInline;
  md.inline.ruler.disable(md.inline.ruler.getRules('').length ? (md.inline.ruler as unknown as { __rules__: Array<{ name: string }> }).__rules__.map((r) => r.name) : []);
  md.inline.ruler2.disable((md.inline.ruler2 as unknown as { __rules__: Array<{ name: string }> }).__rules__.map((r) => r.name));
  md.inline.ruler.push('kd_stop', stopRule);
  md.inline.ruler.push('kd_text', textRule);
  for (const rule of RULES) {
    md.inline.ruler.push(`kd_${rule.name}`, (state: StateInline): boolean => {
      if (rule.first !== undefined && !rule.first.includes(state.src[state.pos]!)) return false;
      if (rule.name === 'smart_quotes') {
        const a = state.src[state.pos];
        const b = state.src[state.pos + 1];
        if (a !== '"' && a !== "'" && b !== '"' && b !== "'") return false;
      }
      const c = ctx(state);
      if (c.restrict === 'html' && rule.name !== 'span_html') return false;
      if (c.restrict === 'table' && rule.name !== 'span_html' && rule.name !== 'codespan') return false;
      const env = c.env;
      if ((rule.gfm && !env.gfm) || (rule.kramdown && env.gfm) || (rule.notHardWrap && env.gfm && env.hardWrap)) return false;
      const r = (rule.startRe ??= re(rule.start, 'y'));
      r.lastIndex = state.pos;
      const m = r.exec(state.src);
      if (!m) return false;
      c.budget--;
      if ((c.budget < 0 || state.level >= MAX_SPAN_NESTING) && NESTED.has(rule.name)) {
        // Over budget: the delimiter is text.
        state.pending += m[0];
        state.pos += m[0].length;
        return true;
      }
      rule.fn(state, m);
      return true;
    });
  }
}

/** A top-level piece of parse_table's pipe check (parse_spans(root, nil, [:codespan, :span_html])). */
export interface TableSegment {
  type: 'text' | 'code' | 'other';
  value: string;
}

/** The top-level elements kramdown's table parser sees in `text`. */
export function tableSegments(md: MarkdownIt, env: SpanEnv, text: string): TableSegment[] {
  const tokens: Token[] = [];
  md.inline.parse(text, md, { kdSpan: env, kdSpanRestrict: 'table' }, tokens);
  const out: TableSegment[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (depth > 0) {
      depth += t.nesting;
      continue;
    }
    if (t.type === 'text') {
      const last = out[out.length - 1];
      if (last && last.type === 'text') last.value += t.content;
      else out.push({ type: 'text', value: t.content });
    } else if (t.type === 'code_inline') {
      out.push({ type: 'code', value: t.content });
    } else if (t.type === 'kd_html_open') {
      out.push({ type: 'other', value: t.tag });
      depth = 1;
    } else if (t.type === 'html_inline') {
      out.push({ type: 'other', value: t.content });
    }
  }
  return out;
}

