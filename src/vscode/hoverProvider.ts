import vscode = require('vscode');
import { askAtPosition, fileLinks, POST_SELECTOR } from './completionProvider';
import { core } from './core';
import { toRange } from './problems';
import type { SiteRegistry } from './siteRegistry';

/** Hovers from the whole site (src/core/hover.ts); this only translates. */
export class JekyllHoverProvider implements vscode.HoverProvider {
  constructor(private readonly sites: SiteRegistry) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const answer = await askAtPosition(this.sites, document, position, token, (request) => core().hoverAt(request));
    if (!answer) return undefined;
    const { site, result } = answer;
    const links = result.files.length > 0 || result.image ? fileLinks(site, result.files, result.image) : '';
    const md = new vscode.MarkdownString([result.contents, links].filter(Boolean).join('\n\n'));
    return new vscode.Hover(md, toRange(result.range));
  }
}

export function registerHovers(sites: SiteRegistry): vscode.Disposable {
  return vscode.languages.registerHoverProvider(POST_SELECTOR, new JekyllHoverProvider(sites));
}
