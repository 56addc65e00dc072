import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { dateParse, dateParseAny } from '../../../src/core/rubyTime';

// The full port is held to Ruby itself by test/conformance/rubyTime.ts; here the one-regex
// reader of the common form is held to the full port.
describe('dateParse: the canonical form read directly equals the full Date._parse port', () => {
  it('on the forms posts use', () => {
    for (const s of ['2021-07-02 08:34:41 +0100', '2021-07-02T08:34:41+01:00', '2021-07-02 08:34', '2021-07-02', '2021-07-02 08:34:41 -07', '2020-02-30 24:00:00', '0099-01-01 00:00:00']) {
      assert.deepStrictEqual(dateParse(s), dateParseAny(s), s);
    }
  });
  it('on generated dates (fast-check)', () => {
    const d = (n: number): fc.Arbitrary<string> => fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'));
    const zone = fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom(' ', ''), fc.constantFrom('+', '-'), d(2), fc.constantFrom('', ':'), fc.oneof(d(2), fc.constant(''))).map((p) => p.join('')));
    const time = fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom(' ', 'T'), d(2), d(2), fc.oneof(fc.constant(''), d(2).map((x) => ':' + x)), zone).map(([sep, h, m, s, z]) => `${sep}${h}:${m}${s}${z}`));
    fc.assert(
      fc.property(d(4), d(2), d(2), time, (y, m, day, t) => {
        const s = `${y}-${m}-${day}${t}`;
        assert.deepStrictEqual(dateParse(s), dateParseAny(s), s);
      }),
      { numRuns: 5000 },
    );
  });
});
