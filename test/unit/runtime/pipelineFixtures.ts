import type { LlmRequest } from '../../../src/core/request/llmRequest';
import type { LedgerSink, PriceUsage } from '../../../src/core/runtime/pipeline';
import type { KeyProvider } from '../../../src/core/runtime/transport';
import type { NormalizedUsage } from '../../../src/core/runtime/usage';
import type { LedgerRecord } from '../../../src/core/storage/ledger';

/** USD per 1M tokens: input, cache read, 5m write, 1h write, output. Test figures, not real prices. */
const testPrices: Record<string, [number, number, number, number, number]> = {
  'gpt-4o': [2.5, 1.25, 0, 0, 10],
  'gpt-5': [1.25, 0.125, 0, 0, 10],
  'claude-opus-5-5': [4, 0.2, 5, 8, 20],
  'claude-sonnet-5-5': [2, 0.1, 2.5, 4, 10],
};

export function costOf(model: string, u: NormalizedUsage): number {
  const p = testPrices[model];
  if (!p) return NaN;
  return (u.inputTokens * p[0] + u.cachedInputTokens * p[1] + u.cacheWrite5mTokens * p[2] + u.cacheWrite1hTokens * p[3] + u.outputTokens * p[4]) / 1e6;
}

export const testPriceUsage: PriceUsage = (_provider, model, usage) =>
  testPrices[model] ? { costUsd: costOf(model, usage), priceSource: 'test table', priceAsOf: '2026-11-24' } : undefined;

export function keysOf(keys: Record<string, string>): KeyProvider {
  return { get: async (provider) => keys[provider] };
}

export function memoryLedger(): LedgerSink & { records: LedgerRecord[] } {
  const records: LedgerRecord[] = [];
  return { records, append: (r) => void records.push(r) };
}

/** A one-turn text request. */
export function textRequest(provider: 'openai' | 'anthropic', api: string, model: string, text: string, extra: Partial<LlmRequest> = {}): LlmRequest {
  return { provider, api, model, messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'text', text }] }] }], ...extra };
}

export async function collect(deltas: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const d of deltas) out.push(d);
  return out;
}
