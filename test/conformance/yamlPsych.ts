/**
 * Our verdict on front matter ("Jekyll can read it" or not) against Psych's
 * own, as Jekyll calls it: on every front matter of the corpora, the sample
 * site and the fixtures, and on 4,000 mutations of them (deterministic).
 * Run: node out/test/conformance/yamlPsych.js   (needs ruby)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { splitFrontMatter } from '../../src/core/frontMatter';
import { parseFrontMatterYaml } from '../../src/core/yamlPsych';
import { repoRoot, sharedDir } from '../util/paths';

function walk(d: string, out: string[] = []): string[] {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    const st = lstatSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (/\.(md|markdown|html)$/.test(n)) out.push(p);
  }
  return out;
}

/** Jekyll can use the block: Psych loads it to a Hash, nil or false. */
function oursReadable(block: string): boolean {
  const r = parseFrontMatterYaml(block);
  const c = r.doc.contents;
  return r.errors.length === 0 && (c === null || isMap(c) || (isScalar(c) && (c.value === null || c.value === false)));
}

export function main(): number {
  const roots = [join(repoRoot(), 'examples'), join(repoRoot(), 'test/fixtures')];
  const shared = sharedDir();
  if (shared && existsSync(join(shared, 'corpora'))) roots.push(join(shared, 'corpora'));
  else console.log('yaml-psych: ../shared not present, corpora skipped');
  const base: string[] = [];
  for (const root of roots) {
    for (const f of walk(root)) {
      const t = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      const s = splitFrontMatter(t);
      if (s) base.push(t.slice(0, s.yamlEnd));
    }
  }
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const ins = [':', ': ', '"', "'", '[', ']', '{', '}', '#', ' #', '-', '- ', '\n', '\n  ', '\t', '|', '>', '&a', '*a', '!', '%', '@', '`', '? ', ',', '\\'];
  const mutated: string[] = [];
  for (let k = 0; k < 4000 && base.length > 0; k++) {
    const b = base[Math.floor(rnd() * base.length)]!;
    const pos = 4 + Math.floor(rnd() * Math.max(1, b.length - 4));
    const op = rnd();
    if (op < 0.5) mutated.push(b.slice(0, pos) + ins[Math.floor(rnd() * ins.length)]! + b.slice(pos));
    else if (op < 0.8) mutated.push(b.slice(0, pos) + b.slice(pos + 1 + Math.floor(rnd() * 3)));
    else {
      const ls = b.split('\n');
      const i = 1 + Math.floor(rnd() * Math.max(1, ls.length - 1));
      ls[i] = (ls[i] ?? '').replace(/^ +/, '');
      mutated.push(ls.join('\n'));
    }
  }
  const all = [...base, ...mutated];
  const input = all.map((b) => JSON.stringify(b)).join('\n') + '\n';
  const out = execFileSync('ruby', [join(repoRoot(), 'test/conformance/psych-load.rb')], { input, maxBuffer: 1 << 28 })
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as [boolean | null, string]);
  const agree = (from: number, to: number): { n: number; diffs: string[] } => {
    let n = 0;
    const diffs: string[] = [];
    for (let i = from; i < to; i++) {
      const psych = out[i]![0] === true && ['Hash', 'NilClass', 'FalseClass'].includes(out[i]![1]);
      if (oursReadable(all[i]!) === psych) n++;
      else diffs.push(`${psych ? 'Psych reads' : 'Psych rejects'} ${JSON.stringify(all[i]).slice(0, 160)}`);
    }
    return { n, diffs };
  };
  const b = agree(0, base.length);
  const m = agree(base.length, all.length);
  for (const d of b.diffs) console.log('DIFF (real front matter) ' + d);
  const pct = (n: number, of: number): string => ((100 * n) / Math.max(1, of)).toFixed(2);
  console.log(`yaml-psych: real front matter ${b.n}/${base.length} agree (${pct(b.n, base.length)}%); mutations ${m.n}/${mutated.length} (${pct(m.n, mutated.length)}%)`);
  const typing = scalarTyping();
  // Real front matter must agree fully; mutations may hit the few libyaml corner cases listed in KNOWN_GAPS.md.
  const failed = (b.diffs.length > 0 ? 1 : 0) + (m.n / Math.max(1, mutated.length) < 0.99 ? 1 : 0) + (typing > 0 ? 1 : 0);
  console.log(`${3 - failed} passed, ${failed} failed`);
  return failed;
}

/** Our value of a loaded YAML node, encoded as psych-values.rb encodes Psych's. */
function encode(v: unknown): unknown {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return ['float', Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'];
    return Number.isInteger(v) ? ['int', String(v)] : ['float', String(v)];
  }
  if (v instanceof Date) return ['date', v.toISOString()];
  if (v instanceof Map) return [...v].map(([k, x]) => [encode(k), encode(x)]);
  if (Array.isArray(v)) return ['list', v.map(encode)];
  return v;
}

/**
 * How plain scalars are typed (strings, integers, floats, nulls, booleans) as keys and as
 * values: number-like words generated from digits, signs, dots, exponents, commas,
 * underscores and colons (every word of up to 3 of them), each loaded by Psych and by us. Numbers are compared by value
 * (Ruby prints 1.0e+20 where JavaScript prints 1e+20, and a whole float is a JavaScript integer); dates are left to rubyTime.
 */
function scalarTyping(): number {
  // Every word of up to 3 characters over number-like characters, plus longer forms.
  const alphabet = ['0', '1', '7', '9', '.', 'e', 'E', '+', '-', ',', '_', ':', 'x', 'b'];
  const words = new Set(['e2', '1e3', '1.5e+3', '1.5e3', '12e03', '1,000', '1,000.5', '1:20', '-1:30', '190:20:30.15', '0x1F', '0x_1F', '012', '0_7', '09', '.inf', '-.Inf', '+.INF', '.NaN', 'nuLL', 'NULL', 'Null', '~', '1_000', '1__0', '.1_0', '1.5_0', '0b101', '-0', '-0.0', '1.2.3', '123456789012', '0.000001', '1e+300']);
  let level = [''];
  for (let len = 1; len <= 3; len++) {
    level = level.flatMap((w) => alphabet.map((c) => w + c));
    level.forEach((w) => words.add(w));
  }
  const texts = [...words].flatMap((w) => [`v: ${w}\n`, `${w}: v\n`]);
  if (words.size < 2500) throw new Error(`only ${words.size} words`);
  const out = execFileSync('ruby', [join(repoRoot(), 'test/conformance/psych-values.rb')], { input: texts.map((t) => JSON.stringify(t)).join('\n') + '\n', maxBuffer: 1 << 28 })
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  // A JavaScript number does not keep Ruby's Float/Integer distinction for whole values (1.0 is 1).
  const sameFloat = (a: unknown, b: unknown): boolean =>
    Array.isArray(a) && Array.isArray(b) && (a[0] === 'float' || b[0] === 'float') && a[0] !== 'list' && b[0] !== 'list' && Number(a[1]) === Number(b[1]);
  const same = (a: unknown, b: unknown): boolean =>
    JSON.stringify(a) === JSON.stringify(b) || sameFloat(a, b) || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i])));
  let compared = 0;
  const diffs: string[] = [];
  texts.forEach((text, i) => {
    const psych = out[i];
    if (Array.isArray(psych) && psych[0] === 'error') return;
    const ours = parseFrontMatterYaml(text);
    if (ours.errors.length > 0) return; // whether it loads at all is the check above
    if (JSON.stringify(psych).includes('"date"')) return;
    compared++;
    const mine = encode(ours.doc.toJS({ mapAsMap: true }));
    if (!same(mine, psych)) diffs.push(`${JSON.stringify(text)}: Psych ${JSON.stringify(psych)}, ours ${JSON.stringify(mine)}`);
  });
  for (const d of diffs.slice(0, 20)) console.log('DIFF (scalar typing) ' + d);
  console.log(`yaml-psych: scalar typing ${compared - diffs.length}/${compared} agree`);
  return diffs.length;
}

if (require.main === module) process.exitCode = main() === 0 ? 0 : 1;
