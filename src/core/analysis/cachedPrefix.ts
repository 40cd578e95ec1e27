// Which of a call's prompt tokens its own cache_control caches (Anthropic prompt caching docs, see
// ../shared/docs/provider-facts.md): a breakpoint caches everything before it in the order
// tools -> system -> messages; below the model's minimum cacheable length nothing is cached, and
// no error says so; a top-level cache_control (automatic caching) puts the breakpoint on the last
// block. OpenAI's automatic caching is not assumed to hit (routing and eviction decide), so
// OpenAI calls are priced uncached.
import type { CacheSegment, CacheTtl } from '../cost/cachedCallCost';
import { prefixBlocks } from '../optimize/cachePlanDynamic';
import type { ModelEntry } from '../pricing/catalogSchema';
import type { LlmRequest, ToolDefinition } from '../request/llmRequest';
import { countText } from '../tokens/countTokens';
import { anthropicImageTokens } from '../tokens/imageTokens';
import { tallyParts } from '../tokens/partTally';
import type { CountOptions, RequestTokenCount } from '../tokens/tokenTypes';
import { formatTokens } from '../format/numbers';

export interface CachedBreakpoint {
  label: string;
  ttl: CacheTtl;
  /** Prompt tokens up to and including the block: what a hit on this entry reads. */
  tokensCached: number;
}

export interface CachedPrefix {
  /** The segments between effective breakpoints, in prefix order; empty when nothing is cached. */
  segments: CacheSegment[];
  /** The breakpoints that cache something (at or above the model's minimum). */
  breakpoints: CachedBreakpoint[];
  notes: string[];
}

function requestsCaching(request: LlmRequest): boolean {
  return request.cacheControl !== undefined || (request.tools ?? []).some((t) => t.cacheControl)
    || (request.system ?? []).some((b) => b.cacheControl) || request.messages.some((m) => m.blocks.some((b) => b.cacheControl));
}

/**
 * Prompt tokens before the end of each block, in prefix order. The token engine counts whole
 * groups (the tools with their tool-use prompt, the system prompt, each message with its
 * framing), so each group ends exactly at its counted size and a block inside a group takes its
 * share by its own text's tokens.
 */
function cumulativeTokens(request: LlmRequest, input: RequestTokenCount, weights: readonly number[]): number[] {
  const groups = [
    { total: input.parts.tools, size: request.tools?.length ?? 0 },
    { total: input.parts.system, size: request.system?.length ?? 0 },
    ...request.messages.map((m, i) => ({ total: input.parts.messages[i] ?? 0, size: m.blocks.length })),
  ];
  const cumulative: number[] = [];
  let before = 0;
  let k = 0;
  for (const group of groups) {
    const own = weights.slice(k, k + group.size);
    const whole = own.reduce((a, b) => a + b, 0);
    let running = 0;
    own.forEach((w, i) => {
      running += w;
      const share = i === own.length - 1 ? 1 : whole > 0 ? running / whole : 0;
      cumulative.push(Math.min(input.total, before + Math.round(group.total * share)));
    });
    if (group.size > 0) before += group.total;
    k += group.size;
  }
  return cumulative;
}

/** The cached part of an Anthropic call's prompt, or undefined when the call does not ask for caching. */
export function cachedPrefixOf(request: LlmRequest, input: RequestTokenCount, entry: ModelEntry, options: CountOptions): CachedPrefix | undefined {
  if (request.provider !== 'anthropic' || !requestsCaching(request)) return undefined;
  const minimum = entry.minCacheableTokens;
  if (minimum === undefined) {
    return { segments: [], breakpoints: [], notes: [`${entry.id}'s minimum cacheable prompt is not known: priced without prompt caching rather than promising cache hits`] };
  }
  const model = entry.id;
  const text = (t: string): number => countText(t, model).tokens;
  const blocks = prefixBlocks(request, {
    tool: (tool: ToolDefinition) => text(JSON.stringify({ name: tool.name, description: tool.description, input_schema: tool.parameters })),
    block: (block) => tallyParts(block.parts, text, anthropicImageTokens, options).tokens,
  });
  const cumulative = cumulativeTokens(request, input, blocks.map((b) => b.tokens));
  const requested = blocks.flatMap((b, index) => (b.cacheControl ? [{ index, ttl: b.cacheControl }] : []));
  const last = blocks.length - 1;
  if (request.cacheControl && last >= 0 && !requested.some((r) => r.index === last)) requested.push({ index: last, ttl: request.cacheControl.ttl });

  const effective = requested.filter((r) => (cumulative[r.index] ?? 0) >= minimum);
  const firstDynamic = blocks.findIndex((b) => b.dynamic);
  const notes: string[] = [];
  if (effective.length === 0) {
    notes.push(`cache_control caches nothing: the prefix (${formatTokens(Math.max(...requested.map((r) => cumulative[r.index] ?? 0)))} tokens) is below ${entry.id}'s minimum of ${formatTokens(minimum)}, so every call pays full input price`);
  }
  const segments: CacheSegment[] = [];
  const breakpoints: CachedBreakpoint[] = [];
  let before = 0;
  for (const r of effective) {
    const tokensCached = cumulative[r.index] ?? 0;
    if (tokensCached <= before) continue;
    const reusable = firstDynamic === -1 || r.index < firstDynamic;
    if (!reusable) {
      const dynamic = blocks[firstDynamic];
      notes.push(`the prefix cached at ${blocks[r.index]?.label} includes ${dynamic?.label}, which changes between calls (${dynamic?.dynamicReason ?? 'dynamic content'}): its ${formatTokens(tokensCached - before)} tokens are priced as a cache write on every call`);
    }
    segments.push({ tokens: tokensCached - before, ttl: r.ttl, reusable });
    breakpoints.push({ label: blocks[r.index]?.label ?? '', ttl: r.ttl, tokensCached });
    before = tokensCached;
  }
  return { segments, breakpoints, notes };
}
