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
