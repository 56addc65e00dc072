import * as assert from 'node:assert/strict';
import type { Fix, Problem, TextEdit } from '../../src/core/problem';
import { LineIndex } from '../../src/core/text';
import { parseFrontMatterYaml } from '../../src/core/yamlPsych';
import { splitFrontMatter } from '../../src/core/frontMatter';

/** Applies non-overlapping edits to a text, as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

/** Applies a fix and checks what every fix must keep: YAML that still parses. */
export function applyFix(text: string, fix: Fix): string {
  const out = applyEdits(text, fix.edits);
  const split = splitFrontMatter(out.replace(/^\uFEFF/, ''));
  if (split) assert.deepEqual(parseFrontMatterYaml(out.replace(/^\uFEFF/, '').slice(0, split.yamlEnd)).errors, [], 'the fixed front matter must parse');
  return out;
}

/** The only problem of `code` in a list (fails when there is none or several). */
export function only(problems: readonly Problem[], code: string): Problem {
  const of = problems.filter((p) => p.code === code);
  assert.equal(of.length, 1, `expected one ${code}, got ${of.length}: ${JSON.stringify(problems.map((p) => p.code))}`);
  return of[0]!;
}

/** The text a problem's range covers. */
export function textAt(text: string, p: Problem): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(p.range.start), lines.offsetAt(p.range.end));
}
