/**
 * kramdown 2.4's block parser (with kramdown-parser-gfm 1.1's changes),
 * ported from Ruby: Kramdown::Parser::Kramdown#parse_blocks and the block
 * parsers it runs in its order, over a string scanner like Ruby's. It builds
 * kramdown's element tree (element.ts); block.ts does no span parsing except
 * what the table parser needs to find cell boundaries. The tree becomes
 * markdown-it tokens in tokens.ts.
 */
import { el, type El, type ElType, type Ial } from './element';
import {
  ALD_ANY_CHARS,
  ALD_ID_NAME,
  ANY,
  ATX_HEADER_START_GFM,
  BLANK_LINE,
  BLOCKQUOTE_START,
  DEFINITION_LIST_START,
  DOT,
  EOB_MARKER,
  FENCED_CODEBLOCK_START_GFM,
  HR_START,
  HTML_ATTRIBUTE,
  HTML_COMMENT,
  HTML_ELEMENT,
  HTML_ELEMENTS_WITHOUT_BODY,
  HTML_INSTRUCTION,
  HTML_SPAN_ELEMENTS,
  HTML_TAG,
  HTML_TAG_CLOSE,
  IAL_BLOCK,
  IAL_BLOCK_START,
  LAZY_END,
  LAZY_END_HTML_START,
  LAZY_END_HTML_STOP,
  LIST_START,
  LIST_START_OL,
  LIST_START_UL,
  NS,
  OPT_SPACE,
  PATTERN_TAIL,
  S,
  UNAME,
  contentModel,
  escapeRe,
  re,
  type ContentModel,
} from './syntax';

// ---------------------------------------------------------------------------
// Scanner (Ruby's StringScanner, with kramdown's line numbers)

export class Scanner {
  pos = 0;
  /** The last match (Ruby's @src[n]). */
  m: RegExpExecArray | null = null;
  private newlines: number[] | undefined;

  constructor(
    readonly s: string,
    readonly line0: number,
  ) {}

  eos(): boolean {
    return this.pos >= this.s.length;
  }
  /**
   * Ruby's StringScanner matches against the rest of the string: `^` (and
   * `\A`) also match at pos when pos is inside a line. JavaScript's sticky
   * match only does at line starts, so inside a line we match the rest.
   */
  private midLine(): boolean {
    return this.pos > 0 && this.s.charCodeAt(this.pos - 1) !== 10;
  }

  /** Matches `source` (or a compiled sticky pattern) at pos without moving. */
  check(source: string | RegExp, flags = ''): RegExpExecArray | null {
    const r = typeof source === 'string' ? re(source, 'y', flags) : source;
    if (this.midLine()) {
      r.lastIndex = 0;
      const m = r.exec(this.s.slice(this.pos));
      if (m) m.index += this.pos;
      this.m = m;
      return m;
    }
    r.lastIndex = this.pos;
    this.m = r.exec(this.s);
    return this.m;
  }
  /** Matches at pos and moves past the match. */
  scan(source: string, flags = ''): string | null {
    const m = this.check(source, flags);
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }
  /** Searches from pos; moves past the match and returns everything up to its end. */
  scanUntil(source: string, flags = ''): string | null {
    const r = re(source, 'g', flags);
    let m: RegExpExecArray | null;
    if (this.midLine()) {
      r.lastIndex = 0;
      m = r.exec(this.s.slice(this.pos));
      if (m) m.index += this.pos;
    } else {
      r.lastIndex = this.pos;
      m = r.exec(this.s);
    }
    this.m = m;
    if (!m) return null;
    const end = m.index + m[0].length;
    const out = this.s.slice(this.pos, end);
    this.pos = end;
    return out;
  }
  rest(): string {
    return this.s.slice(this.pos);
  }
  terminate(): void {
    this.pos = this.s.length;
  }
  /** 0-based line of a position (kramdown's current_line_number, minus one). */
  lineAt(pos = this.pos): number {
    if (!this.newlines) {
      this.newlines = [];
      for (let i = this.s.indexOf('\n'); i >= 0; i = this.s.indexOf('\n', i + 1)) this.newlines.push(i);
    }
    const nl = this.newlines;
    // The parser mostly asks for a position a few lines on: walk from the last answer.
    let lo = this.lastLine;
    const behind = lo > 0 && nl[lo - 1]! >= pos;
    const far = lo + 8 < nl.length && nl[lo + 8]! < pos;
    if (lo === 0 || behind || far) {
      lo = 0;
      let hi = nl.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (nl[mid]! < pos) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < nl.length && nl[lo]! < pos) lo++;
    }
    this.lastLine = lo;
    return this.line0 + lo;
  }
  private lastLine = 0;

  private pipeFrom = -1;
  private pipeAt = -1;
  /** Whether a `|` is between pos and `nl` (the end when negative); the search is remembered while pos grows. */
  hasPipeBefore(nl: number): boolean {
    const pos = this.pos;
    if (!(this.pipeFrom >= 0 && this.pipeFrom <= pos && (this.pipeAt < 0 || this.pipeAt >= pos))) {
      this.pipeFrom = pos;
      this.pipeAt = this.s.indexOf('|', pos);
    }
    return this.pipeAt >= 0 && (nl < 0 || this.pipeAt < nl);
  }
}

// ---------------------------------------------------------------------------
// Options and patterns

export interface BlockOptions {
  /** `input: GFM` (the default in Jekyll) rather than plain kramdown. */
  gfm: boolean;
  /** gfm_quirks includes paragraph_end (the default). */
  paragraphEndQuirk: boolean;
  parseBlockHtml: boolean;
  parseSpanHtml: boolean;
  /** The span parser's top-level codespans / HTML elements / text of a table (for parse_table's pipe check). */
  tableSegments: (text: string) => Seg[];
}

const PARAGRAPH_START = `^${OPT_SPACE}[^ \\t]${DOT}*?\\n`;
const PARAGRAPH_MATCH = `^${DOT}*?\\n`;
const ATX_HEADER_START = `^(#{1,6})[\\t ]*([^ \\t]${DOT}*)\\n`;
const PARAGRAPH_END_KRAMDOWN = `${LAZY_END}|${DEFINITION_LIST_START}`;
const PARAGRAPH_END_GFM = `${LAZY_END}|${LIST_START}|${ATX_HEADER_START_GFM}|${DEFINITION_LIST_START}|${BLOCKQUOTE_START}|${FENCED_CODEBLOCK_START_GFM}`;
const SETEXT_HEADER_START = `^${OPT_SPACE}([^ \\t]${DOT}*)\\n([-=])[-=]*[ \\t\\r\\f\\v]*\\n`;
const NAME_START = '[:A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}]';
const NAME_CHAR = '[\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040:A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}]';
const HEADER_ID = new RegExp(`[\\t ]\\{#(${NAME_START}${NAME_CHAR}*)\\}$`, 'u');
const INDENT = '^(?:\\t| {4})';
const CODEBLOCK_MATCH =
  `(?:(?:${BLANK_LINE})?(?:${INDENT}[ \\t]*${NS}${DOT}*\\n)+` +
  `(?:(?!${IAL_BLOCK_START}|${EOB_MARKER}|^${OPT_SPACE}${LAZY_END_HTML_STOP}|^${OPT_SPACE}${LAZY_END_HTML_START})^[ \\t]*${NS}${DOT}*\\n)*)*`;
const FENCED_MATCH_GFM = `^[ ]{0,3}(([~\`]){3,})${S}*?((${NS}+?)(?:\\?${NS}*)?)?${S}*?\\n(${ANY}*?)^[ ]{0,3}\\1\\2*${S}*?\\n`;
const FENCED_START_KRAMDOWN = '^~{3,}';
const FENCED_MATCH_KRAMDOWN = `^((~){3,})${S}*?((${NS}+?)(?:\\?${NS}*)?)?${S}*?\\n(${ANY}*?)^\\1\\2*${S}*?\\n`;
const LIST_ITEM_IAL = `^${S}*(?:\\{:(?!(?:${ALD_ID_NAME})?:|\\/)(${ALD_ANY_CHARS}+)\\})${S}*`;
const LIST_ITEM_IAL_CHECK = `^(?:${LIST_ITEM_IAL})?${S}*\\n`;
const BLOCK_BOUNDARY = `${BLANK_LINE}|${EOB_MARKER}|${IAL_BLOCK_START}|(?=\\n?(?![\\s\\S]))`;
const TABLE_SEP_LINE = `^([+|: \\t-]*?-[+|: \\t-]*?)[ \\t]*\\n`;
const TABLE_HSEP_ALIGN = /[ \t]?(:?)-+(:?)[ \t]?/g;
const TABLE_FSEP_LINE = `^[+|: \\t=]*?=[+|: \\t=]*?[ \\t]*\\n`;
const TABLE_ROW_LINE = `^(${DOT}*?)[ \\t]*\\n`;
const TABLE_PIPE_CHECK = `(?:\\||${DOT}*?[^\\\\\\n]\\|)`;
const TABLE_LINE = `${TABLE_PIPE_CHECK}${DOT}*?\\n`;
const TABLE_START = `^${OPT_SPACE}(?=${NS})${TABLE_LINE}`;
const BLOCK_MATH_START = `^${OPT_SPACE}(\\\\)?\\$\\$(${ANY}*?)\\$\\$(${S}*?\\n)?`;
const FOOTNOTE_DEFINITION_START = `^${OPT_SPACE}\\[\\^(${ALD_ID_NAME})\\]:${S}*?(${DOT}*?\\n${CODEBLOCK_MATCH})`;
const LINK_DEFINITION_START =
  `^${OPT_SPACE}\\[([^\\n\\]]+)\\]:[ \\t]*(?:<(${DOT}*?)>|([^\\n]*?${NS}[^\\n]*?))` + `(?:(?:[ \\t]*?\\n|[ \\t]+?)[ \\t]*?(["'])(${DOT}+?)\\4)?[ \\t]*?\\n`;
const ABBREV_DEFINITION_START = `^${OPT_SPACE}\\*\\[(${DOT}+?)\\]:(${DOT}*?)\\n`;
const ALD_START = `^${OPT_SPACE}\\{:(${ALD_ID_NAME}):(${ALD_ANY_CHARS}+)\\}${S}*?\\n`;
const EXT_START_STR = `\\{::(\\w+)(?:${S}(${ALD_ANY_CHARS}*?)|)(\\/)?\\}`;
const extStopStr = (name: string): string => `\\{:\\/(${name})?\\}`;
const EXT_BLOCK_START = `^${OPT_SPACE}(?:${EXT_START_STR}|${extStopStr(ALD_ID_NAME)})${S}*?\\n`;
const BLOCK_EXTENSIONS_START = `^${OPT_SPACE}\\{:`;
const HTML_BLOCK_START = `^${OPT_SPACE}<(${UNAME}|!--|\\/)`;
const TRAILING_WHITESPACE = '[ \\t]*\\n';
const HTML_RAW_START = `(?=<(${UNAME}|\\/|!--|\\?))`;
const MARKDOWN_ATTR: Record<string, 'raw' | 'default' | 'span' | 'block'> = { '0': 'raw', '1': 'default', span: 'span', block: 'block' };

// ---------------------------------------------------------------------------
// Attribute lists

const ALD_TYPE_KEY_VALUE_PAIR = `(${ALD_ID_NAME})=("|')((?:\\\\\\}|\\\\\\2|[^}\\2])*?)\\2`;
const ALD_TYPE_CLASS_NAME = '\\.([^\\s.#]+)';
const ALD_TYPE_ID_NAME = '#([A-Za-z][\\w:-]*)';
const ALD_TYPE_ID_OR_CLASS_MULTI = `((?:${ALD_TYPE_ID_NAME}|${ALD_TYPE_CLASS_NAME})+)`;
const ALD_TYPE_REF = `(${ALD_ID_NAME})`;
const ALD_TYPE_ANY = new RegExp(
  `(?:^|${S})(?:${ALD_TYPE_KEY_VALUE_PAIR}|${ALD_TYPE_REF}|${ALD_TYPE_ID_OR_CLASS_MULTI})(?=${S}|$)`.replace(/\\s/g, ' \\t\\r\\n\\f\\v'),
  'g',
);
const ALD_TYPE_ID_OR_CLASS = new RegExp(`${ALD_TYPE_ID_NAME}|${ALD_TYPE_CLASS_NAME}`.replace(/\\s/g, ' \\t\\r\\n\\f\\v'), 'g');

/** kramdown's parse_attribute_list: adds what `str` holds to `ial`. */
export function parseAttributeList(str: string, ial: Ial): void {
  const t = str.trim();
  if (t === '' || t === ':') return;
  ALD_TYPE_ANY.lastIndex = 0;
  for (let m = ALD_TYPE_ANY.exec(str); m; m = ALD_TYPE_ANY.exec(str)) {
    if (m[0] === '') {
      ALD_TYPE_ANY.lastIndex++;
      continue;
    }
    const [, key, sep, val, ref, idClass] = m;
    if (ref !== undefined) {
      (ial.refs ??= []).push(ref);
    } else if (idClass !== undefined) {
      ALD_TYPE_ID_OR_CLASS.lastIndex = 0;
      for (let c = ALD_TYPE_ID_OR_CLASS.exec(idClass); c; c = ALD_TYPE_ID_OR_CLASS.exec(idClass)) {
        if (c[2] !== undefined) ial.attrs.class = `${ial.attrs.class ?? ''} ${c[2]}`.replace(/^\s+/, '');
        else ial.attrs.id = c[1]!;
      }
    } else if (key !== undefined) {
      ial.attrs[key] = val!.replace(new RegExp(`\\\\(\\}|${escapeRe(sep!)})`, 'g'), '$1');
    }
  }
}

/** kramdown's update_ial_with_ial. */
export function updateIalWithIal(ial: Ial, opts: Ial): void {
  if (opts.refs) (ial.refs ??= []).push(...opts.refs);
  for (const [k, v] of Object.entries(opts.attrs)) {
    if (k === 'class') ial.attrs.class = `${ial.attrs.class ?? ''} ${v}`.replace(/^\s+/, '');
    else ial.attrs[k] = v;
  }
}

/** kramdown's update_attr_with_ial (ALD references first). */
export function updateAttrWithIal(attr: Record<string, string>, ial: Ial, alds: Map<string, Ial>): void {
  for (const ref of ial.refs ?? []) {
    const ald = alds.get(ref);
    if (ald) updateAttrWithIal(attr, ald, alds);
  }
  for (const [k, v] of Object.entries(ial.attrs)) {
    if (k === 'class') attr.class = `${attr.class ?? ''} ${v}`.replace(/^\s+/, '');
    else attr[k] = v;
  }
}

/** kramdown's parse_html_attributes. */
export function parseHtmlAttributes(str: string, inHtmlTag: boolean): Record<string, string> {
  const attrs: Record<string, string> = {};
  const r = re(HTML_ATTRIBUTE, 'g');
  r.lastIndex = 0;
  for (let m = r.exec(str); m; m = r.exec(str)) {
    if (m[0] === '') {
      r.lastIndex++;
      continue;
    }
    let name = m[1]!;
    if (inHtmlTag) name = name.toLowerCase();
    attrs[name] = m[2] ?? m[4] ?? '';
  }
  return attrs;
}

// ---------------------------------------------------------------------------
// The parser

interface BlockRule {
  name: string;
  start: string;
  startRe?: RegExp;
  fn: (p: BlockParser) => boolean;
  /** The characters the start pattern can begin with (a fast pre-check); undefined: any. */
  first?: string;
  /** What the start pattern needs of the current line (a fast pre-check; `nl`: the line's newline). */
  line?: (src: Scanner, nl: number) => boolean;
}

const WS = ' \t\r\n\f\v';

/** SETEXT_HEADER_START's second line starts with `-` or `=`. */
function underlinedNext(src: Scanner, nl: number): boolean {
  const c = nl >= 0 ? src.s.charCodeAt(nl + 1) : 0;
  return c === 45 /* - */ || c === 61 /* = */;
}

/** `[ \t\r\n\f\v\0]`: what a paragraph loses at its ends. */
function isParagraphSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0;
}

/**
 * Nesting depth (blockquotes, lists, HTML elements…) past which the nesting
 * parsers stop matching, so that hostile input cannot exhaust the stack or,
 * through lists re-parsing their content at every level, the memory. kramdown
 * has no such limit; no real post comes near it.
 */
const MAX_DEPTH = 40;

export interface Footnote {
  content: El;
  eob?: El;
  referenced?: boolean;
}

/** What the block phase hands to the span phase and the converter. */
export interface ParseResult {
  root: El;
  linkDefs: Map<string, { url: string; title: string | undefined; eob: El }>;
  footnotes: Map<string, Footnote>;
  alds: Map<string, Ial>;
  abbrevDefs: Map<string, string>;
  abbrevEob: Map<string, El>;
}

export class BlockParser {
  src!: Scanner;
  tree!: El;
  blockIal: Ial | undefined;
  private readonly stack: Array<[El, Scanner, Ial | undefined]> = [];
  private stopFound = false;
  readonly root: El = el('root');
  readonly alds = new Map<string, Ial>();
  readonly footnotes = new Map<string, Footnote>();
  readonly linkDefs = new Map<string, { url: string; title: string | undefined; eob: El }>();
  readonly abbrevDefs = new Map<string, string>();
  readonly abbrevEob = new Map<string, El>();
  private readonly rules: BlockRule[];
  private readonly paragraphEnd: string;

  constructor(readonly options: BlockOptions) {
    const gfm = options.gfm;
    this.paragraphEnd = gfm && options.paragraphEndQuirk ? PARAGRAPH_END_GFM : PARAGRAPH_END_KRAMDOWN;
    this.rules = [
      { name: 'blank_line', start: BLANK_LINE, fn: (p) => p.parseBlankLine(), first: WS },
      { name: 'codeblock', start: INDENT, fn: (p) => p.parseCodeblock(), first: ' \t' },
      gfm
        ? { name: 'codeblock_fenced_gfm', start: FENCED_CODEBLOCK_START_GFM, fn: (p) => p.parseCodeblockFenced(FENCED_MATCH_GFM), first: ' ~`' }
        : { name: 'codeblock_fenced', start: FENCED_START_KRAMDOWN, fn: (p) => p.parseCodeblockFenced(FENCED_MATCH_KRAMDOWN), first: '~' },
      { name: 'blockquote', start: BLOCKQUOTE_START, fn: (p) => p.parseBlockquote(), first: ' >' },
      gfm
        ? options.paragraphEndQuirk
          ? { name: 'atx_header_gfm_quirk', start: ATX_HEADER_START_GFM, fn: (p) => p.parseAtxHeaderGfmQuirk(), first: '#' }
          : { name: 'atx_header_gfm', start: ATX_HEADER_START_GFM, fn: (p) => p.parseAtxHeader(), first: '#' }
        : { name: 'atx_header', start: ATX_HEADER_START, fn: (p) => p.parseAtxHeader(), first: '#' },
      { name: 'horizontal_rule', start: HR_START, fn: (p) => p.parseHorizontalRule(), first: ' *-_' },
      { name: 'list', start: LIST_START, fn: (p) => p.parseList(), first: ' +*-0123456789' },
      { name: 'definition_list', start: DEFINITION_LIST_START, fn: (p) => p.parseDefinitionList(), first: ' :' },
      { name: 'block_html', start: HTML_BLOCK_START, fn: (p) => p.parseBlockHtml(), first: ' <' },
      // setext_header and table: tried at every paragraph line, their patterns read the whole line first.
      { name: 'setext_header', start: SETEXT_HEADER_START, fn: (p) => p.parseSetextHeader(), line: underlinedNext },
      { name: 'block_math', start: BLOCK_MATH_START, fn: (p) => p.parseBlockMath(), first: ' $\\' },
      { name: 'table', start: TABLE_START, fn: (p) => p.parseTable(), line: (src, nl) => src.hasPipeBefore(nl) },
      { name: 'footnote_definition', start: FOOTNOTE_DEFINITION_START, fn: (p) => p.parseFootnoteDefinition(), first: ' [' },
      { name: 'link_definition', start: LINK_DEFINITION_START, fn: (p) => p.parseLinkDefinition(), first: ' [' },
      { name: 'abbrev_definition', start: ABBREV_DEFINITION_START, fn: (p) => p.parseAbbrevDefinition(), first: ' *' },
      { name: 'block_extensions', start: BLOCK_EXTENSIONS_START, fn: (p) => p.parseBlockExtensions(), first: ' {' },
      { name: 'eob_marker', start: EOB_MARKER, fn: (p) => p.parseEobMarker(), first: '^' },
      { name: 'paragraph', start: PARAGRAPH_START, fn: (p) => p.parseParagraph() },
    ];
  }

  /** Parses a whole document (kramdown's adapt_source first). */
  parse(source: string): ParseResult {
    let s = source.replace(/\r\n?/g, '\n');
    // chomp + "\n": unchanged when it ends with one (no copy of a long post).
    if (!s.endsWith('\n')) s += '\n';
    this.parseBlocks(this.root, s, 0);
    return {
      root: this.root,
      linkDefs: this.linkDefs,
      footnotes: this.footnotes,
      alds: this.alds,
      abbrevDefs: this.abbrevDefs,
      abbrevEob: this.abbrevEob,
    };
  }

  /** kramdown's parse_blocks: true when stopped by the closing tag of the HTML element being parsed. */
  parseBlocks(target: El, text?: string, line?: number): boolean {
    this.stack.push([this.tree, this.src, this.blockIal]);
    this.tree = target;
    this.blockIal = undefined;
    if (text !== undefined) this.src = new Scanner(text, line ?? target.line);
    let found = false;
    while (!this.src.eos()) {
      let handled = false;
      const c = this.src.s[this.src.pos]!;
      let nl = -2;
      for (const rule of this.rules) {
        if (rule.first !== undefined && !rule.first.includes(c)) continue;
        if (rule.line) {
          if (nl === -2) nl = this.src.s.indexOf('\n', this.src.pos);
          if (!rule.line(this.src, nl)) continue;
        }
        if (this.src.check((rule.startRe ??= re(rule.start, 'y'))) && rule.fn(this)) {
          handled = true;
          break;
        }
      }
      if (this.stopFound) {
        this.stopFound = false;
        found = true;
        break;
      }
      if (!handled) {
        // "this should not occur": kramdown adds the rest of the line as text.
        const t = this.src.scan(`${DOT}*\\n`) ?? this.src.rest();
        if (!this.src.m) this.src.terminate();
        this.addText(t);
      }
    }
    [this.tree, this.src, this.blockIal] = this.stack.pop()!;
    return found;
  }

  // -- helpers ---------------------------------------------------------------

  addText(text: string, tree: El = this.tree, type: ElType = 'raw_text'): void {
    const last = tree.children[tree.children.length - 1];
    if (last && last.type === type) last.value += text;
    else if (text !== '') tree.children.push(el(type, text, last ? last.line : tree.line));
  }

  newBlockEl(type: ElType, value = '', line = this.src.lineAt()): El {
    const e = el(type, value, line);
    if (this.blockIal) {
      e.options.ial = this.blockIal;
      this.blockIal = undefined;
    }
    return e;
  }

  private last(): El | undefined {
    return this.tree.children[this.tree.children.length - 1];
  }

  afterBlockBoundary(): boolean {
    const last = this.last();
    return !last || last.type === 'blank' || (last.type === 'eob' && last.value === '') || this.blockIal !== undefined;
  }

  beforeBlockBoundary(): boolean {
    return this.src.check(BLOCK_BOUNDARY) !== null;
  }

  // -- block parsers -----------------------------------------------------------

  parseBlankLine(): boolean {
    const m = this.src.m![0];
    this.src.pos += m.length;
    const last = this.last();
    if (last && last.type === 'blank') last.value += m;
    else this.tree.children.push(this.newBlockEl('blank', m));
    return true;
  }

  parseEobMarker(): boolean {
    const line = this.src.lineAt();
    this.src.pos += this.src.m![0].length;
    this.tree.children.push(this.newBlockEl('eob', '', line));
    return true;
  }

  parseCodeblock(): boolean {
    const line = this.src.lineAt();
    let data = this.src.scan(CODEBLOCK_MATCH) ?? '';
    data = data.replace(/\n( {0,3}[^ \t\r\n\f\v])/g, ' $1');
    data = data.replace(/^(?:\t| {4})/gm, '');
    this.tree.children.push(this.newBlockEl('codeblock', data, line));
    return true;
  }

  parseCodeblockFenced(match: string): boolean {
    const m = this.src.check(match);
    if (!m) return false;
    const line = this.src.lineAt();
    this.src.pos += m[0].length;
    const e = this.newBlockEl('codeblock', m[5] ?? '', line);
    const lang = rubyStrip(m[3] ?? '');
    if (lang !== '') {
      e.options.lang = lang;
      e.attr.class = `language-${m[4]}`;
    }
    this.tree.children.push(e);
    return true;
  }

  private tooDeep(): boolean {
    return this.stack.length > MAX_DEPTH;
  }

  parseBlockquote(): boolean {
    if (this.tooDeep()) return false;
    const line = this.src.lineAt();
    let result = this.src.scan(PARAGRAPH_MATCH) ?? '';
    while (!this.src.check(LAZY_END)) {
      const next = this.src.scan(PARAGRAPH_MATCH);
      if (next === null) break;
      result += next;
    }
    result = result.replace(re(BLOCKQUOTE_START, 'g'), '');
    const e = this.newBlockEl('blockquote', '', line);
    this.tree.children.push(e);
    this.parseBlocks(e, result, line);
    return true;
  }

  private headerContents(raw: string): [string, string | undefined] {
    let text = raw.replace(/[ \t\r\n\f\v]+$/, '');
    const m = HEADER_ID.exec(text);
    let id: string | undefined;
    if (m) {
      id = m[1];
      text = text.slice(0, text.length - m[0].length).replace(/[ \t\r\n\f\v]+$/, '');
    }
    return [text, id];
  }

  private addHeader(level: number, text: string, id: string | undefined, matchLength: number): void {
    const line = this.src.lineAt();
    this.src.pos += matchLength;
    const e = this.newBlockEl('header', '', line);
    e.options.level = level;
    e.options.rawText = text;
    this.addText(text, e);
    if (id !== undefined) e.attr.id = id;
    this.tree.children.push(e);
  }

  parseAtxHeaderGfmQuirk(): boolean {
    const m = this.src.m!;
    const [raw, id] = this.headerContents(m[2]!);
    let text = raw;
    const t = text.replace(/[\t ]#+$/, '');
    if (t !== text) text = t.replace(/[ \t\r\n\f\v]+$/, '');
    if (text === '') return false;
    this.addHeader(m[1]!.length, text, id, m[0].length);
    return true;
  }

  parseAtxHeader(): boolean {
    if (!this.afterBlockBoundary()) return false;
    const m = this.src.m!;
    const [raw, id] = this.headerContents(m[2]!);
    let text = raw;
    const t = text.replace(/(?<!\\)#+$/, '');
    if (t !== text) text = t.replace(/[ \t\r\n\f\v]+$/, '');
    if (text === '') return false;
    this.addHeader(m[1]!.length, text, id, m[0].length);
    return true;
  }

  parseSetextHeader(): boolean {
    if (!this.afterBlockBoundary()) return false;
    const m = this.src.m!;
    const [text, id] = this.headerContents(m[1]!);
    if (text === '') return false;
    this.addHeader(m[2] === '-' ? 2 : 1, text, id, m[0].length);
    return true;
  }

  parseHorizontalRule(): boolean {
    const line = this.src.lineAt();
    this.src.pos += this.src.m![0].length;
    this.tree.children.push(this.newBlockEl('hr', '', line));
    return true;
  }

  // -- lists -------------------------------------------------------------------

  private firstListLine(indentation: number, content: string): { content: string; indentation: number; contentRe: string; lazyRe: string; indentRe: string } {
    if (matchesAt(LIST_ITEM_IAL_CHECK, content)) {
      indentation = 4;
    } else {
      while (/^ *\t/.test(content)) {
        const temp = /^ */.exec(content)![0].length + indentation;
        content = content.replace(/^( *)(\t+)/, (_m, sp: string, tabs: string) => sp + ' '.repeat(4 - (temp % 4) + (tabs.length - 1) * 4));
      }
      indentation += /^ */.exec(content)![0].length;
    }
    content = content.replace(/^[ \t\r\n\f\v]*/, '');
    return { content, indentation, ...listLinePatterns(indentation) };
  }

  private static fetchPattern(type: 'ul' | 'ol' | 'dl', indentation: number): string {
    const sp = indentation === 1 ? ' {0}' : indentation === 2 ? ' {0,1}' : indentation === 3 ? ' {0,2}' : ' {0,3}';
    const marker = type === 'ul' ? '[+*-]' : type === 'ol' ? '\\d+\\.' : ':';
    return `^(${sp}${marker})(${PATTERN_TAIL})`;
  }

  private takeItemIal(value: string, target: El): string {
    return value.replace(re(LIST_ITEM_IAL, ''), (_m, ial: string) => {
      parseAttributeList(ial, (target.options.ial ??= { attrs: {} }));
      return '';
    });
  }

  parseList(): boolean {
    if (this.tooDeep()) return false;
    const startLine = this.src.lineAt();
    const isUl = this.src.check(LIST_START_UL) !== null;
    const type = isUl ? 'ul' : 'ol';
    let listStart = isUl ? LIST_START_UL : LIST_START_OL;
    const list = this.newBlockEl(type, '', startLine);
    let item: El | undefined;
    let contentRe = '';
    let lazyRe = '';
    let indentRe = '';
    let indentation = 0;
    let eobFound = false;
    let nestedListFound = false;
    let lastIsBlank = false;
    while (!this.src.eos()) {
      const line = this.src.lineAt();
      let result: string | null;
      if (lastIsBlank && this.src.check(HR_START)) {
        break;
      } else if (this.src.scan(EOB_MARKER) !== null) {
        eobFound = true;
        break;
      } else if (this.src.scan(listStart) !== null) {
        const m = this.src.m!;
        item = el('li', '', line);
        const f = this.firstListLine(m[1]!.length, m[2]!);
        ({ contentRe, lazyRe, indentRe, indentation } = f);
        list.children.push(item);
        const value = this.takeItemIal(f.content, item);
        listStart = BlockParser.fetchPattern(type, indentation);
        nestedListFound = startsList(value);
        lastIsBlank = false;
        item.values = [value];
      } else if (item && ((result = this.src.scan(contentRe)) !== null || (!lastIsBlank && (result = this.src.scan(lazyRe)) !== null))) {
        result = result.replace(/^(\t+)/, (_m, t: string) => ' '.repeat(4 * t.length));
        const stripped = result.replace(re(indentRe, ''), '');
        const indentationFound = stripped !== result;
        result = stripped;
        const isListStart = startsList(result);
        if (!nestedListFound && indentationFound && isListStart) {
          item.values!.push('');
          nestedListFound = true;
        } else if (nestedListFound && !indentationFound && isListStart) {
          result = ' '.repeat(indentation + 4) + result;
        }
        item.values![item.values!.length - 1] += result;
        lastIsBlank = false;
      } else if (item && (result = this.src.scan(BLANK_LINE)) !== null) {
        nestedListFound = true;
        lastIsBlank = true;
        item.values![item.values!.length - 1] += result;
      } else {
        break;
      }
    }
    this.tree.children.push(list);

    let last: El | undefined;
    for (const it of list.children) {
      const temp = el('temp', '', it.line);
      let line = it.line;
      for (const val of it.values ?? []) {
        const sc = new Scanner(val, line);
        this.stack.push([this.tree, this.src, this.blockIal]);
        this.src = sc;
        this.parseBlocks(temp);
        [this.tree, this.src, this.blockIal] = this.stack.pop()!;
        line = sc.lineAt(sc.s.length);
      }
      it.children = temp.children;
      it.values = undefined;
      const ch = it.children;
      if (ch.length === 0) continue;
      if (ch[0]!.type === 'p' && ch.length >= 2 && ch[1]!.type === 'eob' && ch[0]!.readOptions.ial) ch.splice(1, 1);
      if (
        ch[0]!.type === 'p' &&
        (ch.length < 2 || ch[1]!.type !== 'blank' || (it === list.children[list.children.length - 1] && ch.length === 2 && !eobFound)) &&
        (list.children[list.children.length - 1] !== it ||
          list.children.length === 1 ||
          list.children.slice(0, -1).some((c) => !c.children[0] || c.children[0].type !== 'p' || c.children[0].readOptions.transparent))
      ) {
        if (ch.length > 1 && ch[1]!.type !== 'blank') ch[0]!.children[0]!.value += '\n';
        ch[0]!.options.transparent = true;
      }
      last = ch[ch.length - 1]!.type === 'blank' ? ch.pop() : undefined;
    }
    if (last && !eobFound) this.tree.children.push(last);

    if (this.options.gfm) this.taskList(list);
    return true;
  }

  /** kramdown-parser-gfm's parse_list addition: `[ ]` / `[x]` items. */
  private taskList(list: El): void {
    const unchecked = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />';
    const checked = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />';
    let isTaskList = false;
    for (const li of list.children) {
      const first = li.children[0];
      if (!first || first.type !== 'p') continue;
      const d = first.children[0];
      if (!d) continue;
      let hit = false;
      if (/^[ \t\r\n\f\v]*\[ \][ \t\r\n\f\v]+/.test(d.value)) {
        d.value = d.value.replace(/^[ \t\r\n\f\v]*\[ \][ \t\r\n\f\v]+/, unchecked);
        hit = true;
      }
      if (/^[ \t\r\n\f\v]*\[x\][ \t\r\n\f\v]+/i.test(d.value)) {
        d.value = d.value.replace(/^[ \t\r\n\f\v]*\[x\][ \t\r\n\f\v]+/i, checked);
        hit = true;
      }
      isTaskList ||= hit;
      if (isTaskList) li.attr.class = 'task-list-item';
    }
    if (isTaskList) list.attr.class = 'task-list';
  }

  parseDefinitionList(): boolean {
    if (this.tooDeep()) return false;
    const children = this.tree.children;
    const n = children.length;
    const lastC = children[n - 1];
    if (
      !lastC ||
      (n === 1 && lastC.type !== 'p') ||
      (n >= 2 && lastC.type !== 'p' && (lastC.type !== 'blank' || lastC.value !== '\n' || children[n - 2]!.type !== 'p'))
    ) {
      return false;
    }
    let firstAsPara = false;
    const deflist = this.newBlockEl('dl');
    let para = children.pop()!;
    if (para.type === 'blank') {
      para = children.pop()!;
      firstAsPara = true;
    }
    deflist.line = para.line;
    const terms = (para.children[0]?.value ?? '').split('\n');
    while (terms.length > 0 && terms[terms.length - 1] === '') terms.pop();
    terms.forEach((term, i) => {
      const dt = el('dt', '', para.line + i);
      term = this.takeItemIal(term, dt);
      dt.options.rawText = term;
      dt.children.push(el('raw_text', term, dt.line));
      deflist.children.push(dt);
    });
    deflist.options.ial = para.readOptions.ial;

    let item: El | undefined;
    let contentRe = '';
    let lazyRe = '';
    let indentRe = '';
    let defStart = DEFINITION_LIST_START;
    let lastIsBlank = false;
    while (!this.src.eos()) {
      const line = this.src.lineAt();
      let result: string | null;
      if (this.src.scan(defStart) !== null) {
        const m = this.src.m!;
        item = el('dd', '', line);
        item.options.firstAsPara = firstAsPara;
        const f = this.firstListLine(m[1]!.length, m[2]!);
        ({ contentRe, lazyRe, indentRe } = f);
        deflist.children.push(item);
        item.value = this.takeItemIal(f.content, item);
        defStart = BlockParser.fetchPattern('dl', f.indentation);
        firstAsPara = false;
        lastIsBlank = false;
      } else if (this.src.check(EOB_MARKER)) {
        break;
      } else if (item && ((result = this.src.scan(contentRe)) !== null || (!lastIsBlank && (result = this.src.scan(lazyRe)) !== null))) {
        result = result.replace(/^(\t+)/, (_m, t: string) => ' '.repeat(4 * t.length));
        result = result.replace(re(indentRe, ''), '');
        item.value += result;
        firstAsPara = false;
        lastIsBlank = false;
      } else if (item && (result = this.src.scan(BLANK_LINE)) !== null) {
        firstAsPara = true;
        item.value += result;
        lastIsBlank = true;
      } else {
        break;
      }
    }

    let last: El | undefined;
    for (const it of deflist.children) {
      if (it.type === 'dt') continue;
      this.parseBlocks(it, it.value, it.line);
      it.value = '';
      const ch = it.children;
      if (ch.length === 0) continue;
      last = ch[ch.length - 1]!.type === 'blank' ? ch.pop() : undefined;
      const fap = it.options.firstAsPara;
      delete it.options.firstAsPara;
      if (ch[0] && ch[0].type === 'p' && !fap) {
        if (ch.length > 1) ch[0].children[0]!.value += '\n';
        ch[0].options.transparent = true;
      }
    }
    const c = this.tree.children;
    if (c.length >= 1 && c[c.length - 1]!.type === 'dl') {
      c[c.length - 1]!.children.push(...deflist.children);
    } else if (c.length >= 2 && c[c.length - 1]!.type === 'blank' && c[c.length - 2]!.type === 'dl') {
      c.pop();
      c[c.length - 1]!.children.push(...deflist.children);
    } else {
      c.push(deflist);
    }
    if (last) c.push(last);
    return true;
  }

  // -- HTML --------------------------------------------------------------------

  parseBlockHtml(): boolean {
    const line = this.src.lineAt();
    const comment = this.src.scan(HTML_COMMENT);
    if (comment !== null) {
      const c = el('xml_comment', comment, line, { category: 'block' });
      this.tree.children.push(c);
      this.src.scan(TRAILING_WHITESPACE);
      return true;
    }
    let m = this.src.check(`^${OPT_SPACE}${HTML_TAG}`);
    if (m && !HTML_SPAN_ELEMENTS.has(m[1]!.toLowerCase()) && !this.tooDeep()) {
      this.src.pos += m[0].length;
      this.handleHtmlStartTag(m, line);
      return true;
    }
    m = this.src.check(`^${OPT_SPACE}${HTML_TAG_CLOSE}`);
    if (m && !HTML_SPAN_ELEMENTS.has(m[1]!.toLowerCase())) {
      const name = m[1]!.toLowerCase();
      if (this.tree.type === 'html_element' && this.tree.value === name) {
        this.src.pos += m[0].length;
        this.stopFound = true;
        return true;
      }
    }
    return false;
  }

  /** handle_html_start_tag with handle_kramdown_html_tag as its block. */
  private handleHtmlStartTag(m: RegExpExecArray, line: number): void {
    let name = m[1]!;
    if (HTML_ELEMENT.has(name.toLowerCase())) name = name.toLowerCase();
    let closed = m[4] !== undefined;
    const attrs = parseHtmlAttributes(m[2] ?? '', HTML_ELEMENT.has(name));
    const e = el('html_element', name, line, { category: 'block' }, attrs);
    this.tree.children.push(e);
    if (!closed && HTML_ELEMENTS_WITHOUT_BODY.has(name)) closed = true;
    if (name === 'script' || name === 'style') {
      this.handleRawHtmlTag(name);
      this.handleKramdownHtmlTag(e, false, false);
    } else {
      this.handleKramdownHtmlTag(e, closed, true);
    }
  }

  private handleRawHtmlTag(name: string): void {
    const cur = this.src.pos;
    const target = this.tree.children[this.tree.children.length - 1]!;
    if (this.src.scanUntil(`(?=<\\/${escapeRe(name)}${S}*>)`, 'i') !== null) {
      this.addText(this.src.s.slice(cur, this.src.pos), target, 'raw');
      this.src.scan(HTML_TAG_CLOSE);
    } else {
      this.addText(this.src.rest(), target, 'raw');
      this.src.terminate();
    }
  }

  private handleKramdownHtmlTag(e: El, closed: boolean, handleBody: boolean): void {
    if (this.blockIal) {
      e.options.ial = this.blockIal;
      this.blockIal = undefined;
    }
    const inRaw = this.tree.type === 'html_element' && this.tree.readOptions.contentModel === 'raw';
    let model: ContentModel = !inRaw ? (this.options.parseBlockHtml ? contentModel(e.value) : 'raw') : 'raw';
    const mdAttr = e.attr.markdown;
    if (mdAttr !== undefined) {
      delete e.attr.markdown;
      const v = MARKDOWN_ATTR[mdAttr];
      if (v) model = v === 'default' ? contentModel(e.value) : v;
    }
    if (model === 'block' && this.tooDeep()) model = 'raw';
    if (model === 'block') this.src.scan(TRAILING_WHITESPACE);
    e.options.contentModel = model;
    e.options.isClosed = closed;
    if (!closed && handleBody) {
      if (model === 'block') {
        this.parseBlocks(e);
      } else if (model === 'span') {
        const cur = this.src.pos;
        if (this.src.scanUntil(`(?=<\\/${escapeRe(e.value)}${S}*>)`, 'i') !== null) {
          this.addText(this.src.s.slice(cur, this.src.pos), e);
          this.src.scan(HTML_TAG_CLOSE);
        } else {
          this.addText(this.src.rest(), e);
          this.src.terminate();
        }
      } else {
        this.parseRawHtml(e);
      }
      if (!(this.tree.type === 'html_element' && this.tree.readOptions.contentModel === 'raw')) this.src.scan(TRAILING_WHITESPACE);
    }
  }

  private parseRawHtml(e: El): void {
    this.stack.push([this.tree, this.src, this.blockIal]);
    this.tree = e;
    let done = false;
    while (!this.src.eos() && !done) {
      const result = this.src.scanUntil(HTML_RAW_START);
      if (result !== null) {
        this.addText(result, this.tree, 'text');
        const line = this.src.lineAt();
        let t: string | null;
        let m: RegExpExecArray | null;
        if ((t = this.src.scan(HTML_COMMENT)) !== null) {
          this.tree.children.push(el('xml_comment', t, line, { category: 'block' }));
        } else if ((t = this.src.scan(HTML_INSTRUCTION)) !== null) {
          this.tree.children.push(el('xml_pi', t, line, { category: 'block' }));
        } else if ((m = this.src.check(HTML_TAG)) !== null) {
          this.src.pos += m[0].length;
          if (this.tooDeep()) this.addText(m[0], this.tree, 'text');
          else this.handleHtmlStartTag(m, line);
        } else if ((m = this.src.check(HTML_TAG_CLOSE)) !== null) {
          this.src.pos += m[0].length;
          const name = HTML_ELEMENT.has(this.tree.value) ? m[1]!.toLowerCase() : m[1]!;
          if (this.tree.value === name) done = true;
          else this.addText(m[0], this.tree, 'text');
        } else {
          this.addText(this.src.s[this.src.pos]!, this.tree, 'text');
          this.src.pos++;
        }
      } else {
        this.addText(this.src.rest(), this.tree, 'text');
        this.src.terminate();
        done = true;
      }
    }
    this.tree = this.stack.pop()![0];
  }

  // -- math, tables, definitions -------------------------------------------------

  parseBlockMath(): boolean {
    const m = this.src.m!;
    const line = this.src.lineAt();
    if (!this.afterBlockBoundary()) return false;
    if (m[1] !== undefined) {
      if (m[3] !== undefined) this.src.scan(`^${OPT_SPACE}\\\\`);
      return false;
    }
    const saved = this.src.pos;
    this.src.pos += m[0].length;
    const data = rubyStrip(m[2]!);
    if (this.beforeBlockBoundary()) {
      const e = this.newBlockEl('math', data, line);
      e.options.category = 'block';
      this.tree.children.push(e);
      return true;
    }
    this.src.pos = saved;
    return false;
  }

  parseTable(): boolean {
    if (!this.afterBlockBoundary()) return false;
    const saved = this.src.pos;
    const origPos = this.src.pos;
    const table = this.newBlockEl('table');
    table.options.alignment = [];
    const tl = this.src.check(TABLE_LINE);
    const leadingPipe = tl !== null && /^[ \t\r\n\f\v]*\|/m.test(tl[0]);
    this.src.scan(TABLE_SEP_LINE);
    let rows: El[] = [];
    let hasFooter = false;
    let columns = 0;
    const addContainer = (type: ElType, force: boolean): void => {
      if (!hasFooter || type !== 'tbody' || force) {
        const cont = el(type);
        cont.children = rows;
        rows = [];
        table.children.push(cont);
      }
    };
    while (!this.src.eos()) {
      if (!this.src.check(TABLE_LINE)) break;
      let m: RegExpExecArray | null;
      if (this.src.scan(TABLE_SEP_LINE) !== null) {
        m = this.src.m!;
        if (rows.length === 0) {
          // nothing
        } else if (table.options.alignment.length === 0 && !hasFooter) {
          addContainer('thead', false);
          const al: Array<'default' | 'left' | 'right' | 'center'> = [];
          TABLE_HSEP_ALIGN.lastIndex = 0;
          for (let a = TABLE_HSEP_ALIGN.exec(m[1]!); a; a = TABLE_HSEP_ALIGN.exec(m[1]!)) {
            const left = a[1]!;
            const right = a[2]!;
            al.push(left === '' && right === '' ? 'default' : right === '' ? 'left' : left === '' ? 'right' : 'center');
          }
          table.options.alignment = al;
        } else {
          addContainer('tbody', false);
        }
      } else if (this.src.scan(TABLE_FSEP_LINE) !== null) {
        if (rows.length > 0) addContainer('tbody', true);
        hasFooter = true;
      } else if (this.src.scan(TABLE_ROW_LINE) !== null) {
        m = this.src.m!;
        const rowLine = this.src.lineAt() - 1;
        const tr = el('tr', '', rowLine);
        const cells = splitCells(m[1]!);
        if (leadingPipe && cells.length > 0 && rubyStrip(cells[0]!) === '') cells.shift();
        if (cells.length > 0 && rubyStrip(cells[cells.length - 1]!) === '') cells.pop();
        for (const cell of cells) {
          const td = el('td', '', rowLine);
          td.children.push(el('raw_text', rubyStrip(cell), rowLine));
          tr.children.push(td);
        }
        columns = Math.max(columns, cells.length);
        rows.push(tr);
      } else {
        break;
      }
    }
    if (!this.beforeBlockBoundary()) {
      this.src.pos = saved;
      return false;
    }
    if (!pipeOnLastLine(this.options.tableSegments(this.src.s.slice(origPos, this.src.pos - 1)))) {
      this.src.pos = saved;
      return false;
    }
    if (rows.length > 0) addContainer(hasFooter ? 'tfoot' : 'tbody', false);
    if (!table.children.some((c) => c.type === 'tbody')) {
      this.src.pos = saved;
      return false;
    }
    for (const kind of table.children) {
      for (const row of kind.children) {
        while (row.children.length < columns) row.children.push(el('td', '', row.line));
      }
    }
    const al = table.options.alignment;
    if (al.length > columns) table.options.alignment = al.slice(0, columns);
    else while (al.length < columns) al.push('default');
    this.tree.children.push(table);
    return true;
  }

  parseFootnoteDefinition(): boolean {
    if (this.tooDeep()) return false;
    const m = this.src.m!;
    const line = this.src.lineAt();
    this.src.pos += m[0].length;
    const def = el('footnote_def', '', line);
    this.parseBlocks(def, m[2]!.replace(/^(?:\t| {4})/gm, ''), line);
    const eob = this.newBlockEl('eob', 'footnote_def', line);
    this.tree.children.push(eob);
    this.footnotes.set(m[1]!, { content: def, eob });
    return true;
  }

  parseLinkDefinition(): boolean {
    const m = this.src.m!;
    if (m[3] !== undefined && /[ \t]+["']/.test(m[3])) return false;
    const line = this.src.lineAt();
    this.src.pos += m[0].length;
    const id = normalizeLinkId(m[1]!);
    const eob = this.newBlockEl('eob', 'link_def', line);
    this.tree.children.push(eob);
    this.linkDefs.set(id, { url: m[2] ?? m[3] ?? '', title: m[5], eob });
    return true;
  }

  parseAbbrevDefinition(): boolean {
    const m = this.src.m!;
    const line = this.src.lineAt();
    this.src.pos += m[0].length;
    const eob = this.newBlockEl('eob', 'abbrev_def', line);
    this.tree.children.push(eob);
    this.abbrevDefs.set(m[1]!, rubyStrip(m[2]!));
    this.abbrevEob.set(m[1]!, eob);
    return true;
  }

  parseBlockExtensions(): boolean {
    let m: RegExpExecArray | null;
    const line = this.src.lineAt();
    if (this.src.scan(ALD_START) !== null) {
      m = this.src.m!;
      let ald = this.alds.get(m[1]!);
      if (!ald) this.alds.set(m[1]!, (ald = { attrs: {} }));
      parseAttributeList(m[2]!, ald);
      this.tree.children.push(this.newBlockEl('eob', 'ald', line));
      return true;
    }
    if (this.src.check(EXT_BLOCK_START)) return this.parseExtensionStartTag();
    if (this.src.scan(IAL_BLOCK_START) !== null) {
      m = this.src.m!;
      const last = this.last();
      if (last && last.type !== 'blank' && (last.type !== 'eob' || ['link_def', 'abbrev_def', 'footnote_def'].includes(last.value))) {
        parseAttributeList(m[1]!, (last.options.ial ??= { attrs: {} }));
        if (!this.src.check(IAL_BLOCK_START)) this.tree.children.push(this.newBlockEl('eob', 'ial', line));
      } else {
        parseAttributeList(m[1]!, (this.blockIal ??= { attrs: {} }));
      }
      return true;
    }
    return false;
  }

  private parseExtensionStartTag(): boolean {
    const m = this.src.m!;
    const saved = this.src.pos;
    const line = this.src.lineAt();
    this.src.pos += m[0].length;
    if (m[4] !== undefined || /^ {0,3}\{:\/\}/.test(m[0])) {
      this.src.pos = saved;
      return false;
    }
    const ext = m[1]!;
    const opts: Ial = { attrs: {} };
    parseAttributeList(m[2] ?? '', opts);
    let body: string | undefined;
    if (m[3] === undefined) {
      const stop = `^${OPT_SPACE}${extStopStr(escapeRe(ext))}${S}*?\\n`;
      const result = this.src.scanUntil(stop);
      if (result === null) {
        this.src.pos = saved;
        return false;
      }
      body = result.slice(0, result.length - this.src.m![0].length);
      if (body.endsWith('\n')) body = body.slice(0, -1);
    }
    switch (ext) {
      case 'comment':
        if (body !== undefined) this.tree.children.push(el('comment', body, line, { category: 'block' }));
        return true;
      case 'nomarkdown':
        if (body !== undefined) {
          this.tree.children.push(el('raw', body, line, { category: 'block', rawType: (opts.attrs.type ?? '').split(/\s+/).filter(Boolean) }));
        }
        return true;
      case 'options':
        for (const [k, v] of Object.entries(opts.attrs)) {
          if (k === 'parse_block_html') this.options.parseBlockHtml = v === 'true';
          if (k === 'parse_span_html') this.options.parseSpanHtml = v === 'true';
        }
        this.tree.children.push(this.newBlockEl('eob', 'extension', line));
        return true;
      default:
        this.src.pos = saved;
        return false;
    }
  }

  parseParagraph(): boolean {
    const pos = this.src.pos;
    const line = this.src.lineAt();
    if (this.src.scan(PARAGRAPH_MATCH) !== null) {
      while (!this.src.check(this.paragraphEnd) && this.src.scan(PARAGRAPH_MATCH) !== null);
    }
    // The lines scanned are contiguous: one slice of the source, without its trailing whitespace.
    const s = this.src.s;
    let end = this.src.pos;
    while (end > pos && isParagraphSpace(s.charCodeAt(end - 1))) end--;
    const result = s.slice(pos, end);
    const last = this.last();
    if (last && last.type === 'p') {
      const lastItem = last.children[last.children.length - 1];
      if (lastItem && lastItem.type === 'raw_text') {
        const joiner = this.src.s.slice(Math.max(0, pos - 3), pos) === '  \n' ? '  \n' : '\n';
        lastItem.value += joiner + result;
      } else {
        this.addText(result, last);
      }
    } else {
      const p = this.newBlockEl('p', '', line);
      this.tree.children.push(p);
      let start = 0;
      while (start < result.length && isParagraphSpace(result.charCodeAt(start))) start++;
      this.addText(start > 0 ? result.slice(start) : result, p);
    }
    return true;
  }
}

/** Whether `source` matches at the start of `s`. */
function matchesAt(source: string, s: string): boolean {
  const r = re(source, 'y');
  r.lastIndex = 0;
  return r.test(s);
}

/** Ruby's String#strip/lstrip/rstrip: ASCII whitespace and NUL only. */
export function rubyStrip(s: string): string {
  return s.replace(/^[ \t\r\n\f\v\0]+|[ \t\r\n\f\v\0]+$/g, '');
}

const LIST_LINE_PATTERNS = new Map<number, { contentRe: string; lazyRe: string; indentRe: string }>();
/** PARSE_FIRST_LIST_LINE_REGEXP_CACHE: the patterns of an item's further lines, per indentation. */
function listLinePatterns(indentation: number): { contentRe: string; lazyRe: string; indentRe: string } {
  let p = LIST_LINE_PATTERNS.get(indentation);
  if (!p) {
    const q = Math.floor(indentation / 4);
    const r = indentation % 4;
    p = {
      contentRe: `^(?:(?:\\t| {4}){${q}} {${r}}|(?:\\t| {4}){${q + 1}})${DOT}*${NS}${DOT}*\\n`,
      lazyRe: `(?!^ {0,${Math.min(indentation, 3)}}(?:${IAL_BLOCK}|${LAZY_END_HTML_STOP}|${LAZY_END_HTML_START}))${DOT}*${NS}${DOT}*\\n`,
      indentRe: `^ {${indentation}}`,
    };
    LIST_LINE_PATTERNS.set(indentation, p);
  }
  return p;
}

function startsList(s: string): boolean {
  const r = re(LIST_START, 'g');
  r.lastIndex = 0;
  const ok = r.test(s);
  r.lastIndex = 0;
  return ok;
}

export function normalizeLinkId(id: string): string {
  return id.replace(/[ \t\r\n\f\v]+/g, ' ').toLowerCase();
}

// ---------------------------------------------------------------------------
// Table helpers: the codespan-only and codespan+HTML span scans parse_table does.

export interface Seg {
  type: 'text' | 'code' | 'other';
  value: string;
  /** For code: the delimiter. */
  delim?: string;
}

/** kramdown's parse_codespan at `pos` of `s` (pre_match is s[0, pos]); undefined when it adds the backticks as text. */
function codespanAt(s: string, pos: number): { value: string; delim: string; end: number } | { text: string; end: number } {
  const delim = /^`+/.exec(s.slice(pos))![0];
  const after = pos + delim.length;
  const simple = delim.length === 1;
  if (simple && /(?:[ \t\r\n\f\v]|^)$/.test(s.slice(0, pos)) && /^[ \t\r\n\f\v]/.test(s.slice(after))) return { text: delim, end: after };
  const close = s.indexOf(delim, after);
  if (close < 0) return { text: delim, end: after };
  let text = s.slice(after, close);
  if (!simple) {
    if (text.startsWith(' ')) text = text.slice(1);
    if (text.endsWith(' ')) text = text.slice(0, -1);
  }
  return { value: text, delim, end: close + delim.length };
}

/** Segments of a table row: raw text and code spans (parse_spans(root, nil, [:codespan])). */
function codeSegments(s: string): Seg[] {
  const out: Seg[] = [];
  const add = (t: string): void => {
    const last = out[out.length - 1];
    if (last && last.type === 'text') last.value += t;
    else if (t !== '') out.push({ type: 'text', value: t });
  };
  let pos = 0;
  while (pos < s.length) {
    const i = s.indexOf('`', pos);
    if (i < 0) {
      add(s.slice(pos));
      break;
    }
    add(s.slice(pos, i));
    const c = codespanAt(s, i);
    if ('text' in c) add(c.text);
    else out.push({ type: 'code', value: c.value, delim: c.delim });
    pos = c.end;
  }
  return out;
}

/** The cells of one table row, as parse_table splits them. */
function splitCells(row: string): string[] {
  const cells: string[] = [];
  const append = (str: string): void => {
    if (cells.length === 0) cells.push(str);
    else cells[cells.length - 1] += str;
  };
  const parts = row.split(/(<code[^\n]*?>[^\n]*?<\/code>)/);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  parts.forEach((str, i) => {
    if (i % 2 === 1) {
      append(str);
      return;
    }
    for (const c of codeSegments(str)) {
      if (c.type === 'text') {
        const [f, ...l] = c.value.split(/(?<!\\)\|/).map((t) => t.replace(/\\\|/g, '|'));
        append(f!);
        cells.push(...l);
      } else {
        const runs = c.value.match(/`+/g) ?? [];
        let max = '';
        for (const r of runs) if (r > max) max = r;
        const delim = max + '`';
        const sp = delim.length > 1 ? ' ' : '';
        append(`${delim}${sp}${c.value}${sp}${delim}`);
      }
    }
  });
  return cells;
}

/** The pipe check at the end of parse_table: the last line has a pipe outside code spans and HTML elements. */
function pipeOnLastLine(segs: Seg[]): boolean {
  const pipeCheck = re(`^${TABLE_PIPE_CHECK}`, '');
  const rubySplit = (v: string): string[] => {
    const l = v.split('\n');
    while (l.length > 0 && l[l.length - 1] === '') l.pop();
    return l;
  };
  let pipeOnLine = false;
  for (const c of segs) {
    const lines = rubySplit(c.value);
    if (c.type === 'code') {
      if (lines.length > 2 || (lines.length === 2 && !pipeOnLine)) break;
      else if (lines.length === 2 && pipeOnLine) pipeOnLine = false;
    } else {
      if (lines.length > 1 && !pipeOnLine && !pipeCheck.test(lines[0]!)) break;
      const lastLine = lines[lines.length - 1];
      pipeOnLine = (lines.length > 1 ? false : pipeOnLine) || (lastLine !== undefined && pipeCheck.test(lastLine));
    }
  }
  return pipeOnLine;
}
