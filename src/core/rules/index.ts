import { invalidYaml } from './invalidYaml';
import { LIQUID_RULES } from './liquidRules';
import type { Rule } from './rule';
import { TEXT_RULES } from './textRules';

/** Every rule, in the order their problems are listed. */
export const RULES: readonly Rule[] = [invalidYaml, ...TEXT_RULES, ...LIQUID_RULES];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
