// Spend totals kept per UTC hour, each with per-provider, -model, -source, -tag, -workspace and
// -error breakdowns. Records are folded in one at a time (in any order: other windows and the
// proxy append concurrently), so a growing ledger is never reread, and every view (time range,
// bucket size, top-N table, budget period) is a sum over a few thousand hour buckets at most.
import type { LedgerRecord } from '../storage/ledger';
import { DAY_MS, hourIndex } from './timeBuckets';

export interface SpendCounters {
  /** Priced spend; records with an unknown price add 0 here and 1 to `unpriced`. */
  costUsd: number;
  /** Ledger records: every attempt, cache hits included. */
  attempts: number;
  /** Logical calls: the first attempt (1) or the cache hit (0) of each pipeline run. */
  calls: number;
  unpriced: number;
  cacheHits: number;
  /** What the response cache saved (`savingUsd` of cache hits). */
  cacheSavingUsd: number;
  /** Attempts after the first (retries, and fallback attempts, which continue the count). */
  retries: number;
  /** Attempts that ran as a fallback for another provider:model. */
  fallbacks: number;
  errors: number;
  inputTokens: number;
  /** Prompt-cache reads of calls that reached a provider (cache hits excluded: nothing was sent). */
  cachedInputTokens: number;
  outputTokens: number;
}

export const dimensions = ['provider', 'model', 'source', 'tag', 'workspace', 'error'] as const;
export type Dimension = (typeof dimensions)[number];

export interface SpendSlice {
  totals: SpendCounters;
  by: Record<Dimension, Map<string, SpendCounters>>;
}

export function emptyCounters(): SpendCounters {
  return {
    costUsd: 0, attempts: 0, calls: 0, unpriced: 0, cacheHits: 0, cacheSavingUsd: 0, retries: 0, fallbacks: 0, errors: 0,
    inputTokens: 0, cachedInputTokens: 0, outputTokens: 0,
  };
}

export function emptySlice(): SpendSlice {
  return { totals: emptyCounters(), by: { provider: new Map(), model: new Map(), source: new Map(), tag: new Map(), workspace: new Map(), error: new Map() } };
}

const counterKeys = Object.keys(emptyCounters()) as (keyof SpendCounters)[];

export function addCounters(into: SpendCounters, from: SpendCounters): void {
  for (const k of counterKeys) into[k] += from[k];
}

function countRecord(c: SpendCounters, r: LedgerRecord): void {
  const cost = typeof r.costUsd === 'number' && Number.isFinite(r.costUsd) ? r.costUsd : null;
  c.attempts++;
  if (r.attempt <= 1) c.calls++;
  if (cost === null) c.unpriced++;
  else c.costUsd += cost;
  if (r.cacheHit) {
    c.cacheHits++;
    c.cacheSavingUsd += Number(r.savingUsd) || 0;
  } else {
    c.cachedInputTokens += Number(r.cachedInputTokens) || 0;
  }
  if (r.attempt > 1) c.retries++;
  if (r.fallbackFrom) c.fallbacks++;
  if (r.errorCode) c.errors++;
  c.inputTokens += Number(r.inputTokens) || 0;
  c.outputTokens += Number(r.outputTokens) || 0;
}

function dimensionValue(r: LedgerRecord, d: Dimension): string | undefined {
  switch (d) {
    case 'provider': return r.provider;
    case 'model': return r.model;
    case 'source': return r.source;
    case 'tag': return r.tag;
    case 'workspace': return r.workspace;
    case 'error': return r.errorCode;
  }
}

export class SpendAggregate {
  /** Hour index -> what was recorded in that UTC hour. */
  readonly hours = new Map<number, SpendSlice>();
  records = 0;
  /** Records without a usable time (counted, not placed in a bucket). */
  undated = 0;

  /** Adds one ledger record. */
  fold(r: LedgerRecord): void {
    const ms = Date.parse(r.time);
    if (!Number.isFinite(ms)) {
      this.undated++;
      return;
    }
    this.records++;
    const hour = hourIndex(ms);
    let slice = this.hours.get(hour);
    if (!slice) {
      slice = emptySlice();
      this.hours.set(hour, slice);
    }
    countRecord(slice.totals, r);
    for (const d of dimensions) {
      const value = dimensionValue(r, d);
      if (value === undefined || value === '') continue;
      let c = slice.by[d].get(value);
      if (!c) {
        c = emptyCounters();
        slice.by[d].set(value, c);
      }
      countRecord(c, r);
    }
  }

  /** Hour indexes with records, oldest first. */
  hourKeys(): number[] {
    return [...this.hours.keys()].sort((a, b) => a - b);
  }

  /** Everything recorded in the hours [fromHour, toHour] (inclusive), merged. */
  sum(fromHour: number, toHour: number): SpendSlice {
    const out = emptySlice();
    for (const [hour, slice] of this.hours) {
      if (hour < fromHour || hour > toHour) continue;
      mergeSlice(out, slice);
    }
    return out;
  }

  /** USD spent in the UTC day or month containing `nowMs`, in total or for one workspace (as the budget guard counts). */
  spentUsd(period: 'day' | 'month', nowMs: number, workspace?: string): number {
    let fromMs: number;
    let toMs: number;
    if (period === 'day') {
      fromMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
      toMs = fromMs + DAY_MS;
    } else {
      const d = new Date(nowMs);
      fromMs = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      toMs = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    let sum = 0;
    for (let hour = hourIndex(fromMs), end = hourIndex(toMs); hour < end; hour++) {
      const slice = this.hours.get(hour);
      if (!slice) continue;
      sum += workspace === undefined ? slice.totals.costUsd : (slice.by.workspace.get(workspace)?.costUsd ?? 0);
    }
    return sum;
  }
}

export function mergeSlice(into: SpendSlice, from: SpendSlice): void {
  addCounters(into.totals, from.totals);
  for (const d of dimensions) {
    for (const [key, c] of from.by[d]) {
      let target = into.by[d].get(key);
      if (!target) {
        target = emptyCounters();
        into.by[d].set(key, target);
      }
      addCounters(target, c);
    }
  }
}
