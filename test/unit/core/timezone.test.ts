import * as assert from 'node:assert/strict';
import { offsetAt } from '../../../src/core/timezone';

/** The offset of a zone at an instant, straight from Intl (seconds east of UTC). */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(tz: string, epochMs: number): number {
  let format = formats.get(tz);
  if (!format) formats.set(tz, (format = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })));
  const parts = format.formatToParts(new Date(epochMs));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 1000);
}

describe('offsetAt (a few Intl calls per zone and year)', () => {
  // Zones with DST both ways, half-hour and 45-minute offsets, a Ramadan pause, a skipped day, none at all.
  const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Africa/Casablanca', 'Pacific/Apia', 'America/Sao_Paulo', 'Asia/Tokyo'];
  const years = [1996, 2011, 2013, 2025];

  it('equals Intl every three hours of the years, and to the second around every change', function () {
    this.timeout(20_000); // about 100k Intl calls
    let changes = 0;
    for (const tz of zones) {
      for (const year of years) {
        const start = Date.UTC(year, 0, 1);
        const end = Date.UTC(year + 1, 0, 1);
        let prev = intlOffset(tz, start);
        for (let t = start; t < end; t += 3 * 3_600_000) {
          const want = intlOffset(tz, t);
          assert.equal(offsetAt(tz, t), want, `${tz} ${new Date(t).toISOString()}`);
          if (want !== prev) {
            // The change lies in (t - 3 h, t]: find it to the second and check both sides.
            let lo = t - 3 * 3_600_000;
            let hi = t;
            while (hi - lo > 1000) {
              const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
              if (intlOffset(tz, mid) === prev) lo = mid;
              else hi = mid;
            }
            assert.equal(offsetAt(tz, hi - 1), prev, `${tz} just before ${new Date(hi).toISOString()}`);
            assert.equal(offsetAt(tz, hi), intlOffset(tz, hi), `${tz} at ${new Date(hi).toISOString()}`);
            changes++;
          }
          prev = want;
        }
      }
    }
    assert.ok(changes > 40, `only ${changes} changes seen`);
  });
});
