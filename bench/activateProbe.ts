/**
 * Child process of bench/run.ts: times `require(extension.js)` + `activate(context)` with a stub
 * `vscode` module, then prints one JSON line (prefixed with `@@probe `) and exits.
 *
 *   node out/bench/activateProbe.js EXTENSION_JS WORKSPACE_FOLDER EXTENSION_ROOT [--open FILE] [--wait-diagnostics MS]
 *
 * The stub is a recursive Proxy: every property is another stub, calling one returns a stub with
 * `dispose()`, so `vscode.languages.registerHoverProvider(...)`, `onDidChangeX(listener)` and the
 * like all work. The pieces an activation really reads are real: `workspace.workspaceFolders`,
 * `workspace.fs` (backed by node:fs), `workspace.findFiles` (a small glob walker),
 * `workspace.getConfiguration` (defaults), `Uri`, `Range`/`Position`, `EventEmitter`, `l10n.t`,
 * a diagnostic collection that records when diagnostics are first set, and (with --open FILE)
 * one open TextDocument in `workspace.textDocuments`, as when VS Code restores an editor.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

type Obj = Record<string | symbol, unknown>;

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const errors: string[] = [];
process.on('unhandledRejection', (e) => errors.push(`unhandledRejection: ${String((e as Error)?.stack ?? e)}`.slice(0, 500)));
process.on('uncaughtException', (e) => errors.push(`uncaughtException: ${String(e?.stack ?? e)}`.slice(0, 500)));

// ------------------------------------------------------------ recursive stub

/**
 * @param ownKeys When given, the stub is a plain object reporting these names (and the overrides)
 *   as its own properties. esbuild's `__toESM(require("vscode"))` copies only own property names
 *   into the namespace object the bundle uses, so the module stub must list the API's names.
 */
function stub(name: string, overrides: Obj = {}, ownKeys?: readonly string[]): unknown {
  const target: object = ownKeys ? {} : function stubTarget(): void {};
  const children = new Map<string | symbol, unknown>();
  const get = (prop: string | symbol): unknown => {
    if (prop in overrides) return overrides[prop];
    if (children.has(prop)) return children.get(prop);
    if (prop === 'then' || prop === '__esModule') return undefined; // never a thenable: `await stub` is the stub
    if (prop === 'dispose') return () => undefined;
    if (prop === Symbol.iterator) return function* empty(): Generator<never> {};
    if (prop === Symbol.toPrimitive) return () => `[stub ${name}]`;
    if (prop === 'toString' || prop === 'toJSON') return () => `[stub ${name}]`;
    if (typeof prop === 'symbol') return undefined;
    const child = stub(`${name}.${prop}`);
    children.set(prop, child);
    return child;
  };
  const keys = (): string[] => [...new Set([...(ownKeys ?? []), ...Object.keys(overrides)])];
  const proxy: unknown = new Proxy(target, {
    get: (_t, prop) => get(prop),
    ...(ownKeys
      ? {
          ownKeys: () => keys(),
          getOwnPropertyDescriptor: (_t: object, prop: string | symbol) =>
            typeof prop === 'string' && keys().includes(prop) ? { value: get(prop), writable: true, enumerable: true, configurable: true } : undefined,
        }
      : {}),
    set(_t, prop, value) {
      overrides[prop] = value;
      return true;
    },
    has(_t, prop) {
      return prop in overrides || typeof prop === 'string';
    },
    apply() {
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`) as object;
    },
  });
  return proxy;
}

/** The vscode API's top-level names, from @types/vscode (a fallback list when it is missing). */
function vscodeApiNames(extensionRoot: string): string[] {
  try {
    const dts = fs.readFileSync(path.join(extensionRoot, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
    const names = [...dts.matchAll(/^\texport (?:class|namespace|enum|const|function|let|var) (\w+)/gm)].map((m) => m[1]!);
    if (names.length > 50) return names;
  } catch {
    // fall through
  }
  return ['version', 'workspace', 'window', 'languages', 'commands', 'env', 'extensions', 'l10n', 'tasks', 'debug', 'scm', 'tests', 'notebooks', 'authentication', 'chat', 'lm',
    'Uri', 'Position', 'Range', 'Selection', 'Disposable', 'EventEmitter', 'Diagnostic', 'DiagnosticSeverity', 'DiagnosticTag', 'RelativePattern', 'FileSystemError', 'FileType',
    'CodeAction', 'CodeActionKind', 'CompletionItem', 'CompletionItemKind', 'CompletionList', 'Hover', 'MarkdownString', 'TextEdit', 'WorkspaceEdit', 'SnippetString',
    'ProgressLocation', 'StatusBarAlignment', 'ThemeColor', 'ThemeIcon', 'ViewColumn', 'ConfigurationTarget', 'ExtensionMode', 'UIKind', 'CancellationTokenSource', 'TreeItem', 'DocumentLink', 'Location'];
}

// ------------------------------------------------------------ real pieces

class Uri {
  constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = '',
    readonly fragment = '',
  ) {}
  get fsPath(): string {
    return this.path;
  }
  static file(p: string): Uri {
    return new Uri('file', '', p.split(path.sep).join('/'));
  }
  static parse(s: string): Uri {
    const m = /^([a-z][\w+.-]*):(?:\/\/([^/]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(s);
    return m ? new Uri(m[1]!, m[2] ?? '', decodeURIComponent(m[3] ?? ''), m[4] ?? '', m[5] ?? '') : Uri.file(s);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts));
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  with(c: Partial<{ scheme: string; authority: string; path: string; query: string; fragment: string }>): Uri {
    return new Uri(c.scheme ?? this.scheme, c.authority ?? this.authority, c.path ?? this.path, c.query ?? this.query, c.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? '?' + this.query : ''}${this.fragment ? '#' + this.fragment : ''}`;
  }
  toJSON(): object {
    return { scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment };
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  isBefore(o: Position): boolean {
    return this.line < o.line || (this.line === o.line && this.character < o.character);
  }
  isEqual(o: Position): boolean {
    return this.line === o.line && this.character === o.character;
  }
  translate(dl = 0, dc = 0): Position {
    return new Position(this.line + dl, this.character + dc);
  }
  with(line = this.line, character = this.character): Position {
    return new Position(line, character);
  }
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
  get isEmpty(): boolean {
    return this.start.isEqual(this.end);
  }
  contains(p: Position | Range): boolean {
    const q = p instanceof Range ? p.start : p;
    return !q.isBefore(this.start) && !this.end.isBefore(q);
  }
}

class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...ds: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => ds.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

class EventEmitter<T> {
  private listeners: Array<(e: T) => unknown> = [];
  readonly event = (listener: (e: T) => unknown): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Diagnostic {
  source?: string;
  code?: unknown;
  tags?: unknown[];
  relatedInformation?: unknown[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity = 0,
  ) {}
}

class RelativePattern {
  readonly baseUri: Uri;
  readonly base: string;
  constructor(
    base: Uri | string | { uri: Uri },
    readonly pattern: string,
  ) {
    this.baseUri = typeof base === 'string' ? Uri.file(base) : base instanceof Uri ? base : base.uri;
    this.base = this.baseUri.fsPath;
  }
}

class FileSystemError extends Error {
  constructor(
    message: string,
    readonly code = 'Unknown',
  ) {
    super(message);
  }
  static FileNotFound(u?: unknown): FileSystemError {
    return new FileSystemError(`FileNotFound: ${String(u)}`, 'FileNotFound');
  }
}

const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };

/** glob → RegExp for `**`, `*`, `?`, `{a,b}`. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string, out: string[], limit: number): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.length >= limit) return;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') walk(p, out, limit);
    } else if (e.isFile()) out.push(p);
  }
}

// ------------------------------------------------------------ the vscode module

/** A TextDocument over a file's text: enough for diagnostics to be computed and converted. */
function textDocument(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const offsetAt = (p: Position): number => Math.min(text.length, (starts[Math.min(p.line, starts.length - 1)] ?? 0) + p.character);
  const positionAt = (o: number): Position => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return new Position(lo, o - starts[lo]!);
  };
  const lineText = (n: number): string => text.slice(starts[n], n + 1 < starts.length ? starts[n + 1]! - 1 : text.length).replace(/\r$/, '');
  return {
    uri: Uri.file(file),
    fileName: file,
    languageId: file.endsWith('.html') ? 'html' : 'markdown',
    version: 1,
    isDirty: false,
    isClosed: false,
    isUntitled: false,
    eol: text.includes('\r\n') ? 2 : 1,
    lineCount: starts.length,
    getText: (r?: Range) => (r ? text.slice(offsetAt(r.start), offsetAt(r.end)) : text),
    lineAt: (n: number | Position) => {
      const line = typeof n === 'number' ? n : n.line;
      const t = lineText(line);
      return { lineNumber: line, text: t, range: new Range(line, 0, line, t.length), isEmptyOrWhitespace: t.trim() === '', firstNonWhitespaceCharacterIndex: t.length - t.trimStart().length };
    },
    offsetAt,
    positionAt,
    validateRange: (r: Range) => r,
    validatePosition: (p: Position) => p,
    getWordRangeAtPosition: () => undefined,
    save: async () => true,
  };
}

function makeVscode(workspace: string, diag: { firstSetAt?: number; sets: number }, open: string[], apiNames: readonly string[]): unknown {
  const folder = { uri: Uri.file(workspace), name: path.basename(workspace), index: 0 };
  const toPath = (u: unknown): string => (u instanceof Uri ? u.fsPath : typeof u === 'string' ? u : String((u as { fsPath?: string }).fsPath));
  const notFound = (e: unknown, u: unknown): never => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw FileSystemError.FileNotFound(u);
    throw e;
  };
  const wsfs = {
    async readFile(u: unknown): Promise<Uint8Array> {
      try {
        return new Uint8Array(await fs.promises.readFile(toPath(u)));
      } catch (e) {
        return notFound(e, u);
      }
    },
    async readDirectory(u: unknown): Promise<Array<[string, number]>> {
      try {
        const es = await fs.promises.readdir(toPath(u), { withFileTypes: true });
        return es.map((e) => [e.name, e.isDirectory() ? FileType.Directory : e.isFile() ? FileType.File : FileType.Unknown]);
      } catch (e) {
        return notFound(e, u);
      }
    },
    async stat(u: unknown): Promise<{ type: number; size: number; mtime: number; ctime: number }> {
      try {
        const s = await fs.promises.stat(toPath(u));
        return { type: s.isDirectory() ? FileType.Directory : FileType.File, size: s.size, mtime: s.mtimeMs, ctime: s.ctimeMs };
      } catch (e) {
        return notFound(e, u);
      }
    },
    async writeFile(): Promise<void> {},
    async createDirectory(): Promise<void> {},
    async delete(): Promise<void> {},
    async rename(): Promise<void> {},
    async copy(): Promise<void> {},
    isWritableFileSystem: () => true,
  };
  const findFiles = async (include: unknown, exclude?: unknown, max = Infinity): Promise<Uri[]> => {
    const base = include instanceof RelativePattern ? include.base : workspace;
    const pattern = include instanceof RelativePattern ? include.pattern : String(include);
    const inc = globToRegExp(pattern);
    const exc = typeof exclude === 'string' ? globToRegExp(exclude) : exclude instanceof RelativePattern ? globToRegExp(exclude.pattern) : undefined;
    const files: string[] = [];
    walk(base, files, 1_000_000);
    const out: Uri[] = [];
    for (const f of files) {
      const rel = path.relative(base, f).split(path.sep).join('/');
      if (inc.test(rel) && !(exc && exc.test(rel))) out.push(Uri.file(f));
      if (out.length >= (max ?? Infinity)) break;
    }
    return out;
  };
  const configuration = stub('WorkspaceConfiguration', {
    get: (_k: string, d?: unknown) => d,
    has: () => false,
    inspect: () => undefined,
    update: async () => undefined,
  });
  const diagnosticCollection = (name = 'stub'): unknown => {
    const map = new Map<string, unknown>();
    return stub(`DiagnosticCollection(${name})`, {
      name,
      set: (u: unknown, d?: unknown) => {
        diag.sets++;
        if (diag.firstSetAt === undefined) diag.firstSetAt = now();
        if (Array.isArray(u)) for (const [k, v] of u as Array<[unknown, unknown]>) map.set(String(k), v);
        else map.set(String(u), d);
      },
      delete: (u: unknown) => void map.delete(String(u)),
      clear: () => map.clear(),
      get: (u: unknown) => map.get(String(u)),
      has: (u: unknown) => map.has(String(u)),
      forEach: () => undefined,
      dispose: () => undefined,
    });
  };
  const l10nT = (message: string | { message: string; args?: unknown[] }, ...args: unknown[]): string => {
    const msg = typeof message === 'string' ? message : message.message;
    const a = typeof message === 'string' ? args : (message.args ?? []);
    const named = a.length === 1 && a[0] && typeof a[0] === 'object' ? (a[0] as Obj) : undefined;
    return msg.replace(/\{(\w+)\}/g, (m, k: string) => {
      const v = named ? named[k] : a[Number(k)];
      if (v === undefined) return m;
      return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
    });
  };
  return stub('vscode', {
    version: '1.100.0',
    Uri,
    Position,
    Range,
    Selection: Range,
    Disposable,
    EventEmitter,
    Diagnostic,
    RelativePattern,
    FileSystemError,
    FileType,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    UIKind: { Desktop: 1, Web: 2 },
    workspace: stub('workspace', {
      workspaceFolders: [folder],
      name: folder.name,
      rootPath: workspace,
      isTrusted: true,
      textDocuments: open.map(textDocument),
      fs: wsfs,
      findFiles,
      getWorkspaceFolder: (u: unknown) => (toPath(u).startsWith(workspace) ? folder : undefined),
      getConfiguration: () => configuration,
      asRelativePath: (u: unknown) => path.relative(workspace, toPath(u)),
    }),
    window: stub('window', { visibleTextEditors: [], activeTextEditor: undefined, terminals: [] }),
    languages: stub('languages', { createDiagnosticCollection: diagnosticCollection, getDiagnostics: () => [] }),
    commands: stub('commands', { executeCommand: async () => undefined, getCommands: async () => [] }),
    env: stub('env', { language: 'en', appName: 'bench', uiKind: 1, machineId: 'bench', sessionId: 'bench', remoteName: undefined }),
    l10n: stub('l10n', { t: l10nT, bundle: undefined, uri: undefined }),
  }, apiNames);
}

function makeContext(root: string): unknown {
  const memento = (): Obj => {
    const m = new Map<string, unknown>();
    return { get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d), update: async (k: string, v: unknown) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync: () => undefined };
  };
  const tmp = path.join(os.tmpdir(), 'jp-bench-context'); // not created: an extension creates what it uses
  return stub('ExtensionContext', {
    subscriptions: [],
    extensionUri: Uri.file(root),
    extensionPath: root,
    globalState: memento(),
    workspaceState: memento(),
    storageUri: Uri.file(path.join(tmp, 'ws')),
    storagePath: path.join(tmp, 'ws'),
    globalStorageUri: Uri.file(path.join(tmp, 'global')),
    globalStoragePath: path.join(tmp, 'global'),
    logUri: Uri.file(path.join(tmp, 'log')),
    logPath: path.join(tmp, 'log'),
    extensionMode: 1,
    asAbsolutePath: (rel: string) => path.join(root, rel),
  });
}

async function main(): Promise<void> {
  const [extensionJs, workspace, extensionRoot] = process.argv.slice(2);
  const waitIdx = process.argv.indexOf('--wait-diagnostics');
  const waitMs = waitIdx >= 0 ? Number(process.argv[waitIdx + 1]) : 0;
  const openIdx = process.argv.indexOf('--open');
  const open = openIdx >= 0 ? [path.resolve(process.argv[openIdx + 1]!)] : [];
  if (!extensionJs || !workspace || !extensionRoot) {
    console.error('usage: activateProbe.js EXTENSION_JS WORKSPACE_FOLDER EXTENSION_ROOT [--open FILE] [--wait-diagnostics MS]');
    process.exit(2);
  }
  const diag: { firstSetAt?: number; sets: number } = { sets: 0 };
  const names = vscodeApiNames(path.resolve(extensionRoot));
  const proxied = makeVscode(path.resolve(workspace), diag, open, names) as Obj;
  // The real `vscode` module is a plain object: esbuild's `__toESM` copies its properties once per
  // importing module, which is cheap there but costs ~45 ms of Proxy traps on a Proxy. Give the
  // extension a plain object holding the same stubs, as the real host does.
  const vscode: Obj = {};
  for (const k of names) vscode[k] = proxied[k];
  const STUB_ID = '\0vscode-stub';
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    if (request === 'vscode') return STUB_ID;
    return original.call(this, request, ...rest);
  };
  const cache = require.cache as Record<string, unknown>;
  cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: vscode, children: [], paths: [] };
  const context = makeContext(path.resolve(extensionRoot)) as { subscriptions: unknown[] };

  const t0 = now();
  let requireMs = NaN;
  let activateMs = NaN;
  try {
    const ext = Module.createRequire(__filename)(path.resolve(extensionJs)) as { activate?: (c: unknown) => unknown };
    const t1 = now();
    requireMs = t1 - t0;
    await ext.activate?.(context);
    activateMs = now() - t1;
  } catch (e) {
    errors.push(`activate threw: ${String((e as Error)?.stack ?? e)}`.slice(0, 800));
  }
  const totalMs = now() - t0;
  if (waitMs > 0) {
    const until = now() + waitMs;
    while (diag.firstSetAt === undefined && now() < until) await new Promise((r) => setTimeout(r, 5));
  }
  const result = {
    requireMs,
    activateMs,
    totalMs,
    firstDiagnosticsMs: diag.firstSetAt === undefined ? null : diag.firstSetAt - t0,
    diagnosticSets: diag.sets,
    subscriptions: context.subscriptions.length,
    errors,
  };
  process.stdout.write(`@@probe ${JSON.stringify(result)}\n`, () => process.exit(0));
}

void main();
