// Diagnostics in a real VS Code: a post whose front matter Jekyll cannot
// parse gets an `invalid-yaml` problem; fixing the line clears it; closing the
// document removes its problems.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, documentClosed, openInEditor, ours, ruleId, siteUri, waitForDiagnostics } from './helpers';

const POST = '_posts/2025-03-02-vimax-agentic-video.md';
/** 0-based line of `title: ViMax: Agentic Video Generation` (a second ": " in a plain scalar). */
const TITLE_LINE = 2;
const BROKEN_TITLE = 'title: ViMax: Agentic Video Generation';
const FIXED_TITLE = 'title: "ViMax: Agentic Video Generation"';

const isInvalidYamlOnTitle = (d: vscode.Diagnostic) =>
  d.source === 'jekyll' && ruleId(d) === 'invalid-yaml' && d.range.start.line === TITLE_LINE;

describe('diagnostics', function () {
  this.timeout(90_000);
  const uri = () => siteUri(POST);

  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports invalid-yaml on the title line of a post Jekyll cannot parse', async () => {
    const editor = await openInEditor(uri());
    assert.equal(editor.document.lineAt(TITLE_LINE).text, BROKEN_TITLE, 'the sample post changed; update this test');

    const diagnostics = await waitForDiagnostics(uri(), (ds) => ds.some(isInvalidYamlOnTitle), 'invalid-yaml on line 2');
    const d = diagnostics.find(isInvalidYamlOnTitle)!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(d.message.length > 0, 'the diagnostic has a message');
    assert.equal(typeof d.code, 'object', 'code is { value, target } so the Problems panel links to the rule docs');
    const code = d.code as { value: string | number; target: vscode.Uri };
    assert.equal(code.value, 'invalid-yaml');
    assert.ok(code.target instanceof vscode.Uri, 'code.target is a Uri');
    assert.ok(code.target.path.endsWith('docs/rules.md'), `code.target points at docs/rules.md: ${code.target.toString()}`);
    assert.equal(code.target.fragment, 'invalid-yaml');
    assert.ok(code.target.toString(true).endsWith('docs/rules.md#invalid-yaml'), code.target.toString(true));
  });

  it('clears invalid-yaml once the title is quoted', async () => {
    const editor = await openInEditor(uri());
    const doc = editor.document;
    await waitForDiagnostics(uri(), (ds) => ds.some(isInvalidYamlOnTitle), 'invalid-yaml before the edit');

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri(), doc.lineAt(TITLE_LINE).range, FIXED_TITLE);
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit succeeded');
    assert.equal(doc.lineAt(TITLE_LINE).text, FIXED_TITLE);

    const after = await waitForDiagnostics(
      uri(),
      (ds) => !ds.some((d) => d.source === 'jekyll' && ruleId(d) === 'invalid-yaml'),
      'invalid-yaml to clear after quoting the title',
    );
    assert.deepEqual(ours(after).filter((d) => ruleId(d) === 'invalid-yaml'), []);
  });

  it('removes the document’s diagnostics when it is closed', async () => {
    const editor = await openInEditor(uri());
    const doc = editor.document;
    // Put the broken title back and save (the file is then as it started), so the problem
    // returns and the editor closes without a "save changes?" prompt, whatever files.autoSave says.
    if (doc.lineAt(TITLE_LINE).text !== BROKEN_TITLE) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri(), doc.lineAt(TITLE_LINE).range, BROKEN_TITLE);
      assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit succeeded');
    }
    if (doc.isDirty) assert.ok(await doc.save(), 'saved');
    assert.equal(doc.isDirty, false);
    assert.equal(doc.lineAt(TITLE_LINE).text, BROKEN_TITLE);
    await waitForDiagnostics(uri(), (ds) => ds.some(isInvalidYamlOnTitle), 'invalid-yaml to return once the title is restored');

    const closed = documentClosed(uri());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await closed;
    await waitForDiagnostics(uri(), (ds) => ours(ds).length === 0, 'the closed document’s diagnostics to be removed');
  });
});
