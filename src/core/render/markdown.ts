/**
 * The Markdown stage of the preview: Markdown as Jekyll 4.3's kramdown 2.4
 * (with kramdown-parser-gfm, `input: GFM`) renders it, built on markdown-it.
 *
 * markdown-it supplies the pipeline (core rules, tokens, the inline
 * tokenizer and the renderer); the rules are our own ports of kramdown's
 * parsers (src/core/render/kramdown/): kramdown differs from CommonMark in
 * most block rules (lists, HTML blocks, paragraphs, tables, fences) and in
 * its span rules (emphasis without flanking rules, smart quotes, links with
 * spaces), so markdown-it's own rules are switched off. See
 * /work/shared/KRAMDOWN.md and test/conformance/kramdown.ts for the fidelity
 * measurement against the real kramdown.
 *
 * Every block-level element carries `data-line` (0-based line in the post:
 * the body's line plus `env.lineOffset`, or what `env.sourceLine` maps it to).
 */
import MarkdownItCtor from 'markdown-it';
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { BlockParser, updateAttrWithIal } from './kramdown/block';
import type { Ial } from './kramdown/element';
import { finishDocument, installRenderer, renderState, type RenderOptions } from './kramdown/render';
import { installSpanRules, tableSegments, type SpanEnv, type TableSegment } from './kramdown/span';
import { TokenBuilder, assignGfmIds, gfmLineBreaks, replaceAbbreviations } from './kramdown/tokens';

/** The `kramdown:` settings of `_config.yml` that change the HTML, with Jekyll's defaults. */
export interface MarkdownOptions {
  /** `input: GFM` (Jekyll's default) or plain kramdown. */
  input: 'GFM' | 'kramdown';
  autoIds: boolean;
  autoIdPrefix: string;
  /** `lsquo,rsquo,ldquo,rdquo` (entity names or code points). */
  smartQuotes: [string, string, string, string];
  hardWrap: boolean;
  tocLevels: number[];
  /** `mathjax` (kramdown's default), or null for none. */
  mathEngine: string | null;
  footnoteBacklink: string;
  footnoteBacklinkInline: boolean;
  footnoteNr: number;
  footnotePrefix: string;
  headerOffset: number;
  parseBlockHtml: boolean;
  parseSpanHtml: boolean;
  /** gfm_quirks contains paragraph_end (kramdown-parser-gfm's default). */
  paragraphEndQuirk: boolean;
  /** `rouge` (Jekyll's default) or null. */
  syntaxHighlighter: string | null;
  defaultLang: string | null;
  guessLang: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bool(v: unknown, d: boolean): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return d;
}

function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim());
  return undefined;
}

function levels(v: unknown): number[] | undefined {
  if (Array.isArray(v)) return v.map(Number).filter((n) => Number.isInteger(n));
  if (typeof v === 'number') return [v];
  if (typeof v === 'string') {
    const r = /^\s*(\d)\s*\.\.\s*(\d)\s*$/.exec(v);
    if (r) {
      const out: number[] = [];
      for (let i = Number(r[1]); i <= Number(r[2]); i++) out.push(i);
      return out;
    }
    return v
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number)
      .filter((n) => Number.isInteger(n));
  }
  return undefined;
}

/** The Markdown options Jekyll hands kramdown for a site (`config` is the parsed `_config.yml`). */
export function kramdownOptions(config: Record<string, unknown>): MarkdownOptions {
  const k = isRecord(config.kramdown) ? config.kramdown : {};
  const str = (key: string): string | undefined => (typeof k[key] === 'string' ? k[key] : undefined);
  const sq = list(k.smart_quotes);
  const hlOpts = isRecord(k.syntax_highlighter_opts) ? k.syntax_highlighter_opts : {};
  const highlighter =
    typeof k.syntax_highlighter === 'string'
      ? k.syntax_highlighter
      : k.enable_coderay === true
        ? 'coderay'
        : typeof config.highlighter === 'string'
          ? config.highlighter
          : 'rouge';
  const quirks = list(k.gfm_quirks);
  return {
    input: str('input') === 'kramdown' ? 'kramdown' : 'GFM',
    autoIds: bool(k.auto_ids, true),
    autoIdPrefix: str('auto_id_prefix') ?? '',
    smartQuotes: sq && sq.length === 4 ? (sq as [string, string, string, string]) : ['lsquo', 'rsquo', 'ldquo', 'rdquo'],
    hardWrap: bool(k.hard_wrap, false),
    tocLevels: levels(k.toc_levels) ?? [1, 2, 3, 4, 5, 6],
    mathEngine: 'math_engine' in k ? (typeof k.math_engine === 'string' && k.math_engine !== '' ? k.math_engine : null) : 'mathjax',
    footnoteBacklink: str('footnote_backlink') ?? '&#8617;',
    footnoteBacklinkInline: bool(k.footnote_backlink_inline, false),
    footnoteNr: typeof k.footnote_nr === 'number' ? k.footnote_nr : 1,
    footnotePrefix: str('footnote_prefix') ?? '',
    headerOffset: typeof k.header_offset === 'number' ? k.header_offset : 0,
    parseBlockHtml: bool(k.parse_block_html, false),
    parseSpanHtml: bool(k.parse_span_html, true),
    paragraphEndQuirk: quirks ? quirks.some((q) => q.replace(/^:/, '') === 'paragraph_end') : true,
    syntaxHighlighter: highlighter === 'rouge' ? 'rouge' : null,
    defaultLang: typeof hlOpts.default_lang === 'string' ? hlOpts.default_lang : 'plaintext',
    guessLang: bool(k.guess_lang, true),
  };
}

/**
 * Top-level blocks' tokens per span-and-render step: the tokens of a step are
 * garbage before the next, so a long post does not keep (and the GC copy) the
 * whole document's tokens at once.
 */
const CHUNK_TOKENS = 1024;

/** What the span rules read from markdown-it's env. */
interface SpanPhaseEnv {
  kdSpan: SpanEnv;
}

/** The block phase: kramdown's whole block parse, and what the span phase and the converter need from it. */
function blockPhase(md: MarkdownIt, src: string, o: MarkdownOptions, line: (line: number) => number, Tok: StateCore['Token']) {
  const tableEnv: SpanEnv = {
    gfm: o.input === 'GFM',
    hardWrap: o.hardWrap,
    parseSpanHtml: o.parseSpanHtml,
    smartQuotes: o.smartQuotes,
    linkDefs: new Map(),
    footnotes: new Set(),
    alds: new Map(),
  };
  const parser: BlockParser = new BlockParser({
    gfm: o.input === 'GFM',
    paragraphEndQuirk: o.paragraphEndQuirk,
    parseBlockHtml: o.parseBlockHtml,
    parseSpanHtml: o.parseSpanHtml,
    tableSegments: (text: string): TableSegment[] => tableSegments(md, { ...tableEnv, parseSpanHtml: parser.options.parseSpanHtml }, text),
  });
  const result = parser.parse(src);
  const buildOpts = { line, headerOffset: o.headerOffset, alds: result.alds };
  const footnoteTokens = new Map<string, Token[]>();
  const footnoteLines = new Map<string, number>();
  for (const [name, f] of result.footnotes) {
    footnoteTokens.set(name, new TokenBuilder(Tok, { ...buildOpts, baseIndent: 6 }).build(f.content.children));
    footnoteLines.set(name, line(f.content.line));
  }
  const linkDefs = new Map<string, { url: string; title: string | undefined; ial: Ial | undefined }>();
  for (const [id, d] of result.linkDefs) linkDefs.set(id, { url: d.url, title: d.title, ial: d.eob.readOptions.ial });
  const span: SpanEnv = {
    gfm: o.input === 'GFM',
    hardWrap: o.hardWrap,
    parseSpanHtml: parser.options.parseSpanHtml,
    smartQuotes: o.smartQuotes,
    linkDefs,
    footnotes: new Set(result.footnotes.keys()),
    alds: result.alds,
  };
  const abbrAttrs = new Map<string, Array<[string, string]>>();
  for (const [id, eob] of result.abbrevEob) {
    const a: Record<string, string> = { ...eob.readAttr };
    const ial = eob.readOptions.ial;
    if (ial) updateAttrWithIal(a, ial, result.alds);
    abbrAttrs.set(id, Object.entries(a));
  }
  return { root: result.root, buildOpts, footnoteTokens, footnoteLines, span, abbrev: { defs: result.abbrevDefs, attrs: abbrAttrs } };
}

/** Token streams inside `tokens` the span phase must also see: the lists kept aside by {:toc} / {:footnotes} placeholders. */
function collectAsides(tokens: Token[], into: Token[][]): Token[][] {
  for (const t of tokens) {
    const list = (t.meta as { list?: Token[] } | null)?.list;
    if (list) {
      into.push(list);
      collectAsides(list, into);
    }
  }
  return into;
}

function parseSpans(md: MarkdownIt, env: SpanPhaseEnv, lists: Token[][]): void {
  for (const tokens of lists) for (const t of tokens) if (t.type === 'inline') md.inline.parse(t.content, md, env as unknown as Record<string, unknown>, t.children!);
}

function createMd(): MarkdownIt {
  const md = new MarkdownItCtor('zero', { html: true, maxNesting: 200 });
  md.inline.ruler.disable(['text']);
  md.inline.ruler2.disable(['balance_pairs', 'fragments_join']);
  installSpanRules(md);
  installRenderer(md);
  return md;
}

let shared: { md: MarkdownIt; Tok: StateCore['Token'] } | undefined;

/** Matches at once; a regular expression search flattens the string it is given. */
const FLATTEN = /^/;

/** Where the body is in the post, for the data-line attributes. */
export interface MarkdownEnv {
  /** Added to the body's 0-based lines. */
  lineOffset?: number;
  /** Maps a line (after lineOffset) to the post's line, e.g. through the Liquid stage's output. */
  sourceLine?: (line: number) => number;
}

/**
 * Renders a post body (the text after the front matter) as kramdown would; HTML with data-line attributes.
 *
 * kramdown's block parse of the whole body first (link definitions,
 * footnotes and abbreviations anywhere count everywhere), then, top-level
 * blocks a chunk at a time, its span parse and the passes after it (GFM
 * header ids, abbreviations, hard line breaks) and the HTML; footnotes and
 * the {:toc} list last, as kramdown's convert_root adds them.
 */
export function renderMarkdown(src: string, options: MarkdownOptions, env: MarkdownEnv = {}): string {
  if (!shared) {
    const created = createMd();
    shared = { md: created, Tok: new created.core.State('', created, {}).Token };
  }
  const { md, Tok } = shared;
  const o = options;
  const offset = env.lineOffset ?? 0;
  const sourceLine = env.sourceLine;
  const b = blockPhase(md, src, o, sourceLine ? (l) => sourceLine(l + offset) : (l) => l + offset, Tok);
  const spanEnv: SpanPhaseEnv = { kdSpan: b.span };
  // The renderer reads the same option names; only the input flavour becomes a flag.
  const renderOpts: RenderOptions = { ...o, gfm: o.input === 'GFM' };
  const renv = { kdRender: renderState(renderOpts, b.footnoteTokens, b.footnoteLines, Tok) };
  const ids = new Map<string, number>();
  const abbreviations = (lists: Token[][]): void => {
    for (const tokens of lists) replaceAbbreviations(tokens, b.abbrev.defs, (a) => b.abbrev.attrs.get(a) ?? [], Tok);
  };
  const parts: string[] = [];
  const spanAndRender = (tokens: Token[]): void => {
    const lists = [tokens, ...collectAsides(tokens, [])];
    parseSpans(md, spanEnv, lists);
    if (o.input === 'GFM' && o.autoIds) assignGfmIds(tokens, o.autoIdPrefix, ids);
    abbreviations(lists);
    // GFM's update_elements walks the main tree only (not footnote bodies).
    if (o.input === 'GFM') for (const list of lists) gfmLineBreaks(list, o.hardWrap, Tok);
    const html = md.renderer.render(tokens, md.options, renv);
    // The renderer's output is a rope of one piece per token: flattened now, while its pieces
    // are young and close together, rather than at the first search of the whole document.
    FLATTEN.test(html);
    parts.push(html);
  };
  const rest = new TokenBuilder(Tok, b.buildOpts).build(b.root.children, (tokens) => {
    if (tokens.length >= CHUNK_TOKENS) {
      spanAndRender(tokens);
      return true;
    }
    return false;
  });
  spanAndRender(rest);
  const notes: Token[][] = [];
  for (const tokens of b.footnoteTokens.values()) notes.push(tokens, ...collectAsides(tokens, []));
  parseSpans(md, spanEnv, notes);
  abbreviations(notes);
  return finishDocument(md, parts.join(''), renv);
}
