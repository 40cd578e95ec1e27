import * as vscode from 'vscode';
import { CommandId } from '../commands/commandIds';
import type { Services } from '../services';
import { BudgetAlerts } from './budgetAlerts';
import { BudgetStatusBar } from './budgetStatusBar';
import { registerExportSpend } from './exportSpend';
import { SpendController } from './spendController';
import { SpendPanel } from './spendPanel';
import { SpendStore } from './spendStore';

/** What the spend features expose through the extension's API (for tests and benchmarks). */
export interface SpendApi {
  /** Where the ledger files are. */
  readonly ledgerDir: string;
  /** The status bar item's text, or undefined when it is hidden. */
  statusBarText(): string | undefined;
  /** Budget alerts shown in this window, oldest first. */
  alertsShown(): readonly string[];
  /** Reads what was appended to the ledger now, instead of after the file watcher's delay. */
  refresh(): Promise<void>;
  /** Whether the dashboard panel is open. */
  dashboardOpen(): boolean;
}

/**
 * The Spend view's controller, the dashboard panel, the budget status bar item, threshold
 * alerts, and the Open Spend Dashboard and Export Spend commands, all over one SpendStore.
 */
export function registerSpendFeatures(services: Services): { controller: SpendController; disposables: vscode.Disposable[]; api: SpendApi } {
  const store = new SpendStore(services);
  const controller = new SpendController(services, store);
  const panel = new SpendPanel(services, store);
  const statusBar = new BudgetStatusBar(services, store);
  const alerts = new BudgetAlerts(services, store);
  // The status bar needs today's spend, so the ledger is read right after activation, off its path.
  const start = setTimeout(() => void store.ready().then(() => {
    statusBar.update();
    return alerts.check();
  }), 0);
  const api: SpendApi = {
    ledgerDir: store.dir,
    statusBarText: () => statusBar.text,
    alertsShown: () => alerts.shown,
    refresh: () => store.ready().then(() => store.refresh()),
    dashboardOpen: () => panel.visible,
  };
  const disposables = [
    { dispose: () => clearTimeout(start) },
    store, controller, panel, statusBar, alerts,
    vscode.commands.registerCommand(CommandId.OpenSpendDashboard, () => panel.show()),
    registerExportSpend(services, store),
  ];
  return { controller, disposables, api };
}
