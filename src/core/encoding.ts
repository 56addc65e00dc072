/**
 * Encoding damage in a text: UTF-8 that was decoded as Windows-1252 (or
 * Latin-1) and saved again — "mojibake", `Here’s` → `Hereâ€™s` — and U+FFFD
 * replacement characters. Pure functions, no I/O.
 */

/** Windows-1252 bytes 0x80–0x9F. Its five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 code point, as in Latin-1. */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Character code → the byte Windows-1252 (or Latin-1) decodes to it, -1 for none; covers every such character (the highest is `™`, U+2122). */
const BYTE_OF = new Int16Array(0x2123).fill(-1);
for (let c = 0; c <= 0xff; c++) BYTE_OF[c] = c;
for (let i = 0; i < 32; i++) BYTE_OF[CP1252_80_9F.charCodeAt(i)] = 0x80 + i;

/**
 * The byte a character was decoded from, when the decoder was Windows-1252
 * (or Latin-1, which maps 0x80–0x9F to the C1 controls); undefined for a
 * character neither can produce.
 */
export function cp1252Byte(code: number): number | undefined {
  const b = code < BYTE_OF.length ? BYTE_OF[code]! : -1;
  return b < 0 ? undefined : b;
}

/** The byte of text[i] when it is ≥ 0x80, else -1 (ASCII, or no Windows-1252 byte, or past the end). */
function highByte(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (!(c >= 0x80 && c < 0x2123)) return -1;
  return BYTE_OF[c]!;
}

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

/** Decoded UTF-8 at text[start, end) (one character stands for one byte). */
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
  // The regex engine skips ASCII (most of any post) much faster than a loop.
  const nonAscii = /[^\x00-\x7f]/g;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) < 0x80) {
      nonAscii.lastIndex = i;
      if (!nonAscii.exec(text)) break;
      i = nonAscii.lastIndex - 1;
    }
    if (highByte(text, i) < 0) {
      i++;
      continue;
    }
    // A run of characters with high bytes: [i, j).
    let j = i;
    let lead = false;
    for (let b = highByte(text, j); b >= 0; b = highByte(text, ++j)) if (b >= 0xc2 && b <= 0xf4) lead = true;
    if (lead && j - i >= 2) spansOfRun(text, i, j, fffdAware && text.charCodeAt(j) === 0xfffd, out);
    i = j;
  }
  return out;
}

/**
 * Adds the mojibake spans of one run of high characters, text[from, to):
 * each maximal group of consecutive valid UTF-8 sequences that is
 * plausible (the whole run, when it is valid throughout).
 * `fffdAfter`: the character after the run is U+FFFD (a lost byte of `”`).
 */
function spansOfRun(text: string, from: number, to: number, fffdAfter: boolean, out: Sequence[]): void {
  // First pass, without allocating: is the run valid throughout, and is there any sequence at all?
  let whole = true;
  let any = false;
  for (let i = from; i < to; ) {
    const len = sequenceLength(text, i, to);
    if (len > 0) {
      any = true;
      i += len;
    } else if (len < 0) {
      any = true;
      i += 2;
    } else {
      whole = false;
      i++;
    }
  }
  if (!any) return;
  // A run that is valid UTF-8 throughout is what mojibake looks like. In a run that is not, the text around is
  // legitimate, and only a three- or four-byte sequence (`â€™`) is telling enough to stand out of it (`‘Å’` stays).
  let group: Sequence[] = [];
  const flush = (): void => {
    if (group.length > 0 && plausible(group) && (whole || group.some((s) => s.end - s.start >= 3))) {
      out.push({ start: group[0]!.start, end: group[group.length - 1]!.end, text: group.map((s) => s.text).join('') });
    }
    group = [];
  };
  for (let i = from; i < to; ) {
    const len = sequenceLength(text, i, to);
    if (len > 0) {
      group.push({ start: i, end: i + len, text: decode(text, i, len) });
      i += len;
    } else if (len < 0) {
      // `â€` + a lost 0x9D (dropped, or U+FFFD when it was decoded strictly): `”`.
      const end = i + 2 === to && fffdAfter ? i + 3 : i + 2;
      group.push({ start: i, end, text: '\u201D' });
      i += 2;
    } else {
      flush();
      i++;
    }
  }
  flush();
}

/**
 * The length of the valid multi-byte UTF-8 sequence whose bytes start at
 * text[i] (within the run, before `to`); 0 for none; -1 for `â€` not
 * followed by a byte that completes it.
 */
function sequenceLength(text: string, i: number, to: number): number {
  const b0 = highByte(text, i);
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
  } else return 0;
  for (let k = 1; k <= n; k++) {
    const b = i + k < to ? highByte(text, i + k) : -1;
    if (k === 1 ? b < lo || b > hi : b < 0x80 || b > 0xbf) return b0 === 0xe2 && k === 2 && highByte(text, i + 1) === 0x80 ? -1 : 0;
  }
  return n + 1;
}

/** The character a valid sequence of `len` bytes at text[i] decodes to. */
function decode(text: string, i: number, len: number): string {
  const b0 = highByte(text, i);
  let cp = b0 & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
  for (let k = 1; k < len; k++) cp = (cp << 6) | (highByte(text, i + k) & 0x3f);
  return String.fromCodePoint(cp);
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
