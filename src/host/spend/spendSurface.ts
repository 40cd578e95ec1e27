import * as vscode from 'vscode';
import type { SpendQuery, SpendSurface as SurfaceId, SpendToHost, SpendToWebview } from '../../core/protocol/spendMessages';
import { spendToWebviewSchema } from '../../core/protocol/spendMessages';
import { CommandId } from '../commands/commandIds';
import type { Services } from '../services';
import { exportSpend } from './exportSpend';
import type { SpendStore } from './spendStore';

/** A burst of records redraws a view at most this often. */
const REDRAW_MS = 500;

/**
 * What the sidebar view and the dashboard panel have in common: the filter the user picked,
 * the snapshot sent after each ledger change (throttled), and the buttons' actions.
 */
export class SpendSurface implements vscode.Disposable {
  private query: SpendQuery;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly services: Services,
    private readonly store: SpendStore,
    readonly surface: SurfaceId,
    private readonly post: (message: SpendToWebview) => Thenable<boolean>,
  ) {
    this.query = { range: surface === 'panel' ? '30d' : '7d', bucket: 'auto' };
    this.subscription = store.onDidChange(() => this.scheduleSend());
  }

  async handle(message: SpendToHost): Promise<void> {
    switch (message.type) {
      case 'spendQuery':
        this.query = message.query;
        await this.send();
        return;
      case 'spendExport': {
        const uri = await exportSpend(this.services, this.store, this.query, message.format);
        if (uri) await this.post({ type: 'spendExported', format: message.format, path: uri.fsPath });
        return;
      }
      case 'spendAction':
        if (message.action === 'openDashboard') await vscode.commands.executeCommand(CommandId.OpenSpendDashboard);
        else if (message.action === 'openPlayground') await vscode.commands.executeCommand(CommandId.OpenPlayground);
        else await vscode.commands.executeCommand('workbench.action.openSettings', 'tokenwise.budget');
        return;
    }
  }

  /** Sends the current snapshot (after the first ledger read). */
  async send(): Promise<void> {
    await this.store.ready();
    const message: SpendToWebview = { type: 'spendSnapshot', surface: this.surface, snapshot: this.store.snapshot(this.query) };
    // Checked on the way out too: a shape drift shows up in the log, not as a blank view.
    const parsed = spendToWebviewSchema.safeParse(message);
    if (!parsed.success) {
      this.services.log.error(`Spend snapshot failed its schema: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    await this.post(message);
  }

  private scheduleSend(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.send();
    }, REDRAW_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
