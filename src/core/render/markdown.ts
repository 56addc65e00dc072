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
 * the body's line plus `env.lineOffset`).
 */
import MarkdownItCtor from 'markdown-it';
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { BlockParser, updateAttrWithIal } from './kramdown/block';
import type { Ial } from './kramdown/element';
import { installRenderer, renderDocument, renderState, type RenderOptions } from './kramdown/render';
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

/** What the block rule leaves for the later core rules (in markdown-it's env). */
interface KdEnv {
  kdOptions: MarkdownOptions;
  lineOffset: number;
  kdSpan?: SpanEnv;
  kdFootnoteTokens?: Map<string, Token[]>;
  kdFootnoteLines?: Map<string, number>;
  kdAbbrev?: { defs: Map<string, string>; attrs: Map<string, Array<[string, string]>> };
  kdToken?: StateCore['Token'];
}

/**
 * The block phase (markdown-it's core 'block' rule, replaced): kramdown's
 * whole block parse, as block tokens with `inline` tokens for the span phase.
 */
function kramdownBlock(state: StateCore): void {
  const env = state.env as unknown as KdEnv;
  const o = env.kdOptions;
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
    tableSegments: (text: string): TableSegment[] => tableSegments(state.md, { ...tableEnv, parseSpanHtml: parser.options.parseSpanHtml }, text),
  });
  const result = parser.parse(state.src);
  const buildOpts = { lineOffset: env.lineOffset, headerOffset: o.headerOffset, alds: result.alds };
  const tokens = new TokenBuilder(state.Token, buildOpts).build(result.root.children);
  for (const t of tokens) state.tokens.push(t);
  const footnoteTokens = new Map<string, Token[]>();
  const footnoteLines = new Map<string, number>();
  for (const [name, f] of result.footnotes) {
    footnoteTokens.set(name, new TokenBuilder(state.Token, { ...buildOpts, baseIndent: 6 }).build(f.content.children));
    footnoteLines.set(name, f.content.line + env.lineOffset);
  }
  env.kdFootnoteTokens = footnoteTokens;
  env.kdToken = state.Token;
  env.kdFootnoteLines = footnoteLines;
  const linkDefs = new Map<string, { url: string; title: string | undefined; ial: Ial | undefined }>();
  for (const [id, d] of result.linkDefs) linkDefs.set(id, { url: d.url, title: d.title, ial: d.eob.options.ial });
  env.kdSpan = {
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
    const a: Record<string, string> = { ...eob.attr };
    if (eob.options.ial) updateAttrWithIal(a, eob.options.ial, result.alds);
    abbrAttrs.set(id, Object.entries(a));
  }
  env.kdAbbrev = { defs: result.abbrevDefs, attrs: abbrAttrs };
}

/** After span parsing: footnote bodies, header ids, abbreviations, GFM line breaks. */
function kramdownPost(state: StateCore): void {
  const env = state.env as unknown as KdEnv;
  const o = env.kdOptions;
  const md = state.md;
  const footnotes = env.kdFootnoteTokens ?? new Map<string, Token[]>();
  // Token streams the core 'inline' rule did not see: footnote bodies and the
  // lists kept aside by {:toc} / {:footnotes} placeholders.
  const collect = (tokens: Token[], into: Token[][]): void => {
    for (const t of tokens) {
      const list = (t.meta as { list?: Token[] } | null)?.list;
      if (list) {
        into.push(list);
        collect(list, into);
      }
    }
  };
  const asides: Token[][] = [];
  collect(state.tokens, asides);
  const notes: Token[][] = [];
  for (const tokens of footnotes.values()) {
    notes.push(tokens);
    collect(tokens, notes);
  }
  for (const tokens of [...asides, ...notes]) {
    for (const t of tokens) if (t.type === 'inline') md.inline.parse(t.content, md, state.env, t.children!);
  }
  const all = [state.tokens, ...asides, ...notes];
  if (o.input === 'GFM' && o.autoIds) assignGfmIds(state.tokens, o.autoIdPrefix);
  const ab = env.kdAbbrev;
  if (ab) for (const tokens of all) replaceAbbreviations(tokens, ab.defs, (a) => ab.attrs.get(a) ?? [], state.Token);
  // GFM's update_elements walks the main tree only (not footnote bodies).
  if (o.input === 'GFM') for (const tokens of [state.tokens, ...asides]) gfmLineBreaks(tokens, o.hardWrap, state.Token);
}

function createMd(): MarkdownIt {
  const md = new MarkdownItCtor('zero', { html: true, maxNesting: 200 });
  md.core.ruler.at('normalize', () => {});
  md.core.ruler.disable(['text_join']);
  md.core.ruler.at('block', kramdownBlock);
  md.inline.ruler.disable(['text']);
  md.inline.ruler2.disable(['balance_pairs', 'fragments_join']);
  installSpanRules(md);
  md.core.ruler.push('kramdown_post', kramdownPost);
  installRenderer(md);
  return md;
}

let shared: MarkdownIt | undefined;

/** Renders a post body (the text after the front matter) as kramdown would; HTML with data-line attributes. */
export function renderMarkdown(src: string, options: MarkdownOptions, env: { lineOffset?: number } = {}): string {
  const md = (shared ??= createMd());
  const e: KdEnv = { kdOptions: options, lineOffset: env.lineOffset ?? 0 };
  const tokens = md.parse(src, e as unknown as Record<string, unknown>);
  // The renderer reads the same option names; only the input flavour becomes a flag.
  const renderOpts: RenderOptions = { ...options, gfm: options.input === 'GFM' };
  const renv = { ...e, kdRender: renderState(renderOpts, e.kdFootnoteTokens ?? new Map<string, Token[]>(), e.kdFootnoteLines ?? new Map<string, number>(), e.kdToken ?? new md.core.State('', md, {}).Token) };
  return renderDocument(md, tokens, renv);
}
