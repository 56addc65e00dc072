#!/usr/bin/env node
// `npm start`: try the extension on the sample site.
//   - builds (node esbuild.mjs), then keeps rebuilding on change (esbuild --watch;
//     run "Developer: Reload Window" to pick a rebuild up);
//   - with desktop VS Code on PATH (`code`): opens examples/news-site in an
//     Extension Development Host;
//   - otherwise: serves VS Code in the browser (code-server) on 127.0.0.1:8080
//     (or a free port) with the extension loaded, and prints the URL to open.
// Stays up until Ctrl+C.
//
//   node scripts/start.mjs [--port N] [--workspace DIR] [--no-build] [--no-watch] [--code-server]
//     --code-server  use code-server even when `code` is on PATH
//     --no-build     skip the build (use what is in dist/ already)
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CODE_SERVER_VERSION,
  codeServerInstalled,
  die,
  ensureCodeServer,
  ensureSystemPackages,
  onCleanup,
  repoRoot,
  startCodeServer,
} from './codeServer.mjs';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    workspace: { type: 'string', default: path.join(repoRoot, 'examples', 'news-site') },
    'no-build': { type: 'boolean', default: false },
    'no-watch': { type: 'boolean', default: false },
    'code-server': { type: 'boolean', default: false },
  },
  strict: true,
});
const workspace = path.resolve(opts.workspace);

if (!opts['no-build']) {
  console.log('Building (node esbuild.mjs)…');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) die('Build failed; fix the errors above and run `npm start` again.');
}

function startWatch() {
  if (opts['no-watch']) return;
  const watcher = spawn(process.execPath, ['esbuild.mjs', '--watch'], { cwd: repoRoot, stdio: 'inherit' });
  onCleanup(() => watcher.exitCode === null && watcher.kill('SIGKILL'));
  console.log('Rebuilding on change; run "Developer: Reload Window" in VS Code to load a rebuild.');
}

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasCode && !opts['code-server']) {
  const r = spawnSync('code', [`--extensionDevelopmentPath=${repoRoot}`, workspace], { stdio: 'inherit' });
  if (r.status !== 0) die(`\`code --extensionDevelopmentPath=${repoRoot} ${workspace}\` failed (exit ${r.status})`);
  console.log(`Opened ${path.relative(repoRoot, workspace)} in VS Code with the extension from ${repoRoot}.`);
  if (opts['no-watch']) process.exit(0);
  startWatch();
  console.log('Press Ctrl+C to stop watching.');
} else {
  if (!codeServerInstalled()) ensureSystemPackages(['libkrb5-dev', 'ripgrep']);
  ensureCodeServer();
  const server = await startCodeServer({
    workspace,
    port: Number(opts.port),
    extensionDevelopmentPath: repoRoot,
    keepHome: true,
  });
  startWatch();
  console.log(
    `\nVS Code (code-server ${CODE_SERVER_VERSION}) is serving ${path.relative(repoRoot, workspace) || workspace} ` +
      `with the extension loaded from ${repoRoot}.\nOpen this URL in a browser:\n\n  ${server.payloadUrl()}\n\n` +
      `(Edits in the editor change the files in ${path.relative(repoRoot, workspace) || workspace}.) Press Ctrl+C to stop.`,
  );
  const { code, signal } = await server.exited;
  die(`code-server stopped (${signal ?? `exit ${code}`})`);
}
