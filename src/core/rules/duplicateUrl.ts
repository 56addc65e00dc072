import type { Range } from '../problem';
import { siteWideRule, type Rule } from './rule';

/** Two posts resolving to the same URL: one overwrites the other. */
export const duplicateUrl: Rule = siteWideRule<{ url: string; rel: string; range: Range }>(
  {
    id: 'duplicate-url',
    defaultSeverity: 'warning',
    summary: 'Two posts that resolve to the same URL (one overwrites the other).',
    docs: {
      description:
        'Jekyll writes each post to the file its URL names. When two posts resolve to the same URL — common with `permalink: /:title/`, or a\n' +
        're-dated copy of a post — **one silently overwrites the other** in `_site`.',
      bad: '_posts/2025-04-16-energy-bills-rise.md   → /economy/2025/04/16/energy-bills-rise.html\n_posts/2025-04-17-energy-bills-rise.md   (dated 2025-04-16) → the same URL',
      good: 'Each post with its own URL (a different slug, date or permalink).',
    },
  },
  {
    facts: ({ doc, post }) => (post?.url && !post.draft && post.published && !post.future ? { url: post.url, rel: doc.relativePath, range: doc.lines.rangeOf(0, doc.lines.lineEnd(0)) } : undefined),
    report({ url, rel, range }, { index }) {
      if (!index) return [];
      const others = [...(index.urls.get(url) ?? [])]
        .filter((r) => r !== rel)
        .map((r) => index.posts.get(r)!)
        .filter((p) => p !== undefined && p.info.url === url && !p.info.draft && p.info.published && !p.info.future);
      if (others.length === 0) return [];
      const names = others.map((o) => o.relativePath).join(', ');
      return [{ range, message: `This post and ${names} both become ${url}: Jekyll writes one over the other.` }];
    },
  },
);
