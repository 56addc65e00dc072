// The seed post in a real VS Code: its three problems are reported, and each
// quick fix (through vscode.executeCodeActionProvider + workspace.applyEdit)
// clears its own problem.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openInEditor, ruleId, siteUri, waitForDiagnostics } from './helpers';

const SEED = '_posts/2025-08-19-starmer-hails-breakthrough.md';

/** The preferred quick fix offered on the diagnostic's range (the fix VS Code applies with "auto fix"). */
async function fixFor(uri: vscode.Uri, d: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.isPreferred && a.edit && title.test(a.title));
  assert.ok(fix, `no preferred quick fix matching ${String(title)} for ${String(ruleId(d))}: ${actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(', ')}`);
  return fix;
}

describe('the seed post', function () {
  this.timeout(90_000);
  const uri = () => siteUri(SEED);
  const of = (code: string) => (ds: readonly vscode.Diagnostic[]) => ds.find((d) => d.source === 'jekyll' && ruleId(d) === code);

  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows date-without-offset, mojibake and unknown-author', async () => {
    await openInEditor(uri());
    const ds = await waitForDiagnostics(uri(), (x) => ['date-without-offset', 'mojibake', 'unknown-author'].every((c) => of(c)(x)), 'the three problems of the seed post');
    assert.equal(of('date-without-offset')(ds)!.range.start.line, 3);
    assert.match(of('date-without-offset')(ds)!.message, /2025-08-19 15:46:44 \+0100/);
    assert.equal(of('unknown-author')(ds)!.range.start.line, 4);
    assert.equal(of('mojibake')(ds)!.range.start.line, 11);
  });

  it('date-without-offset: the fix writes +0100 (Europe/London in August) and clears it', async () => {
    const editor = await openInEditor(uri());
    const ds = await waitForDiagnostics(uri(), (x) => !!of('date-without-offset')(x), 'date-without-offset');
    const action = await fixFor(uri(), of('date-without-offset')(ds)!, /\+0100/);
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.equal(editor.document.lineAt(3).text, 'date: 2025-08-19T14:46:44 +0100');
    await waitForDiagnostics(uri(), (x) => !of('date-without-offset')(x), 'date-without-offset to clear');
  });

  it('mojibake: the fix yields Here’s and clears it', async () => {
    const editor = await openInEditor(uri());
    const ds = await waitForDiagnostics(uri(), (x) => !!of('mojibake')(x), 'mojibake');
    const action = await fixFor(uri(), of('mojibake')(ds)!, /’/);
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.ok(editor.document.lineAt(11).text.startsWith('Here’s what you need to know'), editor.document.lineAt(11).text.slice(0, 40));
    await waitForDiagnostics(uri(), (x) => !of('mojibake')(x), 'mojibake to clear');
  });

  it('unknown-author: the fix adds badely to the authors map of _config.yml and clears it', async () => {
    await openInEditor(uri());
    const ds = await waitForDiagnostics(uri(), (x) => !!of('unknown-author')(x), 'unknown-author');
    const action = await fixFor(uri(), of('unknown-author')(ds)!, /Add badely to the site's authors \(_config\.yml\)/);
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    const config = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/_config.yml'));
    assert.ok(config, '_config.yml is open after the edit');
    assert.ok(config.getText().includes('  badely:\n'), 'the author entry is in _config.yml');
    assert.ok(await config.save(), '_config.yml saved');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(siteUri('_config.yml')));
    assert.ok(onDisk.includes('  badely:\n'), 'the author entry is saved to _config.yml');
    await waitForDiagnostics(uri(), (x) => !of('unknown-author')(x), 'unknown-author to clear');
  });
});
