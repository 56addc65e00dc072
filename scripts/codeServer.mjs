// Shared plumbing for running VS Code's own server build (code-server) offline:
// system packages, a cached code-server install, starting it on a free port,
// and driving it from headless Chromium. Used by code-server-test.mjs,
// screenshot.mjs and start.mjs. See docs of the recipe in TESTING.md §2.
//
// Every process and temp dir created here is registered and torn down when
// the script exits: normally, on an uncaught error, or on Ctrl+C / SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerDir = path.join(repoRoot, '.vscode-test', 'code-server');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// ---------------------------------------------------------------------------
// Cleanup registry

const cleanups = [];
let cleanedUp = false;

/** Register a synchronous teardown step; run in reverse order on exit. */
export function onCleanup(fn) {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

function runCleanups() {
  if (cleanedUp) return;
  cleanedUp = true;
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      fn();
    } catch {
      // best effort: keep tearing down the rest
    }
  }
}

process.on('exit', runCleanups);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    runCleanups();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
process.on('uncaughtException', (err) => {
  console.error(err);
  runCleanups();
  process.exit(1);
});
process.on('unhandledRejection', (err) => {
  console.error(err);
  runCleanups();
  process.exit(1);
});

/** A fresh temp dir, removed on exit (set KEEP_TEMP=1 to keep it for debugging). */
export function makeTempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(() => {
    if (process.env.KEEP_TEMP) console.error(`(kept ${dir})`);
    else fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Print one line and exit 1 (cleanups run). */
export function die(message) {
  console.error(message);
  process.exit(1);
}

// ---------------------------------------------------------------------------
// System packages

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** How to tell, without a package manager, that a package's bits are present. */
const presenceChecks = {
  chromium: () => fs.existsSync(chromiumPath),
  ripgrep: () => onPath('rg'),
  'libkrb5-dev': () => onPath('krb5-config') || dpkgInstalled('libkrb5-dev'),
};

/**
 * Make sure the Debian packages are there. As root with apt-get, installs the
 * missing ones; otherwise prints one line saying what to install and exits 1.
 */
export function ensureSystemPackages(pkgs) {
  const missing = pkgs.filter((p) => !(presenceChecks[p] ? presenceChecks[p]() : dpkgInstalled(p)));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    console.log(`Installing system packages: ${missing.join(' ')}`);
    const r = spawnSync('sh', ['-c', `apt-get update && apt-get install -y ${missing.join(' ')}`], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const still = missing.filter((p) => !(presenceChecks[p] ? presenceChecks[p]() : dpkgInstalled(p)));
    if (r.status === 0 && still.length === 0) return;
    die(`apt-get could not install: ${still.join(' ') || missing.join(' ')}`);
  }
  die(`Missing system packages: please install ${missing.join(' ')} (e.g. sudo apt-get install -y ${missing.join(' ')})`);
}

// ---------------------------------------------------------------------------
// code-server install

const packageDir = path.join(codeServerDir, 'node_modules', 'code-server');
const entryJs = path.join(packageDir, 'out', 'node', 'entry.js');
const installedMarker = path.join(codeServerDir, `.installed-${CODE_SERVER_VERSION}`);
// Written by code-server's postinstall (its nested `npm install` in lib/vscode): proof that it ran.
const postinstallProducts = [
  path.join(packageDir, 'lib', 'vscode', 'node_modules.asar'),
  path.join(packageDir, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
  path.join(packageDir, 'lib', 'vscode', 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
];

export function codeServerInstalled() {
  return fs.existsSync(installedMarker) && [entryJs, ...postinstallProducts].every((p) => fs.existsSync(p));
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache
 * already holds the tarball; put Debian's /usr/bin/rg there.
 */
function seedRipgrepCache() {
  const cacheDir = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = path.join(cacheDir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (fs.existsSync(tarball)) return;
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim() || '/usr/bin/rg';
  fs.mkdirSync(cacheDir, { recursive: true });
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-stage-'));
  try {
    fs.copyFileSync(rg, path.join(stage, 'rg'));
    fs.chmodSync(path.join(stage, 'rg'), 0o755);
    const tmp = `${tarball}.${process.pid}.tmp`;
    const r = spawnSync('tar', ['-czf', tmp, '-C', stage, 'rg'], { stdio: 'inherit' });
    if (r.status !== 0) die(`Could not create ${tarball} from ${rg}`);
    fs.renameSync(tmp, tarball);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * Install code-server@CODE_SERVER_VERSION into .vscode-test/code-server/
 * (reused when present). Returns the path of its entry script.
 */
export function ensureCodeServer() {
  if (codeServerInstalled()) return entryJs;
  ensureSystemPackages(['libkrb5-dev', 'ripgrep']);
  seedRipgrepCache();
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.mkdirSync(codeServerDir, { recursive: true });
  // Its own package.json, so npm does not walk up and install into the repo.
  fs.writeFileSync(
    path.join(codeServerDir, 'package.json'),
    JSON.stringify(
      {
        name: 'jekyll-posts-code-server',
        private: true,
        // npm 11 reviews dependency install scripts; code-server's postinstall is the install.
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, codeServerDir)} (once, ~90 s)…`);
  const started = Date.now();
  const r = spawnSync(
    'npm',
    ['install', '--unsafe-perm', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: codeServerDir,
      stdio: 'inherit',
      // npm_config_yes: node-pty's install runs `npx node-gyp`; unsafe_perm: its postinstall checks it as root.
      env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
    },
  );
  if (r.status !== 0 || !fs.existsSync(entryJs)) {
    die(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${r.status}); see the npm output above`);
  }
  const missing = postinstallProducts.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    die(`code-server's postinstall did not complete (missing ${path.relative(codeServerDir, missing[0])}); did npm skip install scripts?`);
  }
  fs.writeFileSync(installedMarker, new Date().toISOString() + '\n');
  console.log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return entryJs;
}

// ---------------------------------------------------------------------------
// Running code-server

/** A free TCP port on 127.0.0.1 (or `preferred` when it is free). */
export async function freePort(preferred) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => resolve(p));
      });
    });
  if (preferred) {
    const p = await tryListen(preferred);
    if (p) return p;
  }
  return tryListen(0);
}

/** Copy a folder to a fresh temp dir (keeping its name) so runs never touch the original. */
export function copyToTemp(folder, prefix = 'jekyll-posts-ws-') {
  if (!fs.existsSync(folder)) die(`Workspace folder not found: ${folder}`);
  const parent = makeTempDir(prefix);
  const dest = path.join(parent, path.basename(folder));
  fs.cpSync(folder, dest, { recursive: true });
  return dest;
}

/**
 * Start code-server on `workspace`. Resolves once it listens. `workspaceSettings`, when given, are
 * written to the workspace's .vscode/settings.json: pass them only for a temp copy.
 * Returns { url, port, workspace, payloadUrl(extra), waitForLine(re, ms), output(), stop() }.
 */
export async function startCodeServer({ workspace, port, extensionDevelopmentPath, env = {}, workspaceSettings, keepHome = false, echo = false }) {
  const entry = ensureCodeServer();
  const chosenPort = await freePort(port);
  const tmp = makeTempDir('jekyll-posts-cs-');
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const config = path.join(tmp, 'config.yaml');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${chosenPort}\nauth: none\ncert: false\n`);
  if (workspaceSettings) {
    // Workspace settings, not user settings: code-server's web workbench did not apply a
    // User/settings.json that existed before it started. Only for temp copies of a site.
    const file = path.join(workspace, '.vscode', 'settings.json');
    const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...existing, ...workspaceSettings }, null, 2) + '\n');
  }

  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', config,
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    cwd: tmp,
    // Its own process group, so stop() reaches the extension host, pty host and watchers too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // code-server keeps its own logs and a heartbeat file under $XDG_DATA_HOME/code-server;
    // keep runs out of the user's home unless asked (npm start, where terminals inherit this env).
    env: { ...process.env, ...(keepHome ? {} : { XDG_DATA_HOME: path.join(tmp, 'xdg-data') }), ...env },
  });
  let exited = false;
  // The whole group: its children (extension host, pty host, file watcher) may outlive the leader.
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const unregister = onCleanup(() => killGroup('SIGKILL'));

  const lines = [];
  const waiters = new Set();
  const onLine = (line) => {
    lines.push(line);
    if (lines.length > 5000) lines.splice(0, 1000); // npm start can run for days
    if (echo) console.log(`[code-server] ${line}`);
    for (const w of waiters) if (w.re.test(line)) w.resolve(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        onLine(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
    stream.on('end', () => buf && onLine(buf));
  }
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true;
      for (const w of waiters) w.reject(new Error(`code-server exited (${signal ?? code}) while waiting for ${w.re}`));
      resolve({ code, signal });
    });
  });

  /** Resolve with the first output line matching `re` (past or future); reject on timeout or exit. */
  const waitForLine = (re, timeoutMs, what = String(re)) => {
    const seen = lines.find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    if (exited) return Promise.reject(new Error(`code-server is not running (waiting for ${what})`));
    return new Promise((resolve, reject) => {
      const w = {
        re,
        resolve: (l) => done(() => resolve(l)),
        reject: (e) => done(() => reject(e)),
      };
      const timer = setTimeout(() => w.reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)), timeoutMs);
      const done = (fn) => {
        clearTimeout(timer);
        waiters.delete(w);
        fn();
      };
      waiters.add(w);
    });
  };

  const stop = async () => {
    if (!exited) {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    // Children that outlived the leader.
    killGroup('SIGKILL');
    unregister();
  };

  try {
    await waitForLine(/HTTP server listening on/, 60_000, 'code-server to listen');
  } catch (err) {
    console.error(lines.slice(-40).join('\n'));
    await stop();
    throw err;
  }

  const url = `http://127.0.0.1:${chosenPort}/`;
  const remote = (p) => `vscode-remote://127.0.0.1:${chosenPort}${p}`;
  /** The workbench URL, with the dev extension and any extra payload entries (e.g. ['extensionTestsPath', dir]). */
  const payloadUrl = (extra = []) => {
    const payload = [];
    if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
    for (const [k, v] of extra) payload.push([k, k.endsWith('Path') || k === 'openFile' ? remote(v) : v]);
    let u = `${url}?folder=${encodeURIComponent(workspace)}`;
    if (payload.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return u;
  };

  return {
    url,
    port: chosenPort,
    workspace,
    userDataDir,
    payloadUrl,
    waitForLine,
    output: () => lines.slice(),
    exited: exitPromise,
    stop,
  };
}

// ---------------------------------------------------------------------------
// Headless Chromium

/** Launch headless Chromium and open `url`. Returns { browser, page, console(), close() }. */
export async function openBrowser(url, { width = 1400, height = 900, echoConsole = false } = {}) {
  ensureSystemPackages(['chromium']);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => {});
  };
  // Playwright kills its browser when Node exits; this covers the signal path as well.
  const proc = browser.process?.();
  onCleanup(() => {
    if (!closed && proc?.pid) {
      try {
        process.kill(proc.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });
  const page = await browser.newPage({ viewport: { width, height } });
  const consoleLines = [];
  page.on('console', (msg) => {
    const line = `[browser:${msg.type()}] ${msg.text()}`;
    consoleLines.push(line);
    if (echoConsole) console.log(line);
  });
  page.on('pageerror', (err) => consoleLines.push(`[browser:pageerror] ${err.message}`));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { browser, page, console: () => consoleLines.slice(), close };
}

/** Where the suite writes its results when no env var reaches it: next to the workspace folder. */
export function defaultResultsPath(workspace) {
  return path.join(path.dirname(workspace), 'jekyll-posts-test-results.json');
}

