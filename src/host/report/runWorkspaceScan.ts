import * as vscode from 'vscode';
import { scanWorkspace } from '../../core/analysis/analyzeFile';
import { totalsOf, type Report, type ReportCall, type ReportFileFinding, type SkippedFile } from '../../core/analysis/report';
import type { Services } from '../services';
import type { ReportStore, ScannedFolder, StoredReport } from './reportStore';
import { workspaceFileSource } from './workspaceFileSource';
import { nodeModuleFiles } from '../../core/analysis/fileSource';

/**
 * Scans every workspace folder (exclude globs, size limit and .gitignore applied) with a
 * cancellable progress notification. Undefined when cancelled or there is no folder.
 */
export async function runWorkspaceScan(services: Services, store: ReportStore): Promise<StoredReport | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Tokenwise: open a folder to analyze its LLM calls.');
    return undefined;
  }
  const settings = services.settings.settings;
  const started = performance.now();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Tokenwise: analyzing LLM calls', cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    try {
      const calls: ReportCall[] = [];
      const skipped: SkippedFile[] = [];
      const fileFindings: ReportFileFinding[] = [];
      const scanned: ScannedFolder[] = [];
      let files = 0;
      for (const folder of folders) {
        const prefix = folders.length > 1 ? folder.name : '';
        const withPrefix = (file: string) => (prefix ? `${prefix}/${file}` : file);
        const report = await scanWorkspace(workspaceFileSource(folder.uri), {
          root: folder.uri.toString(),
          exclude: settings['analysis.exclude'],
          maxBytes: settings['analysis.maxFileSizeKB'] * 1024,
          respectGitignore: true,
          rules: settings.rules,
          signal: abort.signal,
          // Clients imported from another file are followed where files can be read synchronously (local folders).
          ...(folder.uri.scheme === 'file' ? { moduleFiles: nodeModuleFiles(folder.uri.fsPath) } : {}),
          onProgress: (done, file) => progress.report({ message: `${done} files · ${withPrefix(file)}` }),
        }, services.analyses.context());
        if (abort.signal.aborted) return undefined;
        files += report.files;
        calls.push(...report.calls.map((c) => ({ ...c, file: withPrefix(c.file) })));
        skipped.push(...report.skipped.map((s) => ({ ...s, file: withPrefix(s.file) })));
        fileFindings.push(...(report.fileFindings ?? []).map((f) => ({ ...f, file: withPrefix(f.file) })));
        scanned.push({ prefix, uri: folder.uri });
      }
      const root = folders.length === 1 ? folders[0]?.uri.toString() ?? '' : vscode.workspace.name ?? 'workspace';
      const report: Report = { version: 1, root, files, calls, ...(fileFindings.length ? { fileFindings } : {}), skipped, totals: totalsOf(calls, skipped) };
      store.last = { report, folders: scanned, generatedAt: new Date().toISOString() };
      services.log.info(`Workspace analysis: ${calls.length} calls in ${files} files, ${skipped.length} skipped, in ${(performance.now() - started).toFixed(0)} ms.`);
      return store.last;
    } finally {
      cancelled.dispose();
    }
  });
}
