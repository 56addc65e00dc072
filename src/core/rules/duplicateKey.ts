import { removePair, topPairs } from '../edit';
import type { Finding, Rule, RuleContext } from './rule';

/** A key given twice: Jekyll (Psych) keeps the last one. */
export const duplicateKey: Rule = {
  id: 'duplicate-key',
  defaultSeverity: 'warning',
  summary: 'A key given twice — the last one wins.',
  docs: {
    description: 'YAML as Jekyll reads it accepts a key given twice and keeps **the last value** without a warning; the first one is silently ignored.',
    bad: '---\ntitle: Draft headline\nlayout: post\ntitle: Final headline\n---',
    good: '---\nlayout: post\ntitle: Final headline\n---',
    fix: 'Remove the earlier, ignored line (with its nested lines).',
  },
  check({ doc }: RuleContext): Finding[] {
    const pairs = topPairs(doc);
    const out: Finding[] = [];
    // The next occurrence of each key, found in one pass from the end.
    const nextOf = new Map<string, number>();
    const next: Array<number | undefined> = [];
    for (let i = pairs.length - 1; i >= 0; i--) {
      next[i] = nextOf.get(pairs[i]!.key);
      nextOf.set(pairs[i]!.key, i);
    }
    pairs.forEach((p, i) => {
      const later = next[i] === undefined ? undefined : pairs[next[i]];
      if (!later) return;
      const line = doc.lines.positionAt(later.keyStart).line + 1;
      out.push({
        range: doc.lines.rangeOf(p.keyStart, p.keyStart + p.key.length),
        message: `\`${p.key}\` is given again on line ${line}: Jekyll keeps only the last value and ignores this one.`,
        fixes: [{ title: `Remove this \`${p.key}\``, edits: [removePair(doc, p)], preferred: true }],
      });
    });
    return out;
  },
};
