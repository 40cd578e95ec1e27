import type { LedgerRecord } from '../../../src/core/storage/ledger';

/** A priced first attempt at `time`; override what a test is about. */
export function spendRecord(time: string, overrides: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    v: 1, time, callId: `call-${time}`, source: 'playground', workspace: 'demo', provider: 'openai', model: 'gpt-4o', api: 'chat', attempt: 1,
    inputTokens: 100, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 10, costUsd: 0.01, latencyMs: 5,
    cacheHit: false, savingUsd: 0, ...overrides,
  };
}
