import { z } from 'zod';
import type { Provider } from '../request/llmRequest';
import type { TokenCounts } from './callCost';

// Provider usage objects -> TokenCounts. The providers count differently (provider-facts.md):
// - OpenAI Chat Completions: prompt_tokens INCLUDES prompt_tokens_details.cached_tokens;
//   completion_tokens includes reasoning tokens; gpt-5.6+ reports cache_write_tokens, also
//   part of the prompt.
// - OpenAI Responses: input_tokens includes input_tokens_details.cached_tokens; output_tokens
//   includes output_tokens_details.reasoning_tokens.
// - Anthropic Messages: input_tokens EXCLUDES cache tokens; total input = input_tokens +
//   cache_creation_input_tokens + cache_read_input_tokens. cache_creation.{ephemeral_5m,
//   ephemeral_1h}_input_tokens split the writes by ttl; without it every write is 5-minute
//   (the default ttl). service_tier "batch" marks a Message Batches result.

export type UsageShape = 'openai-chat' | 'openai-responses' | 'anthropic-messages';

export interface ParsedUsage {
  shape: UsageShape;
  tokens: TokenCounts;
  /** Reasoning tokens, already inside outputTokens; reported for display. */
  reasoningTokens?: number;
}

/** The usage object does not have the provider's shape or its counts contradict each other. */
export class MalformedUsageError extends Error {}

const count = z.number().int().nonnegative();
const writeTokens = { cache_write_tokens: count.nullish() };

const openAiChatUsage = z.looseObject({
  prompt_tokens: count,
  completion_tokens: count,
  total_tokens: count.optional(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count.nullish(), ...writeTokens }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count.nullish() }).nullish(),
  ...writeTokens,
});

const openAiResponsesUsage = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  total_tokens: count.optional(),
  input_tokens_details: z.looseObject({ cached_tokens: count.nullish(), ...writeTokens }).nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: count.nullish() }).nullish(),
  ...writeTokens,
});

const anthropicUsage = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
  cache_creation: z.looseObject({ ephemeral_5m_input_tokens: count.nullish(), ephemeral_1h_input_tokens: count.nullish() }).nullish(),
  service_tier: z.string().nullish(),
});

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new MalformedUsageError(`not ${what} usage object: ${issues(parsed.error)}`);
  return parsed.data;
}

/** OpenAI input split: the cached and written tokens are inside the reported input total. */
function openAiTokens(inputTotal: number, cached: number, written: number, output: number, totalName: string): TokenCounts {
  if (cached + written > inputTotal) {
    throw new MalformedUsageError(`cached (${cached}) + cache-write (${written}) tokens exceed ${totalName} (${inputTotal}), which includes them`);
  }
  return { inputTokens: inputTotal - cached - written, cachedInputTokens: cached, cacheWrite5mTokens: written, cacheWrite1hTokens: 0, outputTokens: output };
}

function fromOpenAi(raw: Record<string, unknown>, serviceTier: unknown): ParsedUsage {
  const flex = serviceTier === 'flex' ? { flex: true } : {};
  if ('prompt_tokens' in raw) {
    const u = parseWith(openAiChatUsage, raw, 'an OpenAI Chat Completions');
    const written = u.prompt_tokens_details?.cache_write_tokens ?? u.cache_write_tokens ?? 0;
    const tokens = openAiTokens(u.prompt_tokens, u.prompt_tokens_details?.cached_tokens ?? 0, written, u.completion_tokens, 'prompt_tokens');
    return { shape: 'openai-chat', tokens: { ...tokens, ...flex }, reasoningTokens: u.completion_tokens_details?.reasoning_tokens ?? undefined };
  }
  if ('input_tokens' in raw) {
    const u = parseWith(openAiResponsesUsage, raw, 'an OpenAI Responses');
    const written = u.input_tokens_details?.cache_write_tokens ?? u.cache_write_tokens ?? 0;
    const tokens = openAiTokens(u.input_tokens, u.input_tokens_details?.cached_tokens ?? 0, written, u.output_tokens, 'input_tokens');
    return { shape: 'openai-responses', tokens: { ...tokens, ...flex }, reasoningTokens: u.output_tokens_details?.reasoning_tokens ?? undefined };
  }
  throw new MalformedUsageError('not an OpenAI usage object: expected prompt_tokens (Chat Completions) or input_tokens (Responses)');
}

function fromAnthropic(raw: Record<string, unknown>): ParsedUsage {
  const u = parseWith(anthropicUsage, raw, 'an Anthropic Messages');
  const created = u.cache_creation_input_tokens ?? 0;
  let write5m = created;
  let write1h = 0;
  const split = u.cache_creation;
  if (split && (split.ephemeral_5m_input_tokens != null || split.ephemeral_1h_input_tokens != null)) {
    write5m = split.ephemeral_5m_input_tokens ?? 0;
    write1h = split.ephemeral_1h_input_tokens ?? 0;
    if (u.cache_creation_input_tokens != null && write5m + write1h !== created) {
      throw new MalformedUsageError(`cache_creation splits ${write5m} + ${write1h} tokens but cache_creation_input_tokens is ${created}`);
    }
  }
  const tokens: TokenCounts = {
    inputTokens: u.input_tokens,
    cachedInputTokens: u.cache_read_input_tokens ?? 0,
    cacheWrite5mTokens: write5m,
    cacheWrite1hTokens: write1h,
    outputTokens: u.output_tokens,
  };
  if (u.service_tier === 'batch') tokens.batch = true;
  return { shape: 'anthropic-messages', tokens };
}

/**
 * Token counts from a provider's usage object, or from a whole response that carries one in
 * `usage` (then an OpenAI `service_tier: "flex"` on the response is honoured). Throws
 * MalformedUsageError with the offending fields when the object does not fit the provider.
 */
export function tokensFromUsage(provider: Provider, raw: unknown): ParsedUsage {
  const object = z.record(z.string(), z.unknown()).safeParse(raw);
  if (!object.success) throw new MalformedUsageError('a usage object must be a JSON object');
  const nested = z.record(z.string(), z.unknown()).safeParse(object.data.usage);
  const usage = nested.success ? nested.data : object.data;
  const serviceTier = nested.success ? object.data.service_tier : undefined;
  return provider === 'anthropic' ? fromAnthropic(usage) : fromOpenAi(usage, serviceTier);
}
