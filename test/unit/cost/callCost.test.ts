import * as assert from 'node:assert/strict';
import { CostError, priceCall } from '../../../src/core/cost/callCost';
import type { TokenCounts } from '../../../src/core/cost/callCost';
import { builtinCatalog, findModel } from '../../../src/core/pricing/catalog';
import type { ModelEntry } from '../../../src/core/pricing/catalogSchema';

const model = (name: string): ModelEntry => findModel(builtinCatalog(), name)!;
const none: TokenCounts = { inputTokens: 0, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 0 };
const tokens = (t: Partial<TokenCounts>): TokenCounts => ({ ...none, ...t });

describe('priceCall', () => {
  it('prices each kind of Anthropic token, 1-hour writes included', () => {
    // 1,000 x $3 + 50,000 x $0.30 + 1,000 x $3.75 + 2,000 x $6 + 500 x $15, per 1M.
    const cost = priceCall(model('claude-sonnet-4-5'), tokens({ inputTokens: 1000, cachedInputTokens: 50_000, cacheWrite5mTokens: 1000, cacheWrite1hTokens: 2000, outputTokens: 500 }));
    assert.deepEqual(cost.breakdown, { input: 0.003, cachedInput: 0.015, cacheWrite5m: 0.00375, cacheWrite1h: 0.012, output: 0.0075 });
    assert.equal(cost.costUsd, 0.04125);
    assert.equal(cost.promptTokens, 54_000);
    assert.equal(cost.longContext, false);
  });

  it('halves everything in a batch, cache reads and writes included (Anthropic)', () => {
    const cost = priceCall(model('claude-sonnet-4-5'), tokens({ inputTokens: 1000, cachedInputTokens: 50_000, cacheWrite5mTokens: 1000, cacheWrite1hTokens: 2000, outputTokens: 500, batch: true }));
    assert.deepEqual(cost.breakdown, { input: 0.0015, cachedInput: 0.0075, cacheWrite5m: 0.001875, cacheWrite1h: 0.006, output: 0.00375 });
    assert.equal(cost.costUsd, 0.020625);
  });

  it('picks the long-context tier by the whole prompt, cached tokens included, strictly above the threshold', () => {
    // 150,000 uncached + 60,000 cached = 210,000 > 200K: every token at the long-context rates.
    const above = priceCall(model('claude-sonnet-4-5'), tokens({ inputTokens: 150_000, cachedInputTokens: 60_000, outputTokens: 1000 }));
    assert.equal(above.longContext, true);
    assert.deepEqual(above.breakdown, { input: 0.9, cachedInput: 0.036, cacheWrite5m: 0, cacheWrite1h: 0, output: 0.0225 });
    assert.equal(above.costUsd, 0.9585);
    const at = priceCall(model('claude-sonnet-4-5'), tokens({ inputTokens: 140_000, cachedInputTokens: 60_000, outputTokens: 1000 }));
    assert.equal(at.longContext, false);
    assert.equal(at.costUsd, 0.453);
  });

  it('applies the gpt-5.4 tier above 272K input tokens and the Haiku 5.5 tier above 100K', () => {
    const gpt = priceCall(model('gpt-5.4'), tokens({ inputTokens: 200_000, cachedInputTokens: 100_000, outputTokens: 2000 }));
    assert.deepEqual(gpt.breakdown, { input: 1, cachedInput: 0.05, cacheWrite5m: 0, cacheWrite1h: 0, output: 0.045 });
    assert.equal(gpt.costUsd, 1.095);
    const haiku = priceCall(model('claude-haiku-5-5'), tokens({ inputTokens: 100_001, outputTokens: 10 }));
    assert.equal(haiku.costUsd, 0.0500255);
    assert.equal(priceCall(model('claude-haiku-5-5'), tokens({ inputTokens: 100_000, outputTokens: 10 })).costUsd, 0.010005);
  });

  it('prices OpenAI cached input and gpt-5.6+ cache writes', () => {
    const gpt4o = priceCall(model('gpt-4o'), tokens({ inputTokens: 976, cachedInputTokens: 1024, outputTokens: 300 }));
    assert.equal(gpt4o.costUsd, 0.00672);
    const sol = priceCall(model('gpt-5.6-sol'), tokens({ inputTokens: 1000, cachedInputTokens: 4000, cacheWrite5mTokens: 5000, outputTokens: 100 }));
    assert.deepEqual(sol.breakdown, { input: 0.005, cachedInput: 0.002, cacheWrite5m: 0.03125, cacheWrite1h: 0, output: 0.003 });
    assert.equal(sol.costUsd, 0.04125);
  });

  it('applies flex and refuses offers a model does not have', () => {
    assert.equal(priceCall(model('gpt-5'), tokens({ inputTokens: 10_000, outputTokens: 1000, flex: true })).costUsd, 0.01125);
    assert.throws(() => priceCall(model('gpt-4o'), tokens({ inputTokens: 1, flex: true })), (e: Error) => e instanceof CostError && /no flex/.test(e.message));
    assert.throws(() => priceCall(model('o1-mini'), tokens({ inputTokens: 1, batch: true })), /no batch/);
    assert.throws(() => priceCall(model('gpt-5'), tokens({ inputTokens: 1, batch: true, flex: true })), /either batch or flex/);
  });

  it('is exact where float arithmetic drifts', () => {
    // 1,234,567 x $0.005/M = $0.006172835 exactly; 0.1 + 0.2 style errors must not appear.
    assert.equal(priceCall(model('gpt-5-nano'), tokens({ cachedInputTokens: 1_234_567 })).costUsd, 0.006172835);
    assert.equal(priceCall(model('gpt-4o-mini'), tokens({ inputTokens: 1, cachedInputTokens: 1, outputTokens: 1, batch: true })).costUsd, 0.0000004125);
    assert.equal(priceCall(model('claude-opus-4-1'), tokens({ outputTokens: 3_000_000_000 })).costUsd, 225_000);
    // $0.10 + $0.20: a float sum of the parts would give 0.30000000000000004.
    const sum = priceCall(model('gpt-4.1-nano'), tokens({ inputTokens: 1_000_000, outputTokens: 500_000 }));
    assert.deepEqual([sum.breakdown.input, sum.breakdown.output, sum.costUsd], [0.1, 0.2, 0.3]);
  });

  it('bills cache tokens as input when the model has no cache price, and says so', () => {
    const cost = priceCall(model('gpt-4-turbo'), tokens({ cachedInputTokens: 1000 }));
    assert.equal(cost.breakdown.cachedInput, 0.01);
    assert.match(cost.notes[0] ?? '', /no cache-read price/);
  });

  it('rejects negative or fractional counts', () => {
    assert.throws(() => priceCall(model('gpt-4o'), tokens({ inputTokens: -1 })), /inputTokens must be a non-negative integer/);
    assert.throws(() => priceCall(model('gpt-4o'), tokens({ outputTokens: 1.5 })), CostError);
  });
});
