// Monthly projection at a call volume. A month is 30 days: a round, stable figure that does not
// change with the calendar month, so the same call shows the same monthly cost in February and
// in March (providers bill by calendar month; the difference is at most 7%).

export const daysPerMonth = 30;
export const hoursPerMonth = daysPerMonth * 24;

// Calls per unit -> calls per day, as a fraction so /month divides exactly (60000/month -> 2000/day).
const perDay = { min: [24 * 60, 1], hour: [24, 1], day: [1, 1], month: [1, daysPerMonth] } as const;
export type RateUnit = keyof typeof perDay;

export interface CallRate {
  count: number;
  per: RateUnit;
  callsPerDay: number;
}

const unitNames: Record<string, RateUnit> = {
  m: 'min', min: 'min', mins: 'min', minute: 'min', minutes: 'min',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
  mo: 'month', month: 'month', months: 'month',
};

/** Cost per call x calls per day x 30 days. */
export function monthlyCostUsd(costPerCallUsd: number, callsPerDay: number): number {
  return costPerCallUsd * callsPerDay * daysPerMonth;
}

/**
 * The call rate in a `tokenwise: 2000/day` comment (also /hour, /min, /month; `2,000`, `2_000`,
 * `1.5k` and "calls" are accepted: `tokenwise: 1.5k calls/hour`). Undefined when the text has
 * no such annotation.
 */
export function parseCallRate(comment: string): CallRate | undefined {
  const match = /\btokenwise\s*:\s*(\d[\d,_]*(?:\.\d+)?)\s*(k)?\s*(?:calls?\s*)?(?:\/|per\s+)\s*([a-z]+)\b/i.exec(comment);
  if (!match) return undefined;
  const [, digits = '', thousands, unitText = ''] = match;
  const per = unitNames[unitText.toLowerCase()];
  const count = Number(digits.replace(/[,_]/g, '')) * (thousands ? 1000 : 1);
  if (per === undefined || !Number.isFinite(count)) return undefined;
  const [times, divide] = perDay[per];
  return { count, per, callsPerDay: (count * times) / divide };
}
