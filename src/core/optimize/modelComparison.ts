// One call priced on every model of the catalog, for the Compare Models picker: what it would
// cost per call and per month, whether the model can serve the call at all, and why not.
import { analyzeOnModel, type AnalyzedCall } from '../analysis/analyzeCall';
import { listModels, type Catalog } from '../pricing/catalog';
import type { ModelEntry } from '../pricing/catalogSchema';
import type { CountOptions } from '../tokens/tokenTypes';
import { callNeeds, unmetNeed, type CallNeeds } from './modelAdvice';

export interface ModelComparisonRow {
  entry: ModelEntry;
  current: boolean;
  inputTokens: number;
  inputTokensExact: boolean;
  costUsd: number;
  monthlyUsd: number | null;
  /** Why this model cannot serve the call; undefined when it can. */
  unmet?: string;
}

export interface ComparisonOptions {
  /** Include the other provider's models (a change of SDK, not only of the model string). */
  crossProvider?: boolean;
  countOptions?: CountOptions;
}

/**
 * The call's needs without a current catalog entry (model unknown or unpriced): the kind follows
 * from the API, the rest from the request itself.
 */
function needsWithoutEntry(call: AnalyzedCall): CallNeeds {
  const request = call.site.request;
  const hasImages = [...(request.system ?? []), ...request.messages.flatMap((m) => m.blocks)].some((b) => b.parts.some((p) => p.kind === 'image'));
  return {
    kind: call.site.api.startsWith('embeddings.') ? 'embedding' : 'chat',
    contextTokens: (call.input.band?.high ?? call.input.total) + call.outputTokens,
    ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
    tools: (request.tools?.length ?? 0) > 0 || (request.toolsUnresolved ?? 0) > 0,
    structuredOutputs: /(^|\.)parse$/.test(request.api),
    vision: hasImages,
    reasoning: false,
  };
}

/** Every candidate model for the call, usable ones first (cheapest first), the current model marked. */
export function compareModels(call: AnalyzedCall, catalog: Catalog, options: ComparisonOptions = {}): ModelComparisonRow[] {
  const needs = call.entry ? callNeeds(call, call.entry) : needsWithoutEntry(call);
  const rows: ModelComparisonRow[] = [];
  for (const candidate of listModels(catalog)) {
    const current = candidate.id === call.entry?.id;
    if (!current && candidate.provider !== call.site.provider && !options.crossProvider) continue;
    // Counted with the candidate's own tokenizer (the same text is a different number of tokens)
    // and priced as the CodeLens prices the call, prompt caching included.
    const analyzed = current ? call : analyzeOnModel(call, candidate, catalog, options.countOptions);
    if (!analyzed.cost) continue;
    const recount = analyzed.input;
    const unmet = current ? undefined : unmetNeed(candidate, { ...needs, contextTokens: (recount.band?.high ?? recount.total) + call.outputTokens });
    rows.push({
      entry: candidate,
      current,
      inputTokens: recount.total,
      inputTokensExact: recount.exact,
      costUsd: analyzed.cost.costUsd,
      monthlyUsd: analyzed.monthlyUsd,
      ...(unmet ? { unmet } : {}),
    });
  }
  const rank = (r: ModelComparisonRow) => (r.current ? 0 : r.unmet ? 2 : 1);
  rows.sort((a, b) => rank(a) - rank(b) || a.costUsd - b.costUsd || a.entry.id.localeCompare(b.entry.id));
  return rows;
}

/** Capabilities in words, for the picker's detail line. */
export function capabilityText(entry: ModelEntry): string {
  const c = entry.capabilities;
  const list = [c.tools && 'tools', c.structuredOutputs && 'structured outputs', c.vision && 'images', c.reasoning && 'reasoning'].filter(Boolean);
  return list.length > 0 ? list.join(', ') : 'text only';
}
