import type { Clock } from '../../../src/core/runtime/clock';
import { CancelledError } from '../../../src/core/runtime/clock';

interface Timer {
  at: number;
  resolve(): void;
}

/**
 * A clock for tests. In auto mode every sleep advances time at once (and is recorded), so a
 * whole retry schedule runs in microseconds; in manual mode sleeps wait for advance().
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];

  constructor(public time = Date.UTC(2026, 10, 24, 12, 0, 0), private readonly auto = true) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.auto) {
      this.time += ms;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.time + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new CancelledError());
      }, { once: true });
    });
  }

  /** Manual mode: moves time forward and wakes the sleepers that are due. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.resolve();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }

  get pendingSleeps(): number {
    return this.timers.length;
  }
}

/** A deterministic [0, 1) source that replays `values` in a loop. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] as number;
}
