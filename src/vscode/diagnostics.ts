import vscode = require('vscode');
import { core } from './core';
import type { Problem } from '../core/problem';
import { Disposable } from './dispose';
import { toDiagnostic } from './problems';
import { readSettings } from './settings';
import type { SiteRegistry } from './siteRegistry';

const DEBOUNCE_MS = 250;

/** The problems last computed for an open document, for code actions. */
export interface ProblemCache {
  problemsFor(document: vscode.TextDocument): readonly Problem[] | undefined;
}

/**
 * Keeps the `jekyll` diagnostics of open documents current: on open, on type
 * (debounced) or on save, dropping results computed for an older version.
 */
export class DiagnosticsManager extends Disposable implements ProblemCache {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('jekyll'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  private readonly results = new Map<string, { version: number; problems: Problem[] }>();

  constructor(private readonly sites: SiteRegistry) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && readSettings(e.document.uri).validateRun === 'onType') this.schedule(e.document, DEBOUNCE_MS);
      }),
    );
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(sites.onDidChange(() => this.validateOpen()));
    this._register(sites.onDidChangeIndex(() => this.validateOpen()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('jekyll')) this.validateOpen();
      }),
    );
    this._register({ dispose: () => this.timers.forEach((t) => clearTimeout(t)) });
    this.validateOpen();
  }

  problemsFor(document: vscode.TextDocument): readonly Problem[] | undefined {
    const r = this.results.get(document.uri.toString());
    return r && r.version === document.version ? r.problems : undefined;
  }

  private validateOpen(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.uri.scheme === 'untitled' || document.isClosed) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validate(document, generation);
      }, delay),
    );
  }

  private async validate(document: vscode.TextDocument, generation: number): Promise<void> {
    await this.sites.ready;
    const key = document.uri.toString();
    if (this.isDisposed || document.isClosed || this.generations.get(key) !== generation) return;
    const site = this.sites.siteFor(document.uri);
    if (!site) {
      this.collection.delete(document.uri);
      this.results.delete(key);
      return;
    }
    const version = document.version;
    const index = await site.index();
    const text = document.getText();
    const invalidUtf8 = text.includes('\uFFFD') && !document.isDirty && !(await isValidUtf8(document.uri));
    if (this.isDisposed || document.isClosed || this.generations.get(key) !== generation || document.version !== version) return;
    // Parsed once: the index follows the editor's text (so other rules see this post as typed) and
    // the rules check the same document with the post the index just resolved.
    const doc = core().documentFor(site.model, document.uri.path, text);
    const post = doc && !invalidUtf8 ? index.updatePostDocument(doc) : undefined;
    if (invalidUtf8) index.updatePostText(document.uri.path, undefined);
    const problems = !doc ? [] : core().checkParsed(doc, site.model, {
      index,
      invalidUtf8,
      post,
      rules: readSettings(document.uri).rules,
      onRuleError: (rule, e) => console.error(`[jekyll-posts] rule ${rule} failed on ${key}:`, e),
    });
    this.results.set(key, { version, problems });
    this.collection.set(document.uri, problems.map(toDiagnostic));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.results.delete(key);
    this.collection.delete(uri);
  }

  /** Checks every document of every site (the `jekyll.checkSite` command); returns the number of problems. */
  async checkAll(token: vscode.CancellationToken, progress: vscode.Progress<{ message?: string }>): Promise<number> {
    await this.sites.ready;
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    let count = 0;
    for (const site of this.sites.all) {
      progress.report({ message: vscode.workspace.asRelativePath(site.uri) });
      const files = await core().checkSite(site.fs, site.model, {
        index: await site.index(),
        rules: readSettings(site.uri).rules,
        isCancelled: () => token.isCancellationRequested,
      });
      if (token.isCancellationRequested) break;
      for (const f of files) {
        const uri = site.uri.with({ path: f.path });
        count += f.problems.length;
        if (!open.has(uri.toString())) this.collection.set(uri, f.problems.map(toDiagnostic));
      }
    }
    return count;
  }
}

async function isValidUtf8(uri: vscode.Uri): Promise<boolean> {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    return true;
  } catch {
    return false;
  }
}

export function registerDiagnostics(sites: SiteRegistry): DiagnosticsManager {
  return new DiagnosticsManager(sites);
}
