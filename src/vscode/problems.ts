import vscode = require('vscode');
import type { Problem, Range, Severity } from '../core/problem';

/** Where each rule is documented (diagnostic code links). */
export const RULES_DOC = 'https://github.com/jekyll-posts/jekyll-posts/blob/main/docs/rules.md';

export const DIAGNOSTIC_SOURCE = 'jekyll';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostic(p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(p.range), p.message, SEVERITY[p.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: p.code, target: vscode.Uri.parse(`${RULES_DOC}#${p.code}`) };
  return d;
}

/** The code of one of our diagnostics. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}
