import * as vscode from 'vscode';
import { statusSummary } from '../../core/spend/budgetStatus';
import { CommandId } from '../commands/commandIds';
import type { Services } from '../services';
import type { SpendStore } from './spendStore';

/** The UTC day can end while nothing is recorded; a minute's delay in showing $0 is fine. */
const ROLLOVER_CHECK_MS = 60_000;

/** Today's spend against the budget in the status bar; a click opens the Spend dashboard. */
export class BudgetStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tokenwise.spend', vscode.StatusBarAlignment.Right, 90);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly services: Services, private readonly store: SpendStore) {
    this.item.name = 'Tokenwise Spend';
    this.item.command = CommandId.OpenSpendDashboard;
    this.disposables.push(store.onDidChange(() => this.update()), services.settings.onDidChange(() => this.update()));
    this.timer = setInterval(() => this.update(), ROLLOVER_CHECK_MS);
  }

  /** What the item shows now (also read by the integration tests through the extension's API). */
  get text(): string | undefined {
    return this.services.settings.settings['spend.showStatusBar'] ? this.item.text : undefined;
  }

  update(): void {
    const settings = this.services.settings.settings;
    if (!settings['spend.showStatusBar']) {
      this.item.hide();
      return;
    }
    const now = Date.now();
    const summary = statusSummary(this.store.caps(now), this.store.spentUsd('day', now), this.store.spentUsd('month', now), settings['budget.hardStop']);
    this.item.text = `$(graph) ${summary.text}`;
    this.item.tooltip = new vscode.MarkdownString([...summary.tooltip, '', 'Click to open the Spend dashboard.'].join('  \n'));
    this.item.backgroundColor = summary.level === 'normal' ? undefined : new vscode.ThemeColor(`statusBarItem.${summary.level}Background`);
    this.item.accessibilityInformation = { label: `Tokenwise spend: ${summary.text}` };
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
