import * as vscode from 'vscode';
import { exportFormats, type ExportFormat } from '../../core/protocol/reportMessages';
import type { Services } from '../services';
import { formatExtensions, formatLabels, renderReport } from './reportFormats';
import type { StoredReport } from './reportStore';

function defaultTarget(format: ExportFormat): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, `tokenwise-report.${formatExtensions[format]}`) : undefined;
}

/**
 * Writes the report in a format, asking for the format and the file when not given. Returns the
 * written file, or undefined when the user cancelled.
 */
export async function exportReportFile(services: Services, stored: StoredReport, formatArg?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let format = formatArg;
  if (!format) {
    const pick = await vscode.window.showQuickPick(exportFormats.map((f) => ({ label: formatLabels[f], format: f })), { title: 'Export the cost report as…' });
    if (!pick) return undefined;
    format = pick.format;
  }
  const uri = target ?? await vscode.window.showSaveDialog({
    title: 'Export Tokenwise cost report',
    filters: { [formatLabels[format]]: [formatExtensions[format]] },
    ...(defaultTarget(format) ? { defaultUri: defaultTarget(format) } : {}),
  });
  if (!uri) return undefined;
  const version = String((services.context.extension.packageJSON as { version?: unknown }).version ?? 'dev');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(renderReport(stored.report, format, version)));
  services.log.info(`Cost report exported as ${formatLabels[format]} to ${uri.toString(true)}.`);
  return uri;
}
