import * as assert from 'node:assert/strict';
import { CancelledError } from '../../../src/core/runtime/clock';
import { BudgetExceededError, ProviderError } from '../../../src/core/runtime/errors';
import { createOpenAiTransport } from '../../../src/core/runtime/openaiTransport';
import { Pipeline } from '../../../src/core/runtime/pipeline';
import { RetriesExhaustedError } from '../../../src/core/runtime/retry';
import type { Harness } from './sdkHarness';
import { startHarness } from './sdkHarness';
import { collect, costOf, keysOf, testPriceUsage, textRequest } from './pipelineFixtures';

const chat = textRequest('openai', 'chat.completions.create', 'gpt-4o', 'hello there world');
const responses = textRequest('openai', 'responses.create', 'gpt-5', 'hello there world', { system: [{ parts: [{ kind: 'text', text: 'be brief' }] }] });

describe('openai SDK through the pipeline (fake server)', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness({ openaiCacheMinTokens: 1 }); });
  afterEach(async () => { await h.close(); });

  it('chat completions: text, usage, cost and one ledger record', async () => {
    const r = await h.pipeline().run({ request: chat, source: 'playground', tag: 'greet', workspace: 'ws' });
    assert.equal(r.text, 'echo: hello there world');
    assert.deepEqual(r.usage, { inputTokens: 6, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 4, reasoningTokens: 0 });
    assert.equal(r.costUsd, costOf('gpt-4o', r.usage));
    assert.equal(r.priceSource, 'test table');
    assert.equal(r.attempts, 1);
    const records = await h.records();
    assert.equal(records.length, 1);
    assert.deepEqual({ ...records[0], time: undefined, callId: undefined, latencyMs: undefined }, {
      v: 1, time: undefined, callId: undefined, latencyMs: undefined, source: 'playground', tag: 'greet', workspace: 'ws', provider: 'openai', model: 'gpt-4o', api: 'chat', attempt: 1,
      inputTokens: 6, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 4, reasoningTokens: 0, costUsd: r.costUsd,
      priceSource: 'test table', priceAsOf: '2026-11-24', cacheHit: false, savingUsd: 0,
    });
    const sent = h.server.requests[0];
    assert.equal(sent?.auth, 'bearer');
    assert.deepEqual(sent?.body, { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello there world' }], stream: false });
  });

  it('chat completions: OpenAI cached tokens count inside prompt_tokens', async () => {
    const twoTurn = { ...chat, messages: [{ role: 'system', blocks: [{ parts: [{ kind: 'text' as const, text: 'a long static prefix' }] }] }, ...chat.messages] };
    const p = h.pipeline();
    await p.run({ request: twoTurn, source: 'p' });
    const r = await p.run({ request: twoTurn, source: 'p' });
    assert.deepEqual([r.usage.inputTokens, r.usage.cachedInputTokens], [6, 7]);
  });

  it('chat completions streaming: deltas end to end, usage from the final chunk', async () => {
    const run = await h.pipeline().stream({ request: chat, source: 'playground' });
    const deltas = await collect(run.deltas);
    assert.deepEqual(deltas, ['echo: ', 'hello ', 'there ', 'world']);
    const r = await run.result;
    assert.equal(r.text, 'echo: hello there world');
    assert.equal(r.usage.outputTokens, 4);
    assert.deepEqual((h.server.requests[0]?.body as { stream_options?: unknown }).stream_options, { include_usage: true });
    assert.equal((await h.records()).length, 1);
  });

  it('responses: plain and streaming, with reasoning tokens', async () => {
    const p = h.pipeline();
    const r = await p.run({ request: responses, source: 'p' });
    assert.equal(r.text, 'echo: hello there world');
    // instructions (2 words + 3) + input (3 words + 3); output 4 words + 4 reasoning.
    assert.deepEqual(r.usage, { inputTokens: 11, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 8, reasoningTokens: 4 });
    const s = await p.stream({ request: responses, source: 'p' });
    assert.equal((await collect(s.deltas)).join(''), 'echo: hello there world');
    assert.deepEqual((await s.result).usage, { ...r.usage, inputTokens: 11 - 5, cachedInputTokens: 5 });
    assert.deepEqual(h.server.requests.map((q) => q.path), ['/v1/responses', '/v1/responses']);
  });

  it('429 with retry-after-ms: waits as told, retries, succeeds; the ledger has both attempts', async () => {
    h.server.faults.push({ kind: 'status', status: 429, retryAfterMs: 1500, retryAfterSeconds: 9 });
    const r = await h.pipeline().run({ request: chat, source: 'p' });
    assert.equal(r.attempts, 2);
    assert.deepEqual(h.clock.sleeps, [1500]);
    assert.deepEqual((await h.records()).map((x) => [x.attempt, x.errorCode ?? 'ok', x.inputTokens]), [[1, 'http_429', 0], [2, 'ok', 6]]);
  });

  it('429 with retry-after seconds and 500: retried with the server wait, then backoff', async () => {
    h.server.faults.push({ kind: 'status', status: 429, retryAfterSeconds: 2 });
    h.server.faults.push({ kind: 'status', status: 500 });
    const r = await h.pipeline().run({ request: chat, source: 'p' });
    assert.equal(r.attempts, 3);
    assert.deepEqual(h.clock.sleeps, [2000, 500]);
  });

  it('connection reset, malformed JSON and a slow first byte are retried', async () => {
    h.server.faults.push({ kind: 'reset' });
    h.server.faults.push({ kind: 'malformed' });
    h.server.faults.push({ kind: 'delay', ms: 2000 });
    const r = await h.pipeline({ retry: { maxAttempts: 4 } }, { timeoutMs: 150 }).run({ request: chat, source: 'p' });
    assert.equal(r.text, 'echo: hello there world');
    assert.deepEqual((await h.records()).map((x) => x.errorCode ?? 'ok'), ['UND_ERR_SOCKET', 'malformed_response', 'timeout', 'ok']);
  });

  it('503 on every attempt: gives up after 3 attempts with a clear message', async () => {
    for (let i = 0; i < 3; i++) h.server.faults.push({ kind: 'status', status: 503 });
    const err = await h.pipeline().run({ request: chat, source: 'p' }).catch((e: unknown) => e);
    assert.ok(err instanceof RetriesExhaustedError);
    assert.match(err.message, /^OpenAI gpt-4o: 503 unavailable: .* \(gave up after 3 attempts\)$/);
    assert.equal(h.server.requests.length, 3);
    assert.equal((await h.records()).length, 3);
  });

  it('falls back across providers: openai overloaded -> anthropic', async () => {
    for (let i = 0; i < 3; i++) h.server.faults.push({ kind: 'status', status: 529 }, '/v1/chat/completions');
    const r = await h.pipeline().run({ request: chat, source: 'p', fallbacks: [{ provider: 'anthropic', model: 'claude-sonnet-5-5', api: 'messages' }] });
    assert.equal(r.text, 'echo: hello there world');
    assert.equal(r.fallback?.message, 'fell back from openai gpt-4o to anthropic claude-sonnet-5-5 after 3 attempts: 529 overloaded');
    assert.deepEqual(h.server.requests[3]?.body, { model: 'claude-sonnet-5-5', max_tokens: 1024, messages: [{ role: 'user', content: [{ type: 'text', text: 'hello there world' }] }], stream: false });
  });

  it('a truncated stream fails with stream_truncated and is recorded', async () => {
    h.server.faults.push({ kind: 'truncate', afterEvents: 3 });
    const run = await h.pipeline().stream({ request: chat, source: 'p' });
    await assert.rejects(collect(run.deltas), (e: unknown) => e instanceof ProviderError && e.code === 'stream_truncated');
    await assert.rejects(run.result, (e: unknown) => e instanceof ProviderError && e.code === 'stream_truncated');
    assert.deepEqual((await h.records()).map((x) => x.errorCode), ['stream_truncated']);
  });

  it('a stream is cancelled by its AbortSignal', async () => {
    const controller = new AbortController();
    h.server.faults.push({ kind: 'delay', ms: 5000 });
    const started = h.pipeline().stream({ request: chat, source: 'p', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(started, CancelledError);
    assert.deepEqual((await h.records()).map((x) => x.errorCode), ['cancelled']);
  });

  it('budget: spend comes from the real ledger; a full daily cap blocks the next call', async () => {
    const p = h.pipeline({ budget: { settings: { global: { dailyUsd: 0.00005 } }, spend: h.ledger } });
    const first = await p.run({ request: chat, source: 'p' });
    assert.equal(h.ledger.spentUsd('day', h.clock.now()), first.costUsd);
    assert.match(first.budgetWarning?.message ?? '', /of the global daily budget/);
    await assert.rejects(p.run({ request: chat, source: 'p' }), BudgetExceededError);
    assert.equal(h.server.requests.length, 1);
  });

  it('401: fails at once, says how to fix it, never shows the key', async () => {
    await h.close();
    h = await startHarness({ rejectKeys: ['sk-test-openai-0123456789abcdef'] });
    const err = await h.pipeline().run({ request: chat, source: 'p' }).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError);
    assert.match(err.message, /^the OpenAI API key was rejected: set a valid key with Tokenwise: Set API Key/);
    assert.ok(!err.message.includes('0123456789abcdef'), err.message);
    assert.equal(h.server.requests.length, 1);
  });

  it('404 for an unknown model: permanent, names the model', async () => {
    const err = await h.pipeline().run({ request: { ...chat, model: 'missing-model' }, source: 'p' }).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError && err.kind === 'permanent');
    assert.match(err.message, /does not know the model missing-model/);
  });

  it('a missing key is a clear permanent error and sends nothing', async () => {
    const p = new Pipeline({ transports: [createOpenAiTransport({ keys: keysOf({}), baseURL: h.server.openaiBaseUrl })], priceUsage: testPriceUsage, clock: h.clock });
    await assert.rejects(p.run({ request: chat, source: 'p' }), /no OpenAI API key is set: set one with Tokenwise: Set API Key/);
    assert.equal(h.server.requests.length, 0);
  });

  it('OpenAI-compatible endpoints: Azure deployment path, api-version and api-key header; keyless local servers', async () => {
    const azure = createOpenAiTransport({ id: 'azure', keys: keysOf({ azure: 'azure-key-0123456789' }), baseURL: h.server.baseUrl, deployment: 'my-gpt4o', apiVersion: '2024-10-21', authHeader: 'api-key' });
    const ollama = createOpenAiTransport({ id: 'ollama', keys: keysOf({}), baseURL: h.server.openaiBaseUrl });
    const p = new Pipeline({ transports: [azure, ollama], priceUsage: testPriceUsage, clock: h.clock });
    const r = await p.run({ request: chat, target: { provider: 'azure', model: 'gpt-4o', api: 'chat' }, source: 'p' });
    assert.equal(r.text, 'echo: hello there world');
    const sent = h.server.requests[0];
    assert.equal(sent?.auth, 'api-key');
    assert.equal(sent?.headers['authorization'], undefined);
    assert.deepEqual(sent?.query, { 'api-version': '2024-10-21' });
    const local = await p.run({ request: chat, target: { provider: 'ollama', model: 'llama3', api: 'chat' }, source: 'p' });
    assert.equal(local.costUsd, null, 'a model without a price has a null cost, not $0');
  });
});
