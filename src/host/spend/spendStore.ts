import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { SpendQuery, SpendSnapshot } from '../../core/protocol/spendMessages';
import { capStatuses, type CapStatus } from '../../core/spend/budgetCaps';
import { LedgerTail } from '../../core/spend/ledgerTail';
import { cachedReadSavingFromCatalog } from '../../core/spend/promptCacheSaving';
import { SpendAggregate } from '../../core/spend/spendAggregate';
import { buildSnapshot } from '../../core/spend/spendSnapshot';
import type { Services } from '../services';

/** Records from this window arrive as events; a short delay batches a burst of attempts. */
const RECORD_DELAY_MS = 50;
/** The proxy CLI and other windows are seen through the file system, which fires per write. */
const WATCH_DELAY_MS = 300;
/** When fs.watch is unavailable (some network file systems), the ledger is polled instead. */
const POLL_MS = 5_000;

/**
 * The ledger, aggregated once and then kept current by reading only what is appended: by this
 * window's pipeline (runtime.onDidRecord), and by the proxy CLI or other windows (fs.watch on
 * the ledger folder). Every surface (views, status bar, alerts, export) reads from here.
 */
export class SpendStore implements vscode.Disposable {
  private aggregate = new SpendAggregate();
  private tail: LedgerTail;
  private first: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private watcher: fs.FSWatcher | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after new records were folded in. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly services: Services) {
    this.tail = new LedgerTail(this.dir);
    this.disposables.push(services.runtime.onDidRecord(() => this.schedule(RECORD_DELAY_MS)));
  }

  /** Whether the first read of the ledger has finished. */
  loaded = false;

  get records(): number {
    return this.aggregate.records;
  }

  get dir(): string {
    return this.services.runtime.ledgerDir;
  }

  /** The workspace identity runs are recorded under (and per-workspace budgets count). */
  get workspace(): string | undefined {
    return this.services.runtime.workspace;
  }

  /** Reads the whole ledger once and starts watching it; later calls wait for that first read. */
  ready(): Promise<void> {
    this.first ??= this.refresh().then(() => {
      this.loaded = true;
      this.watch();
    });
    return this.first;
  }

  /** Reads what was appended since the last read (serialized: one read at a time). */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.readNew();
      } while (this.again);
    })().catch((error: unknown) => {
      this.services.log.warn(`Could not read the spend ledger: ${error instanceof Error ? error.message : String(error)}`);
    }).finally(() => { this.running = undefined; });
    return this.running;
  }

  private async readNew(): Promise<void> {
    const skippedBefore = this.tail.stats.skippedLines;
    const result = await this.tail.read((r) => this.aggregate.fold(r));
    if (result.reset) {
      // The files were deleted or replaced: start over rather than keep counting what is gone.
      this.services.log.info('The spend ledger was replaced; reading it again.');
      this.aggregate = new SpendAggregate();
      this.tail = new LedgerTail(this.dir);
      await this.tail.read((r) => this.aggregate.fold(r));
    }
    if (result.records > 0 || result.reset || this.tail.stats.skippedLines !== skippedBefore) this.changed.fire();
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delayMs);
  }

  private watch(): void {
    try {
      // The ledger opens on the first run; creating its folder now lets it be watched from the start.
      fs.mkdirSync(this.dir, { recursive: true });
      this.watcher = fs.watch(this.dir, () => this.schedule(WATCH_DELAY_MS));
      this.watcher.on('error', (error) => {
        this.services.log.warn(`Stopped watching the spend ledger (${error.message}); polling every ${POLL_MS / 1000} s instead.`);
        this.watcher?.close();
        this.startPolling();
      });
    } catch (error) {
      this.services.log.warn(`Cannot watch the spend ledger (${error instanceof Error ? error.message : String(error)}); polling instead.`);
      this.startPolling();
    }
  }

  private startPolling(): void {
    this.poll ??= setInterval(() => void this.refresh(), POLL_MS);
  }

  caps(nowMs = Date.now()): CapStatus[] {
    const s = this.services.settings.settings;
    const settings = { dailyUsd: s['budget.dailyUsd'], monthlyUsd: s['budget.monthlyUsd'], workspaceDailyUsd: s['budget.workspaceDailyUsd'], workspaceMonthlyUsd: s['budget.workspaceMonthlyUsd'] };
    return capStatuses(settings, this.aggregate, nowMs, this.workspace);
  }

  spentUsd(period: 'day' | 'month', nowMs = Date.now()): number {
    return this.aggregate.spentUsd(period, nowMs);
  }

  /** What a view draws for a query; `topN` is raised for exports, which list every row. */
  snapshot(query: SpendQuery, topN?: number, nowMs = Date.now()): SpendSnapshot {
    return buildSnapshot({
      // A record without a usable time cannot be placed in a bucket: it counts as a skipped line.
      aggregate: this.aggregate, skippedLines: this.tail.stats.skippedLines + this.aggregate.undated, query, nowMs,
      cachedReadSaving: cachedReadSavingFromCatalog(this.services.catalog.catalog),
      caps: this.caps(nowMs), hardStop: this.services.settings.settings['budget.hardStop'], ...(topN ? { topN } : {}),
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearInterval(this.poll);
    this.watcher?.close();
    for (const d of this.disposables) d.dispose();
  }
}
