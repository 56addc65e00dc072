import { ownDate } from '../post';
import type { Fix } from '../problem';
import { dirname, basename } from '../siteFs';
import { fieldsAt, offsetAt } from '../timezone';
import type { Finding, Rule, RuleContext } from './rule';

const REASONS = {
  'no-date': 'its name does not start with a date (`YYYY-MM-DD-title.md`)',
  'no-extension': 'its name has no extension (`.md`)',
  'special-name': 'names (or folders inside `_posts`) starting with `.`, `_` or `#`, or ending with `~`, are ignored',
  excluded: 'it matches `exclude:` in `_config.yml`',
  'outside-collections-dir': 'with `collections_dir:` set, Jekyll reads posts only from the `_posts` folder inside it',
  'data-file': 'a `.yml`/`.yaml` file is read as data, not as a post',
} as const;

/** A file in `_posts` whose name Jekyll ignores: it is skipped without a warning. */
export const notAPost: Rule = {
  id: 'not-a-post',
  defaultSeverity: 'error',
  summary: 'A file in `_posts` that Jekyll silently skips (no date prefix, no extension, `.`/`_`/`#` prefix).',
  docs: {
    description:
      'Jekyll reads a file in `_posts` as a post only when its path matches `YYYY-MM-DD-title.ext` (non-padded dates such as `2019-4-6` are fine).\n' +
      'Anything else — a missing date, no extension, a name starting with `.`, `_` or `#` or ending with `~` — is skipped **without any message**:\n' +
      'the post simply never appears on the site.',
    bad: '_posts/notes-for-later.md',
    good: '_posts/2025-09-01-notes-for-later.md',
    fix: 'Rename the file with the date from its front matter (or today, in the site\'s zone). The rename never overwrites an existing file.',
  },
  check(ctx: RuleContext): Finding[] {
    const { doc } = ctx;
    if ((doc.kind !== 'post' && doc.kind !== 'draft') || !doc.skipped) return [];
    const reason = doc.skipped;
    const what = doc.kind === 'draft' ? 'draft' : 'post';
    const range = doc.lines.rangeOf(0, doc.lines.lineEnd(0));
    const fix = renameFix(ctx);
    return [{ range, message: `Jekyll skips this file without a word: ${REASONS[reason]}. The ${what} will not be published.`, fixes: fix ? [fix] : [] }];
  },
};

function renameFix({ doc, site }: RuleContext): Fix | undefined {
  const dir = dirname(doc.path);
  const name = basename(doc.path);
  const reason = doc.skipped;
  if (reason === 'outside-collections-dir' && site.config.collectionsDir) {
    const rel = doc.relativePath;
    return { title: `Move to ${site.config.collectionsDir}/${rel}`, edits: [], rename: { from: doc.path, to: `${site.root}/${site.config.collectionsDir}/${rel}` } };
  }
  if (reason === 'excluded' || reason === 'data-file') return undefined;
  let base = name.replace(/^[._#]+/, '').replace(/~+$/, '');
  if (!/\.[^.]+$/.test(base)) base += '.md';
  if (doc.kind === 'draft') return base !== name ? { title: `Rename to ${base}`, edits: [], rename: { from: doc.path, to: `${dir}/${base}` } } : undefined;
  if (!/^\d{2,4}-\d{1,2}-\d{1,2}-/.test(base)) base = `${dateFor({ doc, site } as RuleContext)}-${base}`;
  if (base === name) return undefined;
  return { title: `Rename to ${base}`, edits: [], rename: { from: doc.path, to: `${dir}/${base}` }, preferred: true };
}

/** The front matter's date as YYYY-MM-DD in the site zone, else today there. */
function dateFor({ doc, site }: RuleContext): string {
  const now = Date.now();
  const t = ownDate(doc, site, now) ?? { epochMs: now, offset: offsetAt(site.config.timezone, now) };
  const f = fieldsAt(t);
  return `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}
