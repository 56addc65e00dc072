import { sourceScalar, topPair, valueTextEnd, yamlScalarAs, type ScalarStyle } from '../edit';
import type { PostInfo } from '../post';
import type { Fix, TextEdit } from '../problem';
import type { Finding, Rule, RuleContext } from './rule';

/** `categories: web development` is two categories; `tags: classic hollywood` two tags. */
export const taxonomySpaceString: Rule = {
  id: 'taxonomy-space-string',
  defaultSeverity: 'warning',
  summary: '`categories:` or `tags:` written as a string with spaces: Jekyll splits it into several.',
  docs: {
    description: [
      'Jekyll splits a `categories:` or `tags:` **string** on whitespace: `tags: classic hollywood` is two tags, `classic` and `hollywood`, and',
      '`categories: web development` is two categories — which also go into the default URL (`/web/development/2025/08/19/…`). A comma does not',
      'separate anything: `tags: jekyll, ruby` gives the tags `jekyll,` and `ruby`. The singular `category:` and `tag:` are never split.',
    ].join('\n'),
    bad: '---\ncategories: web development\ntags: classic hollywood\n---',
    good: '---\ncategories: [web, development]\ntags: ["classic hollywood"]\n---',
    fix: 'Write the list Jekyll makes (`[web, development]`), or keep one value (`["web development"]`); for a string with commas, split at the commas (`[jekyll, ruby]`). The author\'s quoting style is kept.',
  },
  check({ doc, post }: RuleContext): Finding[] {
    if (!post || post.frontMatterError || doc.skipped) return [];
    const out: Finding[] = [];
    for (const key of ['categories', 'tags'] as const) {
      // With `tag:` set, Jekyll ignores `tags:` altogether (singular-and-plural says so).
      if (key === 'tags' && hasValue(post.data.tag)) continue;
      const p = topPair(doc, key);
      const s = p && sourceScalar(doc, p.value);
      if (!p || !s || typeof s.value !== 'string') continue;
      const words = s.value.split(/[ \t\r\n\f\v]+/).filter(Boolean);
      if (words.length < 2) continue;
      const style: ScalarStyle = s.style === 'block' ? 'plain' : s.style;
      const one = s.value.trim().replace(/[ \t\r\n\f\v]+/g, ' ');
      const end = valueTextEnd(doc, p);
      const edit = (newText: string): TextEdit[] => [{ range: doc.lines.rangeOf(s.start, end), newText }];
      const fixes: Fix[] = [];
      const commaParts = one.includes(',') ? one.split(',').map((w) => w.trim()).filter(Boolean) : undefined;
      if (commaParts && commaParts.length > 1) fixes.push({ title: `Split at the commas: ${flowList(commaParts, style)}`, edits: edit(flowList(commaParts, style)), preferred: true });
      fixes.push({ title: `Write the list Jekyll makes: ${flowList(words, style)}`, edits: edit(flowList(words, style)) });
      fixes.push({ title: `Keep one ${key === 'tags' ? 'tag' : 'category'}: ${flowList([one], style === 'plain' ? 'double' : style)}`, edits: edit(flowList([one], style === 'plain' ? 'double' : style)) });
      out.push({ range: doc.lines.rangeOf(s.start, end), message: messageFor(key, words, post) + (commaParts ? ' A comma separates nothing here: it stays part of the value.' : ''), fixes });
    }
    return out;
  },
};

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false;
}

function messageFor(key: 'categories' | 'tags', words: readonly string[], post: PostInfo): string {
  const list = words.map((w) => `\`${w}\``).join(', ');
  if (key === 'tags') return `Jekyll splits this string on spaces into ${words.length} tags: ${list}.`;
  const inUrl = '/' + words.map((w) => w.toLowerCase()).join('/') + '/';
  const url = post.url !== undefined && post.url.toLowerCase().includes(inUrl) ? ` — and categories go into the URL: \`${post.url}\`` : '';
  return `Jekyll splits this string on spaces into ${words.length} categories: ${list}${url}.`;
}

/** A one-line flow list in the author's quoting style. */
function flowList(items: readonly string[], style: ScalarStyle): string {
  return '[' + items.map((i) => (style === 'plain' && /\s/.test(i) ? JSON.stringify(i) : yamlScalarAs(i, style, true))).join(', ') + ']';
}
