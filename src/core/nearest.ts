/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive when `fold`. */
export function editDistance(a: string, b: string, fold = true): number {
  const s = fold ? a.toLowerCase() : a;
  const t = fold ? b.toLowerCase() : b;
  if (s === t) return 0;
  // Three rows, reused: the one before the previous (for transpositions), the previous, the current.
  const n = t.length + 1;
  let prev2 = new Array<number>(n).fill(0);
  let prev = Array.from({ length: n }, (_, i) => i);
  let cur = new Array<number>(n).fill(0);
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[t.length]!;
}

/**
 * The candidate closest to `target`, when it is close enough to be what was
 * meant (at most a third of the name differs, and at least 1 edit allowed).
 */
export function nearest(target: string, candidates: Iterable<string>, maxRatio = 0.34): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(target, c);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(target.length, best.length) * maxRatio));
  return bestD <= limit ? best : undefined;
}
