// The preview's site style in a real VS Code: with `jekyll.preview.style: site`
// the seed post is shown inside the sample site's layouts (post.html inside
// default.html) with the site's stylesheets applied — main.css linked from the
// site folder, article.scss compiled from _sass/ — the problems marker still
// visible, and only our script in the page. Switching the setting back
// re-renders the open preview in the editor style. Waits on the panel's
// messages, never sleeps; the setting is restored afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openInEditor, ours, siteUri, waitForDiagnostics } from './helpers';

const SEED = '_posts/2025-08-19-starmer-hails-breakthrough.md';

interface Rendered {
  html: string;
  styles: Array<string | null>;
  version: number;
  renders: number;
  resource: string;
}

async function rendered(document: vscode.TextDocument, args: { styleOf?: Array<{ selector: string; property: string }>; minRenders?: number } = {}): Promise<Rendered> {
  const r = await vscode.commands.executeCommand<Rendered | undefined>('jekyll.preview._html', { resource: document.uri.toString(), minVersion: document.version, ...args });
  assert.ok(r, 'a preview panel is open');
  return r;
}

/** Our script only: VS Code's own API bootstrap (injected before the CSP) aside. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/acquireVsCodeApi|vscode-webview/.test(m[2] ?? '') || /src=/.test(m[1] ?? ''))
    .map((m) => (/src="[^"]*\/dist\/webview\.js"/.test(m[1] ?? '') && /nonce=/.test(m[1] ?? '') ? 'ours' : m[0].slice(0, 200)));
}

describe('the preview in the site style', function () {
  this.timeout(120_000);
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('jekyll.preview');
  let saved: unknown;

  before(async () => {
    await activateExtension();
    saved = config().inspect('style')?.workspaceValue;
  });
  after(async () => {
    await config().update('style', saved, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the seed post in the site’s layouts with the site’s CSS; back to the editor style when the setting changes', async () => {
    await config().update('style', 'site', vscode.ConfigurationTarget.Workspace);
    const editor = await openInEditor(siteUri(SEED));
    // The problems are known before the preview opens, so its first render shows them.
    await waitForDiagnostics(editor.document.uri, (ds) => ours(ds).length > 0, 'the seed post’s diagnostics');
    await vscode.commands.executeCommand('jekyll.showPreviewToSide');
    const r = await rendered(editor.document, {
      styleOf: [
        { selector: 'body', property: 'font-family' },
        { selector: '.posttitle', property: 'border-bottom-color' },
        { selector: '.posttitle', property: 'border-bottom-width' },
      ],
    });

    // The layouts' markup around the post body: default.html's nav, main and footer, post.html's title and article.
    const html = r.html;
    const at = (s: string): number => {
      const i = html.indexOf(s);
      assert.ok(i >= 0, `the page has ${s}`);
      return i;
    };
    const nav = at('<nav class="mediumnavigation">');
    const main = at('<main class="site-content">');
    const title = at('<h1 class="posttitle">Breaking: Starmer hails breakthrough on Ukraine - but anxiety over its future remains</h1>');
    const article = at('<div class="article-post">');
    const body = at('<p data-line="11">Hereâ€™s what you need to know: Sir Keir Starmer');
    const date = at('<time class="post-date" datetime="2025-08-19">19 Aug 2025</time>');
    const footer = at('<footer class="footer">');
    assert.ok(nav < main && main < title && title < article && article < body && body < date && date < footer, 'nav, title, body, date and footer in the layouts’ order');
    // The layout's body class (VS Code adds its theme classes beside it).
    const bodyTag = /<body\b[^>]*>/.exec(html)?.[0] ?? '';
    assert.match(bodyTag, /\sclass="[^"]*\blayout-post\b/);
    at('<a class="next" href="/news/2025/08/21/ukraine-talks-what-next.html">Ukraine talks: what happens next');

    // The site's stylesheets: main.css from the site folder (a webview URI), article.scss compiled into a nonce'd style element.
    const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? '';
    const has = (text: string, re: RegExp, what: string): void => assert.ok(re.test(text), `${what}: ${re} in ${text.slice(0, 3000)}`);
    has(head.replace(/<style id="_defaultStyles">[\s\S]*?<\/style>/, ''), /<link rel="stylesheet" href="https:\/\/[^"]+\/assets\/css\/main\.css">/, 'main.css is linked');
    has(head.replace(/<style id="_defaultStyles">[\s\S]*?<\/style>/, ''), /<style nonce="[^"]+">[^<]*\.posttitle \{\s*padding-bottom: 16px;\s*border-bottom: 4px solid #00ab6b;/, 'article.scss is compiled');
    // …and applied: Georgia from main.css, the accent rule under the title from _sass/_article.scss.
    assert.deepEqual(r.styles, ['Georgia, "Times New Roman", serif', 'rgb(0, 171, 107)', '4px']);

    // Still strict: nonce'd styles and scripts, nothing remote (remote content is on by default, but nothing asked for it), only our script.
    has(head, /content="default-src 'none';[^"]*style-src-elem [^;"]*'nonce-[^']+'[^"]*script-src 'nonce-[^']+'/, 'a strict CSP');
    assert.deepEqual(scripts(html), ['ours']);
    // The problems marker is still visible.
    has(html.slice(html.indexOf('<body')), /<div class="jekyll-site-status">[\s\S]*?<a class="jekyll-card-problems has-problems"[^>]*>\d+ problems?<\/a>/, 'the problems marker');

    // Back to the editor style: the open preview re-renders with the header card.
    await config().update('style', 'editor', vscode.ConfigurationTarget.Workspace);
    let next = await rendered(editor.document, { minRenders: r.renders + 1 });
    while (!next.html.includes('<header class="jekyll-card"')) next = await rendered(editor.document, { minRenders: next.renders + 1 });
    assert.ok(!next.html.includes('mediumnavigation'), 'no layout markup in the editor style');
    assert.ok(next.html.includes('<main id="jekyll-preview-root">'), 'the editor style’s page');
  });
});
