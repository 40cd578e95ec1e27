// Spend as CSV (RFC 4180, one table that spreadsheets open as is) and JSON (the whole snapshot).
// The CSV is "long": one row per period bucket and one per provider, model, source, tag and
// error code, each with the same columns, so it filters and pivots without reshaping.
import { csvField } from '../analysis/reportCsv';
import type { SpendSnapshot } from '../protocol/spendMessages';
import { spendTableIds } from '../protocol/spendMessages';
import { nextBucketStart } from './timeBuckets';

const header = ['kind', 'key', 'from', 'to', 'cost_usd', 'calls', 'attempts', 'errors', 'saving_usd', 'retries'] as const;
type Cell = string | number | undefined;

export function spendAsCsv(snapshot: SpendSnapshot): string {
  const rows: Cell[][] = [];
  const t = snapshot.totals;
  const from = snapshot.series.start[0];
  const iso = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(seconds * 1000).toISOString());
  rows.push(['total', snapshot.query.range, iso(from), snapshot.generatedAt, t.costUsd, t.calls, t.attempts, t.errors, t.cacheSavingUsd + t.promptCacheSavingUsd, t.retries]);
  const s = snapshot.series;
  s.start.forEach((start, i) => {
    const end = nextBucketStart(start * 1000, snapshot.granularity) / 1000;
    rows.push([snapshot.granularity, iso(start)?.slice(0, snapshot.granularity === 'hour' ? 13 : 10), iso(start), iso(end), s.costUsd[i], s.calls[i], undefined, s.errors[i], s.savingUsd[i], s.retries[i]]);
  });
  for (const id of spendTableIds) {
    for (const r of snapshot.tables[id]) rows.push([id, r.key, undefined, undefined, r.costUsd, r.calls, r.attempts, r.errors, undefined, undefined]);
  }
  return `${[header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n')}\r\n`;
}

export function spendAsJson(snapshot: SpendSnapshot, version: string): string {
  return `${JSON.stringify({ tool: 'tokenwise', version, ...snapshot }, null, 2)}\n`;
}
