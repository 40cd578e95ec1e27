import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import { webviewToHostSchema, type HostToWebview, type ViewId, type WebviewToHost } from '../../core/protocol/webviewMessages';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { viewTypeOf } from './viewIds';

/** What a view shows right now, computed by the feature that owns the view. */
export type ViewStatus = () => string[];

export type PostToWebview = (message: HostToWebview) => Thenable<boolean>;

/** The feature behind a view: told when the view is ready, and given the view-specific messages. */
export interface ViewController {
  onReady(post: PostToWebview): void | Promise<void>;
  handle(message: WebviewToHost, post: PostToWebview): void | Promise<void>;
}

const titles: Record<ViewId, string> = { playground: 'Tokenwise Playground', spend: 'Tokenwise Spend' };

/** A sidebar webview view: HTML shell, ready handshake, zod-checked messages both ways. */
export class SidebarView implements vscode.WebviewViewProvider, vscode.Disposable {
  private webviewView: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  resolved = false;

  constructor(
    readonly view: ViewId,
    private readonly extensionUri: vscode.Uri,
    private readonly version: string,
    private readonly status: ViewStatus,
    private readonly log: Logger,
    private readonly controller?: ViewController,
  ) {
    // Trust can be granted while the view is open; it changes what the view offers.
    this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.postStatus()));
  }

  register(): vscode.Disposable {
    return vscode.window.registerWebviewViewProvider(viewTypeOf(this.view), this);
  }

  resolveWebviewView(webviewView: vscode.WebviewView): void {
    this.webviewView = webviewView;
    this.resolved = true;
    const { webview } = webviewView;
    webview.options = webviewOptions(this.extensionUri);
    webview.html = webviewHtml(webview, this.extensionUri, { script: 'webview.js', title: titles[this.view], view: this.view });
    this.disposables.push(webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    webviewView.onDidDispose(() => { this.webviewView = undefined; }, undefined, this.disposables);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`Ignored a malformed message from the ${this.view} view: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        await this.postStatus();
        await this.controller?.onReady(this.post);
        return;
      case 'runCommand':
        await vscode.commands.executeCommand(message.command);
        return;
      default:
        await this.controller?.handle(message, this.post);
    }
  }

  /** Posts to the view if it is open; messages to a closed view are dropped (it asks again when reopened). */
  readonly post: PostToWebview = (message) => this.webviewView?.webview.postMessage(message) ?? Promise.resolve(false);

  /** Opens the view (and waits until it is ready, so posts reach it). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${viewTypeOf(this.view)}.focus`);
  }

  private async postStatus(): Promise<void> {
    if (!this.webviewView) return;
    const message: HostToWebview = {
      type: 'status', view: this.view, version: this.version, trusted: vscode.workspace.isTrusted, lines: this.status(),
    };
    await this.webviewView.webview.postMessage(message);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
