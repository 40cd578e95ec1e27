import * as assert from 'node:assert/strict';
import { createAnthropicTransport } from '../../../src/core/runtime/anthropicTransport';
import { ProviderError } from '../../../src/core/runtime/errors';
import { buildNativeParams } from '../../../src/core/runtime/nativeParams';
import { RetriesExhaustedError } from '../../../src/core/runtime/retry';
import type { LlmRequest } from '../../../src/core/request/llmRequest';
import type { Harness } from './sdkHarness';
import { startHarness } from './sdkHarness';
import { collect, costOf, keysOf, textRequest } from './pipelineFixtures';

const opus = textRequest('anthropic', 'messages.create', 'claude-opus-5-5', 'hello there world', { maxOutputTokens: 200 });

/** A static system prompt with a 1-hour breakpoint and a tool list with a 5-minute one. */
const cached: LlmRequest = {
  ...opus,
  system: [{ parts: [{ kind: 'text', text: 'you are a careful and very brief assistant' }], cacheControl: { type: 'ephemeral', ttl: '1h' } }],
  messages: [
    { role: 'user', blocks: [{ parts: [{ kind: 'text', text: 'here is the long document text' }], cacheControl: { type: 'ephemeral', ttl: '5m' } }] },
    { role: 'assistant', blocks: [{ parts: [{ kind: 'text', text: 'ok' }] }] },
    { role: 'user', blocks: [{ parts: [{ kind: 'text', text: 'summarize it' }] }] },
  ],
};

describe('anthropic SDK through the pipeline (fake server)', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.close(); });

  it('messages: text, usage, cost, ledger; the key is sent', async () => {
    const r = await h.pipeline().run({ request: opus, source: 'playground' });
    assert.equal(r.text, 'echo: hello there world');
    assert.deepEqual(r.usage, { inputTokens: 6, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 4 });
    assert.equal(r.costUsd, costOf('claude-opus-5-5', r.usage));
    // @anthropic-ai/sdk 1.x sends the key as Authorization: Bearer (0.x used x-api-key); the fake server accepts both.
    assert.equal(h.server.requests[0]?.auth, 'bearer');
    assert.equal((await h.records()).length, 1);
  });

  it('prompt caching: writes split by TTL on the first call, reads on the second, in the result and the ledger', async () => {
    const p = h.pipeline();
    const first = await p.run({ request: cached, source: 'p' });
    // System: 8 words (1h). First user block: 6 words (5m). Uncached: "ok", "summarize it" + 3 messages x 3.
    assert.deepEqual(first.usage, { inputTokens: 12, cachedInputTokens: 0, cacheWrite5mTokens: 6, cacheWrite1hTokens: 8, outputTokens: 3 });
    const second = await p.run({ request: cached, source: 'p' });
    assert.deepEqual(second.usage, { inputTokens: 12, cachedInputTokens: 14, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 3 });
    assert.ok((second.costUsd ?? 0) < (first.costUsd ?? 0));
    const records = await h.records();
    assert.deepEqual(records.map((x) => [x.cacheWrite5mTokens, x.cacheWrite1hTokens, x.cachedInputTokens]), [[6, 8, 0], [0, 0, 14]]);
    const sent = h.server.requests[0]?.body as { system: unknown };
    assert.deepEqual(sent.system, [{ type: 'text', text: 'you are a careful and very brief assistant', cache_control: { type: 'ephemeral', ttl: '1h' } }]);
  });

  it('streaming: deltas end to end; usage merges message_start and message_delta', async () => {
    const p = h.pipeline();
    await p.run({ request: cached, source: 'p' });
    const run = await p.stream({ request: cached, source: 'p' });
    assert.deepEqual(await collect(run.deltas), ['echo: ', 'summarize ', 'it']);
    const r = await run.result;
    assert.deepEqual(r.usage, { inputTokens: 12, cachedInputTokens: 14, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 3 });
    assert.equal((await h.records()).length, 2);
  });

  it('529 overloaded three times: falls back to the next model and says so', async () => {
    for (let i = 0; i < 3; i++) h.server.faults.push({ kind: 'status', status: 529 });
    const r = await h.pipeline({ fallback: { chains: { 'claude-opus-5-5': [{ provider: 'anthropic', model: 'claude-sonnet-5-5', api: 'messages' }] } } })
      .run({ request: opus, source: 'p' });
    assert.equal(r.fallback?.message, 'fell back from claude-opus-5-5 to claude-sonnet-5-5 after 3 attempts: 529 overloaded');
    assert.equal(r.model, 'claude-sonnet-5-5');
    assert.equal(r.costUsd, costOf('claude-sonnet-5-5', r.usage));
    assert.deepEqual(h.clock.sleeps, [250, 500]);
    const records = await h.records();
    assert.deepEqual(records.map((x) => [x.model, x.attempt, x.errorCode ?? 'ok', x.outputTokens, x.fallbackFrom ?? '-']), [
      ['claude-opus-5-5', 1, 'http_529', 0, '-'], ['claude-opus-5-5', 2, 'http_529', 0, '-'], ['claude-opus-5-5', 3, 'http_529', 0, '-'],
      ['claude-sonnet-5-5', 4, 'ok', 4, 'anthropic:claude-opus-5-5'],
    ]);
    assert.equal(new Set(records.map((x) => x.callId)).size, 1);
  });

  it('a streaming request retries a 529 before the first byte', async () => {
    h.server.faults.push({ kind: 'status', status: 529 });
    const run = await h.pipeline().stream({ request: opus, source: 'p' });
    assert.equal((await collect(run.deltas)).join(''), 'echo: hello there world');
    assert.equal((await run.result).attempts, 2);
  });

  it('a truncated stream (no message_stop) fails with stream_truncated', async () => {
    h.server.faults.push({ kind: 'truncate', afterEvents: 4 });
    const run = await h.pipeline().stream({ request: opus, source: 'p' });
    await assert.rejects(collect(run.deltas), (e: unknown) => e instanceof ProviderError && e.code === 'stream_truncated');
  });

  it('a connection reset is a transient connection error (one attempt when retry is off)', async () => {
    h.server.faults.push({ kind: 'reset' });
    const err = await h.pipeline({ retry: false }).run({ request: opus, source: 'p' }).catch((e: unknown) => e);
    assert.ok(err instanceof RetriesExhaustedError, String(err));
    assert.equal(err.last.kind, 'transient');
    assert.match(err.message, /^Anthropic claude-opus-5-5: connection failed \(UND_ERR_SOCKET\): check the network or the base URL/);
    assert.equal(h.server.requests.length, 1);
  });

  it('400 is permanent and not retried', async () => {
    h.server.faults.push({ kind: 'status', status: 400, message: 'max_tokens: too large' });
    const err = await h.pipeline().run({ request: opus, source: 'p' }).catch((e: unknown) => e);
    assert.ok(err instanceof ProviderError && err.kind === 'permanent');
    assert.match(err.message, /Anthropic rejected the request for claude-opus-5-5 as invalid.*max_tokens: too large/);
    assert.equal(h.server.requests.length, 1);
  });

  it('count_tokens gives the exact input without running the request', async () => {
    const t = createAnthropicTransport({ keys: keysOf({ anthropic: 'sk-ant-test-0123456789abcdef' }), baseURL: h.server.baseUrl });
    const body = buildNativeParams(cached, { provider: 'anthropic', model: 'claude-opus-5-5', api: 'messages' });
    assert.equal(await t.countTokens({ api: 'messages', model: 'claude-opus-5-5', body }), 8 + 6 + 1 + 2 + 9);
    assert.equal(h.server.requests[0]?.path, '/v1/messages/count_tokens');
  });
});
