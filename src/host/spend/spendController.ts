import type * as vscode from 'vscode';
import { spendToHostSchema } from '../../core/protocol/spendMessages';
import type { WebviewToHost } from '../../core/protocol/webviewMessages';
import type { Services } from '../services';
import type { PostToWebview, ViewController } from '../webviews/sidebarView';
import { SpendSurface } from './spendSurface';
import type { SpendStore } from './spendStore';

/** The Spend view in the sidebar: a compact dashboard with a button to the full one. */
export class SpendController implements ViewController, vscode.Disposable {
  private surface: SpendSurface | undefined;

  constructor(private readonly services: Services, private readonly store: SpendStore) {}

  /** The view's status lines, shown until its first snapshot arrives. */
  readonly status = (): string[] => {
    if (!this.store.loaded) return ['Reading the spend ledger…'];
    return this.store.records === 0 ? ['No spend recorded yet.'] : [];
  };

  async onReady(post: PostToWebview): Promise<void> {
    // The view's webview is new after each reopen; so is its post function.
    this.surface?.dispose();
    this.surface = new SpendSurface(this.services, this.store, 'sidebar', post);
    await this.surface.send();
  }

  async handle(message: WebviewToHost): Promise<void> {
    const parsed = spendToHostSchema.safeParse(message);
    if (parsed.success) await this.surface?.handle(parsed.data);
  }

  dispose(): void {
    this.surface?.dispose();
  }
}
