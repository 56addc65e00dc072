import { prng } from '../util/prng';
/**
 * The title corpus of the New Post conformance checks (slugify.ts, newPost.ts):
 * hand-picked titles that each probe one rule, and generated ones from a
 * seeded PRNG (the same on every run).
 */
/** Hand-picked titles: each probes one rule of one mode. */
export const HAND_PICKED: readonly string[] = [
  'Hello World', 'hello world', 'Hello, World!', '  padded  ', 'C++ & .NET', 'Café déjà vu — 日本語 C++ & .NET', 'Starmer hails "breakthrough"',
  '...leading dots', 'trailing dots...', '---dashes---', '-x-', '-', '--', '!!!', '???', '   ', '', '.', '..', '../../x', '/etc/passwd', 'C:\\Windows\\x',
  'a/b\\c', 'tab\there', 'new\nline', 'cr\r\nlf', 'nul\u0000byte', 'bell\u0007', 'del\u007f', 'nbsp\u00a0space', 'thin\u2009space', 'ideographic\u3000space',
  'zero\u200bwidth', 'zwj\u200djoiner', 'soft\u00adhyphen', 'line\u2028sep', 'para\u2029sep', 'em—dash', 'en–dash', 'ellipsis…', 'quote’s', '“smart” quotes',
  '«guillemets»', '¿Qué pasa?', '¡Olé!', 'Ærøskøbing', 'Straße', 'STRASSE', 'ẞ capital sharp s', 'İstanbul', 'ıi', 'ΟΔΟΣ', 'Οδός', 'ΣΊΣΥΦΟΣ', 'ǅemal', 'ǈ ǋ ǲ',
  'ﬁne ﬂow ﬃ', 'Kelvin K', 'Ångström Å', 'Ⅻ Roman', 'x² + y³', '½ cup', '١٢٣ Arabic-Indic', '०१२ Devanagari digits', '१२३ हिन्दी', 'नमस्ते दुनिया', 'ภาษาไทย',
  '한국어 제목', 'Ｆｕｌｌｗｉｄｔｈ　ＡＢＣ', 'ｶﾀｶﾅ', 'カタカナとひらがな', '中文标题：你好，世界！', '日本語のタイトル', 'Привет, мир', 'Ёжик в тумане', 'Україна', 'Ґанок',
  'Γειά σου Κόσμε', 'שלום עולם', 'مرحبا بالعالم', 'Tiếng Việt có dấu', 'ế ệ ở ữ', 'e\u0301te\u0301 decomposed', 'a\u0308\u0301 stacked', 'ǎ ǐ ǒ ǔ', 'ȘȚ șț comma below',
  'Łódź', 'Đà Nẵng', 'Ħal Għargħur', 'Þórr', 'ŉ apostrophe n', 'Ĳssel', 'ĸra', 'Ŀl', 'Œuvre', '× times ÷ divide', '© ® ™', '€100 £50 ¥30 $20', '100%', '50% off!!!',
  '#hashtag', '@mention', 'email@example.com', 'https://example.com/path?q=1', 'a.b.c', 'v1.2.3', '1.0', '2025-08-19', '2025-08-19 news', '10:30 am', 'A & B', 'a_b_c',
  '__init__', '~tilde~', '$dollar$', "it's", "'single'", '"double"', '(paren)', '[bracket]', '{brace}', '<angle>', 'a+b=c', 'a;b,c', '!$&\'()*+,;=', '._~!$&\'()+,;=@',
  '😀', '😀😀😀', 'Emoji 😀 title', '👩‍👩‍👧‍👦 family', '🇬🇧 flag', '1️⃣ keycap', '❤️ love', '🏳️‍🌈', 'caf\u00e9 ☕', '♥ ♦ ♣ ♠', '→ arrows ←', '∑ math ∫', '★☆',
  'x'.repeat(300), 'ab '.repeat(200), '日本'.repeat(150), 'é'.repeat(100), '-'.repeat(50) + 'x', 'x' + '!'.repeat(50), 'A1B2C3', 'UPPER lower MiXeD', 'ÀÉÎÕÜ',
  'àéîõü', 'ÿŸ', 'ÐðÞþ', 'Ññ Çç', 'Ğğ Şş', 'Čč Řř Žž', 'Ŵŵ Ŷŷ', 'ȘȚ', 'Ǆ', 'ꞵ latin ext-D', 'ɐɔə IPA', 'ᴀʙᴄ small caps', 'ℌ ℍ ℕ', '𝐁𝐨𝐥𝐝 𝑀𝑎𝑡ℎ', '𝟙𝟚𝟛',
  'Ꭰ Cherokee ꭰ', 'Ა Mtavruli', 'ა Mkhedruli', 'Ա Armenian ա', 'ß ẞ', 'ﬀ ﬅ ﬆ', 'Ǳ ǲ ǳ', 'Ϊ ΰ ΐ', 'ᾼ ᾳ ῼ', 'Ω Ω', 'K Å', 'ⅰ ⅱ Ⅰ', 'ⓐ Ⓐ', '🄰 🅰',
];

/**
 * Titles with letters, marks or digits assigned after Unicode 13.0: Ruby 3.1
 * sees unassigned code points there (the known gap).
 */
export const NEWER_UNICODE: readonly string[] = [
  'Vithkuqi \u{10570}\u{10597}', 'Toto \u{1E290}', 'Tangsa \u{16A70}', 'Cyrillic ext-D \u{1E030}', 'CJK ext H \u{31350}', 'Arabic ext-B \u{0870}',
  'Kawi \u{11F04}', 'Nag Mundari \u{1E4D0}', 'Garay \u{10D50}', 'Latin ext-G \u{1DF00}',
];

const WORDS = [
  'hello', 'World', 'Jekyll', 'post', 'News', 'update', 'Release', 'notes', 'café', 'déjà', 'vu', 'naïve', 'façade', 'über', 'Straße', 'smörgåsbord', 'Ærø',
  'Łódź', 'İzmir', 'Ωmega', 'Οδός', 'Привет', 'мир', 'Київ', '日本語', '東京', '中文', '한국어', 'ไทย', 'हिन्दी', 'עברית', 'العربية', 'Tiếng', 'Việt', 'e\u0301',
  'ǆ', 'ﬁ', 'C++', '.NET', 'Node.js', 'v2.0', '2025', '42', '3.14', 'x86_64', 'AT&T', "O'Brien", 'rock’n’roll', 'e-mail', 'co-op', 'A/B', 'and/or', 'TL;DR',
  '😀', '🎉', '🇫🇷', '👍🏽', '❤️', '™', '©', '½', '²', 'Ⅳ', '١٢', '०९',
];
const SEPARATORS = [' ', ' ', ' ', '  ', '-', ' - ', ' — ', ', ', ': ', '; ', '!', '?', '...', '…', ' & ', '/', '\\', '_', '.', '~', '\t', '\u00a0', '\u3000', '·', '|', '+', '=', '@', "'", '"', '()', '[]', '!!', '?!', '—', '–', '•', ' / '];
const EDGES = ['', '', '', '', '!', '¡', '¿', '?', '...', '-', '--', '_', '.', '#', '@', '$', '(', ')', '"', "'", '«', '»', '😀', '★', '  ', '\t', '~', '*', '[', ']', '<', '>'];

/** `count` generated titles: words of many scripts joined by separators, symbols at the edges. */
export function generatedTitles(count: number, seed = 20250819): string[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(r() * 6);
    let s = pick(EDGES);
    for (let w = 0; w < n; w++) {
      let word = pick(WORDS);
      if (r() < 0.2) word = word.toUpperCase();
      s += (w > 0 ? pick(SEPARATORS) : '') + word;
    }
    s += pick(EDGES);
    out.push(s);
  }
  return out;
}
