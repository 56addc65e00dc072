import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root (the folder holding package.json), found from this file's location. */
export function repoRoot(): string {
  let dir = resolve(__dirname);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** ../shared next to the repository, when present (it is not part of the product). */
export function sharedDir(): string | undefined {
  const d = join(repoRoot(), '..', 'shared');
  return existsSync(d) ? d : undefined;
}
