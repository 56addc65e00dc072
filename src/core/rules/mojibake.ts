import { findMojibake, findReplacementChars, type MojibakeSpan } from '../encoding';
import type { SiteDocument } from '../document';
import type { Fix } from '../problem';
import type { Finding, Rule, RuleContext } from './rule';

/** Text saved in the wrong encoding (UTF-8 read as Windows-1252), and U+FFFD: Jekyll publishes both as they are. */
export const mojibake: Rule = {
  id: 'mojibake',
  defaultSeverity: 'warning',
  summary: 'UTF-8 text that was read as Windows-1252 and saved again (`Hereâ€™s`), or U+FFFD: Jekyll publishes it as is.',
  docs: {
    description: [
      'Text that was written in UTF-8, opened somewhere as Windows-1252 (or Latin-1) and saved again: every non-ASCII character became two or three',
      'others — `’` → `â€™`, `“` → `â€œ`, `—` → `â€”`, `…` → `â€¦`, `é` → `Ã©`, a no-break space → `Â `. Also reported: U+FFFD (`�`), the',
      'replacement character a converter leaves where it could not read a character. Jekyll publishes both exactly as they are; no build warning.',
      '',
      'A span is reported only when its Windows-1252 bytes form valid UTF-8 that decodes to something plausible, so `JOÃO`, a lone `Â` or',
      '`café »` stay silent. Text damaged twice (`Ã¢â‚¬â„¢`) is repaired twice.',
    ].join('\n'),
    bad: '---\ntitle: Breakthrough\n---\nHereâ€™s what you need to know.',
    good: '---\ntitle: Breakthrough\n---\nHere’s what you need to know.',
    fix: 'Repair the span (re-encode it as Windows-1252, decode as UTF-8); or repair every span of the file at once. A U+FFFD has no fix: the character is lost.',
  },
  check({ doc, invalidUtf8 }: RuleContext): Finding[] {
    const spans = findMojibake(doc.text);
    const out: Finding[] = [];
    const all = spans.length > 1 ? repairAllFix(doc, spans) : undefined;
    for (const s of spans) {
      const damaged = doc.text.slice(s.start, s.end);
      const fixes: Fix[] = [{ title: s.repaired === '' ? `Remove \`${damaged}\`` : `Repair: ${damaged} → ${s.repaired}`, edits: [{ range: doc.lines.rangeOf(s.start, s.end), newText: s.repaired }], preferred: true }];
      if (all) fixes.push(all);
      out.push({ range: doc.lines.rangeOf(s.start, s.end), message: messageFor(damaged, s.repaired), fixes });
    }
    // With invalid UTF-8, the U+FFFD are the reader's, not the file's: invalid-utf8 reports them.
    if (!invalidUtf8) {
      for (const r of findReplacementChars(doc.text, spans)) {
        const n = r.end - r.start;
        out.push({
          range: doc.lines.rangeOf(r.start, r.end),
          message: `${n === 1 ? 'A U+FFFD replacement character (`�`)' : `${n} U+FFFD replacement characters (\`�\`)`}: a conversion put ${n === 1 ? 'it' : 'them'} where it could not read the text, and what was there is lost. Jekyll publishes \`�\` as is; retype what was meant.`,
        });
      }
    }
    return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  },
};

function messageFor(damaged: string, repaired: string): string {
  if (repaired === '') return `\`${damaged}\` is a byte-order mark saved in the wrong encoding (UTF-8 read as Windows-1252). Jekyll publishes it as is.`;
  return `\`${damaged}\` is \`${repaired}\` saved in the wrong encoding (UTF-8 read as Windows-1252, then saved again). Jekyll publishes it as is.`;
}

function repairAllFix(doc: SiteDocument, spans: readonly MojibakeSpan[]): Fix {
  return {
    title: `Repair all ${spans.length} damaged spans in the file`,
    edits: spans.map((s) => ({ range: doc.lines.rangeOf(s.start, s.end), newText: s.repaired })),
  };
}
