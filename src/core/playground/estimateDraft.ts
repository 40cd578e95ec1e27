// The Playground's live estimate: the draft's input tokens and the most one run can cost.
import { priceCall } from '../cost/callCost';
import type { Estimate, PlaygroundDraft } from '../protocol/playgroundMessages';
import { findModel, type Catalog } from '../pricing/catalog';
import { countRequest } from '../tokens/countTokens';
import { draftToRequest } from './draftRequest';

export function estimateDraft(draft: PlaygroundDraft, catalog: Catalog, assumedPlaceholderTokens: number): Estimate {
  const count = countRequest(draftToRequest(draft), { assumedPlaceholderTokens });
  const entry = findModel(catalog, draft.model);
  const notes = [...count.notes];
  let maxCostUsd: number | null = null;
  if (entry) {
    maxCostUsd = priceCall(entry, {
      inputTokens: count.band?.high ?? count.total, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: draft.maxTokens,
    }).costUsd;
  } else {
    notes.push(`"${draft.model}" has no price in the catalog`);
  }
  return { inputTokens: count.total, exact: count.exact, ...(count.band ? { band: count.band } : {}), maxCostUsd, notes };
}
