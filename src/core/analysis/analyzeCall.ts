// One call site, fully priced: its input tokens (exact or estimated), the output it may
// produce, what one call costs with the catalog's price for its model, and the monthly
// projection at its call rate. Nothing here guesses a price: an unknown model stays unpriced.
import { priceCall, type CallCost } from '../cost/callCost';
import { monthlyCostUsd } from '../cost/projection';
import type { CallSite } from '../parse/callSite';
import { findModel, type Catalog } from '../pricing/catalog';
import type { ModelEntry } from '../pricing/catalogSchema';
import { countRequest } from '../tokens/countTokens';
import type { CountOptions, RequestTokenCount } from '../tokens/tokenTypes';
import type { LlmRequest } from '../request/llmRequest';

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
  /** Cost of one call (uncached: what the first call of a cache window pays), when priced. */
  cost?: CallCost;
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
  let cost: CallCost | undefined;
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
    cost = priceCall(entry, {
      inputTokens: input.total, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens, batch,
    });
    notes.push(...cost.notes);
  }

  const perDay = site.callsPerDay?.perDay ?? (ctx.defaultCallsPerDay > 0 ? ctx.defaultCallsPerDay : null);
  const monthlyUsd = cost && perDay !== null ? monthlyCostUsd(cost.costUsd, perDay) : null;
  return { site, billing, entry, input, outputTokens, outputAssumed, cost, callsPerDay: perDay, monthlyUsd, notes: [...notes, ...input.notes] };
}
