import { documentFor } from './check';
import { resolvePost, type PostInfo } from './post';
import { classify, listSiteFiles, readText, type SiteModel } from './site';
import { relativePath, type SiteFs } from './siteFs';
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
  posts: Array<{ record: PostRecord; info: PostInfo }>;
  /** Files inside `_posts` that Jekyll silently skips. */
  skipped: string[];
  skippedDrafts: string[];
}

/** Every post and draft of a site, resolved as Jekyll reads them. */
export async function readSitePosts(fs: SiteFs, site: SiteModel, nowMs: number): Promise<SitePosts> {
  const out: SitePosts = { posts: [], skipped: [], skippedDrafts: [] };
  for (const path of await listSiteFiles(fs, site)) {
    const rel = relativePath(site.root, path);
    if (rel === undefined) continue;
    const c = classify(site, rel);
    if (!c || (c.kind !== 'post' && c.kind !== 'draft')) continue;
    if (c.skipped) {
      (c.kind === 'draft' ? out.skippedDrafts : out.skipped).push(rel);
      continue;
    }
    const text = await readText(fs, path, true);
    if (text === undefined) {
      // Not UTF-8: Jekyll skips the file.
      (c.kind === 'draft' ? out.skippedDrafts : out.skipped).push(rel);
      continue;
    }
    const doc = documentFor(site, path, text);
    if (!doc) continue;
    const st = c.kind === 'draft' ? await fs.stat(path) : undefined;
    const info = resolvePost(doc, site, { nowMs, mtimeMs: st?.mtime });
    out.posts.push({ record: toRecord(rel, info), info });
  }
  return out;
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
