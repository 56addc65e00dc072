import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkDocument, type CheckOptions } from '../../src/core/check';
import { memoryFs } from '../../src/core/memoryFs';
import type { Problem } from '../../src/core/problem';
import { loadSite, type SiteModel } from '../../src/core/site';
import { buildIndex, type SiteIndex } from '../../src/core/siteIndex';
import { repoRoot } from './paths';

/** Fixed "now" for tests: 2026-11-28 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

export interface TestSite {
  site: SiteModel;
  index: SiteIndex;
  files: Record<string, string>;
  /** Checks a file of the site (its stored text, or `text` as if edited). */
  check(rel: string, text?: string, options?: CheckOptions): Problem[];
}

/** An in-memory site under /site from relative paths → contents. */
export async function testSite(files: Record<string, string>): Promise<TestSite> {
  const abs: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) abs['/site/' + k] = v;
  const fs = memoryFs(abs);
  const site = await loadSite(fs, '/site');
  const index = await buildIndex(fs, site, () => NOW);
  return {
    site,
    index,
    files,
    check(rel, text, options = {}) {
      const t = text ?? files[rel];
      if (t === undefined) throw new Error(`no file ${rel} in the test site`);
      return checkDocument(t, '/site/' + rel, site, { index, nowMs: NOW, ...options });
    },
  };
}

/** The sample site's files, relative path → text (images as empty files), for `testSite`. */
export function newsSite(): Record<string, string> {
  const root = join(repoRoot(), 'examples', 'news-site');
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(root, p).split('\\').join('/')] = /\.(png|jpe?g|gif)$/i.test(n) ? '' : readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return files;
}
