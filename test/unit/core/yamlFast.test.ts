import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Document, isMap, isScalar, isSeq, type ScalarTag } from 'yaml';
import { parseSiteDocument } from '../../../src/core/document';
import { splitFrontMatter } from '../../../src/core/frontMatter';
import { fastFrontMatterData, frontMatterData, ownFrontMatter } from '../../../src/core/post';
import { fastContents, fastFrontMatter } from '../../../src/core/yamlFast';
import { parseFrontMatterYaml } from '../../../src/core/yamlPsych';
import { PSYCH_OPTIONS } from '../../../src/core/yamlSchema';
import { repoRoot, sharedDir } from '../../util/paths';

/**
 * The fast reader may decline anything, but what it accepts must be exactly
 * what the full parser (Psych-compatible) reads: valid, same keys in the same
 * order, same values (dates typed the same way).
 */
function agrees(source: string): 'fast' | 'full' {
  const pairs = fastFrontMatter(source);
  if (!pairs) return 'full';
  const full = parseFrontMatterYaml(source);
  assert.deepEqual(full.errors, [], `fast reader accepted front matter the full parser rejects:\n${source}`);
  const contents = full.doc.contents as { items?: Array<{ key: { value: unknown } }> } | null;
  assert.deepEqual(
    pairs.map((p) => p.key),
    (contents?.items ?? []).map((p) => String(p.key.value)),
    source,
  );
  // The nodes made from the pairs are the parser's: types, values, sources, ranges (mapped to the original text).
  const nodes = fastContents(pairs);
  if (nodes) assert.deepStrictEqual(nodeDump(nodes, (o) => o), nodeDump(full.doc.contents, full.toOriginal), `nodes differ:\n${JSON.stringify(source)}`);
  else assert.equal(pairs.length, 0);
  const fast = fastFrontMatterData(pairs);
  if (fast === undefined) return 'full';
  assert.deepStrictEqual(fast, frontMatterData(full.doc), source);
  return 'fast';
}

/** What rules and edits read of a node: its kind, type, value, source, format, flow style and range. */
function nodeDump(node: unknown, map: (o: number) => number): unknown {
  const range = (r: readonly number[] | null | undefined): number[] | undefined => r?.map(map);
  if (node === null || node === undefined) return null;
  if (isMap(node)) return { map: node.items.map((p) => [nodeDump(p.key, map), nodeDump(p.value, map)]), range: range(node.range), tag: node.tag };
  if (isSeq(node)) return { seq: node.items.map((i) => nodeDump(i, map)), flow: node.flow ?? false, range: range(node.range), tag: node.tag };
  if (isScalar(node)) {
    const v = node.value;
    return { value: v instanceof Date ? `Date ${v.toISOString()}` : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v, type: node.type, source: node.source, format: node.format, tag: node.tag, range: range(node.range) };
  }
  return { other: typeof node };
}

function* textFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git' || name === '_site') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* textFiles(p);
    else if (/\.(?:md|markdown|mkd|html)$/.test(name)) yield p;
  }
}

describe('fastFrontMatter reads simple front matter exactly as the full parser does', () => {
  it('on every document of the corpora, the fixtures and the sample site', () => {
    const dirs = [join(repoRoot(), 'test', 'fixtures'), join(repoRoot(), 'examples')];
    const shared = sharedDir();
    if (shared) dirs.push(join(shared, 'corpora'), join(shared, 'seed'));
    let fast = 0;
    let total = 0;
    for (const dir of dirs) {
      for (const file of textFiles(dir)) {
        const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
        const split = splitFrontMatter(text);
        if (!split) continue;
        total++;
        if (agrees(text.slice(0, split.yamlEnd)) === 'fast') fast++;
      }
    }
    // Most real front matter is simple: the reader must take the common case, or it is no use.
    assert.ok(total > 100, `only ${total} documents found`);
    assert.ok(fast / total > 0.5, `the fast reader took only ${fast} of ${total} documents`);
  });

  it('on the forms it is meant to take', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['---\ntitle: Hello world\nlayout: post\n', { title: 'Hello world', layout: 'post' }],
      ['---\ntags: [a, "b c", \'it\'\'s\']\n', { tags: ['a', 'b c', "it's"] }],
      ['---\ntags:\n- a\n- b\ncategories:\n  - x\n  -\n', { tags: ['a', 'b'], categories: ['x', null] }],
      ['---\npublished: false\ncomments: Yes\nx: ~\ny: null\nz:\nn: n\n', { published: false, comments: true, x: null, y: null, z: null, n: 'n' }],
      ['---\norder: 3\nneg: -12\nzero: 0\n', { order: 3, neg: -12, zero: 0 }],
      ['---\r\ntitle: "C# tips: part 1"\r\n# a comment\r\n\r\nurl: /a:b/\r\n', { title: 'C# tips: part 1', url: '/a:b/' }],
      ['---\n', {}],
      ['---\ntitle: A\ndate: 2020-01-02\ntitle: B\n', { title: 'B', date: fastFrontMatterData(fastFrontMatter('---\ndate: 2020-01-02\n')!)!.date }],
      ['---\ntitle: "Results Data Market\nCentre  \n\n   Hospital"\nx: 1\n', { title: 'Results Data Market Centre\nHospital', x: 1 }],
    ];
    for (const [src, want] of cases) {
      const pairs = fastFrontMatter(src);
      assert.ok(pairs, src);
      assert.deepStrictEqual(fastFrontMatterData(pairs), want, src);
      assert.equal(agrees(src), 'fast', src);
    }
  });

  it('declines what it cannot be sure of', () => {
    for (const src of [
      '---\ntitle: ViMax: Agentic\n',
      '---\ntitle: a # comment\n',
      '---\ntitle: "a\\tb"\n',
      '---\ntitle: "open\nclose" x\n',
      '---\ntitle: "open\n--- close"\n',
      '---\ntitle: "open\nback\\\\slash"\n',
      '---\nimage:\n  path: /x.png\n',
      '---\na: &x 1\nb: *x\n',
      '---\nt: |\n  block\n',
      '---\nv: 1.5\n',
      '---\nv: 012\n',
      '---\nv: 1_000\n',
      '---\nyes: 1\n',
      '---\na:\tb\n',
      '---\nt: hello\nworld\n',
      '---\ntags: [a, [b]]\n',
      '---\ntags: [a,]\n',
      '---\ntags:\n  - a\n - b\n',
      '---\nt: :sym\n',
      '---\n__proto__: x\n',
      '--- x\na: 1\n',
    ]) {
      assert.equal(fastFrontMatter(src) === undefined || fastFrontMatterData(fastFrontMatter(src)!) === undefined, true, JSON.stringify(src));
    }
  });

  it('keeps an unquoted timestamp as Psych types it, and reads the rest in full', () => {
    const src = '---\ndate: 2025-08-19 14:46:44\ntitle: x\n';
    assert.equal(agrees(src), 'fast');
    assert.equal(agrees('---\nupdated: 2025-08-19\n'), 'full');
    assert.equal(agrees('---\ndate: 2020-02-30\n'), 'full'); // not a timestamp to Psych: its value decides
  });

  it('on generated front matter (fast-check)', () => {
    const word = fc.constantFrom('post', 'Hello', 'yes', 'No', 'ON', 'off', 'null', 'Null', '~', 'y', 'n', 'True', 'a-b', 'C#', 'a:b', 'x #y', 'é', '日本', '/p/:title/', '1', '-3', '+4', '012', '1.5', '1e3', '.inf', '0x1F', '1:20', '2020-01-02', '2020-01-02 03:04:05 +0100', '2020-1-2', '@x', '*a', '&a', '!t', '%p', '`c`', '|', '>', '-', '? x', 'a: b', 'a:', '[x]', '{a: 1}', '', ' ');
    const quoted = fc.oneof(word.map((w) => `"${w}"`), word.map((w) => `'${w.replace(/'/g, "''")}'`), fc.string({ maxLength: 8 }).map((s) => `"${s}"`), fc.string({ maxLength: 8 }).map((s) => `'${s}'`));
    const scalar = fc.oneof(word, quoted);
    const flow = fc.array(fc.oneof(word, quoted), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`);
    const key = fc.constantFrom('title', 'date', 'tags', 'categories', 'published', 'layout', 'yes', 'on', 'x', 'x-y', '_z', '2a', 'a b');
    const multiline = fc
      .tuple(fc.array(fc.constantFrom('word', 'two words', '', ' ', '  lead', 'trail  ', 'a: b', '# x', '---', '...', "it's", 'x"', ' "', 'back\\slash'), { minLength: 1, maxLength: 4 }), fc.constantFrom('', ' ', '  '))
      .map(([parts, indent]) => '"' + parts.map((p, i) => (i === 0 ? p : indent + p)).join('\n') + '"');
    const block = fc.tuple(fc.constantFrom('', '  ', '    '), fc.array(scalar, { minLength: 1, maxLength: 3 })).map(([ind, xs]) => '\n' + xs.map((x) => `${ind}- ${x}`).join('\n'));
    const line = fc.oneof(
      fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(key, multiline).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(key, flow).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(key, block).map(([k, v]) => `${k}:${v}`),
      fc.constantFrom('# comment', '', '  ', '\t', 'x:\ty', '  indented: 1', 'k:v', '- item', '  # indented comment', 'sp:   spaced  ', 'fl:  [a,  "b" ]  ', 'nb: a\u00A0', 'nb2:  \u00A0[x]', 'e:', 'e2:   '),
    );
    let fast = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.boolean(), (lines, crlf) => {
        const src = '---\n' + lines.join('\n') + '\n';
        if (agrees(crlf ? src.replace(/\n/g, '\r\n') : src) === 'fast') fast++;
      }),
      { numRuns: 3000 },
    );
    assert.ok(fast > 300, `the generator reached the fast reader only ${fast} times`);
  });

  it('relies on the schema typing only number-like scalars besides booleans and null (yamlFast skips the tag tests for the rest)', () => {
    const tags = (new Document(null, PSYCH_OPTIONS).schema.tags as ScalarTag[]).filter((t) => t.default === true && t.test && !/:(?:null|bool)$/.test(t.tag));
    assert.ok(tags.length > 5);
    fc.assert(
      fc.property(fc.tuple(fc.constantFrom(...'abcxyzABCXYZ_/é日~'.split('')), fc.string({ maxLength: 12 })), ([first, rest]) => {
        for (const t of tags) assert.equal(t.test!.test(first + rest), false, `${t.tag} ${String(t.test)} types ${first + rest}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('is what a site document reads (ownFrontMatter), with the YAML document still there on demand', () => {
    const doc = parseSiteDocument('/s/_posts/2020-01-01-a.md', '_posts/2020-01-01-a.md', 'post', '---\ntitle: A\ntags: [x]\n---\nbody\n');
    assert.ok(doc.frontMatter?.fast);
    assert.deepStrictEqual(ownFrontMatter(doc.frontMatter), { title: 'A', tags: ['x'] });
    assert.deepEqual(doc.frontMatter.yaml.errors, []);
    assert.deepEqual(doc.frontMatter.doc.toJS(), { title: 'A', tags: ['x'] });
  });
});
