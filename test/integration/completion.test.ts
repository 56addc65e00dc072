// Completions, hovers and the taxonomy rename in a real VS Code, on the sample site.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openInEditor, siteUri } from './helpers';

const SEED = '_posts/2025-08-19-starmer-hails-breakthrough.md';
const TALKS = '_posts/2025-08-21-ukraine-talks-what-next.md';

const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);

async function completionsAt(rel: string, line: number, character: number, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', siteUri(rel), new vscode.Position(line, character), trigger);
  // Only ours: other providers add items of their own — words and paths, and snippets (ours and
  // Markdown's), which VS Code loads on its own schedule, so they come in some runs and not others.
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet && (i.detail !== undefined || i.documentation !== undefined));
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('completion, hover and taxonomy rename (sample site)', function () {
  this.timeout(90_000);

  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completion in `tags: [` lists the site’s tags with their counts, most used first', async () => {
    const doc = (await openInEditor(siteUri(SEED))).document;
    assert.equal(doc.lineAt(6).text, 'tags: []');
    const items = await completionsAt(SEED, 6, 7, '[');
    const byLabel = new Map(items.map((i) => [labelOf(i), i]));
    assert.equal(byLabel.get('energy')?.detail, '3 posts');
    assert.equal(byLabel.get('bills')?.detail, '3 posts');
    assert.equal(byLabel.get('Politics')?.detail, '2 posts · 1 other spelling', 'politics (1 post) is folded under Politics');
    assert.ok(!byLabel.has('politics'));
    assert.equal(byLabel.get('diplomacy')?.detail, '1 post');
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map(labelOf);
    assert.equal(sorted[0], 'Politics', `most used first: ${sorted.slice(0, 5).join(', ')}`);
    const range = byLabel.get('energy')!.range as vscode.Range;
    assert.ok(range.isEmpty && range.start.isEqual(new vscode.Position(6, 7)), 'replaces the (empty) partial word only');
  });

  it('completion after `layout: ` lists the layouts', async () => {
    await openInEditor(siteUri(SEED));
    const items = await completionsAt(SEED, 1, 8);
    assert.deepEqual(items.map(labelOf).sort(), ['default', 'post']);
    assert.equal(items.find((i) => labelOf(i) === 'post')!.detail, '_layouts/post.html');
  });

  it('completion after `{% post_url ` lists the posts with their titles', async () => {
    const doc = (await openInEditor(siteUri(TALKS))).document;
    const line = doc.getText().split('\n').findIndex((l) => l.includes('{% post_url '));
    const character = doc.lineAt(line).text.indexOf('{% post_url ') + '{% post_url '.length;
    const items = await completionsAt(TALKS, line, character, ' ');
    const byLabel = new Map(items.map((i) => [labelOf(i), i]));
    assert.equal(byLabel.get('2025-08-19-starmer-hails-breakthrough')?.detail, 'Breaking: Starmer hails breakthrough on Ukraine - but anxiety over its future remains');
    assert.equal(byLabel.get('2025-07-22-census-data-platform')?.detail !== undefined, true);
    assert.ok(!byLabel.has('2025-08-21-ukraine-talks-what-next'), 'not the post itself');
    assert.ok(![...byLabel.keys()].some((l) => l.includes('council-tax-explainer')), 'no drafts');
  });

  it('hover on the seed post’s `date:` shows the instant Jekyll uses and the URL', async () => {
    await openInEditor(siteUri(SEED));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', siteUri(SEED), new vscode.Position(3, 2));
    const text = hoverText(hovers);
    assert.ok(text.includes('2025-08-19 15:46:44 +0100'), text);
    assert.ok(text.includes('/news/2025/08/19/starmer-hails-breakthrough.html'), text);
  });

  it('jekyll.renameTaxonomy merging two tags edits exactly the posts that use the merged one', async () => {
    const using = ['_posts/2025-01-20-pm-sets-out-growth-plan.md', TALKS];
    const posts = (await vscode.workspace.fs.readDirectory(siteUri('_posts'))).map(([name]) => `_posts/${name}`);
    // What a post holds now: the editor's text when open (edits may stay unsaved), else the file's.
    const textOf = async (rel: string): Promise<string> =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === siteUri(rel).toString())?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(siteUri(rel)));
    const before = new Map<string, string>();
    for (const rel of posts) before.set(rel, await textOf(rel));
    const result = await vscode.commands.executeCommand<{ edited: vscode.Uri[]; skipped: unknown[]; merged: boolean }>('jekyll.renameTaxonomy', { kind: 'tag', from: 'Politics', to: 'politics' });
    try {
      assert.ok(result, 'the command returns what it did');
      assert.equal(result.merged, true);
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(result.edited.map((u) => u.toString()).sort(), using.map((r) => siteUri(r).toString()).sort());
      const changed: string[] = [];
      for (const rel of posts) if ((await textOf(rel)) !== before.get(rel)) changed.push(rel);
      assert.deepEqual(changed.sort(), [...using].sort(), 'exactly the posts using `Politics` changed');
      for (const rel of using) {
        const expected = before.get(rel)!.replace('tags: [Politics, ', 'tags: [politics, ');
        assert.notEqual(expected, before.get(rel));
        assert.equal(await textOf(rel), expected, `${rel}: only the tag changed`);
      }
    } finally {
      // Leave the workspace as it was for the other suites: the original text, saved.
      for (const rel of using) {
        const doc = await vscode.workspace.openTextDocument(siteUri(rel));
        if (doc.getText() !== before.get(rel)) {
          const undo = new vscode.WorkspaceEdit();
          undo.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), before.get(rel)!);
          assert.ok(await vscode.workspace.applyEdit(undo));
        }
        if (doc.isDirty) assert.ok(await doc.save());
      }
    }
    for (const rel of using) assert.equal(await textOf(rel), before.get(rel));
  });
});
