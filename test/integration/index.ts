// Entry point of the integration suite (the `extensionTestsPath` contract):
// the extension host calls run(), which runs mocha over every compiled
// out/test/integration/**/*.test.js and writes a results file.
//
// The extension host exits with code 0 even when run() rejects, so launchers
// (scripts/code-server-test.mjs, runElectron.ts) read the results file, not
// the exit code. It goes to $JEKYLL_POSTS_TEST_RESULTS when set; otherwise to
// jekyll-posts-test-results.json beside the first workspace folder (launchers
// always open a temp copy of the site, so that is a temp dir too).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
}

export interface Results {
  passed: number;
  failed: number;
  failures: { title: string; message: string }[];
  tests: TestResult[];
  vscodeVersion: string;
  resultsChannel: 'env' | 'workspace';
}

export const RESULTS_ENV = 'JEKYLL_POSTS_TEST_RESULTS';
export const RESULTS_FILE_NAME = 'jekyll-posts-test-results.json';

function resultsPath(): { file: string; channel: Results['resultsChannel'] } | undefined {
  const fromEnv = process.env[RESULTS_ENV];
  if (fromEnv) return { file: fromEnv, channel: 'env' };
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder?.uri.scheme === 'file') {
    return { file: path.join(path.dirname(folder.uri.fsPath), RESULTS_FILE_NAME), channel: 'workspace' };
  }
  return undefined;
}

function writeResults(results: Omit<Results, 'resultsChannel'>): void {
  const target = resultsPath();
  if (!target) {
    console.error(`[integration] nowhere to write results: set ${RESULTS_ENV} or open a folder`);
    return;
  }
  // Write then rename, so a launcher polling for the file never reads half of it.
  const tmp = `${target.file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ ...results, resultsChannel: target.channel }, null, 2));
  fs.renameSync(tmp, target.file);
  console.log(`[integration] results written to ${target.file} (via ${target.channel})`);
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export async function run(): Promise<void> {
  const tests: TestResult[] = [];
  const failures: Results['failures'] = [];
  try {
    const mocha = new Mocha({
      ui: 'bdd',
      color: false,
      timeout: 60_000,
      // Our own one-line-per-test output below: the extension host forwards console.log to the
      // workbench without applying format strings, which garbles the spec reporter.
      reporter: Mocha.reporters.Base,
      grep: process.env.JEKYLL_POSTS_TEST_GREP || undefined,
    });
    const files = testFiles(__dirname);
    if (files.length === 0) throw new Error(`no *.test.js files under ${__dirname}`);
    for (const f of files) mocha.addFile(f);
    // run() require()s the (CommonJS) files, the path on which the extension host resolves `vscode`.

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => {
        tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
        console.log(`[integration] ✔ ${test.fullTitle()}`);
      });
      runner.on('fail', (test, err) => {
        // Hooks fail too ("before all" hook …): they count as failures.
        tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration });
        failures.push({ title: test.fullTitle(), message: messageOf(err) });
        console.log(`[integration] ✘ ${test.fullTitle()}: ${err instanceof Error ? err.message : String(err)}`);
      });
    });
  } catch (err) {
    failures.push({ title: 'loading the integration suite', message: messageOf(err) });
    tests.push({ title: 'loading the integration suite', state: 'failed' });
  }
  const passed = tests.filter((t) => t.state === 'passed').length;
  const failed = failures.length;
  writeResults({ passed, failed, failures, tests, vscodeVersion: vscode.version });
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
