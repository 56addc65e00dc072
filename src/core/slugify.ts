/**
 * Jekyll::Utils.slugify, mode by mode. `latin` transliterates like
 * I18n.transliterate: accents dropped, a few letters spelled out, anything
 * else non-ASCII becomes '?' (then a hyphen).
 */
export type SlugifyMode = 'raw' | 'default' | 'pretty' | 'ascii' | 'latin' | 'none';

export const SLUGIFY_MODES: readonly SlugifyMode[] = ['raw', 'default', 'pretty', 'ascii', 'latin'];

const REPLACE: Record<Exclude<SlugifyMode, 'none' | 'latin'>, RegExp> = {
  raw: /[ \t\r\n\f\v]+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

// I18n's default approximations for letters that do not decompose into base + mark.
const SPELLED: Record<string, string> = {
  Æ: 'AE', æ: 'ae', Ð: 'D', ð: 'd', Ø: 'O', ø: 'o', Þ: 'Th', þ: 'th', ß: 'ss', Œ: 'OE', œ: 'oe',
  Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ĳ: 'IJ', ĳ: 'ij', ĸ: 'k', Ŀ: 'L', ŀ: 'l', Ł: 'L', ł: 'l',
  ŉ: "'n", Ŋ: 'NG', ŋ: 'ng', Ŧ: 'T', ŧ: 't', '×': 'x',
};

/** I18n.transliterate with the default (English) approximations. */
export function transliterate(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 128) {
      out += ch;
      continue;
    }
    const spelled = SPELLED[ch];
    if (spelled !== undefined) {
      out += spelled;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    out += base.length > 0 && /^[\x20-\x7e]+$/.test(base) ? base : '?';
  }
  return out;
}

/** Jekyll::Utils.slugify(string, mode:, cased:). */
export function slugify(input: string, mode: SlugifyMode = 'default', cased = false): string {
  if (mode === 'none' || !(SLUGIFY_MODES as readonly string[]).includes(mode)) return cased ? input : input.toLowerCase();
  const s = mode === 'latin' ? transliterate(input) : input;
  const re = mode === 'latin' ? REPLACE.default : REPLACE[mode];
  const slug = s.replace(re, '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}
