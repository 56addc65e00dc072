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
  return ('/' + s).replace(/\.\./g, '/').replace(/\.\//g, '').replace(/\/+/g, '/');
}

/** Fills `:name` placeholders (URL#generate_url_from_drop); `placeholder` answers undefined for a name it does not know, and then so does this (Jekyll raises). */
export function fillTemplate(template: string, placeholder: (name: string) => string | undefined): string | undefined {
  let unknown = false;
  const out = template.replace(/:([a-z_]+)/g, (match, name: string) => {
    let winner = name;
    let value = placeholder(name);
    if (value === undefined && name.endsWith('_')) value = placeholder((winner = name.slice(0, -1)));
    if (value === undefined) {
      unknown = true;
      return match;
    }
    return match.replace(':' + winner, escapePath(value));
  });
  return unknown ? undefined : out;
}
