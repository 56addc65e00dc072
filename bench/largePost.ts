/** checkDocument on a 1 MB post (the seed post's body repeated, with code and Liquid): median of 15, as the editor would on a keystroke. */
import { checkDocument } from '../src/core/check';
import { loadSite } from '../src/core/site';
import { buildIndex } from '../src/core/siteIndex';
import { nodeFs } from '../src/node/nodeFs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/util/paths';
void (async () => {
  const root = join(repoRoot(), 'examples', 'news-site');
  const site = await loadSite(nodeFs, root);
  const index = await buildIndex(nodeFs, site);
  const seed = readFileSync(root + '/_posts/2025-08-19-starmer-hails-breakthrough.md', 'utf8');
  const split = seed.indexOf('\n---\n', 4) + 5;
  const fm = seed.slice(0, split);
  const body = seed.slice(split) + '\n## A section\n\n```ruby\nputs "{{ x }}"\n```\n\n{% post_url 2025-08-21-ukraine-talks-what-next %}\n\n';
  let big = fm;
  while (big.length < 1_000_000) big += body;
  const path = root + '/_posts/2025-08-19-starmer-hails-breakthrough.md';
  const times: number[] = [];
  for (let i = 0; i < 15; i++) { const t = performance.now(); checkDocument(big, path, site, { index }); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log('1 MB post:', (big.length / 1e6).toFixed(2), 'MB; checkDocument median', times[7]!.toFixed(1), 'ms; min', times[0]!.toFixed(1));
})();
