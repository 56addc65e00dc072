import { existsSync, readdirSync } from 'node:fs';
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

/** The sites the whole-site tests run on: the sample site, every fixture site, and the corpora when ../shared is there. */
export function testSites(): string[] {
  const fixtures = join(repoRoot(), 'test', 'fixtures');
  const sites = [join(repoRoot(), 'examples', 'news-site')];
  for (const e of readdirSync(fixtures, { withFileTypes: true })) if (e.isDirectory()) sites.push(join(fixtures, e.name));
  const shared = sharedDir();
  if (shared) sites.push(...['jekyll-docs', 'jekyll-test-source', 'mediumish'].map((c) => join(shared, 'corpora', c)));
  return sites.map((s) => s.split('\\').join('/'));
}
