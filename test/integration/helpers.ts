// Shared helpers for the integration tests: wait on VS Code events, never sleep.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'jekyll-posts.jekyll-posts';

/** The sample site the launchers open (a temp copy of examples/news-site). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need a folder open (a copy of examples/news-site)');
  return folder.uri;
}

export function siteUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/** Activate our extension (it also activates by itself on _config.yml; this makes the order explicit). */
export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath wrong?)`);
  await ext.activate();
}

/**
 * Open a file the way a user does (through the workbench, not
 * workspace.openTextDocument, which keeps the document alive in the extension
 * host for minutes after its editor closes) and return its editor.
 */
export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const isIt = (e: vscode.TextEditor | undefined): e is vscode.TextEditor => e?.document.uri.toString() === uri.toString();
  const shown = new Promise<vscode.TextEditor>((resolve) => {
    if (isIt(vscode.window.activeTextEditor)) return resolve(vscode.window.activeTextEditor);
    const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (isIt(e)) {
        sub.dispose();
        resolve(e);
      }
    });
  });
  await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  return shown;
}

/** Resolve when `uri` has no open document any more (onDidCloseTextDocument); reject after `timeoutMs`. */
export function documentClosed(uri: vscode.Uri, timeoutMs = 40_000): Promise<void> {
  const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  return new Promise((resolve, reject) => {
    const sub = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.toString() === uri.toString()) finish(resolve);
    });
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${uri.fsPath} to close`))),
      timeoutMs,
    );
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      sub.dispose();
      fn();
    };
    if (!isOpen()) finish(resolve);
  });
}

function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(none)';
  return ds
    .map((d) => {
      const code = typeof d.code === 'object' ? `${d.code.value} → ${d.code.target.toString()}` : String(d.code);
      return `${d.source ?? '?'}/${code} @${d.range.start.line}:${d.range.start.character} "${d.message}"`;
    })
    .join('; ');
}

/**
 * Resolve with the diagnostics of `uri` once `predicate` holds for them:
 * checks the current diagnostics first, then on every onDidChangeDiagnostics
 * for that uri. Rejects after `timeoutMs` with what was last seen, so a
 * failure says more than mocha's generic timeout.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  // Generous: on a loaded CI machine the first diagnostics wait for activation and the site index.
  timeoutMs = 40_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sub.dispose();
      fn();
    };
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (predicate(current)) finish(() => resolve(current));
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      const last = describeDiagnostics(vscode.languages.getDiagnostics(uri));
      finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now: ${last}`)));
    }, timeoutMs);
    check();
  });
}

/** Diagnostics our extension published (source "jekyll"). */
export function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === 'jekyll');
}

/** The rule id of a diagnostic, whether `code` is a plain value or { value, target }. */
export function ruleId(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}
