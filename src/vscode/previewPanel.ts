import vscode = require('vscode');
import type { JekyllLiquid } from '../core/render/liquid';
import type { SitePage, SiteStyler } from '../core/render/siteStyle';
import { joinPath, relativePath } from '../core/siteFs';
import type { SiteIndex } from '../core/siteIndex';
import type { FromWebview, InitialState, PreviewState, StyleProbe, ToWebview } from '../webview/protocol';
import { core } from './core';
import { loadSass } from './sass';
import type { ProblemCache } from './diagnostics';
import { Disposable } from './dispose';
import type { SiteEntry, SiteRegistry } from './siteRegistry';

export const PREVIEW_VIEW_TYPE = 'jekyll.preview';
/** Renders while typing at most this often (the first one at once). */
const THROTTLE_MS = 150;
/** After the preview scrolled the editor, the editor's own scroll event is not sent back for this long. */
const ECHO_MS = 150;

type PreviewStyle = 'editor' | 'site';

interface PreviewSettings {
  remoteImages: boolean;
  scrollEditorWithPreview: boolean;
  scrollPreviewWithEditor: boolean;
  style: PreviewStyle;
}

/** Sanitised `jekyll.preview.*` settings. */
function previewSettings(scope: vscode.Uri): PreviewSettings {
  const c = vscode.workspace.getConfiguration('jekyll.preview', scope);
  const bool = (key: string, d: boolean): boolean => {
    const v = c.get<unknown>(key);
    return typeof v === 'boolean' ? v : d;
  };
  return {
    remoteImages: bool('remoteImages', true),
    scrollEditorWithPreview: bool('scrollEditorWithPreview', true),
    scrollPreviewWithEditor: bool('scrollPreviewWithEditor', true),
    style: c.get<unknown>('style') === 'site' ? 'site' : 'editor',
  };
}

/** What the page's `<head>` and `<body>` tag hold in the site style (the rest comes by message). */
type SiteHead = Pick<SitePage, 'sheets' | 'bodyAttributes' | 'htmlAttributes'>;

interface Rendered {
  /** The content of the preview root. */
  html: string;
  /** Set in the site style: when it changes, the page is rebuilt. */
  site?: SiteHead;
}

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


interface PreviewDeps {
  sites: SiteRegistry;
  diagnostics: ProblemCache;
  extensionUri: vscode.Uri;
  liquidFor(index: SiteIndex, site: SiteEntry): Promise<JekyllLiquid>;
  stylerFor(index: SiteIndex, site: SiteEntry): Promise<SiteStyler>;
}

/** One preview panel: the post it shows, whether it follows the active editor, its renders. */
class JekyllPreview extends Disposable {
  private running = false;
  private dirty = false;
  private lastStart = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private needsPage = true;
  private renderedVersion = -1;
  /** Renders the page has shown (test hook: wait for the next one). */
  private renders = 0;
  private renderedResource = '';
  /** The site head the page was built with ('' for the editor style). */
  private renderedHead = '';
  private readonly rendered = this._register(new vscode.EventEmitter<void>());
  private readonly replies = new Map<number, (reply: { html: string; styles: Array<string | null> }) => void>();
  private nextRequest = 1;
  private editorEchoUntil = 0;
  private line: number | undefined;
  private readonly disposeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PreviewDeps,
    public resource: vscode.Uri,
    public locked: boolean,
    line: number | undefined,
  ) {
    super();
    this.line = line;
    this._register({ dispose: () => this.timer && clearTimeout(this.timer) });
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)));
    this.configure();
    this.requestUpdate(true);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.disposeEmitter.fire();
    super.dispose();
    this.panel.dispose();
  }

  private configure(): void {
    const site = this.deps.sites.siteFor(this.resource);
    this.panel.webview.options = {
      enableScripts: true,
      enableForms: false,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media'), vscode.Uri.joinPath(this.deps.extensionUri, 'dist'), ...(site ? [site.uri] : [])],
    };
    const name = this.resource.path.slice(this.resource.path.lastIndexOf('/') + 1);
    this.panel.title = this.locked ? vscode.l10n.t('[Preview] {0}', name) : vscode.l10n.t('Preview {0}', name);
    this.panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'icon.png');
  }

  /** Shows another post (the active editor changed, or the command named one). */
  setResource(uri: vscode.Uri, line?: number): void {
    if (uri.toString() === this.resource.toString()) return;
    this.resource = uri;
    this.line = line;
    this.renderedVersion = -1;
    this.configure();
    this.requestUpdate(true);
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.configure();
    this.requestUpdate(true);
  }

  /** Re-renders soon: at once when idle, else throttled, never two at a time (`page`: rebuild the whole page with a fresh nonce). */
  requestUpdate(page = false): void {
    if (page) this.needsPage = true;
    this.dirty = true;
    if (this.timer || this.running) return;
    const wait = Math.max(0, this.lastStart + THROTTLE_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, wait);
  }

  private async update(): Promise<void> {
    this.running = true;
    this.dirty = false;
    this.lastStart = Date.now();
    const resource = this.resource;
    let out: Rendered | undefined;
    let version = -1;
    try {
      const document = await vscode.workspace.openTextDocument(resource);
      await this.deps.sites.ready;
      version = document.version;
      out = await this.render(document);
      // A render for an older version of the text (or another post) is dropped: the change that made it old asked for a new one.
      if (document.version !== version || resource.toString() !== this.resource.toString()) out = undefined;
    } catch (e) {
      out = { html: `<p class="jekyll-preview-message">${escapeText(vscode.l10n.t('The preview could not be rendered: {0}', e instanceof Error ? e.message : String(e)))}</p>` };
    } finally {
      this.running = false;
    }
    if (this.isDisposed) return;
    if (out !== undefined) {
      const head = out.site ? JSON.stringify(out.site) : '';
      if (this.needsPage || this.renderedResource !== resource.toString() || this.renderedHead !== head) {
        this.needsPage = false;
        this.renderedResource = resource.toString();
        this.renderedHead = head;
        const initial: InitialState = {
          resource: resource.toString(),
          locked: this.locked,
          line: this.line,
          html: out.html,
          version,
          scrollEditorWithPreview: previewSettings(resource).scrollEditorWithPreview,
          style: out.site ? 'site' : 'editor',
        };
        this.panel.webview.html = this.page(initial, out.site);
      } else {
        void this.post({ type: 'update', html: out.html, version });
      }
    }
    if (this.dirty) {
      this.dirty = false;
      this.requestUpdate();
    }
  }

  private async render(document: vscode.TextDocument): Promise<Rendered> {
    const message = (text: string): Rendered => ({ html: `<p class="jekyll-preview-message">${escapeText(text)}</p>` });
    const site = this.deps.sites.siteFor(document.uri);
    if (!site) return message(vscode.l10n.t('This file is not inside a Jekyll site (no _config.yml or _posts folder above it).'));
    const index = await site.index();
    const liquid = await this.deps.liquidFor(index, site);
    const { renderArticle, articleHtml, siteFileFor, siteStatusHtml } = await core().loadRenderer();
    const article = await renderArticle(index, liquid, {
      path: document.uri.path,
      text: document.getText(),
      nowMs: Date.now(),
      problems: this.deps.diagnostics.problemsFor(document)?.length,
    });
    if (!article) return message(vscode.l10n.t('This file is not a post or draft that Jekyll publishes.'));
    const webview = this.panel.webview;
    const fileUrl = (rel: string): string => webview.asWebviewUri(site.uri.with({ path: joinPath(site.uri.path, rel) })).toString();
    const settings = previewSettings(document.uri);
    const notices: string[] = [];
    if (settings.style === 'site') {
      const styler = await this.deps.stylerFor(index, site);
      const result = await styler.render(article, { fileUrl, allowRemote: settings.remoteImages });
      if (result.style === 'site') {
        const { sheets, bodyAttributes, htmlAttributes, body, notices: siteNotices } = result.page;
        return { html: siteStatusHtml(article, siteNotices) + body, site: { sheets, bodyAttributes, htmlAttributes } };
      }
      notices.push(result.notice);
    }
    return {
      html: articleHtml(article, {
        mapUrl: (url) => {
          const rel = siteFileFor(index, document.uri.path, url);
          return rel === undefined ? undefined : fileUrl(rel);
        },
        notices,
      }),
    };
  }

  /**
   * The page: strict CSP with a fresh nonce, our script only, state as escaped JSON.
   * Editor style: our stylesheet. Site style: the site's stylesheets (its own
   * files, compiled SCSS in nonce'd style elements, `https:` ones only when
   * remote content is allowed) and the attributes of its `<html>`/`<body>`.
   */
  private page(initial: InitialState, site: SiteHead | undefined): string {
    const webview = this.panel.webview;
    const n = nonce();
    const remote = previewSettings(this.resource).remoteImages ? ' https:' : '';
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:${remote}`,
      `media-src ${webview.cspSource}${remote}`,
      ...(site
        ? [
            // Style elements need the nonce; style attributes (in posts and layouts) stay allowed, as in the editor style.
            `style-src ${webview.cspSource} 'nonce-${n}'${remote}`,
            `style-src-elem ${webview.cspSource} 'nonce-${n}'${remote}`,
            "style-src-attr 'unsafe-inline'",
            `font-src ${webview.cspSource} data:${remote}`,
          ]
        : [`style-src ${webview.cspSource} 'unsafe-inline'`, `font-src ${webview.cspSource}`]),
      `script-src 'nonce-${n}'`,
      "frame-src 'none'",
      "form-action 'none'",
      "base-uri 'none'",
    ].join('; ');
    const media = (...p: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...p)).toString();
    const attrs = (a: Record<string, string>): string => Object.entries(a).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
    const sheets = site
      ? [
          `<link rel="stylesheet" href="${escapeAttribute(media('media', 'preview-site.css'))}">`,
          ...site.sheets.map((sheet) => {
            const m = sheet.media ? ` media="${escapeAttribute(sheet.media)}"` : '';
            // `</` cannot end the style element early: CSS never needs it outside strings, where `\3c /` means the same.
            return sheet.kind === 'link' ? `<link rel="stylesheet" href="${escapeAttribute(sheet.href)}"${m}>` : `<style nonce="${n}"${m}>${sheet.css.replace(/<\//g, '\\3c /')}</style>`;
          }),
        ].join('\n')
      : `<link rel="stylesheet" href="${escapeAttribute(media('media', 'preview.css'))}">`;
    const root = site ? '<div id="jekyll-preview-root"></div>' : '<main id="jekyll-preview-root"></main>';
    return `<!DOCTYPE html>
<html${site ? attrs(site.htmlAttributes) : ''}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta id="jekyll-preview-state" data-state="${escapeAttribute(JSON.stringify(initial))}">
${sheets}
</head>
<body${site ? attrs(site.bodyAttributes) : ''}>
${root}
<script nonce="${n}" src="${escapeAttribute(media('dist', 'webview.js'))}"></script>
</body>
</html>`;
  }

  private post(message: ToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private onMessage(m: FromWebview): void {
    switch (m.type) {
      case 'rendered':
        // A late message from the page of the post shown before does not count.
        if (m.resource !== this.resource.toString()) break;
        this.renderedVersion = m.version;
        this.renders++;
        this.rendered.fire();
        break;
      case 'revealLine':
        this.revealInEditor(m.line);
        break;
      case 'openLink':
        void this.openLink(m.href);
        break;
      case 'showProblems':
        void vscode.commands.executeCommand('workbench.actions.view.problems');
        break;
      case 'html':
        this.replies.get(m.id)?.({ html: m.html, styles: m.styles ?? [] });
        this.replies.delete(m.id);
        break;
    }
  }

  /** The editor scrolled: follow it. */
  editorScrolled(editor: vscode.TextEditor): void {
    if (Date.now() < this.editorEchoUntil || !previewSettings(this.resource).scrollPreviewWithEditor) return;
    const line = editor.visibleRanges[0]?.start.line;
    if (line === undefined) return;
    this.line = line;
    void this.post({ type: 'scrollToLine', line });
  }

  private revealInEditor(line: number): void {
    this.line = Math.floor(line);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== this.resource.toString()) continue;
      this.editorEchoUntil = Date.now() + ECHO_MS;
      const l = Math.max(0, Math.min(Math.floor(line), editor.document.lineCount - 1));
      editor.revealRange(new vscode.Range(l, 0, l, 0), vscode.TextEditorRevealType.AtTop);
    }
  }

  /** A click in the preview: another post opens in the editor, the web in the browser; nothing else. */
  private async openLink(href: string): Promise<void> {
    const site = this.deps.sites.siteFor(this.resource);
    const index = site ? await site.index() : undefined;
    const { postForUrl, siteFileFor } = await core().loadRenderer();
    if (/^(https?|mailto):/i.test(href)) {
      const post = index && postForUrl(index, href);
      if (site && post) await vscode.commands.executeCommand('vscode.open', site.uri.with({ path: joinPath(site.uri.path, post) }));
      else await vscode.env.openExternal(vscode.Uri.parse(href, true));
      return;
    }
    // javascript:, data:, command:, vscode: … never.
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(href) || !site || !index) return;
    const rel = (href.startsWith('/') ? postForUrl(index, href) : undefined) ?? siteFileFor(index, this.resource.path, href);
    if (rel !== undefined && index.files.has(rel)) {
      await vscode.commands.executeCommand('vscode.open', site.uri.with({ path: joinPath(site.uri.path, rel) }));
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not a post or file of this site.', href));
    }
  }

  /**
   * Test hook: the page's DOM once the render for `minVersion` (or later) is in
   * it, and the page has shown `minRenders` renders; with the computed styles asked for.
   */
  async renderedHtml(
    minVersion: number,
    resource?: string,
    styleOf?: StyleProbe[],
    minRenders = 0,
    timeoutMs = 30_000,
  ): Promise<{ html: string; styles: Array<string | null>; version: number; renders: number }> {
    const ready = (): boolean => this.renderedVersion >= minVersion && this.renders >= minRenders && (resource === undefined || resource === this.resource.toString());
    if (!ready()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          sub.dispose();
          reject(
            new Error(
              `the preview did not render version ${minVersion} (render ${minRenders}) of ${resource ?? 'its post'} in ${timeoutMs} ms (last: ${this.renderedVersion} of ${this.resource.toString()}, render ${this.renders})`,
            ),
          );
        }, timeoutMs);
        const sub = this.rendered.event(() => {
          if (ready()) {
            clearTimeout(timer);
            sub.dispose();
            resolve();
          }
        });
      });
    }
    const id = this.nextRequest++;
    const reply = await new Promise<{ html: string; styles: Array<string | null> }>((resolve) => {
      this.replies.set(id, resolve);
      void this.post({ type: 'requestHtml', id, styleOf });
    });
    return { ...reply, version: this.renderedVersion, renders: this.renders };
  }
}

/** Every preview panel, the commands that open them, the serializer that restores them. */
class PreviewManager extends Disposable {
  private readonly previews = new Set<JekyllPreview>();
  private lastActive: JekyllPreview | undefined;
  private liquids = new WeakMap<SiteIndex, JekyllLiquid>();
  private stylers = new WeakMap<SiteIndex, SiteStyler>();

  constructor(
    private readonly sites: SiteRegistry,
    diagnostics: ProblemCache,
    extensionUri: vscode.Uri,
  ) {
    super();
    const deps: PreviewDeps = {
      sites,
      diagnostics,
      extensionUri,
      liquidFor: async (index, site) => {
        const { JekyllLiquid } = await core().loadRenderer();
        let l = this.liquids.get(index);
        if (!l) this.liquids.set(index, (l = new JekyllLiquid(site.fs, index)));
        return l;
      },
      stylerFor: async (index, site) => {
        const { SiteStyler } = await core().loadRenderer();
        let s = this.stylers.get(index);
        if (!s) this.stylers.set(index, (s = new SiteStyler(site.fs, index, await deps.liquidFor(index, site), loadSass)));
        return s;
      },
    };
    this.deps = deps;
    this._register(vscode.commands.registerCommand('jekyll.showPreview', (uri?: vscode.Uri) => this.show(uri, false)));
    this._register(vscode.commands.registerCommand('jekyll.showPreviewToSide', (uri?: vscode.Uri) => this.show(uri, true)));
    this._register(
      vscode.commands.registerCommand('jekyll.togglePreviewLock', () => {
        const p = this.lastActive;
        if (p) p.setLocked(!p.locked);
      }),
    );
    // Test hook (not contributed): the active preview's rendered DOM, posted back by its script.
    this._register(
      vscode.commands.registerCommand('jekyll.preview._html', async (args?: { resource?: string; minVersion?: number; styleOf?: StyleProbe[]; minRenders?: number }) => {
        const p = [...this.previews].find((x) => x.resource.toString() === args?.resource) ?? this.lastActive;
        if (!p) return undefined;
        const r = await p.renderedHtml(args?.minVersion ?? 0, args?.resource, args?.styleOf, args?.minRenders);
        return { ...r, resource: p.resource.toString(), viewType: p.panel.viewType, locked: p.locked };
      }),
    );
    this._register(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const s = state as Partial<PreviewState> | undefined;
          if (typeof s?.resource !== 'string') {
            panel.dispose();
            return;
          }
          this.add(panel, vscode.Uri.parse(s.resource), s.locked === true, typeof s.line === 'number' ? s.line : undefined);
        },
      }),
    );
    this._register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || !this.isPost(editor.document.uri)) return;
        for (const p of this.previews) if (!p.locked) p.setResource(editor.document.uri, editor.visibleRanges[0]?.start.line);
      }),
    );
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        for (const p of this.previews) if (p.resource.toString() === e.document.uri.toString()) p.requestUpdate();
      }),
    );
    this._register(
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        for (const p of this.previews) if (p.resource.toString() === e.textEditor.document.uri.toString()) p.editorScrolled(e.textEditor);
      }),
    );
    this._register(
      vscode.languages.onDidChangeDiagnostics((e) => {
        const changed = new Set(e.uris.map((u) => u.toString()));
        for (const p of this.previews) if (changed.has(p.resource.toString())) p.requestUpdate();
      }),
    );
    this._register(
      sites.onDidChangeIndex(async (site) => {
        const index = await site.index();
        this.liquids.get(index)?.clear();
        this.stylers.get(index)?.clear();
        for (const p of this.previews) if (sites.siteFor(p.resource) === site) p.requestUpdate();
      }),
    );
    this._register(
      sites.onDidChange(() => {
        this.liquids = new WeakMap();
        this.stylers = new WeakMap();
        for (const p of this.previews) p.requestUpdate(true);
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        for (const p of this.previews) if (e.affectsConfiguration('jekyll.preview', p.resource)) p.requestUpdate(true);
      }),
    );
    this._register({ dispose: () => [...this.previews].forEach((p) => p.dispose()) });
  }

  private readonly deps: PreviewDeps;

  /** Whether a file is a post or draft of a known site. */
  private isPost(uri: vscode.Uri): boolean {
    const site = this.sites.siteFor(uri);
    const rel = site && relativePath(site.uri.path, uri.path);
    if (!site || rel === undefined) return false;
    const c = core().classify(site.model, rel);
    return (c?.kind === 'post' || c?.kind === 'draft') && !c.skipped;
  }

  private add(panel: vscode.WebviewPanel, resource: vscode.Uri, locked: boolean, line: number | undefined): JekyllPreview {
    const preview = new JekyllPreview(panel, this.deps, resource, locked, line);
    this.previews.add(preview);
    this.lastActive = preview;
    preview.onDidDispose(() => {
      this.previews.delete(preview);
      if (this.lastActive === preview) this.lastActive = [...this.previews].pop();
    });
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.lastActive = preview;
    });
    return preview;
  }

  private async show(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const resource = uri instanceof vscode.Uri ? uri : editor?.document.uri;
    if (!resource) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Jekyll post to preview it.'));
      return;
    }
    await this.sites.ready;
    const line = editor && editor.document.uri.toString() === resource.toString() ? editor.visibleRanges[0]?.start.line : undefined;
    const column = toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    const existing = [...this.previews].find((p) => !p.locked);
    if (existing) {
      existing.setResource(resource, line);
      existing.panel.reveal(toSide ? undefined : column, true);
      this.lastActive = existing;
      return;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: true }, { enableFindWidget: true, retainContextWhenHidden: false });
    this.add(panel, resource, false, line);
  }
}

/** The Jekyll preview: commands, panels, serializer. */
export function registerPreview(sites: SiteRegistry, diagnostics: ProblemCache, extensionUri: vscode.Uri): vscode.Disposable {
  return new PreviewManager(sites, diagnostics, extensionUri);
}
