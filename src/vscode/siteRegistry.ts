import * as vscode from 'vscode';
import { discoverSites, loadSite, siteFor, type SiteModel } from '../core/site';
import type { SiteFs } from '../core/siteFs';
import { Disposable } from './dispose';
import { vscodeFs } from './vscodeFs';

export interface SiteEntry {
  /** The site's root folder. */
  uri: vscode.Uri;
  model: SiteModel;
  fs: SiteFs;
}

/**
 * The Jekyll sites of the workspace (every folder with `_config.yml` or
 * `_posts`, multi-root aware), kept current as `_config.yml` files change.
 */
export class SiteRegistry extends Disposable {
  private sites: SiteEntry[] = [];
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires after sites were (re)loaded. */
  readonly onDidChange = this.changed.event;
  private loading: Promise<void>;

  constructor() {
    super();
    this.loading = this.reload();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/{_config.yml,_config.yaml,_posts}'));
    const refresh = (): void => {
      this.loading = this.reload();
    };
    this._register(watcher.onDidChange(refresh));
    this._register(watcher.onDidCreate(refresh));
    this._register(watcher.onDidDelete(refresh));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(refresh));
  }

  /** Resolves once the sites known now are loaded. */
  get ready(): Promise<void> {
    return this.loading;
  }

  get all(): readonly SiteEntry[] {
    return this.sites;
  }

  /** The site a file belongs to (innermost root, same scheme and authority). */
  siteFor(uri: vscode.Uri): SiteEntry | undefined {
    const candidates = this.sites.filter((s) => s.uri.scheme === uri.scheme && s.uri.authority === uri.authority);
    const root = siteFor(candidates.map((s) => s.uri.path), uri.path);
    return candidates.find((s) => s.uri.path === root);
  }

  private async reload(): Promise<void> {
    const found: SiteEntry[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const fs = vscodeFs(folder.uri);
      for (const root of await discoverSites(fs, folder.uri.path)) {
        found.push({ uri: folder.uri.with({ path: root }), model: await loadSite(fs, root), fs });
      }
    }
    if (this.isDisposed) return;
    this.sites = found;
    this.changed.fire();
  }
}
