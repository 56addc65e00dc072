import { isMap, isScalar, parseDocument as parseYaml, type Document, type YAMLMap } from 'yaml';
import type { FileEdits } from './problem';
import type { SiteModel } from './site';
import type { SiteIndex } from './siteIndex';
import { LineIndex } from './text';

/**
 * The edit that adds an author entry where the site keeps its authors:
 * `_data/authors.yml` when it exists, else the `authors:` map of `_config.yml`.
 * Indentation follows the existing entries; nothing else in the file changes.
 */
/** The few files this parses (the config, the authors file) are parsed once per text. */
const parsed = new Map<string, Document.Parsed>();
function parseDocument(text: string): Document.Parsed {
  let doc = parsed.get(text);
  if (!doc) {
    if (parsed.size > 8) parsed.clear();
    doc = parseYaml(text);
    parsed.set(text, doc);
  }
  return doc;
}

export function addAuthorEdit(site: SiteModel, index: SiteIndex, key: string): FileEdits | undefined {
  const dataText = index.authorsFileText;
  if (dataText !== undefined && index.authorsFile) {
    const doc = parseDocument(dataText);
    if (isMap(doc.contents)) return insertEntry(site.root + '/' + index.authorsFile, dataText, doc.contents, key, 0);
  }
  const text = site.config.text;
  if (text === undefined) return undefined;
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return undefined;
  const authors = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'authors')?.value;
  if (!isMap(authors)) return undefined;
  return insertEntry(site.root + '/_config.yml', text, authors, key, 2);
}

function insertEntry(path: string, text: string, map: YAMLMap, key: string, defaultIndent: number): FileEdits | undefined {
  const lines = new LineIndex(text);
  const last = map.items[map.items.length - 1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let indent = defaultIndent;
  let at: number;
  if (last && isScalar(last.key) && last.key.range) {
    indent = lines.positionAt(last.key.range[0]).character;
    const end = (last.value as { range?: [number, number, number] } | null)?.range?.[1] ?? last.key.range[1];
    const line = lines.positionAt(Math.max(end - 1, last.key.range[0])).line;
    at = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  } else {
    return undefined;
  }
  const pad = ' '.repeat(indent);
  const name = key.includes(' ') || /[:#]/.test(key) ? JSON.stringify(key) : key;
  const lead = at === text.length && !text.endsWith('\n') ? eol : '';
  const entry = `${lead}${pad}${name}:${eol}${pad}  name: ${JSON.stringify(key)}${eol}${pad}  display_name: ${JSON.stringify(key)}${eol}`;
  return { path, edits: [{ range: lines.rangeOf(at, at), newText: entry }] };
}
