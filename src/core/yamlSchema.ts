import { Scalar, type ScalarTag, type Tags } from 'yaml';

/**
 * Psych's booleans (Ruby's YAML, as Jekyll reads front matter): `yes`, `true`,
 * `on` and `no`, `false`, `off` in any letter case — but not `y`/`n`, which
 * the `yaml` library's YAML 1.1 schema takes for booleans (`tags: [x, y]` is
 * two strings to Jekyll).
 */
const psychBool = (value: boolean, test: RegExp): ScalarTag => ({
  identify: (v: unknown) => v === value,
  default: true,
  tag: 'tag:yaml.org,2002:bool',
  test,
  resolve: () => new Scalar(value),
  stringify: () => (value ? 'true' : 'false'),
});

const PSYCH_TRUE = psychBool(true, /^(?:yes|true|on)$/i);
const PSYCH_FALSE = psychBool(false, /^(?:no|false|off)$/i);

/** The YAML 1.1 tags with Psych's booleans in place of the library's. */
export function psychTags(tags: Tags): Tags {
  return [...tags.filter((t) => (t as ScalarTag).tag !== 'tag:yaml.org,2002:bool'), PSYCH_TRUE, PSYCH_FALSE];
}

/** Parse options shared by every YAML read: YAML 1.1 as Psych reads it. */
export const PSYCH_OPTIONS = { version: '1.1', customTags: psychTags, uniqueKeys: false, strict: false, prettyErrors: false } as const;
