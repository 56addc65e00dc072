import vscode = require('vscode');
import type { Fix, Problem } from '../core/problem';
import type { ProblemCache } from './diagnostics';
import { codeOf, toRange } from './problems';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('jekyll');

/** Quick fixes for our diagnostics, "fix all of this rule", and `source.fixAll.jekyll`. */
export class JekyllCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly cache: ProblemCache) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const problems = this.cache.problemsFor(document);
    if (!problems) return [];
    const only = context.only;
    const actions: vscode.CodeAction[] = [];
    if (!only || only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(only)) {
      const fixedRules = new Set<string>();
      for (const d of context.diagnostics) {
        const code = codeOf(d);
        if (!code) continue;
        const p = problems.find((q) => q.code === code && toRange(q.range).isEqual(d.range));
        if (!p) continue;
        for (const fix of p.fixes) {
          const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          a.edit = toWorkspaceEdit(document.uri, [fix]);
          a.diagnostics = [d];
          a.isPreferred = fix.preferred === true;
          actions.push(a);
        }
        const sameRule = problems.filter((q) => q.code === code && q.fixes.length > 0);
        if (sameRule.length > 1 && !fixedRules.has(code)) {
          fixedRules.add(code);
          const a = new vscode.CodeAction(vscode.l10n.t('Fix all {0} problems in this file', code), vscode.CodeActionKind.QuickFix);
          a.edit = toWorkspaceEdit(document.uri, firstFixes(sameRule));
          actions.push(a);
        }
      }
    }
    if (only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only))) {
      const fixes = firstFixes(problems.filter((p) => p.fixes.some((f) => f.preferred)), true);
      if (fixes.length > 0) {
        const a = new vscode.CodeAction(vscode.l10n.t('Fix all Jekyll problems'), FIX_ALL_KIND);
        a.edit = toWorkspaceEdit(document.uri, fixes.filter((f) => !f.rename && !f.otherFiles));
        actions.push(a);
      }
    }
    void range;
    return actions;
  }
}

/** The first (or first preferred) fix of each problem, skipping fixes whose edits overlap an earlier one. */
function firstFixes(problems: readonly Problem[], preferredOnly = false): Fix[] {
  const chosen: Fix[] = [];
  const taken: vscode.Range[] = [];
  for (const p of problems) {
    const fix = preferredOnly ? p.fixes.find((f) => f.preferred) : p.fixes[0];
    if (!fix) continue;
    const ranges = fix.edits.map((e) => toRange(e.range));
    if (ranges.some((r) => taken.some((t) => t.intersection(r) !== undefined && !(t.end.isEqual(r.start) || r.end.isEqual(t.start))))) continue;
    taken.push(...ranges);
    chosen.push(fix);
  }
  return chosen;
}

export function toWorkspaceEdit(uri: vscode.Uri, fixes: readonly Fix[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const f of fixes) {
    for (const e of f.edits) edit.replace(uri, toRange(e.range), e.newText);
    for (const other of f.otherFiles ?? []) for (const e of other.edits) edit.replace(uri.with({ path: other.path }), toRange(e.range), e.newText);
  }
  for (const f of fixes) if (f.rename) edit.renameFile(uri.with({ path: f.rename.from }), uri.with({ path: f.rename.to }), { overwrite: false });
  return edit;
}

export function registerCodeActions(cache: ProblemCache): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider([{ language: 'markdown' }, { language: 'html' }, { pattern: '**/_posts/**' }], new JekyllCodeActionProvider(cache), JekyllCodeActionProvider.metadata);
}
