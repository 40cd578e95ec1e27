// Stops hammering a provider+model that keeps failing, so the user gets an immediate answer
// (or a fallback) instead of another round of retries. Only transient failures count: a 400 or
// 401 says the service is up and the request is wrong, so it counts as the service answering.
import type { Clock } from './clock';
import { BreakerOpenError } from './errors';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerSettings {
  /** Consecutive transient failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through (half-open). */
  coolDownMs: number;
}

export const defaultBreakerSettings: BreakerSettings = { failureThreshold: 5, coolDownMs: 30_000 };

export interface BreakerChange {
  provider: string;
  model: string;
  from: BreakerState;
  to: BreakerState;
  at: number;
}

interface Circuit {
  state: BreakerState;
  failures: number;
  openedAt: number;
  trialInFlight: boolean;
}

export class CircuitBreaker {
  private readonly circuits = new Map<string, Circuit>();
  private readonly listeners = new Set<(change: BreakerChange) => void>();

  constructor(readonly settings: BreakerSettings, private readonly clock: Clock) {}

  /** The state now; an open circuit whose cool-down has passed reads as half-open. */
  state(provider: string, model: string): BreakerState {
    const c = this.circuits.get(key(provider, model));
    if (!c) return 'closed';
    if (c.state === 'open' && this.clock.now() - c.openedAt >= this.settings.coolDownMs) this.move(provider, model, c, 'half-open');
    return c.state;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: (change: BreakerChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Throws BreakerOpenError when the call may not go through now. */
  admit(provider: string, model: string): void {
    const state = this.state(provider, model);
    const c = this.circuit(provider, model);
    if (state === 'closed') return;
    if (state === 'half-open' && !c.trialInFlight) {
      c.trialInFlight = true;
      return;
    }
    const retryIn = state === 'open' ? this.settings.coolDownMs - (this.clock.now() - c.openedAt) : this.settings.coolDownMs;
    throw new BreakerOpenError(provider, model, Math.max(0, retryIn));
  }

  success(provider: string, model: string): void {
    const c = this.circuit(provider, model);
    c.failures = 0;
    c.trialInFlight = false;
    if (c.state !== 'closed') this.move(provider, model, c, 'closed');
  }

  /** Ends a half-open trial that said nothing about the service (cancelled, no key): the next call may try again. */
  release(provider: string, model: string): void {
    this.circuit(provider, model).trialInFlight = false;
  }

  failure(provider: string, model: string): void {
    const c = this.circuit(provider, model);
    c.failures++;
    c.trialInFlight = false;
    if (c.state === 'half-open' || (c.state === 'closed' && c.failures >= this.settings.failureThreshold)) {
      c.openedAt = this.clock.now();
      this.move(provider, model, c, 'open');
    }
  }

  private circuit(provider: string, model: string): Circuit {
    const k = key(provider, model);
    let c = this.circuits.get(k);
    if (!c) {
      c = { state: 'closed', failures: 0, openedAt: 0, trialInFlight: false };
      this.circuits.set(k, c);
    }
    return c;
  }

  private move(provider: string, model: string, c: Circuit, to: BreakerState): void {
    const from = c.state;
    c.state = to;
    const change: BreakerChange = { provider, model, from, to, at: this.clock.now() };
    for (const l of this.listeners) l(change);
  }
}

function key(provider: string, model: string): string {
  return `${provider}\u0000${model}`;
}
