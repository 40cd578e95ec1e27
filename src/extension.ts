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
import { registerProxyFeatures } from './host/proxy/registerProxyFeatures';
import { RuntimeService } from './host/runtime/runtimeService';
import { ApiKeys } from './host/secrets/apiKeys';
import type { Services } from './host/services';
import { registerSpendFeatures } from './host/spend/registerSpendFeatures';
import { SidebarView, type ViewStatus } from './host/webviews/sidebarView';

// The Spend view's status comes from its controller (it depends on the ledger).
const viewStatus: Record<Exclude<ViewId, 'spend'>, ViewStatus> = {
  playground: () => ['No calls run yet in this window.'],
};

export function activate(context: vscode.ExtensionContext): TokenwiseApi {
  const started = performance.now();
  // Time per phase of activate(), reported by `npm run bench -- activation` to show where it goes.
  const phasesMs: Record<string, number> = {};
  let phaseStart = started;
  const phase = (name: string) => {
    const now = performance.now();
    phasesMs[name] = now - phaseStart;
    phaseStart = now;
  };
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
    phase('services');

    const playground = new PlaygroundController(services);
    const spend = registerSpendFeatures(services);
    context.subscriptions.push(...spend.disposables);
    const views = (['playground', 'spend'] as const).map((view) => view === 'playground'
      ? new SidebarView(view, context.extensionUri, version, viewStatus.playground, log, playground)
      : new SidebarView(view, context.extensionUri, version, spend.controller.status, log, spend.controller));
    for (const view of views) context.subscriptions.push(view, view.register(), registerOpenView(view.view));
    playground.attach(views[0] as SidebarView);
    context.subscriptions.push(playground, registerRunInPlayground(services, playground));
    phase('views');
    context.subscriptions.push(registerShowLog(log), registerSetApiKey(keys, settings), registerClearApiKey(keys, settings));
    phase('commands');
    context.subscriptions.push(...registerEditorFeatures(services));
    phase('editorFeatures');
    context.subscriptions.push(...registerDiagnosticFeatures(services));
    phase('diagnostics');
    context.subscriptions.push(...registerProxyFeatures(services));
    phase('proxy');
    // The user's price overlay is read off the activation path.
    void catalog.reload();

    phase('rest');
    const activation = { activateMs: performance.now() - started, phasesMs };
    log.info(`Tokenwise ${version} activated in ${activation.activateMs.toFixed(1)} ms (VS Code ${vscode.version}).`);
    return {
      activation,
      isViewResolved: (view) => views.some((v) => v.view === view && v.resolved),
      keySource: (provider) => keys.source(provider),
      analyzedVersions: (uri) => analyses.analyzedVersions(uri),
      spend: spend.api,
      runPlayground: (draft, models, options) => playground.run(`api-${Date.now().toString(36)}`, draft, models, async () => true, options?.budgetOverride),
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
