/**
 * Our Time.parse emulation against Ruby's own, on the date forms found in real
 * front matter and systematic variations of them, in three zones.
 * Run: node out/test/conformance/rubyTime.js   (needs ruby)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { rubyTimeParse } from '../../src/core/rubyTime';
import { formatRubyTime } from '../../src/core/timezone';
import { repoRoot } from '../util/paths';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0) / 1000;
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata'];

/** Date strings: forms seen in real posts, then variations of separators, padding, times and zones. */
export function dateSamples(): string[] {
  const base = [
    '2025-08-19', '2025-08-19 14:46', '2025-08-19 14:46:44', '2025-08-19T14:46:44', '2025-08-19 14:46:44 +0100',
    '2025-08-19T14:46:44+01:00', '2025-08-19T14:46:44Z', '2025-08-19 14:46:44 UTC', '2025-08-19 14:46:44 EDT', '2025-08-19 14:46:44 -0400',
    '2019-1-5 8:01:55 +0800', '2019-1-5', 'August 13, 2020', 'Aug 13 2020', '13 August 2020', '13 Aug 2020 10:00', 'Tue, 19 Aug 2025 14:46:44 +0000',
    '2016-07-19 (optional)', '2020-02-30', '2020-02-31', '2021-02-29', '2020-13-01', '2020-01-32', '2020-01-00', 'yesterday', 'not a date', '',
    '2025/08/19', '08/19/2025', '19/08/2025', '19.08.2025', '2025.08.19', '20250819', '20250819T144644', '10:00', '10:00 pm', '8pm', '2025-08-19 8pm',
    '2025-08-19 24:00', '2025-08-19 24:30', '2025-08-19 23:60', '2025-08-19 23:59:60', '2025-08-19 14:46:44.123', "'25-08-19", '25-08-19', '70-01-01',
    '2025-03-30 01:30', '2025-10-26 01:30', '2025-03-09 02:30', '2025-11-02 01:30', 'Monday, August 18, 2025', '18th August 2025', 'Aug 18th, 2025 9:05am',
    '2025-08-19 14:46:44 +01', '2025-08-19 14:46:44 +1', '2025-08-19 14:46 BST', '2025-08-19 14:46 CEST', '2025-08-19 14:46:44 GMT+2', 'Sept 5, 2024',
    '2025-W34', '2025-231', 'December 2024', '2024', 'March', '15th', '2025-08-19 14h46', '1999-12-31T23:59:59-08:00', '0001-01-01',
  ];
  const out = new Set(base);
  for (const y of ['2024', '2025']) {
    for (const md of ['1-5', '01-05', '12-31', '2-29', '6-30', '3-31']) {
      for (const t of ['', ' 00:00', ' 9:05', ' 09:05:07', 'T23:59:59', ' 12:00:00 +0530', ' 12:00:00 -07:00', ' 12:00:00 Z', ' 3:04 PM', ' 12:30 am']) {
        out.add(`${y}-${md}${t}`);
      }
    }
  }
  return [...out];
}

export function main(): number {
  const samples = dateSamples();
  const cases = ZONES.flatMap((z) => samples.map((s) => [z, s, NOW] as const));
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const lines = execFileSync('ruby', [join(repoRoot(), 'test/conformance/ruby-time.rb')], { input, maxBuffer: 1 << 26 }).toString().trim().split('\n');
  let agree = 0;
  const diffs: string[] = [];
  cases.forEach(([zone, str], i) => {
    const ruby = JSON.parse(lines[i]!) as string;
    let ours: string;
    try {
      ours = formatRubyTime(rubyTimeParse(str, zone, NOW * 1000));
    } catch (e) {
      ours = 'ERROR: ' + (e instanceof Error ? e.message : String(e));
    }
    const same = ruby.startsWith('ERROR') ? ours.startsWith('ERROR') : ours === ruby;
    if (same) agree++;
    else diffs.push(`${zone} ${JSON.stringify(str)}: ruby ${ruby} | ours ${ours}`);
  });
  for (const d of diffs) console.log('DIFF ' + d);
  console.log(`Time.parse: ${agree}/${cases.length} agree with Ruby (${((100 * agree) / cases.length).toFixed(2)}%)`);
  console.log(`${agree} passed, ${cases.length - agree} failed`);
  return diffs.length;
}

if (require.main === module) process.exitCode = main() === 0 ? 0 : 1;
