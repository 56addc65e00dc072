import { defaultsFor } from '../defaults';
import { replaceValue, topPair } from '../edit';
import { nearest } from '../nearest';
import type { Fix } from '../problem';
import type { Finding, Rule, RuleContext } from './rule';

/** The layout a post, page or document will use after `defaults:`. */
function effectiveLayout({ doc, site, post }: RuleContext): unknown {
  if (post) return post.data.layout;
  const own = topPair(doc, 'layout');
  if (own) return (own.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
  const type = doc.kind === 'page' ? 'pages' : (doc.relativePath.split('/').find((s) => s.startsWith('_')) ?? '').slice(1);
  return defaultsFor(site, doc.relativePath, type).layout;
}

/** A layout with no file in `_layouts` (and no theme that may supply it). */
export const unknownLayout: Rule = {
  id: 'unknown-layout',
  defaultSeverity: 'error',
  summary: 'An effective layout with no `_layouts` file (only a hint when a theme may supply it).',
  docs: {
    description:
      'The layout is looked up as `_layouts/<name>.*`. When there is none, Jekyll only warns (`Build Warning: Layout \'article\' requested in … does\n' +
      'not exist.`) and publishes the post **without any layout** — no header, no navigation, no CSS. The check uses the effective layout, so a\n' +
      'post without `layout:` is fine when `defaults:` gives one. With `theme:` or `remote_theme:` the layout may come from the theme: then\n' +
      'this is only a hint.',
    bad: '---\nlayout: article\n---',
    good: '---\nlayout: post\n---',
    fix: 'The nearest existing layout name.',
  },
  check(ctx: RuleContext): Finding[] {
    const { doc, index } = ctx;
    if (!index || doc.skipped || !doc.frontMatter) return [];
    const layout = effectiveLayout(ctx);
    if (layout === null || layout === undefined || layout === false || layout === '' || layout === 'none') return [];
    const name = typeof layout === 'string' ? layout : JSON.stringify(layout);
    const layouts = index.layouts;
    if (layouts.has(name)) return [];
    const own = topPair(doc, 'layout');
    const theme = index.hasTheme;
    const fixes: Fix[] = [];
    const near = nearest(name, layouts);
    if (own && near) fixes.push({ title: `Use layout ${near}`, edits: [replaceValue(doc, own, near)], preferred: true });
    const available = layouts.size > 0 ? ` Layouts here: ${[...layouts].sort().join(', ')}.` : '';
    const message = theme
      ? `There is no \`_layouts/${name}.*\` in the site; it may come from the theme.${available}`
      : `There is no layout \`${name}\` (no \`_layouts/${name}.*\`): Jekyll warns and publishes this ${doc.kind === 'page' ? 'page' : 'post'} without any layout.${available}`;
    const range = own ? doc.lines.rangeOf(own.valueStart, Math.max(own.valueEnd, own.valueStart + 1)) : doc.lines.rangeOf(0, 3);
    return [{ range, message: own ? message : `${message} (It comes from \`defaults:\` in _config.yml.)`, fixes, ...(theme ? { severity: 'hint' as const } : {}) }];
  },
};
