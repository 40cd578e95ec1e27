// One retry loop for the whole runtime: the SDK clients are built with maxRetries: 0
// (docs/provider-facts.md: "set the SDK's maxRetries to 0 so there is one retry loop").
// Backoff is exponential with jitter as in AWS's "Exponential Backoff And Jitter" (2015):
// "full" jitter draws the wait uniformly from [0, cap], "equal" from [cap/2, cap], where
// cap = min(maxDelayMs, baseDelayMs * 2^(retry-1)). Full jitter is the default because it
// spreads competing clients the most. A server-sent retry-after-ms / retry-after wins over
// the computed delay, as the SDKs do.
import type { Clock } from './clock';
import { CancelledError, throwIfAborted } from './clock';
import { ProviderError } from './errors';

export interface RetrySettings {
  /** Attempts in total, the first one included (1 turns retrying off). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound of all waits of one call together; a wait that would exceed it ends the retries. */
  maxTotalWaitMs: number;
  jitter: 'full' | 'equal';
}

export const defaultRetrySettings: RetrySettings = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8000, maxTotalWaitMs: 60_000, jitter: 'full' };

/** Wait before retry number `retry` (1 = the first retry); `random` returns [0, 1). */
export function backoffDelayMs(retry: number, settings: RetrySettings, random: () => number): number {
  const cap = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(settings.jitter === 'full' ? r * cap : cap / 2 + (r * cap) / 2);
}

export function isRetryable(err: unknown): err is ProviderError {
  if (!(err instanceof ProviderError)) return false;
  return err.shouldRetry ?? err.kind === 'transient';
}

export interface AttemptInfo {
  attempt: number;
}

export interface RetryOutcome<T> {
  value: T;
  attempts: number;
  waitedMs: number;
}

/** Thrown when every allowed attempt failed; carries the last error and the attempt count. */
export class RetriesExhaustedError extends Error {
  readonly code: string;
  constructor(readonly last: ProviderError, readonly attempts: number, readonly waitedMs: number) {
    super(`${last.message} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'})`);
    this.name = 'RetriesExhaustedError';
    this.code = last.code;
  }
}

export class RetryPolicy {
  constructor(
    readonly settings: RetrySettings,
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Runs `attempt` until it succeeds, fails permanently (rethrown at once), or the attempts or
   * the total wait run out (RetriesExhaustedError). Attempt numbers start at `firstAttempt` so a
   * fallback continues the count; `onWait` sees each backoff wait before it starts.
   */
  async run<T>(attempt: (info: AttemptInfo) => Promise<T>, signal: AbortSignal | undefined, firstAttempt = 1, onWait?: (ms: number) => void): Promise<RetryOutcome<T>> {
    let waitedMs = 0;
    for (let n = 1; ; n++) {
      throwIfAborted(signal);
      try {
        return { value: await attempt({ attempt: firstAttempt + n - 1 }), attempts: n, waitedMs };
      } catch (err) {
        if (err instanceof CancelledError || !isRetryable(err)) throw err;
        if (n >= this.settings.maxAttempts) throw new RetriesExhaustedError(err, n, waitedMs);
        const wait = err.retryAfterMs ?? backoffDelayMs(n, this.settings, this.random);
        if (waitedMs + wait > this.settings.maxTotalWaitMs) throw new RetriesExhaustedError(err, n, waitedMs);
        onWait?.(wait);
        await this.clock.sleep(wait, signal);
        waitedMs += wait;
      }
    }
  }
}
