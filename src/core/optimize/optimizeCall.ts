// Every optimization for one analysed call, each with what it saves (tokens and dollars,
// measured with the call's own tokenizer and prices) and why, with the provider rule behind it.
import type { AnalyzedCall } from '../analysis/analyzeCall';
import { hoursPerMonth, monthlyCostUsd } from '../cost/projection';
import type { SourceRange, SourcedPart } from '../parse/callSite';
import type { Catalog } from '../pricing/catalog';
import { literalText, type RequestBlock, type ToolDefinition } from '../request/llmRequest';
import { countText } from '../tokens/countTokens';
import { adviseBatch } from './batchAdvice';
import { compressPrompt, type CompressResult } from './compress';
import { planAnthropicCache } from './cachePlanAnthropic';
import { prefixBlocks } from './cachePlanDynamic';
import { adviseOpenAiCache } from './cachePlanOpenAi';
import { adviseModels, type ModelSuggestion } from './modelAdvice';

export type SuggestionKind = 'compress' | 'cache-placement' | 'cache-order' | 'cheaper-model' | 'batch';

export interface Suggestion {
  kind: SuggestionKind;
  title: string;
  /** Why, with the rule it rests on. */
  reason: string;
  tokensSaved: number;
  savingPerCallUsd: number;
  /** At the call's rate; null when no rate is known. */
  savingPerMonthUsd: number | null;
  /** Where the change goes in the source (a prompt literal, the call). */
  range?: SourceRange;
  compression?: CompressResult;
  models?: ModelSuggestion[];
}

export interface OptimizeOptions {
  catalog: Catalog;
  assumedPlaceholderTokens: number;
  /** Suggest the other provider's models too. */
  crossProvider?: boolean;
}

/** Literal prompt texts long enough to be worth compressing, with their source ranges. */
function promptLiterals(blocks: readonly RequestBlock[]): { text: string; range: SourceRange }[] {
  const out: { text: string; range: SourceRange }[] = [];
  for (const block of blocks) {
    for (const part of block.parts as SourcedPart[]) {
      if (part.kind === 'text' && part.range && part.text.length >= 40) out.push({ text: part.text, range: part.range });
    }
  }
  return out;
}

export function optimizeCall(call: AnalyzedCall, options: OptimizeOptions): Suggestion[] {
  const { site, entry } = call;
  const request = site.request;
  const model = request.model;
  if (!model || !entry || call.billing !== 'tokens') return [];
  const perDay = call.callsPerDay;
  const perMonth = (perCall: number) => (perDay === null ? null : monthlyCostUsd(perCall, perDay));
  const count = (text: string) => countText(text, model).tokens;
  const suggestions: Suggestion[] = [];

  // Compression: each prompt literal on its own, so the fix edits exactly that literal.
  for (const literal of promptLiterals([...(request.system ?? []), ...request.messages.flatMap((m) => m.blocks)])) {
    const result = compressPrompt(literal.text, count);
    const saved = result.tokensBefore - result.tokensAfter;
    if (saved <= 0) continue;
    const perCall = (saved * entry.prices.input) / 1e6;
    suggestions.push({
      kind: 'compress',
      title: `Compress this prompt: ${result.tokensBefore} → ${result.tokensAfter} tokens`,
      reason: `Deterministic rewrites (${result.transforms.map((t) => t.id).join(', ')}) that keep every content word, placeholder, number and negation; input tokens are billed on every call.`,
      tokensSaved: saved,
      savingPerCallUsd: perCall,
      savingPerMonthUsd: perMonth(perCall),
      range: literal.range,
      compression: result,
    });
  }

  // Prompt caching: the blocks in prefix order with their tokens.
  const assumed = options.assumedPlaceholderTokens;
  const blockTokens = (block: RequestBlock) => count(literalText(block.parts)) + block.parts.filter((p) => p.kind === 'placeholder').length * assumed;
  const blocks = prefixBlocks(request, { block: blockTokens, tool: (tool: ToolDefinition) => count(JSON.stringify(tool)) });
  const callsPerHour = (perDay ?? 0) / 24;
  if (site.provider === 'anthropic' && entry.minCacheableTokens !== undefined && entry.prices.cacheWrite5m !== undefined
    && entry.prices.cacheWrite1h !== undefined && entry.prices.cachedInput !== undefined) {
    const plan = planAnthropicCache({
      blocks, callsPerHour, ttl: 'auto',
      facts: { minCacheableTokens: entry.minCacheableTokens, inputPerMTok: entry.prices.input, cacheWrite5mPerMTok: entry.prices.cacheWrite5m, cacheWrite1hPerMTok: entry.prices.cacheWrite1h, cacheReadPerMTok: entry.prices.cachedInput },
    });
    // Below the minimum nothing is cached, silently: worth saying only where the code asks for caching.
    const asksForCaching = blocks.some((b) => b.cacheControl !== undefined) || request.cacheControl !== undefined;
    for (const warning of plan.warnings.filter((w) => w.kind !== 'belowMinimum' || asksForCaching)) {
      suggestions.push({ kind: 'cache-order', title: `Prompt cache: ${warning.label}`, reason: warning.message, tokensSaved: 0, savingPerCallUsd: 0, savingPerMonthUsd: null, range: site.systemRange ?? site.range });
    }
    const gain = plan.monthlySavingUsd - plan.currentMonthlySavingUsd;
    if (plan.breakpoints.length > 0 && gain > 0) {
      const where = plan.breakpoints.map((b) => `${b.label} (${b.ttl}, ${b.tokensCached} tokens, pays back after ${b.breakEvenReads} read${b.breakEvenReads === 1 ? '' : 's'})`).join('; ');
      suggestions.push({
        kind: 'cache-placement',
        title: `Add cache_control at ${plan.breakpoints.map((b) => b.label).join(', ')}`,
        reason: `Anthropic caches the prefix up to a cache_control breakpoint (at most 4, model minimum ${entry.minCacheableTokens} tokens); reads cost ${entry.prices.cachedInput}/M instead of ${entry.prices.input}/M. Breakpoints: ${where}.`,
        tokensSaved: 0,
        savingPerCallUsd: callsPerHour > 0 ? gain / (callsPerHour * hoursPerMonth) : 0,
        savingPerMonthUsd: gain,
        range: site.systemRange ?? site.range,
      });
    }
  }
  if (site.provider === 'openai' && entry.prices.cachedInput !== undefined) {
    const advice = adviseOpenAiCache(blocks, callsPerHour, {
      inputPerMTok: entry.prices.input, cachedInputPerMTok: entry.prices.cachedInput,
      ...(entry.prices.cacheWrite5m !== undefined ? { cacheWritePerMTok: entry.prices.cacheWrite5m } : {}),
    });
    if (advice.cachedTokensIfStaticFirst > advice.cachedTokensNow) {
      suggestions.push({
        kind: 'cache-order',
        title: 'Put static content before dynamic content',
        reason: `${advice.messages.join(' ')} (OpenAI caches prompts of 1,024+ tokens automatically, by identical prefix.)`,
        tokensSaved: 0,
        savingPerCallUsd: 0,
        savingPerMonthUsd: perDay === null ? null : advice.monthlySavingFromReorderUsd,
        range: site.messagesRange ?? site.range,
      });
    }
  }

  const models = adviseModels(call, options.catalog, { crossProvider: options.crossProvider, countOptions: { assumedPlaceholderTokens: assumed } });
  const best = models[0];
  if (best) {
    suggestions.push({
      kind: 'cheaper-model',
      title: `Switch to ${best.model}: ${Math.round(best.savingShare * 100)}% cheaper`,
      reason: best.reason,
      tokensSaved: 0,
      savingPerCallUsd: best.savingUsd,
      savingPerMonthUsd: perMonth(best.savingUsd),
      range: site.modelRange ?? site.range,
      models,
    });
  }

  const batch = adviseBatch({
    provider: site.provider, api: site.api, stream: request.stream === true, inLoop: site.inLoop, interactive: false,
    batch: request.batch === true, perCallCostUsd: call.cost?.costUsd ?? 0, callsPerDay: perDay ?? 1,
  });
  if (batch.suggest) {
    suggestions.push({
      kind: 'batch',
      title: `Use the Batch API (${batch.endpoint}): 50% off`,
      reason: batch.reason,
      tokensSaved: 0,
      savingPerCallUsd: batch.savingPerCallUsd,
      savingPerMonthUsd: perDay === null ? null : batch.savingPerMonthUsd,
      range: site.range,
    });
  }
  return suggestions;
}
