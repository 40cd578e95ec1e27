import * as assert from 'node:assert/strict';
import { analyzeCall, type AnalysisContext } from '../../../src/core/analysis/analyzeCall';
import { cacheReportFields } from '../../../src/core/analysis/report';
import { callHoverMarkdown, lensTitle } from '../../../src/core/format/callPresentation';
import { adviseModels } from '../../../src/core/optimize/modelAdvice';
import { compareModels } from '../../../src/core/optimize/modelComparison';
import type { CallSite } from '../../../src/core/parse/callSite';
import type { LlmRequest, RequestBlock, ToolDefinition } from '../../../src/core/request/llmRequest';
import type { RequestTokenCount, RequestTokenParts } from '../../../src/core/tokens/tokenTypes';
import { callSite, defaultContext } from '../../support/builders';

// Prices from the built-in catalog (Anthropic pricing page, as of 2026-11-24), USD per 1M tokens:
// claude-sonnet-4-5: input 3, 5-min write 3.75, 1-hour write 6, read 0.30, output 15; its minimum
// cacheable prompt is 1,024 tokens. The token counts are injected, so every dollar figure below
// is worked out by hand from those prices.

const text = (t: string): RequestBlock => ({ parts: [{ kind: 'text', text: t }] });
const cached = (t: string, ttl: '5m' | '1h' = '5m'): RequestBlock => ({ ...text(t), cacheControl: { type: 'ephemeral', ttl } });

/** A context whose counter returns these parts (total = their sum) for any request. */
function counted(parts: Omit<RequestTokenParts, 'overhead'> & { overhead?: number }): AnalysisContext {
  const full: RequestTokenParts = { overhead: 10, ...parts };
  const total = full.system + full.tools + full.overhead + full.messages.reduce((a, b) => a + b, 0);
  const count = (): RequestTokenCount => ({
    total, exact: false, band: { low: total, high: total }, parts: full, source: 'estimate',
    assumedPlaceholders: 0, assumedMedia: 0, encoding: 'o200k_base', notes: [],
  });
  return { ...defaultContext(), count };
}

function claude(request: Partial<LlmRequest>, over: Partial<CallSite> = {}): CallSite {
  return callSite(
    { provider: 'anthropic', api: 'messages.create', model: 'claude-sonnet-4-5', maxOutputTokens: 500, messages: [{ role: 'user', blocks: [text('Summarize the ticket.')] }], ...request },
    { provider: 'anthropic', api: 'messages.create', ...over },
  );
}

// 3,000 system + 1,990 message + 10 overhead = 5,000 prompt tokens; 500 output tokens ($0.0075).
const fiveThousand = counted({ system: 3000, tools: 0, messages: [1990] });

describe('pricing a call that uses prompt caching', () => {
  it('prices the warm call with the system prompt read from the cache, the first call with it written', () => {
    const call = analyzeCall(claude({ system: [cached('You are a support agent.')] }), fiveThousand);
    // Warm: 2,000 x $3 + 3,000 x $0.30 + 500 x $15 = $0.006 + $0.0009 + $0.0075.
    assert.equal(call.cost?.costUsd, 0.0144);
    assert.deepEqual(call.cost?.breakdown, { input: 0.006, cachedInput: 0.0009, cacheWrite5m: 0, cacheWrite1h: 0, output: 0.0075 });
    // First: 2,000 x $3 + 3,000 x $3.75 + 500 x $15 = $0.006 + $0.01125 + $0.0075.
    assert.equal(call.cache?.firstCall.costUsd, 0.02475);
    assert.deepEqual({ read: call.cache?.readTokens, w5: call.cache?.write5mTokens, w1: call.cache?.write1hTokens }, { read: 3000, w5: 3000, w1: 0 });
    assert.deepEqual(call.cache?.breakpoints, [{ label: 'system[0]', ttl: '5m', tokensCached: 3000 }]);
    assert.equal(lensTitle(call), '~5,000 in + 500 out tok · $0.0144/call cached · claude-sonnet-4-5');
    // The report's costUsd is the lens figure; the cache fields say what it rests on.
    assert.deepEqual(cacheReportFields(call), { cacheReadTokens: 3000, cacheWriteTokens: 3000, firstCallCostUsd: 0.02475 });
  });

  it('caches nothing below the model minimum: the whole prompt is input', () => {
    const call = analyzeCall(claude({ system: [cached('You are a support agent.')] }), counted({ system: 1000, tools: 0, messages: [3990] }));
    assert.equal(call.cache, undefined);
    assert.deepEqual(cacheReportFields(call), {});
    // 5,000 x $3 + 500 x $15 = $0.015 + $0.0075.
    assert.equal(call.cost?.costUsd, 0.0225);
    assert.match(call.notes.join('\n'), /cache_control caches nothing: the prefix \(1,000 tokens\) is below claude-sonnet-4-5's minimum of 1,024/);
    assert.equal(lensTitle(call), '~5,000 in + 500 out tok · $0.0225/call · claude-sonnet-4-5');
  });

  it('skips a breakpoint below the minimum and caches from the prompt start at the next one', () => {
    // tools: 800 (< 1,024, nothing cached there); system ends at 800 + 2,200 = 3,000.
    const tool: ToolDefinition = { name: 'lookup', parameters: { type: 'object' }, cacheControl: { type: 'ephemeral', ttl: '5m' } };
    const call = analyzeCall(claude({ tools: [tool], system: [cached('You are a support agent.')] }), counted({ system: 2200, tools: 800, messages: [1990] }));
    assert.deepEqual(call.cache?.breakpoints, [{ label: 'system[0]', ttl: '5m', tokensCached: 3000 }]);
    assert.equal(call.cost?.costUsd, 0.0144);
    assert.equal(call.cache?.firstCall.costUsd, 0.02475);
  });

  it('prices a 1-hour breakpoint at the 1-hour write price', () => {
    const call = analyzeCall(claude({ system: [cached('You are a support agent.', '1h')] }), fiveThousand);
    // First: $0.006 + 3,000 x $6 + $0.0075 = $0.0315; warm as with 5 minutes.
    assert.equal(call.cache?.firstCall.costUsd, 0.0315);
    assert.equal(call.cache?.firstCall.breakdown.cacheWrite1h, 0.018);
    assert.equal(call.cost?.costUsd, 0.0144);
  });

  it('caches tools then system in prefix order, each segment at its own TTL', () => {
    // tools 1,500 (1-hour breakpoint on the last tool), system 1,500 (5-minute), message 1,990, overhead 10.
    const tool: ToolDefinition = { name: 'lookup', description: 'Find an order', parameters: { type: 'object' }, cacheControl: { type: 'ephemeral', ttl: '1h' } };
    const site = claude({ tools: [tool], system: [cached('You are a support agent.')] }, { callsPerDay: { perDay: 2400, text: 'tokenwise: 100/hour' } });
    const call = analyzeCall(site, counted({ system: 1500, tools: 1500, messages: [1990] }));
    assert.deepEqual(call.cache?.breakpoints, [{ label: 'tools[0]', ttl: '1h', tokensCached: 1500 }, { label: 'system[0]', ttl: '5m', tokensCached: 3000 }]);
    // Warm: $0.006 + 3,000 x $0.30 + $0.0075 = $0.0144.
    assert.equal(call.cost?.costUsd, 0.0144);
    // First: $0.006 + 1,500 x $6 ($0.009) + 1,500 x $3.75 ($0.005625) + $0.0075 = $0.028125.
    assert.equal(call.cache?.firstCall.costUsd, 0.028125);
    // 100 calls/hour: the 5-minute entry is missed by e^(-100/12) of calls, which then pay
    // $0.019575 ($0.006 + 1,500 x $0.30 + 1,500 x $3.75 + $0.0075) instead of $0.0144; the
    // 1-hour entry by e^(-100) ($0.028125 - $0.019575 = $0.00855 more). A month is 30 days.
    const expected = 0.0144 + Math.exp(-100 / 12) * 0.005175 + Math.exp(-100) * 0.00855;
    assert.ok(Math.abs((call.cache?.expectedCostUsd ?? 0) - expected) < 1e-15);
    assert.ok(Math.abs((call.monthlyUsd ?? 0) - expected * 2400 * 30) < 1e-9);
    const md = callHoverMarkdown({ call, suggestions: [] });
    assert.match(md, /\*\*Cost of one call:\*\* \$0\.0144 with a warm cache \(input \$0\.006, cached input \$0\.0009, output \$0\.0075\)/);
    assert.match(md, /\*\*First call\*\* \(writes the cache\): \$0\.0281 \(input \$0\.006, cache write 5m \$0\.0056, cache write 1h \$0\.009, output \$0\.0075\)/);
    assert.match(md, /\*\*Cached prefix:\*\* 3,000 tokens up to tools\[0\] \(1h, 1,500 tokens\), system\[0\] \(5m, 3,000 tokens\); a warm call reads 3,000/);
    assert.match(md, /\*\*Per month:\*\* \$1,037 at 2,400 calls\/day, cache writes included: <0\.1% of calls rewrite the 1h entries, <0\.1% of calls rewrite the 5m entries/);
  });

  it('halves a batch call with caching, cache reads and writes included', () => {
    const call = analyzeCall(claude({ system: [cached('You are a support agent.')], batch: true }), fiveThousand);
    assert.equal(call.cost?.costUsd, 0.0072);
    assert.equal(call.cache?.firstCall.costUsd, 0.012375);
  });

  it('puts a top-level cache_control (automatic caching) on the last block', () => {
    const call = analyzeCall(claude({ system: [text('You are a support agent.')], cacheControl: { type: 'ephemeral', ttl: '5m' } }), fiveThousand);
    // Everything but the 10 tokens of request framing: 4,990 read at $0.30 + 10 x $3 + $0.0075.
    assert.deepEqual(call.cache?.breakpoints, [{ label: 'messages[0].content[0]', ttl: '5m', tokensCached: 4990 }]);
    assert.equal(call.cost?.costUsd, 0.009027);
  });

  it('writes the prefix on every call when changing content comes before the breakpoint', () => {
    const dynamic: RequestBlock = { parts: [{ kind: 'text', text: 'Customer: ' }, { kind: 'placeholder', name: 'name' }], cacheControl: { type: 'ephemeral', ttl: '5m' } };
    const call = analyzeCall(claude({ system: [dynamic] }), fiveThousand);
    assert.equal(call.cache?.readTokens, 0);
    assert.equal(call.cache?.rewrittenTokens, 3000);
    // Every call: $0.006 + 3,000 x $3.75 + $0.0075 = $0.02475, and the lens does not say cached.
    assert.equal(call.cost?.costUsd, 0.02475);
    assert.equal(lensTitle(call), '~5,000 in + 500 out tok · $0.0248/call · claude-sonnet-4-5');
    assert.match(call.notes.join('\n'), /the prefix cached at system\[0\] includes system\[0\], which changes between calls \(contains the placeholder name\)/);
  });

  it('splits a group between its blocks by their own tokens, and the split adds up to the count', () => {
    // No injected counter: the real Claude estimate. The breakpoint sits on the first of two system blocks.
    const long = 'Answer questions about orders, returns and refunds politely and precisely. '.repeat(120);
    const call = analyzeCall(claude({ system: [cached(long), text(long)] }), defaultContext());
    const system = call.input.parts.system;
    const first = call.cache?.breakpoints[0]?.tokensCached ?? 0;
    assert.ok(Math.abs(first - system / 2) <= 1, `${first} is half of ${system}`);
    assert.equal(call.cache?.readTokens, first);
  });

  it('leaves OpenAI calls and models without a known minimum uncached', () => {
    const openai = analyzeCall(callSite({ maxOutputTokens: 10, messages: [{ role: 'system', blocks: [cached('x')] }] }), counted({ system: 0, tools: 0, messages: [4990] }));
    assert.equal(openai.cache, undefined);
    const haiku = analyzeCall(claude({ model: 'claude-haiku-5-5', system: [cached('You are a support agent.')] }), fiveThousand);
    assert.equal(haiku.cache, undefined);
    // 5,000 x $0.10 + 500 x $0.50 = $0.0005 + $0.00025.
    assert.equal(haiku.cost?.costUsd, 0.00075);
    assert.match(haiku.notes.join('\n'), /minimum cacheable prompt is not known: priced without prompt caching/);
  });
});

describe('comparing a cached call across models', () => {
  // A real count this time: a system prompt long enough to be cached on every Claude model.
  const handbook = Array.from({ length: 400 }, (_, i) => `Rule ${i}: answer refund questions politely and cite the policy section.`).join('\n');
  const site = claude({ system: [cached(handbook)] });
  const ctx = defaultContext();
  const call = analyzeCall(site, ctx);

  it('prices every model the way the CodeLens prices the call, prompt caching included', () => {
    assert.ok(call.cache && call.cost, 'the call is cached');
    const rows = compareModels(call, ctx.catalog);
    const current = rows.find((r) => r.current);
    assert.equal(current?.costUsd, call.cost.costUsd);
    assert.equal(current?.monthlyUsd, call.monthlyUsd);
    const haikuSite = claude({ system: [cached(handbook)], model: 'claude-haiku-4-5' });
    const haiku = analyzeCall(haikuSite, ctx);
    assert.ok(haiku.cache, 'the same prompt is cached on the candidate');
    assert.equal(rows.find((r) => r.entry.id === 'claude-haiku-4-5')?.costUsd, haiku.cost?.costUsd);
    // The cheaper-model advice compares the same warm figures.
    const advice = adviseModels(call, ctx.catalog).find((s) => s.model === 'claude-haiku-4-5');
    assert.equal(advice?.costUsd, haiku.cost?.costUsd);
    assert.equal(advice?.savingUsd, (call.cost.costUsd) - (haiku.cost?.costUsd ?? 0));
  });
});
