import { replaceValue } from '../edit';
import type { Fix } from '../problem';
import { rubyTimeParse } from '../rubyTime';
import { formatRubyTime } from '../timezone';
import { dateRange, dateSource } from './dates';
import type { Finding, Rule, RuleContext } from './rule';

/** A date Ruby's Time.parse rejects: Jekyll stops the whole build. */
export const invalidDate: Rule = {
  id: 'invalid-date',
  defaultSeverity: 'error',
  summary: "A `date` Ruby's `Time.parse` rejects — the whole build stops.",
  docs: {
    description:
      "Jekyll parses `date:` with Ruby's `Time.parse`, which accepts a lot (`August 13, 2020`, `2016-07-19 (optional)`), but not everything:\n" +
      '`yesterday`, an empty `date:`, `2020-13-01` or a file name dated `2019-13-45` raise `InvalidDateError` and **stop the whole build**, not\n' +
      'just this post.',
    bad: '---\ndate: yesterday\n---',
    good: '---\ndate: 2025-01-02 00:00:00 +0000\n---',
    fix: "Use the file name's date, in the site's zone with its offset.",
  },
  check({ doc, site, post }: RuleContext): Finding[] {
    if (!post?.dateError) return [];
    const src = dateSource(doc);
    const fixes: Fix[] = [];
    const fileDate = /(?:^|\/)(\d{2,4}-\d{1,2}-\d{1,2})-[^/]*$/.exec(doc.relativePath)?.[1];
    if (src && fileDate) {
      try {
        const t = rubyTimeParse(fileDate, site.config.timezone, Date.now());
        const text = formatRubyTime(t);
        fixes.push({ title: `Use the file name's date: ${text}`, edits: [replaceValue(doc, src.pair, text)], preferred: true });
      } catch {
        // The file name's date is invalid too.
      }
    }
    const where = src ? 'this date' : "the date in this file's name";
    return [{ range: src ? src.range : dateRange(doc), message: `Jekyll cannot read ${where} (${post.dateError}) and stops the whole build, not just this post.`, fixes }];
  },
};
