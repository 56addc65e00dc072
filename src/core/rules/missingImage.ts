import { isMap, isScalar, type Node } from 'yaml';
import { topPair } from '../edit';
import { nearest } from '../nearest';
import type { Fix } from '../problem';
import type { SiteModel } from '../site';
import type { SiteIndex } from '../siteIndex';
import type { Finding, Rule, RuleContext } from './rule';

const IMAGE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico)$/i;

/** The site path an `image:` value points to, or undefined when it can't be known (remote, computed). */
export function imageSitePath(value: string, site: SiteModel): string | undefined {
  let p = value.trim();
  if (p === '' || /^([a-z]+:)?\/\//i.test(p) || /^data:/i.test(p)) return undefined;
  p = p.replace(/\{\{\s*site\.baseurl\s*\}\}/g, '').replace(/\{\{\s*site\.url\s*\}\}/g, '');
  if (p.includes('{{') || p.includes('{%')) return undefined;
  p = p.replace(/[?#].*$/, '');
  const base = site.config.baseurl.replace(/\/+$/, '');
  if (base && (p === base || p.startsWith(base + '/'))) p = p.slice(base.length);
  try {
    p = decodeURI(p);
  } catch {
    // Keep it as written.
  }
  return p.replace(/^\/+/, '');
}

/** The site's images, and by file name; kept until the site's files change. */
const imageCache = new WeakMap<SiteIndex, { version: number; images: string[]; byName: Map<string, string> }>();

function imagesOf(index: SiteIndex): { images: string[]; byName: Map<string, string> } {
  const hit = imageCache.get(index);
  if (hit && hit.version === index.files.version) return hit;
  const images = [...index.files].filter((f) => IMAGE.test(f) && !f.startsWith('_site/'));
  const entry = { version: index.files.version, images, byName: new Map(images.map((f) => [f.slice(f.lastIndexOf('/') + 1), f])) };
  imageCache.set(index, entry);
  return entry;
}

/** A front-matter `image` that resolves to no file of the site. */
export const missingImage: Rule = {
  id: 'missing-image',
  defaultSeverity: 'warning',
  summary: '`image:` (a path or `{path:}`) that resolves to no file of the site.',
  docs: {
    description:
      'Themes print the front-matter `image` as the post\'s cover and social-card picture, usually as `{{ site.baseurl }}/{{ page.image }}`. A\n' +
      'path that matches no file gives a broken image on the page and in link previews; Jekyll does not check it. Paths are resolved from the\n' +
      'site root, with a leading `/` and the site\'s `baseurl` allowed; remote URLs are not checked.',
    bad: '---\nimage: assets/images/cover.jpg\n---',
    good: '---\nimage: assets/images/covers/budget.jpg\n---',
    fix: 'The nearest existing image.',
  },
  check({ doc, site, index, post }: RuleContext): Finding[] {
    const fm = doc.frontMatter;
    const pair = topPair(doc, 'image');
    if (!index || !post || !fm || !pair || !pair.value) return [];
    let node: Node | null = pair.value;
    if (isMap(pair.value)) node = (pair.value.items.find((i) => isScalar(i.key) && i.key.value === 'path')?.value as Node | undefined) ?? null;
    if (!node || !isScalar(node) || typeof node.value !== 'string' || !node.range) return [];
    const path = imageSitePath(node.value, site);
    if (path === undefined || index.files.has(path)) return [];
    const start = fm.toOriginal(node.range[0]);
    const end = fm.toOriginal(node.range[1]);
    const { images, byName } = imagesOf(index);
    const nearName = nearest(path.slice(path.lastIndexOf('/') + 1), byName.keys());
    const near = nearName ? byName.get(nearName) : nearest(path, images);
    const fixes: Fix[] = [];
    if (near) {
      const written = doc.text.slice(start, end);
      const lead = node.value.trim().startsWith('/') ? '/' : '';
      const q = /^["']/.test(written) ? written[0]! : '';
      fixes.push({ title: `Use ${lead}${near}`, edits: [{ range: doc.lines.rangeOf(start, end), newText: `${q}${lead}${near}${q}` }], preferred: true });
    }
    return [{ range: doc.lines.rangeOf(start, end), message: `No file \`${path}\` in the site: the cover image and the social card of this post will be broken.`, fixes }];
  },
};
