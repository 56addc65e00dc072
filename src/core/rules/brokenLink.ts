import type { DocumentKind } from '../document';
import { documentLiquid } from '../liquidScan';
import type { Range } from '../problem';
import { detach } from '../text';
import { classify, type SiteModel } from '../site';
import type { SiteIndex } from '../siteIndex';
import { isRecord } from '../yamlValue';
import { argRange, buildFails, closest, replaceRange } from './liquidTargets';
import { siteWideRule, type Finding, type Rule } from './rule';

/**
 * Why Jekyll writes no file for `rel` — so `{% link %}` cannot find it — or
 * undefined when it does (Site#each_site_file: pages, static files, and the
 * documents of collections with output).
 */
export function notWritten(rel: string, index: SiteIndex, site: SiteModel): string | undefined {
  if (!index.files.has(rel)) return 'missing';
  const c = classify(site, rel);
  if (!c) return `Jekyll does not publish \`${rel}\`: files in folders starting with \`_\` or \`.\` (\`_includes\`, \`_layouts\`, \`_data\` …) and excluded files are not part of the site`;
  if (c.skipped) return `Jekyll skips \`${rel}\`: its name is not a post's (\`YYYY-MM-DD-title.ext\`)`;
  if (c.kind === 'draft') return `\`${rel}\` is a draft, which Jekyll builds only with \`--drafts\``;
  if (c.kind === 'post') {
    const p = index.posts.get(rel);
    if (p && !p.info.published) return `the post \`${rel}\` has \`published: false\`, so Jekyll does not build it`;
    if (p && p.info.future && !site.config.future) return `the post \`${rel}\` is dated in the future, so Jekyll skips it (unless \`future: true\`)`;
  }
  if (c.kind === 'collection') {
    const label = rel.slice(site.config.collectionsDir ? site.config.collectionsDir.length + 1 : 0).split('/')[0]!.slice(1);
    const meta = site.config.raw.collections;
    const output = isRecord(meta) && isRecord(meta[label]) && meta[label].output === true;
    if (!output) return `the collection \`${label}\` has no \`output: true\`, so Jekyll writes none of its documents`;
  }
  return undefined;
}

/** `{% link %}` to a file Jekyll does not publish: the build stops. */
export const brokenLink: Rule = siteWideRule<{ kind: DocumentKind; links: Array<{ text: string; range: Range }> }>(
  {
    id: 'broken-link',
    defaultSeverity: 'error',
    summary: '`{% link %}` to a file the site does not publish: the build fails.',
    docs: {
      description: [
        '`{% link path %}` takes the path of a file from the site root, extension included (`_posts/2024-01-07-budget.md`, `about.md`,',
        '`assets/report.pdf`) and gives its URL. When Jekyll publishes no such file, **the build fails** (`Could not find document … in tag',
        "'link'`) — the whole site. So it does for a file that exists but is not published: in `_includes` or another `_` folder, excluded, a",
        'draft, a post with `published: false` or dated in the future, a document of a collection without `output: true`. A leading `/` finds',
        'only static files: `{% link /about.md %}` fails for a page or a post. A path computed with Liquid (`{% link {{ page.x }} %}`) is not',
        'checked, nor is anything inside `{% raw %}` or `{% comment %}`, nor a file whose effective front matter sets `render_with_liquid: false`.',
      ].join('\n'),
      bad: '---\ntitle: Budget preview\n---\nSee [our guide]({% link guides/budget-jargon.md %}).',
      good: '---\ntitle: Budget preview\n---\nSee [our guide]({% link guides/budget-glossary.md %}).',
      fix: 'The nearest path Jekyll publishes (a file of the same name elsewhere first; preferred when it is the only one); for a page or post written with a leading `/`, the path without it.',
    },
  },
  {
    facts({ doc, site, post }) {
      const scan = documentLiquid(doc, site, post);
      if (!scan) return undefined;
      const links = scan.tokens
        .filter((t) => t.kind === 'tag' && t.name === 'link' && t.terminated)
        .map((t) => argRange(doc, t))
        .filter((a) => a.text !== '' && !a.text.includes('{{') && !a.text.includes('{%'))
        .map(({ text, range }) => ({ text: detach(text), range }));
      return links.length > 0 ? { kind: doc.kind, links } : undefined;
    },
    report({ kind, links }, { site, index }) {
      if (!index) return [];
      const out: Finding[] = [];
      let targets: string[] | undefined;
      for (const { text, range } of links) {
        const slash = text.startsWith('/');
        const rel = text.replace(/^\//, '');
        const why = notWritten(rel, index, site);
        const head = `${buildFails(kind)}: Jekyll cannot find '${text}' for {% link %} ("Could not find document '${text}' in tag 'link'")`;
        if (why === undefined) {
          const c = classify(site, rel);
          if (slash && (c?.kind === 'post' || c?.kind === 'collection')) {
            out.push({
              range,
              message: `${head}: a path with a leading \`/\` finds only static files, not a post or a document. Write it without the \`/\`.`,
              fixes: [replaceRange(range, rel, `Use ${rel}`, true)],
            });
          }
          continue;
        }
        targets ??= [...index.files].filter((f) => notWritten(f, index, site) === undefined);
        const fixes = nearestTargets(rel, targets).map((n) => replaceRange(range, n.path, `Use ${n.path}`, n.preferred));
        const detail = why === 'missing' ? 'there is no such file' : why;
        const hint = fixes.length > 0 ? ` Did you mean '${fixes[0]!.edits[0]!.newText}'?` : why === 'missing' ? ' The path is from the site root, with the extension.' : '';
        out.push({ range, message: `${head}: ${detail}.${hint}`, fixes });
      }
      return out;
    },
  },
);

/** Published files like `rel`: one of the same name elsewhere first, then the nearest paths. */
function nearestTargets(rel: string, targets: readonly string[]): Array<{ path: string; preferred: boolean }> {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  const sameName = targets.filter((f) => f.slice(f.lastIndexOf('/') + 1) === base);
  const { list, clear } = closest(rel, targets, (f) => f);
  const ordered = [...sameName, ...list.map((r) => r.value).filter((f) => !sameName.includes(f))].slice(0, 3);
  const preferred = sameName.length === 1 || (sameName.length === 0 && clear);
  return ordered.map((path, i) => ({ path, preferred: preferred && i === 0 }));
}
