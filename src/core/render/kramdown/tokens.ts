/**
 * kramdown's element tree (block.ts) as markdown-it tokens, and the passes
 * kramdown runs after span parsing: header ids (generate_gfm_header_id),
 * abbreviations, GFM hard line breaks. Block tokens carry their 0-based
 * line in the post in `map[0]`, rendered as `data-line` (scroll sync).
 */
import type { StateCore, Token } from 'markdown-it';
import { updateAttrWithIal } from './block';
import type { El, Ial } from './element';
import { HTML_BLOCK_ELEMENTS, HTML_ELEMENTS_WITHOUT_BODY, WORD_U, escapeAttr, escapeText } from './syntax';

type TokenCtor = StateCore['Token'];

/**
 * A markdown-it Token without its constructor's per-field helper calls
 * (markdown-it 15's build defines each class field through a helper, which
 * dominates on documents with tens of thousands of tokens). Same fields, same order.
 */
export function newToken(Tok: TokenCtor, type: string, tag: string, nesting: -1 | 0 | 1): Token {
  const t = Object.create(Tok.prototype) as Token;
  t.map = null;
  t.level = 0;
  t.children = null;
  t.content = '';
  t.markup = '';
  t.info = '';
  t.block = false;
  t.hidden = false;
  t.type = type;
  t.tag = tag;
  t.attrs = null;
  t.nesting = nesting;
  t.meta = null;
  return t;
}

/** kramdown's html_attributes (ids that are blank are dropped). */
export function htmlAttributes(attrs: Iterable<readonly [string, string | number]>): string {
  let out = '';
  for (const [k, val] of attrs) {
    const v = String(val);
    if (k === 'id' && v.trim() === '') continue;
    out += ` ${k}="${escapeAttr(v)}"`;
  }
  return out;
}

/** The raw text an element holds (its raw_text children). */
function textOf(e: El): string {
  return e.children.length === 1 ? e.children[0]!.value : e.children.map((c) => c.value).join('');
}

export interface BuildOptions {
  /** The line of the post a line of the parsed text is (written as data-line). */
  line: (line: number) => number;
  headerOffset: number;
  alds: Map<string, Ial>;
  /** Indentation (spaces) of the outermost blocks: kramdown indents footnote bodies by 6. */
  baseIndent?: number;
}

/** Builds the token stream of one element tree. */
export class TokenBuilder {
  out: Token[] = [];
  private level = 0;
  private html = '';
  /** Depth of block-level HTML elements (GFM's update_elements does not enter them). */
  private inHtml = 0;

  constructor(
    private readonly Tok: TokenCtor,
    private readonly o: BuildOptions,
  ) {}

  /** kramdown's indentation of a block at the current depth. */
  private indent(): string {
    return ' '.repeat((this.o.baseIndent ?? 0) + 2 * this.level);
  }

  private flushHtml(): void {
    if (this.html === '') return;
    const t = newToken(this.Tok, 'html_block', '', 0);
    t.content = this.html;
    t.block = true;
    t.level = this.level;
    this.out.push(t);
    this.html = '';
  }

  private push(type: string, tag: string, nesting: 1 | 0 | -1, line: number | undefined, attrs?: Array<[string, string]>): Token {
    this.flushHtml();
    const t = newToken(this.Tok, type, tag, nesting);
    t.block = true;
    if (nesting < 0) this.level--;
    t.level = this.level;
    if (nesting > 0) this.level++;
    if (line !== undefined) {
      // Absolute line in the post: rendered as data-line.
      const l = this.o.line(line);
      t.map = [l, l + 1];
    }
    if (attrs && attrs.length) t.attrs = attrs;
    this.out.push(t);
    return t;
  }

  private inline(content: string, line: number): Token {
    const t = this.push('inline', '', 0, undefined);
    t.content = content;
    t.children = [];
    const l = this.o.line(line);
    t.map = [l, l + 1];
    t.meta = { inHtml: this.inHtml > 0 };
    return t;
  }

  /** The element's attributes with its IAL applied (update_tree). */
  private attrs(e: El): Array<[string, string]> {
    const ial = e.readOptions.ial;
    if (!ial) {
      for (const _k in e.readAttr) return Object.entries(e.readAttr);
      return [];
    }
    const a: Record<string, string> = { ...e.readAttr };
    updateAttrWithIal(a, ial, this.o.alds);
    return Object.entries(a);
  }

  /**
   * The tokens of `children`. With `take`: after each top-level block that
   * leaves no HTML pending, the tokens so far are offered to `take`, and
   * dropped from the result when it takes them (true).
   */
  build(children: El[], take?: (tokens: Token[]) => boolean): Token[] {
    this.blocks(
      children,
      false,
      take &&
        (() => {
          if (this.html === '' && take(this.out)) this.out = [];
        }),
    );
    this.flushHtml();
    return this.out;
  }

  /** Whether the element being converted is the last of its parent (for GFM's trailing <br /> rule). */
  private isLast = true;

  private blocks(children: El[], parentRaw: boolean, afterEach?: () => void): void {
    // update_tree merges a blank into the previous one when only eobs are between them.
    let lastBlank = false;
    // Index of the last child that is not an eob (for isLast).
    let lastReal = children.length - 1;
    while (lastReal >= 0 && children[lastReal]!.type === 'eob') lastReal--;
    children.forEach((c, i) => {
      if (c.type === 'blank') {
        if (lastBlank) return;
        lastBlank = true;
      } else if (c.type !== 'eob') {
        lastBlank = false;
      }
      this.isLast = i >= lastReal;
      this.block(c, parentRaw);
      afterEach?.();
    });
  }

  private block(e: El, parentRaw: boolean): void {
    switch (e.type) {
      case 'blank':
        if (!parentRaw) this.html += '\n';
        return;
      case 'eob':
      case 'footnote_def':
        return;
      case 'p': {
        const transparent = e.readOptions.transparent === true;
        const open = this.push('paragraph_open', 'p', 1, e.line, this.attrs(e));
        open.hidden = transparent;
        this.inline(textOf(e), e.line);
        this.push('paragraph_close', 'p', -1, undefined).hidden = transparent;
        return;
      }
      case 'header': {
        const level = Math.max(1, Math.min(6, (e.readOptions.level ?? 1) + this.o.headerOffset));
        const open = this.push('heading_open', `h${level}`, 1, e.line, this.attrs(e));
        open.meta = { level: e.readOptions.level, rawText: e.readOptions.rawText ?? '', gfmId: this.inHtml === 0 };
        this.inline(textOf(e), e.line);
        this.push('heading_close', `h${level}`, -1, undefined);
        return;
      }
      case 'blockquote':
        this.push('blockquote_open', 'blockquote', 1, e.line, this.attrs(e));
        this.blocks(e.children, false);
        this.push('blockquote_close', 'blockquote', -1, undefined);
        return;
      case 'codeblock': {
        const t = this.push('code_block', 'code', 0, e.line, this.attrs(e));
        t.content = e.value;
        t.info = e.readOptions.lang ?? '';
        return;
      }
      case 'hr':
        this.push('hr', 'hr', 0, e.line, this.attrs(e));
        return;
      case 'ul':
      case 'ol': {
        const refs = e.readOptions.ial?.refs ?? [];
        if (refs.includes('toc')) {
          const t = this.push('kd_toc', e.type, 0, e.line, this.attrs(e));
          t.meta = { list: this.sub(e) };
          return;
        }
        if (refs.includes('footnotes')) {
          const t = this.push('kd_footnotes_here', '', 0, e.line);
          t.meta = { list: this.sub(e) };
          return;
        }
        const type = e.type === 'ul' ? 'bullet_list' : 'ordered_list';
        this.push(`${type}_open`, e.type, 1, e.line, this.attrs(e));
        for (const c of e.children) this.block(c, false);
        this.push(`${type}_close`, e.type, -1, undefined);
        return;
      }
      case 'li':
      case 'dd': {
        const type = e.type === 'li' ? 'list_item' : 'dd';
        const open = this.push(`${type}_open`, e.type, 1, e.line, this.attrs(e));
        const kids = e.children.filter((c) => c.type !== 'eob');
        const first = kids[0];
        open.meta = { compact: kids.length === 0 || (first?.type === 'p' && first.readOptions.transparent === true) };
        this.blocks(e.children, false);
        this.push(`${type}_close`, e.type, -1, undefined);
        return;
      }
      case 'dl':
        this.push('dl_open', 'dl', 1, e.line, this.attrs(e));
        for (const c of e.children) this.block(c, false);
        this.push('dl_close', 'dl', -1, undefined);
        return;
      case 'dt':
        this.push('dt_open', 'dt', 1, e.line, this.attrs(e));
        this.inline(e.children.map((c) => c.value).join(''), e.line);
        this.push('dt_close', 'dt', -1, undefined);
        return;
      case 'table': {
        this.push('table_open', 'table', 1, e.line, this.attrs(e));
        const align = e.readOptions.alignment ?? [];
        for (const part of e.children) {
          this.push(`${part.type}_open`, part.type, 1, part.children[0]?.line ?? e.line, this.attrs(part));
          for (const row of part.children) {
            this.push('tr_open', 'tr', 1, row.line, this.attrs(row));
            row.children.forEach((cell, i) => {
              const cellType = part.type === 'thead' ? 'th' : 'td';
              const a = this.attrs(cell);
              const al = align[i] ?? 'default';
              if (al !== 'default') {
                const style = a.findIndex(([k]) => k === 'style');
                if (style >= 0) a[style] = ['style', `${a[style]![1]}; text-align: ${al}`];
                else a.push(['style', `text-align: ${al}`]);
              }
              const open = this.push(`${cellType}_open`, cellType, 1, cell.line, a);
              const content = cell.children.map((c) => c.value).join('');
              open.meta = { empty: content === '' };
              this.inline(content, cell.line);
              this.push(`${cellType}_close`, cellType, -1, undefined);
            });
            this.push('tr_close', 'tr', -1, undefined);
          }
          this.push(`${part.type}_close`, part.type, -1, undefined);
        }
        this.push('table_close', 'table', -1, undefined);
        return;
      }
      case 'math': {
        const t = this.push('math_block', 'div', 0, e.line, this.attrs(e));
        t.content = e.value;
        return;
      }
      case 'html_element':
        this.htmlElement(e, parentRaw);
        return;
      case 'xml_comment':
      case 'xml_pi':
        this.html += parentRaw ? e.value : `${this.indent()}${e.value}\n`;
        return;
      case 'comment':
        this.html += `${this.indent()}<!-- ${e.value} -->\n`;
        return;
      case 'raw': {
        const types = e.readOptions.rawType ?? [];
        if (types.length === 0 || types.some((t) => t.includes('html'))) this.html += e.value + (e.readOptions.category === 'block' || parentRaw ? (parentRaw ? '' : '\n') : '');
        return;
      }
      case 'text':
        this.html += escapeText(e.value);
        return;
      case 'raw_text': {
        const t = this.inline(e.value, e.line);
        (t.meta as { lastInParent?: boolean }).lastInParent = this.isLast;
        return;
      }
      default:
        this.blocks(e.children, parentRaw);
    }
  }

  /** Tokens of a placeholder list (rendered as a normal list when it is not the first {:toc}); in meta.list. */
  private sub(e: El): Token[] {
    const b = new TokenBuilder(this.Tok, this.o);
    const type = e.type === 'ul' ? 'bullet_list' : 'ordered_list';
    b.push(`${type}_open`, e.type, 1, e.line, b.attrs(e));
    for (const c of e.children) b.block(c, false);
    b.push(`${type}_close`, e.type, -1, undefined);
    b.flushHtml();
    return b.out;
  }

  private htmlElement(e: El, parentRaw: boolean): void {
    const model = e.readOptions.contentModel ?? 'raw';
    const attrs = this.attrs(e);
    const dataLine = !parentRaw || HTML_BLOCK_ELEMENTS.has(e.value) ? ` data-line="${this.o.line(e.line)}"` : '';
    const start = `${parentRaw ? '' : this.indent()}<${e.value}${dataLine}${htmlAttributes(attrs)}`;
    const nl = parentRaw ? '' : '\n';
    const kids = e.children.filter((c) => c.type !== 'eob');
    if (e.readOptions.isClosed && model === 'raw') {
      this.html += `${start} />${nl}`;
    } else if (kids.length > 0 && model !== 'block') {
      this.html += `${start}>`;
      if (model === 'span') {
        this.inHtml++;
        for (const c of kids) {
          if (c.type === 'raw_text') this.inline(c.value, c.line);
          else this.block(c, true);
        }
        this.inHtml--;
      } else {
        for (const c of kids) this.block(c, true);
      }
      this.html += `</${e.value}>${nl}`;
    } else if (kids.length > 0) {
      this.html += `${start}>\n`;
      const ind = this.indent();
      this.inHtml++;
      this.level++;
      this.blocks(kids, false);
      if (!this.html.endsWith('\n') && this.html !== '') this.html += '\n';
      this.level--;
      this.inHtml--;
      this.html += `${ind}</${e.value}>${nl}`;
    } else if (HTML_ELEMENTS_WITHOUT_BODY.has(e.value)) {
      this.html += `${start} />${nl}`;
    } else {
      this.html += `${start}></${e.value}>${nl}`;
    }
  }
}

// ---------------------------------------------------------------------------
// After span parsing

/** kramdown-parser-gfm's update_raw_text over an inline token's children. */
export function rawText(children: Token[]): string {
  let s = '';
  for (const t of children) {
    if (t.type === 'text' || t.type === 'code_inline' || t.type === 'math_inline' || t.type === 'kd_entity') s += t.content;
  }
  return s;
}

const NON_WORD = new RegExp(`(?!${WORD_U}|[\\- \\t])[\\s\\S]`, 'gu');

/** generate_gfm_header_id (without the counter). */
export function gfmHeaderId(text: string): string {
  return text.toLowerCase().replace(NON_WORD, '').replace(/[ \t]/g, '-');
}

/** kramdown's basic_generate_id. */
export function basicGenerateId(str: string): string {
  return str
    .replace(/^[^a-zA-Z]+/, '')
    .replace(/[^a-zA-Z0-9 -]/g, '')
    .replace(/ /g, '-')
    .toLowerCase();
}

/** GFM ids for headers that have none (update_elements), in document order (lists kept aside by placeholders included). */
export function assignGfmIds(tokens: Token[], prefix: string, counter = new Map<string, number>()): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const list = (t.meta as { list?: Token[] } | null)?.list;
    if (list) assignGfmIds(list, prefix, counter);
    if (t.type !== 'heading_open' || !(t.meta as { gfmId?: boolean } | null)?.gfmId) continue;
    if (t.attrGet('id') !== null) continue;
    const inline = tokens[i + 1]!;
    const id = gfmHeaderId(rawText(inline.children ?? []));
    const n = (counter.get(id) ?? -1) + 1;
    counter.set(id, n);
    t.attrSet('id', prefix + (n > 0 ? `${id}-${n}` : id));
  }
}

/** GFM: text with a hard line break (backslash-newline, or any newline with hard_wrap) becomes text + <br />. */
export function gfmLineBreaks(tokens: Token[], hardWrap: boolean, Tok: TokenCtor): void {
  const sep = hardWrap ? '\n' : '\\\n';
  for (const block of tokens) {
    if (block.type !== 'inline' || !block.children || (block.meta as { inHtml?: boolean } | null)?.inHtml) continue;
    // A text token's newline is the source's, and a backslash before it is too, or comes from
    // an escaped backslash (`\\`), which leaves one before the newline in the source as well.
    if (!block.content.includes(sep)) continue;
    const kids = block.children;
    if (!kids.some((k) => k.type === 'text' && k.content.includes(sep))) continue;
    const out: Token[] = [];
    let depth = 0;
    kids.forEach((k, idx) => {
      if (k.type === 'kd_html_open') depth++;
      if (k.type === 'kd_html_close') depth--;
      if (k.type !== 'text' || depth > 0 || !k.content.includes(sep)) {
        out.push(k);
        return;
      }
      const lines = k.content.split(sep);
      const omitTrailing = lines[lines.length - 1] === '' && idx === kids.length - 1 && (block.meta as { lastInParent?: boolean }).lastInParent !== false;
      lines.forEach((line, i) => {
        const t = newToken(Tok, 'text', '', 0);
        t.content = i > 0 ? '\n' + line : line;
        t.level = k.level;
        out.push(t);
        if (i < lines.length - 2 || (i === lines.length - 2 && !omitTrailing)) {
          const br = newToken(Tok, 'hardbreak', 'br', 0);
          br.level = k.level;
          out.push(br);
        }
      });
    });
    block.children = out;
  }
}

/** replace_abbreviations over text tokens (not inside raw HTML span elements). */
export function replaceAbbreviations(tokens: Token[], defs: Map<string, string>, attrsOf: (abbr: string) => Array<[string, string]>, Tok: TokenCtor): void {
  if (defs.size === 0) return;
  const sorted = [...defs.keys()].sort((a, b) => b.length - a.length);
  const alt = sorted.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  const first = new RegExp(`(?:${alt})`);
  const scan = new RegExp(`(?:\\W|^)(?:${alt})(?!\\w)`, 'gm');
  for (const block of tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const out: Token[] = [];
    // Only the immediate parent's content model counts (kramdown: el.options[:content_model] != :raw).
    const rawStack: boolean[] = [];
    for (const k of block.children) {
      if (k.nesting === 1) rawStack.push(k.type === 'kd_html_open' && (k.meta as { raw?: boolean } | null)?.raw === true);
      if (k.nesting === -1) rawStack.pop();
      if (k.type !== 'text' || rawStack[rawStack.length - 1] === true || !first.test(k.content)) {
        out.push(k);
        continue;
      }
      const v = k.content;
      let pos = 0;
      const mk = (content: string): void => {
        const t = newToken(Tok, 'text', '', 0);
        t.content = content;
        t.level = k.level;
        out.push(t);
      };
      scan.lastIndex = 0;
      for (let m = scan.exec(v); m; m = scan.exec(v)) {
        let start = m.index;
        let abbr = sorted.find((a) => v.startsWith(a, start));
        if (abbr === undefined) {
          start++;
          abbr = sorted.find((a) => v.startsWith(a, start))!;
        }
        mk(v.slice(pos, start));
        const t = newToken(Tok, 'abbr', 'abbr', 0);
        t.content = abbr;
        t.level = k.level;
        const attrs = attrsOf(abbr);
        const title = defs.get(abbr) ?? '';
        t.attrs = title === '' ? attrs : [...attrs.filter(([n]) => n !== 'title'), ['title', title]];
        out.push(t);
        pos = start + abbr.length;
        scan.lastIndex = pos;
      }
      mk(v.slice(pos));
    }
    block.children = out;
  }
}
