// The preview in a real VS Code: jekyll.showPreviewToSide opens a jekyll.preview
// panel whose page (posted back by its own script through the test-only
// command jekyll.preview._html) shows the header card and the body; a post's
// <script> and onerror= never run; typing updates the panel. Waits on the
// panel's messages, never sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openInEditor, siteUri } from './helpers';

const SEED = '_posts/2025-08-19-starmer-hails-breakthrough.md';
const HOSTILE = '_posts/2025-08-20-hostile-markup.md';

interface Rendered {
  html: string;
  version: number;
  resource: string;
  viewType: string;
}

/** The preview's DOM once it shows `uri` at `document.version` or later. */
async function rendered(document: vscode.TextDocument): Promise<Rendered> {
  const r = await vscode.commands.executeCommand<Rendered | undefined>('jekyll.preview._html', { resource: document.uri.toString(), minVersion: document.version });
  assert.ok(r, 'a preview panel is open');
  return r;
}

/** The text of the page without tags (entities decoded enough for the checks). */
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/**
 * The page's scripts: 'ours' for dist/webview.js with the page's nonce; VS Code's own
 * bootstrap (injected by the webview host before ours, with its own hash-allowed content) is skipped.
 */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/acquireVsCodeApi|vscode-webview/.test(m[2] ?? '') || /src=/.test(m[1] ?? ''))
    .map((m) => (/src="[^"]*\/dist\/webview\.js"/.test(m[1] ?? '') && /nonce=/.test(m[1] ?? '') ? 'ours' : m[0].slice(0, 200)));
}

describe('the preview', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(siteUri(HOSTILE)).then(undefined, () => undefined);
  });

  it('jekyll.showPreviewToSide on the seed post shows the header card and the body', async () => {
    const editor = await openInEditor(siteUri(SEED));
    await vscode.commands.executeCommand('jekyll.showPreviewToSide');
    const r = await rendered(editor.document);
    assert.match(r.viewType, /jekyll\.preview$/);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(
      tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('jekyll.preview')),
      `a jekyll.preview tab is open: ${tabs.map((t) => t.label).join(', ')}`,
    );
    // Strict CSP with a nonce, and only our script.
    assert.match(r.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*script-src 'nonce-[^']+'/);
    assert.deepEqual(scripts(r.html), ['ours'], 'the only script of the post’s page is ours');
    // The card: title, the date as Jekyll reads it (UTC timestamp shown in Europe/London), badely not found.
    const card = /<header class="jekyll-card"[\s\S]*?<\/header>/.exec(r.html)?.[0] ?? '';
    assert.ok(card, 'the header card is there');
    assert.ok(text(card).includes('Breaking: Starmer hails breakthrough on Ukraine - but anxiety over its future remains'), text(card));
    assert.ok(text(card).includes('2025-08-19 15:46 +0100'), text(card));
    assert.match(card, /class="jekyll-card-author not-found" data-author="badely"/);
    assert.ok(text(card).includes("not found in the site's authors"), text(card));
    assert.ok(text(card).includes('News'), 'the category');
    // The body, with source lines for scroll sync (line 12 of the file is the first paragraph).
    assert.match(r.html, /<p data-line="11">Hereâ€™s what you need to know: Sir Keir Starmer/);
    assert.ok(text(r.html).includes('Sir Keir has long been a proponent of so-called gratitude diplomacy'));
    assert.ok(text(r.html).includes('If he does so they are hoping the US sides with Europe and not Russia.'));
  });

  it('a post with <script>, onerror= and javascript: renders without running them', async () => {
    const body = [
      '---',
      'title: Hostile markup',
      'date: 2025-08-20 09:00:00 +0100',
      '---',
      '',
      'A paragraph before HOSTILE-MARKER.',
      '',
      '<script>document.documentElement.setAttribute("data-pwned", "script")</script>',
      '',
      '<img src="data:," onerror="document.documentElement.setAttribute(\'data-pwned\', \'onerror\')">',
      '',
      '<a href="javascript:document.documentElement.setAttribute(\'data-pwned\', \'href\')" id="js-link">a link</a>',
      '',
      '<div onmouseover="document.documentElement.setAttribute(\'data-pwned\', \'hover\')">hover me</div>',
      '',
      'A paragraph after.',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(siteUri(HOSTILE), new TextEncoder().encode(body));
    // The preview is not locked: it follows the active post.
    const editor = await openInEditor(siteUri(HOSTILE));
    const r = await rendered(editor.document);
    assert.ok(r.html.includes('HOSTILE-MARKER'), 'the hostile post is shown');
    assert.ok(text(r.html).includes('A paragraph after.'));
    assert.ok(!/data-pwned/.test(r.html.replace(/setAttribute\([^)]*\)/g, '')), 'no script of the post ran (the flag is not set)');
    assert.ok(!/\sdata-pwned=/.test(r.html), 'the flag attribute is not set on any element');
    assert.deepEqual(scripts(r.html), ['ours'], 'the post’s <script> is not in the page');
    const content = /<main id="jekyll-preview-root">([\s\S]*)<\/main>/.exec(r.html)?.[1] ?? '';
    assert.ok(content.includes('HOSTILE-MARKER'), 'the post is inside the preview root');
    assert.ok(!/<[^>]*\son[a-z]+\s*=/i.test(content), 'no on*= handler is in the post’s markup');
    assert.ok(!/javascript:/i.test(content), 'no javascript: URL is in the post’s markup');
    assert.ok(content.includes('hover me') && content.includes('a link'), 'the elements themselves are kept');
  });

  it('typing in the editor updates the panel', async () => {
    const editor = await openInEditor(siteUri(SEED));
    await rendered(editor.document);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const typed = 'A paragraph typed {{ page.title | size }} moments ago.';
    assert.ok(await editor.edit((e) => e.insert(end, `\n\n${typed}\n`)));
    const r = await rendered(editor.document);
    // Liquid ran on the typed text: the title has 85 characters.
    assert.ok(text(r.html).includes('A paragraph typed 85 moments ago.'), text(r.html).slice(-300));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
