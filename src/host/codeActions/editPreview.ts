import * as vscode from 'vscode';
import { applyTextEdits, type TextEdit } from '../../core/fixes/textEdit';

export const previewScheme = 'tokenwise-preview';

/** Read-only in-memory documents for the diff editor (before/after of a fix). */
export class PreviewContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A URI holding `text`, named like the original so the diff editor picks its language. */
  put(original: vscode.Uri, side: 'current' | 'fixed', text: string): vscode.Uri {
    this.counter += 1;
    const name = original.path.split('/').pop() ?? 'document';
    const uri = vscode.Uri.from({ scheme: previewScheme, path: `/${this.counter}/${side}/${name}` });
    this.texts.set(uri.toString(), text);
    // Only the latest previews are kept; older diff tabs show empty if reopened.
    if (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value as string);
    return uri;
  }

  dispose(): void {
    this.texts.clear();
    this.changed.dispose();
  }
}

export interface PreviewRequest {
  uri: vscode.Uri;
  /** Document version the edits were computed for; a newer version makes them stale. */
  version: number;
  edits: TextEdit[];
  title: string;
  tokensSaved: number;
}

/**
 * Shows the current text and the fixed text side by side (vscode.diff), then applies the edits if
 * the user confirms. `confirm: false` applies without asking (tests and scripted use).
 */
export async function previewAndApply(preview: PreviewContent, request: PreviewRequest, confirm = true): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(request.uri);
  if (document.version !== request.version) {
    void vscode.window.showWarningMessage('Tokenwise: the document changed since this fix was computed; try the quick fix again.');
    return false;
  }
  const text = document.getText();
  if (confirm) {
    const left = preview.put(request.uri, 'current', text);
    const right = preview.put(request.uri, 'fixed', applyTextEdits(text, request.edits));
    await vscode.commands.executeCommand('vscode.diff', left, right, `${request.title}: current ↔ compressed (saves ${request.tokensSaved} tokens)`, { preview: true });
    const choice = await vscode.window.showInformationMessage(`${request.title}: saves ${request.tokensSaved} tokens per call. Apply it?`, 'Apply', 'Cancel');
    if (choice !== 'Apply') return false;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of request.edits) edit.replace(request.uri, new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end)), e.newText);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied && confirm) await vscode.window.showTextDocument(document);
  return applied;
}
