// The expected-savings model behind the cache planners (formulas and sources in docs/optimize.md).
// Calls arrive as a Poisson process at r calls per hour; an entry lives TTL hours after its last
// use (both providers refresh on a hit), so the next call finds it alive with probability
// p = 1 - e^(-r*TTL), and one write is followed by a geometric number of reads, e^(r*TTL) - 1 on average.

/** Prices (USD per million tokens) and limits of one model, injected by the caller from the pricing catalog. */
export interface CacheModelFacts {
  /** Below this many prompt tokens Anthropic caches nothing, silently. */
  minCacheableTokens: number;
  inputPerMTok: number;
  cacheWrite5mPerMTok: number;
  cacheWrite1hPerMTok: number;
  cacheReadPerMTok: number;
}

export type CacheTtl = '5m' | '1h';

export interface CacheBlockInfo {
  /** Where the block is, for messages: e.g. `tools[2]`, `system[0]`, `messages[3].content[1]`. */
  label: string;
  tokens: number;
  dynamic: boolean;
  /** Why it is dynamic (from classifyParts), shown in warnings. */
  dynamicReason?: string;
  /**
   * Calls per hour that send exactly this prefix (this block and all before it). Defaults to the
   * call rate up to the first dynamic block and 0 from it on. Lower it for content shared by a
   * subset of calls, such as one user's document: that is where a second breakpoint pays.
   */
  sharedCallsPerHour?: number;
  /** The cache_control the code already puts on this block (Anthropic). */
  cacheControl?: CacheTtl;
}

export const ttlHours: Readonly<Record<CacheTtl, number>> = { '5m': 5 / 60, '1h': 1 };

export function hitProbability(callsPerHour: number, ttlHoursValue: number): number {
  return callsPerHour > 0 ? 1 - Math.exp(-callsPerHour * ttlHoursValue) : 0;
}

/** Expected cache reads per cache write: p / (1 - p) = e^(r*TTL) - 1. */
export function readsPerWrite(callsPerHour: number, ttlHoursValue: number): number {
  return callsPerHour > 0 ? Math.expm1(callsPerHour * ttlHoursValue) : 0;
}

export function writePricePerMTok(facts: CacheModelFacts, ttl: CacheTtl): number {
  return ttl === '1h' ? facts.cacheWrite1hPerMTok : facts.cacheWrite5mPerMTok;
}

/**
 * Reads needed before a write has paid for its premium: ceil((write - input) / (input - read)).
 * With the classic ratios (write 1.25x or 2x input, read 0.1x) that is 1 read for a 5-minute
 * write and 2 for a 1-hour write, as Anthropic's pricing page states.
 */
export function breakEvenReads(facts: CacheModelFacts, ttl: CacheTtl): number {
  const premium = writePricePerMTok(facts, ttl) - facts.inputPerMTok;
  const perRead = facts.inputPerMTok - facts.cacheReadPerMTok;
  if (premium <= 0) return 0;
  return perRead > 0 ? Math.ceil(premium / perRead - 1e-9) : Number.POSITIVE_INFINITY;
}

/**
 * Expected saving per call, in USD, of caching `tokens` tokens that calls sharing them send at
 * `sharedCallsPerHour`: p * tokens * (input - read) - (1 - p) * tokens * (write - input).
 */
export function expectedSavingPerCallUsd(facts: CacheModelFacts, ttl: CacheTtl, tokens: number, sharedCallsPerHour: number): number {
  const p = hitProbability(sharedCallsPerHour, ttlHours[ttl]);
  const read = tokens * (facts.inputPerMTok - facts.cacheReadPerMTok);
  const premium = tokens * (writePricePerMTok(facts, ttl) - facts.inputPerMTok);
  return (p * read - (1 - p) * premium) / 1e6;
}
