/** Writes docs/rules.md from the rules' own metadata: `npm run docs`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesDoc } from '../../src/core/rules/docs';
import { repoRoot } from './paths';

if (require.main === module) {
  writeFileSync(join(repoRoot(), 'docs', 'rules.md'), renderRulesDoc());
  console.log('docs/rules.md written');
}
