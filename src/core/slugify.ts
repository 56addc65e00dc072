/**
 * Jekyll::Utils.slugify, mode by mode, proven against Jekyll 4.3.1 by
 * test/conformance/slugify.ts. `latin` transliterates like I18n.transliterate
 * (i18n 1.x, no locale rules): only Latin-1 Supplement and Latin Extended-A
 * letters have an approximation; anything else non-ASCII becomes '?' (then a
 * hyphen) — `ế`, `ǎ` and a decomposed accent included. Lower-casing is Ruby's
 * String#downcase: full case mapping, but no context (a final `Σ` is `σ`).
 */
export type SlugifyMode = 'raw' | 'default' | 'pretty' | 'ascii' | 'latin' | 'none';

export const SLUGIFY_MODES: readonly SlugifyMode[] = ['raw', 'default', 'pretty', 'ascii', 'latin'];

const REPLACE: Record<Exclude<SlugifyMode, 'none' | 'latin'>, RegExp> = {
  raw: /[ \t\r\n\f\v]+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

// I18n's DEFAULT_APPROXIMATIONS cover U+00C0–U+017E (not U+00F7 ÷); these are
// the entries that are not simply the letter without its accent.
const SPELLED: Record<string, string> = {
  Æ: 'AE', æ: 'ae', Ð: 'D', ð: 'd', Ø: 'O', ø: 'o', Þ: 'Th', þ: 'th', ß: 'ss', Œ: 'OE', œ: 'oe',
  Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ĳ: 'IJ', ĳ: 'ij', ĸ: 'k', Ŀ: 'L', ŀ: 'l', Ł: 'L', ł: 'l',
  ŉ: "'n", Ŋ: 'NG', ŋ: 'ng', Ŧ: 'T', ŧ: 't', '×': 'x',
};

/** I18n.transliterate with the default approximations (HashTransliterator). */
export function transliterate(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp >= 0xc0 && cp <= 0x17e && cp !== 0xf7) out += SPELLED[ch] ?? ch.normalize('NFD')[0]!;
    else out += '?';
  }
  return out;
}

/** Ruby's String#downcase: each code point on its own (JavaScript's toLowerCase would apply the final-sigma rule). */
export function rubyDowncase(s: string): string {
  let out = '';
  for (const ch of s) out += ch.toLowerCase();
  return out;
}

/** Jekyll::Utils.slugify(string, mode:, cased:). */
/** ASCII words joined by single hyphens, which `default`/`ascii` (and `pretty`, whose set is wider) leave as they are. */
const ALREADY_SLUG = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

export function slugify(input: string, mode: SlugifyMode = 'default', cased = false): string {
  // Most file names are slugs already: nothing to replace, and ASCII lower-casing is Ruby's.
  if ((mode === 'default' || mode === 'pretty' || mode === 'ascii') && ALREADY_SLUG.test(input)) return cased ? input : input.toLowerCase();
  if (mode === 'none' || !(SLUGIFY_MODES as readonly string[]).includes(mode)) return cased ? input : rubyDowncase(input);
  const s = mode === 'latin' ? transliterate(input) : input;
  const re = mode === 'latin' ? REPLACE.default : REPLACE[mode];
  const slug = s.replace(re, '-').replace(/^-|-$/g, '');
  return cased ? slug : rubyDowncase(slug);
}
