// The cost of a call that uses Anthropic prompt caching (cache_control). The tokens up to each
// breakpoint are written to the cache by a call that finds no entry (the first call of a window)
// and read from it by the calls after (warm calls); the rest of the prompt is ordinary input.
// Prices: 5-minute write 1.25x input, 1-hour write 2x, read 0.1x (0.05x on the 5.5 models), all
// from the catalog; batch halves them all (provider-facts.md, "Prompt caching" and "Pricing").
import type { CacheControl } from '../request/llmRequest';
import { priceCall, type CallCost } from './callCost';
import type { ModelEntry } from '../pricing/catalogSchema';

export type CacheTtl = CacheControl['ttl'];

/** The tokens between two effective breakpoints, cached with the later breakpoint's TTL. */
export interface CacheSegment {
  tokens: number;
  ttl: CacheTtl;
  /**
   * False when the segment follows content that changes between calls: no later call sends the
   * same prefix, so every call writes it again and none reads it.
   */
  reusable: boolean;
}

export interface CachedCallInput {
  /** The whole prompt: cached segments plus uncached input. */
  promptTokens: number;
  segments: readonly CacheSegment[];
  outputTokens: number;
  batch?: boolean;
}

export interface CachedCallCost {
  /** A call that finds no entry: every segment is written. */
  first: CallCost;
  /** A call that finds every reusable segment cached (the steady state). */
  warm: CallCost;
  /** A call whose 5-minute entries expired while its 1-hour entries are alive. */
  missed5m: CallCost;
}

function sum(segments: readonly CacheSegment[], keep: (s: CacheSegment) => boolean): number {
  return segments.reduce((total, s) => total + (keep(s) ? s.tokens : 0), 0);
}

/**
 * First, warm and 5-minute-miss costs of one cached call. All three send the same prompt, so the
 * long-context tier (chosen by the whole prompt, cache tokens included) is the same for each.
 */
export function priceCachedCall(entry: ModelEntry, input: CachedCallInput): CachedCallCost {
  const { segments } = input;
  const cachedTokens = sum(segments, () => true);
  if (cachedTokens > input.promptTokens) throw new RangeError(`cached tokens (${cachedTokens}) exceed the prompt (${input.promptTokens})`);
  const price = (read: (s: CacheSegment) => boolean): CallCost => priceCall(entry, {
    inputTokens: input.promptTokens - cachedTokens,
    cachedInputTokens: sum(segments, (s) => s.reusable && read(s)),
    cacheWrite5mTokens: sum(segments, (s) => s.ttl === '5m' && !(s.reusable && read(s))),
    cacheWrite1hTokens: sum(segments, (s) => s.ttl === '1h' && !(s.reusable && read(s))),
    outputTokens: input.outputTokens,
    ...(input.batch ? { batch: true } : {}),
  });
  return { first: price(() => false), warm: price(() => true), missed5m: price((s) => s.ttl === '1h') };
}

/**
 * The expected cost of one call when a share of calls finds the 5-minute entries expired and a
 * (smaller) share finds the 1-hour entries expired too: a 1-hour entry outlives a 5-minute one,
 * so a call that misses the 1-hour entry misses the 5-minute entry as well.
 */
export function expectedCallCostUsd(cost: CachedCallCost, missShare: Readonly<Record<CacheTtl, number>>): number {
  return cost.warm.costUsd
    + missShare['5m'] * (cost.missed5m.costUsd - cost.warm.costUsd)
    + missShare['1h'] * (cost.first.costUsd - cost.missed5m.costUsd);
}
