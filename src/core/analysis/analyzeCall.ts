// One call site, fully priced: its input tokens (exact or estimated), the output it may
// produce, what one call costs with the catalog's price for its model, and the monthly
// projection at its call rate. Nothing here guesses a price: an unknown model stays unpriced.
import { priceCall, type CallCost } from '../cost/callCost';
import { expectedCallCostUsd, priceCachedCall, type CachedCallInput, type CacheSegment, type CacheTtl } from '../cost/cachedCallCost';
import { monthlyCostUsd } from '../cost/projection';
import { hitProbability, ttlHours } from '../optimize/cachePlanModel';
import type { CallSite } from '../parse/callSite';
import { findModel, type Catalog } from '../pricing/catalog';
import type { ModelEntry } from '../pricing/catalogSchema';
import { countRequest } from '../tokens/countTokens';
import { defaultAssumedPlaceholderTokens, type CountOptions, type RequestTokenCount } from '../tokens/tokenTypes';
import type { LlmRequest } from '../request/llmRequest';
import { cachedPrefixOf, type CachedBreakpoint, type CachedPrefix } from './cachedPrefix';

export interface AnalysisContext {
  catalog: Catalog;
  /** Setting tokenwise.cost.assumedPlaceholderTokens. */
  assumedPlaceholderTokens: number;
  /** Setting tokenwise.cost.expectedOutputTokens: output priced when a call sets no max tokens. */
  expectedOutputTokens: number;
  /** Setting tokenwise.cost.defaultCallsPerDay (0: no projection without a comment). */
  defaultCallsPerDay: number;
  /** Counts a request; the default counts locally, the host may pass one with exact Claude counts. */
  count?: (request: LlmRequest, options: CountOptions) => RequestTokenCount;
}

/** The prompt caching a call asks for (Anthropic cache_control) and what it does to the price. */
export interface CallCache {
  /** Tokens a warm call reads from the cache. */
  readTokens: number;
  /** Tokens the first call of a cache window writes, by TTL (rewritten ones included). */
  write5mTokens: number;
  write1hTokens: number;
  /** Tokens cached after content that changes between calls: written again on every call. */
  rewrittenTokens: number;
  breakpoints: CachedBreakpoint[];
  /** What the first call of a window pays (it finds no entry and writes them). */
  firstCall: CallCost;
  /**
   * Expected cost of one call at the call's rate: the warm cost plus the share of calls that find
   * an entry expired and write it again. Null without a call rate.
   */
  expectedCostUsd: number | null;
  /** Share of calls that find the entries of each TTL expired and write them again; null without a call rate. */
  missShare: Readonly<Record<CacheTtl, number>> | null;
}

/** How an API is billed, which decides what of the request costs money. */
export type Billing = 'tokens' | 'input-only' | 'free' | 'not-token-priced';

export interface AnalyzedCall {
  site: CallSite;
  billing: Billing;
  /** The catalog entry of the call's model, when the model is known and priced. */
  entry?: ModelEntry;
  input: RequestTokenCount;
  outputTokens: number;
  /** True when outputTokens is the expected-output setting, not the call's own max tokens. */
  outputAssumed: boolean;
  /**
   * Cost of one call, when priced. With prompt caching (`cache`), a warm call's: its cached prefix
   * read from the cache. The CodeLens, the report's costUsd and the status bar show this figure.
   */
  cost?: CallCost;
  /** Present when the call's cache_control caches part of its prompt. */
  cache?: CallCache;
  callsPerDay: number | null;
  monthlyUsd: number | null;
  /** Why the call is unpriced, and the assumptions its numbers rest on. */
  notes: string[];
}

/** Billing by API path (as the scanner reports it, e.g. `chat.completions.create`). */
export function billingOf(api: string): Billing {
  // Token counting endpoints are free (Anthropic count_tokens; OpenAI responses.input_tokens.count),
  // and so is OpenAI's moderation endpoint.
  if (/(^|\.)(count_tokens|countTokens)$/.test(api) || /(^|\.)input_tokens\.count$/.test(api) || api.startsWith('moderations.')) return 'free';
  if (api.startsWith('embeddings.')) return 'input-only';
  // Images are priced per image, audio per minute or character, and a batch job by the requests in
  // its input file: none of them follows from the call's own prompt tokens.
  if (api.startsWith('images.') || api.startsWith('audio.') || /(^|\.)batches\.create$/.test(api)) return 'not-token-priced';
  return 'tokens';
}

/** Prices a call whose cache_control caches part of its prompt: warm, first call and expected cost. */
function priceCached(entry: ModelEntry, prefix: CachedPrefix, call: Omit<CachedCallInput, 'segments'>, perDay: number | null): { cost: CallCost; cache: CallCache } {
  const { segments } = prefix;
  const priced = priceCachedCall(entry, { ...call, segments });
  const tokens = (keep: (s: CacheSegment) => boolean) => segments.reduce((n, s) => n + (keep(s) ? s.tokens : 0), 0);
  // Calls arrive at random (Poisson) at the projected rate and all send the same prefix; an entry
  // lives TTL after its last hit, so a call misses when the gap since the previous call exceeds
  // the TTL: the cache planner's model (docs/optimize.md, "Expected-savings model").
  const miss = (ttl: CacheTtl, callsPerHour: number) => 1 - hitProbability(callsPerHour, ttlHours[ttl]);
  const missShare = perDay === null ? null : { '5m': miss('5m', perDay / 24), '1h': miss('1h', perDay / 24) };
  return {
    cost: priced.warm,
    cache: {
      readTokens: tokens((s) => s.reusable),
      write5mTokens: tokens((s) => s.ttl === '5m'),
      write1hTokens: tokens((s) => s.ttl === '1h'),
      rewrittenTokens: tokens((s) => !s.reusable),
      breakpoints: prefix.breakpoints,
      firstCall: priced.first,
      expectedCostUsd: missShare === null ? null : expectedCallCostUsd(priced, missShare),
      missShare,
    },
  };
}

export function analyzeCall(site: CallSite, ctx: AnalysisContext): AnalyzedCall {
  const { request } = site;
  const notes: string[] = [];
  const billing = billingOf(site.api);
  const input = (ctx.count ?? countRequest)(request, { assumedPlaceholderTokens: ctx.assumedPlaceholderTokens });
  const producesOutput = billing === 'tokens';
  const outputAssumed = producesOutput && request.maxOutputTokens === undefined;
  const outputTokens = !producesOutput ? 0 : request.maxOutputTokens ?? ctx.expectedOutputTokens;
  if (outputAssumed) notes.push(`no max output tokens set: ${outputTokens} output tokens assumed (setting tokenwise.cost.expectedOutputTokens)`);

  const entry = request.model === null ? undefined : findModel(ctx.catalog, request.model);
  const perDay = site.callsPerDay?.perDay ?? (ctx.defaultCallsPerDay > 0 ? ctx.defaultCallsPerDay : null);
  let cost: CallCost | undefined;
  let cache: CallCache | undefined;
  if (billing === 'not-token-priced') {
    notes.push(`${site.api} is not priced by tokens`);
  } else if (request.model === null) {
    notes.push(`model not resolved (${site.modelNullReason ?? 'unknown'}): pick one to see a cost`);
  } else if (!entry) {
    notes.push(`"${request.model}" is not in the price catalog: unpriced rather than priced as another model`);
  } else if (billing === 'free') {
    cost = { model: entry.id, costUsd: 0, breakdown: { input: 0, cachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0 }, promptTokens: input.total, longContext: false, notes: [`${site.api} is free`] };
  } else {
    const batch = request.batch === true && entry.batchMultiplier !== undefined;
    const prefix = cachedPrefixOf(request, input, entry, { assumedPlaceholderTokens: ctx.assumedPlaceholderTokens });
    notes.push(...(prefix?.notes ?? []));
    if (prefix && prefix.segments.length > 0) {
      ({ cost, cache } = priceCached(entry, prefix, { promptTokens: input.total, outputTokens, batch }, perDay));
    } else {
      cost = priceCall(entry, {
        inputTokens: input.total, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens, batch,
      });
    }
    notes.push(...cost.notes);
  }

  const monthlyUsd = cost && perDay !== null ? monthlyCostUsd(cache?.expectedCostUsd ?? cost.costUsd, perDay) : null;
  return { site, billing, entry, input, outputTokens, outputAssumed, cost, ...(cache ? { cache } : {}), callsPerDay: perDay, monthlyUsd, notes: [...notes, ...input.notes] };
}

/**
 * The call as it would be on another model: counted with that model's tokenizer and priced the
 * way analyzeCall prices the call itself (prompt caching included), so Compare Models and the
 * cheaper-model advice compare like with like with the CodeLens figure.
 */
export function analyzeOnModel(call: AnalyzedCall, candidate: ModelEntry, catalog: Catalog, countOptions: CountOptions = {}): AnalyzedCall {
  const request = { ...call.site.request, provider: candidate.provider, model: candidate.id } as LlmRequest;
  return analyzeCall({ ...call.site, provider: candidate.provider, request }, {
    catalog,
    assumedPlaceholderTokens: countOptions.assumedPlaceholderTokens ?? defaultAssumedPlaceholderTokens,
    // The output the call was priced with, assumed or its own max tokens.
    expectedOutputTokens: call.outputTokens,
    defaultCallsPerDay: call.callsPerDay ?? 0,
  });
}
