/**
 * The core as the extension host loads it: `dist/core.js`, required on first
 * use (src/vscode/core.ts), so activation compiles only the thin adapters.
 * Everything an adapter calls at run time comes through here; adapters import
 * the core's types directly (type imports vanish from the bundle).
 */
export { checkParsed, checkSite, documentFor } from './check';
export { complete } from './completion';
export { hoverAt } from './hover';
export {
  DEFAULT_DATE_FORMAT,
  DEFAULT_TEMPLATE,
  isSlugMode,
  listPostFolders,
  planNewPost,
  planPublish,
  planUnpublish,
  titleProblem,
} from './newPost';
export { absoluteUrl, editorPost } from './postText';
export { fold } from './rules/taxonomyVariant';
export { classify, loadSite } from './site';
export { buildIndex } from './siteIndex';
export { planTaxonomyRename, postsUsing, SiteSummary } from './taxonomy';
export { formatRubyTime } from './timezone';

/**
 * The render pipeline (Liquid, the kramdown port, markdown-it): its modules
 * are initialised when a preview first needs them.
 */
export function loadRenderer(): Promise<Renderer> {
  return (renderer ??= Promise.all([import('./render/article'), import('./render/liquid'), import('./render/siteStyle')]).then(([article, liquid, siteStyle]) => ({
    ...article,
    JekyllLiquid: liquid.JekyllLiquid,
    SiteStyler: siteStyle.SiteStyler,
    siteStatusHtml: siteStyle.siteStatusHtml,
  })));
}
let renderer: Promise<Renderer> | undefined;

export type Renderer = typeof import('./render/article') & Pick<typeof import('./render/liquid'), 'JekyllLiquid'> & Pick<typeof import('./render/siteStyle'), 'SiteStyler' | 'siteStatusHtml'>;
