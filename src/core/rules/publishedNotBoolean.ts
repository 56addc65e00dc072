import { replaceValue, topPair } from '../edit';
import { editDistance } from '../nearest';
import type { Finding, Rule, RuleContext } from './rule';

/** `published:` with a string or number meant as false: Jekyll publishes the post. */
export const publishedNotBoolean: Rule = {
  id: 'published-not-boolean',
  defaultSeverity: 'warning',
  summary: '`published: "false"`, `flase`, `0` … — the post IS published.',
  docs: {
    description:
      'Only the YAML boolean `false` (or `no`, `off`, or an empty value) hides a post. A quoted `"false"`, a typo such as `flase` or a `0` is a\n' +
      'string or a number, which Ruby treats as true: **the post is published**.',
    bad: '---\npublished: "false"\n---',
    good: '---\npublished: false\n---',
    fix: 'Write `published: false`.',
  },
  check({ doc }: RuleContext): Finding[] {
    const p = topPair(doc, 'published');
    if (!p || p.value === null) return [];
    const text = doc.text.slice(p.valueStart, p.valueEnd);
    const js: unknown = (p.value as { toJSON?: () => unknown }).toJSON?.();
    if (typeof js !== 'string' && typeof js !== 'number') return [];
    const s = String(js).trim();
    const meantFalse = /^(false|no|off|n|f|0|0\.0|unpublished|hidden|draft|nope)$/i.test(s) || (/^[a-z]+$/i.test(s) && editDistance(s, 'false') <= 2 && s.length >= 3);
    if (!meantFalse) return [];
    const kind = typeof js === 'number' ? 'a number' : 'a string';
    return [
      {
        range: doc.lines.rangeOf(p.valueStart, p.valueEnd),
        message: `\`published: ${text}\` is ${kind}, and Jekyll treats any string or number as true: this post IS published. Only \`false\` hides it.`,
        fixes: [{ title: 'Write published: false', edits: [replaceValue(doc, p, 'false')], preferred: true }],
      },
    ];
  },
};
