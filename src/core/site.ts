import { readConfig, type SiteConfig } from './config';
import type { DocumentKind } from './document';
import { fnmatch } from './fnmatch';
import { FileKind, joinPath, type SiteFs } from './siteFs';
import { isRecord } from './yamlValue';

/** A Jekyll site: a folder with `_config.yml` or a `_posts` folder. */
export interface SiteModel {
  root: string;
  config: SiteConfig;
  /** Collection labels from `_config.yml` (posts excluded). */
  collections: string[];
}

/** Jekyll's Document::DATE_FILENAME_MATCHER, applied to the path inside `_posts`. */
export const POST_FILENAME = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/;

const decoder = new TextDecoder('utf-8');
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A file's text; undefined when it can't be read (or, with `strict`, is not valid UTF-8). */
export async function readText(fs: SiteFs, path: string, strict = false): Promise<string | undefined> {
  try {
    const bytes = await fs.readFile(path);
    return (strict ? strictDecoder : decoder).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A file's text read once, and whether its bytes are not valid UTF-8 (the text
 * then holds U+FFFD in their place); undefined when it can't be read.
 */
export async function readDocumentText(fs: SiteFs, path: string): Promise<{ text: string; invalidUtf8: boolean } | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch {
    return undefined;
  }
  const text = decoder.decode(bytes);
  if (!text.includes('\uFFFD')) return { text, invalidUtf8: false };
  try {
    strictDecoder.decode(bytes);
    return { text, invalidUtf8: false };
  } catch {
    return { text, invalidUtf8: true };
  }
}

/** Reads a site's configuration. */
export async function loadSite(fs: SiteFs, root: string): Promise<SiteModel> {
  const text = (await readText(fs, joinPath(root, '_config.yml'))) ?? (await readText(fs, joinPath(root, '_config.yaml')));
  return siteFromConfig(root, readConfig(text));
}

export function siteFromConfig(root: string, config: SiteConfig): SiteModel {
  const c = config.raw.collections;
  const collections = isRecord(c) ? Object.keys(c) : Array.isArray(c) ? c.map(String) : [];
  return { root, config, collections: collections.filter((l) => l !== 'posts') };
}

/** Whether Jekyll's EntryFilter drops one entry (a name or relative path). */
function filtered(site: SiteModel, rel: string, entry: string): boolean {
  if (entry.endsWith('.')) return true;
  const included = site.config.include.some((p) => matches(p, rel));
  if (site.config.exclude.some((p) => matches(p, rel)) && !included) return true;
  if (included) return false;
  return /^[._#~]/.test(entry) || entry.endsWith('~');
}

function matches(pattern: string, rel: string): boolean {
  return fnmatch(pattern, rel) || rel.startsWith(pattern) || pattern === rel + '/';
}

export interface Classified {
  kind: DocumentKind;
  /** For a post: the date and slug its file name gives. */
  postName?: { date: string; slug: string; ext: string };
  /** For a file in `_posts`/`_drafts` that Jekyll silently skips: why. */
  skipped?: SkipReason;
}

export type SkipReason = 'no-date' | 'no-extension' | 'special-name' | 'excluded' | 'outside-collections-dir' | 'data-file';

/**
 * What Jekyll makes of a file at `rel` (relative to the site root), or
 * undefined when it never reads it as a document. Files in `_posts` or
 * `_drafts` that Jekyll skips come back with `skipped` set.
 */
export function classify(site: SiteModel, rel: string): Classified | undefined {
  const parts = rel.split('/');
  const cd = site.config.collectionsDir;
  for (let i = 0; i < parts.length - 1; i++) {
    const seg = parts[i]!;
    if (seg === '_posts' || seg === '_drafts') {
      const dir = parts.slice(0, i).join('/');
      const kind: DocumentKind = seg === '_drafts' ? 'draft' : 'post';
      if (cd && !(dir === cd || dir.startsWith(cd + '/'))) return { kind, skipped: 'outside-collections-dir' };
      for (let j = 0; j < i; j++) if (filtered(site, parts.slice(0, j + 1).join('/'), parts[j]!)) return { kind, skipped: 'special-name' };
      const inner = parts.slice(i + 1).join('/');
      const name = parts[parts.length - 1]!;
      if (/^[._#~]/.test(inner) || /^[._#~]/.test(name) || name.endsWith('~') || inner.endsWith('.')) return { kind, skipped: 'special-name' };
      if (site.config.exclude.some((p) => matches(p, rel)) && !site.config.include.some((p) => matches(p, rel))) return { kind, skipped: 'excluded' };
      if (/\.ya?ml$/i.test(name)) return { kind, skipped: 'data-file' };
      if (kind === 'draft') return /\.[^./]+$/.test(name) ? { kind } : { kind, skipped: 'no-extension' };
      const m = POST_FILENAME.exec(inner);
      if (m) return { kind, postName: { date: m[1]!, slug: m[2]!, ext: m[3]! } };
      return { kind, skipped: /\.[^./]+$/.test(name) ? 'no-date' : 'no-extension' };
    }
  }
  const top = cd ? (parts[0] === cd ? parts[1] : undefined) : parts[0];
  if (top && parts.length > (cd ? 2 : 1) && site.collections.includes(top.slice(1)) && top.startsWith('_')) return { kind: 'collection' };
  for (let j = 0; j < parts.length; j++) if (filtered(site, parts.slice(0, j + 1).join('/'), parts[j]!)) return undefined;
  return { kind: 'page' };
}

/** Every file below the site root that Jekyll may read as a document (posts, drafts, collections, pages). */
export async function listSiteFiles(fs: SiteFs, site: SiteModel): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readDirectory(dir);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, kind] of entries) {
      // `dir` is normalized and an entry's name is one segment.
      const path = dir === '/' ? '/' + name : dir + '/' + name;
      if (kind === FileKind.Directory) {
        if (name === '.git' || name === 'node_modules' || name === '_site' || name === '.jekyll-cache') continue;
        await walk(path);
      } else if (kind === FileKind.File) {
        out.push(path);
      }
    }
  };
  await walk(joinPath(site.root));
  return out;
}
