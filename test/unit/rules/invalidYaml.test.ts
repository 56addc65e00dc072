import * as assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/check';
import { readConfig } from '../../../src/core/config';
import { parseFrontMatterYaml } from '../../../src/core/yamlPsych';
import { siteFromConfig } from '../../../src/core/site';
import type { Problem, TextEdit } from '../../../src/core/problem';
import { LineIndex } from '../../../src/core/text';

const site = siteFromConfig('/site', readConfig('timezone: Europe/London\n'));
const strict = siteFromConfig('/site', readConfig('strict_front_matter: true\n'));
const POST = '/site/_posts/2025-03-02-vimax.md';

function problems(text: string, s = site, path = POST): Problem[] {
  return checkDocument(text, path, s).filter((p) => p.code === 'invalid-yaml');
}

/** Applies edits (non-overlapping) to text. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

describe('rule invalid-yaml', () => {
  const bad = '---\nlayout: post\ntitle: ViMax: Agentic Video Generation\ndate: 2025-03-02 09:00:00 +0000\n---\nBody\n';

  it('flags an unquoted ": " on the exact line and says what Jekyll does', () => {
    const [p, ...rest] = problems(bad);
    assert.equal(rest.length, 0);
    assert.equal(p!.severity, 'error');
    assert.deepEqual(p!.range.start.line, 2);
    assert.equal(new LineIndex(bad).lineText(2).slice(p!.range.start.character, p!.range.end.character), 'ViMax: Agentic Video Generation');
    assert.match(p!.message, /`title`/);
    assert.match(p!.message, /publishes the post, without any of it/);
    assert.match(p!.message, /strict_front_matter/);
  });

  it('quotes the value as its preferred fix, touching nothing else', () => {
    const fix = problems(bad)[0]!.fixes[0]!;
    assert.equal(fix.preferred, true);
    const fixed = apply(bad, fix.edits);
    assert.equal(fixed, bad.replace('title: ViMax: Agentic Video Generation', 'title: "ViMax: Agentic Video Generation"'));
    assert.deepEqual(problems(fixed), []);
    assert.equal(parseFrontMatterYaml(fixed.slice(0, fixed.indexOf('---\nBody'))).errors.length, 0);
  });

  it('picks single quotes when the value holds double quotes, and keeps a trailing comment', () => {
    const text = '---\ntitle: Say "hi": now # greeting\n---\n';
    const fixed = apply(text, problems(text)[0]!.fixes[0]!.edits);
    assert.equal(fixed, '---\ntitle: \'Say "hi": now\' # greeting\n---\n');
    assert.deepEqual(problems(fixed), []);
  });

  it('offers no quoting fix when quoting is not the cause', () => {
    const text = '---\ntags: [a, b\n---\n';
    const [p] = problems(text);
    assert.ok(p);
    assert.deepEqual(p.fixes, []);
  });

  it('is silent on YAML Psych accepts (duplicate keys, column-0 quoted continuation)', () => {
    assert.deepEqual(problems('---\ntitle: A\ntitle: B\n---\n'), []);
    assert.deepEqual(problems('---\ntitle: "A long\ntitle"\n---\n'), []);
    assert.deepEqual(problems('---\n---\nno front matter values\n'), []);
  });

  it('flags front matter that is not key/value pairs', () => {
    const [p] = problems('---\njust a sentence\n---\n');
    assert.ok(p);
    assert.match(p.message, /key: value/);
  });

  it('says the build stops on a strict_front_matter site', () => {
    assert.match(problems(bad, strict)[0]!.message, /build stops here/);
  });

  it('keeps positions right with a BOM and CRLF', () => {
    const text = '\uFEFF---\r\ntitle: A: B\r\n---\r\n';
    const [p] = problems(text);
    assert.equal(p!.range.start.line, 1);
    assert.equal(p!.range.start.character, 7);
  });

  it('ignores files Jekyll does not read as documents', () => {
    assert.deepEqual(problems(bad, site, '/site/_includes/x.md'), []);
    assert.deepEqual(problems(bad, site, '/elsewhere/x.md'), []);
    assert.equal(problems(bad, site, '/site/about.md').length, 1);
    assert.deepEqual(problems('no front matter', site, '/site/about.md'), []);
  });

  it('never runs ---js front matter', () => {
    const text = "---js\n{ title: require('fs').writeFileSync('/tmp/pwned-jekyll-posts', 'x') }\n---\n";
    assert.deepEqual(checkDocument(text, POST, site), []);
  });
});
