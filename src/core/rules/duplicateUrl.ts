import { siteWide, type Finding, type Rule, type RuleContext } from './rule';

/** Two posts resolving to the same URL: one overwrites the other. */
export const duplicateUrl: Rule = {
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
  check({ doc, index, post }: RuleContext): Finding[] {
    if (!index || !post?.url || post.draft || !post.published || post.future) return [];
    const others = [...(index.urls.get(post.url) ?? [])]
      .filter((rel) => rel !== doc.relativePath)
      .map((rel) => index.posts.get(rel)!)
      .filter((p) => p !== undefined && p.info.url === post.url && !p.info.draft && p.info.published && !p.info.future);
    if (others.length === 0) return [];
    const names = others.map((o) => o.relativePath).join(', ');
    return [{ range: doc.lines.rangeOf(0, doc.lines.lineEnd(0)), message: `This post and ${names} both become ${post.url}: Jekyll writes one over the other.` }];
  },
  siteWide: siteWide<string>({
    facts: ({ post }) => (post?.url && !post.draft && post.published && !post.future ? post.url : undefined),
    mayReport: (url, { index }) => (index.urls.get(url)?.size ?? 0) > 1,
  }),
};
