import vscode = require('vscode');
import type { IndexedPost } from '../core/siteIndex';
import type { RenamePlan, TaxonomyKind } from '../core/taxonomy';
import { core } from './core';
import { Disposable } from './dispose';
import { toRange } from './problems';
import type { SiteEntry, SiteRegistry } from './siteRegistry';

export const TAXONOMY_VIEW = 'jekyll.taxonomy';
export const RENAME_TAXONOMY = 'jekyll.renameTaxonomy';
/** Context key: the workspace holds at least one Jekyll site (shows the view). */
export const HAS_SITE = 'jekyll.hasSites';

/** The index follows the editor's text after the diagnostics' debounce (250 ms); refresh a little later. */
const TEXT_REFRESH_MS = 600;

type Node =
  | { type: 'site'; site: SiteEntry }
  | { type: 'group'; site: SiteEntry; kind: TaxonomyKind }
  | { type: 'value'; site: SiteEntry; kind: TaxonomyKind; value: string; count: number; /** The other spellings of it on the site (case, `-`/`_`/blanks). */ others: Array<{ value: string; count: number }>; /** The site's most used spelling, when this one is not it. */ preferred?: string }
  | { type: 'post'; site: SiteEntry; post: IndexedPost };

/** The `jekyll.renameTaxonomy` argument: every field optional; what is missing is asked for. */
export interface RenameTaxonomyArgs {
  kind?: TaxonomyKind;
  from?: string;
  to?: string;
  /** The site's root folder (a URI, or a path) when the workspace holds several. */
  site?: string | vscode.Uri;
  /** Show the edits in the Refactor Preview before applying them. */
  preview?: boolean;
}

export interface RenameTaxonomyResult {
  /** The posts edited (saved or not as `files.refactoring.autoSave` says; one undo reverts them all). */
  edited: vscode.Uri[];
  /** Posts using the value that no edit can change (it comes from a folder or `defaults:`), and why. */
  skipped: Array<{ uri: vscode.Uri; reason: string }>;
  merged: boolean;
}

/** Each site's categories and tags with their counts, expanding to the posts. */
export class TaxonomyTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly sites: SiteRegistry) {
    super();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'site': {
        const item = new vscode.TreeItem(vscode.workspace.asRelativePath(node.site.uri, true) || node.site.uri.path, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('globe');
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.kind === 'tag' ? vscode.l10n.t('Tags') : vscode.l10n.t('Categories'), vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon(node.kind === 'tag' ? 'tag' : 'folder-library');
        item.id = `${node.site.uri.toString()}#${node.kind}`;
        return item;
      }
      case 'value': {
        const item = new vscode.TreeItem(node.value, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.preferred ? vscode.l10n.t('{0} · variant of {1}', node.count, node.preferred) : String(node.count);
        item.contextValue = `jekyll.taxonomy.${node.kind}`;
        item.id = `${node.site.uri.toString()}#${node.kind}#${node.value}`;
        item.iconPath = new vscode.ThemeIcon(node.kind === 'tag' ? 'tag' : 'symbol-folder', node.preferred ? new vscode.ThemeColor('list.warningForeground') : undefined);
        const others = node.others.map((o) => vscode.l10n.t('“{0}” ({1})', o.value, o.count)).join(', ');
        item.tooltip = vscode.l10n.t('{0} post(s)', node.count) + (others ? '\n' + vscode.l10n.t('Also written {0}: Jekyll counts each spelling apart. Rename to merge them.', others) : '');
        return item;
      }
      case 'post': {
        const info = node.post.info;
        const uri = node.site.uri.with({ path: node.site.uri.path.replace(/\/$/, '') + '/' + node.post.relativePath });
        const item = new vscode.TreeItem(info.title || info.slug, vscode.TreeItemCollapsibleState.None);
        item.description = core().formatRubyTime(info.date).slice(0, 10) + (info.draft ? ' · ' + vscode.l10n.t('draft') : '');
        item.resourceUri = uri;
        item.tooltip = node.post.relativePath;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Post'), arguments: [uri] };
        return item;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    await this.sites.ready;
    if (!node) {
      const all = this.sites.all;
      if (all.length === 1) return this.groups(all[0]!);
      return all.map((site) => ({ type: 'site', site }));
    }
    if (node.type === 'site') return this.groups(node.site);
    const index = await node.site.index();
    if (node.type === 'group') {
      const counts = node.kind === 'tag' ? index.tags : index.categories;
      const groups = core().SiteSummary.of(index).taxonomy(node.kind).byFold;
      return [...counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([value, count]): Node => {
          const entry = groups.get(core().fold(value));
          const all = entry ? [{ value: entry.value, count: entry.count }, ...entry.variants] : [];
          const others = all.filter((o) => o.value !== value);
          return { type: 'value', site: node.site, kind: node.kind, value, count, others, ...(entry && entry.value !== value ? { preferred: entry.value } : {}) };
        });
    }
    if (node.type === 'value') return core().postsUsing(index, node.kind, node.value).map((post) => ({ type: 'post', site: node.site, post }));
    return [];
  }

  private groups(site: SiteEntry): Node[] {
    return [
      { type: 'group', site, kind: 'category' },
      { type: 'group', site, kind: 'tag' },
    ];
  }
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'type' in x && 'site' in x;
}

async function pickSite(sites: SiteRegistry, wanted: string | vscode.Uri | undefined): Promise<SiteEntry | undefined> {
  await sites.ready;
  if (wanted !== undefined) {
    const s = typeof wanted === 'string' ? wanted : wanted.toString();
    return sites.all.find((e) => e.uri.toString() === s || e.uri.path === s || e.uri.fsPath === s);
  }
  if (sites.all.length <= 1) return sites.all[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active && sites.siteFor(active);
  if (fromEditor) return fromEditor;
  const pick = await vscode.window.showQuickPick(
    sites.all.map((site) => ({ label: vscode.workspace.asRelativePath(site.uri, true), site })),
    { placeHolder: vscode.l10n.t('Which site?') },
  );
  return pick?.site;
}

/** Asks for what the argument leaves out, plans the edits in core, and applies them as one WorkspaceEdit. */
export async function renameTaxonomy(sites: SiteRegistry, arg?: RenameTaxonomyArgs | Node): Promise<RenameTaxonomyResult | undefined> {
  const args: RenameTaxonomyArgs = isNode(arg) ? (arg.type === 'value' ? { kind: arg.kind, from: arg.value, site: arg.site.uri } : { site: arg.site.uri }) : (arg ?? {});
  // From a variant in the view, offer the site's most used spelling.
  const suggested = isNode(arg) && arg.type === 'value' ? arg.preferred : undefined;
  const site = await pickSite(sites, args.site);
  if (!site) {
    if (args.site !== undefined) void vscode.window.showErrorMessage(vscode.l10n.t('No Jekyll site at {0}.', String(args.site)));
    return undefined;
  }
  const index = await site.index();
  const kind =
    args.kind ??
    (
      await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Tag'), taxonomy: 'tag' as const },
          { label: vscode.l10n.t('Category'), taxonomy: 'category' as const },
        ],
        { placeHolder: vscode.l10n.t('Rename or merge a tag or a category?') },
      )
    )?.taxonomy;
  if (!kind) return undefined;
  const counts = kind === 'tag' ? index.tags : index.categories;
  const noun = kind === 'tag' ? vscode.l10n.t('tag') : vscode.l10n.t('category');
  const from =
    args.from ??
    (
      await vscode.window.showQuickPick(
        [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([label, n]) => ({ label, description: vscode.l10n.t('{0} post(s)', n) })),
        { placeHolder: vscode.l10n.t('The {0} to rename', noun), matchOnDescription: false },
      )
    )?.label;
  if (from === undefined) return undefined;
  const to =
    args.to ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Rename the {0} “{1}” ({2} post(s))', noun, from, counts.get(from) ?? 0),
      value: suggested ?? from,
      prompt: vscode.l10n.t('A {0} the site already uses merges the two.', noun),
      validateInput: (v) => {
        if (v.trim() === '') return vscode.l10n.t('Give the new name.');
        if (v.trim() === from) return vscode.l10n.t('That is the same name.');
        const n = counts.get(v.trim());
        return n ? { message: vscode.l10n.t('Merges into “{0}”, used by {1} post(s).', v.trim(), n), severity: vscode.InputBoxValidationSeverity.Info } : undefined;
      },
    }));
  if (to === undefined || to.trim() === '' || to.trim() === from) return undefined;
  const openText = (path: string): string | undefined =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === site.uri.scheme && d.uri.authority === site.uri.authority && d.uri.path === path)?.getText();
  const plan = await core().planTaxonomyRename(site.fs, index, { kind, from, to: to.trim() }, openText);
  return applyPlan(site, plan, { kind, from, to: to.trim(), noun }, args.preview === true);
}

async function applyPlan(site: SiteEntry, plan: RenamePlan, what: { kind: TaxonomyKind; from: string; to: string; noun: string }, preview: boolean): Promise<RenameTaxonomyResult | undefined> {
  const uri = (path: string): vscode.Uri => site.uri.with({ path });
  const skipped = plan.skipped.map((s) => ({ uri: uri(s.path), reason: s.reason }));
  const label = plan.merge ? vscode.l10n.t('Merge the {0} “{1}” into “{2}”', what.noun, what.from, what.to) : vscode.l10n.t('Rename the {0} “{1}” to “{2}”', what.noun, what.from, what.to);
  if (plan.files.length === 0) {
    void vscode.window.showInformationMessage(
      plan.using === 0 ? vscode.l10n.t('No post uses the {0} “{1}”.', what.noun, what.from) : vscode.l10n.t('Nothing to edit: {0}', plan.skipped.map((s) => `${vscode.workspace.asRelativePath(uri(s.path))}: ${s.reason}`).join('; ')),
    );
    return { edited: [], skipped, merged: plan.merge };
  }
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: preview };
  for (const f of plan.files) for (const e of f.edits) edit.replace(uri(f.path), toRange(e.range), e.newText, metadata);
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The edits could not be applied (a post changed meanwhile?). Nothing was changed.'));
    return undefined;
  }
  const edited = plan.files.map((f) => uri(f.path));
  // A refactoring's edits are saved at once unless `files.refactoring.autoSave` is off.
  const unsaved = vscode.workspace.textDocuments.filter((d) => d.isDirty && edited.some((u) => u.toString() === d.uri.toString())).length;
  const note = skipped.length > 0 ? ' ' + vscode.l10n.t('{0} post(s) left as they are: {1}', skipped.length, skipped.map((s) => `${vscode.workspace.asRelativePath(s.uri)} (${s.reason})`).join('; ')) : '';
  const saved = unsaved > 0 ? vscode.l10n.t('{0} post(s) edited, not saved yet — review them, then Save All (or undo).', edited.length) : vscode.l10n.t('{0} post(s) edited — one undo reverts them all.', edited.length);
  void vscode.window.showInformationMessage(`${label}: ${saved}${note}`);
  return { edited, skipped, merged: plan.merge };
}

/** The taxonomy view in the Explorer (shown when a site is open) and `jekyll.renameTaxonomy`. */
export function registerTaxonomyView(sites: SiteRegistry): vscode.Disposable {
  const provider = new TaxonomyTreeProvider(sites);
  const view = vscode.window.createTreeView(TAXONOMY_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      provider.refresh();
    }, TEXT_REFRESH_MS);
  };
  const setHasSite = (): void => void vscode.commands.executeCommand('setContext', HAS_SITE, sites.all.length > 0);
  void sites.ready.then(setHasSite);
  return vscode.Disposable.from(
    provider,
    view,
    sites.onDidChange(() => {
      setHasSite();
      provider.refresh();
    }),
    sites.onDidChangeIndex(() => provider.refresh()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && view.visible && sites.siteFor(e.document.uri)) refreshSoon();
    }),
    { dispose: () => timer && clearTimeout(timer) },
    vscode.commands.registerCommand(RENAME_TAXONOMY, async (arg?: RenameTaxonomyArgs | Node) => {
      const result = await renameTaxonomy(sites, arg);
      if (result && result.edited.length > 0) refreshSoon();
      return result;
    }),
  );
}
