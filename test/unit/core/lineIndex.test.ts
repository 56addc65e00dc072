import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../../src/core/text';

/** Line starts of a text as VS Code counts lines ("\r\n", "\n" or a lone "\r" ends a line), all at once. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
  }
  return starts;
}

describe('LineIndex (scans only as far as it is asked)', () => {
  it('answers every question as a full index would, in any order of questions', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', 'é', '日'), { maxLength: 40 }).map((xs) => xs.join(''));
    const question = fc.oneof(
      fc.record({ kind: fc.constant('position' as const), n: fc.integer({ min: -2, max: 60 }) }),
      fc.record({ kind: fc.constant('offset' as const), n: fc.integer({ min: -1, max: 30 }), c: fc.integer({ min: -1, max: 8 }) }),
      fc.record({ kind: fc.constant('line' as const), n: fc.integer({ min: -1, max: 30 }) }),
      fc.record({ kind: fc.constant('count' as const) }),
    );
    fc.assert(
      fc.property(text, fc.array(question, { maxLength: 8 }), (t, questions) => {
        const starts = lineStarts(t);
        const lineOf = (o: number): number => starts.filter((s) => s <= o).length - 1;
        const end = (line: number): number => {
          if (line + 1 >= starts.length) return t.length;
          let e = starts[line + 1]!;
          if (t[e - 1] === '\n') e--;
          if (t[e - 1] === '\r') e--;
          return e;
        };
        const index = new LineIndex(t);
        for (const q of questions) {
          if (q.kind === 'position') {
            const o = Math.max(0, Math.min(q.n, t.length));
            assert.deepEqual(index.positionAt(q.n), { line: lineOf(o), character: o - starts[lineOf(o)]! });
          } else if (q.kind === 'offset') {
            const want = q.n >= starts.length ? t.length : Math.min(starts[Math.max(0, q.n)]! + Math.max(0, q.c), end(q.n));
            assert.equal(index.offsetAt({ line: q.n, character: q.c }), want);
          } else if (q.kind === 'line') {
            assert.equal(index.lineStart(q.n), starts[Math.min(Math.max(0, q.n), starts.length - 1)]);
            assert.equal(index.lineEnd(q.n), end(q.n));
          } else assert.equal(index.lineCount, starts.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
