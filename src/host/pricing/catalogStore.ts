import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import { builtinCatalog, type Catalog } from '../../core/pricing/catalog';
import { loadCatalogWithOverlay, userOverlayPath } from '../../core/pricing/overlay';

/**
 * The price catalog: the built-in one plus the user's overlay, the same file `tokenwise prices
 * update` writes, so prices updated from the CLI or the Update Prices command apply everywhere.
 * The built-in catalog is usable at once; the overlay is read in the background.
 */
export class CatalogStore implements vscode.Disposable {
  private current: Catalog | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly overlayPath = userOverlayPath(process.env);

  constructor(private readonly log: Logger) {}

  get catalog(): Catalog {
    // Validating the catalog costs a few milliseconds, so it happens on first use, not at activation.
    this.current ??= builtinCatalog();
    return this.current;
  }

  /** Re-reads the overlay (after an update) and tells the features to recompute. */
  async reload(): Promise<void> {
    const loaded = await loadCatalogWithOverlay(this.overlayPath);
    if (loaded.overlayError) this.log.warn(loaded.overlayError);
    else if (loaded.overlayApplied) this.log.info(`Prices: built-in catalog plus the overlay ${this.overlayPath}.`);
    this.current = loaded.catalog;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
