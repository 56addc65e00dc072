import { documentFor } from './check';
import type { SiteDocument } from './document';
import { resolvePost, type PostInfo } from './post';
import type { SiteIndex } from './siteIndex';
import type { SiteFs } from './siteFs';
import { relativePath } from './siteFs';
import { formatRubyTime } from './timezone';

/** What completions, hovers and the status bar share: a post as the editor holds it, and how to write about it. */

/** A position in a post as the editor has it: what completions and hovers are asked about. */
export interface PostPositionRequest {
  index: SiteIndex;
  /** To read include files (the parameters they read). */
  fs: SiteFs;
  /** Absolute path of the post. */
  path: string;
  /** The editor's text (no BOM). */
  text: string;
  offset: number;
  /** Now (ms since the epoch), for dates. */
  nowMs: number;
}

export interface EditorPost {
  doc: SiteDocument;
  /** Undefined for pages and documents, and for files Jekyll skips. */
  info: PostInfo | undefined;
}

/** The document at `path` with the editor's text, resolved as Jekyll reads it when it is a post or draft. */
export function editorPost(index: SiteIndex, path: string, text: string, nowMs: number): EditorPost | undefined {
  const doc = documentFor(index.site, path, text);
  if (!doc) return undefined;
  const isPost = (doc.kind === 'post' || doc.kind === 'draft') && !doc.skipped;
  return { doc, info: isPost ? resolvePost(doc, index.site, { nowMs }) : undefined };
}

/** Where a site file is, relative to the site root (undefined outside it). */
export function siteRelative(index: SiteIndex, path: string): string | undefined {
  return relativePath(index.site.root, path);
}

/** `1 post`, `37 posts`. */
export function postCount(n: number): string {
  return n === 1 ? '1 post' : `${n} posts`;
}

/** Text safe inside a line of Markdown prose or a table cell (titles carry `*`, `_`, `[` …). */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

/** Inline code that holds any text (backticks inside included). */
export function mdCode(s: string): string {
  const ticks = (s.match(/`+/g) ?? []).reduce((n, t) => Math.max(n, t.length), 0);
  const fence = '`'.repeat(ticks + 1);
  return ticks > 0 || s.startsWith(' ') || s.endsWith(' ') ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

/** `*Title* (2025-08-19)`. */
export function postLine(info: PostInfo): string {
  return `*${mdEscape(info.title || info.slug)}* (${formatRubyTime(info.date).slice(0, 10)}${info.draft ? ', draft' : ''})`;
}

/** Jekyll's `absolute_url` of a post's URL: `url` and `baseurl` from `_config.yml` in front; the bare URL when the site sets no `url`. */
export function absoluteUrl(index: SiteIndex, url: string): string {
  const raw = index.site.config.raw.url;
  const base = typeof raw === 'string' ? raw.replace(/\/+$/, '') : '';
  const baseurl = index.site.config.baseurl.replace(/\/+$/, '');
  return base + (baseurl && !baseurl.startsWith('/') ? '/' : '') + baseurl + url;
}
