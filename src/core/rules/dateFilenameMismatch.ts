import { replaceValue } from '../edit';
import type { Fix } from '../problem';
import { rubyTimeParse } from '../rubyTime';
import { basename, dirname } from '../siteFs';
import { dateSource, dayOf } from './dates';
import type { Finding, Rule, RuleContext } from './rule';

/** The front-matter date falls on another day (in the site zone) than the file name says. */
export const dateFilenameMismatch: Rule = {
  id: 'date-filename-mismatch',
  defaultSeverity: 'warning',
  summary: "The front-matter day (in the site zone) differs from the file name's.",
  docs: {
    description:
      "When a post has a `date:`, Jekyll uses it — for sorting, for the date shown and for the URL — and the date in the file name only names\n" +
      'the file. If they fall on different days (often a time near midnight, or a date read as UTC), the post appears under another day\n' +
      'than its file name says.',
    bad: '_posts/2025-04-17-energy-bills-rise.md\n---\ndate: 2025-04-16 08:00:00 +0100\n---',
    good: '_posts/2025-04-16-energy-bills-rise.md\n---\ndate: 2025-04-16 08:00:00 +0100\n---',
    fix: "Rename the file to the front matter's day, or change the front matter's day to the file name's (the time is kept).",
  },
  check({ doc, site, post }: RuleContext): Finding[] {
    if (!post || post.draft || post.dateSource !== 'front-matter' || post.dateError) return [];
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})-([^/]*)$/.exec(basename(doc.path));
    const src = dateSource(doc);
    if (!m || !src) return [];
    let fileDay: string;
    try {
      // The file name's date as Jekyll reads it (2025-02-30 is March 2nd there too).
      fileDay = dayOf(rubyTimeParse(`${m[1]}-${m[2]}-${m[3]}`, site.config.timezone, Date.now()));
    } catch {
      return [];
    }
    const day = dayOf(post.date);
    if (fileDay === day) return [];
    const fixes: Fix[] = [{ title: `Rename the file to ${day}-${m[4]}`, edits: [], rename: { from: doc.path, to: `${dirname(doc.path)}/${day}-${m[4]}` } }];
    const dayInText = /^(["']?)(\d{4}-\d{1,2}-\d{1,2})/.exec(src.text);
    if (dayInText) {
      const newText = src.text.replace(/^(["']?)\d{4}-\d{1,2}-\d{1,2}/, `$1${fileDay}`);
      fixes.push({ title: `Change the date to ${fileDay}`, edits: [replaceValue(doc, src.pair, newText)] });
    }
    return [{ range: src.range, message: `Jekyll dates this post ${day} (in the site's zone) from its front matter, not ${fileDay} as its file name says; the URL and the date shown follow the front matter.`, fixes }];
  },
};
