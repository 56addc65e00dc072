import type { Position, Range } from './problem';

/**
 * Maps string offsets to 0-based line/character positions the way VS Code
 * counts lines: a line ends at "\r\n", "\n" or a lone "\r".
 */
export class LineIndex {
  /** Line start offsets found so far; the text is scanned only as far as a question needs (rules mostly ask about the front matter). */
  private readonly starts: number[] = [0];
  /** Characters before this offset have been scanned. */
  private scanned = 0;

  constructor(readonly text: string) {}

  /** Scans the character at `i` (a line break adds a line start); returns the next offset to scan. */
  private step(i: number): number {
    const c = this.text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (this.text.charCodeAt(i + 1) === 10) i++;
      this.starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      this.starts.push(i + 1);
    }
    return i + 1;
  }

  /** Every line start up to `offset` is known. */
  private scanPast(offset: number): void {
    let i = this.scanned;
    const end = Math.min(offset + 1, this.text.length);
    while (i < end) i = this.step(i);
    this.scanned = Math.max(i, this.scanned);
  }

  /** The start of `line + 1` is known, or the text has no such line. */
  private scanLine(line: number): void {
    let i = this.scanned;
    while (i < this.text.length && this.starts.length <= line + 1) i = this.step(i);
    this.scanned = i;
  }

  get lineCount(): number {
    this.scanPast(this.text.length);
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    this.scanPast(o);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offsetAt(pos: Position): number {
    this.scanLine(pos.line);
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)]!;
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    this.scanLine(line);
    return this.starts[Math.min(Math.max(0, line), this.starts.length - 1)]!;
  }

  /** Offset just past the last character of `line`, before its line break. */
  lineEnd(line: number): number {
    this.scanLine(line);
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1]!;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

export const BOM = '\uFEFF';

/**
 * A copy of `s` that does not keep alive the string it was cut from: V8 keeps
 * a slice's parent, and values read from a post's front matter outlive the
 * post's text (the site index holds them; 10k posts: 71 → 21 MB of heap).
 */
export function detached(s: string): string {
  // Concatenating makes a cons string; slicing it flattens it into a fresh copy.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Removes a leading byte-order mark; editors show documents without it. */
export function stripBom(text: string): { text: string; bom: boolean } {
  return text.startsWith(BOM) ? { text: text.slice(1), bom: true } : { text, bom: false };
}

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 makes a
 * slice of 13 or more characters a view into its parent, so a name kept from a
 * post (a `{% post_url %}` target) would hold the whole post in memory. Shorter
 * strings are always copies, and are returned as they are.
 */
export function detach(s: string): string {
  return mayBeSlice(s) ? (' ' + s).slice(1) : s;
}

/** Whether V8 may have made `s` a view into a longer string (see `detach`). */
export function mayBeSlice(s: string): boolean {
  return s.length >= 13;
}
