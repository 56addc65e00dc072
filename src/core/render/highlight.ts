/**
 * Code highlighting for the preview: highlight.js's grammars, written out
 * with Rouge's short CSS classes (`k`, `nf`, `s2`, `c1`, …) so the styles a
 * Jekyll site ships for Rouge (`.highlight .k { … }`) colour the preview as
 * they colour the site. The text is Rouge's too: only `&`, `<` and `>` are
 * escaped, so removing the spans gives exactly the unhighlighted HTML.
 *
 * Languages are named as Rouge names them (its tags and aliases) and
 * registered on first use; a language we have no grammar for stays plain.
 */
import hljs from 'highlight.js/lib/core';
import type { HLJSApi, LanguageFn } from 'highlight.js';
import apache from 'highlight.js/lib/languages/apache';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import clojure from 'highlight.js/lib/languages/clojure';
import cmake from 'highlight.js/lib/languages/cmake';
import coffeescript from 'highlight.js/lib/languages/coffeescript';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import dart from 'highlight.js/lib/languages/dart';
import diff from 'highlight.js/lib/languages/diff';
import django from 'highlight.js/lib/languages/django';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import dos from 'highlight.js/lib/languages/dos';
import elixir from 'highlight.js/lib/languages/elixir';
import erb from 'highlight.js/lib/languages/erb';
import erlang from 'highlight.js/lib/languages/erlang';
import go from 'highlight.js/lib/languages/go';
import graphql from 'highlight.js/lib/languages/graphql';
import groovy from 'highlight.js/lib/languages/groovy';
import handlebars from 'highlight.js/lib/languages/handlebars';
import haskell from 'highlight.js/lib/languages/haskell';
import http from 'highlight.js/lib/languages/http';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import julia from 'highlight.js/lib/languages/julia';
import kotlin from 'highlight.js/lib/languages/kotlin';
import latex from 'highlight.js/lib/languages/latex';
import lua from 'highlight.js/lib/languages/lua';
import makefile from 'highlight.js/lib/languages/makefile';
import markdown from 'highlight.js/lib/languages/markdown';
import matlab from 'highlight.js/lib/languages/matlab';
import nginx from 'highlight.js/lib/languages/nginx';
import objectivec from 'highlight.js/lib/languages/objectivec';
import perl from 'highlight.js/lib/languages/perl';
import php from 'highlight.js/lib/languages/php';
import powershell from 'highlight.js/lib/languages/powershell';
import properties from 'highlight.js/lib/languages/properties';
import protobuf from 'highlight.js/lib/languages/protobuf';
import python from 'highlight.js/lib/languages/python';
import r from 'highlight.js/lib/languages/r';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import scala from 'highlight.js/lib/languages/scala';
import scss from 'highlight.js/lib/languages/scss';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import vbnet from 'highlight.js/lib/languages/vbnet';
import vim from 'highlight.js/lib/languages/vim';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeAll } from './kramdown/syntax';

/** Our grammars, by highlight.js name, with the grammars they embed (`subLanguage`). */
const GRAMMARS: Record<string, { fn: LanguageFn; embeds?: string[] }> = {
  apache: { fn: apache },
  bash: { fn: bash },
  c: { fn: c },
  clojure: { fn: clojure },
  cmake: { fn: cmake },
  coffeescript: { fn: coffeescript, embeds: ['javascript'] },
  cpp: { fn: cpp },
  csharp: { fn: csharp },
  css: { fn: css },
  dart: { fn: dart, embeds: ['markdown'] },
  diff: { fn: diff },
  django: { fn: django, embeds: ['xml'] },
  // Rouge's Liquid lexer leaves the HTML around tags as text: Django's grammar without its HTML.
  liquid: { fn: (h) => ({ ...django(h), aliases: [], subLanguage: undefined }) },
  dockerfile: { fn: dockerfile, embeds: ['bash'] },
  dos: { fn: dos },
  elixir: { fn: elixir },
  erb: { fn: erb, embeds: ['xml', 'ruby'] },
  erlang: { fn: erlang },
  go: { fn: go },
  graphql: { fn: graphql },
  groovy: { fn: groovy },
  handlebars: { fn: handlebars, embeds: ['xml'] },
  haskell: { fn: haskell },
  http: { fn: http },
  ini: { fn: ini },
  java: { fn: java },
  javascript: { fn: javascript, embeds: ['xml', 'css', 'graphql'] },
  json: { fn: json },
  julia: { fn: julia },
  kotlin: { fn: kotlin },
  latex: { fn: latex },
  lua: { fn: lua },
  makefile: { fn: makefile },
  markdown: { fn: markdown, embeds: ['xml'] },
  matlab: { fn: matlab },
  nginx: { fn: nginx },
  objectivec: { fn: objectivec },
  perl: { fn: perl },
  php: { fn: php },
  powershell: { fn: powershell },
  properties: { fn: properties },
  protobuf: { fn: protobuf },
  python: { fn: python },
  r: { fn: r },
  ruby: { fn: ruby },
  rust: { fn: rust },
  scala: { fn: scala },
  scss: { fn: scss },
  shell: { fn: shell, embeds: ['bash'] },
  sql: { fn: sql },
  swift: { fn: swift },
  typescript: { fn: typescript, embeds: ['xml', 'css', 'graphql'] },
  vbnet: { fn: vbnet },
  vim: { fn: vim },
  xml: { fn: xml, embeds: ['css', 'javascript'] },
  yaml: { fn: yaml },
};

/** Rouge lexer names (tags and aliases, as `Rouge::Lexer.find` takes them) → our grammar. */
const BY_ROUGE_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries({
    apache: 'apache',
    bash: 'bash', sh: 'bash', shell: 'bash', zsh: 'bash', ksh: 'bash',
    console: 'shell', terminal: 'shell', 'shell-session': 'shell', shell_session: 'shell',
    bat: 'dos', batch: 'dos', batchfile: 'dos', dosbatch: 'dos', winbatch: 'dos',
    c: 'c',
    clojure: 'clojure', clj: 'clojure', cljs: 'clojure',
    cmake: 'cmake',
    coffeescript: 'coffeescript', coffee: 'coffeescript', 'coffee-script': 'coffeescript',
    cpp: 'cpp', 'c++': 'cpp',
    csharp: 'csharp', cs: 'csharp', 'c#': 'csharp',
    css: 'css',
    dart: 'dart',
    diff: 'diff', patch: 'diff', udiff: 'diff',
    // Liquid, Jinja, Django and Twig: the same {% tag %} / {{ output }} syntax.
    liquid: 'liquid', django: 'django', jinja: 'django', twig: 'django',
    dockerfile: 'dockerfile', Dockerfile: 'dockerfile', docker: 'dockerfile',
    elixir: 'elixir', ex: 'elixir', exs: 'elixir',
    erb: 'erb', eruby: 'erb', rhtml: 'erb',
    erlang: 'erlang', erl: 'erlang',
    go: 'go', golang: 'go',
    graphql: 'graphql',
    groovy: 'groovy', gradle: 'groovy',
    handlebars: 'handlebars', hbs: 'handlebars', mustache: 'handlebars',
    haskell: 'haskell', hs: 'haskell',
    http: 'http',
    ini: 'ini', toml: 'ini',
    java: 'java',
    javascript: 'javascript', js: 'javascript', jsx: 'javascript', react: 'javascript',
    json: 'json', jsonc: 'json', 'json-doc': 'json',
    julia: 'julia', jl: 'julia',
    kotlin: 'kotlin',
    latex: 'latex', LaTeX: 'latex', tex: 'latex', TeX: 'latex',
    lua: 'lua',
    make: 'makefile', makefile: 'makefile', gnumake: 'makefile', bsdmake: 'makefile',
    markdown: 'markdown', md: 'markdown', mkd: 'markdown',
    matlab: 'matlab',
    nginx: 'nginx',
    objective_c: 'objectivec', objectivec: 'objectivec', objc: 'objectivec', 'obj-c': 'objectivec', obj_c: 'objectivec',
    perl: 'perl', pl: 'perl',
    php: 'php', php3: 'php', php4: 'php', php5: 'php',
    powershell: 'powershell', posh: 'powershell', microsoftshell: 'powershell', msshell: 'powershell',
    properties: 'properties',
    protobuf: 'protobuf', proto: 'protobuf',
    python: 'python', py: 'python',
    r: 'r', R: 'r',
    ruby: 'ruby', rb: 'ruby',
    rust: 'rust', rs: 'rust',
    scala: 'scala',
    scss: 'scss', sass: 'scss',
    sql: 'sql',
    swift: 'swift',
    typescript: 'typescript', ts: 'typescript', tsx: 'typescript',
    vb: 'vbnet', visualbasic: 'vbnet',
    vim: 'vim', viml: 'vim', vimscript: 'vim',
    html: 'xml', xml: 'xml', plist: 'xml', vue: 'xml', vuejs: 'xml',
    yaml: 'yaml', yml: 'yaml',
  }),
);

// ---------------------------------------------------------------------------
// highlight.js scopes → Rouge's short token class names

/** A Rouge class, one computed from the token's text, or null: no span. */
type ClassOf = string | ((text: string) => string) | null;

function numberClass(t: string): string {
  if (/^[+-]?0[xX]/.test(t)) return 'mh';
  if (/^[+-]?0[bB]/.test(t)) return 'mb';
  if (/^[+-]?0[oO]/.test(t)) return 'mo';
  if (/^[+-]?\d[\d_]*[lLuUnN]*$/.test(t)) return 'mi';
  if (/^[+-]?[\d_]*\.?\d[\d_]*(?:[eE][+-]?\d+)?[fFdD]?$/.test(t)) return 'mf';
  return 'm';
}

function stringClass(t: string): string {
  const q = /^[a-zA-Z]{0,2}(["'`]|<<)/.exec(t)?.[1];
  if (q === '"') return 's2';
  if (q === "'") return 's1';
  if (q === '`') return 'sb';
  if (q === '<<') return 'sh';
  return 's';
}

function commentClass(t: string): string {
  if (t.startsWith('#!')) return 'ch';
  if (t.startsWith('/*') || t.startsWith('{-') || t.startsWith('(*') || t.startsWith('=begin')) return 'cm';
  if (/^(?:\/\/|#|--|;|%|')/.test(t)) return 'c1';
  return 'c';
}

/** A keyword class by word: Rouge's lexers tell declarations, namespaces, reserved words … apart. */
function keywordClass(words: Record<string, string>, otherwise = 'k'): (t: string) => string {
  const byWord = new Map<string, string>();
  for (const [cls, list] of Object.entries(words)) for (const w of list.split(' ')) byWord.set(w, cls);
  return (t) => byWord.get(t) ?? otherwise;
}

/** highlight.js scope (most specific first: `title.function.invoke`, then `title.function`, then `title`) → Rouge class. */
const SCOPES: Record<string, ClassOf> = {
  keyword: 'k',
  built_in: 'nb',
  type: 'kt',
  literal: 'kc',
  number: numberClass,
  operator: 'o',
  punctuation: 'p',
  property: 'py',
  regexp: 'sr',
  string: stringClass,
  'char.escape': 'se',
  subst: 'si',
  symbol: 'ss',
  class: 'nc',
  function: null,
  title: 'nf',
  'title.class': 'nc',
  'title.function': 'nf',
  'title.function.invoke': null,
  variable: 'nv',
  'variable.language': 'bp',
  'variable.constant': 'no',
  params: null,
  comment: commentClass,
  doctag: 'cs',
  meta: 'cp',
  'meta.prompt': 'gp',
  section: 'gh',
  tag: 'nt',
  name: 'nt',
  attr: 'na',
  attribute: 'na',
  bullet: 'p',
  code: 'sb',
  emphasis: 'ge',
  strong: 'gs',
  formula: null,
  link: null,
  quote: 'c',
  'selector-tag': 'nt',
  'selector-id': 'nn',
  'selector-class': 'nc',
  'selector-attr': 'na',
  'selector-pseudo': 'nd',
  'template-tag': 'p',
  'template-variable': 'nv',
  addition: 'gi',
  deletion: 'gd',
};

/** Writes `text` with `cls` (no span when undefined). */
function span(cls: string | undefined, text: string): string {
  return cls === undefined ? escapeAll(text) : `<span class="${cls}">${escapeAll(text)}</span>`;
}

/** Text no scope covers, split by `re`: each group number's match gets `classes[group - 1]`. */
function splitter(re: RegExp, classes: Array<string | undefined>): (text: string) => string {
  return (text) => {
    let out = '';
    let last = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      let g = 1;
      while (m[g] === undefined) g++;
      const start = m.index + m[0].length - m[g]!.length;
      out += escapeAll(text.slice(last, start)) + span(classes[g - 1], m[g]!);
      last = m.index + m[0].length;
    }
    return out + escapeAll(text.slice(last));
  };
}

/** Punctuation and operators, which Rouge's lexers for programming languages mark and highlight.js leaves bare. */
const codePlain = splitter(/([()[\]{};,.:]+)|([-+*/%=&|<>!^~?@]+)/g, ['p', 'o']);
/** Rouge's shell lexer: options are `nt`, redirections, pipes and parentheses `o`. */
const shellPlain = splitter(/(?:^|(?<=[ \t]))(--?[A-Za-z0-9][\w-]*)|([|&;()<>=]+)/g, ['nt', 'o']);
/** Inside Liquid/Jinja tags: delimiters and dots `p`, names `nv`. */
const templatePlain = splitter(/(\{[{%]-?|-?[%}]\}|[.|:,[\]()])|([=!<>]=?|\b(?:and|or|contains)\b)|(?<=\|[ \t]*)([A-Za-z_]\w*)|([A-Za-z_][\w-]*\??)/g, ['p', 'o', 'nf', 'nv']);

interface GrammarStyle {
  /** Scopes that mean something else in this grammar (or that Rouge's lexer names otherwise). */
  scopes?: Record<string, ClassOf>;
  /** How text outside any scope is written (`scope`: the highlight.js scope it is in, if any). */
  plain?: (text: string, scope: string | undefined) => string;
  /** Quotes of strings as `dl` (Rouge's JavaScript lexer). */
  quoteDelimiters?: boolean;
}

const JS_STYLE: GrammarStyle = {
  scopes: {
    keyword: keywordClass({ kd: 'var let const with function class extends constructor get set static', kr: 'enum implements interface package private protected public' }),
    // Rouge's JavaScript lexer: every name that is not a keyword or a builtin is `nx`, calls and classes included.
    'title.function': 'nx',
    'title.class': 'nx',
    'variable.language': (t) => (t === 'this' || t === 'super' ? 'k' : 'nx'),
    string: (t) => (t.startsWith('`') ? 's2' : stringClass(t)),
  },
  plain: splitter(/([()[\]{};,.:]+)|([-+*/%=&|<>!^~?@]+)|([A-Za-z_$][\w$]*)/g, ['p', 'o', 'nx']),
  quoteDelimiters: true,
};

const CODE: GrammarStyle = { plain: codePlain };

const STYLES: Record<string, GrammarStyle> = {
  bash: { scopes: { comment: 'c' }, plain: shellPlain },
  // A console session: what is not a prompt or a command is the commands' output.
  shell: { scopes: { comment: 'c' }, plain: (t) => span('go', t) },
  c: { scopes: { string: 's' }, plain: codePlain },
  cpp: { scopes: { string: 's', built_in: null }, plain: codePlain },
  csharp: CODE,
  css: { scopes: { attribute: 'nl' }, plain: codePlain },
  scss: { scopes: { attribute: 'nl' }, plain: codePlain },
  dart: CODE,
  go: { scopes: { comment: 'c' }, plain: codePlain },
  graphql: CODE,
  groovy: CODE,
  ini: { scopes: { attr: 'py', comment: 'c' } },
  java: CODE,
  javascript: JS_STYLE,
  json: { scopes: { attr: 'nl', keyword: 'kc' }, plain: codePlain },
  julia: CODE,
  kotlin: CODE,
  liquid: {
    scopes: { 'template-tag': null, 'template-variable': null, name: keywordClass({ kr: 'if elsif else unless case when endif endunless endcase' }, 'nt'), keyword: 'nt', string: stringClass },
    plain: (t, scope) => (scope === 'template-tag' || scope === 'template-variable' ? templatePlain(t) : escapeAll(t)),
  },
  lua: CODE,
  markdown: {
    // Rouge's Markdown lexer: `#` and `---` underlined headings are gh, `##`… and `===` underlined gu; quotes gt.
    scopes: { section: (t) => (/^#(?!#)|\n-+\s*$/.test(t) ? 'gh' : 'gu'), quote: 'gt', string: 'nv', link: null, symbol: 'ss' },
  },
  matlab: CODE,
  objectivec: CODE,
  perl: CODE,
  php: CODE,
  powershell: CODE,
  python: {
    scopes: { keyword: keywordClass({ kn: 'import from', ow: 'and or not in is' }), meta: 'nd', string: (t) => (/^[a-zA-Z]{0,2}("""|''')/.test(t) ? 'sd' : 's') },
    plain: codePlain,
  },
  r: CODE,
  // Rouge's Ruby lexer: a method name after `.` is `nf`.
  ruby: { scopes: { 'title.class': 'no' }, plain: splitter(/([()[\]{};,.:]+)|([-+*/%=&|<>!^~?@]+)|(?<=\.)([a-z_]\w*[!?]?)/g, ['p', 'o', 'nf']) },
  rust: { scopes: { meta: 'nd' }, plain: codePlain },
  scala: CODE,
  sql: CODE,
  swift: CODE,
  typescript: JS_STYLE,
  vbnet: CODE,
  xml: { scopes: { string: 's' } },
  yaml: { scopes: { string: 's', literal: 'no', meta: 'nn', bullet: 'pi' } },
};

function classOf(scope: string, style: GrammarStyle | undefined): ClassOf {
  const own = style?.scopes;
  for (let s = scope; ; s = s.slice(0, s.lastIndexOf('.'))) {
    if (own && s in own) return own[s] ?? null;
    const c = SCOPES[s];
    if (c !== undefined) return c;
    if (!s.includes('.')) return null;
  }
}

// ---------------------------------------------------------------------------
// Emitter: highlight.js's token tree, written out with Rouge classes

interface ScopeNode {
  /** highlight.js scope; `language:x` for an embedded language's root; undefined for the root. */
  scope: string | undefined;
  kids: Array<string | ScopeNode>;
}

/** highlight.js's Emitter interface (what its parser calls), keeping the tree for `rougeHtml`. */
class TreeEmitter {
  readonly root: ScopeNode = { scope: undefined, kids: [] };
  private readonly stack: ScopeNode[] = [this.root];

  private top(): ScopeNode {
    return this.stack[this.stack.length - 1]!;
  }
  addText(text: string): void {
    if (text !== '') this.top().kids.push(text);
  }
  startScope(scope: string): void {
    this.openNode(scope);
  }
  endScope(): void {
    this.closeNode();
  }
  openNode(scope: string): void {
    const node: ScopeNode = { scope, kids: [] };
    this.top().kids.push(node);
    this.stack.push(node);
  }
  closeNode(): void {
    if (this.stack.length > 1) this.stack.pop();
  }
  __addSublanguage(emitter: TreeEmitter, name: string): void {
    const sub = emitter.root;
    sub.scope = name ? `language:${name}` : undefined;
    this.top().kids.push(sub);
  }
  finalize(): boolean {
    this.stack.length = 1;
    return true;
  }
  /** Unused: the result is written from the tree (rougeHtml), which needs the grammar's name. */
  toHTML(): string {
    return '';
  }
}

function textOf(node: ScopeNode): string {
  let s = '';
  for (const k of node.kids) s += typeof k === 'string' ? k : textOf(k);
  return s;
}

/**
 * The tree as HTML: Rouge's class per node; no span where a node has no
 * class or the enclosing span has the same one. `outer`: the class of the
 * enclosing span; `scope`: the innermost highlight.js scope.
 */
function rougeHtml(node: ScopeNode, grammar: string, outer: string | undefined, scope: string | undefined): string {
  const style = STYLES[grammar];
  let out = '';
  for (const k of node.kids) {
    if (typeof k === 'string') {
      out += outer === undefined && style?.plain ? style.plain(k, scope) : escapeAll(k);
      continue;
    }
    if (k.scope === undefined || k.scope.startsWith('language:')) {
      out += rougeHtml(k, k.scope === undefined ? grammar : k.scope.slice(9), outer, undefined);
      continue;
    }
    const c = classOf(k.scope, style);
    const cls = typeof c === 'function' ? c(textOf(k)) : (c ?? undefined);
    if (cls === undefined || cls === outer) {
      out += rougeHtml(k, grammar, outer, k.scope);
      continue;
    }
    const first = k.kids[0];
    const last = k.kids[k.kids.length - 1];
    const q = typeof first === 'string' ? first[0] : undefined;
    if (style?.quoteDelimiters && typeof first === 'string' && (q === '"' || q === "'") && typeof last === 'string' && last.endsWith(q) && (k.kids.length > 1 || last.length >= 2)) {
      // 'text' → <dl>'</dl><s1>text</s1><dl>'</dl>, as Rouge's JavaScript lexer writes strings.
      const kids = k.kids.length === 1 ? [first.slice(1, -1)] : [first.slice(1), ...k.kids.slice(1, -1), last.slice(0, -1)];
      const inner = rougeHtml({ scope: k.scope, kids: kids.filter((x) => x !== '') }, grammar, cls, k.scope);
      out += `${span('dl', q)}${inner === '' ? '' : `<span class="${cls}">${inner}</span>`}${span('dl', q)}`;
      continue;
    }
    const inner = rougeHtml(k, grammar, cls, k.scope);
    if (inner !== '') out += `<span class="${cls}">${inner}</span>`;
  }
  return out;
}

// ---------------------------------------------------------------------------

let instance: HLJSApi | undefined;

/**
 * Highlighted code by grammar and text (a pure function's results), least
 * recently used first: the preview renders the whole post again on every
 * edit, which changes one code block at a time. At most MEMO_CHARS of code.
 */
const memo = new Map<string, string>();
const MEMO_CHARS = 1_000_000;
let memoChars = 0;

/** Our highlight.js instance, with `name` (and what it embeds) registered. */
function engine(name: string): HLJSApi {
  if (!instance) {
    instance = hljs.newInstance();
    instance.configure({ __emitter: TreeEmitter, classPrefix: '' });
  }
  const h = instance;
  const register = (n: string): void => {
    if (h.getLanguage(n)) return;
    const g = GRAMMARS[n]!;
    h.registerLanguage(n, g.fn);
    for (const e of g.embeds ?? []) register(e);
  };
  register(name);
  return h;
}

/** The grammar we highlight a Rouge language name with (`ruby`, `rb`, `ruby?opt=1` …), if any. */
export function grammarFor(rougeLang: string): string | undefined {
  const q = rougeLang.indexOf('?');
  return BY_ROUGE_NAME.get(q >= 0 ? rougeLang.slice(0, q) : rougeLang);
}

/**
 * `code` highlighted as Rouge would name its tokens: escaped text in
 * `<span class="k">`-style spans. Undefined when there is no grammar for
 * `rougeLang` (the caller writes the code unhighlighted, as Rouge's plain
 * text lexer would).
 */
export function highlightCode(code: string, rougeLang: string): string | undefined {
  const name = grammarFor(rougeLang);
  if (name === undefined) return undefined;
  const key = `${name}\n${code}`;
  const hit = memo.get(key);
  if (hit !== undefined) {
    // Most recently used last.
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const h = engine(name);
  const result = h.highlight(code, { language: name, ignoreIllegals: true });
  // On an internal error highlight.js returns the text with its own escaping (quotes too): ours instead.
  const html = (result as { errorRaised?: unknown }).errorRaised !== undefined || result.illegal ? escapeAll(code) : rougeHtml((result._emitter as unknown as TreeEmitter).root, name, undefined, undefined);
  if (key.length <= MEMO_CHARS / 4) {
    memo.set(key, html);
    memoChars += key.length;
    for (const old of memo.keys()) {
      if (memoChars <= MEMO_CHARS) break;
      memo.delete(old);
      memoChars -= old.length;
    }
  }
  return html;
}
