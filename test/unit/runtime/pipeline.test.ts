import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancelledError } from '../../../src/core/runtime/clock';
import { BreakerOpenError, BudgetExceededError, ProviderError } from '../../../src/core/runtime/errors';
import type { RuntimeTarget } from '../../../src/core/runtime/nativeParams';
import type { PipelineOptions } from '../../../src/core/runtime/pipeline';
import { estimateRequestTokens, Pipeline } from '../../../src/core/runtime/pipeline';
import { RetriesExhaustedError } from '../../../src/core/runtime/retry';
import type { Completion, Transport, TransportCall } from '../../../src/core/runtime/transport';
import { FakeClock } from './fakeClock';
import { collect, costOf, memoryLedger, testPriceUsage, textRequest } from './pipelineFixtures';

type Step = 'ok' | number | Error;

/** A transport that plays a script per model: 'ok' answers, a number fails with that status. */
function scripted(provider: string, scripts: Record<string, Step[]>): Transport & { calls: TransportCall[] } {
  const calls: TransportCall[] = [];
  const next = (call: TransportCall): Completion => {
    calls.push(call);
    const step = scripts[call.model]?.shift() ?? 'ok';
    if (step instanceof Error) throw step;
    if (typeof step === 'number') {
      throw new ProviderError(`${call.model}: ${step}`, step >= 500 || step === 429 ? 'transient' : 'permanent', `http_${step}`, provider, call.model, step);
    }
    return { text: `answer from ${call.model}`, usage: { inputTokens: 100, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 10 }, model: call.model };
  };
  return {
    provider,
    apis: provider === 'anthropic' ? ['messages'] : ['chat', 'responses'],
    calls,
    complete: async (call) => next(call),
    stream: async (call) => {
      const c = next(call);
      return (async function* () {
        for (const w of c.text.split(' ')) yield `${w} `;
        return c;
      })();
    },
  };
}

const opus = textRequest('anthropic', 'messages.create', 'claude-opus-5-5', 'hello');
const sonnet: RuntimeTarget = { provider: 'anthropic', model: 'claude-sonnet-5-5', api: 'messages' };

describe('pipeline', () => {
  let dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    dirs = [];
  });

  function build(transport: Transport, options: Partial<PipelineOptions> = {}): { pipeline: Pipeline; clock: FakeClock; ledger: ReturnType<typeof memoryLedger> } {
    const clock = new FakeClock();
    const ledger = memoryLedger();
    let n = 0;
    const pipeline = new Pipeline({ transports: [transport], priceUsage: testPriceUsage, clock, random: () => 0.5, ledger, newId: () => `call-${++n}`, ...options });
    return { pipeline, clock, ledger };
  }

  it('falls back after exhausted retries and says so plainly', async () => {
    const t = scripted('anthropic', { 'claude-opus-5-5': [529, 529, 529] });
    const { pipeline, clock, ledger } = build(t, { fallback: { chains: { 'claude-opus-5-5': [sonnet] } } });
    const r = await pipeline.run({ request: opus, source: 'playground' });
    assert.equal(r.model, 'claude-sonnet-5-5');
    assert.equal(r.fallback?.message, 'fell back from claude-opus-5-5 to claude-sonnet-5-5 after 3 attempts: 529 overloaded');
    assert.equal(r.attempts, 4);
    assert.deepEqual(clock.sleeps, [250, 500]);
    assert.equal(r.backoffMs, 750);
    assert.deepEqual(ledger.records.map((x) => [x.model, x.attempt, x.errorCode ?? 'ok', x.fallbackFrom ?? '-']), [
      ['claude-opus-5-5', 1, 'http_529', '-'], ['claude-opus-5-5', 2, 'http_529', '-'], ['claude-opus-5-5', 3, 'http_529', '-'],
      ['claude-sonnet-5-5', 4, 'ok', 'anthropic:claude-opus-5-5'],
    ]);
    assert.ok(ledger.records.every((x) => x.callId === 'call-1'));
  });

  it('can fall back on the first overload without retrying', async () => {
    const t = scripted('anthropic', { 'claude-opus-5-5': [429] });
    const { pipeline, ledger } = build(t, { fallback: { chains: { 'claude-opus-5-5': [sonnet] }, immediatelyOnOverload: true } });
    const r = await pipeline.run({ request: opus, source: 'playground' });
    assert.equal(r.fallback?.message, 'fell back from claude-opus-5-5 to claude-sonnet-5-5 after 1 attempt: 429 rate limited');
    assert.equal(ledger.records.length, 2);
  });

  it('does not fall back on a permanent error, and fails without retrying', async () => {
    const t = scripted('anthropic', { 'claude-opus-5-5': [401] });
    const { pipeline, ledger } = build(t, { fallback: { chains: { 'claude-opus-5-5': [sonnet] } } });
    await assert.rejects(pipeline.run({ request: opus, source: 'playground' }), (e: unknown) => e instanceof ProviderError && e.status === 401);
    assert.equal(t.calls.length, 1);
    assert.equal(ledger.records[0]?.errorCode, 'http_401');
  });

  it('throws the exhausted error when no fallback is left', async () => {
    const t = scripted('anthropic', { 'claude-opus-5-5': [500, 500, 500] });
    const { pipeline } = build(t);
    await assert.rejects(pipeline.run({ request: opus, source: 'playground' }), (e: unknown) => e instanceof RetriesExhaustedError && /gave up after 3 attempts/.test(e.message));
  });

  it('opens the breaker after repeated failed calls, falls back past it, and reports its state', async () => {
    const t = scripted('anthropic', { 'claude-opus-5-5': [500, 500] });
    const { pipeline, clock } = build(t, { retry: { maxAttempts: 1 }, breaker: { failureThreshold: 2, coolDownMs: 1000 }, fallback: { chains: { 'claude-opus-5-5': [sonnet] } } });
    const changes: string[] = [];
    pipeline.onBreakerChange((c) => changes.push(`${c.model} ${c.to}`));
    await pipeline.run({ request: opus, source: 'playground' });
    await pipeline.run({ request: opus, source: 'playground' });
    assert.equal(pipeline.breakerState('anthropic', 'claude-opus-5-5'), 'open');
    const r = await pipeline.run({ request: opus, source: 'playground' });
    assert.equal(t.calls.length, 5, 'the open circuit was skipped without a call');
    assert.equal(r.fallback?.message, 'fell back from claude-opus-5-5 to claude-sonnet-5-5: circuit breaker open');
    clock.time += 1000;
    const healed = await pipeline.run({ request: opus, source: 'playground', fallbacks: [] });
    assert.equal(healed.model, 'claude-opus-5-5');
    assert.equal(healed.breakerState, 'closed');
    assert.deepEqual(changes, ['claude-opus-5-5 open', 'claude-opus-5-5 half-open', 'claude-opus-5-5 closed']);
    const noFallback = build(scripted('anthropic', { 'claude-opus-5-5': [500, 500] }), { retry: false, breaker: { failureThreshold: 1, coolDownMs: 1000 } });
    await assert.rejects(noFallback.pipeline.run({ request: opus, source: 'p' }));
    await assert.rejects(noFallback.pipeline.run({ request: opus, source: 'p' }), BreakerOpenError);
  });

  it('does not wedge a half-open circuit when the trial fails for a reason unrelated to the service', async () => {
    const noKey = new ProviderError('no key', 'permanent', 'missing_key', 'anthropic', 'claude-opus-5-5');
    const t = scripted('anthropic', { 'claude-opus-5-5': [500, noKey] });
    const { pipeline, clock } = build(t, { retry: false, breaker: { failureThreshold: 1, coolDownMs: 1000 } });
    await assert.rejects(pipeline.run({ request: opus, source: 'p' }), RetriesExhaustedError);
    clock.time += 1000;
    assert.equal(pipeline.breakerState('anthropic', 'claude-opus-5-5'), 'half-open');
    await assert.rejects(pipeline.run({ request: opus, source: 'p' }), (e: unknown) => e === noKey);
    const r = await pipeline.run({ request: opus, source: 'p' });
    assert.equal(r.breakerState, 'closed');
  });

  it('blocks at the budget cap with a typed error, unless overridden once', async () => {
    const t = scripted('anthropic', {});
    const spend = { spentUsd: (period: string) => (period === 'day' ? 4.5 : 4.5) };
    const { pipeline } = build(t, { budget: { settings: { global: { dailyUsd: 5 } }, spend } });
    const warned = await pipeline.run({ request: opus, source: 'playground' });
    assert.match(warned.budgetWarning?.message ?? '', /90% of the global daily budget/);
    spend.spentUsd = () => 5;
    await assert.rejects(pipeline.run({ request: opus, source: 'playground' }), BudgetExceededError);
    assert.equal(t.calls.length, 1);
    await pipeline.run({ request: opus, source: 'playground', budgetOverride: true });
    assert.equal(t.calls.length, 2);
  });

  it('serves a repeated deterministic request from the cache at $0, recording the saving', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-pipe-'));
    dirs.push(dir);
    const t = scripted('anthropic', {});
    const { pipeline, ledger } = build(t, { cache: { dir } });
    const request = { ...opus, temperature: 0 };
    const first = await pipeline.run({ request, source: 'playground' });
    const second = await pipeline.run({ request, source: 'playground' });
    assert.equal(t.calls.length, 1);
    assert.equal(second.cacheHit, true);
    assert.equal(second.costUsd, 0);
    assert.equal(second.savingUsd, first.costUsd);
    assert.equal(second.text, first.text);
    assert.deepEqual(ledger.records.map((r) => [r.attempt, r.cacheHit, r.costUsd, r.savingUsd]), [[1, false, first.costUsd, 0], [0, true, 0, first.costUsd]]);
    // A sampled request is not cached; opting in caches it.
    await pipeline.run({ request: { ...opus, temperature: 1 }, source: 'p' });
    await pipeline.run({ request: { ...opus, temperature: 1 }, source: 'p' });
    assert.equal(t.calls.length, 3);
    await pipeline.run({ request: { ...opus, temperature: 1 }, source: 'p', cache: true });
    assert.equal((await pipeline.run({ request: { ...opus, temperature: 1 }, source: 'p', cache: true })).cacheHit, true);
    // A streamed request hits the same entry (the stream flag is not in the key).
    const streamed = await pipeline.stream({ request, source: 'p' });
    assert.deepEqual(await collect(streamed.deltas), [first.text]);
    assert.equal((await streamed.result).cacheHit, true);
  });

  it('still answers when the cache cannot be written, and says why in the log', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-pipe-'));
    dirs.push(dir);
    const notADir = path.join(dir, 'file');
    fs.writeFileSync(notADir, 'x');
    const warnings: string[] = [];
    const logger = { error: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined, warn: (m: string) => void warnings.push(m) };
    const { pipeline } = build(scripted('anthropic', {}), { cache: { dir: notADir }, logger });
    const r = await pipeline.run({ request: { ...opus, temperature: 0 }, source: 'p' });
    assert.equal(r.text, 'answer from claude-opus-5-5');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] as string, /^response cache not written: /);
  });

  it('does not cache an answer that came from a fallback model', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-pipe-'));
    dirs.push(dir);
    const t = scripted('anthropic', { 'claude-opus-5-5': [529, 529, 529] });
    const { pipeline } = build(t, { cache: { dir }, fallback: { chains: { 'claude-opus-5-5': [sonnet] } } });
    await pipeline.run({ request: { ...opus, temperature: 0 }, source: 'p' });
    const again = await pipeline.run({ request: { ...opus, temperature: 0 }, source: 'p' });
    assert.equal(again.cacheHit, false);
    assert.equal(again.model, 'claude-opus-5-5');
  });

  it('reports the time spent in the rate limiter', async () => {
    const t = scripted('anthropic', {});
    const { pipeline } = build(t, { limits: { anthropic: { requestsPerMinute: 1 } } });
    assert.equal((await pipeline.run({ request: opus, source: 'p' })).waitedMs, 0);
    assert.equal((await pipeline.run({ request: opus, source: 'p' })).waitedMs, 60_000);
  });

  it('streams deltas, then settles the result with usage and cost', async () => {
    const t = scripted('anthropic', { 'claude-opus-5-5': [503] });
    const { pipeline, ledger } = build(t);
    const run = await pipeline.stream({ request: opus, source: 'playground', tag: 't1', workspace: 'ws' });
    assert.equal((await collect(run.deltas)).join(''), 'answer from claude-opus-5-5 ');
    const r = await run.result;
    assert.equal(r.attempts, 2);
    assert.equal(r.costUsd, costOf('claude-opus-5-5', r.usage));
    assert.deepEqual(ledger.records.map((x) => [x.attempt, x.errorCode ?? 'ok', x.tag, x.workspace]), [[1, 'http_503', 't1', 'ws'], [2, 'ok', 't1', 'ws']]);
  });

  it('records a stream the consumer abandons as cancelled', async () => {
    const { pipeline, ledger } = build(scripted('anthropic', {}));
    const run = await pipeline.stream({ request: opus, source: 'p' });
    for await (const _d of run.deltas) break;
    await assert.rejects(run.result, CancelledError);
    assert.equal(ledger.records[0]?.errorCode, 'cancelled');
  });

  it('reports a request it cannot run as a clear error', async () => {
    const { pipeline } = build(scripted('anthropic', {}));
    const withPlaceholder = { ...opus, messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'placeholder' as const, name: 'question' }] }] }] };
    await assert.rejects(pipeline.run({ request: withPlaceholder, source: 'p' }), /placeholder \{question\} has no value/);
    await assert.rejects(pipeline.run({ request: textRequest('openai', 'chat.completions.create', 'gpt-4o', 'x'), source: 'p' }), /no transport is configured for openai/);
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(pipeline.run({ request: opus, source: 'p', signal: aborted.signal }), CancelledError);
  });

  it('estimates tokens for the limiter from the body and the output cap', () => {
    // {"messages":"x...x"} is 53 characters: 14 tokens, plus the 100-token output cap.
    assert.equal(estimateRequestTokens({ messages: 'x'.repeat(38), max_tokens: 100 }), 114);
  });
});
