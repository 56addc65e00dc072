import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkParsed, documentFor } from '../../../src/core/check';
import type { SiteDocument } from '../../../src/core/document';
import { loadSite } from '../../../src/core/site';
import { buildIndex } from '../../../src/core/siteIndex';
import { joinPath } from '../../../src/core/siteFs';
import { nodeFs } from '../../../src/node/nodeFs';
import { testSites } from '../../util/paths';

/** The same document with its fast pairs hidden: rules then read the parsed YAML document. */
function parsedOnly(doc: SiteDocument): SiteDocument {
  if (doc.frontMatter) Object.defineProperty(doc.frontMatter, 'fast', { value: undefined });
  return doc;
}

/**
 * Every rule's output (code, severity, range, message, fixes) is the same whether a post's front
 * matter is read by the fast reader or parsed in full, on every document of the corpora, the
 * fixtures and the sample site: the fast path changes the speed, never a problem.
 */
describe('rules read fast front matter exactly as parsed front matter', () => {
  it('on every document of every site', async () => {
    let fast = 0;
    let problems = 0;
    const nowMs = Date.UTC(2026, 0, 1);
    for (const root of testSites()) {
      const site = await loadSite(nodeFs, root);
      const index = await buildIndex(nodeFs, site, () => nowMs);
      for (const rel of index.files) {
        const path = joinPath(root, rel);
        const text = readFileSync(path, 'utf8');
        const a = documentFor(site, path, text);
        if (!a?.frontMatter?.fast) continue;
        fast++;
        const viaFast = checkParsed(a, site, { index, nowMs });
        const viaParse = checkParsed(parsedOnly(documentFor(site, path, text)!), site, { index, nowMs });
        assert.deepStrictEqual(viaFast, viaParse, rel);
        problems += viaFast.length;
      }
    }
    assert.ok(fast > 300, `only ${fast} documents were read fast`);
    assert.ok(problems > 50, `only ${problems} problems compared`);
  });
});
