import { Document, isAlias, isNode, isScalar, parseDocument, visit } from 'yaml';
import { PSYCH_OPTIONS } from './yamlSchema';

/**
 * YAML front matter parsed with `yaml` (eemeli), but judged as Jekyll's
 * Psych (libyaml, YAML 1.1) judges it. Where the two disagree on real posts
 * we follow Psych:
 *  - quoted scalars and flow collections continued on lines indented less
 *    than the block (even at column 0) are accepted by libyaml;
 *  - duplicate keys are accepted, the last one wins;
 *  - U+0085, U+2028, U+2029 are line breaks in YAML 1.1;
 *  - non-printable characters are an error;
 *  - an alias to an unknown anchor and `!ruby/…` tags are load errors
 *    (Psych::BadAlias / DisallowedClass), which Jekyll also reports.
 */
export interface YamlError {
  /** Offsets in the front-matter source. */
  start: number;
  end: number;
  message: string;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  errors: YamlError[];
  /** Maps an offset in `doc`'s source back to the original text (identity unless repaired). */
  toOriginal: (offset: number) => number;
}

const OPTIONS = PSYCH_OPTIONS;

/** Errors `yaml` reports that Psych does not (on a single front-matter block). */
const IGNORED = new Set(['MULTIPLE_DOCS', 'DUPLICATE_KEY']);

// libyaml's printable set: tab, LF, CR, 0x20-0x7E, 0x85, 0xA0-0xD7FF, 0xE000-0xFFFD (not the BOM inside), astral.
 
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const YAML11_BREAKS = /[\u0085\u2028\u2029]/g;

/** Parses `source` (the whole front-matter block including its opening `---`). */
export function parseFrontMatterYaml(source: string): ParsedYaml {
  // The parser reports errors as Error objects; their stack traces are never read and
  // cost more than the parse itself on invalid front matter.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseWithoutTraces(source);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function parseWithoutTraces(source: string): ParsedYaml {
  const src = source.replace(YAML11_BREAKS, '\n');
  const identity = (o: number): number => o;
  let doc = parseDocument(src, OPTIONS);
  let toOriginal = identity;
  let errors = relevant(doc);
  if (errors.length > 0) {
    const repair = indentContinuations(src);
    if (repair) {
      const again = parseDocument(repair.text, OPTIONS);
      if (relevant(again).length === 0) {
        doc = again;
        toOriginal = repair.toOriginal;
        errors = [];
      }
    }
  }
  const out: YamlError[] = errors.map((e) => ({ start: e.pos[0], end: e.pos[1], message: firstLine(e.message) }));
  if (out.length === 0) out.push(...loadErrors(doc, toOriginal));
  const bad = NON_PRINTABLE.exec(source);
  if (bad && out.length === 0) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    out.push({ start: bad.index, end: bad.index + bad[0].length, message: `control characters are not allowed (U+${code})` });
  }
  return { doc, errors: out, toOriginal };
}

function relevant(doc: Document.Parsed): Array<{ code: string; pos: [number, number]; message: string }> {
  return doc.errors.filter((e) => !IGNORED.has(e.code));
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  const line = nl < 0 ? message : message.slice(0, nl);
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Errors Psych raises while loading a syntactically valid document. */
function loadErrors(doc: Document.Parsed, toOriginal: (o: number) => number): YamlError[] {
  const errors: YamlError[] = [];
  const anchors = new Set<string>();
  visit(doc, (_key, node) => {
    if (!isNode(node)) return;
    const range = node.range ?? [0, 0, 0];
    if (node.anchor) anchors.add(node.anchor);
    if (isAlias(node) && !anchors.has(node.source)) {
      errors.push({ start: toOriginal(range[0]), end: toOriginal(range[1]), message: `unknown alias: ${node.source}` });
    }
    // Psych reads a plain `:name` as a Ruby Symbol, which safe_load refuses.
    if (isScalar(node) && node.type === 'PLAIN' && typeof node.source === 'string' && /^:[^\s]/.test(node.source)) {
      errors.push({ start: toOriginal(range[0]), end: toOriginal(range[1]), message: `${node.source} is read as a Ruby Symbol, which Jekyll refuses (Psych::DisallowedClass)` });
    }
    const tag = node.tag;
    if (typeof tag === 'string' && /^!ruby\//.test(tag)) {
      errors.push({ start: toOriginal(range[0]), end: toOriginal(range[1]), message: `tag ${tag} is not allowed (Psych::DisallowedClass)` });
    }
  });
  return errors;
}

interface Repair {
  text: string;
  toOriginal: (offset: number) => number;
}

/**
 * libyaml ignores indentation inside quoted scalars and flow collections;
 * `yaml` requires continuation lines to be indented past their block. Indent
 * such lines (leading white space there is folded away, so values do not
 * change) and report how offsets move. Returns undefined when nothing moved.
 */
export function indentContinuations(src: string): Repair | undefined {
  const lines = src.split('\n');
  const pads: Array<{ at: number; pad: number }> = []; // original offset of a line start, spaces inserted there
  let mode: 'block' | 'dq' | 'sq' = 'block';
  let flowDepth = 0;
  let flowQuote: '' | '"' | "'" = '';
  let needIndent = 0;
  let blockScalarParent = -1; // indentation of the key owning a block scalar
  let offset = 0;
  const out: string[] = [];
  for (const line of lines) {
    const indent = /^ */.exec(line)![0].length;
    let text = line;
    const inside = mode !== 'block' || flowDepth > 0;
    if (inside && indent < needIndent && line.trim() !== '') {
      const pad = needIndent - indent;
      pads.push({ at: offset, pad });
      text = ' '.repeat(pad) + line;
    }
    out.push(text);
    offset += line.length + 1;
    if (!inside && blockScalarParent >= 0) {
      if (line.trim() === '' || indent > blockScalarParent) continue;
      blockScalarParent = -1;
    }
    if (!inside) needIndent = effectiveIndent(line) + 1;
    // Scan the line's characters to find where quoted scalars / flow collections open and close.
    let valueStart = !inside;
    for (let i = inside ? 0 : indent; i < line.length; i++) {
      const c = line[i]!;
      if (mode === 'dq') {
        if (c === '\\') i++;
        else if (c === '"') mode = 'block';
        continue;
      }
      if (mode === 'sq') {
        if (c === "'") {
          if (line[i + 1] === "'") i++;
          else mode = 'block';
        }
        continue;
      }
      if (flowDepth > 0) {
        if (flowQuote === '"') {
          if (c === '\\') i++;
          else if (c === '"') flowQuote = '';
          continue;
        }
        if (flowQuote === "'") {
          if (c === "'") {
            if (line[i + 1] === "'") i++;
            else flowQuote = '';
          }
          continue;
        }
        if (c === '[' || c === '{') flowDepth++;
        else if (c === ']' || c === '}') flowDepth--;
        else if ((c === '"' || c === "'") && /[[{,:\s]|^$/.test(prevNonSpace(line, i))) flowQuote = c;
        else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      if (valueStart) {
        if (c === '"') { mode = 'dq'; continue; }
        if (c === "'") { mode = 'sq'; continue; }
        if (c === '[' || c === '{') { flowDepth = 1; flowQuote = ''; continue; }
        if ((c === '|' || c === '>') && /^[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(i))) {
          blockScalarParent = indent;
          break;
        }
        if (c === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) continue;
        if (c === '?' && (line[i + 1] === ' ' || i + 1 === line.length)) continue;
        if (c === '&' || c === '!') {
          while (i + 1 < line.length && line[i + 1] !== ' ') i++;
          continue;
        }
        valueStart = false;
      }
      if (c === ':' && (line[i + 1] === ' ' || line[i + 1] === '\t' || i + 1 === line.length)) valueStart = true;
    }
  }
  if (pads.length === 0) return undefined;
  return {
    text: out.join('\n'),
    toOriginal: (o: number): number => {
      let shift = 0;
      for (const p of pads) {
        const start = p.at + shift; // where that line starts in the repaired text
        if (o < start) break;
        if (o < start + p.pad) return p.at;
        shift += p.pad;
      }
      return o - shift;
    },
  };
}

function prevNonSpace(line: string, i: number): string {
  for (let j = i - 1; j >= 0; j--) if (line[j] !== ' ' && line[j] !== '\t') return line[j]!;
  return '';
}

/** Indentation of a line counting leading `- ` sequence indicators as indentation. */
function effectiveIndent(line: string): number {
  const m = /^[ ]*(?:-[ ]+)*/.exec(line)!;
  return m[0].length;
}
