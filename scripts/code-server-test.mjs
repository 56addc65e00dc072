#!/usr/bin/env node
// `npm run test:integration`: runs the mocha suite in test/integration inside a
// real VS Code extension host (code-server, driven by headless Chromium),
// offline. Build first: `node esbuild.mjs`.
//
//   node scripts/code-server-test.mjs [options]
//     --workspace DIR      site to open (default examples/news-site; a temp copy is used)
//     --extension DIR      extension to load (default: this repo)
//     --grep PATTERN       only tests whose full title matches
//     --timeout SECONDS    give up after this long (default 300)
//     --verbose            echo code-server's log and the browser console
//     --screenshot OUT.png instead of the tests, take a screenshot (see scripts/screenshot.mjs;
//                          its options --file, --problems, … are accepted here too)
//
// The extension host exits 0 even when tests fail, so the suite writes a
// results file (test/integration/index.ts) and this script turns it into
// output and an exit code: 1 if anything failed, nothing ran, or it timed out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CODE_SERVER_VERSION,
  codeServerInstalled,
  copyToTemp,
  defaultResultsPath,
  die,
  ensureCodeServer,
  ensureSystemPackages,
  openBrowser,
  repoRoot,
  startCodeServer,
} from './codeServer.mjs';

const { values: opts } = parseArgs({
  options: {
    workspace: { type: 'string', default: path.join(repoRoot, 'examples', 'news-site') },
    extension: { type: 'string', default: repoRoot },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    verbose: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    // forwarded to screenshot.mjs
    file: { type: 'string' },
    line: { type: 'string' },
    problems: { type: 'boolean' },
    width: { type: 'string' },
    height: { type: 'string' },
    theme: { type: 'string' },
    command: { type: 'string' },
    'wait-frame': { type: 'string' },
  },
  strict: true,
});

if (opts.screenshot) {
  const { screenshot } = await import('./screenshot.mjs');
  await screenshot({ ...opts, out: opts.screenshot });
  process.exit(0);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const timeoutMs = Number(opts.timeout) * 1000;
const workspaceSource = path.resolve(opts.workspace);
const extensionPath = path.resolve(opts.extension);
const testsDir = path.join(repoRoot, 'out', 'test', 'integration');

if (!fs.existsSync(path.join(testsDir, 'index.js'))) {
  die(`${path.relative(repoRoot, testsDir)}/index.js not found: build first with \`node esbuild.mjs\``);
}
const main = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')).main;
if (main && !fs.existsSync(path.join(extensionPath, main))) {
  die(`${path.join(extensionPath, main)} not found: build the extension first with \`node esbuild.mjs\``);
}

ensureSystemPackages(['chromium', ...(codeServerInstalled() ? [] : ['libkrb5-dev', 'ripgrep'])]);
const t0 = Date.now();
const wasInstalled = codeServerInstalled();
ensureCodeServer();
const installMs = Date.now() - t0;

// Tests create and modify files: always a fresh copy, never the repo's own site.
const workspace = copyToTemp(workspaceSource);
const resultsFile = path.join(path.dirname(workspace), 'results.json');
const fallbackResultsFile = defaultResultsPath(workspace);
const env = { JEKYLL_POSTS_TEST_RESULTS: resultsFile };
if (opts.grep) env.JEKYLL_POSTS_TEST_GREP = opts.grep;

const t1 = Date.now();
const server = await startCodeServer({
  workspace,
  extensionDevelopmentPath: extensionPath,
  env,
  // The web workbench defaults to autoSave "afterDelay"; desktop VS Code, where users run us, to "off".
  workspaceSettings: { 'files.autoSave': 'off' },
  echo: opts.verbose,
});
const startMs = Date.now() - t1;
const t1b = Date.now();
const browser = await openBrowser(server.payloadUrl([['extensionTestsPath', testsDir]]), { echoConsole: opts.verbose });
const browserMs = Date.now() - t1b;

/** The results file, once the suite wrote it (via env var or the workspace fallback). */
const readResults = () => {
  for (const f of [resultsFile, fallbackResultsFile]) {
    if (fs.existsSync(f)) return JSON.parse(fs.readFileSync(f, 'utf8'));
  }
  return undefined;
};

// Done when the results file appears or the extension host exits, whichever is first.
const t2 = Date.now();
let outcome;
try {
  outcome = await new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const r = readResults();
      if (r) finish(() => resolve({ results: r }));
    }, 250);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`Timed out after ${opts.timeout} s: the extension host neither finished the tests nor exited`))),
      timeoutMs,
    );
    const finish = (fn) => {
      clearInterval(poll);
      clearTimeout(timer);
      fn();
    };
    server
      .waitForLine(/Extension Host Process exited/, timeoutMs, 'the extension host to exit')
      .then((line) => finish(() => resolve({ results: readResults(), exitLine: line })))
      .catch((err) => finish(() => reject(err)));
  });
} catch (err) {
  outcome = { error: err };
}
const runMs = Date.now() - t2;

const dumpLogs = () => {
  console.error('--- last lines of the code-server log ---');
  console.error(server.output().slice(-60).join('\n'));
  console.error('--- last lines of the browser console ---');
  console.error(browser.console().slice(-30).join('\n'));
};

await browser.close();
await server.stop();

if (outcome.error) {
  dumpLogs();
  console.error(outcome.error.message);
  console.log('0 passed, 0 failed');
  process.exit(1);
}
const results = outcome.results;
if (!results) {
  dumpLogs();
  console.error(`The extension host exited (${outcome.exitLine?.trim()}) without writing test results.`);
  console.log('0 passed, 0 failed');
  process.exit(1);
}

console.log(`Integration tests ran in VS Code ${results.vscodeVersion} (code-server ${CODE_SERVER_VERSION})`);
for (const t of results.tests ?? []) {
  const time = t.durationMs !== undefined ? ` (${t.durationMs} ms)` : '';
  console.log(`  ${t.state === 'passed' ? '✔' : '✘'} ${t.title}${time}`);
}
for (const [i, f] of results.failures.entries()) {
  console.log(`\n  ${i + 1}) ${f.title}\n${f.message.replace(/^/gm, '     ')}`);
}
console.log(
  `\n(code-server ${wasInstalled ? 'reused' : `installed in ${seconds(installMs)}`}, started in ${seconds(startMs)}; ` +
    `Chromium up in ${seconds(browserMs)}; workbench + extension host + suite ${seconds(runMs)}; ` +
    `results via ${results.resultsChannel === 'env' ? 'JEKYLL_POSTS_TEST_RESULTS' : 'the workspace fallback file'})`,
);
if (results.passed + results.failed === 0) {
  console.error('No tests ran.');
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed > 0 || results.passed === 0 ? 1 : 0);
