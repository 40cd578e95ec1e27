import * as assert from 'node:assert/strict';
import { CancelledError } from '../../../src/core/runtime/clock';
import { RateLimiter } from '../../../src/core/runtime/rateLimiter';
import { FakeClock } from './fakeClock';

describe('rate limiter', () => {
  it('lets a burst of RPM requests through, then waits one refill interval per request', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ openai: { requestsPerMinute: 3 } }, clock);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) waits.push((await limiter.acquire('openai', 0)).waitedMs);
    assert.deepEqual(waits, [0, 0, 0, 20_000, 20_000]);
    assert.deepEqual(clock.sleeps, [20_000, 20_000]);
  });

  it('waits for tokens per minute and corrects the estimate with the real usage', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ openai: { tokensPerMinute: 6000 } }, clock);
    const first = await limiter.acquire('openai', 4000);
    assert.equal(first.waitedMs, 0);
    // The call really used 5,000 tokens: 1,000 more than reserved.
    first.settle(5000);
    const second = await limiter.acquire('openai', 3000);
    // 1,000 left, 2,000 missing at 100 tokens/s.
    assert.equal(second.waitedMs, 20_000);
  });

  it('clamps a request larger than the bucket so it waits for a full bucket, not forever', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ openai: { tokensPerMinute: 1000 } }, clock);
    await limiter.acquire('openai', 1000);
    assert.equal((await limiter.acquire('openai', 50_000)).waitedMs, 60_000);
  });

  it('is per provider, and off for a provider without limits', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ openai: { requestsPerMinute: 1 } }, clock);
    await limiter.acquire('openai', 0);
    assert.equal((await limiter.acquire('anthropic', 10_000)).waitedMs, 0);
    assert.equal((await limiter.acquire('openai', 0)).waitedMs, 60_000);
  });

  it('serves waiters in order and lets a cancelled waiter leave without blocking the rest', async () => {
    const clock = new FakeClock(undefined, false);
    const limiter = new RateLimiter({ p: { requestsPerMinute: 1 } }, clock);
    await limiter.acquire('p', 0);
    const controller = new AbortController();
    const order: string[] = [];
    const a = limiter.acquire('p', 0, controller.signal).then(() => order.push('a'), (e: unknown) => order.push(e instanceof CancelledError ? 'a-cancelled' : 'a-error'));
    const b = limiter.acquire('p', 0).then(() => order.push('b'));
    await clock.advance(0);
    assert.equal(clock.pendingSleeps, 1);
    controller.abort();
    await a;
    await clock.advance(60_000);
    await b;
    assert.deepEqual(order, ['a-cancelled', 'b']);
  });
});
