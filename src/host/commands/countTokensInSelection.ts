import * as vscode from 'vscode';
import { formatTokens } from '../../core/format/numbers';
import { findModel, listModels } from '../../core/pricing/catalog';
import { countText } from '../../core/tokens/countTokens';
import { callIndexAt } from '../editor/callLookup';
import { CommandId } from './commandIds';
import { defaultCountModel } from '../statusBar/costStatusBar';
import type { Services } from '../services';

export interface SelectionCount {
  model: string;
  tokens: number;
  exact: boolean;
  band?: { low: number; high: number };
}

/** The model of the call under the cursor, when the catalog knows it; else the default. */
function defaultModel(services: Services, editor: vscode.TextEditor): string {
  const calls = services.analyses.get(editor.document)?.calls ?? [];
  const index = callIndexAt(calls, editor.document.offsetAt(editor.selection.active));
  const model = index === undefined ? null : calls[index]?.site.request.model ?? null;
  return model !== null && findModel(services.catalog.catalog, model) ? model : defaultCountModel;
}

/** Counts the selection (the whole document when nothing is selected). Optional argument: the model id. */
export function registerCountTokensInSelection(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.CountTokensInSelection, async (modelArg?: unknown): Promise<SelectionCount | undefined> => {
    try {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('Tokenwise: open a file and select the text to count.');
        return undefined;
      }
      await services.analyses.ready;
      const catalog = services.catalog.catalog;
      let model: string | undefined = typeof modelArg === 'string' ? modelArg : undefined;
      if (model === undefined) {
        const preferred = defaultModel(services, editor);
        const picks = listModels(catalog).filter((m) => m.kind === 'chat' || m.id === preferred)
          .map((m) => ({ label: m.id, description: m.id === preferred ? 'model of this call' : m.provider }));
        picks.sort((a, b) => Number(b.label === preferred) - Number(a.label === preferred));
        model = (await vscode.window.showQuickPick(picks, { title: 'Count tokens with the tokenizer of…' }))?.label;
        if (model === undefined) return undefined;
      }
      if (!findModel(catalog, model)) {
        void vscode.window.showWarningMessage(`Tokenwise: "${model}" is not in the price catalog.`);
        return undefined;
      }
      const whole = editor.selection.isEmpty;
      const text = whole ? editor.document.getText() : editor.document.getText(editor.selection);
      const count = countText(text, model);
      const what = count.exact ? 'exactly' : `about (estimate ${formatTokens(count.band?.low ?? count.tokens)}–${formatTokens(count.band?.high ?? count.tokens)})`;
      void vscode.window.showInformationMessage(`Tokenwise: the ${whole ? 'document' : 'selection'} is ${what} ${formatTokens(count.tokens)} tokens for ${model}.`);
      return { model, tokens: count.tokens, exact: count.exact, ...(count.band ? { band: count.band } : {}) };
    } catch (error) {
      services.log.error(`Count Tokens failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  });
}
