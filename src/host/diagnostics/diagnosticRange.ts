import * as vscode from 'vscode';

/**
 * The range a diagnostic underlines: a finding on a long prompt literal is shown on its first line
 * only, so a 60-line system prompt is not painted over; the quick fixes match on this same range.
 */
export function diagnosticRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  const from = document.positionAt(start);
  const to = document.positionAt(end);
  return to.line === from.line ? new vscode.Range(from, to) : new vscode.Range(from, document.lineAt(from.line).range.end);
}
