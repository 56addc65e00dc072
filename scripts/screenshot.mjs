#!/usr/bin/env node
// Screenshot of the real VS Code UI (code-server in headless Chromium) with
// our extension loaded, for the README and for looking at the UI yourself.
// Build first: `node esbuild.mjs`.
//
//   node scripts/screenshot.mjs --out docs/images/diagnostics.png \
//     --file _posts/2025-03-02-vimax-agentic-video.md --line 3 --problems
//
//   --out FILE.png      where to write the PNG (required)
//   --file PATH         file to open, relative to the site (optional)
//   --line N            1-based line to put the cursor on (with --file)
//   --problems          wait for our diagnostics and show the Problems panel
//   --command TITLE     run a command from the palette first (e.g. "Jekyll: Open Preview to the Side");
//                       with --wait-frame SELECTOR, wait until a webview shows SELECTOR
//   --workspace DIR     site to open (default examples/news-site; a temp copy is used)
//   --extension DIR     extension to load (default: this repo)
//   --theme NAME        colour theme (default "Default Light Modern")
//   --setting KEY=JSON  a workspace setting, repeatable (e.g. --setting 'jekyll.preview.style="site"')
//   --width/--height    viewport in CSS pixels (default 1400×900)
//   --verbose           echo code-server's log and the browser console
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  codeServerInstalled,
  copyToTemp,
  die,
  ensureCodeServer,
  ensureSystemPackages,
  openBrowser,
  repoRoot,
  startCodeServer,
} from './codeServer.mjs';

const STEP_TIMEOUT = 60_000;

/** `KEY=JSON` pairs (a bare value that is not JSON is taken as a string). */
function settingsFrom(pairs = []) {
  const out = {};
  for (const pair of [pairs].flat()) {
    const i = pair.indexOf('=');
    if (i <= 0) die(`screenshot: --setting ${pair}: expected KEY=VALUE`);
    const raw = pair.slice(i + 1);
    try {
      out[pair.slice(0, i)] = JSON.parse(raw);
    } catch {
      out[pair.slice(0, i)] = raw;
    }
  }
  return out;
}

/** Open the workbench on `file` (optionally at `line`), optionally with the Problems panel, and save a PNG. */
export async function screenshot(opts) {
  if (!opts.out) die('screenshot: --out FILE.png is required');
  const out = path.resolve(opts.out);
  const workspaceSource = path.resolve(opts.workspace ?? path.join(repoRoot, 'examples', 'news-site'));
  const extensionPath = path.resolve(opts.extension ?? repoRoot);
  const main = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')).main;
  if (main && !fs.existsSync(path.join(extensionPath, main))) {
    die(`${path.join(extensionPath, main)} not found: build the extension first with \`node esbuild.mjs\``);
  }
  ensureSystemPackages(['chromium', ...(codeServerInstalled() ? [] : ['libkrb5-dev', 'ripgrep'])]);
  ensureCodeServer();

  const workspace = copyToTemp(workspaceSource);
  const server = await startCodeServer({
    workspace,
    extensionDevelopmentPath: extensionPath,
    echo: opts.verbose,
    workspaceSettings: {
      'workbench.colorTheme': opts.theme ?? 'Default Light Modern',
      'editor.minimap.enabled': false,
      'files.autoSave': 'off',
      // This very settings file; not part of the site.
      'files.exclude': { '.vscode': true },
      'git.enabled': false,
      ...settingsFrom(opts.setting),
    },
  });

  const extra = [];
  if (opts.file) {
    const abs = path.join(workspace, opts.file);
    if (!fs.existsSync(abs)) die(`screenshot: ${opts.file} does not exist in ${workspaceSource}`);
    if (opts.line) {
      extra.push(['openFile', `${abs}:${Number(opts.line)}:1`], ['gotoLineMode', 'true']);
    } else {
      extra.push(['openFile', abs]);
    }
  }
  const width = Number(opts.width ?? 1400);
  const height = Number(opts.height ?? 900);
  const browser = await openBrowser(server.payloadUrl(extra), { width, height, echoConsole: opts.verbose });
  const { page } = browser;
  try {
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: STEP_TIMEOUT });
    // The Explorer lists the site once the remote file system is up.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: STEP_TIMEOUT });
    if (opts.file) {
      const name = path.basename(opts.file);
      await page.waitForSelector(`.tabs-container .tab[data-resource-name="${name}"]`, { timeout: STEP_TIMEOUT });
      await page.waitForSelector('.editor-instance .monaco-editor .view-lines .view-line', { timeout: STEP_TIMEOUT });
    }
    if (opts.problems) {
      if (opts.file) {
        // Our diagnostics reached the editor.
        await page.waitForSelector('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info', {
          timeout: STEP_TIMEOUT,
        });
      }
      await page.keyboard.press('Control+Shift+M'); // View: Toggle Problems
      await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: STEP_TIMEOUT });
    }
    if (opts.file) {
      // Focus the editor without moving its cursor (View: Focus First Editor Group).
      await page.keyboard.press('Control+1');
      await page.waitForSelector('.editor-instance .monaco-editor.focused', { timeout: STEP_TIMEOUT });
    }
    if (opts.command) {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { timeout: STEP_TIMEOUT });
      await page.keyboard.type(opts.command);
      await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: STEP_TIMEOUT });
      await page.keyboard.press('Enter');
      if (opts['wait-frame']) {
        // Webviews are nested iframes: poll every frame until one shows the selector.
        const deadline = Date.now() + STEP_TIMEOUT;
        let found = false;
        while (!found && Date.now() < deadline) {
          for (const frame of page.frames()) {
            if (await frame.$(opts['wait-frame']).catch(() => null)) found = true;
          }
          if (!found) await page.waitForTimeout(250);
        }
        if (!found) {
          for (const frame of page.frames()) console.error('frame', frame.url().slice(0, 120), (await frame.content().catch(() => '')).slice(0, 300).replace(/\s+/g, ' '));
          throw new Error(`no webview showed ${opts['wait-frame']}`);
        }
        // Let images decode before the picture is taken.
        await page.waitForTimeout(1000);
      }
    }
    // Toasts (e.g. offline marketplace errors) are noise in a screenshot.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('.notifications-toasts')) el.style.display = 'none';
    });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`Screenshot written to ${path.relative(process.cwd(), out) || out} (${width}×${height})`);
  } catch (err) {
    const failed = out.replace(/\.png$/, '') + '.failed.png';
    await page.screenshot({ path: failed }).catch(() => {});
    console.error(server.output().slice(-30).join('\n'));
    console.error(browser.console().slice(-20).join('\n'));
    die(`screenshot: ${err.message} (what the page showed: ${failed})`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      file: { type: 'string' },
      line: { type: 'string' },
      problems: { type: 'boolean', default: false },
      command: { type: 'string' },
      'wait-frame': { type: 'string' },
      workspace: { type: 'string' },
      extension: { type: 'string' },
      theme: { type: 'string' },
      setting: { type: 'string', multiple: true },
      width: { type: 'string' },
      height: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  await screenshot(values);
}
