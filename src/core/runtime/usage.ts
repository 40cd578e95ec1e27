// One usage shape for every provider, so cost and savings are computed the same way. The
// providers disagree on what "input tokens" means (docs/provider-facts.md, "Prompt caching"):
// OpenAI's prompt_tokens / input_tokens INCLUDE the cached tokens; Anthropic's input_tokens
// EXCLUDES both cache reads and cache writes. Here `inputTokens` is always the uncached part.

import type { TokenCounts } from '../cost/callCost';
import { tokensFromUsage } from '../cost/usage';
import type { Provider } from '../request/llmRequest';

/** The cost model's token counts (uncached input, cache reads, cache writes by TTL, output), plus reasoning for display. */
export type NormalizedUsage = Omit<TokenCounts, 'batch' | 'flex'> & {
  /** The part of outputTokens spent on hidden reasoning, when the provider reports it. */
  reasoningTokens?: number;
};

export function emptyUsage(): NormalizedUsage {
  return { inputTokens: 0, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 0 };
}

export function totalInputTokens(u: NormalizedUsage): number {
  return u.inputTokens + u.cachedInputTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens;
}

/**
 * Parses a provider's usage with the cost model's parser, the one place the providers' input
 * conventions are encoded. A server that reports no usage at all (some OpenAI-compatible local
 * servers) gives zeros; a usage object of the wrong shape is a MalformedUsageError that names
 * the bad fields.
 */
function normalize(provider: Provider, raw: unknown): NormalizedUsage {
  if (raw === null || raw === undefined) return emptyUsage();
  const { tokens, reasoningTokens } = tokensFromUsage(provider, raw);
  return {
    inputTokens: tokens.inputTokens,
    cachedInputTokens: tokens.cachedInputTokens,
    cacheWrite5mTokens: tokens.cacheWrite5mTokens,
    cacheWrite1hTokens: tokens.cacheWrite1hTokens,
    outputTokens: tokens.outputTokens,
    ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
  };
}

/** OpenAI Chat Completions `usage`: prompt_tokens includes prompt_tokens_details.cached_tokens. */
export const normalizeOpenAiChatUsage = (raw: unknown): NormalizedUsage => normalize('openai', raw);

/** OpenAI Responses `usage`: input_tokens includes input_tokens_details.cached_tokens. */
export const normalizeOpenAiResponsesUsage = (raw: unknown): NormalizedUsage => normalize('openai', raw);

/** Anthropic Messages `usage`: input_tokens excludes the cache reads and writes. */
export const normalizeAnthropicUsage = (raw: unknown): NormalizedUsage => normalize('anthropic', raw);

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * Anthropic streams usage twice: message_start carries the input side, message_delta the
 * cumulative output (and, on newer API versions, restated input fields). Later values win.
 */
export function mergeAnthropicStreamUsage(start: unknown, delta: unknown): NormalizedUsage {
  const merged: Record<string, unknown> = { ...obj(start) };
  for (const [k, v] of Object.entries(obj(delta))) if (v !== null && v !== undefined) merged[k] = v;
  return normalizeAnthropicUsage(merged);
}
