/**
 * Front matter exactly as Jekyll 4.3 finds it (Document::YAML_FRONT_MATTER_REGEXP):
 *   \A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)   (Ruby, /m: '.' spans lines)
 * Ruby's \s is ASCII-only, '^' follows only "\n", '$' precedes only "\n" or
 * the end. Jekyll reads files as 'bom|utf-8', so the BOM is gone first.
 */
const RUBY_SPACE = '[ \\t\\r\\n\\f\\v]';
const FRONT_MATTER = new RegExp(
  `^(---${RUBY_SPACE}*\\n[\\s\\S]*?\\n?)(?<=\\n)((---|\\.\\.\\.)${RUBY_SPACE}*(?=\\n|(?![\\s\\S]))\\n?)`,
);

export interface FrontMatterSplit {
  /** The text Jekyll hands to Psych: from offset 0 (the opening '---') to yamlEnd. */
  yamlEnd: number;
  /** Offset of the closing fence ('---' or '...'). */
  closeStart: number;
  /** The closing fence's own characters end here (without trailing blanks). */
  closeFenceEnd: number;
  /** Where the body (Jekyll's `content`) starts. */
  bodyStart: number;
  closer: '---' | '...';
}

/** Splits a post (without BOM) as Jekyll does; undefined when Jekyll sees no front matter. */
export function splitFrontMatter(text: string): FrontMatterSplit | undefined {
  if (!text.startsWith('---')) return undefined;
  const m = FRONT_MATTER.exec(text);
  if (!m) return undefined;
  const yamlEnd = m[1]!.length;
  const closer = m[3] as '---' | '...';
  return {
    yamlEnd,
    closeStart: yamlEnd,
    closeFenceEnd: yamlEnd + 3,
    bodyStart: m[0].length,
    closer,
  };
}

/** The opening fence line as Jekyll's `has_yaml_header?` would accept it: `---` then only blanks. */
export function opensWithFence(text: string): boolean {
  return /^---[ \t\r\f\v]*\n/.test(text);
}
