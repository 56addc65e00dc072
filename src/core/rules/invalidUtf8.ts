import type { DocumentKind } from '../document';
import type { Finding, Rule, RuleContext } from './rule';

/** A file that is not valid UTF-8: Jekyll cannot read it and leaves it out of the site. */
export const invalidUtf8: Rule = {
  id: 'invalid-utf8',
  defaultSeverity: 'error',
  summary: 'Bytes that are not UTF-8: Jekyll cannot read the file and leaves it out of the site.',
  docs: {
    description: [
      'The file holds bytes that are not UTF-8 — typically a post saved as Windows-1252 or Latin-1 (`café` written as the single byte `0xE9`), or as',
      'UTF-16. Jekyll 4.3 reads every file as UTF-8 and, on the first invalid byte, logs `Error: could not read file …: invalid byte sequence in UTF-8`',
      'and **leaves the post out**: it is not published, the build goes on. A page or a collection document fares worse: its front matter is not',
      'read, and if it is Markdown the converter stops the whole build (an HTML page is copied raw, front matter included). The editor shows the bad',
      'bytes as `�`; the first one is marked.',
    ].join('\n'),
    bad: '---\ntitle: Caf\\xE9 (a Latin-1 byte)\n---',
    good: '---\ntitle: Café (saved as UTF-8)\n---',
    fix: 'none: reopen the file with its real encoding (VS Code: "Reopen with Encoding") and save it as UTF-8.',
  },
  check({ doc, site, invalidUtf8 }: RuleContext): Finding[] {
    if (!invalidUtf8) return [];
    const at = doc.text.indexOf('\uFFFD');
    const range = at >= 0 ? doc.lines.rangeOf(at, at + 1) : doc.lines.rangeOf(0, doc.lines.lineEnd(0));
    return [{ range, message: `This file is not valid UTF-8${at >= 0 ? ' (first bad byte here)' : ''}: ${consequence(doc.kind, doc.path, site.config.markdownExt)} Reopen it with its real encoding and save it as UTF-8.` }];
  },
};

/** What Jekyll 4.3.1 does with the file (seen): posts are skipped, Markdown pages and documents stop the build. */
function consequence(kind: DocumentKind, path: string, markdownExt: readonly string[]): string {
  if (kind === 'post' || kind === 'draft') return 'Jekyll cannot read it — it logs "invalid byte sequence in UTF-8" and skips the file: the post is not published.';
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  if (markdownExt.includes(ext)) return 'Jekyll cannot read its front matter, and the Markdown converter then stops the whole build ("invalid characters for the used encoding UTF-8").';
  return 'Jekyll cannot read its front matter (it logs "invalid byte sequence in UTF-8") and copies the file raw, front matter included.';
}
