/**
 * Ruby's File.fnmatch? without flags (as Jekyll's EntryFilter uses it):
 * '*' and '?' also match '/', '[...]' is a class, '\' escapes; a leading '.'
 * of the string is only matched by a literal '.'.
 */
export function fnmatch(pattern: string, path: string): boolean {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern);
    cache.set(pattern, compiled);
  }
  return compiled !== null && compiled.test(path);
}

const cache = new Map<string, RegExp | null>();

function compile(pattern: string): RegExp | null {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += i === 0 ? '(?!\\.)[\\s\\S]*' : '[\\s\\S]*';
    else if (c === '?') re += i === 0 ? '(?!\\.)[\\s\\S]' : '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!') || body.startsWith('^')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += escape(pattern[++i]!);
    } else re += escape(c);
  }
  try {
    return new RegExp(re + '$');
  } catch {
    return null;
  }
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}
