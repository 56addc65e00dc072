import type { Document } from 'yaml';
import { splitFrontMatter, type FrontMatterSplit } from './frontMatter';
import type { SkipReason } from './site';
import { LineIndex, stripBom } from './text';
import { parseFrontMatterYaml, type ParsedYaml } from './yamlPsych';

/** What kind of file Jekyll makes of a path inside a site. */
export type DocumentKind = 'post' | 'draft' | 'page' | 'collection';

export interface FrontMatter {
  split: FrontMatterSplit;
  yaml: ParsedYaml;
  /** The YAML document (valid or not; check `yaml.errors`). */
  doc: Document.Parsed;
}

/** One text file of a site, parsed once and shared by every rule. */
export interface SiteDocument {
  /** Absolute, '/'-separated. */
  path: string;
  /** Relative to the site root. */
  relativePath: string;
  kind: DocumentKind;
  /** The text without a BOM (as an editor shows it); positions refer to it. */
  text: string;
  bom: boolean;
  lines: LineIndex;
  frontMatter: FrontMatter | undefined;
  /** Set for a file in `_posts`/`_drafts` that Jekyll skips without a word. */
  skipped?: SkipReason;
}

/** Parses a document's text (with or without BOM). */
export function parseSiteDocument(path: string, relativePath: string, kind: DocumentKind, raw: string, skipped?: SiteDocument['skipped']): SiteDocument {
  const { text, bom } = stripBom(raw);
  const split = splitFrontMatter(text);
  let frontMatter: FrontMatter | undefined;
  if (split) {
    const yaml = parseFrontMatterYaml(text.slice(0, split.yamlEnd));
    frontMatter = { split, yaml, doc: yaml.doc };
  }
  return { path, relativePath, kind, text, bom, lines: new LineIndex(text), frontMatter, ...(skipped ? { skipped } : {}) };
}
