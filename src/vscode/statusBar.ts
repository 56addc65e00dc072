import vscode = require('vscode');
import { core } from './core';
import { Disposable } from './dispose';
import type { SiteRegistry } from './siteRegistry';

export const COPY_POST_URL = 'jekyll.copyPostUrl';
/** Context key: the active editor holds a post or draft of a site. */
export const EDITOR_IS_POST = 'jekyll.editorIsPost';

const UPDATE_DELAY_MS = 300;

/** The URL Jekyll gives the post in the active editor; a click copies it. */
export class PostUrlStatus extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('jekyll.postUrl', vscode.StatusBarAlignment.Right, 100));
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** What a click copies. */
  private current: string | undefined;

  constructor(private readonly sites: SiteRegistry) {
    super();
    this.item.name = vscode.l10n.t('Jekyll Post URL');
    this.item.command = COPY_POST_URL;
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.length > 0) this.schedule(UPDATE_DELAY_MS);
      }),
    );
    this._register(sites.onDidChange(() => this.schedule(0)));
    this._register(sites.onDidChangeIndex(() => this.schedule(0)));
    this._register({ dispose: () => this.timer && clearTimeout(this.timer) });
    this._register(vscode.commands.registerCommand(COPY_POST_URL, () => this.copy()));
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update(++this.generation);
    }, delay);
  }

  private async update(generation: number): Promise<void> {
    await this.sites.ready;
    const document = vscode.window.activeTextEditor?.document;
    const site = document && this.sites.siteFor(document.uri);
    const index = site && (await site.index());
    if (this.isDisposed || generation !== this.generation) return;
    const info = index && document ? core().editorPost(index, document.uri.path, document.getText(), Date.now())?.info : undefined;
    void vscode.commands.executeCommand('setContext', EDITOR_IS_POST, info !== undefined);
    if (!info?.url || !index) {
      this.current = undefined;
      this.item.hide();
      return;
    }
    const state = info.draft ? vscode.l10n.t('draft') : !info.published ? vscode.l10n.t('unpublished') : info.future ? vscode.l10n.t('future') : undefined;
    this.current = core().absoluteUrl(index, info.url);
    this.item.text = `$(link) ${info.url}${state ? ` (${state})` : ''}`;
    this.item.tooltip = new vscode.MarkdownString(vscode.l10n.t('The URL Jekyll gives this post: `{0}`. Click to copy.', this.current));
    this.item.show();
  }

  private async copy(): Promise<string | undefined> {
    if (!this.current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The active editor holds no Jekyll post.'));
      return undefined;
    }
    await vscode.env.clipboard.writeText(this.current);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', this.current), 3000);
    return this.current;
  }
}

export function registerPostUrlStatus(sites: SiteRegistry): vscode.Disposable {
  return new PostUrlStatus(sites);
}
