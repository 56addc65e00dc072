import { invalidYaml } from './invalidYaml';
import type { Rule } from './rule';

/** Every rule, in the order their problems are listed. */
export const RULES: readonly Rule[] = [invalidYaml];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
