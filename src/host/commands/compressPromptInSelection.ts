import * as vscode from 'vscode';
import { compressPrompt } from '../../core/optimize/compress';
import { countText } from '../../core/tokens/countTokens';
import { sharedPreview } from '../codeActions/quickFixProvider';
import { previewAndApply } from '../codeActions/editPreview';
import { FixCommandId } from '../codeActions/fixCommandIds';
import type { Services } from '../services';

/** Counted with the model of the call around the selection, else gpt-4o's tokenizer (o200k_base). */
const defaultModel = 'gpt-4o';

function modelAt(services: Services, document: vscode.TextDocument, offset: number): string {
  const calls = services.analyses.get(document)?.calls ?? [];
  const around = calls.filter((c) => offset >= c.site.callRange.start && offset <= c.site.callRange.end)
    .sort((a, b) => (a.site.callRange.end - a.site.callRange.start) - (b.site.callRange.end - b.site.callRange.start))[0];
  return around?.site.request.model ?? defaultModel;
}

export interface CompressSelectionOptions {
  /** false applies without the diff and the question (tests). */
  confirm?: boolean;
}

/**
 * Compresses the selected prompt text with the same verified transforms as the quick fix, shows the
 * diff and the saving, and replaces the selection on confirmation. Returns whether it applied.
 */
export function registerCompressPromptInSelection(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(FixCommandId.CompressPromptInSelection, async (options?: CompressSelectionOptions): Promise<boolean> => {
    try {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.selection.isEmpty) {
        void vscode.window.showInformationMessage('Tokenwise: select the prompt text to compress first.');
        return false;
      }
      const { document, selection } = editor;
      const start = document.offsetAt(selection.start);
      const end = document.offsetAt(selection.end);
      const model = modelAt(services, document, start);
      const result = compressPrompt(document.getText(selection), (text) => countText(text, model).tokens);
      const saved = result.tokensBefore - result.tokensAfter;
      if (saved <= 0) {
        void vscode.window.showInformationMessage(`Tokenwise: nothing to compress in the selection (${result.tokensBefore} tokens with ${model}'s tokenizer${result.rejected ? '; a rewrite was refused because it could change the meaning' : ''}).`);
        return false;
      }
      return await previewAndApply(sharedPreview, {
        uri: document.uri, version: document.version, edits: [{ range: { start, end }, newText: result.text }],
        title: `Compress selection (${result.tokensBefore} → ${result.tokensAfter} tokens, ${model})`, tokensSaved: saved,
      }, options?.confirm !== false);
    } catch (error) {
      services.log.error(`Compress Prompt in Selection failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  });
}
