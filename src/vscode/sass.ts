import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { SassCompiler } from '../core/render/siteStyle';

/**
 * The Sass compiler (Dart Sass compiled to JavaScript) for the preview's site
 * style: loaded the first time a site's SCSS is compiled, never at activation.
 *
 * A packaged extension ships it as `dist/sass.js.br` (esbuild.mjs): Dart
 * Sass is 3.4 MB of JavaScript, 714 KB deflated in a VSIX but 470 KB with
 * Brotli, which keeps the VSIX under 1 MB; it is decompressed in memory and
 * compiled as a CommonJS module. A development build has none of that and
 * resolves the `sass` package from node_modules.
 */
export function loadSass(): Promise<SassCompiler> {
  return (sass ??= Promise.resolve().then(() => {
    const packed = path.join(__dirname, 'sass.js.br');
    if (fs.existsSync(packed)) return compileCommonJs(zlib.brotliDecompressSync(fs.readFileSync(packed)).toString('utf8'), packed) as SassCompiler;
    // Indirect on purpose: esbuild leaves this require alone instead of bundling the package.
    const load: (id: string) => unknown = require;
    return load('sass') as SassCompiler;
  }));
}
let sass: Promise<SassCompiler> | undefined;

interface CommonJsModule {
  filename: string;
  paths: string[];
  exports: unknown;
  _compile(code: string, filename: string): void;
}

/** Runs `code` as the CommonJS module `filename`, as `require` would. */
function compileCommonJs(code: string, filename: string): unknown {
  const M = Module as unknown as { new (id: string): CommonJsModule; _nodeModulePaths(dir: string): string[] };
  const m = new M(filename);
  m.filename = filename;
  m.paths = M._nodeModulePaths(path.dirname(filename));
  m._compile(code, filename);
  return m.exports;
}
