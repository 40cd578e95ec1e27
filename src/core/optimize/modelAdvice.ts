// Cheaper models for a call that keep everything the call uses. A suggestion is only made when
// every requirement can be checked against the catalog: a model whose context window or max
// output is unknown is not suggested for a call that needs either, and retired, deprecated or
// legacy models never are.
import { analyzeOnModel, type AnalyzedCall } from '../analysis/analyzeCall';
import { formatTokens, formatUsd } from '../format/numbers';
import { listModels, type Catalog } from '../pricing/catalog';
import type { ModelEntry } from '../pricing/catalogSchema';
import type { CountOptions, RequestTokenCount } from '../tokens/tokenTypes';

export interface ModelSuggestion {
  model: string;
  provider: ModelEntry['provider'];
  costUsd: number;
  savingUsd: number;
  /** Saving as a share of the current cost, 0..1. */
  savingShare: number;
  /** Input tokens of the request with the candidate's own tokenizer. */
  inputTokens: number;
  inputTokensExact: boolean;
  /** Why it fits, in words: the requirements checked and the saving. */
  reason: string;
}

export interface ModelAdviceOptions {
  /** Also suggest the other provider's models (a change of SDK, not only of the model string). */
  crossProvider?: boolean;
  countOptions?: CountOptions;
  limit?: number;
}

/** What a call needs from any model that replaces its current one. */
export interface CallNeeds {
  kind: ModelEntry['kind'];
  /** Prompt tokens at the top of the estimate's band, plus the output the call may produce. */
  contextTokens: number;
  maxOutputTokens?: number;
  tools: boolean;
  structuredOutputs: boolean;
  vision: boolean;
  /** The current model reasons; nothing in the call says it does not rely on that. */
  reasoning: boolean;
}

export function callNeeds(call: AnalyzedCall, current: ModelEntry): CallNeeds {
  const request = call.site.request;
  const promptHigh = call.input.band?.high ?? call.input.total;
  const hasImages = [...(request.system ?? []), ...request.messages.flatMap((m) => m.blocks)].some((b) => b.parts.some((p) => p.kind === 'image'));
  return {
    kind: current.kind,
    contextTokens: promptHigh + call.outputTokens,
    ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
    tools: (request.tools?.length ?? 0) > 0 || (request.toolsUnresolved ?? 0) > 0,
    // `.parse(...)` helpers send a JSON schema as the response format.
    structuredOutputs: /(^|\.)parse$/.test(request.api),
    vision: hasImages,
    reasoning: current.capabilities.reasoning,
  };
}

/** Why `candidate` cannot replace the current model, or undefined when it can. */
export function unmetNeed(candidate: ModelEntry, needs: CallNeeds): string | undefined {
  if (candidate.lifecycle.status !== 'active') return `${candidate.lifecycle.status}`;
  if (candidate.kind !== needs.kind) return `a ${candidate.kind} model`;
  const window = candidate.maxInputTokens !== undefined && candidate.contextWindow !== undefined
    ? Math.min(candidate.contextWindow, candidate.maxInputTokens + (needs.maxOutputTokens ?? 0))
    : candidate.contextWindow;
  if (window === undefined) return 'context window unknown';
  if (needs.contextTokens > window) return `context window ${formatTokens(window)} too small`;
  if (needs.maxOutputTokens !== undefined) {
    if (candidate.maxOutputTokens === undefined) return 'max output unknown';
    if (needs.maxOutputTokens > candidate.maxOutputTokens) return `max output ${formatTokens(candidate.maxOutputTokens)} too small`;
  }
  if (needs.tools && !candidate.capabilities.tools) return 'no tool use';
  if (needs.structuredOutputs && !candidate.capabilities.structuredOutputs) return 'no structured outputs';
  if (needs.vision && !candidate.capabilities.vision) return 'no image input';
  if (needs.reasoning && !candidate.capabilities.reasoning) return 'no reasoning';
  // A reasoning model also bills its hidden reasoning tokens as output, which a static estimate
  // cannot see, and answers differently: it is not offered in place of a non-reasoning OpenAI
  // model. (Claude models reason only when extended thinking is switched on, so they qualify.)
  if (!needs.reasoning && candidate.provider === 'openai' && candidate.capabilities.reasoning) return 'a reasoning model';
  return undefined;
}

function kept(needs: CallNeeds): string {
  const features = [needs.tools && 'tools', needs.structuredOutputs && 'structured outputs', needs.vision && 'images', needs.reasoning && 'reasoning'].filter(Boolean);
  return features.length ? `keeps ${features.join(', ')}; ` : '';
}

/** Cheaper models for an analysed, priced call, best saving first. Empty when the call is unpriced. */
export function adviseModels(call: AnalyzedCall, catalog: Catalog, options: ModelAdviceOptions = {}): ModelSuggestion[] {
  const current = call.entry;
  const currentCost = call.cost?.costUsd;
  // Embeddings are not swapped: another embedding model gives vectors the stored index cannot be compared with.
  if (!current || currentCost === undefined || currentCost <= 0 || call.billing !== 'tokens') return [];
  const needs = callNeeds(call, current);
  const suggestions: ModelSuggestion[] = [];
  for (const candidate of listModels(catalog)) {
    if (candidate.id === current.id) continue;
    if (candidate.provider !== current.provider && !options.crossProvider) continue;
    if (unmetNeed(candidate, needs)) continue;
    // Counted again with the candidate's tokenizer (Claude generations and OpenAI encodings split
    // the same text into different numbers of tokens) and priced as the CodeLens prices the call,
    // prompt caching included, so the saving compares like with like.
    const analyzed = analyzeOnModel(call, candidate, catalog, options.countOptions);
    const recount: RequestTokenCount = analyzed.input;
    const contextHigh = (recount.band?.high ?? recount.total) + call.outputTokens;
    if (candidate.contextWindow !== undefined && contextHigh > candidate.contextWindow) continue;
    if (!analyzed.cost) continue;
    const cost = analyzed.cost.costUsd;
    const saving = currentCost - cost;
    if (saving <= 0) continue;
    suggestions.push({
      model: candidate.id,
      provider: candidate.provider,
      costUsd: cost,
      savingUsd: saving,
      savingShare: saving / currentCost,
      inputTokens: recount.total,
      inputTokensExact: recount.exact,
      reason: `${kept(needs)}${formatTokens(contextHigh)} tokens fit its ${formatTokens(candidate.contextWindow ?? 0)} context; ${formatUsd(cost)}/call instead of ${formatUsd(currentCost)} (${Math.round((saving / currentCost) * 100)}% less). Check the answers' quality on your own examples before switching.`,
    });
  }
  suggestions.sort((a, b) => b.savingUsd - a.savingUsd || a.model.localeCompare(b.model));
  return suggestions.slice(0, options.limit ?? 5);
}
