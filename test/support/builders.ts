// Test data builders shared by the unit suites.
import type { AnalysisContext } from '../../src/core/analysis/analyzeCall';
import type { ReportCall } from '../../src/core/analysis/report';
import type { CallSite } from '../../src/core/parse/callSite';
import { builtinCatalog } from '../../src/core/pricing/catalog';
import type { LlmRequest } from '../../src/core/request/llmRequest';

/** The analysis settings' defaults with the built-in catalog. */
export function defaultContext(): AnalysisContext {
  return { catalog: builtinCatalog(), assumedPlaceholderTokens: 50, expectedOutputTokens: 500, defaultCallsPerDay: 0 };
}

/** A gpt-4o chat call site saying "Hello there", with any request field or site field replaced. */
export function callSite(request: Partial<LlmRequest>, over: Partial<CallSite> = {}): CallSite {
  return {
    provider: 'openai', api: 'chat.completions.create', range: { start: 0, end: 6 }, line: 1, column: 1, callRange: { start: 0, end: 10 },
    request: { provider: 'openai', api: 'chat.completions.create', model: 'gpt-4o', messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'text', text: 'Hello there' }] }] }], ...request },
    modelSource: 'literal', inLoop: false, ...over,
  };
}

/** A priced gpt-4o report row at 2,000 calls a day. */
export function reportCall(over: Partial<ReportCall>): ReportCall {
  return {
    file: 'src/a.ts', line: 10, column: 35, provider: 'openai', api: 'chat.completions.create', model: 'gpt-4o',
    modelSource: 'literal', inputTokens: 1234, inputTokensExact: true, maxOutputTokens: 500, outputTokens: 500,
    outputTokensAssumed: false, stream: false, inLoop: false, costUsd: 0.008085, callsPerDay: 2000, monthlyUsd: 485.1,
    priceSource: 'openai.com/api/pricing', priceAsOf: '2026-11-24', findings: [], ...over,
  };
}
