// Client-side token buckets per provider, for requests per minute and tokens per minute, the
// two limits both providers publish per organization and model tier. Waiting (on the injected
// clock) instead of failing turns a burst into a queue; the provider would answer 429 anyway.
import type { Clock } from './clock';
import { throwIfAborted } from './clock';

export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

const minuteMs = 60_000;

class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(readonly capacity: number, now: number) {
    this.level = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    this.level = Math.min(this.capacity, this.level + ((now - this.updatedAt) * this.capacity) / minuteMs);
    this.updatedAt = now;
  }

  /** Milliseconds until `amount` is available (amount is clamped to the capacity, else it would wait forever). */
  waitFor(amount: number, now: number): number {
    this.refill(now);
    const need = Math.min(amount, this.capacity) - this.level;
    return need <= 0 ? 0 : Math.ceil((need * minuteMs) / this.capacity);
  }

  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= Math.min(amount, this.capacity);
  }

  /** Corrects an estimate once the real usage is known; the level may go negative (a debt later calls wait for). */
  adjust(delta: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level - delta);
  }
}

interface ProviderBuckets {
  requests?: TokenBucket;
  tokens?: TokenBucket;
  /** Serializes waiters so they are served first come, first served. */
  queue: Promise<void>;
}

export interface Reservation {
  waitedMs: number;
  /** Reports the real token count so the tokens-per-minute bucket reflects what the call used. */
  settle(actualTokens: number): void;
}

export class RateLimiter {
  private readonly buckets = new Map<string, ProviderBuckets>();

  constructor(private readonly limits: Record<string, RateLimits>, private readonly clock: Clock) {}

  private bucketsFor(provider: string): ProviderBuckets | undefined {
    const limits = this.limits[provider];
    if (!limits || (!limits.requestsPerMinute && !limits.tokensPerMinute)) return undefined;
    let b = this.buckets.get(provider);
    if (!b) {
      const now = this.clock.now();
      b = {
        requests: limits.requestsPerMinute ? new TokenBucket(limits.requestsPerMinute, now) : undefined,
        tokens: limits.tokensPerMinute ? new TokenBucket(limits.tokensPerMinute, now) : undefined,
        queue: Promise.resolve(),
      };
      this.buckets.set(provider, b);
    }
    return b;
  }

  /** Waits until one request and `estimatedTokens` tokens fit; rejects with CancelledError when `signal` aborts. */
  async acquire(provider: string, estimatedTokens: number, signal?: AbortSignal): Promise<Reservation> {
    const b = this.bucketsFor(provider);
    if (!b) return { waitedMs: 0, settle: () => undefined };
    const start = this.clock.now();
    const turn = b.queue.then(async () => {
      for (let guard = 0; guard < 1000; guard++) {
        throwIfAborted(signal);
        const now = this.clock.now();
        const wait = Math.max(b.requests?.waitFor(1, now) ?? 0, b.tokens?.waitFor(estimatedTokens, now) ?? 0);
        if (wait <= 0) {
          b.requests?.take(1, now);
          b.tokens?.take(estimatedTokens, now);
          return;
        }
        await this.clock.sleep(wait, signal);
      }
      throw new Error('rate limiter: no capacity after 1000 waits');
    });
    // A cancelled waiter must not block the ones queued behind it.
    b.queue = turn.catch(() => undefined);
    await turn;
    return {
      waitedMs: this.clock.now() - start,
      settle: (actual) => b.tokens?.adjust(actual - Math.min(estimatedTokens, b.tokens.capacity), this.clock.now()),
    };
  }
}
