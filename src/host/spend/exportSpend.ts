import * as path from 'node:path';
import * as vscode from 'vscode';
import { spendRangeSchema, type SpendExportFormat, type SpendQuery } from '../../core/protocol/spendMessages';
import { spendAsCsv, spendAsJson } from '../../core/spend/spendExport';
import { CommandId } from '../commands/commandIds';
import type { Services } from '../services';
import type { SpendStore } from './spendStore';

const labels: Record<SpendExportFormat, string> = { csv: 'CSV', json: 'JSON' };
/** An export lists every row, not the top few a view shows. */
const ALL_ROWS = 10_000;

function formatOf(uri: vscode.Uri | undefined): SpendExportFormat | undefined {
  const ext = uri ? path.extname(uri.path).toLowerCase() : '';
  return ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : undefined;
}

/**
 * Writes the spend of a time range as CSV or JSON. Asks for what is not given: the format (from
 * the target's extension when there is one) and the file. Returns the file, or undefined when
 * the user cancelled.
 */
export async function exportSpend(services: Services, store: SpendStore, query: SpendQuery, formatArg?: SpendExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let format = formatArg ?? formatOf(target);
  if (!format) {
    const pick = await vscode.window.showQuickPick((['csv', 'json'] as const).map((f) => ({ label: labels[f], format: f })), { title: 'Export spend as…' });
    if (!pick) return undefined;
    format = pick.format;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const uri = target ?? await vscode.window.showSaveDialog({
    title: 'Export Tokenwise spend',
    filters: { [labels[format]]: [format] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, `tokenwise-spend-${query.range}.${format}`) } : {}),
  });
  if (!uri) return undefined;
  await store.ready();
  const snapshot = store.snapshot(query, ALL_ROWS);
  const version = String((services.context.extension.packageJSON as { version?: unknown }).version ?? 'dev');
  const text = format === 'csv' ? spendAsCsv(snapshot) : spendAsJson(snapshot, version);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  services.log.info(`Spend (${query.range}) exported as ${labels[format]} to ${uri.toString(true)}.`);
  return uri;
}

/**
 * "Tokenwise: Export Spend". Arguments (all optional, for scripts and tests): the target file,
 * the format, and the time range (default: all).
 */
export function registerExportSpend(services: Services, store: SpendStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ExportSpend, async (target?: unknown, format?: unknown, range?: unknown) => {
    const uri = target instanceof vscode.Uri ? target : undefined;
    const f = format === 'csv' || format === 'json' ? format : undefined;
    const r = spendRangeSchema.safeParse(range);
    return exportSpend(services, store, { range: r.success ? r.data : 'all', bucket: 'auto' }, f, uri);
  });
}
