import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { addAuthorEdit } from '../authorsEdit';
import { topPair } from '../edit';
import { nearest } from '../nearest';
import type { Fix } from '../problem';
import type { Finding, Rule, RuleContext } from './rule';

/** An author key the site's author data does not know. */
export const unknownAuthor: Rule = {
  id: 'unknown-author',
  defaultSeverity: 'warning',
  summary: "An author not found in the site's author data, when the site has author data.",
  docs: {
    description:
      'Themes look the author up in the site\'s author data — an `authors:` map in `_config.yml` (Mediumish), `_data/authors.yml` (Chirpy,\n' +
      'Minimal Mistakes) or an `_authors` collection. A key that is not there renders **an empty author box**, with no error. Sites without\n' +
      'any author data (free-text authors) are not checked.',
    bad: '---\nauthor: badely\n---',
    good: '---\nauthor: sal\n---',
    fix: 'The nearest author key; or add the author where the site keeps its authors (`_data/authors.yml`, or the `authors:` map of `_config.yml`), with `name` and `display_name` to fill in.',
  },
  check({ doc, site, index, post }: RuleContext): Finding[] {
    const authors = index?.authors;
    const fm = doc.frontMatter;
    if (!authors || !post || !fm) return [];
    const out: Finding[] = [];
    const map = fm.toOriginal;
    for (const key of ['author', 'authors']) {
      const pair = topPair(doc, key);
      if (!pair || !pair.value) continue;
      const nodes: Node[] = isSeq(pair.value) ? (pair.value.items as Node[]) : [pair.value];
      for (const n of nodes) {
        if (!isScalar(n) || typeof n.value !== 'string' || !n.range || isMap(n)) continue;
        const name = n.value;
        if (authors.has(name) || name.trim() === '') continue;
        const start = map(n.range[0]);
        const end = map(n.range[1]);
        const text = doc.text.slice(start, end);
        const near = nearest(name, authors.keys());
        const fixes: Fix[] = near ? [{ title: `Use author ${near}`, edits: [{ range: doc.lines.rangeOf(start, end), newText: text.startsWith('"') || text.startsWith("'") ? text[0] + near + text[0] : near }], preferred: true }] : [];
        const add = index ? addAuthorEdit(site, index, name) : undefined;
        if (add) fixes.push({ title: `Add ${name} to the site's authors (${add.path.slice(site.root.length + 1)})`, edits: [], otherFiles: [add], preferred: !near });
        const sources = [...new Set([...authors.values()].map((a) => a.source))].join(', ');
        const known = [...authors.keys()].slice(0, 8).join(', ');
        out.push({
          range: doc.lines.rangeOf(start, end),
          message: `\`${name}\` is not one of the site's authors (${sources}: ${known}${authors.size > 8 ? ', …' : ''}): the layout finds no data for it and shows an empty author box.`,
          fixes,
        });
      }
    }
    return out;
  },
};
