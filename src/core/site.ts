import { readConfig, type SiteConfig } from './config';
import type { DocumentKind } from './document';
import { fnmatch } from './fnmatch';
import { FileKind, joinPath, relativePath, type SiteFs } from './siteFs';
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

export async function readText(fs: SiteFs, path: string): Promise<string | undefined> {
  try {
    return decoder.decode(await fs.readFile(path));
  } catch {
    return undefined;
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

/**
 * The sites inside a folder: the folder itself when it holds `_config.yml`
 * or a `_posts` folder, else its sub-folders (to `depth` levels).
 */
export async function discoverSites(fs: SiteFs, folder: string, depth = 2): Promise<string[]> {
  const entries = await fs.readDirectory(folder);
  const names = new Set(entries.map(([n]) => n));
  if (names.has('_config.yml') || names.has('_config.yaml') || entries.some(([n, k]) => n === '_posts' && k === FileKind.Directory)) {
    return [folder];
  }
  if (depth === 0) return [];
  const found: string[] = [];
  for (const [name, kind] of entries) {
    if (kind !== FileKind.Directory || name.startsWith('.') || name === 'node_modules' || name === '_site') continue;
    found.push(...(await discoverSites(fs, joinPath(folder, name), depth - 1)));
  }
  return found;
}

/** The site a file belongs to: the innermost site root containing it. */
export function siteFor(roots: readonly string[], path: string): string | undefined {
  let best: string | undefined;
  for (const r of roots) if (relativePath(r, path) !== undefined && (!best || r.length > best.length)) best = r;
  return best;
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
  /** For files inside a `_posts` folder: whether Jekyll reads the name as a post. */
  postName?: { date: string; slug: string; ext: string };
}

/**
 * What Jekyll makes of a file at `rel` (relative to the site root), or
 * undefined when it never reads it as a document. Files in `_posts` whose name
 * Jekyll ignores come back as kind 'post' without `postName`.
 */
export function classify(site: SiteModel, rel: string): Classified | undefined {
  const parts = rel.split('/');
  const cd = site.config.collectionsDir;
  for (let i = 0; i < parts.length - 1; i++) {
    const seg = parts[i]!;
    if (seg === '_posts' || seg === '_drafts') {
      const dir = parts.slice(0, i).join('/');
      if (cd && !(dir === cd || dir.startsWith(cd + '/'))) return undefined;
      for (let j = 0; j < i; j++) if (filtered(site, parts.slice(0, j + 1).join('/'), parts[j]!)) return undefined;
      const inner = parts.slice(i + 1).join('/');
      if (filtered(site, inner, inner) || filtered(site, inner, parts[parts.length - 1]!)) return undefined;
      if (seg === '_drafts') return { kind: 'draft' };
      const m = POST_FILENAME.exec(inner);
      return m ? { kind: 'post', postName: { date: m[1]!, slug: m[2]!, ext: m[3]! } } : { kind: 'post' };
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
      const path = joinPath(dir, name);
      if (kind === FileKind.Directory) {
        if (name === '.git' || name === 'node_modules' || name === '_site' || name === '.jekyll-cache') continue;
        await walk(path);
      } else if (kind === FileKind.File) {
        out.push(path);
      }
    }
  };
  await walk(site.root);
  return out;
}
