import * as vscode from 'vscode';
import { currentAlertKeys, dueAlerts } from '../../core/spend/budgetCaps';
import { alertMessage } from '../../core/spend/budgetStatus';
import { CommandId } from '../commands/commandIds';
import type { Services } from '../services';
import type { SpendStore } from './spendStore';

/** Alerts already shown, by cap, period and threshold: in globalState, so a reload (or another window) does not repeat them. */
const ALERTED_KEY = 'tokenwise.spend.alerted';

/** Notifies once when spend crosses each alert threshold of each budget cap in a period. */
export class BudgetAlerts implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];
  private checking = Promise.resolve();
  /** The messages shown in this window, newest last (read by the integration tests). */
  readonly shown: string[] = [];

  constructor(private readonly services: Services, private readonly store: SpendStore) {
    this.disposables = [store.onDidChange(() => this.check()), services.settings.onDidChange(() => this.check())];
  }

  /** Checks the thresholds; checks run one after another so two never announce the same crossing. */
  check(): Promise<void> {
    this.checking = this.checking.then(() => this.checkNow()).catch((error: unknown) =>
      this.services.log.warn(`Budget alert check failed: ${error instanceof Error ? error.message : String(error)}`));
    return this.checking;
  }

  private async checkNow(): Promise<void> {
    const { context, settings } = this.services;
    const now = Date.now();
    const alerted = context.globalState.get<string[]>(ALERTED_KEY, []);
    const { alerts, remember } = dueAlerts(this.store.caps(now), settings.settings['budget.alertThresholds'], new Set(alerted));
    if (remember.length === 0) return;
    // Stored before showing: a notification left open must not be shown again by the next check.
    await context.globalState.update(ALERTED_KEY, currentAlertKeys([...alerted, ...remember], now));
    const hardStop = settings.settings['budget.hardStop'];
    for (const alert of alerts) {
      const message = alertMessage(alert, hardStop);
      this.shown.push(message);
      this.services.log.info(message);
      const show = alert.cap.fraction >= 1 ? vscode.window.showErrorMessage : alert.thresholdPercent >= 80 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(message, 'Open Dashboard', 'Open Settings').then(async (choice) => {
        if (choice === 'Open Dashboard') await vscode.commands.executeCommand(CommandId.OpenSpendDashboard);
        else if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'tokenwise.budget');
      });
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
