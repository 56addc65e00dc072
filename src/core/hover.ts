import { isMap, isScalar } from 'yaml';
import { includeParameters, postUrlName } from './completion';
import { topPairs, valueTextEnd, type TopPair } from './edit';
import { documentLiquid, scanLiquid, tokenAt, trimmedArgs } from './liquidScan';
import { psychTimestamp, type PostInfo } from './post';
import { editorPost, mdCode, mdEscape, postCount, postLine, type PostPositionRequest } from './postText';
import type { Range } from './problem';
import { notWritten } from './rules/brokenLink';
import { imageSitePath } from './rules/missingImage';
import { fold } from './rules/taxonomyVariant';
import { readText } from './site';
import type { SiteIndex } from './siteIndex';
import { joinPath } from './siteFs';
import { postsUsing, scalarString, SiteSummary, sourceValueAt } from './taxonomy';
import { formatRubyTime } from './timezone';

/**
 * Hovers on a post: what Jekyll makes of `date:` (the instant, in the site
 * zone, and the URL), `author:` (the author's data), `layout:` (the file),
 * `image:`, a tag or category (its use across the site), and the targets of
 * `{% post_url %}`, `{% link %}` and `{% include %}`.
 */
export interface HoverResult {
  range: Range;
  /** Markdown. */
  contents: string;
  /** Site files the hover is about (relative to the site root): adapters add links that open them. */
  files: string[];
  /** An image file to preview (relative to the site root). */
  image?: string;
}

/** Hovers are asked about the same things as completions. */
export type HoverRequest = PostPositionRequest;

/** The hover at a position of a post (or page) of the site, if any. */
export async function hoverAt(req: HoverRequest): Promise<HoverResult | undefined> {
  const post = editorPost(req.index, req.path, req.text, req.nowMs);
  if (!post) return undefined;
  const { doc, info } = post;
  const fm = doc.frontMatter;
  if (fm && req.offset < fm.split.yamlEnd) {
    const pair = topPairs(doc).find((p) => req.offset >= p.keyStart && req.offset <= Math.max(valueTextEnd(doc, p), p.keyStart + p.key.length));
    if (!pair) return undefined;
    const range = doc.lines.rangeOf(pair.keyStart, Math.max(valueTextEnd(doc, pair), pair.keyStart + pair.key.length));
    switch (pair.key) {
      case 'date':
        return info && dateHover(req.index, info, pair, range);
      case 'author':
        return authorHover(req.index, pair, range);
      case 'layout':
        return layoutHover(req.index, info, pair, range);
      case 'image':
        return imageHover(req.index, pair, range);
      case 'tags':
      case 'tag':
      case 'categories':
      case 'category': {
        const v = sourceValueAt(doc, req.offset);
        return v && taxonomyHover(req.index, v.kind, v.value, doc.lines.rangeOf(v.start, v.end));
      }
    }
    return undefined;
  }
  const scan = documentLiquid(doc, req.index.site, info) ?? scanLiquid(doc.text, { bodyStart: fm?.split.bodyStart ?? 0 });
  const token = tokenAt(scan, req.offset);
  if (!token || token.kind !== 'tag' || !token.terminated) return undefined;
  const arg = trimmedArgs(token);
  const first = /^\S*/.exec(arg.text)![0];
  if (first === '' || first.includes('{{')) return undefined;
  const range = doc.lines.rangeOf(arg.start, arg.start + first.length);
  switch (token.name) {
    case 'post_url':
      return postUrlHover(req.index, arg.text, doc.lines.rangeOf(arg.start, arg.end));
    case 'link':
      return linkHover(req.index, first, range);
    case 'include':
    case 'include_relative': {
      const dir = token.name === 'include' ? includesDir(req.index) : doc.relativePath.includes('/') ? doc.relativePath.slice(0, doc.relativePath.lastIndexOf('/')) : '';
      return includeHover(req, (dir ? dir + '/' : '') + first.replace(/^\//, ''), token.name, range);
    }
  }
  return undefined;
}

function includesDir(index: SiteIndex): string {
  const raw = index.site.config.raw.includes_dir;
  return (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : '_includes').replace(/^\.?\/+|\/+$/g, '');
}

function scalarText(p: TopPair): string | undefined {
  return isScalar(p.value) && p.value.value !== null ? scalarString(p.value.value) : undefined;
}

function dateHover(index: SiteIndex, info: PostInfo, pair: TopPair, range: Range): HoverResult {
  const zone = index.site.config.timezone;
  const lines: string[] = [];
  if (info.dateError) {
    lines.push(`**Jekyll stops the build here:** ${mdEscape(info.dateError)}`);
  } else {
    lines.push(`**Jekyll reads:** ${mdCode(formatRubyTime(info.date))}${zone ? ` (${mdEscape(zone)})` : " (the build machine's zone: the site sets no `timezone:`)"}`);
    const node = pair.value;
    const source = isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' ? node.source : undefined;
    const ts = source !== undefined ? psychTimestamp(source) : undefined;
    if (ts?.kind === 'time' && !ts.hasZone) {
      lines.push(`Unquoted and without an offset, YAML reads ${mdCode(source!)} as **UTC**, whatever \`timezone:\` says. Write the offset (\`+0100\`) to mean the site's local time.`);
    }
    if (info.dateSource !== 'front-matter') lines.push(`This \`date:\` is not used: the date comes from ${info.dateSource === 'defaults' ? '`defaults:`' : info.dateSource === 'filename' ? 'the file name' : info.dateSource}.`);
  }
  if (info.url !== undefined) lines.push(`**URL:** ${mdCode(info.url)}`);
  if (!info.published) lines.push('Not published (`published: false`).');
  else if (info.future) lines.push('Dated in the future: Jekyll skips it unless `future: true`.');
  if (info.draft) lines.push('A draft: built only with `--drafts`.');
  return { range, contents: lines.join('\n\n'), files: [] };
}

function authorHover(index: SiteIndex, pair: TopPair, range: Range): HoverResult | undefined {
  const key = scalarText(pair);
  if (key === undefined) return undefined;
  const use = SiteSummary.of(index).authorUse().get(key) ?? 0;
  const authors = index.authors;
  const a = authors?.get(key);
  if (!a) {
    const where = authors ? "the site's author data" : 'any author data (the site keeps none: the value is shown as written)';
    return { range, contents: `**${mdEscape(key)}** is not in ${where}. Used by ${postCount(use)}.`, files: [] };
  }
  const fields = Object.entries(a.data)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `| ${mdEscape(k)} | ${mdEscape(String(v))} |`);
  const table = fields.length > 0 ? `\n\n| | |\n|---|---|\n${fields.join('\n')}` : '';
  return { range, contents: `**${mdEscape(a.name ?? key)}** — ${mdCode(key)} in ${mdCode(a.source)}, used by ${postCount(use)}.${table}`, files: [a.source] };
}

function layoutHover(index: SiteIndex, info: PostInfo | undefined, pair: TopPair, range: Range): HoverResult | undefined {
  const name = scalarText(pair);
  if (name === undefined) return undefined;
  if (name === 'none' || name === 'null' || name === 'nil') return { range, contents: 'No layout: the post is written out as its content alone.', files: [] };
  const file = [...index.files].find((f) => f.startsWith('_layouts/') && f.slice(9).replace(/\.[^./]+$/, '') === name);
  const use = SiteSummary.of(index).layoutUse().get(name) ?? 0;
  if (!file) {
    const theme = index.hasTheme ? ' It may come from the theme (`theme:` / `remote_theme:`).' : ' Jekyll renders the post without one (and warns).';
    return { range, contents: `No \`_layouts/${mdEscape(name)}.*\` in the site.${theme}`, files: [] };
  }
  const effective = info && info.layout !== name ? `\n\nJekyll uses ${info.layout === null ? 'no layout' : mdCode(info.layout)} for this post.` : '';
  return { range, contents: `**Layout** ${mdCode(file)}, used by ${postCount(use)}.${effective}`, files: [file] };
}

function imageHover(index: SiteIndex, pair: TopPair, range: Range): HoverResult | undefined {
  // `image:` is a path, or a map with `path:` (jekyll-seo-tag, Chirpy).
  const node = pair.value;
  const raw = isScalar(node) ? node.value : isMap(node) ? node.get('path') : undefined;
  if (typeof raw !== 'string') return undefined;
  const rel = imageSitePath(raw, index.site);
  if (rel === undefined || rel === '') return undefined;
  if (!index.files.has(rel)) return { range, contents: `No file ${mdCode(rel)} in the site.`, files: [] };
  return { range, contents: mdCode(rel), files: [rel], image: rel };
}

function taxonomyHover(index: SiteIndex, kind: 'tag' | 'category', value: string, range: Range): HoverResult {
  const noun = kind === 'tag' ? 'tag' : 'category';
  const posts = postsUsing(index, kind, value);
  const summary = SiteSummary.of(index).taxonomy(kind);
  const entry = summary.byFold.get(fold(value));
  const lines = [`**The ${noun} ${mdCode(value)}** — used by ${postCount(posts.length)}.`];
  if (entry && (entry.value !== value || entry.variants.length > 0)) {
    const others = [entry.value, ...entry.variants.map((v) => v.value)].filter((v) => v !== value);
    const counts = kind === 'tag' ? index.tags : index.categories;
    lines.push(`Other spellings: ${others.map((o) => `${mdCode(o)} (${postCount(counts.get(o) ?? 0)})`).join(', ')} — Jekyll treats each as a different ${noun}.`);
  }
  const few = posts.slice(0, 5).map((p) => `- ${postLine(p.info)}`);
  if (few.length > 0) lines.push(few.join('\n') + (posts.length > 5 ? `\n- … and ${posts.length - 5} more` : ''));
  return { range, contents: lines.join('\n\n'), files: posts.slice(0, 5).map((p) => p.relativePath) };
}

function postUrlHover(index: SiteIndex, name: string, range: Range): HoverResult {
  const target = index.postUrlTarget(name);
  if (!target) return { range, contents: `No post matches ${mdCode(name)}: **the build fails** (\`Could not find post\`).`, files: [] };
  const exact = postUrlName(target.info.relativePath) === name.trim().replace(/^\//, '');
  const lines = [`**${mdEscape(target.info.title || target.info.slug)}**`, `${formatRubyTime(target.info.date)} — ${mdCode(target.relativePath)}`];
  if (target.info.url !== undefined) lines.push(`**URL:** ${mdCode(target.info.url)}`);
  if (!exact) lines.push(`Found by Jekyll's deprecated fallback (same slug and day): write ${mdCode(postUrlName(target.info.relativePath))}.`);
  return { range, contents: lines.join('\n\n'), files: [target.relativePath] };
}

function linkHover(index: SiteIndex, target: string, range: Range): HoverResult {
  const rel = target.replace(/^\//, '');
  const why = notWritten(rel, index, index.site);
  if (why !== undefined) return { range, contents: `${why === 'missing' ? `No file ${mdCode(rel)} in the site` : why}: **the build fails**.`, files: why === 'missing' ? [] : [rel] };
  const post = index.posts.get(rel);
  const lines = [post ? `**${mdEscape(post.info.title)}** — ${mdCode(rel)}` : mdCode(rel)];
  if (post?.info.url !== undefined) lines.push(`**URL:** ${mdCode(post.info.url)}`);
  return { range, contents: lines.join('\n\n'), files: [rel] };
}

async function includeHover(req: HoverRequest, rel: string, tag: string, range: Range): Promise<HoverResult> {
  if (!req.index.files.has(rel)) {
    const theme = tag === 'include' && req.index.hasTheme ? ' It may come from the theme.' : ' **The build fails.**';
    return { range, contents: `No file ${mdCode(rel)} in the site.${theme}`, files: [] };
  }
  const text = await readText(req.fs, joinPath(req.index.site.root, rel));
  const params = text === undefined ? [] : includeParameters(text);
  const reads = params.length > 0 ? `\n\nReads ${params.map((p) => mdCode('include.' + p)).join(', ')}.` : '';
  return { range, contents: `${mdCode(rel)}${reads}`, files: [rel] };
}
