import { parseDocument } from 'yaml';
import { PSYCH_OPTIONS } from './yamlSchema';

/** Parses a whole YAML file (e.g. `_config.yml`, `_data/*.yml`) to plain JS; undefined when it can't be read. */
export function parseYamlFile(text: string): unknown {
  try {
    const doc = parseDocument(text.replace(/^\uFEFF/, ''), PSYCH_OPTIONS);
    if (doc.errors.length > 0) return undefined;
    return doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
