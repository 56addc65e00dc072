// `npm run test:electron`: the integration suite in desktop VS Code via
// @vscode/test-electron. It downloads VS Code, so it needs a network (offline,
// use `npm run test:integration`, which runs the same suite in code-server).
//
//   VSCODE_EXECUTABLE_PATH=/path/to/code   use an installed VS Code, no download
//   VSCODE_TEST_VERSION=1.90.0             download this version (default: stable)
//   JEKYLL_POSTS_TEST_GREP=pattern         only tests whose full title matches
// On Linux without a display, run it under `xvfb-run -a`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

interface Results {
  passed: number;
  failed: number;
  failures: { title: string; message: string }[];
  tests?: { title: string; state: 'passed' | 'failed'; durationMs?: number }[];
  vscodeVersion: string;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const testsDir = __dirname; // out/test/integration, holding index.js

function printResults(results: Results, runner: string): void {
  console.log(`Integration tests ran in VS Code ${results.vscodeVersion} (${runner})`);
  for (const t of results.tests ?? []) {
    const time = t.durationMs !== undefined ? ` (${t.durationMs} ms)` : '';
    console.log(`  ${t.state === 'passed' ? '✔' : '✘'} ${t.title}${time}`);
  }
  results.failures.forEach((f, i) => console.log(`\n  ${i + 1}) ${f.title}\n${f.message.replace(/^/gm, '     ')}`));
  if (results.passed + results.failed === 0) console.error('No tests ran.');
  console.log(`${results.passed} passed, ${results.failed} failed`);
}

async function resolveVSCode(): Promise<string> {
  const fromEnv = process.env.VSCODE_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`VSCODE_EXECUTABLE_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const version = process.env.VSCODE_TEST_VERSION || 'stable';
  try {
    return await downloadAndUnzipVSCode({ version, cachePath: path.join(repoRoot, '.vscode-test'), timeout: 20_000 });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(
      `Could not download VS Code ${version} (${reason.split('\n')[0]}).\n` +
        'test:electron needs a network to fetch VS Code from update.code.visualstudio.com. Offline, run\n' +
        '`npm run test:integration` (the same suite in code-server, no download), or point\n' +
        'VSCODE_EXECUTABLE_PATH at an installed VS Code.',
    );
    process.exit(1);
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(testsDir, 'index.js'))) throw new Error(`${testsDir}/index.js missing: run \`node esbuild.mjs\``);
  const vscodeExecutablePath = await resolveVSCode();

  // Tests create and modify files: run on a fresh copy of the sample site.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jekyll-posts-electron-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  process.on('exit', cleanup);
  const workspace = path.join(tmp, 'news-site');
  fs.cpSync(path.join(repoRoot, 'examples', 'news-site'), workspace, { recursive: true });
  const resultsFile = path.join(tmp, 'results.json');
  const userDataDir = path.join(tmp, 'user-data');

  let launchError: unknown;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsDir,
      extensionTestsEnv: {
        JEKYLL_POSTS_TEST_RESULTS: resultsFile,
        JEKYLL_POSTS_TEST_GREP: process.env.JEKYLL_POSTS_TEST_GREP,
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${userDataDir}`,
      ],
    });
  } catch (err) {
    // runTests rejects when the suite failed (run() throws) and when VS Code could not start.
    launchError = err;
  }

  if (!fs.existsSync(resultsFile)) {
    console.error(
      `VS Code exited without writing test results (${launchError instanceof Error ? launchError.message : 'no error reported'}).` +
        (process.platform === 'linux' && !process.env.DISPLAY ? ' No DISPLAY: run it under `xvfb-run -a`.' : ''),
    );
    console.log('0 passed, 0 failed');
    process.exit(1);
  }
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results;
  printResults(results, '@vscode/test-electron');
  process.exit(results.failed > 0 || results.passed === 0 ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
