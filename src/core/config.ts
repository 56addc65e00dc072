import { isRecord, parseYamlFile } from './yamlValue';

/** The parts of `_config.yml` the extension relies on, with Jekyll's defaults applied. */
export interface SiteConfig {
  /** Everything `_config.yml` holds (for `site.*`). */
  raw: Record<string, unknown>;
  /** Whether `_config.yml` was found and readable. */
  readable: boolean;
  /** The file's text, for fixes that edit it. */
  text: string | undefined;
  timezone: string | undefined;
  strictFrontMatter: boolean;
  future: boolean;
  collectionsDir: string;
  markdownExt: string[];
  exclude: string[];
  include: string[];
  permalink: string;
  baseurl: string;
}

const DEFAULT_EXCLUDE = ['.sass-cache', '.jekyll-cache', 'gemfiles', 'Gemfile', 'Gemfile.lock', 'node_modules', 'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/'];

/** Reads `_config.yml` text (undefined when absent) into a SiteConfig. */
export function readConfig(text: string | undefined): SiteConfig {
  const parsed = text === undefined ? {} : parseYamlFile(text);
  const raw = isRecord(parsed) ? parsed : {};
  const str = (k: string, d: string): string => (typeof raw[k] === 'string' ? (raw[k]) : d);
  const list = (k: string): string[] | undefined =>
    Array.isArray(raw[k]) ? (raw[k] as unknown[]).map(String) : typeof raw[k] === 'string' ? [raw[k]] : undefined;
  const markdownExt = str('markdown_ext', 'markdown,mkdown,mkdn,mkd,md').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  return {
    raw,
    readable: text !== undefined && isRecord(parsed),
    text,
    timezone: typeof raw.timezone === 'string' && raw.timezone !== '' ? raw.timezone : undefined,
    strictFrontMatter: raw.strict_front_matter === true,
    future: raw.future === true,
    collectionsDir: str('collections_dir', '').replace(/^\/+|\/+$/g, ''),
    markdownExt,
    exclude: [...DEFAULT_EXCLUDE, ...(list('exclude') ?? [])],
    include: list('include') ?? ['.htaccess'],
    permalink: str('permalink', 'date'),
    baseurl: str('baseurl', ''),
  };
}
