import { replaceValue } from '../edit';
import { dateParse, utcMs } from '../rubyTime';
import { dateSource, dayOf } from './dates';
import type { Finding, Rule, RuleContext } from './rule';

/** Days in a month (day 0 of the next month is the last of this one). */
const daysIn = (y: number, m: number): number => new Date(utcMs(y, m + 1, 0, 0, 0, 0, 0)).getUTCDate();

/** A day past the end of its month: Ruby moves it into the next month. */
export const dateRollsOver: Rule = {
  id: 'date-rolls-over',
  defaultSeverity: 'warning',
  summary: 'A date Ruby normalises (`2020-02-30` → March 1).',
  docs: {
    description: 'Ruby accepts a day past the end of its month and moves it on: `2020-02-30` becomes **2020-03-01**, `2025-02-30` becomes 2025-03-02. No warning is given.',
    bad: '---\ndate: 2025-02-30 07:00\n---',
    good: '---\ndate: 2025-03-02 07:00\n---',
    fix: 'Write the date Jekyll will use.',
  },
  check({ doc, post }: RuleContext): Finding[] {
    const src = dateSource(doc);
    if (!post || !src || post.dateError || post.dateSource !== 'front-matter') return [];
    const p = dateParse(src.text.replace(/^["']|["']$/g, ''));
    if (p.year === undefined || p.mon === undefined || p.mday === undefined || p.mday <= daysIn(p.year, p.mon)) return [];
    const becomes = dayOf(post.date);
    const m = /^(["']?)(\d{4}-\d{1,2}-\d{1,2})/.exec(src.text);
    const fixes = m ? [{ title: `Write ${becomes}`, edits: [replaceValue(doc, src.pair, src.text.replace(/^(["']?)\d{4}-\d{1,2}-\d{1,2}/, `$1${becomes}`))], preferred: true }] : [];
    return [{ range: src.range, message: `There is no ${p.year}-${String(p.mon).padStart(2, '0')}-${p.mday}: Jekyll silently reads it as ${becomes}.`, fixes }];
  },
};
