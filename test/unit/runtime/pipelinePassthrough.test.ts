import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProviderError } from '../../../src/core/runtime/errors';
import type { PassthroughRequest, PipelineOptions } from '../../../src/core/runtime/pipeline';
import { Pipeline } from '../../../src/core/runtime/pipeline';
import type { Completion, Transport, TransportCall } from '../../../src/core/runtime/transport';
import { FakeClock } from './fakeClock';
import { collect, memoryLedger, testPriceUsage, textRequest } from './pipelineFixtures';

const usage = { inputTokens: 10, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 2 };
const head = { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' } };

/** A raw transport: answers each call with its body echoed as the "native" response; `fail` lists statuses to throw first. */
function rawTransport(fail: number[] = []): Transport & { calls: TransportCall[] } {
  const calls: TransportCall[] = [];
  const answer = (call: TransportCall): Completion => {
    calls.push(call);
    const status = fail.shift();
    if (status) throw new ProviderError(`${status}`, status >= 500 ? 'transient' : 'permanent', `http_${status}`, 'openai', call.model, status);
    return { text: JSON.stringify({ echoed: call.body }), usage, model: call.model, head };
  };
  return {
    provider: 'openai', apis: ['chat', 'embeddings'], calls,
    complete: async (call) => answer(call),
    stream: async (call) => {
      const c = answer(call);
      const gen = (async function* () {
        yield 'data: {"a":1}\n\n';
        yield 'data: [DONE]\n\n';
        return { ...c, text: 'data: {"a":1}\n\ndata: [DONE]\n\n' };
      })();
      return Object.assign(gen, { head });
    },
  };
}

describe('pipeline passthrough', () => {
  const dirs: string[] = [];
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
  const tempDir = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-pt-'));
    dirs.push(d);
    return d;
  };
  const make = (options: Partial<PipelineOptions> = {}) => {
    const ledger = memoryLedger();
    const pipeline = new Pipeline({ transports: [], priceUsage: testPriceUsage, clock: new FakeClock(), random: () => 0, ledger, ...options });
    return { pipeline, ledger };
  };
  const call = (transport: Transport, body: Record<string, unknown>, extra: Partial<PassthroughRequest> = {}): PassthroughRequest =>
    ({ target: { provider: 'openai', model: String(body['model']), api: 'chat' }, body, transport, source: 'proxy', ...extra });

  it('sends the caller body object as is, returns the raw answer with the upstream head, and records the attempt', async () => {
    const { pipeline, ledger } = make();
    const t = rawTransport();
    const body = { model: 'gpt-4o', messages: [], unknown_param: { x: 1 } };
    const result = await pipeline.passthrough(call(t, body, { tag: 'a' }));
    assert.equal(t.calls[0]?.body, body);
    assert.equal(t.calls[0]?.api, 'chat');
    assert.deepEqual(JSON.parse(result.text), { echoed: body });
    assert.deepEqual(result.head, head);
    assert.equal(ledger.records[0]?.callId, result.callId);
    assert.equal(ledger.records[0]?.tag, 'a');
    assert.equal(ledger.records[0]?.source, 'proxy');
  });

  it('retries transient failures through the same retry loop, and fails fast on permanent ones', async () => {
    const { pipeline, ledger } = make();
    const result = await pipeline.passthrough(call(rawTransport([503, 500]), { model: 'gpt-4o' }));
    assert.equal(result.attempts, 3);
    assert.deepEqual(ledger.records.map((r) => r.errorCode ?? 'ok'), ['http_503', 'http_500', 'ok']);
    const t = rawTransport([400]);
    await assert.rejects(pipeline.passthrough(call(t, { model: 'gpt-4o' })), (e: unknown) => e instanceof ProviderError && e.status === 400);
    assert.equal(t.calls.length, 1);
  });

  it('falls back only to models of the same provider and API, changing nothing in the body but its model', async () => {
    const { pipeline, ledger } = make({
      retry: { maxAttempts: 1 },
      fallback: { chains: { 'gpt-4o': [{ provider: 'anthropic', model: 'claude-sonnet-5-5', api: 'messages' }, { provider: 'openai', model: 'gpt-5', api: 'chat' }] } },
    });
    const t = rawTransport([503]);
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function' }] };
    const result = await pipeline.passthrough(call(t, body));
    assert.deepEqual(t.calls.map((c) => c.model), ['gpt-4o', 'gpt-5']);
    assert.deepEqual(t.calls[1]?.body, { ...body, model: 'gpt-5' });
    assert.deepEqual(Object.keys(t.calls[1]?.body ?? {}), Object.keys(body));
    assert.equal(result.model, 'gpt-5');
    assert.match(result.fallback?.message ?? '', /fell back from gpt-4o to gpt-5/);
    assert.equal(ledger.records[1]?.fallbackFrom, 'openai:gpt-4o');
  });

  it('streams the raw text and its head, and settles the result with the parsed usage', async () => {
    const { pipeline, ledger } = make();
    const run = await pipeline.passthroughStream(call(rawTransport(), { model: 'gpt-4o', stream: true }));
    assert.deepEqual(run.head, head);
    assert.equal(run.cacheHit, false);
    assert.deepEqual(await collect(run.deltas), ['data: {"a":1}\n\n', 'data: [DONE]\n\n']);
    assert.equal((await run.result).usage.outputTokens, 2);
    assert.equal(ledger.records.length, 1);
  });

  it('caches passthrough answers apart from Playground answers, and streamed apart from complete ones', async () => {
    const dir = tempDir();
    const { pipeline } = make({ cache: { dir } });
    const t = rawTransport();
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'same' }], temperature: 0 };
    const first = await pipeline.passthrough(call(t, body));
    const second = await pipeline.passthrough(call(t, { ...body }));
    assert.equal(second.cacheHit, true);
    assert.equal(second.text, first.text);
    assert.equal(t.calls.length, 1);
    const streamed = await pipeline.passthroughStream(call(t, { ...body, stream: true }));
    assert.equal(streamed.cacheHit, false);
    await collect(streamed.deltas);
    const replay = await pipeline.passthroughStream(call(t, { ...body, stream: true }));
    assert.equal(replay.cacheHit, true);
    assert.deepEqual(await collect(replay.deltas), ['data: {"a":1}\n\ndata: [DONE]\n\n']);
    assert.equal(t.calls.length, 2);
    // A Playground request with the same native body must not get a raw JSON body back as its text.
    const playground = new Pipeline({ transports: [rawTransport()], priceUsage: testPriceUsage, cache: { dir } });
    const text = await playground.run({ request: textRequest('openai', 'chat.completions.create', 'gpt-4o', 'same', { temperature: 0 }), source: 'playground' });
    assert.equal(text.cacheHit, false);
  });

  it('checks the budget before sending', async () => {
    const { pipeline } = make({ budget: { settings: { global: { monthlyUsd: 1 } }, spend: { spentUsd: () => 5 } } });
    const t = rawTransport();
    await assert.rejects(pipeline.passthrough(call(t, { model: 'gpt-4o' })), /budget/);
    assert.equal(t.calls.length, 0);
  });
});
