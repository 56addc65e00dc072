import vscode = require('vscode');
import type { SiteModel } from '../core/site';
import type { SiteIndex } from '../core/siteIndex';
import type { SiteFs } from '../core/siteFs';
import { discoverSites, relativePath, siteFor } from '../core/siteFs';
import { core } from './core';
import { Disposable } from './dispose';
import { vscodeFs } from './vscodeFs';

export interface SiteEntry {
  /** The site's root folder. */
  uri: vscode.Uri;
  model: SiteModel;
  fs: SiteFs;
  /** The site-wide index, built on first use and kept current by file events. */
  index(): Promise<SiteIndex>;
}

const INDEX_CHANGE_DELAY_MS = 300;

/**
 * The Jekyll sites of the workspace (every folder with `_config.yml` or
 * `_posts`, multi-root aware), each with its index, kept current as files change.
 */
export class SiteRegistry extends Disposable {
  private sites: SiteEntry[] = [];
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires after sites were (re)loaded. */
  readonly onDidChange = this.changed.event;
  private readonly indexChanged = this._register(new vscode.EventEmitter<SiteEntry>());
  /** Fires (debounced) after files of a site changed on disk and its index was updated. */
  readonly onDidChangeIndex = this.indexChanged.event;
  private loading: Promise<void>;
  private readonly pendingIndexEvents = new Map<SiteEntry, ReturnType<typeof setTimeout>>();

  constructor() {
    super();
    this.loading = this.reload();
    const reload = (): void => {
      this.loading = this.reload();
    };
    const config = this._register(vscode.workspace.createFileSystemWatcher('**/{_config.yml,_config.yaml}'));
    this._register(config.onDidChange(reload));
    this._register(config.onDidCreate(reload));
    this._register(config.onDidDelete(reload));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(reload));
    // Saves from the editor count at once (the file watcher may report them late, or not at all on some remotes).
    this._register(
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (/\/_config\.ya?ml$/.test(d.uri.path)) reload();
        else void this.fileChanged(d.uri);
      }),
    );
    const files = this._register(vscode.workspace.createFileSystemWatcher('**/*'));
    const onFile = (uri: vscode.Uri): void => void this.fileChanged(uri);
    this._register(files.onDidChange(onFile));
    this._register(files.onDidCreate(onFile));
    this._register(files.onDidDelete(onFile));
    this._register({ dispose: () => this.pendingIndexEvents.forEach((t) => clearTimeout(t)) });
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
    const root = siteFor(
      candidates.map((s) => s.uri.path),
      uri.path,
    );
    return candidates.find((s) => s.uri.path === root);
  }

  private async fileChanged(uri: vscode.Uri): Promise<void> {
    const site = this.siteFor(uri);
    if (!site) return;
    const rel = relativePath(site.uri.path, uri.path);
    if (rel === undefined || rel.startsWith('_site/') || rel.startsWith('.git/') || rel.startsWith('.jekyll-cache/')) return;
    const index = await site.index();
    if (rel.startsWith('_data/')) {
      index.files.add(rel);
      await index.readData(site.fs);
    } else {
      await index.updateFile(site.fs, uri.path);
    }
    const pending = this.pendingIndexEvents.get(site);
    if (pending) clearTimeout(pending);
    this.pendingIndexEvents.set(
      site,
      setTimeout(() => {
        this.pendingIndexEvents.delete(site);
        this.indexChanged.fire(site);
      }, INDEX_CHANGE_DELAY_MS),
    );
  }

  private async reload(): Promise<void> {
    const found: SiteEntry[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const fs = vscodeFs(folder.uri);
      for (const root of await discoverSites(fs, folder.uri.path)) {
        const model = await core().loadSite(fs, root);
        let index: Promise<SiteIndex> | undefined;
        found.push({ uri: folder.uri.with({ path: root }), model, fs, index: () => (index ??= core().buildIndex(fs, model)) });
      }
    }
    if (this.isDisposed) return;
    this.sites = found;
    this.changed.fire();
  }
}
