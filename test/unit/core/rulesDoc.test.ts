import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDoc } from '../../../src/core/rules/docs';
import { RULES } from '../../../src/core/rules';
import { repoRoot } from '../../util/paths';

describe('docs/rules.md', () => {
  it('is generated from the rules (run `npm run docs` after changing one)', () => {
    assert.equal(readFileSync(join(repoRoot(), 'docs', 'rules.md'), 'utf8'), renderRulesDoc());
  });
  it('has one section per rule, with distinct kebab-case ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/);
  });
});

describe('package.json jekyll.rules', () => {
  it('lists exactly the rule ids, so settings.json completes them', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } } };
    const listed = Object.keys(pkg.contributes.configuration.properties['jekyll.rules']!.properties ?? {}).sort();
    assert.deepEqual(listed, RULES.map((r) => r.id).sort());
  });
});
