import type * as Api from '../core/api';

export type Core = typeof Api;

let loaded: Core | undefined;

/**
 * The core, required from `dist/core.js` the first time a feature needs it.
 * Activation then compiles only the adapters (a few dozen KB) instead of the
 * YAML parser, the rules and the renderer (bench/: activation figure).
 */
export function core(): Core {
  // A plain require of the sibling bundle: esbuild leaves it external (esbuild.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./core.js') as Core);
}
