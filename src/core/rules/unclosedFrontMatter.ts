import { splitFrontMatter } from '../frontMatter';
import type { Finding, Rule, RuleContext } from './rule';

/** An opening `---` with no closing fence: Jekyll sees no front matter. */
export const unclosedFrontMatter: Rule = {
  id: 'unclosed-front-matter',
  defaultSeverity: 'error',
  summary: 'No closing `---` (or `...`): the front matter is ignored and shown as text.',
  docs: {
    description:
      'Without a closing `---` (or `...`) line Jekyll finds no front matter: the whole file, `key: value` lines included, is published as the\n' +
      'body, with no layout and a title made from the file name.',
    bad: '---\ntitle: Rail strikes called off\ndate: 2025-10-14 18:20 +0100\n\nUnions said…',
    good: '---\ntitle: Rail strikes called off\ndate: 2025-10-14 18:20 +0100\n---\n\nUnions said…',
    fix: 'Insert `---` after the last line that looks like front matter.',
  },
  check({ doc }: RuleContext): Finding[] {
    if (doc.frontMatter || doc.skipped) return [];
    if (!/^---[ \t]*\r?\n/.test(doc.text) || splitFrontMatter(doc.text)) return [];
    const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
    // The YAML ends at the first line that is neither blank-free YAML-looking nor a continuation.
    let line = 1;
    let sawKey = false;
    for (; line < doc.lines.lineCount; line++) {
      const t = doc.lines.lineText(line);
      if (/^[A-Za-z0-9_"'][^:]*:(\s|$)/.test(t)) sawKey = true;
      else if (!(/^\s*#/.test(t) || /^\s+\S/.test(t) || /^-\s/.test(t)) || t.trim() === '') break;
    }
    if (!sawKey) return [];
    const at = doc.lines.lineStart(line);
    const endsWithBreak = at > 0 && (doc.text[at - 1] === '\n' || doc.text[at - 1] === '\r');
    const insert = (endsWithBreak ? '' : eol) + '---' + eol;
    return [
      {
        range: doc.lines.rangeOf(0, 3),
        message: 'This front matter is never closed (no `---` or `...` line after it): Jekyll sees no front matter and publishes these lines as text, with no layout.',
        fixes: [{ title: `Close the front matter before line ${line + 1}`, edits: [{ range: doc.lines.rangeOf(at, at), newText: insert }], preferred: true }],
      },
    ];
  },
};
