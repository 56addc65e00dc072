import type { PostInfo } from './post';
import type { SiteModel } from './site';
import { buildIndex } from './siteIndex';
import type { SiteFs } from './siteFs';
import { formatRubyTime } from './timezone';

/** One post as `jekyll-posts posts --json` prints it. */
export interface PostRecord {
  path: string;
  date: string;
  slug: string;
  url: string | null;
  categories: string[];
  tags: unknown[];
  published: boolean;
  layout: string | null;
  draft: boolean;
  future: boolean;
  title: string;
  front_matter_error: boolean;
}

export interface SitePosts {
  posts: PostRecord[];
  /** Files inside `_posts` that Jekyll silently skips. */
  skipped: string[];
  skippedDrafts: string[];
}

/** Every post and draft of a site, resolved as Jekyll reads them, in path order. */
export async function readSitePosts(fs: SiteFs, site: SiteModel, nowMs: number): Promise<SitePosts> {
  const index = await buildIndex(fs, site, () => nowMs);
  const posts = [...index.posts.values()].sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
  return {
    posts: posts.map((p) => toRecord(p.relativePath, p.info)),
    skipped: index.skippedFiles('post').sort(),
    skippedDrafts: index.skippedFiles('draft').sort(),
  };
}

function toRecord(rel: string, p: PostInfo): PostRecord {
  return {
    path: rel,
    date: formatRubyTime(p.date),
    slug: p.slug,
    url: p.url ?? null,
    categories: p.categories,
    tags: p.tags,
    published: p.published,
    layout: p.layout,
    draft: p.draft,
    future: p.future,
    title: p.title,
    front_matter_error: p.frontMatterError !== undefined,
  };
}
