import * as vscode from 'vscode';
import { hostToReportSchema, reportToHostSchema, type HostToReport, type ReportToHost } from '../../core/protocol/reportMessages';
import type { Services } from '../services';
import { webviewHtml, webviewOptions } from '../webviews/webviewHtml';
import { exportReportFile } from './exportReportFile';
import type { ReportStore } from './reportStore';

/** The Analyze Workspace report: one panel, redrawn with each new analysis. */
export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;

  constructor(private readonly services: Services, private readonly store: ReportStore) {}

  show(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Active);
      this.post();
      return;
    }
    const extensionUri = this.services.context.extensionUri;
    const panel = vscode.window.createWebviewPanel('tokenwise.report', 'Tokenwise: LLM cost report', vscode.ViewColumn.Active, webviewOptions(extensionUri));
    this.panel = panel;
    this.ready = false;
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = reportToHostSchema.safeParse(raw);
      if (!parsed.success) {
        this.services.log.warn(`The report view sent a malformed message: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return;
      }
      void this.handle(parsed.data).catch((error: unknown) => this.services.log.error(`Report action failed: ${error instanceof Error ? error.message : String(error)}`));
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    });
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { script: 'report.js', title: 'Tokenwise report', styles: ['report.css'] });
  }

  get visible(): boolean {
    return this.panel !== undefined;
  }

  private async handle(message: ReportToHost): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      this.post();
    } else if (message.type === 'openCall') {
      await this.openCall(message.file, message.line, message.column, message.cell);
    } else if (message.type === 'export' && this.store.last) {
      const uri = await exportReportFile(this.services, this.store.last, message.format);
      if (uri) this.send({ type: 'exported', format: message.format, path: uri.fsPath });
    }
  }

  private async openCall(file: string, line: number, column: number, cell: number | undefined): Promise<void> {
    // Only files the report lists: a webview message never names an arbitrary path.
    if (!this.store.last?.report.calls.some((c) => c.file === file)) return;
    const uri = this.store.uriOf(file);
    if (!uri) return;
    const position = new vscode.Position(line - 1, column - 1);
    if (cell !== undefined) {
      const notebook = await vscode.workspace.openNotebookDocument(uri);
      // The report's cell index counts all cells, as the scanner does, and so does NotebookRange.
      if (cell >= notebook.cellCount) return;
      await vscode.window.showNotebookDocument(notebook, { selections: [new vscode.NotebookRange(cell, cell + 1)], viewColumn: vscode.ViewColumn.One });
      return;
    }
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
  }

  private post(): void {
    const last = this.store.last;
    if (!this.ready || !last) return;
    this.send({ type: 'report', report: last.report, generatedAt: last.generatedAt });
  }

  private send(message: HostToReport): void {
    // Checked on the way out as well: a host-side shape drift shows up here, not as a blank view.
    const parsed = hostToReportSchema.safeParse(message);
    if (!parsed.success) {
      this.services.log.error(`Report message failed its schema: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
