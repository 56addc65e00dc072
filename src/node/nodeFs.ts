import { readFileSync, readdirSync, statSync } from 'node:fs';
import { FileKind, type FileStat, type SiteFs } from '../core/siteFs';

/**
 * SiteFs over Node's fs (CLI, tests, benchmarks). Paths are POSIX.
 * Reads are synchronous behind the async interface: for thousands of small
 * files one `readFileSync` is several times faster than the four libuv
 * round trips of `fs.promises.readFile` (measured in bench/), and the CLI has
 * nothing else to do meanwhile.
 */
export const nodeFs: SiteFs = {
  async readFile(path: string): Promise<Uint8Array> {
    return readFileSync(path);
  },
  async readDirectory(path: string): Promise<Array<[string, FileKind]>> {
    try {
      const entries = readdirSync(path, { withFileTypes: true });
      const out: Array<[string, FileKind]> = [];
      for (const e of entries) {
        if (e.isDirectory()) out.push([e.name, FileKind.Directory]);
        else if (e.isFile()) out.push([e.name, FileKind.File]);
        else if (e.isSymbolicLink()) {
          // Jekyll's safe mode skips symbolic links; so do we.
        }
      }
      return out;
    } catch {
      return [];
    }
  },
  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = statSync(path);
      return { kind: s.isDirectory() ? FileKind.Directory : FileKind.File, size: s.size, mtime: s.mtimeMs };
    } catch {
      return undefined;
    }
  },
};
