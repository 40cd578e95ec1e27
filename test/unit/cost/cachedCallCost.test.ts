import * as assert from 'node:assert/strict';
import { expectedCallCostUsd, priceCachedCall } from '../../../src/core/cost/cachedCallCost';
import { builtinCatalog, findModel } from '../../../src/core/pricing/catalog';
import type { ModelEntry } from '../../../src/core/pricing/catalogSchema';

// claude-sonnet-4-5 (catalog, Anthropic pricing page as of 2026-11-24): input $3, 5-min write
// $3.75, 1-hour write $6, cache read $0.30, output $15 per 1M tokens.
const sonnet: ModelEntry = findModel(builtinCatalog(), 'claude-sonnet-4-5')!;

describe('priceCachedCall', () => {
  it('writes a 5-minute prefix on the first call and reads it on warm calls', () => {
    // 5,000 prompt tokens, 3,000 of them cached: 2,000 x $3 = $0.006 uncached, 500 x $15 = $0.0075 output.
    const cost = priceCachedCall(sonnet, { promptTokens: 5000, segments: [{ tokens: 3000, ttl: '5m', reusable: true }], outputTokens: 500 });
    // First: + 3,000 x $3.75 = $0.01125.
    assert.deepEqual(cost.first.breakdown, { input: 0.006, cachedInput: 0, cacheWrite5m: 0.01125, cacheWrite1h: 0, output: 0.0075 });
    assert.equal(cost.first.costUsd, 0.02475);
    // Warm: + 3,000 x $0.30 = $0.0009.
    assert.deepEqual(cost.warm.breakdown, { input: 0.006, cachedInput: 0.0009, cacheWrite5m: 0, cacheWrite1h: 0, output: 0.0075 });
    assert.equal(cost.warm.costUsd, 0.0144);
    assert.equal(cost.warm.promptTokens, 5000);
  });

  it('prices a 1-hour prefix at the 1-hour write price', () => {
    const cost = priceCachedCall(sonnet, { promptTokens: 5000, segments: [{ tokens: 3000, ttl: '1h', reusable: true }], outputTokens: 500 });
    // 3,000 x $6 = $0.018.
    assert.equal(cost.first.breakdown.cacheWrite1h, 0.018);
    assert.equal(cost.first.costUsd, 0.0315);
    assert.equal(cost.warm.costUsd, 0.0144);
  });

  it('halves first and warm calls in a batch, cache reads and writes included', () => {
    const cost = priceCachedCall(sonnet, { promptTokens: 5000, segments: [{ tokens: 3000, ttl: '5m', reusable: true }], outputTokens: 500, batch: true });
    assert.equal(cost.first.costUsd, 0.012375);
    assert.equal(cost.warm.costUsd, 0.0072);
  });

  it('writes a segment after changing content on every call, warm ones too', () => {
    const cost = priceCachedCall(sonnet, {
      promptTokens: 5000,
      segments: [{ tokens: 2000, ttl: '5m', reusable: true }, { tokens: 1000, ttl: '5m', reusable: false }],
      outputTokens: 500,
    });
    // Warm: $0.006 + 2,000 x $0.30 = $0.0006 + 1,000 x $3.75 = $0.00375 + $0.0075.
    assert.deepEqual(cost.warm.breakdown, { input: 0.006, cachedInput: 0.0006, cacheWrite5m: 0.00375, cacheWrite1h: 0, output: 0.0075 });
    assert.equal(cost.warm.costUsd, 0.01785);
    assert.equal(cost.first.costUsd, 0.02475);
  });

  it('expects the share of calls that miss each TTL to write it again', () => {
    // 1-hour tools+system (2,000) then a 5-minute segment (1,000), 2,000 uncached, 500 output.
    const cost = priceCachedCall(sonnet, {
      promptTokens: 5000,
      segments: [{ tokens: 2000, ttl: '1h', reusable: true }, { tokens: 1000, ttl: '5m', reusable: true }],
      outputTokens: 500,
    });
    assert.equal(cost.warm.costUsd, 0.0144);
    // 5-minute miss: $0.006 + 2,000 x $0.30 + 1,000 x $3.75 + $0.0075 = $0.01785.
    assert.equal(cost.missed5m.costUsd, 0.01785);
    // Cold: $0.006 + 2,000 x $6 + 1,000 x $3.75 + $0.0075 = $0.02925.
    assert.equal(cost.first.costUsd, 0.02925);
    // Half the calls miss the 5-minute entry, a quarter the 1-hour one (and so the 5-minute one too):
    // $0.0144 + 0.5 x $0.00345 + 0.25 x $0.0114 = $0.018975.
    assert.ok(Math.abs(expectedCallCostUsd(cost, { '5m': 0.5, '1h': 0.25 }) - 0.018975) < 1e-15);
    assert.equal(expectedCallCostUsd(cost, { '5m': 0, '1h': 0 }), cost.warm.costUsd);
    assert.ok(Math.abs(expectedCallCostUsd(cost, { '5m': 1, '1h': 1 }) - cost.first.costUsd) < 1e-15);
  });

  it('picks the long-context tier by the whole prompt, cached tokens included', () => {
    // 150,000 uncached + 60,000 cached > 200K: the cache read costs $0.60/M and the input $6/M.
    const cost = priceCachedCall(sonnet, { promptTokens: 210_000, segments: [{ tokens: 60_000, ttl: '5m', reusable: true }], outputTokens: 1000 });
    assert.equal(cost.warm.longContext, true);
    assert.equal(cost.warm.costUsd, 0.9585);
  });

  it('refuses more cached tokens than the prompt has', () => {
    assert.throws(() => priceCachedCall(sonnet, { promptTokens: 10, segments: [{ tokens: 11, ttl: '5m', reusable: true }], outputTokens: 0 }), RangeError);
  });
});
