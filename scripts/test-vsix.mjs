// The integration suite against what ships: unpacks the VSIX that `npm run package` made into a
// fresh temporary folder (outside the repository, so no node_modules can be found up the tree) and
// runs the same suite (scripts/code-server-test.mjs) with that folder as the extension — the
// production bundles, dist/sass.js.br and all.
//
//   npm run package && npm run test:vsix
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `jekyll-posts-${version}.vsix`);
if (!existsSync(vsix)) {
  console.error(`test:vsix: ${path.basename(vsix)} not found: run \`npm run package\` first`);
  process.exit(1);
}
const into = mkdtempSync(path.join(os.tmpdir(), 'jekyll-posts-vsix-'));
try {
  execFileSync('unzip', ['-q', vsix, '-d', into], { stdio: 'inherit' });
  console.log(`test:vsix: ${path.basename(vsix)} unpacked into ${into}/extension`);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'code-server-test.mjs'), '--extension', path.join(into, 'extension')], { stdio: 'inherit' });
} catch (e) {
  process.exitCode = typeof e.status === 'number' && e.status !== 0 ? e.status : 1;
} finally {
  rmSync(into, { recursive: true, force: true });
}
