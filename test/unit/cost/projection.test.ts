import * as assert from 'node:assert/strict';
import { daysPerMonth, monthlyCostUsd, parseCallRate } from '../../../src/core/cost/projection';

describe('monthly projection', () => {
  it('is cost per call x calls per day x 30 days', () => {
    assert.equal(daysPerMonth, 30);
    assert.equal(monthlyCostUsd(0.04125, 2000), 2475);
    assert.equal(monthlyCostUsd(0.01, 0), 0);
  });

  it('parses call-rate comments in every unit', () => {
    assert.deepEqual(parseCallRate('// tokenwise: 2000/day'), { count: 2000, per: 'day', callsPerDay: 2000 });
    assert.deepEqual(parseCallRate('# tokenwise: 50/hour'), { count: 50, per: 'hour', callsPerDay: 1200 });
    assert.deepEqual(parseCallRate('/* tokenwise: 3 / min */'), { count: 3, per: 'min', callsPerDay: 4320 });
    assert.deepEqual(parseCallRate('tokenwise: 60,000/month'), { count: 60_000, per: 'month', callsPerDay: 2000 });
    assert.equal(parseCallRate('// Tokenwise: 1.5k calls per hour')?.callsPerDay, 36_000);
    assert.equal(parseCallRate('// tokenwise: 2_000/d')?.callsPerDay, 2000);
  });

  it('returns undefined for text without a rate', () => {
    for (const text of ['// 2000/day', '// tokenwise: lots/day', '// tokenwise: 20/fortnight', '// tokenwise: ignore']) assert.equal(parseCallRate(text), undefined, text);
  });
});
