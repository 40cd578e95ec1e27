import type { LedgerRecord } from '../../../src/core/storage/ledger';

/** A complete record whose fields are derived from `i` (so a test can check each one). */
export function ledgerRecord(i: number, overrides: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    v: 1, time: new Date(Date.UTC(2026, 10, 24, 12, 0, 0) + i).toISOString(), callId: `call-${i}`, source: 'playground', workspace: 'ws',
    provider: 'openai', model: 'gpt-4o', api: 'chat', attempt: 1, inputTokens: i, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0,
    outputTokens: 2, costUsd: 0.001, latencyMs: 5, cacheHit: false, savingUsd: 0, ...overrides,
  };
}
