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

/**
 * Psych's numbers and nulls (Psych::ScalarScanner#tokenize, Ruby 3.1), which
 * differ from YAML 1.1 as the `yaml` library reads it: an exponent needs a dot
 * and a sign (`1e3`, `1.5e3` and `e2` are strings), commas group digits
 * (`1,000` is 1000), `09` is a string, a base-60 value counts from hours
 * (`1:20` is 4800) and `nuLL` is null. Tried in Psych's order; a plain scalar
 * none of them types is a string.
 */
const number = (tag: 'int' | 'float', test: RegExp, resolve: (s: string) => number): ScalarTag => ({
  identify: (v: unknown) => typeof v === 'number' && (tag === 'float') !== Number.isInteger(v),
  default: true,
  tag: `tag:yaml.org,2002:${tag}`,
  test,
  resolve,
  stringify: ({ value }) => {
    const n = Number(value);
    return Number.isNaN(n) ? '.nan' : n === Infinity ? '.inf' : n === -Infinity ? '-.inf' : String(n);
  },
});

/** Ruby's `String#to_i` / `to_f` of a base-60 part: the leading number, underscores between digits dropped. */
const rubyNumber = (s: string): number => Number(s.replace(/_/g, ''));

/** `i += n * 60 ** (e - 2).abs` over the `:`-separated parts (as Psych computes it). */
const base60 = (s: string): number => s.split(':').reduce((sum, n, e) => sum + rubyNumber(n) * 60 ** Math.abs(e - 2), 0);

/** `Integer(s.gsub(/[,_]/, ''))`: a sign, then 0b / 0x / 0 (octal) prefixes. */
function rubyInteger(s: string): number {
  const t = s.replace(/[,_]/g, '');
  const neg = t[0] === '-';
  const u = t[0] === '-' || t[0] === '+' ? t.slice(1) : t;
  const n = /^0b/i.test(u) ? parseInt(u.slice(2), 2) : /^0x/i.test(u) ? parseInt(u.slice(2), 16) : /^0./.test(u) ? parseInt(u.slice(1), 8) : Number(u);
  return neg ? 0 - n : n; // Ruby has no negative zero integer
}

const PSYCH_NUMBERS: ScalarTag[] = [
  number('float', /^\+?\.inf$/i, () => Infinity),
  number('float', /^-\.inf$/i, () => -Infinity),
  number('float', /^\.nan$/i, () => NaN),
  number('int', /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}$/, base60),
  number('float', /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}\.[0-9_]*$/, base60),
  // FLOAT, but not a sign and a dot alone.
  number('float', /^(?![-+]?\.$)[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?$/, (s) => Number(s.replace(/[,_]|\.([Ee]|$)/g, '$1'))),
  number('int', /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$/, rubyInteger),
];

const PSYCH_NULL: ScalarTag = {
  identify: (v: unknown) => v === null || v === undefined,
  default: true,
  tag: 'tag:yaml.org,2002:null',
  test: /^(?:~|[Nn][Uu][Ll][Ll])?$/,
  resolve: () => new Scalar(null),
  stringify: () => 'null',
};

const REPLACED = new Set(['bool', 'int', 'float', 'null'].map((t) => `tag:yaml.org,2002:${t}`));

/** The YAML 1.1 tags with Psych's booleans, numbers and nulls in place of the library's. */
export function psychTags(tags: Tags): Tags {
  return [PSYCH_NULL, PSYCH_TRUE, PSYCH_FALSE, ...PSYCH_NUMBERS, ...tags.filter((t) => !REPLACED.has((t as ScalarTag).tag))];
}

/** Parse options shared by every YAML read: YAML 1.1 as Psych reads it. */
export const PSYCH_OPTIONS = { version: '1.1', customTags: psychTags, uniqueKeys: false, strict: false, prettyErrors: false } as const;
