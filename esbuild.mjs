// Builds every entry point with one esbuild context each.
//   node esbuild.mjs              development build (sourcemaps)
//   node esbuild.mjs --production minified, no sourcemaps (what ships in the VSIX)
//   node esbuild.mjs --watch      rebuild on change
//   node esbuild.mjs --no-tests   dist/ only
import * as esbuild from 'esbuild';
import { readdirSync, statSync, existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --no-tests: only what ships (dist/); `npm install` runs this through `prepare`.
const withTests = !production && !process.argv.includes('--no-tests');

/** Every .ts file below dir (recursively), skipping fixtures. */
function tsFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules' && name !== 'sites') out.push(...tsFiles(p));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      out.push(p);
    }
  }
  return out;
}

const common = {
  bundle: true,
  logLevel: 'warning',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

const builds = [
  // The extension is two bundles: the adapters (loaded at activation) and the core they
  // require on first use (src/vscode/core.ts), so activation compiles only the adapters.
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: [...node.external, './core.js'] },
  { ...node, entryPoints: ['src/core/api.ts'], outfile: 'dist/core.js' },
  { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { __VERSION__: JSON.stringify(pkg.version) } },
];
// Dart Sass for the preview's site style, required by src/vscode/sass.ts on first use. Shipped
// Brotli-compressed (3.4 MB of JavaScript: 714 KB deflated in the VSIX, ~470 KB with Brotli);
// a development build resolves the `sass` package from node_modules instead.
const SASS_BUNDLE = 'dist/sass.js';
if (production) {
  builds.push({ ...node, entryPoints: ['node_modules/sass/sass.default.cjs'], outfile: SASS_BUNDLE });
}
if (existsSync('src/webview/index.ts')) {
  builds.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['src/webview/index.ts'], outfile: 'dist/webview.js' });
}
if (withTests) {
  // One context per test/bench file, so a file that does not build only fails itself.
  for (const entry of [...tsFiles('test'), ...tsFiles('bench')]) {
    builds.push({
      ...node,
      sourcemap: 'inline',
      entryPoints: [entry],
      outfile: join('out', entry.replace(/\.ts$/, '.js')),
      external: ['vscode', 'mocha', 'playwright-core', 'fast-check'],
    });
  }
}

const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  // Build every entry even when one fails, so one broken file does not hide the others' errors.
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exitCode = 1;
  if (production && existsSync(SASS_BUNDLE)) {
    writeFileSync(SASS_BUNDLE + '.br', brotliCompressSync(readFileSync(SASS_BUNDLE), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
    rmSync(SASS_BUNDLE);
  }
}
