import * as vscode from 'vscode';
import { fileStatusText, fileTotals, selectionStatusText } from '../../core/format/callPresentation';
import { findModel } from '../../core/pricing/catalog';
import { countText } from '../../core/tokens/countTokens';
import { callIndexAt } from '../editor/callLookup';
import { CommandId } from '../commands/commandIds';
import type { Services } from '../services';

/** Without a call to take the model from, selections are counted as gpt-4o text (and say so). */
export const defaultCountModel = 'gpt-4o';

/** Tokens and cost of the selection, or of the active file's calls; a click opens the workspace report. */
export class CostStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tokenwise.cost', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {
    this.item.name = 'Tokenwise cost';
    this.item.command = CommandId.AnalyzeWorkspace;
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.window.onDidChangeTextEditorSelection(() => this.schedule()),
      services.analyses.onDidChange(() => this.schedule()),
      services.catalog.onDidChange(() => this.schedule()),
    ];
    void services.analyses.ready.then(() => this.update());
  }

  /** Selection events come per keystroke while dragging: update once they pause. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), 50);
  }

  update(): void {
    try {
      const editor = vscode.window.activeTextEditor;
      const analysis = editor ? this.services.analyses.get(editor.document) : undefined;
      if (!editor || !analysis) {
        this.item.hide();
        return;
      }
      const selection = editor.document.getText(editor.selection);
      if (selection.length > 0) {
        const index = callIndexAt(analysis.calls, editor.document.offsetAt(editor.selection.start));
        const callModel = index === undefined ? null : analysis.calls[index]?.site.request.model ?? null;
        const catalog = this.services.catalog.catalog;
        const model = callModel !== null && findModel(catalog, callModel) ? callModel : defaultCountModel;
        const count = countText(selection, model);
        this.item.text = `$(symbol-numeric) ${selectionStatusText(count.tokens, count.exact, model, findModel(catalog, model))}`;
        this.item.tooltip = `Tokens of the selection with ${model}'s tokenizer${count.exact ? '' : ' (estimate)'}${callModel === null ? ' (no call model here: default model)' : ''}. Click for the workspace report.`;
      } else if (analysis.calls.length > 0) {
        this.item.text = `$(symbol-numeric) ${fileStatusText(fileTotals(analysis.calls))}`;
        this.item.tooltip = 'LLM calls in this file: input tokens and the cost of one run of each. Click for the workspace report.';
      } else {
        this.item.hide();
        return;
      }
      this.item.show();
    } catch (error) {
      this.services.log.error(`Status bar update failed: ${error instanceof Error ? error.message : String(error)}`);
      this.item.hide();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
