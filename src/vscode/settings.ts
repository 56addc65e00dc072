import vscode = require('vscode');
import type { RuleSettings } from '../core/check';

const SEVERITIES = new Set(['off', 'error', 'warning', 'information', 'hint']);

export type ValidateRun = 'onType' | 'onSave';

/** The extension's settings for one resource, sanitised. */
export interface Settings {
  rules: RuleSettings;
  validateRun: ValidateRun;
}

export function readSettings(scope: vscode.Uri | undefined): Settings {
  const c = vscode.workspace.getConfiguration('jekyll', scope);
  const rawRules = c.get<unknown>('rules');
  const rules: Record<string, RuleSettings[string]> = {};
  if (rawRules && typeof rawRules === 'object' && !Array.isArray(rawRules)) {
    for (const [k, v] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as RuleSettings[string];
    }
  }
  const run = c.get<unknown>('validate.run');
  return { rules, validateRun: run === 'onSave' ? 'onSave' : 'onType' };
}
