import * as assert from 'node:assert/strict';
import { BudgetGuard } from '../../../src/core/runtime/budget';
import type { SpendSource } from '../../../src/core/runtime/budget';
import { BudgetExceededError } from '../../../src/core/runtime/errors';
import { FakeClock } from './fakeClock';

function spend(day: Record<string, number>, month: Record<string, number>): SpendSource {
  return { spentUsd: (period, _now, ws) => (period === 'day' ? day : month)[ws ?? '*'] ?? 0 };
}

describe('budget guard', () => {
  const clock = new FakeClock();

  it('passes below the caps with no warning', () => {
    const guard = new BudgetGuard({ global: { dailyUsd: 10, monthlyUsd: 100 } }, spend({ '*': 7.99 }, { '*': 50 }), clock);
    guard.check(undefined, false);
    assert.equal(guard.warning(undefined), undefined);
  });

  it('warns from 80% of a cap, reporting the most used one', () => {
    const guard = new BudgetGuard({ global: { dailyUsd: 10, monthlyUsd: 100 } }, spend({ '*': 8 }, { '*': 95 }), clock);
    guard.check(undefined, false);
    const w = guard.warning(undefined);
    assert.equal(w?.period, 'month');
    assert.equal(w?.fraction, 0.95);
    assert.equal(w?.message, '95% of the global monthly budget ($95.00 of $100.00) is used');
  });

  it('blocks at 100% with a typed error that says how to go on', () => {
    const guard = new BudgetGuard({ global: { dailyUsd: 10 } }, spend({ '*': 10 }, {}), clock);
    assert.throws(() => guard.check(undefined, false), (e: unknown) =>
      e instanceof BudgetExceededError && e.scope === 'global' && e.period === 'day' && e.capUsd === 10 &&
      /global daily budget of \$10.00 is used up/.test(e.message) && /override/.test(e.message));
  });

  it('lets a one-time override through a full budget', () => {
    const guard = new BudgetGuard({ global: { dailyUsd: 10 } }, spend({ '*': 12 }, {}), clock);
    guard.check(undefined, true);
  });

  it('applies per-workspace caps to that workspace spend only', () => {
    const guard = new BudgetGuard({ perWorkspace: { monthlyUsd: 5 } }, spend({}, { '*': 50, ws1: 5, ws2: 1 }), clock);
    assert.throws(() => guard.check('ws1', false), (e: unknown) => e instanceof BudgetExceededError && e.scope === 'workspace' && e.period === 'month');
    guard.check('ws2', false);
    guard.check(undefined, false);
  });

  it('only warns, never blocks, when the hard stop is off', () => {
    const guard = new BudgetGuard({ global: { dailyUsd: 10 }, perWorkspace: { monthlyUsd: 5 }, hardStop: false }, spend({ '*': 12 }, { ws1: 6 }), clock);
    guard.check(undefined, false);
    guard.check('ws1', false);
    const w = guard.warning(undefined);
    assert.equal(w?.fraction, 1.2);
    assert.equal(w?.message, '120% of the global daily budget ($12.00 of $10.00) is used (not blocking: tokenwise.budget.hardStop is off)');
    assert.equal(guard.warning('ws1')?.fraction, 1.2);
  });

  it('blocks at 100% when the hard stop is explicitly on', () => {
    const guard = new BudgetGuard({ global: { dailyUsd: 10 }, hardStop: true }, spend({ '*': 10 }, {}), clock);
    assert.throws(() => guard.check(undefined, false), BudgetExceededError);
  });
});
