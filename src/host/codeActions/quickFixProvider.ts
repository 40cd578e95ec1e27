import * as vscode from 'vscode';
import { fixActions, type FixAction } from '../../core/fixes/fixActions';
import type { TextEdit } from '../../core/fixes/textEdit';
import { analyzedDocuments } from '../analysis/documentAnalyses';
import { diagnosticRange } from '../diagnostics/diagnosticRange';
import type { FindingsCache } from '../diagnostics/documentFindings';
import type { Services } from '../services';
import { PreviewContent, previewAndApply, previewScheme, type PreviewRequest } from './editPreview';
import { FixCommandId } from './fixCommandIds';

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end)), e.newText);
  return edit;
}

/** The comment that silences one rule on the next line, in the document's comment syntax. */
function suppressionEdit(document: vscode.TextDocument, line: number, ruleId: string): vscode.WorkspaceEdit {
  const lineText = document.lineAt(line).text;
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const comment = document.languageId === 'python' ? '#' : '//';
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line, 0), `${indent}${comment} tokenwise-disable-next-line ${ruleId}\n`);
  return edit;
}

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly services: Services, private readonly findings: FindingsCache) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    try {
      const ours = context.diagnostics.filter((d) => d.source === 'Tokenwise');
      if (ours.length === 0) return [];
      const found = this.findings.get(document);
      if (!found) return [];
      const text = document.getText();
      const actions: vscode.CodeAction[] = [];
      for (const diagnostic of ours) {
        const match = found.findings.find(({ finding }) => finding.ruleId === diagnostic.code
          && diagnosticRange(document, finding.range.start, finding.range.end).isEqual(diagnostic.range));
        if (!match) continue;
        for (const fix of fixActions(match.finding, match.site, text, found.grammar)) actions.push(this.toCodeAction(document, diagnostic, fix));
        const silence = new vscode.CodeAction(`Disable ${match.finding.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
        silence.diagnostics = [diagnostic];
        silence.edit = suppressionEdit(document, diagnostic.range.start.line, match.finding.ruleId);
        actions.push(silence);
      }
      return actions;
    } catch (error) {
      this.services.log.error(`Tokenwise quick fixes failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private toCodeAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: FixAction): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    if (fix.kind === 'edit') {
      action.edit = workspaceEdit(document, fix.edits);
      action.isPreferred = fix.preferred;
    } else if (fix.kind === 'preview') {
      const request: PreviewRequest = { uri: document.uri, version: document.version, edits: fix.edits, title: 'Compress prompt', tokensSaved: fix.tokensSaved };
      action.command = { command: FixCommandId.ApplyWithPreview, title: fix.title, arguments: [request] };
    } else {
      action.command = { command: FixCommandId.OpenBatchRewrite, title: fix.title, arguments: [fix.language, fix.content] };
    }
    return action;
  }
}

/** One preview store for the quick fixes and the Compress Prompt in Selection command. */
export const sharedPreview = new PreviewContent();

export function registerQuickFixes(services: Services, findings: FindingsCache): vscode.Disposable[] {
  const preview = sharedPreview;
  return [
    preview,
    vscode.workspace.registerTextDocumentContentProvider(previewScheme, preview),
    vscode.languages.registerCodeActionsProvider(analyzedDocuments, new QuickFixProvider(services, findings), { providedCodeActionKinds: QuickFixProvider.kinds }),
    vscode.commands.registerCommand(FixCommandId.ApplyWithPreview, async (request: PreviewRequest, confirm?: boolean) => {
      try {
        return await previewAndApply(preview, request, confirm !== false);
      } catch (error) {
        services.log.error(`Applying the fix failed: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
    }),
    vscode.commands.registerCommand(FixCommandId.OpenBatchRewrite, async (language: string, content: string) => {
      try {
        const document = await vscode.workspace.openTextDocument({ language, content });
        await vscode.window.showTextDocument(document, { preview: false });
        return document;
      } catch (error) {
        services.log.error(`Opening the Batch API version failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    }),
  ];
}
