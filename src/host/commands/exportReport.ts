import * as vscode from 'vscode';
import { exportFormatSchema } from '../../core/protocol/reportMessages';
import { CommandId } from './commandIds';
import { exportReportFile } from '../report/exportReportFile';
import type { ReportStore } from '../report/reportStore';
import { runWorkspaceScan } from '../report/runWorkspaceScan';
import type { Services } from '../services';

/**
 * Writes the last workspace report (analyzing first when there is none) as CSV, JSON, Markdown
 * or SARIF. Optional arguments (format, target Uri) skip the pickers.
 */
export function registerExportReport(services: Services, store: ReportStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ExportReport, async (formatArg?: unknown, targetArg?: unknown): Promise<vscode.Uri | undefined> => {
    try {
      const format = formatArg === undefined ? undefined : exportFormatSchema.safeParse(formatArg);
      if (format && !format.success) {
        void vscode.window.showErrorMessage(`Tokenwise: unknown report format "${String(formatArg)}"; use csv, json, markdown or sarif.`);
        return undefined;
      }
      const stored = store.last ?? await runWorkspaceScan(services, store);
      if (!stored) return undefined;
      const target = targetArg instanceof vscode.Uri ? targetArg : undefined;
      const uri = await exportReportFile(services, stored, format?.data, target);
      if (uri && !target) void vscode.window.showInformationMessage(`Tokenwise: cost report written to ${vscode.workspace.asRelativePath(uri)}.`);
      return uri;
    } catch (error) {
      services.log.error(`Export Cost Report failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('Tokenwise: exporting the report failed; see the log.');
      return undefined;
    }
  });
}
