// New Post and Publish Draft in a real VS Code, on the sample site (Europe/London,
// `defaults:` giving layout: post). Run alone with:
//   node esbuild.mjs && node scripts/code-server-test.mjs --grep "new post"
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, siteUri, workspaceRoot } from './helpers';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Today's date in Europe/London (the sample site's zone), as the file name has it. */
function londonDay(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
  return parts;
}

describe('new post, new draft and publish draft', function () {
  this.timeout(90_000);
  const created: vscode.Uri[] = [];

  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('jekyll.newPost with {title} creates the post, opens it, and a second identical call does not overwrite it', async () => {
    const before = Date.now();
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jekyll.newPost', { title: 'Integration: a new post' });
    const after = Date.now();
    assert.ok(uri instanceof vscode.Uri, 'the command returns the new file’s Uri');
    created.push(uri);
    const days = new Set([londonDay(before), londonDay(after)]);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    assert.ok([...days].some((d) => name === `${d}-integration-a-new-post.md`), name);
    assert.equal(uri.path, vscode.Uri.joinPath(workspaceRoot(), '_posts', name).path);

    const text = decoder.decode(await readBytes(uri));
    // defaults: gives layout: post, so no layout line; the date carries London's offset.
    assert.match(text, /^---\ntitle: 'Integration: a new post'\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0[01]00\ncategories: \[\]\ntags: \[\]\n---\n\n$/);
    assert.equal(text.match(/\ndate: (\d{4}-\d\d-\d\d)/)![1], name.slice(0, 10), 'file name date = front-matter date');

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.uri.toString(), uri.toString(), 'the new post is the active editor');
    assert.equal(editor.document.isDirty, false, 'the new post is saved');
    assert.equal(editor.document.getText(), text);

    // The author writes; then the same command again must not touch the file.
    const mine = new TextEncoder().encode(text + 'My words.\n');
    await vscode.workspace.fs.writeFile(uri, mine);
    const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('jekyll.newPost', { title: 'Integration: a new post' });
    if (again) {
      // Only when midnight passed between the two calls may a second (differently dated) file appear.
      created.push(again);
      assert.notEqual(again.toString(), uri.toString());
    }
    assert.deepEqual([...(await readBytes(uri))], [...mine], 'the existing post is byte for byte what it was');
  });

  it('jekyll.newDraft with {title} creates a draft without a date', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jekyll.newDraft', { title: 'Integration draft' });
    assert.ok(uri instanceof vscode.Uri);
    created.push(uri);
    assert.equal(uri.path, siteUri('_drafts/integration-draft.md').path);
    assert.equal(decoder.decode(await readBytes(uri)), "---\ntitle: Integration draft\ncategories: []\ntags: []\n---\n\n");
  });

  it('jekyll.newPost refuses an empty or punctuation-only title and creates nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('jekyll.newPost', { title: '!!!' }), undefined);
    assert.equal(await vscode.commands.executeCommand('jekyll.newPost', { title: '   ' }), undefined);
  });

  it('jekyll.publishDraft moves the sample draft to _posts/<date>-name and leaves its body byte-identical', async () => {
    const draft = siteUri('_drafts/council-tax-explainer.md');
    const original = await readBytes(draft);
    const before = Date.now();
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jekyll.publishDraft', { uri: draft });
    const after = Date.now();
    assert.ok(uri instanceof vscode.Uri, 'the command returns the published file’s Uri');
    created.push(uri);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    assert.ok([londonDay(before), londonDay(after)].some((d) => name === `${d}-council-tax-explainer.md`), name);
    assert.equal(await exists(draft), false, 'the draft is gone from _drafts');

    const published = decoder.decode(await readBytes(uri));
    const originalText = decoder.decode(original);
    const dateLine = /\ndate: (\d{4}-\d\d-\d\d) \d\d:\d\d:\d\d \+0[01]00\n/.exec(published);
    assert.ok(dateLine, published.slice(0, 200));
    assert.equal(dateLine[1], name.slice(0, 10));
    // Exactly one line added after the title; everything else byte for byte.
    assert.equal(published.replace(dateLine[0], '\n'), originalText);
    const body = (t: string) => t.slice(t.indexOf('\n---\n', 4));
    assert.equal(body(published), body(originalText));
  });

  it('jekyll.publishDraft saves an unsaved edit of the draft first: nothing is lost', async () => {
    const draft = siteUri('_drafts/unsaved-edit.md');
    await vscode.workspace.fs.writeFile(draft, new TextEncoder().encode('---\ntitle: Unsaved\n---\nSaved text.\n'));
    const doc = await vscode.workspace.openTextDocument(draft);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(doc.positionAt(doc.getText().length), 'Typed, not saved.\n'));
    assert.equal(doc.isDirty, true);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jekyll.publishDraft', { uri: draft });
    assert.ok(uri instanceof vscode.Uri);
    created.push(uri);
    const text = decoder.decode(await readBytes(uri));
    assert.ok(text.endsWith('Saved text.\nTyped, not saved.\n'), text);
    assert.match(text, /^---\ntitle: Unsaved\ndate: .+\n---\n/);
  });
});
