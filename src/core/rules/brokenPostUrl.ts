import type { DocumentKind } from '../document';
import { documentLiquid } from '../liquidScan';
import type { Range } from '../problem';
import { detach } from '../text';
import type { IndexedPost, SiteIndex } from '../siteIndex';
import type { SiteModel } from '../site';
import { argRange, buildFails, closest, replaceRange } from './liquidTargets';
import { siteWideRule, type Finding, type Rule } from './rule';

// Jekyll's PostComparer::MATCHER, after a leading '/' is dropped.
const POST_NAME = /^(.+\/)*(\d+-\d+-\d+)-(.*)$/;

/** `2024-4-8-x` → `2024-04-08-x`: the form names are compared in. */
function datedKey(name: string): { key: string; slug: string } | undefined {
  const m = POST_NAME.exec(name.replace(/^\//, ''));
  if (!m) return undefined;
  const date = m[2]!
    .split('-')
    .map((p, i) => (i === 0 ? p : p.padStart(2, '0')))
    .join('-');
  return { key: `${date}-${m[3]!}`, slug: m[3]! };
}

/**
 * The name `{% post_url %}` finds a post by: its path inside `_posts` without
 * the extension (`2024/2024-4-8-x`), or `en/2024-…` for `en/_posts/…`.
 */
function postUrlName(p: IndexedPost): string {
  const rel = p.info.relativePath.replace(/\.[^./]+$/, '');
  if (rel.startsWith('_posts/')) return rel.slice('_posts/'.length);
  const m = /^(.*\/)_posts\/([^/]+)$/.exec(rel);
  return m ? m[1]! + m[2]! : rel.slice(rel.lastIndexOf('/') + 1);
}

/** Why Jekyll does not have a post it read (so `post_url` cannot find it), if so. */
function notBuilt(p: IndexedPost, site: SiteModel): string | undefined {
  if (!p.info.published) return 'has `published: false`, so Jekyll does not read it';
  if (p.info.future && !site.config.future) return 'is dated in the future, so Jekyll skips it (unless `future: true`)';
  return undefined;
}

interface Keyed {
  p: IndexedPost;
  name: string;
  key: string;
  slug: string;
}

/**
 * The posts `post_url` can name, keyed, and bucketed by slug, day and month,
 * so that a broken name is compared with a few likely posts, not the whole site.
 * Cached per index until its posts change.
 */
const candidatesCache = new WeakMap<SiteIndex, { version: number; bySlug: Map<string, Keyed[]>; byMonth: Map<string, Keyed[]> }>();

function candidates(index: SiteIndex, site: SiteModel): { bySlug: Map<string, Keyed[]>; byMonth: Map<string, Keyed[]> } {
  const hit = candidatesCache.get(index);
  if (hit && hit.version === index.postsVersion) return hit;
  const bySlug = new Map<string, Keyed[]>();
  const byMonth = new Map<string, Keyed[]>();
  for (const p of index.posts.values()) {
    if (p.info.draft || notBuilt(p, site) !== undefined) continue;
    const n = postUrlName(p);
    const k = datedKey(n);
    if (!k) continue;
    const c = { p, name: n, ...k };
    push(bySlug, k.slug, c);
    push(byMonth, k.key.slice(0, 7), c);
  }
  const entry = { version: index.postsVersion, bySlug, byMonth };
  candidatesCache.set(index, entry);
  return entry;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The posts the name most likely meant, best first: the same slug on another day, or a near name in the same month. */
function suggestions(name: string, index: SiteIndex, site: SiteModel): Array<{ name: string; preferred: boolean }> {
  const target = datedKey(name);
  if (!target) return [];
  const { bySlug, byMonth } = candidates(index, site);
  // The same slug under another date is clearly the one when it is the only such post.
  const sameSlug = bySlug.get(target.slug) ?? [];
  const near = new Set<Keyed>([...sameSlug, ...(byMonth.get(target.key.slice(0, 7)) ?? [])]);
  const { list, clear } = closest(target.key, near, (c) => c.key);
  const ordered = sameSlug.length === 1 ? [sameSlug[0]!, ...list.map((r) => r.value).filter((c) => c !== sameSlug[0])] : list.map((r) => r.value);
  const preferred = sameSlug.length === 1 || (sameSlug.length === 0 && clear);
  // Offer only names Jekyll really resolves to that post.
  const resolvable = ordered.filter((c) => index.postUrlTarget(c.name) === c.p).slice(0, 3);
  return resolvable.map((c, i) => ({ name: c.name, preferred: preferred && i === 0 && c === ordered[0] }));
}

/** `{% post_url %}` naming a post Jekyll does not have: the build stops. */
export const brokenPostUrl: Rule = siteWideRule<{ kind: DocumentKind; names: Named[] }>(
  {
    id: 'broken-post-url',
    defaultSeverity: 'error',
    summary: '`{% post_url %}` naming a post that does not exist: the build fails.',
    docs: {
      description: [
        '`{% post_url name %}` links to another post by its file name inside `_posts`, without the extension (`2024-01-07-budget`), with any',
        'sub-folder of `_posts` in front (`2024/2024-01-07-budget`). When no post has that name, **the build fails**',
        "(`Jekyll::Errors::PostURLError: Could not find post … in tag 'post_url'`) — the whole site, not just this post. So it does when the",
        'post exists but Jekyll does not build it (`published: false`, or dated in the future without `future: true`), and when the name has no',
        '`YYYY-MM-DD-` date at all — that one fails even inside `{% comment %}`. Names with an unpadded or padded date (`2024-1-7-…`) and a post in',
        'a sub-folder named without it still resolve (Jekyll warns that this matching is deprecated). Not checked inside `{% raw %}`, nor when',
        'the effective front matter sets `render_with_liquid: false`.',
      ].join('\n'),
      bad: '---\ntitle: Budget preview\n---\nCompare [last year]({% post_url 2024-11-30-autumn-budget-analysis %}).',
      good: '---\ntitle: Budget preview\n---\nCompare [last year]({% post_url 2024-10-30-autumn-budget %}).',
      fix: 'The nearest existing post name (compared as `YYYY-MM-DD-slug`; a post in a sub-folder of `_posts` is named with it). Preferred when it is clearly the one: the only post with that slug, or the only nearest.',
    },
  },
  {
    facts({ doc, site, post }) {
      const scan = documentLiquid(doc, site, post);
      if (!scan) return undefined;
      const names = [...scan.tokens, ...scan.commented]
        .filter((t) => t.kind === 'tag' && t.name === 'post_url')
        .sort((a, b) => a.start - b.start)
        .map((t) => {
          const { text, range } = argRange(doc, t);
          return { text: detach(text), range, commented: scan.commented.includes(t) };
        });
      return names.length > 0 ? { kind: doc.kind, names } : undefined;
    },
    report({ kind, names }, { site, index }) {
      const out: Finding[] = [];
      const fails = buildFails(kind);
      for (const { text, range, commented } of names) {
        // A name Liquid cannot parse fails when the tag is parsed — inside {% comment %} too.
        if (!POST_NAME.test(text.replace(/^\//, ''))) {
          out.push({
            range,
            message: `${fails}: Jekyll cannot parse the post name '${text}' in {% post_url %} (Jekyll::Errors::PostURLError). A post name is its file name in \`_posts\` without the extension, starting with its date: \`2024-01-07-budget\`.`,
          });
          continue;
        }
        if (!index || commented) continue;
        const target = index.postUrlTarget(text);
        if (target) {
          const why = notBuilt(target, site);
          if (why) out.push({ range, message: `${fails}: the post '${text}' ${why}, and {% post_url %} cannot find it (Jekyll::Errors::PostURLError).` });
          continue;
        }
        const fixes = suggestions(text, index, site).map((c) => replaceRange(range, c.name, `Use the post ${c.name}`, c.preferred));
        const hint = fixes.length > 0 ? ` Did you mean '${fixes[0]!.edits[0]!.newText}'?` : " The name is a post's file name inside `_posts` without its extension, with any sub-folder in front (`2024/2024-01-07-budget`).";
        out.push({ range, message: `${fails}: Jekyll cannot find the post '${text}' for {% post_url %} (Jekyll::Errors::PostURLError).${hint}`, fixes });
      }
      return out;
    },
  },
);

/** A `{% post_url %}` name, where it is, and whether it is inside `{% comment %}` (parsed, never run). */
interface Named {
  text: string;
  range: Range;
  commented: boolean;
}
