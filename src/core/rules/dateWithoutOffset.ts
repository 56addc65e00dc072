import { replaceValue } from '../edit';
import { psychTimestamp } from '../post';
import { formatOffset, formatRubyTime, offsetAt } from '../timezone';
import { dateSource, offsetForWallTime } from './dates';
import type { Finding, Rule, RuleContext } from './rule';

/** An unquoted YAML timestamp without an offset is UTC to Jekyll, whatever `timezone:` says. */
export const dateWithoutOffset: Rule = {
  id: 'date-without-offset',
  defaultSeverity: 'warning',
  summary: 'A date read as UTC (unquoted timestamp without offset), shown with the time it becomes in the site zone.',
  docs: {
    description:
      'An unquoted YAML timestamp with a time but no offset (`date: 2025-08-19T14:46:44`) is read as **UTC**, whatever the site\'s `timezone:`\n' +
      'says. On a `Europe/London` site in August Jekyll shows it as `2025-08-19 15:46:44 +0100` — an hour later than the author most likely\n' +
      'meant, and near midnight on another day (and in another URL). Writing the offset is the fix Jekyll\'s own docs give. Only reported\n' +
      'when the site sets `timezone:` and the two readings differ.',
    bad: '---\ndate: 2025-08-19T14:46:44\n---',
    good: '---\ndate: 2025-08-19T14:46:44 +0100\n---',
    fix: "Append the site zone's offset for that date (DST-aware), or `+0000` to keep UTC.",
  },
  check({ doc, site, post }: RuleContext): Finding[] {
    const tz = site.config.timezone;
    const src = dateSource(doc);
    if (!tz || !post || !src || !src.plain || post.dateError) return [];
    const ts = psychTimestamp(src.text);
    if (ts?.kind !== 'time' || ts.hasZone) return [];
    const read = { epochMs: ts.epochMs, offset: offsetAt(tz, ts.epochMs) };
    if (read.offset === 0) return [];
    const meant = offsetForWallTime(tz, src.text);
    const fixes = [];
    if (meant !== undefined) {
      fixes.push({ title: `Mean ${src.text} in ${tz}: add ${formatOffset(meant)}`, edits: [replaceValue(doc, src.pair, `${src.text} ${formatOffset(meant)}`)], preferred: true });
    }
    fixes.push({ title: 'Mean UTC: add +0000', edits: [replaceValue(doc, src.pair, `${src.text} +0000`)] });
    return [
      {
        range: src.range,
        message: `Jekyll reads this date as UTC (no offset): the post is dated ${formatRubyTime(read)} in ${tz}, not ${src.text.replace('T', ' ')} local time.`,
        fixes,
      },
    ];
  },
};
