import { isMap, isScalar } from 'yaml';
import type { SiteDocument } from '../document';
import type { Fix } from '../problem';
import type { Finding, Rule, RuleContext } from './rule';

/** Front matter Jekyll (Psych) cannot read: it drops the whole block. */
export const invalidYaml: Rule = {
  id: 'invalid-yaml',
  defaultSeverity: 'error',
  summary: 'Front matter that Jekyll cannot read: the whole block is dropped.',
  docs: {
    description: [
      "Front matter that Jekyll's YAML reader (Psych, YAML 1.1) cannot read. Jekyll logs `YAML Exception reading …` and **drops the whole block**:",
      'the post is still published, but without its title, date, categories, tags or layout — only the site\'s `defaults:` apply — and it is dated at',
      'build time, so its URL is made from the build date and the whole file name (`/2026/11/28/2025-03-02-vimax.html`). With `strict_front_matter: true`',
      'the build stops instead.',
      '',
      'The verdict follows Psych, not the JavaScript YAML parsers: duplicate keys are fine (the last one wins), and a quoted value continued on a line',
      'at column 0 is fine. Also reported, because Jekyll fails to read them the same way: an alias to an unknown anchor, a `!ruby/…` tag, a plain',
      'value that starts with `:` (read as a Ruby Symbol), and front matter that is not `key: value` pairs.',
    ].join('\n'),
    bad: '---\ntitle: ViMax: Agentic Video Generation\n---',
    good: '---\ntitle: "ViMax: Agentic Video Generation"\n---',
    fix: 'Quote the value when an unquoted `: ` (or a reserved first character such as `@` or `` ` ``) is the cause. Only the value changes.',
  },
  check({ doc, site }: RuleContext): Finding[] {
    const fm = doc.frontMatter;
    if (!fm || doc.skipped) return [];
    const consequence = consequenceFor(doc, site.config.strictFrontMatter);
    const error = fm.errors[0];
    if (error) {
      const range = lineRange(doc, error.start, error.end);
      const fixes = quoteFix(doc, error.start);
      const cause = fixes.length > 0 ? `the value of \`${fixes[0]!.key}\` holds an unquoted ': ' (or starts with a reserved character), so YAML reads it as something else` : error.message;
      return [{ range, message: `Jekyll cannot read this front matter: ${cause}. ${consequence}`, fixes }];
    }
    const contents = fm.contents;
    if (contents === null || isMap(contents) || (isScalar(contents) && (contents.value === null || contents.value === false))) return [];
    const start = contents.range[0];
    return [{ range: lineRange(doc, start, contents.range[1]), message: `Front matter must be a list of \`key: value\` pairs; Jekyll cannot use this one. ${consequence}` }];
  },
};

export function consequenceFor(doc: SiteDocument, strict: boolean): string {
  if (strict) return 'This site sets `strict_front_matter: true`, so the build stops here.';
  switch (doc.kind) {
    case 'post':
      return 'Jekyll still publishes the post, without any of it (no title, date, categories or layout of its own — only `defaults:` apply), dated at build time, and its URL is made from the build date and the whole file name; with `strict_front_matter: true` the build would stop.';
    case 'draft':
      return 'Jekyll ignores all of it (only `defaults:` apply); with `strict_front_matter: true` the build would stop.';
    default:
      return 'Jekyll builds the file without any of it (only `defaults:` apply); with `strict_front_matter: true` the build would stop.';
  }
}

/** From the error to the end of its line (at least one character). */
function lineRange(doc: SiteDocument, start: number, end: number): Finding['range'] {
  const lineEnd = doc.lines.lineEnd(doc.lines.positionAt(start).line);
  const stop = Math.min(Math.max(end, trimmedEnd(doc.text, start, lineEnd)), Math.max(lineEnd, start + 1));
  return doc.lines.rangeOf(start, Math.max(stop, start + 1));
}

function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/**
 * When the error's line is `key: value` whose plain value holds ': ' (or
 * starts with a character YAML reserves), quoting the value is the fix.
 */
function quoteFix(doc: SiteDocument, errorOffset: number): Array<Fix & { key: string }> {
  const line = doc.lines.positionAt(errorOffset).line;
  const text = doc.lines.lineText(line);
  const m = /^(\s*(?:-\s+)?([A-Za-z0-9_][\w .-]*):[ \t]+)(.*?)(\s+#.*)?$/.exec(text);
  if (!m) return [];
  const value = m[3]!;
  if (value === '' || /^["'[{|>&*!]/.test(value)) return [];
  if (!/: |:$|^[@`%]/.test(value)) return [];
  const quoted = /["\\]/.test(value) ? (value.includes("'") ? JSON.stringify(value) : `'${value}'`) : `"${value}"`;
  const start = doc.lines.lineStart(line) + m[1]!.length;
  return [
    {
      title: `Quote the value: ${quoted}`,
      edits: [{ range: doc.lines.rangeOf(start, start + value.length), newText: quoted }],
      preferred: true,
      key: m[2]!.trim(),
    },
  ];
}
