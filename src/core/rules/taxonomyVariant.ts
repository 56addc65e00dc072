import type { SiteDocument } from '../document';
import { scalarWords, sourceScalar, sourceSeq, topPair, yamlScalarAs, type SourceScalar } from '../edit';
import type { Fix, Range } from '../problem';
import type { PostInfo } from '../post';
import { siteWideRule, type Finding, type Rule } from './rule';

/** `Web` on a site that mostly writes `web`: Jekyll keeps them apart (two tag pages, two entries in `site.tags`). */
export const taxonomyVariant: Rule = siteWideRule<Array<{ noun: Noun; values: Spelled[] }>>(
  {
    id: 'taxonomy-variant',
    defaultSeverity: 'information',
    summary: 'A tag or category that differs only in case or `-`/space/`_` from a spelling used more often on the site.',
    docs: {
      description: [
        'Jekyll compares tags and categories as exact strings: `Web` and `web`, `Big-Data` and `Big Data` are different tags, each with its own',
        'entry in `site.tags` (and its own page with tag-archive plugins); categories likewise in `site.categories`, and `Big-Data` and `Big Data`',
        'also in the URL (`/big-data/…` and `/big data/…`; the URL lower-cases, so `Web` and `web` share one). Real sites drift this way over the',
        'years. Reported when a value differs only in letter case or in `-`, `_` and spaces from the spelling most posts of the site use',
        '(on a tie, the one that sorts first).',
      ].join('\n'),
      bad: '---\ntags: [Web, jekyll]   # 37 other posts say `web`\n---',
      good: '---\ntags: [web, jekyll]\n---',
      fix: "Use the site's most used spelling for that one value (its quotes are kept).",
    },
  },
  {
    facts({ doc, post }) {
      if (!post || post.frontMatterError || doc.skipped) return undefined;
      const groups = valueGroups(doc, post)
        .map(({ noun, values }) => ({ noun, values: values.map((v) => spelled(doc, v)) }))
        .filter((g) => g.values.length > 0);
      return groups.length > 0 ? groups : undefined;
    },
    report(groups, { index }) {
      if (!index) return [];
      const out: Finding[] = [];
      for (const { noun, values } of groups) {
        const counts = noun === 'tags' ? index.tags : index.categories;
        const best = index.mostUsed(noun, fold);
        for (const v of values) {
          const top = best.get(fold(v.value));
          if (top === undefined || top === v.value) continue;
          const mine = Math.max(counts.get(v.value) ?? 0, 1);
          const theirs = counts.get(top) ?? 0;
          const range = rangeOf(v);
          const fix = replacement(v, range, top);
          out.push({
            range,
            message: `\`${v.value}\` is used by ${posts(mine)}, \`${top}\` by ${theirs} — Jekyll treats them as different ${noun}.`,
            fixes: fix ? [fix] : [],
          });
        }
      }
      return out;
    },
  },
);

type Noun = 'tags' | 'categories';

/** The post's own tag and category values. Jekyll's tags come from `tag:` when it is set, else from `tags:`; categories from both keys. */
function valueGroups(doc: SiteDocument, post: PostInfo): Array<{ noun: Noun; values: Value[] }> {
  const tagKey = post.data.tag !== undefined && post.data.tag !== null && post.data.tag !== false ? 'tag' : 'tags';
  return [
    { noun: 'tags', values: valuesOf(doc, tagKey, tagKey === 'tags') },
    { noun: 'categories', values: [...valuesOf(doc, 'categories', true), ...valuesOf(doc, 'category', false)] },
  ];
}

/** The key under which spellings count as one: case and `-`/`_`/space runs ignored. */
export function fold(s: string): string {
  return s.toLowerCase().replace(/[-_\s]+/g, ' ').trim();
}

function posts(n: number): string {
  return n === 1 ? '1 post' : `${n} posts`;
}

/**
 * A value as the site-wide part keeps it until every post is read — one flat
 * object per value (the check keeps one for every tag of every post): where it
 * is (lines and characters), and how it is written.
 */
interface Spelled {
  value: string;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  /** A whole scalar (not one word of a string Jekyll splits). */
  whole: boolean;
  quote: SourceScalar['style'];
  inFlow: boolean;
}

function spelled(doc: SiteDocument, v: Value): Spelled {
  const start = doc.lines.positionAt(v.start);
  const end = doc.lines.positionAt(v.end);
  return { value: v.value, startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character, whole: v.scalar !== undefined, quote: v.quote, inFlow: v.inFlow };
}

function rangeOf(v: Spelled): Range {
  return { start: { line: v.startLine, character: v.startCharacter }, end: { line: v.endLine, character: v.endCharacter } };
}

/** One value of the post with its source: a list item, a scalar, or a word of a string Jekyll splits. */
interface Value {
  value: string;
  start: number;
  end: number;
  /** The scalar it belongs to, when the value is a whole scalar (not one word of a string). */
  scalar: SourceScalar | undefined;
  quote: SourceScalar['style'];
  inFlow: boolean;
}

function valuesOf(doc: SiteDocument, key: string, splits: boolean): Value[] {
  const p = topPair(doc, key);
  if (!p) return [];
  const seq = sourceSeq(doc, p);
  if (seq) {
    return seq.items
      .filter((i): i is SourceScalar => i !== undefined && typeof i.value === 'string')
      .map((i) => ({ value: i.value as string, start: i.start, end: i.end, scalar: i, quote: i.style, inFlow: seq.flow }));
  }
  const s = sourceScalar(doc, p.value);
  if (!s || typeof s.value !== 'string') return [];
  if (splits && /[ \t\r\n\f\v]/.test(s.value.trim())) {
    return (scalarWords(doc, s) ?? []).map((w) => ({ value: w.word, start: w.start, end: w.end, scalar: undefined, quote: s.style, inFlow: false }));
  }
  return [{ value: s.value, start: s.start, end: s.end, scalar: s, quote: s.style, inFlow: false }];
}

function replacement(v: Spelled, range: Range, top: string): Fix | undefined {
  let newText: string;
  if (v.whole) {
    newText = yamlScalarAs(top, v.quote, v.inFlow);
  } else {
    // One word of a string Jekyll splits: the spelling must stay one word, written as that string's quoting allows.
    if (/[ \t\r\n\f\v]/.test(top)) return undefined;
    if (v.quote === 'double') newText = JSON.stringify(top).slice(1, -1);
    else if (v.quote === 'single') newText = top.replace(/'/g, "''");
    else if (/^[\p{L}\p{N}_][\p{L}\p{N}_.+\-/&()]*$/u.test(top)) newText = top;
    else return undefined;
  }
  return { title: `Use \`${top}\``, edits: [{ range: { start: { ...range.start }, end: { ...range.end } }, newText }], preferred: true };
}
