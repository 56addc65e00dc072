import vscode = require('vscode');
import { registerCompletions } from './completionProvider';
import { registerHovers } from './hoverProvider';
import type { SiteRegistry } from './siteRegistry';
import { registerPostUrlStatus } from './statusBar';
import { registerTaxonomyView } from './taxonomyView';

/** Completions, hovers, the taxonomy view with `jekyll.renameTaxonomy`, and the post-URL status bar item. */
export function registerLanguageFeatures(sites: SiteRegistry): vscode.Disposable {
  return vscode.Disposable.from(registerCompletions(sites), registerHovers(sites), registerTaxonomyView(sites), registerPostUrlStatus(sites));
}
