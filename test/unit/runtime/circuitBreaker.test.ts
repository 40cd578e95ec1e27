import * as assert from 'node:assert/strict';
import type { BreakerChange } from '../../../src/core/runtime/circuitBreaker';
import { CircuitBreaker } from '../../../src/core/runtime/circuitBreaker';
import { BreakerOpenError } from '../../../src/core/runtime/errors';
import { FakeClock } from './fakeClock';

describe('circuit breaker', () => {
  function setup(): { clock: FakeClock; breaker: CircuitBreaker; changes: string[] } {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 10_000 }, clock);
    const changes: string[] = [];
    breaker.onChange((c: BreakerChange) => changes.push(`${c.model}:${c.from}->${c.to}`));
    return { clock, breaker, changes };
  }

  it('opens after N consecutive failures, and only then', () => {
    const { breaker, changes } = setup();
    breaker.failure('anthropic', 'opus');
    breaker.failure('anthropic', 'opus');
    breaker.success('anthropic', 'opus');
    breaker.failure('anthropic', 'opus');
    breaker.failure('anthropic', 'opus');
    assert.equal(breaker.state('anthropic', 'opus'), 'closed');
    breaker.failure('anthropic', 'opus');
    assert.equal(breaker.state('anthropic', 'opus'), 'open');
    assert.deepEqual(changes, ['opus:closed->open']);
    assert.throws(() => breaker.admit('anthropic', 'opus'), (e: unknown) => e instanceof BreakerOpenError && e.retryInMs === 10_000 && /paused for 10 s/.test(e.message));
  });

  it('keeps circuits separate per provider and model', () => {
    const { breaker } = setup();
    for (let i = 0; i < 3; i++) breaker.failure('anthropic', 'opus');
    assert.equal(breaker.state('anthropic', 'sonnet'), 'closed');
    assert.equal(breaker.state('openai', 'opus'), 'closed');
    breaker.admit('anthropic', 'sonnet');
  });

  it('goes half-open after the cool-down, lets one trial through, and closes on success', () => {
    const { clock, breaker, changes } = setup();
    for (let i = 0; i < 3; i++) breaker.failure('openai', 'gpt');
    clock.time += 9_999;
    assert.equal(breaker.state('openai', 'gpt'), 'open');
    clock.time += 1;
    assert.equal(breaker.state('openai', 'gpt'), 'half-open');
    breaker.admit('openai', 'gpt');
    assert.throws(() => breaker.admit('openai', 'gpt'), BreakerOpenError);
    breaker.success('openai', 'gpt');
    assert.equal(breaker.state('openai', 'gpt'), 'closed');
    assert.deepEqual(changes, ['gpt:closed->open', 'gpt:open->half-open', 'gpt:half-open->closed']);
  });

  it('reopens on a failed trial, with a fresh cool-down', () => {
    const { clock, breaker, changes } = setup();
    for (let i = 0; i < 3; i++) breaker.failure('openai', 'gpt');
    clock.time += 10_000;
    breaker.admit('openai', 'gpt');
    breaker.failure('openai', 'gpt');
    assert.equal(breaker.state('openai', 'gpt'), 'open');
    clock.time += 5_000;
    assert.equal(breaker.state('openai', 'gpt'), 'open');
    clock.time += 5_000;
    assert.equal(breaker.state('openai', 'gpt'), 'half-open');
    assert.deepEqual(changes, ['gpt:closed->open', 'gpt:open->half-open', 'gpt:half-open->open', 'gpt:open->half-open']);
  });

  it('stops notifying a listener once unsubscribed', () => {
    const { breaker } = setup();
    const seen: string[] = [];
    const off = breaker.onChange((c) => seen.push(c.to));
    for (let i = 0; i < 3; i++) breaker.failure('a', 'm');
    off();
    breaker.success('a', 'm');
    assert.deepEqual(seen, ['open']);
  });
});
