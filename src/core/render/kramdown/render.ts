/**
 * markdown-it renderer rules producing kramdown 2.4's HTML (its
 * Converter::Html with Jekyll's settings): Rouge's code block wrapper with
 * its token classes (highlight.ts), `language-plaintext highlighter-rouge`
 * code spans, MathJax math, footnotes and the `{:toc}` table of contents.
 */
import type { Env, MarkdownIt, MarkdownItOptions, RendererRule, Token } from 'markdown-it';
import { highlightCode } from '../highlight';
import type { MarkdownOptions } from '../markdown';
import { ROUGE_LEXERS } from './rougeLexers';
import { escapeAll, escapeText } from './syntax';
import { basicGenerateId, htmlAttributes, rawText } from './tokens';

/** The kramdown options the renderer reads (the site's, as `kramdownOptions` resolves them), plus the input flavour. */
export type RenderOptions = Pick<
  MarkdownOptions,
  'autoIds' | 'autoIdPrefix' | 'tocLevels' | 'mathEngine' | 'footnoteBacklink' | 'footnoteBacklinkInline' | 'footnoteNr' | 'footnotePrefix' | 'syntaxHighlighter' | 'defaultLang' | 'guessLang'
> & {
  /** GFM input: header ids come from the parsed text (auto_id_stripping), not the source. */
  gfm: boolean;
};

interface TocEntry {
  level: number;
  id: string;
  children: Token[];
}

/** Per-render state (kramdown's converter instance variables), kept in env. */
export interface RenderState {
  opts: RenderOptions;
  footnoteTokens: Map<string, Token[]>;
  footnoteLines: Map<string, number>;
  counter: number;
  footnotes: Array<{ name: string; number: number; repeat: number }>;
  byName: Map<string, { name: string; number: number; repeat: number }>;
  toc: TocEntry[];
  tocCode: { tag: string; attrs: Array<[string, string]>; line: number | undefined; placeholder: string } | undefined;
  footnoteLocation: string | undefined;
  usedIds: Map<string, number>;
  /** Added to every block's indentation (6 inside footnotes, as kramdown indents them). */
  baseIndent: number;
  Tok: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;
}

export function renderState(opts: RenderOptions, footnoteTokens: Map<string, Token[]>, footnoteLines: Map<string, number>, Tok: RenderState['Tok']): RenderState {
  return {
    Tok,
    opts,
    footnoteTokens,
    footnoteLines,
    counter: opts.footnoteNr,
    footnotes: [],
    byName: new Map(),
    toc: [],
    tocCode: undefined,
    footnoteLocation: undefined,
    usedIds: new Map(),
    baseIndent: 0,
  };
}

function rs(env: Env | undefined): RenderState {
  return (env as { kdRender: RenderState }).kdRender;
}

/** ` data-line="N"` for a block token with a source line. */
function dl(t: Token): string {
  return t.map ? ` data-line="${t.map[0]}"` : '';
}

/** data-line and the token's attributes. */
function battrs(t: Token): string {
  return dl(t) + htmlAttributes(t.attrs ?? []);
}

function attrs(t: Token, drop: string[] = []): Array<[string, string]> {
  return (t.attrs ?? []).filter(([k]) => !drop.includes(k)).map(([k, v]) => [k, String(v)]);
}

/** Whether Rouge (as kramdown calls it) highlights code in this language. */
export function rougeHighlights(lang: string | undefined, o: RenderOptions): boolean {
  if (o.syntaxHighlighter !== 'rouge') return false;
  const name = lang ?? o.defaultLang ?? undefined;
  if (name === undefined) return false;
  const base = name.includes('?') ? name.slice(0, name.indexOf('?')) : name;
  if (base === 'guess') return true;
  if (!ROUGE_LEXERS.has(base)) return false;
  if ((base === 'plaintext' || base === 'text') && !o.guessLang) return false;
  return true;
}

/** Code as Rouge writes it for `lang` (or the default language): token spans, or just escaped when we have no grammar. */
function rougeCode(code: string, lang: string | undefined, o: RenderOptions): string {
  const name = lang ?? o.defaultLang ?? undefined;
  return (name !== undefined ? highlightCode(code, name) : undefined) ?? escapeAll(code);
}

function addHighlighterClass(a: Record<string, string>, lang: string | undefined): void {
  const cls = `${a.class ?? ''} highlighter-rouge`.replace(/^[ \t\r\n\f\v]+/, '');
  a.class = lang === undefined ? cls : cls.replace(/\blanguage-\S+|^/, (m) => (m === '' ? `language-${lang} ` : `language-${lang}`));
}

function codeBlock(t: Token, o: RenderOptions, indent: string): string {
  const a: Record<string, string> = Object.fromEntries(attrs(t));
  let lang: string | undefined;
  const m = a.class !== undefined ? /\blanguage-(\S+)/.exec(a.class) : null;
  if (m) {
    lang = m[1];
    a.class = a.class!.replace(/\blanguage-\S+/, '').trim();
    if (a.class === '') delete a.class;
  }
  const hlLang = t.info !== '' ? t.info : lang;
  if (rougeHighlights(hlLang, o)) {
    addHighlighterClass(a, lang ?? o.defaultLang ?? undefined);
    return `${indent}<div${dl(t)}${htmlAttributes(Object.entries(a))}><div class="highlight"><pre class="highlight"><code>${rougeCode(t.content, hlLang, o)}</code></pre></div>${indent}</div>\n`;
  }
  let result = escapeAll(t.content);
  if (result.endsWith('\n')) result = result.slice(0, -1);
  const codeAttr = lang !== undefined ? ` class="language-${escapeText(lang)}"` : '';
  return `${indent}<pre${dl(t)}${htmlAttributes(Object.entries(a))}><code${codeAttr}>${result}\n</code></pre>\n`;
}

function codeSpan(t: Token, o: RenderOptions): string {
  const a: Record<string, string> = Object.fromEntries(attrs(t));
  const m = a.class !== undefined ? /\blanguage-(\S+)/.exec(a.class) : null;
  const lang = m ? m[1] : undefined;
  if (rougeHighlights(lang, o)) {
    addHighlighterClass(a, lang ?? o.defaultLang ?? undefined);
    return `<code${htmlAttributes(Object.entries(a))}>${rougeCode(t.content, lang, o)}</code>`;
  }
  return `<code${htmlAttributes(Object.entries(a))}>${escapeAll(t.content)}</code>`;
}

function mathHtml(t: Token, block: boolean, o: RenderOptions): string {
  const a = attrs(t);
  if (o.mathEngine !== null) {
    const result = block ? `\\[${escapeAll(t.content)}\\]\n` : `\\(${escapeAll(t.content)}\\)`;
    if (a.length === 0) return result;
    if (block) return `<div${dl(t)}${htmlAttributes(a)}>${result}</div>\n`;
    return `<span${htmlAttributes(a)}>$${t.content}$</span>`;
  }
  const r: Record<string, string> = Object.fromEntries(a);
  r.class = `${r.class ?? ''} kdmath`.replace(/^\s+/, '');
  if (block) return `<div${dl(t)}${htmlAttributes(Object.entries(r))}>$$\n${t.content}\n$$</div>\n`;
  return `<span${htmlAttributes(Object.entries(r))}>$${t.content}$</span>`;
}

function randomPlaceholder(): string {
  let s = 'kdph';
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 36).toString(36);
  return s;
}

const SPACES: string[] = [];
/** kramdown's indentation of a block token (2 spaces per level). */
function ind(t: Token, env: Env | undefined): string {
  const n = rs(env).baseIndent + 2 * t.level;
  return (SPACES[n] ??= ' '.repeat(n));
}

/** Installs the renderer rules on `md`. */
export function installRenderer(md: MarkdownIt): void {
  const r = md.renderer.rules;
  md.renderer.renderAttrs = (token: Token): string => htmlAttributes(token.attrs ?? []);
  const open = (tag: string, nl = ''): RendererRule => (tokens, idx, _o, env) => `${ind(tokens[idx]!, env)}<${tag}${battrs(tokens[idx]!)}>${nl}`;
  const close = (tag: string): RendererRule => (tokens, idx, _o, env) => `${ind(tokens[idx]!, env)}</${tag}>\n`;
  const closeInline = (tag: string): RendererRule => () => `</${tag}>\n`;
  const span = (tag: string): RendererRule => (tokens, idx) => `<${tag}${htmlAttributes(tokens[idx]!.attrs ?? [])}>`;

  r.paragraph_open = (tokens, idx, _o, env) => (tokens[idx]!.hidden ? '' : `${ind(tokens[idx]!, env)}<p${battrs(tokens[idx]!)}>`);
  r.paragraph_close = (tokens, idx) => (tokens[idx]!.hidden ? '' : '</p>\n');
  r.heading_open = (tokens, idx, _o, env) => {
    const t = tokens[idx]!;
    const s = rs(env);
    const meta = t.meta as { level: number; rawText: string };
    const given = t.attrGet('id');
    let id = given === null ? null : String(given);
    if (s.opts.autoIds && id === null) {
      let gen = basicGenerateId(s.opts.gfm ? rawText(tokens[idx + 1]?.children ?? []) : meta.rawText);
      if (gen === '') gen = 'section';
      const used = s.usedIds.get(gen);
      if (used !== undefined) {
        s.usedIds.set(gen, used + 1);
        gen += `-${used + 1}`;
      } else {
        s.usedIds.set(gen, 0);
      }
      id = s.opts.autoIdPrefix + gen;
      t.attrSet('id', id);
    }
    if (id !== null && s.opts.tocLevels.includes(meta.level) && !/\bno_toc\b/.test(String(t.attrGet('class') ?? ''))) {
      s.toc.push({ level: meta.level, id, children: tokens[idx + 1]?.children ?? [] });
    }
    return `${ind(t, env)}<${t.tag}${battrs(t)}>`;
  };
  r.heading_close = (tokens, idx) => `</${tokens[idx]!.tag}>\n`;
  r.blockquote_open = open('blockquote', '\n');
  r.blockquote_close = close('blockquote');
  r.bullet_list_open = open('ul', '\n');
  r.bullet_list_close = close('ul');
  r.ordered_list_open = open('ol', '\n');
  r.ordered_list_close = close('ol');
  const itemOpen = (tag: string): RendererRule => (tokens, idx, _o, env) =>
    `${ind(tokens[idx]!, env)}<${tag}${battrs(tokens[idx]!)}>${(tokens[idx]!.meta as { compact: boolean }).compact ? '' : '\n'}`;
  // convert_li: indentation before </li> unless the item's output does not end with a newline.
  const itemClose = (tag: string): RendererRule => (tokens, idx, _o, env) => {
    const prev = tokens[idx - 1]!;
    let endsWithNewline = true;
    if (prev.nesting === 1) endsWithNewline = false;
    else if (prev.type === 'paragraph_close' && prev.hidden) {
      const kids = tokens[idx - 2]?.children ?? [];
      const last = kids[kids.length - 1];
      endsWithNewline = last !== undefined && last.type === 'text' && last.content.endsWith('\n');
    }
    return `${endsWithNewline ? ind(tokens[idx]!, env) : ''}</${tag}>\n`;
  };
  r.list_item_open = itemOpen('li');
  r.list_item_close = itemClose('li');
  r.dl_open = open('dl', '\n');
  r.dl_close = close('dl');
  r.dt_open = open('dt');
  r.dt_close = closeInline('dt');
  r.dd_open = itemOpen('dd');
  r.dd_close = itemClose('dd');
  for (const tag of ['table', 'thead', 'tbody', 'tfoot', 'tr']) {
    r[`${tag}_open`] = open(tag, '\n');
    r[`${tag}_close`] = close(tag);
  }
  for (const tag of ['th', 'td']) {
    r[`${tag}_open`] = (tokens, idx, _o, env) =>
      `${ind(tokens[idx]!, env)}<${tag}${battrs(tokens[idx]!)}>${(tokens[idx]!.meta as { empty: boolean }).empty ? '\u00a0' : ''}`;
    r[`${tag}_close`] = closeInline(tag);
  }
  r.hr = (tokens, idx, _o, env) => `${ind(tokens[idx]!, env)}<hr${battrs(tokens[idx]!)} />\n`;
  r.code_block = (tokens, idx, _o, env) => codeBlock(tokens[idx]!, rs(env).opts, ind(tokens[idx]!, env));
  r.math_block = (tokens, idx, _o, env) => {
    const html = mathHtml(tokens[idx]!, true, rs(env).opts);
    return html.startsWith('<') ? ind(tokens[idx]!, env) + html : html;
  };
  r.html_block = (tokens, idx) => tokens[idx]!.content;
  r.html_inline_block = (tokens, idx) => tokens[idx]!.content;
  r.kd_toc = (tokens, idx, options, env, self) => {
    const t = tokens[idx]!;
    const s = rs(env);
    const list = (t.meta as { list: Token[] }).list;
    if (s.tocCode) return self.render(list, options, env);
    s.tocCode = { tag: t.tag, attrs: attrs(t), line: t.map?.[0], placeholder: randomPlaceholder() };
    return s.tocCode.placeholder;
  };
  r.kd_footnotes_here = (tokens, idx, options, env, self) => {
    const s = rs(env);
    if (s.footnoteLocation) return self.render((tokens[idx]!.meta as { list: Token[] }).list, options, env);
    s.footnoteLocation = randomPlaceholder();
    return s.footnoteLocation;
  };

  r.text = (tokens, idx) => escapeText(tokens[idx]!.content);
  r.kd_entity = (tokens, idx) => (tokens[idx]!.meta as { html: string }).html;
  r.hardbreak = () => '<br />';
  r.softbreak = () => '\n';
  r.em_open = span('em');
  r.em_close = (tokens, idx) => `</${tokens[idx]!.tag}>`;
  r.strong_open = span('strong');
  r.strong_close = (tokens, idx) => `</${tokens[idx]!.tag}>`;
  r.link_open = span('a');
  r.link_close = () => '</a>';
  r.image = (tokens, idx) => `<img${htmlAttributes(tokens[idx]!.attrs ?? [])} />`;
  r.code_inline = (tokens, idx, _o, env) => codeSpan(tokens[idx]!, rs(env).opts);
  r.math_inline = (tokens, idx, _o, env) => mathHtml(tokens[idx]!, false, rs(env).opts);
  r.html_inline = (tokens, idx) => tokens[idx]!.content;
  r.abbr = (tokens, idx) => `<abbr${htmlAttributes(tokens[idx]!.attrs ?? [])}>${escapeText(tokens[idx]!.content)}</abbr>`;
  r.kd_html_open = (tokens, idx) => {
    const t = tokens[idx]!;
    const next = tokens[idx + 1];
    const empty = next?.type === 'kd_html_close' && (next.meta as { empty?: boolean } | null)?.empty;
    if (empty && VOID.has(t.tag)) return `<${t.tag}${htmlAttributes(t.attrs ?? [])} />`;
    return `<${t.tag}${htmlAttributes(t.attrs ?? [])}>`;
  };
  r.kd_html_close = (tokens, idx) => {
    const t = tokens[idx]!;
    if ((t.meta as { empty?: boolean } | null)?.empty && VOID.has(t.tag) && tokens[idx - 1]?.type === 'kd_html_open') return '';
    return `</${t.tag}>`;
  };
  r.footnote_ref = (tokens, idx, _o, env) => {
    const s = rs(env);
    const name = s.opts.footnotePrefix + (tokens[idx]!.meta as { name: string }).name;
    let repeat = '';
    let number: number;
    const seen = s.byName.get(name);
    if (seen) {
      number = seen.number;
      repeat = `:${(seen.repeat += 1)}`;
    } else {
      number = s.counter++;
      const f = { name, number, repeat: 0 };
      s.footnotes.push(f);
      s.byName.set(name, f);
    }
    return `<sup id="fnref:${name}${repeat}" role="doc-noteref"><a href="#fn:${name}" class="footnote" rel="footnote">${number}</a></sup>`;
  };
}

const VOID = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));

/** The footnotes section (footnote_content). */
function footnoteContent(md: MarkdownIt, options: Required<MarkdownItOptions>, env: Env): string {
  const s = rs(env);
  const o = s.opts;
  const backlinkText = escapeText(o.footnoteBacklink);
  let items = '';
  for (let i = 0; i < s.footnotes.length; i++) {
    const f = s.footnotes[i]!;
    const rawName = f.name.slice(o.footnotePrefix.length);
    const tokens = [...(s.footnoteTokens.get(rawName) ?? [])];
    if (o.footnoteBacklink !== '') {
      const lastTop = [...tokens].reverse().find((t) => t.level === 0);
      let insertAt = -1;
      if (lastTop && (lastTop.type === 'paragraph_close' || (o.footnoteBacklinkInline && lastTop.type === 'heading_close'))) {
        insertAt = tokens.lastIndexOf(lastTop);
      } else if (o.footnoteBacklinkInline) {
        for (let j = tokens.length - 1; j >= 0; j--) {
          const t = tokens[j]!;
          if (t.type === 'paragraph_close' || t.type === 'heading_close') {
            insertAt = j;
            break;
          }
          if (t.nesting !== -1) break;
        }
      }
      const nbsp = '\u00a0';
      let link = `${insertAt >= 0 ? nbsp : ''}<a href="#fnref:${f.name}" class="reversefootnote" role="doc-backlink">${backlinkText}</a>`;
      for (let k = 1; k <= f.repeat; k++) {
        link += `${nbsp}<a href="#fnref:${f.name}:${k}" class="reversefootnote" role="doc-backlink">${backlinkText}<sup>${k + 1}</sup></a>`;
      }
      const raw = s.Tok;
      const t = new raw('html_inline_block', '', 0);
      t.content = link;
      if (insertAt >= 0) {
        tokens.splice(insertAt, 0, t);
      } else {
        const p = new raw('paragraph_open', 'p', 1);
        const pc = new raw('paragraph_close', 'p', -1);
        tokens.push(p, t, pc);
      }
    }
    const line = s.footnoteLines.get(rawName);
    const dl = line !== undefined ? ` data-line="${line}"` : '';
    s.baseIndent = 6;
    const body = md.renderer.render(tokens, options, env);
    s.baseIndent = 0;
    items += `    <li${dl} id="fn:${f.name}" role="doc-endnote">\n${body}    </li>\n`;
  }
  if (items === '') return '';
  const start = o.footnoteNr !== 1 ? ` start="${o.footnoteNr}"` : '';
  return `<div class="footnotes" role="doc-endnotes">\n  <ol${start}>\n${items}  </ol>\n</div>\n`;
}

/** The {:toc} list (generate_toc_tree + convert). */
function tocHtml(md: MarkdownIt, options: Required<MarkdownItOptions>, env: Env): string {
  const s = rs(env);
  const code = s.tocCode!;
  const a: Record<string, string> = Object.fromEntries(code.attrs);
  a.id ??= 'markdown-toc';
  interface Node {
    level: number;
    html: string;
    kids: Node[];
  }
  const root: Node[] = [];
  const stack: Node[] = [];
  for (const e of s.toc) {
    const kids = e.children.filter((t) => t.type !== 'footnote_ref' && t.type !== 'link_open' && t.type !== 'link_close');
    const inner = md.renderer.renderInline(kids, options, env);
    const node: Node = { level: e.level, html: `<a href="#${escapeText(e.id)}" id="${escapeText(a.id)}-${escapeText(e.id)}">${inner}</a>`, kids: [] };
    for (;;) {
      if (stack.length === 0) {
        root.push(node);
        stack.push(node);
        break;
      } else if (stack[stack.length - 1]!.level < node.level) {
        stack[stack.length - 1]!.kids.push(node);
        stack.push(node);
        break;
      } else {
        stack.pop();
      }
    }
  }
  if (root.length === 0) return '';
  const list = (nodes: Node[], attrs: string, indent: number): string => {
    const sp = ' '.repeat(indent);
    const li = ' '.repeat(indent + 2);
    const items = nodes.map((n) => `${li}<li>${n.html}${n.kids.length ? list(n.kids, '', indent + 4) + li : ''}</li>\n`).join('');
    return `${sp}<${code.tag}${attrs}>\n${items}${sp}</${code.tag}>\n`;
  };
  return list(root, (code.line !== undefined ? ` data-line="${code.line}"` : '') + htmlAttributes(Object.entries(a)), 0);
}

/** Adds to the rendered document what kramdown's convert_root adds (footnotes, toc). */
export function finishDocument(md: MarkdownIt, html: string, env: Env): string {
  let result = html;
  const s = rs(env);
  const fn = footnoteContent(md, md.options, env);
  if (s.footnoteLocation) result = result.replace(s.footnoteLocation, () => fn);
  else result += fn;
  if (s.tocCode) {
    const toc = tocHtml(md, md.options, env);
    result = result.replace(s.tocCode.placeholder, () => toc);
  }
  return result;
}
