import vscode = require('vscode');
import { FileKind, type FileStat, type SiteFs } from '../core/siteFs';

/**
 * SiteFs over `vscode.workspace.fs`, so remote and virtual workspaces work.
 * Core paths are the URI's path; `base` supplies scheme and authority.
 */
export function vscodeFs(base: vscode.Uri): SiteFs {
  const uri = (path: string): vscode.Uri => base.with({ path, query: '', fragment: '' });
  const kind = (t: vscode.FileType): FileKind | undefined =>
    t & vscode.FileType.SymbolicLink ? undefined : t & vscode.FileType.Directory ? FileKind.Directory : t & vscode.FileType.File ? FileKind.File : undefined;
  return {
    async readFile(path) {
      return vscode.workspace.fs.readFile(uri(path));
    },
    async readDirectory(path) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(uri(path));
        const out: Array<[string, FileKind]> = [];
        for (const [name, t] of entries) {
          const k = kind(t);
          if (k !== undefined) out.push([name, k]);
        }
        return out;
      } catch {
        return [];
      }
    },
    async stat(path): Promise<FileStat | undefined> {
      try {
        const s = await vscode.workspace.fs.stat(uri(path));
        return { kind: s.type & vscode.FileType.Directory ? FileKind.Directory : FileKind.File, size: s.size, mtime: s.mtime };
      } catch {
        return undefined;
      }
    },
  };
}
