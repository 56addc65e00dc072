/**
 * Encoding damage in a text: UTF-8 that was decoded as Windows-1252 (or
 * Latin-1) and saved again — "mojibake", `Here’s` → `Hereâ€™s` — and U+FFFD
 * replacement characters. Pure functions, no I/O.
 */

/** Windows-1252 bytes 0x80–0x9F. Its five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 code point, as in Latin-1. */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

const SPECIAL_TO_BYTE = new Map<number, number>();
for (let i = 0; i < 32; i++) SPECIAL_TO_BYTE.set(CP1252_80_9F.charCodeAt(i), 0x80 + i);

/**
 * The byte a character was decoded from, when the decoder was Windows-1252
 * (or Latin-1, which maps 0x80–0x9F to the C1 controls); undefined for a
 * character neither can produce.
 */
export function cp1252Byte(code: number): number | undefined {
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  if (code <= 0x9f) return code;
  return SPECIAL_TO_BYTE.get(code);
}

/** Runs of characters Windows-1252 (or Latin-1) decodes from bytes ≥ 0x80. */
const HIGH_RUN = /[\u0080-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{2,}/g;
/** A character that can only be a UTF-8 lead byte (0xC2–0xF4) read as Windows-1252. */
const LEAD = /[\u00c2-\u00f4]/;

export interface MojibakeSpan {
  /** Offsets in the text: the damaged characters. */
  start: number;
  end: number;
  /** What the author wrote (the span re-encoded as Windows-1252, decoded as UTF-8). */
  repaired: string;
}

/** A run of U+FFFD: characters lost for good when the text was converted. */
export interface ReplacementSpan {
  start: number;
  end: number;
}

/** One decoded UTF-8 sequence inside a run (byte offsets = character offsets in the run). */
interface Sequence {
  start: number;
  end: number;
  text: string;
}

/**
 * Every mojibake span of a text, in order. A span is a maximal run of
 * characters whose Windows-1252 bytes form valid multi-byte UTF-8 and
 * decode to something plausible (see `plausible`), so that legitimate text
 * (`JOÃO`, `Â` alone, `café »`) stays silent. Text damaged twice
 * (`Ã¢â‚¬â„¢`) is repaired twice. `â€` whose last byte (0x9D) was lost or
 * replaced by U+FFFD is repaired as `”`.
 */
export function findMojibake(text: string): MojibakeSpan[] {
  return scan(text, true).map((s) => ({ start: s.start, end: s.end, repaired: repairRepeatedly(s.text) }));
}

/** The runs of U+FFFD in a text that are not part of a mojibake span. */
export function findReplacementChars(text: string, mojibake: readonly MojibakeSpan[] = findMojibake(text)): ReplacementSpan[] {
  const out: ReplacementSpan[] = [];
  const re = /\uFFFD+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    const end = start + m[0].length;
    for (const s of mojibake) if (s.start < end && s.end > start) start = Math.max(start, s.end);
    if (start < end) out.push({ start, end });
  }
  return out;
}

/** Repairs one string: re-encoded as Windows-1252 and decoded as UTF-8; undefined when it is not mojibake. */
export function repairMojibake(s: string): string | undefined {
  const spans = findMojibake(s);
  if (spans.length === 0) return undefined;
  let out = '';
  let at = 0;
  for (const sp of spans) {
    out += s.slice(at, sp.start) + sp.repaired;
    at = sp.end;
  }
  return out + s.slice(at);
}

/** Applies the repair again while the result is itself mojibake (text damaged twice or three times). */
function repairRepeatedly(first: string): string {
  let s = first;
  for (let i = 0; i < 3; i++) {
    const spans = scan(s, false);
    if (spans.length !== 1 || spans[0]!.start !== 0 || spans[0]!.end !== s.length) break;
    s = spans[0]!.text;
  }
  // A byte-order mark turned into `ï»¿` is not wanted back, at the start of a file or inside it.
  return s.replace(/\uFEFF/g, '');
}

/** One level of repair: the spans of a text with their decoded text. */
function scan(text: string, fffdAware: boolean): Sequence[] {
  const out: Sequence[] = [];
  for (const m of text.matchAll(HIGH_RUN)) {
    const run = m[0];
    if (!LEAD.test(run)) continue;
    const fffdAfter = fffdAware && text.charCodeAt(m.index + run.length) === 0xfffd;
    for (const g of spansOfRun(run, fffdAfter)) out.push({ start: m.index + g.start, end: m.index + g.end, text: g.text });
  }
  return out;
}

/**
 * The mojibake spans of one run of high characters: each maximal group of
 * consecutive valid UTF-8 sequences that is plausible (the whole run, when
 * it is valid throughout).
 * `fffdAfter`: the character after the run is U+FFFD (a lost byte of `”`).
 */
function spansOfRun(run: string, fffdAfter: boolean): Sequence[] {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) bytes.push(cp1252Byte(run.charCodeAt(i))!);
  const seqs: Array<Sequence | undefined> = [];
  let i = 0;
  while (i < bytes.length) {
    const seq = decodeAt(bytes, i);
    if (seq) {
      seqs.push(seq);
      i = seq.end;
    } else if (bytes[i] === 0xe2 && bytes[i + 1] === 0x80) {
      // `â€` + a lost 0x9D (dropped, or U+FFFD when it was decoded strictly): `”`.
      const atEnd = i + 2 === bytes.length;
      const end = atEnd && fffdAfter ? i + 3 : i + 2;
      seqs.push({ start: i, end, text: '\u201D' });
      i += 2;
    } else {
      seqs.push(undefined);
      i++;
    }
  }
  // A run that is valid UTF-8 throughout is what mojibake looks like. In a run that is not, the text around is
  // legitimate, and only a three- or four-byte sequence (`â€™`) is telling enough to stand out of it (`‘Å’` stays).
  const whole = seqs.every((s) => s !== undefined);
  const groups: Sequence[] = [];
  let cur: Sequence[] = [];
  const flush = (): void => {
    if (cur.length > 0 && plausible(cur) && (whole || cur.some((s) => s.end - s.start >= 3))) groups.push({ start: cur[0]!.start, end: cur[cur.length - 1]!.end, text: cur.map((s) => s.text).join('') });
    cur = [];
  };
  for (const s of seqs) {
    if (s) cur.push(s);
    else flush();
  }
  flush();
  return groups;
}

/** The UTF-8 sequence starting at bytes[i], when it is a valid multi-byte one. */
function decodeAt(bytes: readonly number[], i: number): Sequence | undefined {
  const b0 = bytes[i]!;
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) n = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 2;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 3;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else return undefined;
  let cp = b0 & (n === 1 ? 0x1f : n === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= n; k++) {
    const b = bytes[i + k];
    if (b === undefined) return undefined;
    if (k === 1 ? b < lo || b > hi : b < 0x80 || b > 0xbf) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  return { start: i, end: i + n + 1, text: String.fromCodePoint(cp) };
}

/**
 * Whether a group of decoded sequences is likely what the author wrote.
 * Several characters in a row are (`Ã©tÃ©` is two groups of one, but
 * Cyrillic or CJK mojibake comes in runs); a lone character must be one
 * that Latin-script prose uses: Latin-1 and Latin Extended letters and
 * signs, Vietnamese letters, punctuation, currency, letter-like signs,
 * arrows, maths, symbols, dingbats, emoji, the BOM — not the IPA letter,
 * Syriac or CJK character that `CAFÉ”` or `café »` (with a no-break space)
 * would decode to. Control characters never are.
 */
function plausible(seqs: readonly Sequence[]): boolean {
  for (const s of seqs) {
    const cp = s.text.codePointAt(0)!;
    // Controls, and the line and paragraph separators that would split a line of YAML or Markdown.
    if (cp < 0xa0 || cp === 0x2028 || cp === 0x2029) return false;
  }
  if (seqs.length >= 2) return true;
  const cp = seqs[0]!.text.codePointAt(0)!;
  return (
    (cp >= 0xa0 && cp <= 0x17f) ||
    (cp >= 0x1e00 && cp <= 0x1eff) ||
    (cp >= 0x2000 && cp <= 0x2bff) ||
    cp === 0xfeff ||
    (cp >= 0x1f000 && cp <= 0x1faff)
  );
}
