import * as vscode from 'vscode';
import { spendToHostSchema } from '../../core/protocol/spendMessages';
import { webviewToHostSchema } from '../../core/protocol/webviewMessages';
import type { Services } from '../services';
import { webviewHtml, webviewOptions } from '../webviews/webviewHtml';
import { SpendSurface } from './spendSurface';
import type { SpendStore } from './spendStore';

/** The Spend dashboard in an editor tab: the same page as the sidebar view, with room for charts. */
export class SpendPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly services: Services, private readonly store: SpendStore) {}

  get visible(): boolean {
    return this.panel !== undefined;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Active);
      return;
    }
    const extensionUri = this.services.context.extensionUri;
    const panel = vscode.window.createWebviewPanel('tokenwise.spendDashboard', 'Tokenwise Spend', vscode.ViewColumn.Active, webviewOptions(extensionUri));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.panel = panel;
    const surface = new SpendSurface(this.services, this.store, 'panel', (m) => panel.webview.postMessage(m));
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      void this.onMessage(raw, surface).catch((error: unknown) =>
        this.services.log.error(`Spend dashboard action failed: ${error instanceof Error ? error.message : String(error)}`, error));
    });
    panel.onDidDispose(() => {
      surface.dispose();
      this.panel = undefined;
    });
    panel.webview.html = webviewHtml(panel.webview, extensionUri, { script: 'webview.js', title: 'Tokenwise Spend', view: 'spend' });
  }

  private async onMessage(raw: unknown, surface: SpendSurface): Promise<void> {
    const message = webviewToHostSchema.safeParse(raw);
    if (!message.success) {
      this.services.log.warn(`The spend dashboard sent a malformed message: ${message.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    if (message.data.type === 'ready') await surface.send();
    else if (message.data.type === 'runCommand') await vscode.commands.executeCommand(message.data.command);
    else {
      const spend = spendToHostSchema.safeParse(message.data);
      if (spend.success) await surface.handle(spend.data);
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
