import * as assert from 'node:assert/strict';
import { opensWithFence, splitFrontMatter } from '../../../src/core/frontMatter';
import { LineIndex, stripBom } from '../../../src/core/text';

/** The YAML Jekyll reads and the body it renders, or undefined when it sees no front matter. */
function jekyll(text: string): { yaml: string; body: string } | undefined {
  const s = splitFrontMatter(stripBom(text).text);
  if (!s) return undefined;
  const t = stripBom(text).text;
  return { yaml: t.slice(0, s.yamlEnd), body: t.slice(s.bodyStart) };
}

describe('splitFrontMatter (Jekyll YAML_FRONT_MATTER_REGEXP)', () => {
  it('splits the plain --- / --- form', () => {
    assert.deepEqual(jekyll('---\ntitle: A\n---\nBody\n'), { yaml: '---\ntitle: A\n', body: 'Body\n' });
  });
  it('accepts ... as the closing fence', () => {
    assert.deepEqual(jekyll('---\ntitle: A\n...\nBody'), { yaml: '---\ntitle: A\n', body: 'Body' });
    assert.equal(splitFrontMatter('---\ntitle: A\n...\nBody')!.closer, '...');
  });
  it('sees no front matter after a blank line or text before the fence', () => {
    assert.equal(jekyll('\n---\ntitle: A\n---\nBody'), undefined);
    assert.equal(jekyll(' ---\ntitle: A\n---\n'), undefined);
    assert.equal(jekyll('Intro\n---\ntitle: A\n---\n'), undefined);
  });
  it('tolerates a BOM (Jekyll reads bom|utf-8)', () => {
    assert.deepEqual(jekyll('\uFEFF---\ntitle: A\n---\nBody'), { yaml: '---\ntitle: A\n', body: 'Body' });
    assert.equal(stripBom('\uFEFF---\n').bom, true);
  });
  it('handles CRLF line endings', () => {
    assert.deepEqual(jekyll('---\r\ntitle: A\r\n---\r\nBody\r\n'), { yaml: '---\r\ntitle: A\r\n', body: 'Body\r\n' });
  });
  it('allows blanks after the fences, also blank lines after the opening one', () => {
    assert.deepEqual(jekyll('---   \ntitle: A\n---  \nBody'), { yaml: '---   \ntitle: A\n', body: 'Body' });
    assert.deepEqual(jekyll('---\n\n\ntitle: A\n---\nB'), { yaml: '---\n\n\ntitle: A\n', body: 'B' });
  });
  it('reads empty front matter', () => {
    assert.deepEqual(jekyll('---\n---\nBody'), { yaml: '---\n', body: 'Body' });
  });
  it('finds nothing without a closing fence', () => {
    assert.equal(jekyll('---\ntitle: A\nBody\n'), undefined);
  });
  it('does not take ---js or ---- as an opening fence', () => {
    assert.equal(jekyll('---js\nmodule.exports = {}\n---\n'), undefined);
    assert.equal(jekyll('----\ntitle: A\n---\n'), undefined);
  });
  it('needs the closing fence at the start of a line', () => {
    assert.deepEqual(jekyll('---\ntitle: a --- b\n---\nX'), { yaml: '---\ntitle: a --- b\n', body: 'X' });
  });
  it('closes at a fence at the very end of the file', () => {
    assert.deepEqual(jekyll('---\ntitle: A\n---'), { yaml: '---\ntitle: A\n', body: '' });
  });
  it('takes the first closing fence', () => {
    assert.deepEqual(jekyll('---\na: 1\n---\nb\n---\nc'), { yaml: '---\na: 1\n', body: 'b\n---\nc' });
  });
  it('only treats ASCII blanks as Ruby \\s', () => {
    assert.equal(jekyll('---\u00a0\ntitle: A\n---\n'), undefined);
  });
  it('recognises the opening fence as has_yaml_header? does', () => {
    assert.equal(opensWithFence('---\n'), true);
    assert.equal(opensWithFence('--- \r\n'), true);
    assert.equal(opensWithFence('---js\n'), false);
  });
});

describe('LineIndex', () => {
  it('counts lines as VS Code does (\\n, \\r\\n, lone \\r)', () => {
    const l = new LineIndex('a\nbc\r\nd\re');
    assert.equal(l.lineCount, 4);
    assert.deepEqual(l.positionAt(3), { line: 1, character: 1 });
    assert.deepEqual(l.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(l.positionAt(8), { line: 3, character: 0 });
    assert.equal(l.lineText(1), 'bc');
    assert.equal(l.lineText(2), 'd');
    assert.equal(l.lineText(3), 'e');
    assert.equal(l.offsetAt({ line: 3, character: 0 }), 8);
  });
});
