import { deepMerge, defaultsFor } from './defaults';
import type { SiteDocument } from './document';
import { ownFrontMatter, type PostInfo } from './post';
import type { SiteModel } from './site';
import { isRecord } from './yamlValue';

/**
 * The Liquid in a document's body as Jekyll 4.3 (Liquid 4/5) sees it, and the
 * Markdown code blocks around it: one linear pass, no I/O. Shared by the
 * Liquid rules, completions and the preview.
 *
 * Liquid:
 * - Tokens are cut exactly as Liquid's tokenizer cuts them: `{%` up to the
 *   first `%}`; `{{` up to the first `}` (and one more `}` right after it);
 *   a `{%` or `{{` with no closer is a token of its own, unterminated — a
 *   syntax error that stops the build. Liquid runs before Markdown, so this
 *   holds inside code blocks too.
 * - `{% raw %}` takes everything up to the first token that Liquid's Raw tag
 *   reads as `endraw` (`{%`, blanks, `endraw`: so `{%- endraw %}` does not
 *   close it). `{% comment %}` nests, and takes a nested raw whole. Nothing
 *   inside either runs; tags inside a comment are still parsed (see
 *   `commented`).
 *
 * Markdown (kramdown with `input: GFM`, judged on the source as written, not
 * on Liquid's output — a line holding only `{% if %}` counts as text):
 * - A fence (``` or ~~~, 3+, up to 3 spaces in, one info word at most) is a
 *   code block only when a closing fence (the same run or longer) follows, as
 *   in kramdown-parser-gfm; without one it is text.
 * - Indented code: lines starting with a tab or 4 spaces that do not continue
 *   a paragraph (after a blank line, a heading, a rule, a fence or an HTML
 *   block). It goes on over blank lines followed by more indented lines and
 *   over non-blank lines right after it (kramdown's lazy lines).
 * - Lists: indented lines continue the list item; code inside an item needs 4
 *   more columns than the item's text, after a blank line. Items are tracked
 *   by the column their text starts at; a list marker right before a fence
 *   (`- ```js`) is not followed.
 * - Blockquotes: `>` markers are stripped; a quote goes on over the
 *   non-blank lines after it (lazy lines); a change of depth starts a new
 *   container.
 * - Block HTML (a line starting with a tag that is not a span element): its
 *   lines up to the matching close tag are raw HTML — neither fences nor
 *   indented code — unless `markdown="1"` (or `parse_block_html: true` for
 *   the elements kramdown then parses).
 * - The lines of a `{% highlight %}` block are its code, not Markdown; lines
 *   inside a `{% comment %}` do not exist for Markdown.
 *
 * Checked against Jekyll 4.3.1's own converter: every Liquid token of the
 * jekyll-docs, jekyll-test-source and mediumish corpora lands in or out of
 * `<pre>` as this says (test/unit/core/liquidScan.test.ts has the hard cases).
 */

/** A half-open span of text offsets. */
export interface Span {
  start: number;
  end: number;
}

/** One Liquid tag `{% … %}` or output `{{ … }}`. */
export interface LiquidToken extends Span {
  kind: 'tag' | 'output';
  /** The tag's name (`include`, `raw`, `#`); '' for an output, or for a tag Liquid cannot parse (a syntax error). */
  name: string;
  /**
   * A tag's markup after its name, or an output's expression — what Liquid
   * hands on: leading blanks after the name skipped, trailing blanks kept,
   * whitespace-control dashes removed.
   */
  args: string;
  /** Offset of `args` in the text. */
  argsStart: number;
  /** `{%-` / `{{-`: trims the whitespace before the token. */
  trimLeft: boolean;
  /** `-%}` / `-}}`: trims the whitespace after it. */
  trimRight: boolean;
  /** False when Liquid finds no `%}` / `}}` for it: a syntax error that stops the build. */
  terminated: boolean;
}

/** A `{% raw %}` or `{% comment %}` region: nothing inside it runs. */
export interface OpaqueRegion extends Span {
  kind: 'raw' | 'comment';
  open: LiquidToken;
  /** Undefined when it is never closed ("'raw' tag was never closed": the build fails); the region then runs to the end. */
  close: LiquidToken | undefined;
  /** Between the two tags. */
  content: Span;
}

interface CodeBase extends Span {
  /** The code itself (for a fence: the lines between the fences, line break of the last included). */
  content: Span;
}

/** A fenced code block; `start`/`end` cover both fence lines (without the final line break). */
export interface FencedCode extends CodeBase {
  kind: 'fence';
  openLine: Span;
  closeLine: Span;
  /** What precedes the fence on its line (indentation, `>` markers): the prefix of a line inserted next to it. */
  prefix: string;
  /** The info string's first word, when there is one. */
  lang: string | undefined;
}

/** An indented code block; `start`/`end` cover its first to its last non-blank line. */
export interface IndentedCode extends CodeBase {
  kind: 'indented';
  /** The container's prefix (`>` markers, a list item's indentation), without the code's own 4 columns. */
  prefix: string;
}

/** A `{% highlight %}…{% endhighlight %}` block; `start`/`end` cover both tags. */
export interface HighlightCode extends CodeBase {
  kind: 'highlight';
  open: LiquidToken;
  close: LiquidToken;
  lang: string | undefined;
}

export type CodeBlock = FencedCode | IndentedCode | HighlightCode;

export interface LiquidScan {
  /** Where the body (the part Liquid renders) starts. */
  bodyStart: number;
  /** Every tag and output Liquid runs, in order: the raw/comment tags themselves included, nothing inside them. */
  tokens: LiquidToken[];
  /** Tags and outputs inside `{% comment %}`: never run, but parsed (a `{% post_url %}` Liquid cannot parse still fails the build). */
  commented: LiquidToken[];
  /** `{% raw %}` and `{% comment %}` regions, in order, outermost only. */
  opaque: OpaqueRegion[];
  /** Code blocks, in order, outermost only (a highlight block inside a fence is part of the fence); found on first use. */
  readonly code: CodeBlock[];
}

export interface ScanOptions {
  /** Offset of the body (after the front matter); 0 by default. */
  bodyStart?: number;
  /** Look for Markdown code blocks (fences, indented code); false for `.html` and other non-Markdown files. */
  markdown?: boolean;
  /** kramdown's `parse_block_html` (Markdown inside `<div>` and the like). */
  parseBlockHtml?: boolean;
}

// Raw#parse: FullTokenPossiblyInvalid (Ruby's \s and \w are ASCII).
const RAW_END = /^([\s\S]*)\{%[ \t\n\v\f\r]*([A-Za-z0-9_]+)[ \t\n\v\f\r]*(?:[\s\S]*)?%\}$/;

/** Ruby's \s. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Ruby's \w (ASCII). */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Cuts the body into Liquid tokens, as Liquid's tokenizer does: indexOf and char codes, no regex or slice per token but the two kept strings. */
function tokenize(text: string, from: number): LiquidToken[] {
  const out: LiquidToken[] = [];
  let i = from;
  for (;;) {
    const start = text.indexOf('{', i);
    if (start < 0) break;
    const next = text.charCodeAt(start + 1);
    if (next === 37 /* % */) {
      const close = text.indexOf('%}', start + 2);
      out.push(close < 0 ? unterminated('tag', start) : tagToken(text, start, close + 2));
      i = close < 0 ? start + 2 : close + 2;
    } else if (next === 123 /* { */) {
      const close = text.indexOf('}', start + 2);
      if (close < 0) {
        out.push(unterminated('output', start));
        i = start + 2;
      } else if (text.charCodeAt(close + 1) === 125 /* } */) {
        out.push(outputToken(text, start, close + 2));
        i = close + 2;
      } else {
        // `{{ x }` is a token of its own, which Liquid then rejects.
        out.push({ ...unterminated('output', start), end: close + 1 });
        i = close + 1;
      }
    } else i = start + 1;
  }
  return out;
}

function unterminated(kind: LiquidToken['kind'], start: number): LiquidToken {
  return { kind, start, end: start + 2, name: '', args: '', argsStart: start + 2, trimLeft: false, trimRight: false, terminated: false };
}

/** Liquid's FullToken: `{%-? \s* (#|\w+) \s* markup -? %}`; an unparsable tag gets the name ''. */
function tagToken(text: string, start: number, end: number): LiquidToken {
  const trimLeft = text.charCodeAt(start + 2) === 45; /* - */
  const trimRight = end - start >= 5 && text.charCodeAt(end - 3) === 45;
  let i = start + 2 + (trimLeft ? 1 : 0);
  while (i < end - 2 && isSpace(text.charCodeAt(i))) i++;
  const nameStart = i;
  if (text.charCodeAt(i) === 35 /* # */) i++;
  else while (i < end - 2 && isWord(text.charCodeAt(i))) i++;
  const token: LiquidToken = { kind: 'tag', start, end, name: '', args: '', argsStart: nameStart, trimLeft, trimRight, terminated: true };
  if (i === nameStart) return token;
  token.name = text.slice(nameStart, i);
  while (i < end - 2 && isSpace(text.charCodeAt(i))) i++;
  const argsEnd = end - 2 > i && text.charCodeAt(end - 3) === 45 ? end - 3 : end - 2;
  token.argsStart = i;
  token.args = text.slice(i, Math.max(i, argsEnd));
  return token;
}

/** Liquid's ContentOfVariable: `{{-? expression -?}}`. */
function outputToken(text: string, start: number, end: number): LiquidToken {
  const argsStart = start + 2 + (text.charCodeAt(start + 2) === 45 ? 1 : 0);
  const argsEnd = end - 2 > argsStart && text.charCodeAt(end - 3) === 45 ? end - 3 : end - 2;
  // Whitespace control looks at the token's third and third-last characters, as Liquid's whitespace_handler does.
  const trimLeft = text.charCodeAt(start + 2) === 45;
  const trimRight = end - start >= 5 && text.charCodeAt(end - 3) === 45;
  return { kind: 'output', start, end, name: '', args: text.slice(argsStart, argsEnd), argsStart, trimLeft, trimRight, terminated: true };
}

/** Where a raw region opened at token `i` ends: the index of the closing token (or -1) and where the raw content stops. */
function rawEnd(text: string, all: readonly LiquidToken[], i: number): { close: number; contentEnd: number } {
  for (let j = i + 1; j < all.length; j++) {
    const t = all[j]!;
    if (!t.terminated) continue;
    const m = RAW_END.exec(text.slice(t.start, t.end));
    if (m && m[2] === 'endraw') return { close: j, contentEnd: t.start + m[1]!.length };
  }
  return { close: -1, contentEnd: text.length };
}

/** Sorts tokens into those Liquid runs, those in comments, and the raw/comment regions. */
function regions(text: string, all: readonly LiquidToken[]): Pick<LiquidScan, 'tokens' | 'commented' | 'opaque'> {
  const tokens: LiquidToken[] = [];
  const commented: LiquidToken[] = [];
  const opaque: OpaqueRegion[] = [];
  for (let i = 0; i < all.length; i++) {
    const t = all[i]!;
    if (t.kind === 'tag' && t.name === 'raw') {
      tokens.push(t);
      const { close, contentEnd } = rawEnd(text, all, i);
      const c = close >= 0 ? all[close]! : undefined;
      opaque.push({ kind: 'raw', start: t.start, end: c ? c.end : text.length, open: t, close: c, content: { start: t.end, end: contentEnd } });
      if (!c) break;
      tokens.push(c);
      i = close;
    } else if (t.kind === 'tag' && t.name === 'comment') {
      tokens.push(t);
      let depth = 1;
      let j = i + 1;
      let c: LiquidToken | undefined;
      for (; j < all.length; j++) {
        const u = all[j]!;
        if (u.kind === 'tag' && u.name === 'raw') {
          commented.push(u);
          const r = rawEnd(text, all, j);
          if (r.close < 0) {
            j = all.length;
            break;
          }
          j = r.close;
          continue;
        }
        if (u.kind === 'tag' && u.name === 'comment') depth++;
        else if (u.kind === 'tag' && u.name === 'endcomment' && --depth === 0) {
          c = u;
          break;
        }
        commented.push(u);
      }
      opaque.push({ kind: 'comment', start: t.start, end: c ? c.end : text.length, open: t, close: c, content: { start: t.end, end: c ? c.start : text.length } });
      if (!c) break;
      tokens.push(c);
      i = j;
    } else tokens.push(t);
  }
  return { tokens, commented, opaque };
}

/** `{% highlight %}` blocks among the running tags. Liquid blocks do not overlap, so the first endhighlight closes it. */
function highlights(tokens: readonly LiquidToken[]): HighlightCode[] {
  const out: HighlightCode[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'tag' || t.name !== 'highlight') continue;
    let j = i + 1;
    while (j < tokens.length && !(tokens[j]!.kind === 'tag' && tokens[j]!.name === 'endhighlight')) j++;
    // Never closed (a syntax error): no later highlight is closed either.
    if (j === tokens.length) break;
    const u = tokens[j]!;
    const lang = /^\s*([A-Za-z0-9.+#_-]+)/.exec(t.args)?.[1];
    out.push({ kind: 'highlight', start: t.start, end: u.end, content: { start: t.end, end: u.start }, open: t, close: u, lang });
    i = j;
  }
  return out;
}

// kramdown's span-level elements: a line starting with one of them is a paragraph, not block HTML.
const SPAN_ELEMENTS = new Set('a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var'.split(' '));
const VOID_ELEMENTS = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));
// Elements whose content kramdown parses as Markdown when `parse_block_html` is on (HTML_CONTENT_MODEL_BLOCK).
const BLOCK_MODEL = new Set('address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup iframe li main map menu nav noscript object section summary td'.split(' '));
const HTML_START = /^ {0,3}<([A-Za-z][A-Za-z0-9_:.-]*)(?=[\s/>]|$)([^>]*)(>?)/;
const LIST_MARKER = /^( {0,3})([*+-]|\d+\.|:)([ \t]+|$)/;
const RULE = /^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$/;
const ATX = /^#{1,6}[ \t]/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^( *)([~`]{3,})[ \t]*(\S+)?[ \t]*$/;
const IAL = /^ {0,3}\{:(?!:)[^}]*\}[ \t]*$/;
const EXTENSION = /^ {0,3}\{::(comment|nomarkdown|options)\b[^}]*?(\/)?\}/;
const LAZY_HTML = /^ {0,3}<\/?(?!(?:a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|tt|u|var)\b)[A-Za-z]/;
const LAZY_CODE = /^(?! {0,3}(<|\{:|\^))[ \t]*\S/;
const LAZY_STOP = /^ {0,3}(<|\{:|\^)/;

/**
 * The body's lines, as parallel arrays (no object per line: a 1 MB post has
 * tens of thousands of lines).
 */
interface Lines {
  count: number;
  start: Int32Array;
  /** End of the line's text (before "\r\n" / "\n"). */
  end: Int32Array;
  /** Depth of `>` markers (lazy lines take the depth of the quote they continue). */
  depth: Int32Array;
  /** Offset where the content after the `>` markers starts. */
  contentStart: Int32Array;
  /** Columns of indentation of the content (tabs to multiples of 4). */
  indent: Int32Array;
  /** Char code of the content's first non-blank character; -1 for a blank line. */
  first: Int32Array;
  /** 1: inside a comment (gone for Markdown); 2: in a highlight block (HTML for Markdown). */
  mask: Uint8Array;
}

const HIDDEN = 1;
const OPAQUE = 2;

const content = (text: string, l: Lines, i: number): string => text.slice(l.contentStart[i], l.end[i]);

function splitLines(text: string, from: number, hidden: readonly Span[], opaque: readonly Span[]): Lines {
  let count = 1;
  for (let nl = text.indexOf('\n', from); nl >= 0; nl = text.indexOf('\n', nl + 1)) count++;
  const l: Lines = {
    count,
    start: new Int32Array(count),
    end: new Int32Array(count),
    depth: new Int32Array(count),
    contentStart: new Int32Array(count),
    indent: new Int32Array(count),
    first: new Int32Array(count),
    mask: new Uint8Array(count),
  };
  let h = 0;
  let o = 0;
  let start = from;
  for (let i = 0; i < count; i++) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    // `>` markers: up to 3 spaces, '>', an optional space — repeated.
    let contentStart = start;
    let depth = 0;
    for (;;) {
      let k = contentStart;
      while (k < contentStart + 3 && text.charCodeAt(k) === 32) k++;
      if (k >= end || text.charCodeAt(k) !== 62 /* > */) break;
      depth++;
      contentStart = text.charCodeAt(k + 1) === 32 ? k + 2 : k + 1;
    }
    let indent = 0;
    let k = contentStart;
    for (; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 32) indent++;
      else if (c === 9) indent += 4 - (indent % 4);
      else break;
    }
    while (k < end && isSpace(text.charCodeAt(k))) k++;
    const first = k < end ? text.charCodeAt(k) : -1;
    while (h < hidden.length && hidden[h]!.end <= start) h++;
    while (o < opaque.length && opaque[o]!.end <= start) o++;
    const mask = h < hidden.length && hidden[h]!.start < start ? HIDDEN : o < opaque.length && opaque[o]!.start < Math.max(end, start + 1) ? OPAQUE : 0;
    // A blockquote goes on over the non-blank lines after it (kramdown's lazy lines), up to a blank line or a block HTML tag.
    if (i > 0 && first >= 0 && l.first[i - 1]! >= 0 && l.depth[i - 1]! > depth && mask === 0 && !(first === 60 && LAZY_HTML.test(text.slice(contentStart, end)))) depth = l.depth[i - 1]!;
    l.start[i] = start;
    l.end[i] = end;
    l.depth[i] = depth;
    l.contentStart[i] = contentStart;
    l.indent[i] = indent;
    l.first[i] = first;
    l.mask[i] = mask;
    start = nl + 1;
  }
  return l;
}

/** kramdown's INDENT (a tab or four spaces), after `skip` columns of container indentation. */
function indented(text: string, l: Lines, i: number, skip: number): boolean {
  if (skip === 0) return text.charCodeAt(l.contentStart[i]!) === 9 || text.startsWith('    ', l.contentStart[i]);
  return l.indent[i]! >= skip + 4;
}

/** Offset after `cols` columns of a line's indentation. */
function columnOffset(text: string, l: Lines, i: number, cols: number): number {
  let col = 0;
  let k = l.contentStart[i]!;
  while (k < l.end[i]! && col < cols) {
    const c = text.charCodeAt(k);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
    k++;
  }
  return k;
}

/** Lines that stop kramdown's lazy continuation of code: HTML tags, `{:` attribute lists, `^` end-of-block markers. */
function stopsLazy(text: string, l: Lines, i: number): boolean {
  const f = l.first[i];
  return (f === 60 || f === 123 || f === 94) && l.indent[i]! <= 3 && LAZY_STOP.test(content(text, l, i));
}

interface ListItem {
  /** Column where the item's text starts. */
  contentIndent: number;
}

// First characters that may start the block constructs below; other lines are paragraph text.
const FENCE_CHARS = new Set([96, 126]); // ` ~
const LIST_CHARS = new Set([42, 43, 45, 58, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57]); // * + - : 0-9

/** Fences and indented code blocks of a Markdown body. */
function markdownCode(text: string, lines: Lines, parseBlockHtml: boolean): Array<FencedCode | IndentedCode> {
  const out: Array<FencedCode | IndentedCode> = [];
  // The previous line is paragraph text (which an indented line would continue).
  let paragraph = false;
  let prevBlank = true;
  let depth = 0;
  let list: ListItem[] = [];
  // An open indented code block: its first and last non-blank line, and the container's columns.
  let code: { first: number; last: number; skip: number } | undefined;
  const noCloser = new Map<string, { line: number; len: number }>();
  let commentsClose = true;

  const flushCode = (): void => {
    if (!code) return;
    const start = lines.start[code.first]!;
    const end = lines.end[code.last]!;
    const prefix = text.slice(start, columnOffset(text, lines, code.first, code.skip));
    out.push({ kind: 'indented', start, end, content: { start, end }, prefix });
    code = undefined;
  };

  for (let i = 0; i < lines.count; i++) {
    const mask = lines.mask[i];
    if (mask === HIDDEN) continue;
    if (mask === OPAQUE) {
      flushCode();
      paragraph = false;
      prevBlank = false;
      continue;
    }
    const blank = lines.first[i]! < 0;
    const lineDepth = lines.depth[i]!;
    // Any non-blank line right after code continues it (kramdown's lazy lines), `>` markers and all.
    if (code && !prevBlank && lineDepth !== depth && LAZY_CODE.test(text.slice(lines.start[i], lines.end[i]))) {
      code.last = i;
      continue;
    }
    if (lineDepth !== depth) {
      flushCode();
      list = [];
      depth = lineDepth;
    }
    if (code) {
      if (blank) {
        prevBlank = true;
        continue;
      }
      if (indented(text, lines, i, code.skip) || (!prevBlank && !stopsLazy(text, lines, i))) {
        code.last = i;
        prevBlank = false;
        continue;
      }
      flushCode();
    }
    if (blank) {
      prevBlank = true;
      paragraph = false;
      continue;
    }
    const wasBlank = prevBlank;
    prevBlank = false;
    const ind = lines.indent[i]!;
    const c0 = lines.first[i]!;
    // After a blank line, a line left of an item's text ends that item.
    if (wasBlank) while (list.length > 0 && list[list.length - 1]!.contentIndent > ind) list.pop();
    const base = list.length > 0 ? list[list.length - 1]!.contentIndent : 0;

    if (!paragraph && indented(text, lines, i, base) && (base === 0 || wasBlank)) {
      code = { first: i, last: i, skip: base };
      continue;
    }

    const f = FENCE_CHARS.has(c0) && ind <= base + 3 ? FENCE.exec(content(text, lines, i)) : null;
    if (f) {
      const closer = findCloser(text, lines, i, f[2]!, base + 3, noCloser);
      if (closer >= 0) {
        const codeStart = nextLineStart(text, lines.end[i]!);
        out.push({
          kind: 'fence',
          start: lines.start[i]!,
          end: lines.end[closer]!,
          openLine: { start: lines.start[i]!, end: lines.end[i]! },
          closeLine: { start: lines.start[closer]!, end: lines.end[closer]! },
          content: { start: codeStart, end: Math.max(codeStart, lines.start[closer]!) },
          prefix: text.slice(lines.start[i], lines.contentStart[i]! + f[1]!.length),
          lang: f[3]?.replace(/\?.*$/, '') || undefined,
        });
        i = closer;
        paragraph = false;
        continue;
      }
    }

    if (c0 === 60 /* < */ && ind <= 3) {
      const c = content(text, lines, i);
      const html = HTML_START.exec(c);
      if (html && !SPAN_ELEMENTS.has(html[1]!.toLowerCase())) {
        const name = html[1]!.toLowerCase();
        const attrs = html[2]!;
        const markdown = /\bmarkdown\s*=\s*["']?(1|block|span)\b/i.test(attrs) || (parseBlockHtml && BLOCK_MODEL.has(name));
        if (!markdown && !VOID_ELEMENTS.has(name) && !/\/\s*$/.test(attrs)) i = htmlEnd(text, lines, i, name);
        paragraph = false;
        continue;
      }
      if (c.trimStart().startsWith('<!--') && commentsClose) {
        const close = text.indexOf('-->', lines.contentStart[i]! + c.indexOf('<!--') + 4);
        // No `-->` after this one means none after a later one either.
        if (close < 0) commentsClose = false;
        else {
          while (i + 1 < lines.count && lines.start[i + 1]! <= close) i++;
          paragraph = false;
          continue;
        }
      }
    }

    if (c0 === 123 /* { */) {
      const c = content(text, lines, i);
      const ext = EXTENSION.exec(c);
      if (ext && !ext[2]) {
        // {::comment} … {:/comment}: kramdown drops (or passes through) what is inside.
        const stop = new RegExp(`\\{:/(?:${ext[1]!})?\\}`);
        let j = i;
        while (j < lines.count && !stop.test(j === i ? c.slice(ext[0].length) : content(text, lines, j))) j++;
        i = Math.min(j, lines.count - 1);
        paragraph = false;
        continue;
      }
      if (IAL.test(c)) {
        paragraph = false;
        continue;
      }
    }
    if (c0 === 35 /* # */ || c0 === 45 || c0 === 42 || c0 === 95 || c0 === 61) {
      const c = content(text, lines, i);
      if (ATX.test(c) || RULE.test(c) || (paragraph && SETEXT.test(c))) {
        paragraph = false;
        continue;
      }
    }
    if (LIST_CHARS.has(c0)) {
      const marker = LIST_MARKER.exec(content(text, lines, i));
      if (marker) {
        const afterMarker = indentOf(marker[1]!) + marker[2]!.length;
        const gap = indentOf(' '.repeat(afterMarker) + marker[3]!) - afterMarker;
        while (list.length > 0 && list[list.length - 1]!.contentIndent > ind) list.pop();
        list.push({ contentIndent: afterMarker + (gap === 0 || gap > 4 ? 1 : gap) });
      }
    }
    paragraph = true;
  }
  flushCode();
  return out;
}

function indentOf(s: string): number {
  let col = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
  }
  return col;
}

function nextLineStart(text: string, lineEnd: number): number {
  const nl = text.indexOf('\n', lineEnd);
  return nl < 0 ? text.length : nl + 1;
}

/** The closing fence for the fence opened at line `i` (-1 when there is none: then it is not a code block). */
function findCloser(text: string, lines: Lines, i: number, fence: string, maxIndent: number, noCloser: Map<string, { line: number; len: number }>): number {
  // No closer after line k for a run of n or more means none for a later, longer run either (for a mixed run: the same run).
  const pure = isRun(fence, 1, fence[0]!);
  const key = pure ? fence[0]! : fence;
  const known = noCloser.get(key);
  if (known && known.line <= i && known.len <= fence.length) return -1;
  const depth = lines.depth[i]!;
  const last = fence[fence.length - 1]!;
  const c0 = fence.charCodeAt(0);
  for (let j = i + 1; j < lines.count; j++) {
    if (lines.mask[j] === HIDDEN) continue;
    const d = lines.depth[j];
    // A blank line ends a blockquote.
    if (depth > 0 && d === 0 && lines.first[j]! < 0) break;
    if (d !== depth || lines.first[j] !== c0 || lines.indent[j]! > maxIndent) continue;
    const c = content(text, lines, j);
    const k = c.length - c.trimStart().length;
    if (c.startsWith(fence, k) && isRun(c.trimEnd(), k + fence.length, last)) return j;
  }
  noCloser.set(key, { line: i, len: fence.length });
  return -1;
}

function isRun(s: string, from: number, ch: string): boolean {
  for (let k = from; k < s.length; k++) if (s[k] !== ch) return false;
  return true;
}

/** The last line of a raw HTML block opened at line `i` by `<name`: where its close tag balances the opens (or the end: kramdown auto-closes there). */
function htmlEnd(text: string, lines: Lines, i: number, name: string): number {
  const esc = name.replace(/[.]/g, '\\.');
  const re = new RegExp(`<(/?)${esc}(?=[\\s/>]|$)([^>]*)>?`, 'gi');
  let depth = 0;
  for (let j = i; j < lines.count; j++) {
    const c = content(text, lines, j);
    re.lastIndex = 0;
    for (let m = re.exec(c); m; m = re.exec(c)) {
      if (m[1] === '/') depth--;
      else if (!/\/\s*$/.test(m[2]!)) depth++;
      if (depth === 0) return j;
    }
  }
  return lines.count - 1;
}

/** Scans a document's text: Liquid tokens, raw/comment regions and code blocks of the body. */
export function scanLiquid(text: string, options: ScanOptions = {}): LiquidScan {
  const bodyStart = options.bodyStart ?? 0;
  const all = tokenize(text, bodyStart);
  const { tokens, commented, opaque } = regions(text, all);
  // Code blocks are found on first use: most documents have no Liquid, and then no rule asks.
  let code: CodeBlock[] | undefined;
  const findCode = (): CodeBlock[] => {
    const found: CodeBlock[] = highlights(tokens);
    if (options.markdown !== false) {
      const comments = opaque.filter((r) => r.kind === 'comment');
      const lines = splitLines(text, bodyStart, comments, found);
      found.push(...markdownCode(text, lines, options.parseBlockHtml === true));
      found.sort((a, b) => a.start - b.start);
    }
    const outer: CodeBlock[] = [];
    for (const c of found) if (outer.length === 0 || c.start >= outer[outer.length - 1]!.end) outer.push(c);
    return outer;
  };
  return {
    bodyStart,
    tokens,
    commented,
    opaque,
    get code(): CodeBlock[] {
      return (code ??= findCode());
    },
  };
}

function bySpan<T extends Span>(items: readonly T[], offset: number, inclusiveEnd: boolean): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const it = items[mid]!;
    if (offset < it.start) hi = mid - 1;
    else if (offset > it.end || (offset === it.end && !inclusiveEnd)) lo = mid + 1;
    else return it;
  }
  return undefined;
}

/** The token at `offset` (its end included, so a cursor right after `%}` or in an unterminated `{%` finds it). */
export function tokenAt(scan: LiquidScan, offset: number): LiquidToken | undefined {
  return bySpan(scan.tokens, offset, true);
}

/** The raw or comment region holding `offset` (strictly inside its content), if any. */
export function opaqueAt(scan: LiquidScan, offset: number): OpaqueRegion | undefined {
  const r = bySpan(scan.opaque, offset, false);
  return r && offset >= r.content.start && offset <= r.content.end ? r : undefined;
}

/** The code block holding `offset`, if any. */
export function codeAt(scan: LiquidScan, offset: number): CodeBlock | undefined {
  return bySpan(scan.code, offset, false);
}

/** The running tokens that start within `span`, in order. */
export function tokensIn(scan: LiquidScan, span: Span): LiquidToken[] {
  const ts = scan.tokens;
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid]!.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: LiquidToken[] = [];
  for (let i = lo; i < ts.length && ts[i]!.start < span.end; i++) out.push(ts[i]!);
  return out;
}

/** A tag's argument as Ruby's `strip` leaves it, with its offsets. */
export function trimmedArgs(token: LiquidToken): Span & { text: string } {
  const lead = /^[\s\0]*/.exec(token.args)![0].length;
  const text = token.args.slice(lead).replace(/[\s\0]+$/, '');
  const start = token.argsStart + lead;
  return { text, start, end: start + text.length };
}

const docCache = new WeakMap<SiteDocument, LiquidScan | null>();

/**
 * The Liquid Jekyll runs on a document (cached per parsed document), or
 * undefined when it runs none: a skipped file, or `render_with_liquid: false`
 * in the effective front matter (the boolean; the string "false" renders).
 */
export function documentLiquid(doc: SiteDocument, site: SiteModel, post: PostInfo | undefined): LiquidScan | undefined {
  const cached = docCache.get(doc);
  if (cached !== undefined) return cached ?? undefined;
  let scan: LiquidScan | null = null;
  if (!doc.skipped && effectiveData(doc, site, post).render_with_liquid !== false) {
    const ext = /\.([^./]+)$/.exec(doc.relativePath)?.[1]?.toLowerCase() ?? '';
    const kramdown = site.config.raw.kramdown;
    scan = scanLiquid(doc.text, {
      bodyStart: doc.frontMatter?.split.bodyStart ?? 0,
      markdown: site.config.markdownExt.includes(ext),
      parseBlockHtml: isRecord(kramdown) && kramdown.parse_block_html === true,
    });
  }
  docCache.set(doc, scan);
  return scan ?? undefined;
}

/** Front matter after `defaults:` (for posts and drafts, what Jekyll read). */
function effectiveData(doc: SiteDocument, site: SiteModel, post: PostInfo | undefined): Record<string, unknown> {
  if (post) return post.data;
  const fm = doc.frontMatter;
  const own = (fm && ownFrontMatter(fm)) ?? {};
  const cd = site.config.collectionsDir;
  const rel = cd && doc.relativePath.startsWith(cd + '/') ? doc.relativePath.slice(cd.length + 1) : doc.relativePath;
  const type = doc.kind === 'collection' ? (rel.split('/')[0] ?? '').slice(1) : doc.kind === 'page' ? 'pages' : 'posts';
  return deepMerge(defaultsFor(site, rel, type), own);
}
