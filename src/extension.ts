import vscode = require('vscode');
import { registerCodeActions } from './vscode/codeActions';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerLanguageFeatures } from './vscode/languageFeatures';
import { registerNewPostCommands } from './vscode/newPostCommands';
import { registerPreview } from './vscode/previewPanel';
import { SiteRegistry } from './vscode/siteRegistry';

/** Composition root: builds the shared services once and wires each feature. */
export function activate(context: vscode.ExtensionContext): void {
  const sites = new SiteRegistry();
  const diagnostics = registerDiagnostics(sites);
  context.subscriptions.push(
    sites,
    diagnostics,
    registerCodeActions(diagnostics),
    registerLanguageFeatures(sites),
    registerNewPostCommands(sites),
    registerPreview(sites, diagnostics, context.extensionUri),
    vscode.commands.registerCommand('jekyll.checkSite', () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking Jekyll posts'), cancellable: true },
        async (progress, token) => {
          const count = await diagnostics.checkAll(token, progress);
          if (!token.isCancellationRequested) {
            void vscode.window.showInformationMessage(vscode.l10n.t('Jekyll: {0} problem(s) found. See the Problems panel.', count));
          }
          return count;
        },
      ),
    ),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
