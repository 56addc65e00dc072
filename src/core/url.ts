import type { SiteModel } from './site';
import { isRecord } from './yamlValue';

/** Jekyll's permalink templates and URL sanitising (Jekyll::URL, Configuration::STYLE_TO_PERMALINK). */
export const PERMALINK_STYLES: Record<string, string> = {
  none: '/:categories/:title:output_ext',
  date: '/:categories/:year/:month/:day/:title:output_ext',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
};

/** The posts URL template: `collections.posts.permalink`, else the site's `permalink:` style. */
export function postsTemplate(site: SiteModel): string {
  const c = site.config.raw.collections;
  const posts = isRecord(c) && isRecord(c.posts) ? c.posts : undefined;
  if (posts && typeof posts.permalink === 'string' && posts.permalink !== '') return posts.permalink;
  return PERMALINK_STYLES[site.config.permalink] ?? site.config.permalink;
}

/** URL.escape_path: kept as is when plain, else percent-encoded as Addressable::URI.encode does for a path. */
export function escapePath(path: string): string {
  if (path === '' || /^[a-zA-Z0-9./-]+$/.test(path)) return path;
  let out = '';
  for (const ch of path) {
    if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/.test(ch)) out += ch;
    else out += [...new TextEncoder().encode(ch)].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
  }
  return out;
}

/** URL#sanitize_url. */
export function sanitizeUrl(s: string): string {
  let out = s.startsWith('/') ? s : ['/', s].join('');
  if (out.includes('..')) out = out.replace(/\.\./g, '/');
  if (out.includes('./')) out = out.replace(/\.\//g, '');
  return out.includes('//') ? out.replace(/\/+/g, '/') : out;
}

/** Fills `:name` placeholders (URL#generate_url_from_drop); `placeholder` answers undefined for a name it does not know, and then so does this (Jekyll raises). */
export function fillTemplate(template: string, placeholder: (name: string) => string | undefined): string | undefined {
  // Joined once at the end: one flat string, not a tree of concatenations the index would keep.
  const out: string[] = [];
  for (const part of templateParts(template)) {
    if (typeof part === 'string') {
      out.push(part);
      continue;
    }
    // `:name_` is `:name` then `_` when Jekyll knows no `name_` (URL#generate_url_from_drop).
    let value = placeholder(part.name);
    let rest = '';
    if (value === undefined && part.name.endsWith('_')) {
      value = placeholder(part.name.slice(0, -1));
      rest = '_';
    }
    if (value === undefined) return undefined;
    out.push(escapePath(value), rest);
  }
  return out.join('');
}

const parsedTemplates = new Map<string, Array<string | { name: string }>>();

/** A template split into literal text and `:name` placeholders (cached: a site has a handful). */
function templateParts(template: string): ReadonlyArray<string | { name: string }> {
  let parts = parsedTemplates.get(template);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const m of template.matchAll(/:([a-z_]+)/g)) {
      if (m.index > last) parts.push(template.slice(last, m.index));
      parts.push({ name: m[1]! });
      last = m.index + m[0].length;
    }
    if (last < template.length) parts.push(template.slice(last));
    if (parsedTemplates.size > 1000) parsedTemplates.clear();
    parsedTemplates.set(template, parts);
  }
  return parts;
}
