// Time is injected so that every wait (backoff, retry-after, rate limiting, breaker cool-down)
// can be driven by a fake clock in tests: the suite asserts exact schedules without sleeping.

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with a CancelledError as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Thrown when the caller's AbortSignal fires while a call waits or runs. */
export class CancelledError extends Error {
  readonly code = 'cancelled';
  constructor(message = 'the request was cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
