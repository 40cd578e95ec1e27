import type { ModelEntry, PriceSet } from '../pricing/catalogSchema';
import { costFemtoUsd, femtoToUsd } from './money';

/** Tokens of one call, split the way both providers bill them. Every count is exclusive of the others. */
export interface TokenCounts {
  /** Uncached input tokens, billed at the input price. */
  inputTokens: number;
  /** Cache reads. */
  cachedInputTokens: number;
  /** Anthropic 5-minute cache writes; OpenAI (gpt-5.6+) cache writes of any ttl. */
  cacheWrite5mTokens: number;
  /** Anthropic 1-hour cache writes. */
  cacheWrite1hTokens: number;
  /** Output tokens, reasoning tokens included (both providers bill them as output). */
  outputTokens: number;
  /** Sent through a Batch API. */
  batch?: boolean;
  /** OpenAI Flex processing. */
  flex?: boolean;
}

/** USD per kind of token. */
export interface CostBreakdown {
  input: number;
  cachedInput: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  output: number;
}

export interface CallCost {
  model: string;
  costUsd: number;
  breakdown: CostBreakdown;
  /** Uncached + cached + written input tokens: the size that picks the price tier. */
  promptTokens: number;
  /** The long-context tier applied. */
  longContext: boolean;
  /** Assumptions made, e.g. a cache read billed at the input price because the model has no cache price. */
  notes: string[];
}

/** The counts or options cannot be priced for this model. */
export class CostError extends Error {}

const tokenFields = ['inputTokens', 'cachedInputTokens', 'cacheWrite5mTokens', 'cacheWrite1hTokens', 'outputTokens'] as const;

function multiplierFor(entry: ModelEntry, tokens: TokenCounts): number {
  // Batch and Flex are separate offers; OpenAI does not stack them.
  if (tokens.batch && tokens.flex) throw new CostError('a call is either batch or flex, not both');
  if (tokens.batch) {
    if (entry.batchMultiplier === undefined) throw new CostError(`${entry.id} has no batch pricing`);
    return entry.batchMultiplier;
  }
  if (tokens.flex) {
    if (entry.flexMultiplier === undefined) throw new CostError(`${entry.id} has no flex pricing`);
    return entry.flexMultiplier;
  }
  return 1;
}

/**
 * The cost of one call. The long-context tier is chosen by the whole prompt, cached reads and
 * cache writes included, and then applies to every token of the request, output included:
 * Anthropic counts input_tokens + cache_creation_input_tokens + cache_read_input_tokens against
 * the 200K threshold (Sonnet 4/4.5) and 100K (Haiku 5.5); OpenAI's 272K threshold (gpt-5.4,
 * gpt-6.1/6.2) is on input tokens, which include cached ones (provider-facts.md). "Above" is
 * strict: a prompt of exactly the threshold is billed at the base rates.
 * Batch (Anthropic: 50% off everything, cache reads and writes included; OpenAI: 50%) and Flex
 * multiply every price.
 */
export function priceCall(entry: ModelEntry, tokens: TokenCounts): CallCost {
  for (const field of tokenFields) {
    const value = tokens[field];
    if (!Number.isSafeInteger(value) || value < 0) throw new CostError(`${field} must be a non-negative integer, got ${value}`);
  }
  const multiplier = multiplierFor(entry, tokens);
  const promptTokens = tokens.inputTokens + tokens.cachedInputTokens + tokens.cacheWrite5mTokens + tokens.cacheWrite1hTokens;
  const longContext = entry.longContext !== undefined && promptTokens > entry.longContext.aboveTokens;
  const prices: PriceSet = longContext && entry.longContext ? entry.longContext.prices : entry.prices;
  const notes: string[] = [];

  // A model without a cache price bills those tokens as ordinary input (OpenAI before gpt-5.6 has
  // no write charge; a model without caching has no read discount).
  const priceOr = (price: number | undefined, count: number, what: string): number => {
    if (price !== undefined) return price;
    if (count > 0) notes.push(`${entry.id} has no ${what} price; those tokens are billed as input`);
    return prices.input;
  };
  const parts = {
    input: costFemtoUsd(tokens.inputTokens, prices.input, multiplier),
    cachedInput: costFemtoUsd(tokens.cachedInputTokens, priceOr(prices.cachedInput, tokens.cachedInputTokens, 'cache-read'), multiplier),
    cacheWrite5m: costFemtoUsd(tokens.cacheWrite5mTokens, priceOr(prices.cacheWrite5m, tokens.cacheWrite5mTokens, 'cache-write'), multiplier),
    cacheWrite1h: costFemtoUsd(tokens.cacheWrite1hTokens, priceOr(prices.cacheWrite1h, tokens.cacheWrite1hTokens, '1-hour cache-write'), multiplier),
    output: costFemtoUsd(tokens.outputTokens, prices.output, multiplier),
  };
  if (longContext && entry.longContext) notes.push(`prompt of ${promptTokens} tokens is above ${entry.longContext.aboveTokens}: long-context prices`);
  const total = parts.input + parts.cachedInput + parts.cacheWrite5m + parts.cacheWrite1h + parts.output;
  return {
    model: entry.id,
    costUsd: femtoToUsd(total),
    breakdown: {
      input: femtoToUsd(parts.input),
      cachedInput: femtoToUsd(parts.cachedInput),
      cacheWrite5m: femtoToUsd(parts.cacheWrite5m),
      cacheWrite1h: femtoToUsd(parts.cacheWrite1h),
      output: femtoToUsd(parts.output),
    },
    promptTokens,
    longContext,
    notes,
  };
}
