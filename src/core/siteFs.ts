/**
 * The only way the core reaches files. Paths are absolute, '/'-separated
 * (POSIX style, also on Windows hosts: adapters convert), never URIs.
 */
export interface SiteFs {
  /** The file's bytes; rejects when it does not exist. */
  readFile(path: string): Promise<Uint8Array>;
  /** Entries of a folder as [name, kind]; [] when the folder does not exist. */
  readDirectory(path: string): Promise<Array<[string, FileKind]>>;
  /** undefined when nothing is there. */
  stat(path: string): Promise<FileStat | undefined>;
}

export const enum FileKind {
  File = 1,
  Directory = 2,
}

export interface FileStat {
  kind: FileKind;
  size: number;
  /** Milliseconds since the epoch. */
  mtime: number;
}

/** Joins POSIX path segments, collapsing '.' and '..'. */
export function joinPath(...parts: string[]): string {
  const segs: string[] = [];
  const absolute = parts.length > 0 && parts[0]!.startsWith('/');
  for (const part of parts) {
    for (const seg of part.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') segs.pop();
      else segs.push(seg);
    }
  }
  return (absolute ? '/' : '') + segs.join('/');
}

/** The path of `path` relative to `root` ('/'-separated), or undefined when outside it. */
export function relativePath(root: string, path: string): string | undefined {
  const r = root.endsWith('/') ? root : root + '/';
  if (path === root) return '';
  return path.startsWith(r) ? path.slice(r.length) : undefined;
}

export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : path.slice(0, i);
}

/** The site a file belongs to: the innermost site root containing it. */
export function siteFor(roots: readonly string[], path: string): string | undefined {
  let best: string | undefined;
  for (const r of roots) if (relativePath(r, path) !== undefined && (!best || r.length > best.length)) best = r;
  return best;
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
