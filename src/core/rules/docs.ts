import { RULES } from './index';

/** docs/rules.md, generated from each rule's metadata so code and docs cannot drift. */
export function renderRulesDoc(): string {
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated from src/core/rules/*.ts by `npm run docs`; a unit test keeps it current. -->',
    '',
    'Every diagnostic of Jekyll Posts has `source: jekyll` and one of the codes below, linked here. Each rule says what Jekyll 4.3',
    'will do differently from what the author most likely meant, judged on the **effective** front matter (the site\'s `defaults:` applied).',
    'Change a severity or switch a rule off with the `jekyll.rules` setting, e.g. `"jekyll.rules": { "future-date": "off" }`.',
    'The same rules run in `jekyll-posts check`.',
    '',
    '| code | default | finds |',
    '|---|---|---|',
    ...RULES.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.defaultSeverity} | ${r.summary} |`),
    '',
  ];
  for (const r of RULES) {
    out.push(`## ${r.id}`, '', r.docs.description, '', 'Bad:', '', '```markdown', r.docs.bad, '```', '', 'Good:', '', '```markdown', r.docs.good, '```', '');
    out.push(r.docs.fix ? `Quick fix: ${r.docs.fix}` : 'Quick fix: none.', '');
  }
  return out.join('\n');
}
