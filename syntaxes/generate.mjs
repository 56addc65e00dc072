#!/usr/bin/env node
// Generates the Liquid injection grammars in this folder. The JSON files are
// committed; edit this file, then run `node syntaxes/generate.mjs` (and
// `npm run test:grammar`). `--check` exits 1 when a JSON file is out of date.
//
// Three injection grammars, because one selector cannot do all three jobs:
//
//   liquid.injection.tmLanguage.json        Markdown, inline: tags, outputs, and
//     raw/comment/highlight blocks inside paragraphs, headings, lists, tables,
//     links, inline code and fenced code. Its patterns win ties with Markdown's
//     own ("L:") inside those, but NOT at block level, where Markdown must first
//     open the paragraph (else a line that starts with `{{ x }}` would lose its
//     paragraph and the bold, links, … after it).
//   liquid-blocks.injection.tmLanguage.json Markdown, block level: a line that
//     opens a multi-line `{% raw %}`, `{% comment %}` or `{% highlight %}`
//     block. VS Code's paragraphs last one line (begin/while), so such a block
//     must be opened outside any paragraph to survive blank lines.
//   liquid-html.injection.tmLanguage.json   HTML files (layouts, includes).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- languages
// `{% highlight LANG %}` → the grammar VS Code ships for it. Aliases are Rouge
// lexer names and aliases (what Jekyll accepts); `id` is VS Code's language id,
// used in the content scope `meta.embedded.block.<id>`, the same names VS Code's
// Markdown grammar gives fenced code, so the embedded-language features
// (comment toggling, brackets, …) that Markdown maps for fences apply here too.
export const LANGUAGES = [
  { id: 'ruby', aliases: ['ruby', 'rb'], scopes: ['source.ruby'] },
  { id: 'python', aliases: ['python', 'py', 'python3', 'py3'], scopes: ['source.python'] },
  { id: 'javascript', aliases: ['javascript', 'js', 'mjs', 'cjs', 'ecmascript'], scopes: ['source.js'] },
  { id: 'javascriptreact', aliases: ['jsx'], scopes: ['source.js.jsx'] },
  { id: 'typescript', aliases: ['typescript', 'ts'], scopes: ['source.ts'] },
  { id: 'typescriptreact', aliases: ['tsx'], scopes: ['source.tsx'] },
  { id: 'shellscript', aliases: ['shell', 'sh', 'bash', 'zsh', 'ksh', 'shellscript'], scopes: ['source.shell'] },
  { id: 'powershell', aliases: ['powershell', 'posh', 'ps1', 'psm1'], scopes: ['source.powershell'] },
  { id: 'bat', aliases: ['batchfile', 'bat', 'batch', 'dosbatch', 'winbatch'], scopes: ['source.batchfile'] },
  { id: 'html', aliases: ['html', 'xhtml'], scopes: ['text.html.basic'] },
  { id: 'xml', aliases: ['xml', 'xsd', 'svg', 'rss'], scopes: ['text.xml'] },
  { id: 'css', aliases: ['css'], scopes: ['source.css'] },
  { id: 'scss', aliases: ['scss'], scopes: ['source.css.scss'] },
  { id: 'less', aliases: ['less'], scopes: ['source.css.less'] },
  { id: 'json', aliases: ['json'], scopes: ['source.json'] },
  { id: 'jsonc', aliases: ['jsonc', 'json-doc'], scopes: ['source.json.comments'] },
  { id: 'yaml', aliases: ['yaml', 'yml'], scopes: ['source.yaml'] },
  { id: 'markdown', aliases: ['markdown', 'md', 'mkd'], scopes: ['text.html.markdown'] },
  { id: 'c', aliases: ['c'], scopes: ['source.c'] },
  { id: 'cpp', aliases: ['cpp', 'c\\+\\+', 'cxx', 'hpp'], scopes: ['source.cpp'] },
  { id: 'csharp', aliases: ['csharp', 'c#', 'cs'], scopes: ['source.cs'] },
  { id: 'java', aliases: ['java'], scopes: ['source.java'] },
  { id: 'go', aliases: ['go', 'golang'], scopes: ['source.go'] },
  { id: 'rust', aliases: ['rust', 'rs'], scopes: ['source.rust'] },
  { id: 'swift', aliases: ['swift'], scopes: ['source.swift'] },
  { id: 'objective-c', aliases: ['objective_c', 'objective-c', 'objectivec', 'objc', 'obj-c', 'obj_c'], scopes: ['source.objc'] },
  { id: 'php', aliases: ['php', 'php3', 'php4', 'php5'], scopes: ['text.html.basic', 'source.php'] },
  { id: 'sql', aliases: ['sql', 'mysql', 'postgresql', 'postgres', 'sqlite'], scopes: ['source.sql'] },
  { id: 'diff', aliases: ['diff', 'patch', 'udiff'], scopes: ['source.diff'] },
  { id: 'lua', aliases: ['lua'], scopes: ['source.lua'] },
  { id: 'perl', aliases: ['perl', 'pl'], scopes: ['source.perl'] },
  { id: 'r', aliases: ['r', 'R', 's', 'S'], scopes: ['source.r'] },
  { id: 'dart', aliases: ['dart'], scopes: ['source.dart'] },
  { id: 'groovy', aliases: ['groovy'], scopes: ['source.groovy'] },
  { id: 'clojure', aliases: ['clojure', 'clj', 'cljs'], scopes: ['source.clojure'] },
  { id: 'coffeescript', aliases: ['coffeescript', 'coffee', 'coffee-script'], scopes: ['source.coffee'] },
  { id: 'fsharp', aliases: ['fsharp', 'f#'], scopes: ['source.fsharp'] },
  { id: 'julia', aliases: ['julia', 'jl'], scopes: ['source.julia'] },
  { id: 'dockerfile', aliases: ['dockerfile', 'docker'], scopes: ['source.dockerfile'] },
  { id: 'makefile', aliases: ['makefile', 'make', 'mf', 'gnumake', 'bsdmake'], scopes: ['source.makefile'] },
  { id: 'ini', aliases: ['ini'], scopes: ['source.ini'] },
  { id: 'latex', aliases: ['latex', 'tex'], scopes: ['text.tex.latex'] },
  { id: 'handlebars', aliases: ['handlebars', 'hbs', 'mustache'], scopes: ['text.html.handlebars'] },
  { id: 'pug', aliases: ['pug', 'jade'], scopes: ['text.pug'] },
  { id: 'vb', aliases: ['vb', 'vbnet', 'visualbasic'], scopes: ['source.asp.vb.net'] },
  { id: 'scala', aliases: ['scala'], scopes: ['source.scala'] },
];

// ---------------------------------------------------------------- regex bits
const OPEN_TAG = String.raw`\{%-?`;
const CLOSE_TAG = String.raw`-?%\}`;
const OPEN_OUT = String.raw`\{\{-?`;
const CLOSE_OUT = String.raw`-?\}\}`;
// Liquid names may contain '-' but not end with it (`x-%}` is `x` then `-%}`).
const NAME = String.raw`[A-Za-z_](?:[\w-]*\w)?`;
/** `{% name %}`, captured: 1 the whole tag, 2 open, 3 name, 4 close. */
const simpleTag = (name) => String.raw`((${OPEN_TAG})\s*(${name})\s*(${CLOSE_TAG}))`;
const tagCaptures = {
  1: { name: 'meta.tag.liquid' },
  2: { name: 'punctuation.definition.tag.begin.liquid' },
  3: { name: 'entity.name.tag.liquid' },
  4: { name: 'punctuation.definition.tag.end.liquid' },
};
/** Whole-line form used at Markdown block level: the tag starts the line and its end tag is not on it. */
const lineStart = (begin, endName) =>
  String.raw`(?:^|\G)[ \t]*(?=${OPEN_TAG}\s*[a-z])(?!.*${OPEN_TAG}\s*${endName}\s*${CLOSE_TAG})${begin}`;

// ---------------------------------------------------------------- expressions
/**
 * Expression patterns. Liquid ends a tag or an output at the first `%}` / `}}`
 * even inside a string, so a string may not contain its context's closer.
 */
function expression(ctx) {
  const notCloser = ctx === 'tag' ? String.raw`(?:[^%X]|%(?!\}))` : String.raw`(?:[^}X]|\}(?!\}))`;
  const str = (q, kind) => ({
    match: String.raw`(${q})(${notCloser.replaceAll('X', q)}*)(${q})`,
    name: `string.quoted.${kind}.liquid`,
    captures: {
      1: { name: 'punctuation.definition.string.begin.liquid' },
      3: { name: 'punctuation.definition.string.end.liquid' },
    },
  });
  return {
    patterns: [
      str('"', 'double'),
      str("'", 'single'),
      {
        match: String.raw`(\|)\s*(${NAME})`,
        captures: {
          1: { name: 'punctuation.separator.pipe.liquid' },
          2: { name: 'support.function.filter.liquid' },
        },
      },
      {
        // keyword arguments: `limit: 3`, `offset:continue`, `allow_false: true`
        match: String.raw`(${NAME})\s*(:)(?!:)`,
        captures: {
          1: { name: 'variable.parameter.liquid' },
          2: { name: 'punctuation.separator.colon.liquid' },
        },
      },
      { match: String.raw`(?<![\w.-])(?:true|false|nil|null|empty|blank)(?![\w?-])`, name: 'constant.language.liquid' },
      { match: String.raw`(?<![\w.-])(?:and|or|contains|in)(?![\w?-])`, name: 'keyword.operator.liquid' },
      { match: String.raw`(?<![\w.-])reversed(?![\w?-])`, name: 'variable.parameter.liquid' },
      { match: String.raw`==|!=|<>|<=|>=|<|>`, name: 'keyword.operator.liquid' },
      { match: String.raw`\.\.`, name: 'keyword.operator.range.liquid' },
      { match: String.raw`(?<![\w-])(?<!\w\.)-?\d+(?:\.\d+)?(?![\w-])`, name: 'constant.numeric.liquid' },
      {
        // Jekyll's and Liquid's global objects
        match: String.raw`(?<![\w.-])(?:site|page|layout|theme|content|paginator|include|jekyll|forloop|tablerowloop)(?![\w?-])`,
        name: 'variable.language.liquid',
      },
      {
        match: String.raw`(\.)(${NAME}\??)`,
        captures: {
          1: { name: 'punctuation.accessor.liquid' },
          2: { name: 'variable.other.member.liquid' },
        },
      },
      {
        begin: String.raw`\[`,
        beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.liquid' } },
        end: String.raw`\]|(?=${ctx === 'tag' ? CLOSE_TAG : CLOSE_OUT})`,
        endCaptures: { 0: { name: 'punctuation.section.brackets.end.liquid' } },
        patterns: [{ include: ctx === 'tag' ? '#expression_tag' : '#expression_output' }],
      },
      { match: String.raw`\(`, name: 'punctuation.section.parens.begin.liquid' },
      { match: String.raw`\)`, name: 'punctuation.section.parens.end.liquid' },
      { match: String.raw`${NAME}\??`, name: 'variable.other.liquid' },
      { match: ',', name: 'punctuation.separator.comma.liquid' },
      { match: ':', name: 'punctuation.separator.colon.liquid' },
      { match: '=', name: 'keyword.operator.assignment.liquid' },
    ],
  };
}

// ---------------------------------------------------------------- tags
const tagEnd = { end: `(${CLOSE_TAG})`, endCaptures: { 1: { name: 'punctuation.definition.tag.end.liquid' } } };
const tagBeginCaptures = {
  1: { name: 'punctuation.definition.tag.begin.liquid' },
  2: { name: 'entity.name.tag.liquid' },
};

const repositoryCommon = {
  output: {
    begin: `(${OPEN_OUT})`,
    beginCaptures: { 1: { name: 'punctuation.definition.tag.begin.liquid' } },
    end: `(${CLOSE_OUT})`,
    endCaptures: { 1: { name: 'punctuation.definition.tag.end.liquid' } },
    name: 'meta.object.liquid',
    patterns: [{ include: '#expression_output' }],
  },
  tag_path: {
    // {% include file.html k=v %}, {% include_relative … %}, {% include_cached … %},
    // {% link _posts/x.md %}, {% post_url 2024/2024-4-8-x %}
    begin: String.raw`(${OPEN_TAG})\s*(include|include_relative|include_cached|link|post_url)(?=\s|${CLOSE_TAG})`,
    beginCaptures: tagBeginCaptures,
    ...tagEnd,
    name: 'meta.tag.liquid',
    patterns: [
      {
        match: String.raw`\G\s*([^\s{}%"'=]+?)(?=\s|${CLOSE_TAG})`,
        captures: { 1: { name: 'string.unquoted.path.liquid' } },
      },
      {
        match: String.raw`(${NAME})\s*(=)`,
        captures: {
          1: { name: 'variable.parameter.liquid' },
          2: { name: 'keyword.operator.assignment.liquid' },
        },
      },
      { include: '#output' },
      { include: '#expression_tag' },
    ],
  },
  tag_assign: {
    begin: String.raw`(${OPEN_TAG})\s*(assign)\s+(${NAME})\s*(=)`,
    beginCaptures: {
      ...tagBeginCaptures,
      3: { name: 'variable.other.liquid' },
      4: { name: 'keyword.operator.assignment.liquid' },
    },
    ...tagEnd,
    name: 'meta.tag.liquid',
    patterns: [{ include: '#expression_tag' }],
  },
  tag: {
    begin: String.raw`(${OPEN_TAG})\s*(${NAME})?`,
    beginCaptures: tagBeginCaptures,
    ...tagEnd,
    name: 'meta.tag.liquid',
    patterns: [{ include: '#expression_tag' }],
  },
  comment_block: {
    begin: simpleTag('comment'),
    beginCaptures: tagCaptures,
    end: simpleTag('endcomment'),
    endCaptures: tagCaptures,
    name: 'meta.block.comment.liquid',
    contentName: 'comment.block.liquid',
    // Liquid balances nested comment blocks; nothing else is parsed inside.
    patterns: [{ include: '#comment_block' }],
  },
  expression_tag: expression('tag'),
  expression_output: expression('output'),
};

// HTML's grammar flags a `<` it does not understand (an injection of its own,
// with "R:" priority, active in HTML files). An unnamed match wins that tie,
// so a verbatim body never shows red brackets.
const LT = { match: '<' };

/**
 * raw block. `body`: the host's patterns for the body (tokenized, never as
 * Liquid); `lastLine`: also tokenize the text before `{% endraw %}` on the
 * line that ends the block with them (only safe for single-line constructs).
 */
function rawBlock(beginRe, body = [], lastLine = false) {
  const rule = {
    begin: beginRe,
    beginCaptures: tagCaptures,
    end: simpleTag('endraw'),
    endCaptures: tagCaptures,
    name: 'meta.block.raw.liquid',
    contentName: 'markup.raw.liquid',
    patterns: [LT],
  };
  if (body.length) {
    // The body is host markup; it stops on the line that holds `{% endraw %}`
    // (that line is raw text) so the end tag is always seen.
    const guard = String.raw`(?:^|\G)(?!.*${OPEN_TAG}\s*endraw\s*${CLOSE_TAG})`;
    rule.patterns = [{ begin: guard, while: guard, patterns: body }];
    if (lastLine) {
      rule.patterns.push({
        begin: String.raw`(?:^|\G)(?=.*${OPEN_TAG}\s*endraw\s*${CLOSE_TAG})`,
        end: String.raw`(?=${OPEN_TAG}\s*endraw\s*${CLOSE_TAG})`,
        patterns: body,
      });
    }
    rule.patterns.push(LT);
  }
  return rule;
}

/**
 * `{% highlight LANG [linenos[=table]] [mark_lines="1 2"] %}` … `{% endhighlight %}`.
 * The outer rule takes `{% highlight `; one inner rule per language (then one
 * for any other language, body not embedded) takes the rest of the tag at \G
 * and the body. Keeping the ~50 language rules inside the outer one means
 * their regexes are compiled only when a post has a highlight block, not for
 * every paragraph (VS Code gives a line 500 ms, first compilation included).
 */
function highlightBlock(anchored) {
  const LANG = String.raw`[\w.+#-]+`;
  const OPTS = String.raw`(?:\s+[\w-]+(?:=(?:"[^"%]*"|[\w-]+))?)*`;
  const head = String.raw`((${OPEN_TAG})\s*(highlight)\s+)(?=${LANG}${OPTS}\s*${CLOSE_TAG})`;
  const endRe = String.raw`((${OPEN_TAG})\s*(endhighlight)\s*(${CLOSE_TAG}))`;
  const rest = (lang) => String.raw`\G(${lang})(${OPTS})\s*(${CLOSE_TAG})`;
  const restCaptures = {
    0: { name: 'meta.tag.liquid' },
    1: { name: 'constant.other.language.liquid' },
    // a capture with patterns is tokenized under the rule's scopes only, not
    // under capture 0's: name it again
    2: { name: 'meta.tag.liquid', patterns: [{ include: '#highlight_options' }] },
    3: { name: 'punctuation.definition.tag.end.liquid' },
  };
  // The body stops on the line that holds `{% endhighlight %}`: an embedded
  // grammar left in a string or comment cannot swallow the end tag.
  const guard = String.raw`(?:^|\G)(?!.*${OPEN_TAG}\s*endhighlight\s*${CLOSE_TAG})`;
  const languages = LANGUAGES.map((l) => ({
    begin: rest(String.raw`(?i:${l.aliases.join('|')})(?=\s|${CLOSE_TAG})`),
    beginCaptures: restCaptures,
    end: endRe,
    endCaptures: tagCaptures,
    patterns: [
      {
        begin: guard,
        while: guard,
        contentName: `meta.embedded.block.${l.id}`,
        patterns: l.scopes.map((s) => ({ include: s })),
      },
    ],
  }));
  languages.push({ begin: rest(LANG), beginCaptures: restCaptures, end: endRe, endCaptures: tagCaptures, patterns: [LT] });
  return {
    begin: anchored ? lineStart(head, 'endhighlight') : head,
    beginCaptures: {
      1: { name: 'meta.tag.liquid' },
      2: { name: 'punctuation.definition.tag.begin.liquid' },
      3: { name: 'entity.name.tag.liquid' },
    },
    // right after the inner rule's `{% endhighlight %}`
    end: String.raw`(?<=%\})`,
    name: 'meta.block.highlight.liquid',
    patterns: languages,
  };
}

const highlightOptions = {
  patterns: [
    {
      match: String.raw`([\w-]+)(?:(=)(?:("[^"]*")|([\w-]+)))?`,
      captures: {
        1: { name: 'variable.parameter.liquid' },
        2: { name: 'keyword.operator.assignment.liquid' },
        3: { name: 'string.quoted.double.liquid' },
        4: { name: 'constant.other.liquid' },
      },
    },
  ],
};

// ---------------------------------------------------------------- Markdown-only rules
// VS Code's Markdown grammar matches a link, an image or an inline code span
// with one regex, which leaves no room for Liquid inside (and a link whose URL
// is `{% post_url x %}` has a space, so it is no link at all to it). These
// rules take over only when Liquid is inside, and give the same scopes.
const TITLE = String.raw`(?:[ \t]+(?:((")[^"]*("))|((')[^']*('))|((\()[^()]*(\)))))?`;
const titleCaptures = (o) => ({
  [o]: { name: 'string.other.link.description.title.markdown' },
  [o + 1]: { name: 'punctuation.definition.string.begin.markdown' },
  [o + 2]: { name: 'punctuation.definition.string.end.markdown' },
  [o + 3]: { name: 'string.other.link.description.title.markdown' },
  [o + 4]: { name: 'punctuation.definition.string.begin.markdown' },
  [o + 5]: { name: 'punctuation.definition.string.end.markdown' },
  [o + 6]: { name: 'string.other.link.description.title.markdown' },
  [o + 7]: { name: 'punctuation.definition.string.begin.markdown' },
  [o + 8]: { name: 'punctuation.definition.string.end.markdown' },
});
const LIQUID_OPEN = String.raw`\{[{%]`;
const linkText = String.raw`((?<square>[^\[\]\\]|\\.|\[\g<square>*+\])*+)`;
// Liquid in the text, or in the destination, of `[text](dest)`.
const hasLiquid = (open) =>
  String.raw`(?=${open}(?:[^\]\\]|\\.)*${LIQUID_OPEN}(?:[^\]\\]|\\.)*\]\(|${open}(?:[^\]\\]|\\.)*\]\([^()\s]*${LIQUID_OPEN})`;
const inlineInText = [
  { include: '#liquid' },
  { include: 'text.html.markdown#raw' },
  { include: 'text.html.markdown#bold' },
  { include: 'text.html.markdown#italic' },
  { include: 'text.html.markdown#strikethrough' },
];
const repositoryMarkdown = {
  md_link: {
    begin: String.raw`${hasLiquid(String.raw`\[`)}(\[)${linkText}(\])(\()[ \t]*`,
    beginCaptures: {
      1: { name: 'punctuation.definition.link.title.begin.markdown' },
      2: { name: 'string.other.link.title.markdown', patterns: inlineInText },
      4: { name: 'punctuation.definition.link.title.end.markdown' },
      5: { name: 'punctuation.definition.metadata.markdown' },
    },
    end: String.raw`${TITLE}[ \t]*(\))`,
    endCaptures: { ...titleCaptures(1), 10: { name: 'punctuation.definition.metadata.markdown' } },
    name: 'meta.link.inline.markdown',
    contentName: 'markup.underline.link.markdown',
    patterns: [{ include: '#liquid' }],
  },
  md_image: {
    begin: String.raw`${hasLiquid(String.raw`!\[`)}(!\[)${linkText}(\])(\()[ \t]*`,
    beginCaptures: {
      1: { name: 'punctuation.definition.link.description.begin.markdown' },
      2: { name: 'string.other.link.description.markdown', patterns: [{ include: '#liquid' }] },
      4: { name: 'punctuation.definition.link.description.end.markdown' },
      5: { name: 'punctuation.definition.metadata.markdown' },
    },
    end: String.raw`${TITLE}[ \t]*(\))`,
    endCaptures: { ...titleCaptures(1), 10: { name: 'punctuation.definition.metadata.markdown' } },
    name: 'meta.image.inline.markdown',
    contentName: 'markup.underline.link.image.markdown',
    patterns: [{ include: '#liquid' }],
  },
  md_inline_code: {
    // `…{{ x }}…`: Jekyll renders Liquid before Markdown, code spans included.
    begin: String.raw`(\x60+)(?=(?:[^\x60]|(?!(?<!\x60)\1(?!\x60))\x60)*?${LIQUID_OPEN})(?=(?:[^\x60]|(?!(?<!\x60)\1(?!\x60))\x60)*+(?<!\x60)\1(?!\x60))`,
    beginCaptures: { 1: { name: 'punctuation.definition.raw.markdown' } },
    end: String.raw`(?<!\x60)(\1)(?!\x60)`,
    endCaptures: { 1: { name: 'punctuation.definition.raw.markdown' } },
    name: 'markup.inline.raw.string.markdown',
    patterns: [{ include: '#liquid' }],
  },
};

// ---------------------------------------------------------------- grammars
const liquidInline = () => ({
  patterns: [
    { include: '#comment_block' },
    { include: '#raw_block' },
    { include: '#highlight_block' },
    { include: '#tag_path' },
    { include: '#tag_assign' },
    { include: '#tag' },
    { include: '#output' },
  ],
});

function inlineRepository(rawBody = [], lastLine = false) {
  return {
    liquid: liquidInline(),
    raw_block: rawBlock(simpleTag('raw'), rawBody, lastLine),
    highlight_block: highlightBlock(false),
    highlight_options: highlightOptions,
    ...repositoryCommon,
  };
}

// Scopes inside which no Liquid is injected (besides each grammar's own).
const NEVER = ['comment.block.liquid', 'markup.raw.liquid', 'meta.tag.liquid', 'meta.object.liquid'];
const sel = (base, extra = []) => [base, ...[...NEVER, ...extra].map((s) => `-${s}`)].join(' ');

// Markdown inline contexts where Liquid must win a tie with Markdown's own
// patterns (a link at `[`, an embedded language at `{`). Block level (the
// document, lists, quotes) is deliberately absent: there Markdown's paragraph
// must open first.
const MD_INLINE_CONTEXTS = [
  'meta.paragraph.markdown',
  'markup.heading.markdown',
  'markup.table.markdown',
  'markup.bold.markdown',
  'markup.italic.markdown',
  'markup.strikethrough.markdown',
  'markup.fenced_code.block.markdown',
  'markup.raw.block.markdown',
  'meta.embedded',
];
const FRONT_MATTER = 'meta.embedded.block.frontmatter';
// A Liquid tag must not win the tie with `{% endhighlight %}`, the end of the
// highlight rule, so priority is dropped at that rule's own level and given
// back inside its embedded body.
const HIGHLIGHT = 'meta.block.highlight.liquid';
const prioritized = (contexts, extra = []) => [
  ...contexts.map((c) => `L:${sel(c, [...extra, HIGHLIGHT])}`),
  `L:${sel(`${HIGHLIGHT} meta.embedded`, extra)}`,
];

const grammars = {
  'liquid.injection.tmLanguage.json': {
    $comment: 'Generated by syntaxes/generate.mjs — do not edit. Liquid (Jekyll) in Markdown, inline.',
    scopeName: 'jekyll.liquid.markdown.injection',
    injectionSelector: [...prioritized(MD_INLINE_CONTEXTS, [FRONT_MATTER]), sel('text.html.markdown', [FRONT_MATTER])].join(', '),
    patterns: [
      { include: '#md_inline_code' },
      { include: '#md_image' },
      { include: '#md_link' },
      { include: '#liquid' },
    ],
    repository: { ...inlineRepository(), ...repositoryMarkdown },
  },
  'liquid-blocks.injection.tmLanguage.json': {
    $comment: 'Generated by syntaxes/generate.mjs — do not edit. Liquid (Jekyll) blocks at Markdown block level.',
    scopeName: 'jekyll.liquid.markdown-blocks.injection',
    injectionSelector: [
      `L:${sel('text.html.markdown', [
        'meta.paragraph.markdown',
        'markup.heading.markdown',
        'markup.table.markdown',
        'markup.fenced_code.block.markdown',
        'markup.raw.block.markdown',
        'meta.embedded',
        'comment',
        HIGHLIGHT,
      ])}`,
      `L:${sel('markup.table.markdown', ['meta.embedded', 'comment', HIGHLIGHT])}`,
    ].join(', '),
    patterns: [
      { include: '#comment_block' },
      { include: '#raw_block' },
      { include: '#highlight_block' },
      { include: '#table_cell' },
    ],
    repository: {
      table_cell: {
        // A table cell that holds Liquid. VS Code's cell regex stops at the
        // first `|`, cutting `{{ x | filter }}` in two (Jekyll renders Liquid
        // before the table is parsed, so that pipe is no cell border). The
        // rule starts at the cell's `|` (`\G`: a table row's first pipe, right
        // after the table's while; never at the document's level, where the
        // table itself must start) and has no scope of its own, like VS Code's
        // cell; Liquid inside comes from the inline grammar.
        begin: String.raw`(?:\G|(?<=.))(\|)(?=[^|]*${LIQUID_OPEN})`,
        beginCaptures: { 1: { name: 'punctuation.definition.table.markdown' } },
        end: String.raw`(?=\|)|$`,
        patterns: [{ include: 'text.html.markdown#inline' }],
      },
      comment_block: {
        ...repositoryCommon.comment_block,
        begin: lineStart(simpleTag('comment'), 'endcomment'),
        patterns: [{ include: '#nested_comment_block' }],
      },
      nested_comment_block: { ...repositoryCommon.comment_block, patterns: [{ include: '#nested_comment_block' }] },
      raw_block: rawBlock(lineStart(simpleTag('raw'), 'endraw'), [{ include: 'text.html.markdown#block' }]),
      highlight_block: highlightBlock(true),
      highlight_options: highlightOptions,
    },
  },
  'liquid-html.injection.tmLanguage.json': {
    $comment: 'Generated by syntaxes/generate.mjs — do not edit. Liquid (Jekyll) in HTML layouts and includes.',
    scopeName: 'jekyll.liquid.html.injection',
    injectionSelector: [
      ...prioritized(['text.html.basic', 'text.html.derivative']),
      sel('text.html.basic'),
      sel('text.html.derivative'),
    ].join(', '),
    patterns: [{ include: '#liquid' }],
    repository: inlineRepository([{ include: 'text.html.basic' }], true),
  },
};

// ---------------------------------------------------------------- contributes
// What package.json must contribute for these files (kept in CONTRIBUTES.json
// until merged; `--check` then also compares package.json's grammars).
const embeddedLanguages = Object.fromEntries(LANGUAGES.map((l) => [`meta.embedded.block.${l.id}`, l.id]));
const contributes = {
  grammars: [
    {
      scopeName: grammars['liquid.injection.tmLanguage.json'].scopeName,
      path: './syntaxes/liquid.injection.tmLanguage.json',
      injectTo: ['text.html.markdown'],
      embeddedLanguages,
    },
    {
      scopeName: grammars['liquid-blocks.injection.tmLanguage.json'].scopeName,
      path: './syntaxes/liquid-blocks.injection.tmLanguage.json',
      injectTo: ['text.html.markdown'],
      embeddedLanguages,
    },
    {
      scopeName: grammars['liquid-html.injection.tmLanguage.json'].scopeName,
      path: './syntaxes/liquid-html.injection.tmLanguage.json',
      injectTo: ['text.html.basic', 'text.html.derivative'],
      embeddedLanguages,
    },
  ],
  snippets: [{ language: 'markdown', path: './snippets/jekyll.code-snippets' }],
  languages: [{ id: 'markdown', configuration: './syntaxes/markdown.language-configuration.json' }],
};

// ---------------------------------------------------------------- write
const check = process.argv.includes('--check');
let stale = 0;
const outputs = { ...grammars, 'CONTRIBUTES.json': { contributes } };
for (const [file, grammar] of Object.entries(outputs)) {
  const text = JSON.stringify(grammar, null, 2) + '\n';
  const path = join(here, file);
  let old = '';
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    /* new file */
  }
  if (old === text) continue;
  if (check) {
    console.error(`${file} is out of date: run node syntaxes/generate.mjs`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`wrote syntaxes/${file}`);
  }
}
// Once merged, package.json must contribute exactly these grammars (compared
// key order aside; other grammars it may contribute are not ours).
const canon = (v) => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
try {
  const pkg = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8'));
  const ours = (pkg.contributes?.grammars ?? []).filter((g) => String(g.scopeName).startsWith('jekyll.liquid.'));
  if (ours.length && canon(ours) !== canon(contributes.grammars)) {
    console.error('package.json contributes.grammars (jekyll.liquid.*) differs from syntaxes/CONTRIBUTES.json');
    stale++;
  }
} catch {
  /* no package.json */
}
process.exit(stale ? 1 : 0);
