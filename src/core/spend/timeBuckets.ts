// UTC time buckets for spend. Hours are the unit the aggregate keeps (so "last 24 h" is exact
// to the hour); days, ISO weeks (Monday start) and calendar months are rolled up from them.
// UTC, because the budget guard and the providers' billing dashboards count UTC days and months.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export type Granularity = 'hour' | 'day' | 'week' | 'month';

/** Hours since the epoch: the aggregate's bucket key. */
export function hourIndex(ms: number): number {
  return Math.floor(ms / HOUR_MS);
}

/** Start (ms) of the UTC bucket of `granularity` that contains `ms`. */
export function bucketStart(ms: number, granularity: Granularity): number {
  switch (granularity) {
    case 'hour':
      return hourIndex(ms) * HOUR_MS;
    case 'day':
      return Math.floor(ms / DAY_MS) * DAY_MS;
    case 'week': {
      // 1970-01-01 was a Thursday: day n is (n + 3) % 7 days after the Monday that starts its week.
      const day = Math.floor(ms / DAY_MS);
      return (day - ((day + 3) % 7 + 7) % 7) * DAY_MS;
    }
    case 'month': {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: number, granularity: Granularity): number {
  switch (granularity) {
    case 'hour':
      return start + HOUR_MS;
    case 'day':
      return start + DAY_MS;
    case 'week':
      return start + 7 * DAY_MS;
    case 'month': {
      const d = new Date(start);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}

/** "2026-11-24": the budget's day period key. */
export function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "2026-11": the budget's month period key. */
export function monthKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}
