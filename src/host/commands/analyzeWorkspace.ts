import * as vscode from 'vscode';
import type { Report } from '../../core/analysis/report';
import { CommandId } from './commandIds';
import type { ReportPanel } from '../report/reportPanel';
import type { ReportStore } from '../report/reportStore';
import { runWorkspaceScan } from '../report/runWorkspaceScan';
import type { Services } from '../services';

/**
 * Scans the workspace and shows the report panel. Returns the report (for tests and other
 * extensions); `{ show: false }` as the argument skips the panel.
 */
export function registerAnalyzeWorkspace(services: Services, store: ReportStore, panel: ReportPanel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.AnalyzeWorkspace, async (options?: unknown): Promise<Report | undefined> => {
    try {
      const stored = await runWorkspaceScan(services, store);
      if (!stored) return undefined;
      const show = !(typeof options === 'object' && options !== null && (options as { show?: unknown }).show === false);
      if (show) panel.show();
      return stored.report;
    } catch (error) {
      services.log.error(`Analyze Workspace failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage('Tokenwise: the workspace analysis failed; see the log.', 'Show Log').then((c) => { if (c) services.log.show(); });
      return undefined;
    }
  });
}
