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

// What ships in dist/ (not the tests): their metafiles name the bundled packages for the notices.
const shipped = new Set(builds.filter((b) => b.outfile.startsWith('dist/')));
for (const b of shipped) b.metafile = production;
const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  // Build every entry even when one fails, so one broken file does not hide the others' errors.
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (results.some((r) => r.status === 'rejected')) process.exitCode = 1;
  if (production) writeNotices(results.flatMap((r, i) => (r.status === 'fulfilled' && shipped.has(builds[i]) ? [r.value.metafile] : [])));
  if (production && existsSync(SASS_BUNDLE)) {
    writeFileSync(SASS_BUNDLE + '.br', brotliCompressSync(readFileSync(SASS_BUNDLE), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
    rmSync(SASS_BUNDLE);
  }
}

/**
 * dist/THIRD_PARTY_NOTICES.txt: the name, version, licence and licence text of every package
 * bundled into what ships (the bundles drop legal comments; the licences travel here instead).
 */
function writeNotices(metafiles) {
  const packages = new Map();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) packages.set(m[1], join('node_modules', m[1]));
    }
  }
  const sections = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
    const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${p.license ?? 'see the package'}`;
    return `${name} ${p.version} (${p.license ?? 'unknown'})\n${'-'.repeat(60)}\n${text}\n`;
  });
  writeFileSync('dist/THIRD_PARTY_NOTICES.txt', `Jekyll Posts bundles the following packages.\n\n${sections.join('\n')}`);
}
