import * as vscode from 'vscode';
import { builtinCatalog } from '../../core/pricing/catalog';
import { LiteLLMFormatError, mergeLiteLLM, type MergeResult } from '../../core/pricing/mergeLiteLLM';
import { loadCatalogWithOverlay, overlayEntries, writeOverlay } from '../../core/pricing/overlay';
import { CommandId } from './commandIds';
import type { Services } from '../services';

export interface UpdatePricesResult {
  added: number;
  changed: number;
  kept: number;
  rejected: number;
  overlayPath: string;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Where the prices come from: the argument (a file path, file Uri or URL), or the user's choice. */
async function pickSource(arg: unknown): Promise<string | vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return isUrl(arg) ? arg : vscode.Uri.file(arg);
  const choice = await vscode.window.showQuickPick([
    { label: 'From a file…', description: 'a LiteLLM model_prices_and_context_window.json', source: 'file' as const },
    { label: 'From a URL…', description: vscode.workspace.isTrusted ? 'http(s)' : 'needs a trusted workspace', source: 'url' as const },
  ], { title: 'Update prices from a LiteLLM price file' });
  if (!choice) return undefined;
  if (choice.source === 'file') {
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'LiteLLM price file': ['json'] }, title: 'LiteLLM price file' });
    return files?.[0];
  }
  return vscode.window.showInputBox({
    title: 'URL of a LiteLLM price file',
    value: 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json',
    validateInput: (v) => (isUrl(v) ? undefined : 'an http(s) URL'),
  });
}

async function readSource(source: string | vscode.Uri): Promise<string> {
  if (typeof source !== 'string') return new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
  const response = await fetch(source, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`GET ${source}: HTTP ${response.status}`);
  return response.text();
}

/** The date of the file's prices: a YYYY-MM-DD in its name, else today (UTC), as the CLI does. */
function asOfFor(name: string): string {
  return /\d{4}-\d{2}-\d{2}/.exec(name)?.[0] ?? new Date().toISOString().slice(0, 10);
}

function describe(result: MergeResult): string[] {
  const lines: string[] = [];
  for (const c of result.changes) {
    lines.push(c.kind === 'added' ? `+ ${c.model} (${c.provider})` : `~ ${c.model} ${c.field}: ${c.old ?? '(none)'} -> ${c.new}`);
  }
  for (const k of result.kept) lines.push(`= ${k.model} ${k.field}: kept ${k.ours ?? '(none)'}, file says ${k.theirs} (${k.reason})`);
  for (const r of result.rejections) lines.push(`! rejected ${r.name}: ${r.reason}`);
  return lines;
}

/**
 * Merges a LiteLLM-format price file into the user's price overlay (the file `tokenwise prices
 * update` writes), checked against the providers' price rules, then reloads the catalog.
 */
export function registerUpdatePrices(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.UpdatePrices, async (sourceArg?: unknown): Promise<UpdatePricesResult | undefined> => {
    try {
      const source = await pickSource(sourceArg);
      if (source === undefined || source === '') return undefined;
      if (typeof source === 'string' && !vscode.workspace.isTrusted) {
        // A restricted workspace never sends a request, prices included.
        void vscode.window.showWarningMessage('Tokenwise: downloading prices needs a trusted workspace. Pick a local file instead.');
        return undefined;
      }
      const name = typeof source === 'string' ? source : source.path.split('/').pop() ?? 'prices.json';
      let json: unknown;
      try {
        json = JSON.parse(await readSource(source));
      } catch (error) {
        void vscode.window.showErrorMessage(`Tokenwise: cannot read ${name}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      const overlayPath = services.catalog.overlayPath;
      // Merged onto the current overlay, so earlier updates are kept.
      const current = await loadCatalogWithOverlay(overlayPath);
      if (current.overlayError) services.log.warn(current.overlayError);
      let result: MergeResult;
      try {
        result = mergeLiteLLM(current.catalog, json, { asOf: asOfFor(name), source: `LiteLLM price file ${typeof source === 'string' ? source : name}` });
      } catch (error) {
        if (error instanceof LiteLLMFormatError) {
          void vscode.window.showErrorMessage(`Tokenwise: ${name} is not a LiteLLM price file: ${error.message}`);
          return undefined;
        }
        throw error;
      }
      await writeOverlay(overlayPath, overlayEntries(builtinCatalog(), result.catalog));
      await services.catalog.reload();
      const added = result.changes.filter((c) => c.kind === 'added').length;
      const summary: UpdatePricesResult = { added, changed: result.changes.length - added, kept: result.kept.length, rejected: result.rejections.length, overlayPath };
      services.log.info(`Prices updated from ${name}: ${added} added, ${summary.changed} changed, ${summary.kept} kept, ${summary.rejected} rejected; overlay ${overlayPath}.`);
      for (const line of describe(result)) services.log.info(`  ${line}`);
      void vscode.window.showInformationMessage(
        `Tokenwise prices updated: ${added} added, ${summary.changed} changed, ${summary.kept} kept, ${summary.rejected} rejected.`, 'Show Details',
      ).then((c) => { if (c) services.log.show(); });
      return summary;
    } catch (error) {
      services.log.error(`Update Prices failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('Tokenwise: updating the prices failed; see the log.');
      return undefined;
    }
  });
}
