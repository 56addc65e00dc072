import type { SiteDocument } from '../document';
import { documentLiquid, tokensIn, type CodeBlock, type LiquidScan, type LiquidToken } from '../liquidScan';
import type { Fix, TextEdit } from '../problem';
import type { SiteModel } from '../site';
import type { Finding, Rule, RuleContext } from './rule';

// The tags of Liquid 5.4 and of Jekyll 4.3; any other name is a syntax error ("Unknown tag") unless a plugin adds it.
const KNOWN_TAGS = new Set(
  (
    '# assign break capture case comment continue cycle decrement echo else elsif for if ifchanged include increment liquid raw render tablerow unless when ' +
    'endcapture endcase endcomment endfor endif endifchanged endraw endtablerow endunless highlight endhighlight include_relative link post_url'
  ).split(' '),
);

const WHAT: Record<CodeBlock['kind'], string> = { fence: 'code block', indented: 'indented code block', highlight: '{% highlight %} block' };

function hasPlugins(site: SiteModel): boolean {
  const p = site.config.raw.plugins ?? site.config.raw.gems;
  return Array.isArray(p) && p.length > 0;
}

function shown(doc: SiteDocument, t: LiquidToken): string {
  const s = doc.text.slice(t.start, t.end).replace(/\s+/g, ' ');
  return s.length > 40 ? s.slice(0, 37) + '…' : s;
}

/** Why the Liquid of a code block stops the build, if it does; `certain` unless a plugin might define the tag. */
function failure(doc: SiteDocument, site: SiteModel, live: readonly LiquidToken[]): { text: string; certain: boolean } | undefined {
  const open = live.find((t) => !t.terminated);
  if (open) return { text: `\`${shown(doc, open)}\` has no closing \`${open.kind === 'tag' ? '%}' : '}}'}\`: a Liquid syntax error, so the build fails`, certain: true };
  const tag = live.find((t) => t.kind === 'tag' && !KNOWN_TAGS.has(t.name));
  if (!tag) return undefined;
  if (tag.name === '') return { text: `\`${shown(doc, tag)}\` is not a Liquid tag: a syntax error, so the build fails`, certain: true };
  const unknown = `("Unknown tag '${tag.name}'")`;
  return hasPlugins(site)
    ? { text: `Liquid has no tag \`${tag.name}\`: unless one of the site's plugins adds it, the build fails ${unknown}`, certain: false }
    : { text: `Liquid has no tag \`${tag.name}\`, so the build fails ${unknown}`, certain: true };
}

/** Line break used at `offset` (the document's own). */
function eolAt(text: string, offset: number): string {
  return text.startsWith('\r\n', offset) ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * `{% raw %}` … `{% endraw %}` around the code, laid out so that Jekyll
 * publishes the code exactly as written (checked with Jekyll 4.3.1):
 * - a fence is wrapped from outside, on lines of their own with the fence's
 *   prefix: tags inside the fence would add a blank first and last line to
 *   the code. `{%- raw %}` when the line before the fence is not blank, so
 *   that no blank line appears before the fence either (it would loosen a list);
 * - an indented block the same way, after the blank line that precedes it;
 * - a highlight block inside its tags (Jekyll strips the line breaks at the
 *   ends of a highlight), on lines of their own when `{% endhighlight %}`
 *   starts its line, else right against the tags.
 * None when the block already holds raw tags (raw does not nest), or a
 * kramdown attribute list `{:` follows (it would no longer apply to the code).
 */
function wrapFix(doc: SiteDocument, scan: LiquidScan, block: CodeBlock): Fix | undefined {
  const text = doc.text;
  if (tokensIn(scan, { start: block.start, end: block.end }).some((t) => t.kind === 'tag' && (t.name === 'raw' || t.name === 'endraw'))) return undefined;
  const edit = (at: number, newText: string): TextEdit => ({ range: doc.lines.rangeOf(at, at), newText });
  const title = 'Wrap the code in {% raw %}…{% endraw %}';
  if (block.kind === 'highlight') {
    const eol = eolAt(text, block.open.end);
    const ownLines = lineStartOf(text, block.close.start) === block.close.start;
    const edits = ownLines ? [edit(block.open.end, `${eol}{% raw %}`), edit(block.close.start, `{% endraw %}${eol}`)] : [edit(block.open.end, '{% raw %}'), edit(block.close.start, '{% endraw %}')];
    return { title, edits, preferred: true };
  }
  const eol = eolAt(text, block.end);
  const after = text.indexOf('\n', block.end);
  if (after >= 0 && /^[ \t>]*\{:/.test(text.slice(after + 1, after + 40))) return undefined;
  let open = '{% raw %}';
  if (block.kind === 'fence' && block.start > scan.bodyStart) {
    const prevStart = lineStartOf(text, block.start - 1);
    if (!/^[\s>]*$/.test(text.slice(prevStart, block.start))) open = '{%- raw %}';
  }
  return { title, edits: [edit(block.start, `${block.prefix}${open}${eolAt(text, block.kind === 'fence' ? block.openLine.end : block.end)}`), edit(block.end, `${eol}${block.prefix}{% endraw %}`)], preferred: true };
}

/** Liquid inside a code sample: Jekyll evaluates it before Markdown. */
export const liquidInCode: Rule = {
  id: 'liquid-in-code',
  defaultSeverity: 'warning',
  summary: '`{{ … }}` or `{% … %}` inside a code block: Jekyll evaluates it, so the sample is not published as written.',
  docs: {
    description: [
      'Jekyll runs Liquid on the whole post **before** Markdown, so a code fence, an indented code block or a `{% highlight %}` block is no',
      'protection: `{{ … }}` in a code sample is replaced by its value, and a variable Jekyll does not know silently becomes empty —',
      '`puts "It\'s {{ x }}"` is published as `puts "It\'s "`. Tags run too; one that is not Liquid (`{% block content %}` from a Django or Jinja',
      'sample) or an unclosed `{{` stops the whole build. Reported once per code block, on its first Liquid. Not reported inside `{% raw %}` …',
      '`{% endraw %}`, nor when the effective front matter sets `render_with_liquid: false`. Code blocks are found as kramdown (GFM) finds',
      'them in the text as written: a fence needs its closing fence; indented code needs a blank line (or a heading) before it, not inside a list',
      'item\'s text.',
    ].join('\n'),
    bad: '---\ntitle: How we template results\n---\n```liquid\n<h3>{{ council.name }}</h3>\n```',
    good: '---\ntitle: How we template results\n---\n{% raw %}\n```liquid\n<h3>{{ council.name }}</h3>\n```\n{% endraw %}',
    fix:
      'Wrap the code in `{% raw %}` … `{% endraw %}`, laid out so the code is published exactly as written: around a fence on lines of their own ' +
      '(`{%- raw %}` when the fence directly follows text, so no blank line is added), inside a highlight block.',
  },
  check({ doc, site, post }: RuleContext): Finding[] {
    const scan = documentLiquid(doc, site, post);
    if (!scan || scan.tokens.length === 0) return [];
    const out: Finding[] = [];
    for (const block of scan.code) {
      const live = tokensIn(scan, block.content).filter((t) => !(t.kind === 'tag' && (t.name === 'raw' || t.name === 'endraw')));
      if (live.length === 0) continue;
      const first = live[0]!;
      const fails = failure(doc, site, live);
      const list = `\`${shown(doc, first)}\`${live.length > 1 ? ` and ${live.length - 1} more` : ''}`;
      const effect = fails
        ? `${list} ${live.length > 1 ? 'are' : 'is'} evaluated, and ${fails.text}.`
        : `${list} ${live.length > 1 ? 'are' : 'is'} evaluated, so the sample is not published as written (a variable Jekyll does not know becomes empty).`;
      const fix = wrapFix(doc, scan, block);
      out.push({
        range: doc.lines.rangeOf(first.start, first.end),
        message: `Jekyll runs the Liquid in this ${WHAT[block.kind]} before Markdown: ${effect} Wrap the code in {% raw %}…{% endraw %}.`,
        ...(fix ? { fixes: [fix] } : {}),
        ...(fails?.certain ? { severity: 'error' as const } : {}),
      });
    }
    return out;
  },
};
