import vscode = require('vscode');
import type { MovePlan, NewPostPlan, PlanError, PlanWarning } from '../core/newPost';
import { joinPath, relativePath } from '../core/siteFs';
import type { SlugifyMode } from '../core/slugify';
import { core } from './core';
import type { SiteEntry, SiteRegistry } from './siteRegistry';

/** The answers `jekyll.newPost` / `jekyll.newDraft` accept instead of asking. */
export interface NewPostArgs {
  title?: string;
  /** The site: its folder (Uri, path, or path relative to the workspace folder). */
  site?: vscode.Uri | string;
  /** Where in the site: `en/news/_posts`, `_posts/2019`, `en/news` (relative to the site), or a folder Uri. */
  folder?: vscode.Uri | string;
  draft?: boolean;
}

/** `jekyll.publishDraft` / `jekyll.unpublishPost` take the file's Uri (the Explorer passes it) or `{ uri }`. */
export interface MoveArgs {
  uri?: vscode.Uri | string;
}

interface NewPostSettings {
  slugMode: SlugifyMode;
  dateFormat: string;
  template: string;
}

function readNewPostSettings(scope: vscode.Uri): NewPostSettings {
  const c = vscode.workspace.getConfiguration('jekyll.newPost', scope);
  const mode = c.get<unknown>('slugMode');
  const format = c.get<unknown>('dateFormat');
  const template = c.get<unknown>('template');
  return {
    slugMode: core().isSlugMode(mode) ? mode : 'default',
    dateFormat: typeof format === 'string' && format.trim() !== '' ? format : core().DEFAULT_DATE_FORMAT,
    template: typeof template === 'string' ? template.trim() : core().DEFAULT_TEMPLATE,
  };
}

/** New Post, New Draft, Publish Draft and Unpublish Post; each returns the Uri of the file it created or moved. */
export function registerNewPostCommands(sites: SiteRegistry): vscode.Disposable {
  const updateContext = (): void => {
    // For the menus' `when`: whether there is a site, and which folders are site roots (Explorer context menu).
    void vscode.commands.executeCommand('setContext', 'jekyll.hasSites', sites.all.length > 0);
    // `resourcePath` is the file system path of a file URI and the path of others: both spellings, to match either.
    void vscode.commands.executeCommand('setContext', 'jekyll.siteRoots', [...new Set(sites.all.flatMap((s) => [s.uri.fsPath, s.uri.path]))]);
  };
  void sites.ready.then(updateContext);
  return vscode.Disposable.from(
    sites.onDidChange(updateContext),
    vscode.commands.registerCommand('jekyll.newPost', (arg?: unknown) => newPost(sites, arg, false)),
    vscode.commands.registerCommand('jekyll.newDraft', (arg?: unknown) => newPost(sites, arg, true)),
    vscode.commands.registerCommand('jekyll.publishDraft', (arg?: unknown) => move(sites, arg, 'publish')),
    vscode.commands.registerCommand('jekyll.unpublishPost', (arg?: unknown) => move(sites, arg, 'unpublish')),
  );
}

// ---------------------------------------------------------------------------
// New Post / New Draft

async function newPost(sites: SiteRegistry, arg: unknown, draftCommand: boolean): Promise<vscode.Uri | undefined> {
  await sites.ready;
  const args: NewPostArgs = arg instanceof vscode.Uri ? { folder: arg } : isObject(arg) ? arg : {};
  const draft = typeof args.draft === 'boolean' ? args.draft : draftCommand;
  // A title in the arguments means a script or keybinding: nothing may wait for a click.
  const scripted = typeof args.title === 'string';

  const site = await pickSite(sites, args);
  if (!site) return undefined;
  const folder = await pickFolder(site, args, draft);
  if (folder === undefined) return undefined;
  const settings = readNewPostSettings(site.uri);
  const templates = templateCandidates(site, settings.template);
  const plan = (title: string): Promise<NewPostPlan | PlanError> =>
    core().planNewPost(site.fs, site.model, { title, draft, folder: folder || undefined, nowMs: Date.now(), slugMode: settings.slugMode, dateFormat: settings.dateFormat, templates });

  let title = args.title;
  for (;;) {
    if (title === undefined) {
      title = await askTitle(draft, settings.slugMode, plan, title);
      if (title === undefined) return undefined;
    }
    const p = await plan(title);
    if (!p.ok) {
      void vscode.window.showErrorMessage(planErrorMessage(p));
      return undefined;
    }
    const uri = site.uri.with({ path: p.path });
    if (!p.exists && (await create(uri, p.content))) {
      await openAtCursor(uri, p);
      showWarnings(p.warnings);
      return uri;
    }
    // There is a file there already: never overwrite it.
    const message = vscode.l10n.t('“{0}” already exists. Nothing was overwritten.', p.relativePath);
    if (scripted) {
      void vscode.window.showWarningMessage(message);
      return undefined;
    }
    const open = vscode.l10n.t('Open It');
    const other = vscode.l10n.t('Pick Another Name');
    const choice = await vscode.window.showWarningMessage(message, open, other);
    if (choice === open) {
      await vscode.window.showTextDocument(uri, { preview: false });
      return undefined;
    }
    if (choice !== other) return undefined;
    title = await askTitle(draft, settings.slugMode, plan, title);
    if (title === undefined) return undefined;
  }
}

/** The title input box, validated as the author types (and showing the file it will create). */
function askTitle(draft: boolean, mode: SlugifyMode, plan: (title: string) => Promise<NewPostPlan | PlanError>, value: string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: draft ? vscode.l10n.t('New Jekyll Draft') : vscode.l10n.t('New Jekyll Post'),
    prompt: vscode.l10n.t('Title'),
    placeHolder: vscode.l10n.t('What is it about?'),
    value,
    ignoreFocusOut: true,
    validateInput: async (text) => {
      const problem = core().titleProblem(text, mode);
      if (problem) return { message: planErrorMessage(problem), severity: vscode.InputBoxValidationSeverity.Error };
      const p = await plan(text);
      if (!p.ok) return { message: planErrorMessage(p), severity: vscode.InputBoxValidationSeverity.Error };
      if (p.exists) return { message: vscode.l10n.t('{0} already exists', p.relativePath), severity: vscode.InputBoxValidationSeverity.Warning };
      return { message: vscode.l10n.t('Creates {0}', p.relativePath), severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
}

async function create(uri: vscode.Uri, content: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, contents: new TextEncoder().encode(content) });
  // false when the file appeared meanwhile: createFile never overwrites.
  return vscode.workspace.applyEdit(edit);
}

/** Opens the new file: tab stops on the empty categories and tags, then the body; or just the cursor in the body. */
async function openAtCursor(uri: vscode.Uri, p: NewPostPlan): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const doc = editor.document;
  if (p.tabStops.length > 0 && doc.getText() === p.content) {
    const snippet = new vscode.SnippetString();
    let at = 0;
    p.tabStops.forEach((stop, i) => {
      snippet.appendText(p.content.slice(at, stop.start));
      snippet.appendPlaceholder(p.content.slice(stop.start, stop.end), i + 1);
      at = stop.end;
    });
    snippet.appendText(p.content.slice(at, p.cursor));
    snippet.appendTabstop(0);
    snippet.appendText(p.content.slice(p.cursor));
    const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    if (await editor.insertSnippet(snippet, all, { undoStopBefore: false, undoStopAfter: false })) {
      // The text is what was written; saving keeps the file clean (and the tab stops active).
      if (doc.getText() === p.content) await doc.save();
      return;
    }
  }
  const pos = doc.positionAt(p.cursor);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos));
}

function showWarnings(warnings: readonly PlanWarning[]): void {
  for (const w of warnings) {
    const message =
      w.code === 'date-format-misread'
        ? vscode.l10n.t('Jekyll will read the date written with the format in `jekyll.newPost.dateFormat` as another day: {0}.', w.detail)
        : vscode.l10n.t('The front matter of the template {0} is not valid YAML once filled in: Jekyll will ignore it.', w.detail);
    void vscode.window.showWarningMessage(message);
  }
}

// ---------------------------------------------------------------------------
// Site and folder

async function pickSite(sites: SiteRegistry, args: NewPostArgs): Promise<SiteEntry | undefined> {
  const all = sites.all;
  if (all.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No Jekyll site in this workspace (a folder with _config.yml or _posts).'));
    return undefined;
  }
  const wanted = args.site ?? (args.folder instanceof vscode.Uri ? args.folder : undefined);
  if (wanted !== undefined) {
    const found = findSite(sites, wanted);
    if (!found) void vscode.window.showErrorMessage(vscode.l10n.t('No Jekyll site at {0}.', wanted.toString()));
    return found;
  }
  if (all.length === 1) return all[0];
  const active = vscode.window.activeTextEditor ? sites.siteFor(vscode.window.activeTextEditor.document.uri) : undefined;
  const ordered = active ? [active, ...all.filter((s) => s !== active)] : [...all];
  const picked = await vscode.window.showQuickPick(
    ordered.map((s) => ({ label: s.uri.path.slice(s.uri.path.lastIndexOf('/') + 1) || s.uri.path, description: vscode.workspace.asRelativePath(s.uri, true), site: s })),
    { title: vscode.l10n.t('Which site?'), placeHolder: vscode.l10n.t('The workspace holds several Jekyll sites') },
  );
  return picked?.site;
}

function findSite(sites: SiteRegistry, wanted: vscode.Uri | string): SiteEntry | undefined {
  if (wanted instanceof vscode.Uri) return sites.siteFor(wanted);
  const w = wanted.replace(/\\/g, '/').replace(/\/+$/, '');
  return sites.all.find((s) => {
    const folder = vscode.workspace.getWorkspaceFolder(s.uri);
    const rel = folder ? (relativePath(folder.uri.path, s.uri.path) ?? '') : undefined;
    return s.uri.fsPath.replace(/\\/g, '/') === w || s.uri.path === w || rel === w || (folder !== undefined && w === `${folder.name}/${rel}`.replace(/\/$/, ''));
  });
}

/** The folder (relative to the site) to create in; '' for the site's own `_posts`; undefined when the author cancelled. */
async function pickFolder(site: SiteEntry, args: NewPostArgs, draft: boolean): Promise<string | undefined> {
  if (args.folder instanceof vscode.Uri) return relativePath(site.uri.path, args.folder.path) ?? '';
  if (typeof args.folder === 'string') return args.folder;
  const folders = await core().listPostFolders(site.fs, site.model, draft);
  if (folders.length <= 1) return '';
  const picked = await vscode.window.showQuickPick(
    folders.map((f) => ({ label: f })),
    { title: draft ? vscode.l10n.t('New draft in which folder?') : vscode.l10n.t('New post in which folder?'), placeHolder: vscode.l10n.t('Folders above _posts become categories of the post') },
  );
  return picked?.label;
}

/** The template setting as paths to try: the site's folder first, then its workspace folder's. */
function templateCandidates(site: SiteEntry, template: string): string[] {
  if (template === '') return [];
  const t = template.replace(/\\/g, '/');
  if (t.startsWith('/') || /^[A-Za-z]:\//.test(t)) return [vscode.Uri.file(template).path];
  const folder = vscode.workspace.getWorkspaceFolder(site.uri);
  return [...new Set([joinPath(site.uri.path, t), ...(folder ? [joinPath(folder.uri.path, t)] : [])])];
}

// ---------------------------------------------------------------------------
// Publish / Unpublish

async function move(sites: SiteRegistry, arg: unknown, what: 'publish' | 'unpublish'): Promise<vscode.Uri | undefined> {
  await sites.ready;
  const given = arg instanceof vscode.Uri ? arg : isObject(arg) ? (arg as MoveArgs).uri : undefined;
  const scripted = given !== undefined && !(arg instanceof vscode.Uri);
  const from = typeof given === 'string' ? vscode.Uri.file(given) : (given ?? vscode.window.activeTextEditor?.document.uri);
  if (!from) {
    void vscode.window.showErrorMessage(what === 'publish' ? vscode.l10n.t('Open a draft to publish it.') : vscode.l10n.t('Open a post to unpublish it.'));
    return undefined;
  }
  const site = sites.siteFor(from);
  if (!site) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not inside a Jekyll site.', vscode.workspace.asRelativePath(from)));
    return undefined;
  }
  // An unsaved edit is saved first (after asking, unless scripted) or the move is refused: never lost.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === from.toString());
  if (open?.isDirty) {
    if (!scripted) {
      const save = vscode.l10n.t('Save and Move');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('“{0}” has unsaved changes.', vscode.workspace.asRelativePath(from)), { modal: true }, save);
      if (choice !== save) return undefined;
    }
    if (!(await open.save()) || open.isDirty) {
      void vscode.window.showErrorMessage(vscode.l10n.t('“{0}” could not be saved, so it was not moved.', vscode.workspace.asRelativePath(from)));
      return undefined;
    }
  }
  const settings = readNewPostSettings(site.uri);
  const p: MovePlan | PlanError =
    what === 'publish'
      ? await core().planPublish(site.fs, site.model, from.path, { nowMs: Date.now(), dateFormat: settings.dateFormat })
      : await core().planUnpublish(site.fs, site.model, from.path, { nowMs: Date.now() });
  if (!p.ok) {
    void vscode.window.showErrorMessage(planErrorMessage(p));
    return undefined;
  }
  const to = site.uri.with({ path: p.to });
  const edit = new vscode.WorkspaceEdit();
  edit.renameFile(from, to, { overwrite: false });
  if (p.exists || !(await vscode.workspace.applyEdit(edit))) {
    const message = vscode.l10n.t('“{0}” already exists. Nothing was moved.', p.toRelative);
    if (scripted) void vscode.window.showWarningMessage(message);
    else if ((await vscode.window.showWarningMessage(message, vscode.l10n.t('Open It'))) !== undefined) await vscode.window.showTextDocument(to, { preview: false });
    return undefined;
  }
  // The move kept the editor (if any); now the one line that changes.
  await vscode.workspace.fs.writeFile(to, p.bytes);
  await vscode.window.showTextDocument(to, { preview: false });
  vscode.window.setStatusBarMessage(
    what === 'publish' ? vscode.l10n.t('Published as {0}: {1}', p.toRelative, p.predicted.url ?? '') : vscode.l10n.t('Moved back to drafts: {0}', p.toRelative),
    5000,
  );
  return to;
}

// ---------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function planErrorMessage(e: PlanError): string {
  switch (e.code) {
    case 'empty-title':
      return vscode.l10n.t('Enter a title.');
    case 'no-letters':
      return vscode.l10n.t('A title needs at least one letter or digit to name the file.');
    case 'empty-slug':
      return e.detail === 'latin' || e.detail === 'ascii'
        ? vscode.l10n.t('This title has no Latin letter or digit: with slug mode “{0}” its file name would be empty. Add one, or change `jekyll.newPost.slugMode`.', e.detail)
        : vscode.l10n.t('This title gives an empty file name with slug mode “{0}”.', e.detail);
    case 'bad-folder':
      return vscode.l10n.t('Jekyll does not read posts from “{0}”.', e.detail);
    case 'bad-date-format':
      return vscode.l10n.t('`jekyll.newPost.dateFormat` “{0}” is not a strftime format with a year, e.g. `%Y-%m-%d %H:%M:%S %z`.', e.detail);
    case 'not-a-draft':
      return vscode.l10n.t('{0} is not a draft (a file in a _drafts folder Jekyll reads).', e.detail);
    case 'not-a-post':
      return vscode.l10n.t('{0} is not a post (a dated file in a _posts folder Jekyll reads).', e.detail);
    case 'empty-name':
      return vscode.l10n.t('{0} would have no name left without its date.', e.detail);
  }
}
