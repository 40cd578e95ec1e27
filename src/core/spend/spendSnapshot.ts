// Turns the aggregate into what a Spend view draws for one query (time range and bucket size):
// totals, a bucketed series, and top-N tables. Pure: the host passes the clock, the price lookup
// and the budget caps.
import type { SpendQuery, SpendRow, SpendSnapshot, SpendTableId, SpendTotals } from '../protocol/spendMessages';
import { spendTableIds } from '../protocol/spendMessages';
import type { CapStatus } from './budgetCaps';
import type { CachedReadSaving } from './promptCacheSaving';
import { promptCacheAssumption } from './promptCacheSaving';
import type { SpendAggregate, SpendCounters, SpendSlice } from './spendAggregate';
import { emptySlice, mergeSlice } from './spendAggregate';
import { DAY_MS, HOUR_MS, bucketStart, hourIndex, nextBucketStart, type Granularity } from './timeBuckets';

export interface SnapshotInput {
  aggregate: SpendAggregate;
  skippedLines: number;
  query: SpendQuery;
  nowMs: number;
  cachedReadSaving: CachedReadSaving;
  caps: CapStatus[];
  hardStop: boolean;
  /** Rows per table before the rest is folded into "other" (default 8). */
  topN?: number;
}

/** More points than this is more than a chart can show; the bucket is made coarser. */
const MAX_POINTS = 1500;
const coarser: Record<Granularity, Granularity | undefined> = { hour: 'day', day: 'week', week: 'month', month: undefined };

/** First millisecond of a range: the last 24 hours, or the last N UTC days including today; 'all' from the first record. */
export function rangeStartMs(query: SpendQuery, nowMs: number, aggregate: SpendAggregate): number {
  switch (query.range) {
    case '24h': return bucketStart(nowMs, 'hour') - 23 * HOUR_MS;
    case '7d': return bucketStart(nowMs, 'day') - 6 * DAY_MS;
    case '30d': return bucketStart(nowMs, 'day') - 29 * DAY_MS;
    case '90d': return bucketStart(nowMs, 'day') - 89 * DAY_MS;
    case 'all': {
      const first = aggregate.hourKeys()[0];
      return first === undefined ? bucketStart(nowMs, 'day') : first * HOUR_MS;
    }
  }
}

export function resolveGranularity(query: SpendQuery, startMs: number, endMs: number): Granularity {
  let g: Granularity;
  if (query.bucket !== 'auto') g = query.bucket;
  else if (query.range === '24h') g = 'hour';
  else if (query.range === '90d') g = 'week';
  else if (query.range === 'all') g = endMs - startMs <= 45 * DAY_MS ? 'day' : endMs - startMs <= 200 * DAY_MS ? 'week' : 'month';
  else g = 'day';
  for (;;) {
    const points = Math.ceil((endMs - startMs) / approximateMs[g]);
    const next = coarser[g];
    if (points <= MAX_POINTS || !next) return g;
    g = next;
  }
}
const approximateMs: Record<Granularity, number> = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS, month: 28 * DAY_MS };

function promptCacheSaving(slice: SpendSlice, saving: CachedReadSaving): number {
  let usd = 0;
  for (const [model, c] of slice.by.model) if (c.cachedInputTokens > 0) usd += c.cachedInputTokens * saving(model);
  return usd;
}

function totalsOf(slice: SpendSlice, saving: CachedReadSaving): SpendTotals {
  const t = slice.totals;
  return { ...t, cacheHitRate: t.calls > 0 ? Math.min(1, t.cacheHits / t.calls) : 0, promptCacheSavingUsd: promptCacheSaving(slice, saving) };
}

/** Rows by spend (then calls), the top N and one "other (k)" row for the rest. */
export function topRows(map: ReadonlyMap<string, SpendCounters>, totalUsd: number, topN: number): SpendRow[] {
  const sorted = [...map].sort((a, b) => b[1].costUsd - a[1].costUsd || b[1].attempts - a[1].attempts || a[0].localeCompare(b[0]));
  const row = (key: string, c: Pick<SpendCounters, 'costUsd' | 'calls' | 'attempts' | 'errors'>): SpendRow => ({
    key, costUsd: c.costUsd, calls: c.calls, attempts: c.attempts, errors: c.errors, share: totalUsd > 0 ? Math.min(1, Math.max(0, c.costUsd / totalUsd)) : 0,
  });
  const rows = sorted.slice(0, topN).map(([k, c]) => row(k, c));
  const rest = sorted.slice(topN);
  if (rest.length > 0) {
    const other = { costUsd: 0, calls: 0, attempts: 0, errors: 0 };
    for (const [, c] of rest) {
      other.costUsd += c.costUsd;
      other.calls += c.calls;
      other.attempts += c.attempts;
      other.errors += c.errors;
    }
    rows.push(row(`other (${rest.length})`, other));
  }
  return rows;
}

export function buildSnapshot(input: SnapshotInput): SpendSnapshot {
  const { aggregate, query, nowMs, cachedReadSaving } = input;
  const startMs = rangeStartMs(query, nowMs, aggregate);
  const hours = aggregate.hourKeys();
  const lastHour = hours[hours.length - 1];
  // A record dated after now (another machine's clock) still belongs in the series.
  const endMs = Math.max(nowMs, lastHour === undefined ? nowMs : lastHour * HOUR_MS);
  const granularity = resolveGranularity(query, startMs, endMs);

  const starts: number[] = [];
  for (let t = bucketStart(startMs, granularity); t <= endMs; t = nextBucketStart(t, granularity)) starts.push(t);
  const index = new Map(starts.map((t, i) => [t, i]));
  const zeros = () => starts.map(() => 0);
  const series = { start: starts.map((t) => t / 1000), costUsd: zeros(), savingUsd: zeros(), calls: zeros(), errors: zeros(), retries: zeros() };

  const range = emptySlice();
  const startHour = hourIndex(startMs);
  for (const hour of hours) {
    if (hour < startHour) continue;
    const slice = aggregate.hours.get(hour) as SpendSlice;
    mergeSlice(range, slice);
    const i = index.get(bucketStart(hour * HOUR_MS, granularity));
    if (i === undefined) continue;
    const t = slice.totals;
    series.costUsd[i] += t.costUsd;
    series.savingUsd[i] += t.cacheSavingUsd + promptCacheSaving(slice, cachedReadSaving);
    series.calls[i] += t.calls;
    series.errors[i] += t.errors;
    series.retries[i] += t.retries;
  }

  const totals = totalsOf(range, cachedReadSaving);
  const topN = input.topN ?? 8;
  const tables = Object.fromEntries(spendTableIds.map((id) => [id, topRows(range.by[id], totals.costUsd, topN)])) as Record<SpendTableId, SpendRow[]>;
  const notes = [promptCacheAssumption];
  if (totals.unpriced > 0) notes.push(`${totals.unpriced} attempts used a model with no known price; they are not in the spend.`);
  if (input.skippedLines > 0) notes.push(`${input.skippedLines} ledger lines could not be read (torn by a crash, or not Tokenwise records) and were skipped.`);
  return {
    query, granularity, generatedAt: new Date(nowMs).toISOString(), empty: aggregate.records === 0,
    records: aggregate.records, skippedLines: input.skippedLines, totals, series, tables,
    budget: {
      caps: input.caps.map(({ id, label, capUsd, spentUsd, fraction }) => ({ id, label, capUsd, spentUsd, fraction })),
      hardStop: input.hardStop, todayUsd: aggregate.spentUsd('day', nowMs), monthUsd: aggregate.spentUsd('month', nowMs),
    },
    notes,
  };
}
