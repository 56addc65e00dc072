import { formatRubyTime } from '../timezone';
import { dateRange } from './dates';
import type { Finding, Rule, RuleContext } from './rule';

/** A post dated after the build: Jekyll skips it unless `future: true`. */
export const futureDate: Rule = {
  id: 'future-date',
  defaultSeverity: 'warning',
  summary: 'A post Jekyll will skip as future (unless `future: true`).',
  docs: {
    description:
      'Jekyll skips posts dated after the moment of the build (`Skipping: … has a future date`) unless the site sets `future: true`. The post\n' +
      'appears only with a build after its date — a scheduled post works that way, a mistyped year does not.',
    bad: '---\ndate: 2030-06-08\n---',
    good: '---\ndate: 2026-06-08\n---',
  },
  check({ doc, site, post }: RuleContext): Finding[] {
    if (!post || post.draft || !post.future || site.config.future || !post.published || post.dateError) return [];
    return [{ range: dateRange(doc), message: `This post is dated ${formatRubyTime(post.date)}, after now: Jekyll skips it until a build after that time (the site does not set \`future: true\`).` }];
  },
};
