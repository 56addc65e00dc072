import type { Document, ParsedNode } from 'yaml';
import { splitFrontMatter, type FrontMatterSplit } from './frontMatter';
import type { SkipReason } from './site';
import { detached, LineIndex, stripBom } from './text';
import { fastContents, fastFrontMatter, type FastPair } from './yamlFast';
import { parseFrontMatterYaml, type ParsedYaml, type YamlError } from './yamlPsych';

/** What kind of file Jekyll makes of a path inside a site. */
export type DocumentKind = 'post' | 'draft' | 'page' | 'collection';

export interface FrontMatter {
  split: FrontMatterSplit;
  /** The YAML as Psych reads it (parsed on first use). */
  readonly yaml: ParsedYaml;
  /** The YAML document (valid or not; check `yaml.errors`), parsed on first use. */
  readonly doc: Document.Parsed;
  /**
   * The top-level pairs when the front matter is simple enough to read without
   * a YAML document (yamlFast.ts); such front matter is valid YAML.
   */
  readonly fast: FastPair[] | undefined;
  /**
   * What rules and edits read: the YAML's errors (as Psych judges them), its
   * top-level node and the map from node offsets to the text. For simple front
   * matter they come from the fast reader's pairs, the same nodes the parser
   * would make, so no YAML document is parsed.
   */
  readonly errors: readonly YamlError[];
  readonly contents: ParsedNode | null;
  readonly toOriginal: (offset: number) => number;
}

const NO_ERRORS: readonly YamlError[] = Object.freeze([]);
const identity = (offset: number): number => offset;

/** Front matter whose YAML document is built only when a reader asks for it. */
class LazyFrontMatter implements FrontMatter {
  private parsed: ParsedYaml | undefined;
  readonly fast: FastPair[] | undefined;
  constructor(
    readonly split: FrontMatterSplit,
    private readonly source: string,
  ) {
    this.fast = fastFrontMatter(source);
  }
  get yaml(): ParsedYaml {
    return (this.parsed ??= parseFrontMatterYaml(this.source));
  }
  get doc(): Document.Parsed {
    return this.yaml.doc;
  }
  private nodes: ParsedNode | null | undefined;
  get contents(): ParsedNode | null {
    if (this.nodes !== undefined) return this.nodes;
    const fast = this.fast && (fastContents(this.fast) as ParsedNode | undefined);
    return (this.nodes = fast ?? this.yaml.doc.contents);
  }
  get errors(): readonly YamlError[] {
    return this.fast ? NO_ERRORS : this.yaml.errors;
  }
  get toOriginal(): (offset: number) => number {
    return this.fast ? identity : this.yaml.toOriginal;
  }
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
  readonly lines: LineIndex;
  frontMatter: FrontMatter | undefined;
  /** Set for a file in `_posts`/`_drafts` that Jekyll skips without a word. */
  skipped?: SkipReason;
}

/** Parses a document's text (with or without BOM). */
export function parseSiteDocument(path: string, relativePath: string, kind: DocumentKind, raw: string, skipped?: SiteDocument['skipped']): SiteDocument {
  return new ParsedDocument(path, relativePath, kind, raw, skipped);
}

/** A site document; its line index is built when a rule first needs a position (indexing a site never does). */
class ParsedDocument implements SiteDocument {
  readonly text: string;
  readonly bom: boolean;
  readonly frontMatter: FrontMatter | undefined;
  readonly skipped?: SkipReason;
  private lineIndex: LineIndex | undefined;
  constructor(
    readonly path: string,
    readonly relativePath: string,
    readonly kind: DocumentKind,
    raw: string,
    skipped: SkipReason | undefined,
  ) {
    const { text, bom } = stripBom(raw);
    this.text = text;
    this.bom = bom;
    const split = splitFrontMatter(text);
    this.frontMatter = split ? new LazyFrontMatter(split, detached(text.slice(0, split.yamlEnd))) : undefined;
    if (skipped) this.skipped = skipped;
  }
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }
}
