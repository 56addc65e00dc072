import type { SiteDocument } from '../document';
import { removePair, sourceScalar, sourceSeq, topPair, topPairs, valueTextEnd, yamlScalarAs, type ScalarStyle, type SourceScalar, type TopPair } from '../edit';
import type { Fix, TextEdit } from '../problem';
import type { Finding, Rule, RuleContext } from './rule';

/** `tag:` with `tags:` — Jekyll takes `tag` and ignores `tags` entirely. */
export const singularAndPlural: Rule = {
  id: 'singular-and-plural',
  defaultSeverity: 'warning',
  summary: '`tag:` given together with `tags:` — Jekyll uses `tag` and ignores `tags` entirely.',
  docs: {
    description: [
      'When a post has both `tag:` and `tags:`, Jekyll takes the singular and **ignores the plural entirely**: `tag: one` with',
      '`tags: [two, three]` gives the post the single tag `one`. (For categories the two merge: `category:` and `categories:` together are fine.)',
    ].join('\n'),
    bad: '---\ntag: one\ntags: [two, three]\n---',
    good: '---\ntags: [one, two, three]\n---',
    fix: 'Merge into one `tags` list — the `tag` value first, then the `tags` values, without duplicates — and remove the `tag` line. The `tags` list keeps its form (a flow list stays a flow list, a block list a block list; a string becomes a flow list).',
  },
  check({ doc, post }: RuleContext): Finding[] {
    if (!post || post.frontMatterError || doc.skipped || !hasValue(post.data.tag)) return [];
    const tags = topPair(doc, 'tags');
    if (!tags || tagsValues(doc, tags).length === 0) return [];
    const tagPairs = topPairs(doc).filter((p) => p.key === 'tag');
    const tag = tagPairs[tagPairs.length - 1];
    const range = doc.lines.rangeOf(tags.valueStart, valueTextEnd(doc, tags));
    const used = (Array.isArray(post.data.tag) ? post.data.tag : [post.data.tag]).map((v) => `\`${String(v)}\``).join(', ');
    if (!tag) {
      // `tag:` comes from the site's `defaults:`; the post's own `tags:` are lost.
      return [{ range, message: `The site's \`defaults:\` give this post \`tag:\` (${used}), so Jekyll ignores its \`tags:\` entirely. Use \`tags:\` in the defaults too, or set \`tag:\` to null in this post.` }];
    }
    const fix = mergeFix(doc, tag, tagPairs, tags);
    return [{ range, message: `Jekyll uses \`tag:\` (${used}) and ignores \`tags:\` entirely when both are given.`, fixes: fix ? [fix] : [] }];
  },
};

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false;
}

/** A value of a list as written: its string (for de-duplication) and its source text (kept as is). */
interface Item {
  key: string;
  text: string;
  /** For a block list: the item's whole line(s). */
  lineStart?: number;
  lineEnd?: number;
}

/** The values of `tags:` as Jekyll would read them (non-null scalars), with their source. */
function tagsValues(doc: SiteDocument, p: TopPair): Item[] {
  const seq = sourceSeq(doc, p);
  if (seq) return seq.items.filter((i): i is SourceScalar => i !== undefined && i.value !== null).map((i) => itemOf(doc, i));
  const s = sourceScalar(doc, p.value);
  if (!s || s.value === null) return [];
  if (typeof s.value === 'string') {
    const style: ScalarStyle = s.style === 'block' ? 'plain' : s.style;
    return s.value.split(/[ \t\r\n\f\v]+/).filter(Boolean).map((w) => ({ key: w, text: yamlScalarAs(w, style, true) }));
  }
  return [itemOf(doc, s)];
}

/** What de-duplication compares: the value as a string (numbers and dates included). */
function keyOf(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

function itemOf(doc: SiteDocument, s: SourceScalar): Item {
  const lineStart = doc.text.lastIndexOf('\n', s.start - 1) + 1;
  const nl = doc.text.indexOf('\n', s.end);
  return { key: keyOf(s.value), text: doc.text.slice(s.start, s.end), lineStart, lineEnd: nl < 0 ? doc.text.length : nl + 1 };
}

/** The `tag:` values (a scalar is one value, never split; a list gives each), as flow-list items. */
function tagValues(doc: SiteDocument, p: TopPair): Item[] | undefined {
  const seq = sourceSeq(doc, p);
  if (seq) {
    if (seq.items.some((i) => i === undefined)) return undefined;
    return (seq.items as SourceScalar[]).filter((i) => i.value !== null).map((i) => ({ key: keyOf(i.value), text: flowText(doc, i) }));
  }
  const s = sourceScalar(doc, p.value);
  if (!s || s.value === null) return undefined;
  return [{ key: keyOf(s.value), text: flowText(doc, s) }];
}

/** A scalar's source as an item of a flow list: as written when it can stay so. */
function flowText(doc: SiteDocument, s: SourceScalar): string {
  const text = doc.text.slice(s.start, s.end);
  if (s.style === 'double' || s.style === 'single') return text;
  if (s.style === 'plain' && !/[,[\]{}#\n]/.test(text) && !/\s/.test(text)) return text;
  return typeof s.value === 'string' ? JSON.stringify(s.value) : yamlScalarAs(String(s.value), 'plain', true);
}

function mergeFix(doc: SiteDocument, tag: TopPair, tagPairs: readonly TopPair[], tags: TopPair): Fix | undefined {
  const front = tagValues(doc, tag);
  if (!front) return undefined;
  const seen = new Set(front.map((i) => i.key));
  const rest = tagsValues(doc, tags);
  const edits: TextEdit[] = tagPairs.map((p) => removePair(doc, p));
  const seq = sourceSeq(doc, tags);
  const merged = [...front];
  const dropped: Item[] = [];
  for (const i of rest) {
    if (seen.has(i.key)) dropped.push(i);
    else {
      seen.add(i.key);
      merged.push(i);
    }
  }
  if (seq && !seq.flow) {
    // A block list: new `- value` lines before the first item, duplicates' lines removed.
    const first = rest[0]!;
    const at = first.lineStart ?? 0;
    const prefix = doc.text.slice(at, at + doc.text.slice(at).search(/\S/) + 1);
    const indent = /^[ \t]*-[ \t]*$/.test(prefix) ? prefix.replace(/-[ \t]*$/, '') : undefined;
    if (indent === undefined) return undefined;
    const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
    const inserted = front.map((i) => `${indent}- ${i.text}${eol}`).join('');
    let insertedDone = false;
    for (const d of dropped) {
      const isFirst = d === first;
      edits.push({ range: doc.lines.rangeOf(d.lineStart!, d.lineEnd!), newText: isFirst ? inserted : '' });
      if (isFirst) insertedDone = true;
    }
    if (!insertedDone) edits.push({ range: doc.lines.rangeOf(at, at), newText: inserted });
  } else {
    const end = valueTextEnd(doc, tags);
    if (seq && /#/.test(doc.text.slice(tags.valueStart, end).replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, ''))) return undefined;
    edits.push({ range: doc.lines.rangeOf(tags.valueStart, end), newText: '[' + merged.map((i) => i.text).join(', ') + ']' });
  }
  const list = merged.map((i) => i.key).join(', ');
  return { title: `Merge into one \`tags\` list (${list}) and remove \`tag:\``, edits, preferred: true };
}
