import * as vscode from 'vscode';
import { formatTokens, formatUsd } from '../../core/format/numbers';
import { capabilityText, compareModels, type ModelComparisonRow } from '../../core/optimize/modelComparison';
import { locateCall, toRange, type LocatedCall } from '../editor/callLookup';
import { CommandId } from './commandIds';
import type { Services } from '../services';

export interface CompareResult {
  /** The model written into the source, when one was. */
  applied?: string;
  /** Why nothing was written. */
  reason?: string;
}

interface RowItem extends vscode.QuickPickItem {
  row?: ModelComparisonRow;
}

function items(rows: readonly ModelComparisonRow[]): RowItem[] {
  const out: RowItem[] = [];
  let section = '';
  for (const row of rows) {
    const heading = row.current ? 'Current model' : row.unmet ? 'Cannot serve this call' : 'Can serve this call';
    if (heading !== section) {
      out.push({ label: heading, kind: vscode.QuickPickItemKind.Separator });
      section = heading;
    }
    const e = row.entry;
    const month = row.monthlyUsd === null ? '' : ` · ${formatUsd(row.monthlyUsd)}/mo`;
    out.push({
      label: `${row.current ? '$(check) ' : row.unmet ? '$(circle-slash) ' : ''}${e.id}`,
      description: `${formatUsd(row.costUsd)}/call${month} · ${row.inputTokensExact ? '' : '~'}${formatTokens(row.inputTokens)} in tok`,
      detail: `${row.unmet ? `Cannot: ${row.unmet} · ` : ''}${e.provider} · context ${e.contextWindow === undefined ? 'unknown' : formatTokens(e.contextWindow)} · ${capabilityText(e)}`,
      row,
    });
  }
  return out;
}

function modelOrigin(located: LocatedCall): string {
  const site = located.call.site;
  if (!site.modelRange) return '';
  const line = located.document.positionAt(site.modelRange.start).line + 1;
  const callLine = located.document.positionAt(site.range.start).line + 1;
  return line === callLine || site.modelSource === 'literal' ? '' : ` (the model comes from the ${site.modelSource ?? 'value'} on line ${line})`;
}

const nullReasons: Record<string, string> = {
  env: 'an environment variable',
  parameter: 'a function parameter',
  unknown: 'an expression Tokenwise cannot resolve statically',
};

/**
 * Compares the call across models and rewrites its model literal with the chosen one, as one
 * undoable edit. Arguments: (uri, callIndex) from the CodeLens, and an explicit model id as the
 * third argument to choose without the picker (tests, keybindings).
 */
async function compare(services: Services, uriArg: unknown, indexArg: unknown, choiceArg: unknown): Promise<CompareResult> {
  const located = await locateCall(services, uriArg, indexArg);
  if (!located) return { reason: 'no call' };
  const { call, document } = located;
  const settings = services.settings.settings;
  const rows = compareModels(call, services.catalog.catalog, {
    crossProvider: settings.suggestOtherProvider,
    countOptions: { assumedPlaceholderTokens: settings['cost.assumedPlaceholderTokens'] },
  });
  let chosen: ModelComparisonRow | undefined;
  if (typeof choiceArg === 'string') {
    chosen = rows.find((r) => r.entry.id === choiceArg);
    if (!chosen) return { reason: `"${choiceArg}" is not a model this call can be compared with` };
  } else {
    const where = call.site.modelRange ? modelOrigin(located) : ' (the model is not resolved: costs only, no edit)';
    const pick = await vscode.window.showQuickPick(items(rows), {
      title: `Compare models for ${call.site.api} on line ${call.site.line}${where}`,
      placeHolder: 'Pick a model to write it into the source',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    chosen = pick?.row;
    if (!chosen) return { reason: 'cancelled' };
  }
  if (chosen.current) return { reason: 'already the current model' };
  if (chosen.unmet) {
    void vscode.window.showWarningMessage(`Tokenwise: ${chosen.entry.id} cannot serve this call (${chosen.unmet}); the source is unchanged.`);
    return { reason: `cannot serve: ${chosen.unmet}` };
  }
  const range = call.site.modelRange;
  if (!range) {
    const from = nullReasons[call.site.modelNullReason ?? 'unknown'] ?? nullReasons.unknown;
    void vscode.window.showInformationMessage(`Tokenwise: this call's model comes from ${from}; set it to "${chosen.entry.id}" where that value is defined. The source is unchanged.`);
    return { reason: `model from ${call.site.modelNullReason ?? 'unknown'}` };
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, toRange(document, range), chosen.entry.id);
  if (!(await vscode.workspace.applyEdit(edit))) return { reason: 'the edit was rejected' };
  services.log.info(`Model of the call on ${vscode.workspace.asRelativePath(document.uri)}:${call.site.line} set to ${chosen.entry.id}.`);
  return { applied: chosen.entry.id };
}

export function registerCompareModels(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.CompareModels, async (uri?: unknown, index?: unknown, choice?: unknown) => {
    try {
      return await compare(services, uri, index, choice);
    } catch (error) {
      services.log.error(`Compare Models failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('Tokenwise: Compare Models failed; see the log.');
      return { reason: 'error' };
    }
  });
}
