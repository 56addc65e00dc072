import type { SiteModel } from './site';
import { isRecord } from './yamlValue';

/** One `defaults:` entry of `_config.yml`. */
interface DefaultSet {
  path: string | undefined;
  type: string | undefined;
  hasType: boolean;
  values: Record<string, unknown>;
}

const setsOf = new WeakMap<SiteModel, { sets: DefaultSet[]; merged: Map<string, Record<string, unknown>> }>();

/** The site's default sets, read once per site model, and the merged values per combination of sets that apply. */
function cached(site: SiteModel): { sets: DefaultSet[]; merged: Map<string, Record<string, unknown>> } {
  let c = setsOf.get(site);
  if (!c) setsOf.set(site, (c = { sets: sets(site), merged: new Map() }));
  return c;
}

function sets(site: SiteModel): DefaultSet[] {
  const raw = site.config.raw.defaults;
  if (!Array.isArray(raw)) return [];
  const out: DefaultSet[] = [];
  for (const s of raw) {
    if (!isRecord(s) || !isRecord(s.values)) continue;
    const scope = isRecord(s.scope) ? s.scope : undefined;
    out.push({
      path: scope && typeof scope.path === 'string' ? scope.path : undefined,
      type: scope && typeof scope.type === 'string' ? ({ post: 'posts', page: 'pages', draft: 'drafts' } as Record<string, string>)[scope.type] ?? scope.type : undefined,
      hasType: scope !== undefined && 'type' in scope,
      values: s.values,
    });
  }
  return out;
}

function sanitize(path: string | undefined): string {
  if (!path) return '';
  return path.startsWith('/') ? path.replace(/^\/|(?<=[^/])$/g, '') : path;
}

function stripCollectionsDir(site: SiteModel, path: string): string {
  const cd = site.config.collectionsDir;
  return cd && path.startsWith(cd + '/') ? path.slice(cd.length + 1) : path;
}

const globs = new Map<string, RegExp>();

/** Dir.glob-style match of a scope glob ('*' within a segment, '**' across) against a path or one of its parent folders. */
function globCovers(glob: string, path: string): boolean {
  let r = globs.get(glob);
  if (!r) globs.set(glob, (r = globRegExp(glob)));
  const parts = path.split('/');
  for (let i = parts.length; i >= 1; i--) if (r.test(parts.slice(0, i).join('/'))) return true;
  return false;
}

function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += /[.+^${}()|[\]\\]/.test(c) ? '\\' + c : c;
  }
  return new RegExp('^' + re + '$');
}

function applies(site: SiteModel, set: DefaultSet, relPath: string, type: string): boolean {
  if (set.hasType && set.type !== type) return false;
  const scopePath = set.path;
  if (scopePath === undefined || scopePath === '') return true;
  const p = sanitize(relPath);
  if (scopePath.includes('*')) return globCovers(stripCollectionsDir(site, sanitize(scopePath)), p);
  return p.startsWith(stripCollectionsDir(site, scopePath));
}

function precedes(oldSet: DefaultSet | undefined, newSet: DefaultSet): boolean {
  if (!oldSet) return true;
  const n = sanitize(newSet.path).length;
  const o = sanitize(oldSet.path).length;
  if (n !== o) return n >= o;
  if (newSet.hasType) return true;
  return !oldSet.hasType;
}

/** Jekyll's deep_merge_hashes: nested maps merge; a nil new value keeps the old one. */
export function deepMerge(target: Record<string, unknown>, overwrite: Record<string, unknown>): Record<string, unknown> {
  return deepMergeInto({ ...target }, overwrite);
}

/** deep_merge_hashes! (in place): `out` takes `overwrite`'s values; nested maps are merged into new maps. */
export function deepMergeInto(out: Record<string, unknown>, overwrite: Readonly<Record<string, unknown>>): Record<string, unknown> {
  for (const k of Object.keys(overwrite)) {
    const v = overwrite[k];
    const old = out[k];
    if (v === null || v === undefined) {
      if (!(k in out)) out[k] = v;
    } else if (isRecord(old) && isRecord(v)) out[k] = deepMerge(old, v);
    else out[k] = v;
  }
  return out;
}

/**
 * The values `defaults:` gives a document at `relPath` (relative to the
 * collections folder) of collection `type` (posts, drafts are posts too):
 * every matching scope, the more specific winning (FrontmatterDefaults#all).
 */
export function defaultsFor(site: SiteModel, relPath: string, type: string): Readonly<Record<string, unknown>> {
  // What applies depends only on which sets match: the merge is made once per combination.
  const { sets, merged } = cached(site);
  const applying: DefaultSet[] = [];
  let key = '';
  sets.forEach((set, i) => {
    if (!applies(site, set, relPath, type)) return;
    applying.push(set);
    key += i + ',';
  });
  let result = merged.get(key);
  if (!result) merged.set(key, (result = merge(applying)));
  return result;
}

function merge(applying: readonly DefaultSet[]): Record<string, unknown> {
  let result: Record<string, unknown> = {};
  let oldScope: DefaultSet | undefined;
  for (const set of applying) {
    if (precedes(oldScope, set)) {
      result = deepMerge(result, set.values);
      oldScope = set;
    } else {
      result = deepMerge(set.values, result);
    }
  }
  return result;
}
