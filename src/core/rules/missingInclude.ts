import { documentLiquid, trimmedArgs } from '../liquidScan';
import { buildFails, closest, replaceFix } from './liquidTargets';
import type { Finding, Rule, RuleContext } from './rule';

// IncludeTag#validate_file_name.
const INVALID_SEQUENCES = /[./]{2,}/;
const VALID_FILENAME_CHARS = /^[A-Za-z0-9_/.\-()+~#@]+$/;

/** `{% include %}` / `{% include_relative %}` of a file that is not there: the build stops. */
export const missingInclude: Rule = {
  id: 'missing-include',
  defaultSeverity: 'error',
  summary: '`{% include %}` or `{% include_relative %}` of a file that does not exist: the build fails.',
  docs: {
    description: [
      '`{% include file.html key=value %}` reads `_includes/file.html` (or the folder `includes_dir` names); `{% include_relative file %}` reads a',
      'file next to the post or page. When the file is not there, **the build fails** (`Could not locate the included file …`) — the whole',
      'site. So it does for a name with `..`, `./`, `//` or a character other than letters, digits and `_ / . - ( ) + ~ # @`: Jekyll refuses',
      'it (`Invalid syntax for include tag`), which is why `include_relative` cannot reach a parent folder. With `theme:` or `remote_theme:`',
      'the include may come from the theme, so a missing one is only a hint. A computed name (`{% include {{ page.widget }} %}`) is not',
      'checked, nor is anything inside `{% raw %}` or `{% comment %}`, nor a file whose effective front matter sets',
      '`render_with_liquid: false`.',
    ].join('\n'),
    bad: '---\ntitle: Results night\n---\n{% include live-results-widget.html constituency="runcorn-and-helsby" %}',
    good: '---\ntitle: Results night\n---\n{% include live-results.html constituency="runcorn-and-helsby" %}',
    fix: 'The nearest existing include (for `include_relative`, the nearest file under the post\'s folder); preferred when it is clearly the one.',
  },
  check({ doc, site, index, post }: RuleContext): Finding[] {
    const scan = documentLiquid(doc, site, post);
    if (!scan) return [];
    const out: Finding[] = [];
    const raw = site.config.raw.includes_dir;
    const includesDir = (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : '_includes').replace(/^\.?\/+|\/+$/g, '');
    const here = doc.relativePath.includes('/') ? doc.relativePath.slice(0, doc.relativePath.lastIndexOf('/')) : '';
    for (const t of scan.tokens) {
      if (t.kind !== 'tag' || (t.name !== 'include' && t.name !== 'include_relative') || !t.terminated) continue;
      const markup = trimmedArgs(t);
      if (markup.text.includes('{{')) continue;
      const file = /^\S*/.exec(markup.text)![0];
      const range = doc.lines.rangeOf(file === '' ? t.start : markup.start, file === '' ? t.end : markup.start + file.length);
      const tag = `{% ${t.name} %}`;
      if (file === '' || INVALID_SEQUENCES.test(file) || !VALID_FILENAME_CHARS.test(file)) {
        const what = file === '' ? 'names no file' : `names '${file}'`;
        out.push({ range, message: `${buildFails(doc.kind)}: this ${tag} ${what}, and Jekyll accepts only file names of letters, digits and \`_ / . - ( ) + ~ # @\`, without \`..\`, \`./\` or \`//\` ("Invalid syntax for include tag").` });
        continue;
      }
      if (!index) continue;
      const name = file.replace(/^\//, '');
      const relative = t.name === 'include_relative';
      const dir = relative ? here : includesDir;
      const path = dir ? `${dir}/${name}` : name;
      if (index.files.has(path)) continue;
      const prefix = dir ? dir + '/' : '';
      const names = relative || includesDir !== '_includes' ? [...index.files].filter((f) => f.startsWith(prefix) && f !== doc.relativePath).map((f) => f.slice(prefix.length)) : [...index.includes];
      const { list, clear } = closest(name, names, (n) => n);
      const fixes = list.map((r, i) => {
        const n = file.startsWith('/') ? '/' + r.value : r.value;
        return replaceFix(doc, markup.start, markup.start + file.length, n, `Use ${n}`, clear && i === 0);
      });
      const hint = fixes.length > 0 ? ` Did you mean '${fixes[0]!.edits[0]!.newText}'?` : '';
      if (!relative && index.hasTheme) {
        out.push({ range, message: `There is no \`${path}\` in the site; it may come from the theme — if it does not, the build fails ("Could not locate the included file '${file}'").${hint}`, fixes, severity: 'hint' });
        continue;
      }
      const where = relative ? ` ({% include_relative %} looks next to this file${here ? `, in \`${here}/\`` : ', in the site root'})` : '';
      out.push({ range, message: `${buildFails(doc.kind)}: there is no \`${path}\`${where} ("Could not locate the included file '${file}'").${hint}`, fixes });
    }
    return out;
  },
};
