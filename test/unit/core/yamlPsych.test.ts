import * as assert from 'node:assert/strict';
import { indentContinuations, parseFrontMatterYaml } from '../../../src/core/yamlPsych';

const valid = (src: string): boolean => parseFrontMatterYaml('---\n' + src).errors.length === 0;

// Every verdict below was taken from Psych.safe_load (Ruby 3.1, Psych 4.0.3), as Jekyll 4.3.1 calls it.
describe('parseFrontMatterYaml agrees with Psych', () => {
  it('accepts duplicate keys (the last wins)', () => {
    assert.equal(valid('a: 1\na: 2\n'), true);
    assert.equal((parseFrontMatterYaml('---\na: 1\na: 2\n').doc.toJS() as Record<string, unknown>).a, 2);
  });
  it('accepts a double-quoted value continued at column 0', () => {
    assert.equal(valid('title: "hello\nworld"\nb: 1\n'), true);
    assert.equal((parseFrontMatterYaml('---\ntitle: "hello\nworld"\n').doc.toJS() as Record<string, unknown>).title, 'hello world');
  });
  it('accepts single-quoted values and flow collections continued at column 0', () => {
    assert.equal(valid("t: 'it''s\nfine'\n"), true);
    assert.equal(valid('t: [a,\nb]\n'), true);
    assert.equal(valid('t: {a: 1,\nb: 2}\n'), true);
    assert.equal(valid('a:\n  b: "hello\nworld"\n'), true);
    assert.equal(valid('- "a\nb"\n'), true);
  });
  it('rejects an unquoted ": " inside a value', () => {
    assert.equal(valid('title: ViMax: Agentic Video\n'), false);
  });
  it('rejects what libyaml rejects', () => {
    for (const bad of ['a:\n\t- x\n', 'a: "abc\n', 'a: [a, b\n', 'a: b\n  c: d\n', 'a: @foo\n', 'a: `foo`\n', 'a: %foo\n', 't: hello\nworld\n', 'a: "\\q"\n', 'title: [Foo] Bar\n', 'a: 1\nb:2\n', 'a: \u0001\n']) {
      assert.equal(valid(bad), false, JSON.stringify(bad));
    }
  });
  it('accepts what libyaml accepts', () => {
    for (const ok of ['t: hello\n  world\n', 'a:\tb\n', 'a: b #c\n', 'a: b#c\n', '? a\n: b\n', 'a: &x [1]\nb: *x\n', 'a: |\nb: 1\n', 'title: Foo | Bar\n', 'title: -Foo\n', 'tags:\n- a\n- b\n', 'a: 2020-02-30\n', '']) {
      assert.equal(valid(ok), true, JSON.stringify(ok));
    }
  });
  it('treats U+2028 as a line break, as YAML 1.1 does', () => {
    assert.equal(valid('a: x\u2028y\n'), false);
  });
  it('reports load errors Psych raises: unknown alias, Ruby objects, Symbols', () => {
    assert.match(parseFrontMatterYaml('---\na: *nope\n').errors[0]!.message, /unknown alias/);
    assert.match(parseFrontMatterYaml('---\na: !ruby/object:Foo {}\n').errors[0]!.message, /DisallowedClass/);
    assert.match(parseFrontMatterYaml('---\n:permalink: /x/\n').errors[0]!.message, /Symbol/);
  });
  it('keeps offsets of the original text after repairing indentation', () => {
    const src = '---\nt: "a\nb"\nc: :x\n';
    const r = parseFrontMatterYaml(src);
    assert.equal(r.errors.length, 1);
    assert.equal(src.slice(r.errors[0]!.start, r.errors[0]!.end), ':x');
  });
  it('indents only continuation lines', () => {
    const r = indentContinuations('---\nt: "a\nb"\nc: 1\n')!;
    assert.equal(r.text, '---\nt: "a\n b"\nc: 1\n');
    assert.equal(r.toOriginal(r.text.indexOf('c:')), '---\nt: "a\nb"\nc: 1\n'.indexOf('c:'));
    assert.equal(indentContinuations('---\na: 1\n'), undefined);
  });
});

describe('YAML values as Psych types them', () => {
  it('reads yes/true/on and no/false/off in any case as booleans, but y and n as strings', () => {
    const js = parseFrontMatterYaml('---\na: y\nb: n\nc: Yes\nd: TrUe\ne: off\nf: NO\ng: [x, y]\n').doc.toJS() as Record<string, unknown>;
    assert.deepEqual(js, { a: 'y', b: 'n', c: true, d: true, e: false, f: false, g: ['x', 'y'] });
  });
});
