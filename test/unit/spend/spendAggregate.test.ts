import * as assert from 'node:assert/strict';
import { SpendAggregate } from '../../../src/core/spend/spendAggregate';
import { buildSnapshot, type SnapshotInput } from '../../../src/core/spend/spendSnapshot';
import { cachedReadSavingFromCatalog } from '../../../src/core/spend/promptCacheSaving';
import { builtinCatalog, findModel } from '../../../src/core/pricing/catalog';
import type { SpendQuery } from '../../../src/core/protocol/spendMessages';
import { spendRecord } from './spendRecords';

const NOW = Date.parse('2026-11-24T15:30:00Z');

function snapshot(aggregate: SpendAggregate, query: SpendQuery, extra: Partial<SnapshotInput> = {}) {
  return buildSnapshot({ aggregate, skippedLines: 0, query, nowMs: NOW, cachedReadSaving: () => 0, caps: [], hardStop: true, ...extra });
}

function mixedRecords() {
  return [
    spendRecord('2026-11-24T10:00:00Z', { costUsd: 0.5, provider: 'anthropic', model: 'claude-sonnet-4-5', tag: 'triage' }),
    // A call retried twice, then answered by a fallback on the third attempt.
    spendRecord('2026-11-24T11:00:00Z', { callId: 'r', costUsd: 0, errorCode: 'http_529', model: 'claude-opus-4-5', provider: 'anthropic' }),
    spendRecord('2026-11-24T11:00:01Z', { callId: 'r', costUsd: 0, attempt: 2, errorCode: 'http_529', model: 'claude-opus-4-5', provider: 'anthropic' }),
    spendRecord('2026-11-24T11:00:02Z', { callId: 'r', costUsd: 0.2, attempt: 3, model: 'claude-sonnet-4-5', provider: 'anthropic', fallbackFrom: 'anthropic:claude-opus-4-5' }),
    spendRecord('2026-11-24T12:00:00Z', { attempt: 0, cacheHit: true, costUsd: 0, savingUsd: 0.3, cachedInputTokens: 999 }),
    spendRecord('2026-11-23T12:00:00Z', { costUsd: 1, source: 'proxy', tag: 'batch,"nightly"', cachedInputTokens: 1_000_000 }),
    spendRecord('2026-11-23T13:00:00Z', { costUsd: null, model: 'my-local-model' }),
  ];
}

describe('spend aggregate', () => {
  it('totals by provider, model, source and tag, with calls, retries, fallbacks and errors', () => {
    const agg = new SpendAggregate();
    for (const r of mixedRecords()) agg.fold(r);
    const s = snapshot(agg, { range: '7d', bucket: 'day' });
    assert.equal(s.totals.costUsd.toFixed(6), '1.700000');
    assert.equal(s.totals.attempts, 7);
    assert.equal(s.totals.calls, 5, 'first attempts and cache hits are calls; attempts 2 and 3 are not');
    assert.equal(s.totals.retries, 2);
    assert.equal(s.totals.fallbacks, 1);
    assert.equal(s.totals.errors, 2);
    assert.equal(s.totals.unpriced, 1);
    assert.equal(s.totals.cacheHits, 1);
    assert.equal(s.totals.cacheHitRate, 1 / 5);
    assert.equal(s.totals.cacheSavingUsd, 0.3);
    assert.equal(s.totals.cachedInputTokens, 1_000_000, 'a cache hit sent nothing, so its cached tokens are not prompt-cache reads');
    const byKey = (id: keyof typeof s.tables) => Object.fromEntries(s.tables[id].map((r) => [r.key, r.costUsd]));
    assert.deepEqual(byKey('provider'), { openai: 1, anthropic: 0.7 });
    assert.equal(byKey('model')['claude-sonnet-4-5'], 0.7);
    assert.deepEqual(byKey('source'), { proxy: 1, playground: 0.7 });
    assert.deepEqual(Object.keys(byKey('tag')), ['batch,"nightly"', 'triage']);
    assert.deepEqual(s.tables.error.map((r) => [r.key, r.errors]), [['http_529', 2]]);
    assert.equal(s.tables.source[0]?.share, 1 / 1.7);
    assert.match(s.notes.join(' '), /1 attempts used a model with no known price/);
  });

  it('buckets the series by UTC day and filters by range', () => {
    const agg = new SpendAggregate();
    for (const r of mixedRecords()) agg.fold(r);
    agg.fold(spendRecord('2026-10-01T00:00:00Z', { costUsd: 5 }));
    const week = snapshot(agg, { range: '7d', bucket: 'day' });
    assert.equal(week.series.start.length, 7);
    assert.equal(new Date((week.series.start[0] as number) * 1000).toISOString(), '2026-11-18T00:00:00.000Z');
    assert.deepEqual(week.series.costUsd.map((v) => Number(v.toFixed(6))), [0, 0, 0, 0, 0, 1, 0.7]);
    assert.deepEqual(week.series.calls.slice(5), [2, 3]);
    const day = snapshot(agg, { range: '24h', bucket: 'auto' });
    assert.equal(day.granularity, 'hour');
    assert.equal(day.series.start.length, 24);
    assert.equal(day.totals.costUsd.toFixed(6), '0.700000', 'yesterday 15:00 onwards only: the 12:00 and 13:00 records are out');
    const all = snapshot(agg, { range: 'all', bucket: 'month' });
    assert.deepEqual(all.series.costUsd.map((v) => Number(v.toFixed(6))), [5, 1.7]);
    assert.equal(all.totals.costUsd.toFixed(6), '6.700000');
  });

  it('folding new records into an aggregate equals aggregating them all at once', () => {
    const records = mixedRecords();
    const whole = new SpendAggregate();
    for (const r of records) whole.fold(r);
    const incremental = new SpendAggregate();
    for (const r of records.slice(0, 3)) incremental.fold(r);
    snapshot(incremental, { range: 'all', bucket: 'day' }); // a snapshot in between must not change the aggregate
    for (const r of records.slice(3).reverse()) incremental.fold(r); // and order does not matter
    assert.deepEqual(snapshot(incremental, { range: 'all', bucket: 'day' }), snapshot(whole, { range: 'all', bucket: 'day' }));
  });

  it('prices prompt-cache savings as input minus cache-read price from the catalog', () => {
    const catalog = builtinCatalog();
    const prices = findModel(catalog, 'gpt-4o')?.prices;
    assert.ok(prices?.cachedInput !== undefined);
    const agg = new SpendAggregate();
    agg.fold(spendRecord('2026-11-24T10:00:00Z', { cachedInputTokens: 2_000_000 }));
    agg.fold(spendRecord('2026-11-24T10:00:00Z', { model: 'unknown-model', cachedInputTokens: 5_000_000 }));
    const s = snapshot(agg, { range: '24h', bucket: 'auto' }, { cachedReadSaving: cachedReadSavingFromCatalog(catalog) });
    assert.equal(s.totals.promptCacheSavingUsd.toFixed(6), (2 * (prices.input - prices.cachedInput)).toFixed(6));
    assert.equal(s.series.savingUsd.reduce((a, b) => a + b, 0).toFixed(6), s.totals.promptCacheSavingUsd.toFixed(6));
  });

  it('answers the budget periods the way the guard counts them (UTC day, month, per workspace)', () => {
    const agg = new SpendAggregate();
    agg.fold(spendRecord('2026-11-24T00:00:00Z', { costUsd: 1 }));
    agg.fold(spendRecord('2026-11-23T23:59:59.999Z', { costUsd: 2, workspace: 'other' }));
    agg.fold(spendRecord('2026-10-31T23:00:00Z', { costUsd: 4 }));
    assert.equal(agg.spentUsd('day', NOW), 1);
    assert.equal(agg.spentUsd('month', NOW), 3);
    assert.equal(agg.spentUsd('month', NOW, 'demo'), 1);
    assert.equal(agg.spentUsd('month', NOW, 'other'), 2);
  });

  it('folds the rest into one "other" row after the top N', () => {
    const agg = new SpendAggregate();
    for (let i = 0; i < 12; i++) agg.fold(spendRecord('2026-11-24T10:00:00Z', { model: `m${String(i).padStart(2, '0')}`, costUsd: i + 1 }));
    const rows = snapshot(agg, { range: '24h', bucket: 'auto' }, { topN: 3 }).tables.model;
    assert.deepEqual(rows.map((r) => r.key), ['m11', 'm10', 'm09', 'other (9)']);
    assert.equal(rows[3]?.costUsd, 45);
  });
});
