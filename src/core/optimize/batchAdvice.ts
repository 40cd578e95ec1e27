// Batch API advice for non-streaming calls made in loops. Both providers bill batch requests at
// 50% of the normal price, Anthropic's Message Batches including cache reads and writes, and
// return results within 24 hours (provider pricing pages, see docs/optimize.md). That delay is
// why the advice is never given for streaming or interactive paths.

import type { Provider } from '../request/llmRequest';
import { monthlyCostUsd } from '../cost/projection';

export const batchDiscount = 0.5;
export const batchLatency = 'Results arrive asynchronously, within 24 hours (most batches finish much sooner).';

// Endpoints the Batch APIs accept, keyed by SDK method (Node and Python SDKs use the same names).
const batchEndpoints: Readonly<Record<Provider, Readonly<Record<string, string>>>> = {
  openai: {
    'chat.completions.create': '/v1/chat/completions',
    'chat.completions.parse': '/v1/chat/completions',
    'beta.chat.completions.parse': '/v1/chat/completions',
    'responses.create': '/v1/responses',
    'responses.parse': '/v1/responses',
    'embeddings.create': '/v1/embeddings',
    'completions.create': '/v1/completions',
    'moderations.create': '/v1/moderations',
  },
  anthropic: {
    'messages.create': '/v1/messages',
    'beta.messages.create': '/v1/messages',
  },
};

/** The batch endpoint for an SDK method or endpoint path, or null when the Batch API does not take it. */
export function batchEndpoint(provider: Provider, api: string): string | null {
  const endpoints = batchEndpoints[provider];
  const method = api.replace(/^client\./, '');
  if (endpoints[method]) return endpoints[method];
  return Object.values(endpoints).includes(api) ? api : null;
}

export interface BatchAdviceInput {
  provider: Provider;
  /** SDK method as written (`chat.completions.create`) or endpoint path (`/v1/chat/completions`). */
  api: string;
  stream: boolean;
  inLoop: boolean;
  /** On a path where someone waits for the answer (an HTTP handler, a chat UI). */
  interactive: boolean;
  /** Already sent through a Batch API. */
  batch?: boolean;
  /** Everything the call costs now: input, output, cache reads and writes. */
  perCallCostUsd: number;
  callsPerDay: number;
}

export interface BatchAdvice {
  suggest: boolean;
  reason: string;
  endpoint: string | null;
  savingPerCallUsd: number;
  savingPerDayUsd: number;
  savingPerMonthUsd: number;
  latency: string;
}

export function adviseBatch(input: BatchAdviceInput): BatchAdvice {
  const endpoint = batchEndpoint(input.provider, input.api);
  const perCall = input.perCallCostUsd * batchDiscount;
  const advice = (suggest: boolean, reason: string): BatchAdvice => ({
    suggest,
    reason,
    endpoint,
    savingPerCallUsd: suggest ? perCall : 0,
    savingPerDayUsd: suggest ? perCall * input.callsPerDay : 0,
    savingPerMonthUsd: suggest ? monthlyCostUsd(perCall, input.callsPerDay) : 0,
    latency: batchLatency,
  });
  if (input.batch) return advice(false, 'The call already goes through a Batch API.');
  if (!endpoint) return advice(false, `The ${input.provider} Batch API does not accept ${input.api}.`);
  if (input.stream) return advice(false, 'Streaming calls want tokens as they are generated; a batch returns results up to 24 hours later.');
  if (input.interactive) return advice(false, 'Someone waits for this answer (interactive path); a batch returns results up to 24 hours later.');
  if (!input.inLoop) return advice(false, 'A single call gains little from batching; the advice is for calls made in a loop.');
  if (input.perCallCostUsd <= 0 || input.callsPerDay <= 0) return advice(false, 'Nothing to save at zero cost or zero calls.');
  const cacheNote = input.provider === 'anthropic' ? ' (cache reads and writes included)' : '';
  return advice(true, `These calls run in a loop without streaming: sent through the Batch API (${endpoint}) they cost 50% less${cacheNote}. ${batchLatency}`);
}
