// Entry point: activate() only builds the services and registers the features; everything it
// registers goes into context.subscriptions so VS Code disposes it on deactivate.
import * as vscode from 'vscode';
import type { ViewId } from './core/protocol/webviewMessages';
import type { TokenwiseApi } from './host/api';
import { registerOpenView } from './host/commands/openView';
import { registerClearApiKey } from './host/commands/clearApiKey';
import { registerSetApiKey } from './host/commands/setApiKey';
import { registerShowLog } from './host/commands/showLog';
import { readSettings } from './host/config/settingsReader';
import { OutputLogger } from './host/log/outputLogger';
import { ApiKeys } from './host/secrets/apiKeys';
import { SidebarView, type ViewStatus } from './host/webviews/sidebarView';

const viewStatus: Record<ViewId, ViewStatus> = {
  playground: () => ['No calls run yet in this window.'],
  spend: () => ['No spend recorded yet.'],
};

export function activate(context: vscode.ExtensionContext): TokenwiseApi {
  const started = performance.now();
  const log = new OutputLogger();
  context.subscriptions.push(log);
  try {
    const version = String((context.extension.packageJSON as { version?: unknown }).version ?? 'dev');
    readSettings(log);
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tokenwise')) readSettings(log);
    }));

    const views = (['playground', 'spend'] as const).map(
      (view) => new SidebarView(view, context.extensionUri, version, viewStatus[view], log));
    for (const view of views) context.subscriptions.push(view, view.register(), registerOpenView(view.view));
    const keys = new ApiKeys(context.secrets, log);
    context.subscriptions.push(keys, registerShowLog(log), registerSetApiKey(keys), registerClearApiKey(keys));

    const activation = { activateMs: performance.now() - started };
    log.info(`Tokenwise ${version} activated in ${activation.activateMs.toFixed(1)} ms (VS Code ${vscode.version}).`);
    return {
      activation,
      isViewResolved: (view) => views.some((v) => v.view === view && v.resolved),
      keySource: (provider) => keys.source(provider),
    };
  } catch (error) {
    // Never swallowed: logged, shown, and rethrown so VS Code marks the activation as failed.
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Activation failed: ${message}`, error);
    void vscode.window.showErrorMessage(`Tokenwise failed to start: ${message}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
    throw error;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
