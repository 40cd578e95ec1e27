import * as assert from 'node:assert/strict';
import { CancelledError } from '../../../src/core/runtime/clock';
import { classifyError, parseRetryAfter, ProviderError } from '../../../src/core/runtime/errors';
import type { RetrySettings } from '../../../src/core/runtime/retry';
import { backoffDelayMs, defaultRetrySettings, RetriesExhaustedError, RetryPolicy } from '../../../src/core/runtime/retry';
import { FakeClock, sequence } from './fakeClock';

const settings: RetrySettings = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8000, maxTotalWaitMs: 60_000, jitter: 'full' };

function transient(status = 503, retryAfterMs?: number): ProviderError {
  return new ProviderError(`fail ${status}`, 'transient', `http_${status}`, 'openai', 'gpt-4o', status, retryAfterMs);
}

/** An attempt function that fails with `errors` in turn, then answers 'ok'. */
function failing(errors: Error[]): { fn: () => Promise<string>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    fn: async () => {
      calls.push(calls.length + 1);
      const e = errors.shift();
      if (e) throw e;
      return 'ok';
    },
  };
}

describe('retry backoff', () => {
  it('full jitter draws from [0, min(max, base * 2^(n-1))]', () => {
    const full = { ...settings, jitter: 'full' as const };
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, full, () => 0.5)), [250, 500, 1000, 2000, 4000, 4000]);
    assert.equal(backoffDelayMs(3, full, () => 0), 0);
    assert.equal(backoffDelayMs(3, full, () => 0.999999), 2000);
  });

  it('equal jitter draws from [cap/2, cap]', () => {
    const equal = { ...settings, jitter: 'equal' as const };
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, equal, () => 0)), [250, 500, 1000, 2000, 4000, 4000]);
    assert.deepEqual([1, 2, 3].map((n) => backoffDelayMs(n, equal, () => 0.5)), [375, 750, 1500]);
  });

  it('sleeps the exact schedule between attempts and reports attempts and waits', async () => {
    const clock = new FakeClock();
    const policy = new RetryPolicy(settings, clock, sequence(1 - 1e-9, 0.5, 0.25));
    const { fn, calls } = failing([transient(), transient(), transient()]);
    const out = await policy.run(fn, undefined);
    assert.equal(out.value, 'ok');
    assert.deepEqual(calls, [1, 2, 3, 4]);
    assert.deepEqual(clock.sleeps, [500, 500, 500]);
    assert.equal(out.attempts, 4);
    assert.equal(out.waitedMs, 1500);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const clock = new FakeClock();
    const policy = new RetryPolicy({ ...settings, maxAttempts: 3 }, clock, () => 0.5);
    const { fn, calls } = failing([transient(500), transient(502), transient(529), transient()]);
    const err = await policy.run(fn, undefined).catch((e: unknown) => e);
    assert.ok(err instanceof RetriesExhaustedError);
    assert.equal(err.attempts, 3);
    assert.equal(err.last.status, 529);
    assert.match(err.message, /gave up after 3 attempts/);
    assert.deepEqual(calls, [1, 2, 3]);
    assert.deepEqual(clock.sleeps, [250, 500]);
  });

  it('fails permanent errors at once', async () => {
    const clock = new FakeClock();
    const policy = new RetryPolicy(settings, clock, () => 0.5);
    const permanent = new ProviderError('bad', 'permanent', 'http_400', 'openai', 'gpt-4o', 400);
    const { fn, calls } = failing([permanent]);
    await assert.rejects(policy.run(fn, undefined), (e: unknown) => e === permanent);
    assert.deepEqual(calls, [1]);
    assert.deepEqual(clock.sleeps, []);
  });

  it('prefers the server retry-after over the computed backoff', async () => {
    const clock = new FakeClock();
    const policy = new RetryPolicy(settings, clock, () => 0.5);
    const { fn } = failing([transient(429, 1500), transient(429, 20_000)]);
    await policy.run(fn, undefined);
    assert.deepEqual(clock.sleeps, [1500, 20_000]);
  });

  it('stops when the next wait would pass the total wait cap', async () => {
    const clock = new FakeClock();
    const policy = new RetryPolicy({ ...settings, maxTotalWaitMs: 10_000 }, clock, () => 0.5);
    const { fn, calls } = failing([transient(429, 4000), transient(429, 7000), transient()]);
    const err = await policy.run(fn, undefined).catch((e: unknown) => e);
    assert.ok(err instanceof RetriesExhaustedError);
    assert.deepEqual(calls, [1, 2]);
    assert.deepEqual(clock.sleeps, [4000]);
    assert.equal(err.waitedMs, 4000);
  });

  it('honours x-should-retry: false on a transient status and true on a permanent one', async () => {
    const clock = new FakeClock();
    const policy = new RetryPolicy(settings, clock, () => 0.5);
    const noRetry = new ProviderError('x', 'transient', 'http_500', 'openai', 'm', 500, undefined, false);
    const { fn, calls } = failing([noRetry]);
    await assert.rejects(policy.run(fn, undefined));
    assert.deepEqual(calls, [1]);
    const forced = new ProviderError('x', 'permanent', 'http_400', 'openai', 'm', 400, undefined, true);
    const second = failing([forced]);
    assert.equal((await policy.run(second.fn, undefined)).attempts, 2);
  });

  it('numbers attempts from firstAttempt and stops waiting when cancelled', async () => {
    const clock = new FakeClock(undefined, false);
    const policy = new RetryPolicy(settings, clock, () => 0.5);
    const seen: number[] = [];
    const controller = new AbortController();
    const run = policy.run(async ({ attempt }) => {
      seen.push(attempt);
      throw transient();
    }, controller.signal, 4);
    await new Promise((r) => setImmediate(r));
    assert.equal(clock.pendingSleeps, 1);
    controller.abort();
    await assert.rejects(run, (e: unknown) => e instanceof CancelledError);
    assert.deepEqual(seen, [4]);
  });

  it('defaults to 3 attempts with full jitter', () => {
    assert.equal(defaultRetrySettings.maxAttempts, 3);
    assert.equal(defaultRetrySettings.jitter, 'full');
  });
});

describe('retry-after parsing', () => {
  const now = Date.UTC(2026, 10, 24, 12, 0, 0);
  it('reads retry-after-ms first, then retry-after seconds, then an HTTP date', () => {
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now), 1500);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now), 500);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': new Date(now + 7000).toUTCString() }), now), 7000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': new Date(now - 7000).toUTCString() }), now), 0);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': 'x', 'retry-after': '3' }), now), 3000);
    assert.equal(parseRetryAfter(new Headers(), now), undefined);
    assert.equal(parseRetryAfter({ 'retry-after': '4' }, now), 4000);
  });
});

describe('error classification', () => {
  const classify = (err: unknown): ProviderError => classifyError(err, 'openai', 'gpt-4o', 0, ['sk-secret-123456']) as ProviderError;
  const apiError = (status: number, message = 'x', headers: Record<string, string> = {}): unknown =>
    Object.assign(new Error(message), { status, headers: new Headers(headers), error: { error: { message } } });

  it('treats 408, 409, 429, 5xx and 529 as transient', () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504, 529]) assert.equal(classify(apiError(s)).kind, 'transient', String(s));
  });

  it('treats 400, 401, 403, 404 and 422 as permanent, saying what to fix', () => {
    for (const s of [400, 401, 403, 404, 422]) assert.equal(classify(apiError(s)).kind, 'permanent', String(s));
    assert.match(classify(apiError(401)).message, /^the OpenAI API key was rejected: set a valid key with Tokenwise: Set API Key/);
    assert.match(classify(apiError(404)).message, /check the model name/);
    const anthropic = classifyError(apiError(401), 'anthropic', 'claude-opus-5-5', 0, []) as ProviderError;
    assert.match(anthropic.message, /the Anthropic API key was rejected/);
  });

  it('never lets the key through, even when the provider echoes it', () => {
    const e = classify(apiError(401, 'Incorrect API key provided: sk-secret-123456'));
    assert.ok(!e.message.includes('sk-secret-123456'), e.message);
    assert.match(e.message, /\[REDACTED\]/);
  });

  it('reads the retry headers into the error', () => {
    const e = classify(apiError(429, 'slow down', { 'retry-after-ms': '1200', 'x-should-retry': 'true' }));
    assert.equal(e.retryAfterMs, 1200);
    assert.equal(e.shouldRetry, true);
    assert.equal(e.code, 'http_429');
    assert.ok(e.isOverload);
  });

  it('maps connection resets, timeouts, parse errors and aborts', () => {
    const reset = classify(Object.assign(new Error('Connection error.'), { cause: Object.assign(new Error('read'), { code: 'ECONNRESET' }) }));
    assert.equal(reset.kind, 'transient');
    assert.equal(reset.code, 'ECONNRESET');
    const timeout = classifyError(new Error('t'), 'openai', 'm', 0, [], { isAbort: () => false, isTimeout: () => true, isConnection: () => true }) as ProviderError;
    assert.equal(timeout.code, 'timeout');
    assert.equal(classify(new SyntaxError('Unexpected end of JSON input')).code, 'malformed_response');
    const abort = classifyError(new Error('a'), 'openai', 'm', 0, [], { isAbort: () => true, isTimeout: () => false, isConnection: () => false });
    assert.ok(abort instanceof CancelledError);
  });
});
