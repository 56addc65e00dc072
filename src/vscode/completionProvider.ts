import vscode = require('vscode');
import type { CompletionEntry, EntryKind } from '../core/completion';
import type { PostPositionRequest } from '../core/postText';
import { core } from './core';
import { toRange } from './problems';
import type { SiteEntry, SiteRegistry } from './siteRegistry';

/** The documents completions and hovers serve: posts and pages, Markdown or HTML (Liquid extensions may call HTML `liquid`). */
export const POST_SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'html' }, { language: 'liquid' }];

/**
 * Markdown turns quick suggestions off, so completions come on these characters:
 * `[` `,` ` ` (lists, `{% post_url `), `-` (block items), `:` (after a key), quotes, `/` (paths), `.` (`site.`).
 */
export const TRIGGER_CHARACTERS = ['[', ',', ' ', '-', ':', '"', "'", '/', '.'];

const KINDS: Record<EntryKind, vscode.CompletionItemKind> = {
  key: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  taxonomy: vscode.CompletionItemKind.EnumMember,
  layout: vscode.CompletionItemKind.File,
  author: vscode.CompletionItemKind.User,
  image: vscode.CompletionItemKind.File,
  file: vscode.CompletionItemKind.File,
  post: vscode.CompletionItemKind.Reference,
  include: vscode.CompletionItemKind.File,
  parameter: vscode.CompletionItemKind.Field,
  variable: vscode.CompletionItemKind.Variable,
  constant: vscode.CompletionItemKind.Constant,
};

/** A site file as a Markdown link (and, for images, a preview). */
export function fileLinks(site: SiteEntry, files: readonly string[], image?: string): string {
  const uri = (rel: string): vscode.Uri => site.uri.with({ path: site.uri.path.replace(/\/$/, '') + '/' + rel });
  const parts = files.map((f) => `[${vscode.l10n.t('Open {0}', f.replace(/[[\]]/g, '\\$&'))}](${uri(f).toString()})`);
  const out = image ? `![${image.replace(/[[\]]/g, '')}](${uri(image).toString()}|height=160)\n\n` : '';
  return out + parts.join(' · ');
}

/**
 * Runs a core request about one position of a post (completion, hover) with the post's site and
 * index; undefined when the file is in no site, the request was cancelled, or the text changed
 * while it ran.
 */
export async function askAtPosition<T>(
  sites: SiteRegistry,
  document: vscode.TextDocument,
  position: vscode.Position,
  token: vscode.CancellationToken,
  ask: (request: PostPositionRequest) => Promise<T | undefined>,
): Promise<{ site: SiteEntry; result: T } | undefined> {
  await sites.ready;
  const site = sites.siteFor(document.uri);
  if (!site || token.isCancellationRequested) return undefined;
  const index = await site.index();
  const version = document.version;
  const result = await ask({ index, fs: site.fs, path: document.uri.path, text: document.getText(), offset: document.offsetAt(position), nowMs: Date.now() });
  if (result === undefined || token.isCancellationRequested || document.version !== version) return undefined;
  return { site, result };
}

/** Completions from the whole site (src/core/completion.ts); this only translates. */
export class JekyllCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly sites: SiteRegistry) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const answer = await askAtPosition(this.sites, document, position, token, (request) => core().complete(request));
    if (!answer) return undefined;
    const { site, result } = answer;
    const range = toRange(result.range);
    return new vscode.CompletionList(
      result.items.map((e) => toItem(e, range, site)),
      result.incomplete,
    );
  }
}

function toItem(e: CompletionEntry, range: vscode.Range, site: SiteEntry): vscode.CompletionItem {
  const item = new vscode.CompletionItem(e.label, KINDS[e.kind]);
  item.range = range;
  item.sortText = e.sortText;
  if (e.detail !== undefined) item.detail = e.detail;
  if (e.filterText !== undefined) item.filterText = e.filterText;
  if (e.insertText !== undefined) item.insertText = e.snippet ? new vscode.SnippetString(e.insertText) : e.insertText;
  const links = e.file ? fileLinks(site, [e.file], e.kind === 'image' ? e.file : undefined) : '';
  if (e.documentation !== undefined || links) item.documentation = new vscode.MarkdownString([e.documentation ?? '', links].filter(Boolean).join('\n\n'));
  if (e.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: vscode.l10n.t('Suggest values') };
  return item;
}

export function registerCompletions(sites: SiteRegistry): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(POST_SELECTOR, new JekyllCompletionProvider(sites), ...TRIGGER_CHARACTERS);
}
