import { FileKind, joinPath, type FileStat, type SiteFs } from './siteFs';

/** An in-memory SiteFs for unit tests: `{ '/site/_config.yml': 'title: x' }`. */
export function memoryFs(files: Record<string, string | Uint8Array>, mtime = 0): SiteFs {
  const encoder = new TextEncoder();
  const data = new Map<string, Uint8Array>();
  for (const [p, v] of Object.entries(files)) data.set(joinPath(p), typeof v === 'string' ? encoder.encode(v) : v);
  const isDir = (p: string): boolean => {
    const prefix = p === '/' ? '/' : p + '/';
    for (const k of data.keys()) if (k.startsWith(prefix)) return true;
    return false;
  };
  return {
    async readFile(path) {
      const v = data.get(joinPath(path));
      if (!v) throw new Error(`ENOENT: ${path}`);
      return v;
    },
    async readDirectory(path) {
      const dir = joinPath(path);
      const prefix = dir === '/' ? '/' : dir + '/';
      const seen = new Map<string, FileKind>();
      for (const k of data.keys()) {
        if (!k.startsWith(prefix)) continue;
        const rest = k.slice(prefix.length);
        const slash = rest.indexOf('/');
        seen.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? FileKind.File : FileKind.Directory);
      }
      return [...seen.entries()];
    },
    async stat(path): Promise<FileStat | undefined> {
      const p = joinPath(path);
      const v = data.get(p);
      if (v) return { kind: FileKind.File, size: v.length, mtime };
      return isDir(p) ? { kind: FileKind.Directory, size: 0, mtime } : undefined;
    },
  };
}
