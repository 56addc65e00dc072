import { isMap } from 'yaml';
import { topPair } from '../edit';
import { consequenceFor } from './invalidYaml';
import type { Finding, Rule, RuleContext } from './rule';

/** `categories:` that is neither a list nor a string: Jekyll fails to read the front matter. */
export const invalidCategories: Rule = {
  id: 'invalid-categories',
  defaultSeverity: 'error',
  summary: '`categories:` that is neither a list nor a string (a number, a map) — Jekyll drops the front matter.',
  docs: {
    description:
      'Jekyll merges `categories:` into the categories it takes from the folders above `_posts`. A value that is neither a list nor a string —\n' +
      '`categories: 2023`, a map — makes that merge fail (`TypeError: no implicit conversion of Integer into Array`): Jekyll logs\n' +
      '`could not read file` and drops the whole front matter, as with YAML it cannot read.',
    bad: '---\ncategories: 2023\n---',
    good: '---\ncategories: ["2023"]\n---',
    fix: 'Write the value as a one-item list of a string.',
  },
  check({ doc, site, post }: RuleContext): Finding[] {
    const fm = doc.frontMatter;
    if (!fm || !post?.frontMatterError || fm.errors.length > 0 || !isMap(fm.contents)) return [];
    const p = topPair(doc, 'categories');
    if (!p || p.value === null) return [];
    const text = doc.text.slice(p.valueStart, p.valueEnd);
    const range = doc.lines.rangeOf(p.valueStart, Math.max(p.valueEnd, p.valueStart + 1));
    const fixes = /^[\w.-]+$/.test(text) ? [{ title: `Write ["${text}"]`, edits: [{ range, newText: `["${text}"]` }], preferred: true }] : [];
    return [{ range, message: `Jekyll cannot read this front matter: ${post.frontMatterError}. ${consequenceFor(doc, site.config.strictFrontMatter)}`, fixes }];
  },
};
