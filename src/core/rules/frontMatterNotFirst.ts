import { splitFrontMatter } from '../frontMatter';
import type { Finding, Rule, RuleContext } from './rule';

/** Blank lines before the opening `---`: Jekyll sees no front matter at all. */
export const frontMatterNotFirst: Rule = {
  id: 'front-matter-not-first',
  defaultSeverity: 'error',
  summary: 'A blank line before the opening `---`: the front matter is ignored and shown as text.',
  docs: {
    description:
      'Front matter must be the very first thing in the file. With even one blank line (or spaces) before the opening `---`, Jekyll sees\n' +
      '**no front matter**: the block is published as body text (a horizontal rule and a paragraph of `key: value` lines), the post has no\n' +
      'layout, and its title is made from the file name.',
    bad: '\n---\ntitle: Budget preview\n---\nBody',
    good: '---\ntitle: Budget preview\n---\nBody',
    fix: 'Remove what comes before the opening `---`.',
  },
  check({ doc }: RuleContext): Finding[] {
    if (doc.frontMatter || doc.kind === 'page' || doc.kind === 'collection' || doc.skipped) return [];
    const m = /^[ \t\r\n\f\v]+(?=---[ \t]*\r?\n)/.exec(doc.text);
    if (!m) return [];
    const prefix = m[0];
    const rest = doc.text.slice(prefix.length);
    if (!splitFrontMatter(rest) || !/^---[ \t]*\r?\n[ \t]*[\w"'-][^\n]*:/.test(rest)) return [];
    const range = doc.lines.rangeOf(0, prefix.length);
    const what = /\n/.test(prefix) ? 'a blank line' : 'white space';
    return [
      {
        range,
        message: `Jekyll finds no front matter: ${what} comes before the opening \`---\`. The block is published as text, with no layout, and the title is made from the file name.`,
        fixes: [{ title: 'Remove what comes before the front matter', edits: [{ range, newText: '' }], preferred: true }],
      },
    ];
  },
};
