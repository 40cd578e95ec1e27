// Entry point: activate() only builds the services and registers the features; everything it
// registers goes into context.subscriptions so VS Code disposes it on deactivate.
import * as vscode from 'vscode';
import type { ViewId } from './core/protocol/webviewMessages';
import { DocumentAnalyses } from './host/analysis/documentAnalyses';
import type { TokenwiseApi } from './host/api';
import { registerClearApiKey } from './host/commands/clearApiKey';
import { registerOpenView } from './host/commands/openView';
import { registerRunInPlayground } from './host/commands/runInPlayground';
import { registerSetApiKey } from './host/commands/setApiKey';
import { registerShowLog } from './host/commands/showLog';
import { SettingsStore } from './host/config/settingsStore';
import { registerDiagnosticFeatures } from './host/diagnostics/registerDiagnosticFeatures';
import { registerEditorFeatures } from './host/editor/registerEditorFeatures';
import { OutputLogger } from './host/log/outputLogger';
import { PlaygroundController } from './host/playground/playgroundController';
import { CatalogStore } from './host/pricing/catalogStore';
import { RuntimeService } from './host/runtime/runtimeService';
import { ApiKeys } from './host/secrets/apiKeys';
import type { Services } from './host/services';
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
    const settings = new SettingsStore(log);
    const catalog = new CatalogStore(log);
    const keys = new ApiKeys(context.secrets, log);
    const analyses = new DocumentAnalyses(settings, catalog, log);
    context.subscriptions.push(settings, catalog, keys, analyses);
    const core = { context, log, settings, catalog, analyses, keys };
    const runtime = new RuntimeService(core);
    context.subscriptions.push(runtime);
    const services: Services = { ...core, runtime };

    const playground = new PlaygroundController(services);
    const views = (['playground', 'spend'] as const).map(
      (view) => new SidebarView(view, context.extensionUri, version, viewStatus[view], log, view === 'playground' ? playground : undefined));
    for (const view of views) context.subscriptions.push(view, view.register(), registerOpenView(view.view));
    playground.attach(views[0] as SidebarView);
    context.subscriptions.push(playground, registerRunInPlayground(services, playground));
    context.subscriptions.push(registerShowLog(log), registerSetApiKey(keys), registerClearApiKey(keys));
    context.subscriptions.push(...registerEditorFeatures(services), ...registerDiagnosticFeatures(services));
    // The user's price overlay is read off the activation path.
    void catalog.reload();

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
