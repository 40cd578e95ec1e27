import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinCatalog, findModel, priceProvenance } from '../../../src/core/pricing/catalog';
import { LiteLLMFormatError, mergeLiteLLM } from '../../../src/core/pricing/mergeLiteLLM';

export const litellmPath = path.join(__dirname, '../../../..', '..', 'shared', 'data', 'litellm-model-prices-2026-07-24.json');
const litellm: unknown = JSON.parse(fs.readFileSync(litellmPath, 'utf8'));
const options = { asOf: '2026-07-24', source: 'LiteLLM 2026-07-24' };

describe('mergeLiteLLM', () => {
  const result = mergeLiteLLM(builtinCatalog(), litellm, options);

  it('rejects the known LiteLLM errors with the reason', () => {
    const haiku = result.rejections.find((r) => r.name === 'claude-3-haiku-20240307');
    const opus = result.rejections.find((r) => r.name === 'claude-3-opus-20240229');
    assert.match(haiku?.reason ?? '', /cacheWrite1h \$6\/M is 24x input \$0\.25\/M; expected 2x/);
    assert.match(opus?.reason ?? '', /cacheWrite1h \$6\/M is 0\.4x input \$15\/M; expected 2x/);
    assert.equal(findModel(result.catalog, 'claude-3-haiku')?.prices.cacheWrite1h, 0.5);
    assert.equal(findModel(result.catalog, 'claude-3-opus')?.prices.cacheWrite1h, 30);
  });

  it('adds models the catalog lacks, with the file as source and date', () => {
    const fable = findModel(result.catalog, 'claude-fable-5');
    assert.ok(fable);
    assert.deepEqual(fable.prices, { input: 10, output: 50, cachedInput: 1, cacheWrite5m: 12.5, cacheWrite1h: 20 });
    assert.deepEqual(fable.tokenizer, { kind: 'claude', generation: 'claude-5' });
    assert.equal(fable.minCacheableTokens, 512);
    assert.equal(fable.source, options.source);
    assert.equal(fable.asOf, options.asOf);
    const terra = findModel(result.catalog, 'gpt-5.6-terra');
    assert.deepEqual(terra?.prices, { input: 2.5, output: 15, cachedInput: 0.25, cacheWrite5m: 3.125 });
    assert.deepEqual(terra?.longContext?.aboveTokens, 272_000);
    assert.equal(terra?.flexMultiplier, 0.5);
    assert.ok(result.changes.some((c) => c.kind === 'added' && c.model === 'claude-fable-5' && c.provider === 'anthropic'));
  });

  it('files a dated name with the same prices as a snapshot of its model', () => {
    assert.equal(findModel(result.catalog, 'gpt-5.4-nano-2026-03-17')?.id, 'gpt-5.4-nano');
    assert.ok(result.changes.some((c) => c.kind === 'added' && c.model === 'gpt-5.4-nano-2026-03-17' && c.snapshotOf === 'gpt-5.4-nano'));
  });

  it('keeps only OpenAI and Anthropic text models', () => {
    assert.equal(findModel(result.catalog, 'gpt-image-1'), undefined);
    assert.ok(result.catalog.models.every((m) => m.provider === 'openai' || m.provider === 'anthropic'));
    assert.equal(findModel(result.catalog, 'ft:gpt-4o-2024-08-06'), undefined);
  });

  it('does not let an older file overwrite newer catalog figures', () => {
    const older = mergeLiteLLM(builtinCatalog(), { 'gpt-4o': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 5e-6, output_cost_per_token: 2e-5, cache_read_input_token_cost: 2.5e-6 } }, options);
    assert.equal(findModel(older.catalog, 'gpt-4o')?.prices.input, 2.5);
    assert.deepEqual(older.changes, []);
    assert.deepEqual(older.kept.map((k) => [k.field, k.ours, k.theirs]), [['prices.input', 2.5, 5], ['prices.cachedInput', 1.25, 2.5], ['prices.output', 10, 20]]);
  });

  it('changes a price from a newer file and stores the file as the source of that number', () => {
    const newer = { asOf: '2026-12-01', source: 'prices-2026-12-01.json' };
    const merged = mergeLiteLLM(builtinCatalog(), { 'claude-haiku-4-5-20251001': { litellm_provider: 'anthropic', mode: 'chat', input_cost_per_token: 8e-7, output_cost_per_token: 4e-6, cache_read_input_token_cost: 8e-8, cache_creation_input_token_cost: 1e-6, cache_creation_input_token_cost_above_1hr: 1.6e-6 } }, newer);
    const haiku = findModel(merged.catalog, 'claude-haiku-4-5');
    assert.deepEqual(haiku?.prices, { input: 0.8, cacheWrite5m: 1, cacheWrite1h: 1.6, cachedInput: 0.08, output: 4 });
    assert.deepEqual(haiku?.fieldSources?.['prices.input'], newer);
    assert.deepEqual(merged.changes.find((c) => c.kind === 'changed' && c.field === 'prices.input'), { kind: 'changed', model: 'claude-haiku-4-5', field: 'prices.input', old: 1, new: 0.8 });
    assert.equal(merged.changes.length, 5);
    assert.equal(priceProvenance(haiku!).asOf, '2026-12-01');
    assert.equal(findModel(builtinCatalog(), 'claude-haiku-4-5')?.prices.input, 1, 'the input catalog is not mutated');
  });

  it('takes a long-context tier the catalog lacks only from a file newer than the entry', () => {
    const file = { 'gpt-5': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 1.25e-6, output_cost_per_token: 1e-5, cache_read_input_token_cost: 1.25e-7,
      input_cost_per_token_above_272k_tokens: 2.5e-6, cache_read_input_token_cost_above_272k_tokens: 2.5e-7, output_cost_per_token_above_272k_tokens: 1.5e-5 } };
    const older = mergeLiteLLM(builtinCatalog(), file, options);
    assert.equal(findModel(older.catalog, 'gpt-5')?.longContext, undefined);
    assert.deepEqual(older.kept.map((k) => [k.field, k.ours, k.theirs]), [['longContext.prices.input', undefined, 2.5], ['longContext.prices.cachedInput', undefined, 0.25], ['longContext.prices.output', undefined, 15]]);
    const newer = mergeLiteLLM(builtinCatalog(), file, { asOf: '2026-12-01', source: 'newer' });
    assert.deepEqual(findModel(newer.catalog, 'gpt-5')?.longContext, { aboveTokens: 272_000, prices: { input: 2.5, output: 15, cachedInput: 0.25 } });
    assert.deepEqual(findModel(newer.catalog, 'gpt-5')?.fieldSources?.longContext, { asOf: '2026-12-01', source: 'newer' });
    assert.equal(newer.changes.length, 3);
  });

  it('rejects an update that would break the ratio rules of the merged entry', () => {
    const newer = { asOf: '2026-12-01', source: 'x' };
    // Only the input price moves: the entry's cache prices would no longer be 1.25x/2x/0.1x of it.
    const merged = mergeLiteLLM(builtinCatalog(), { 'claude-haiku-4-5': { litellm_provider: 'anthropic', input_cost_per_token: 2e-6, output_cost_per_token: 5e-6 } }, newer);
    assert.match(merged.rejections[0]?.reason ?? '', /merged into claude-haiku-4-5 it would break/);
    assert.equal(findModel(merged.catalog, 'claude-haiku-4-5')?.prices.input, 1);
  });

  it('throws on a file that is not a LiteLLM object', () => {
    assert.throws(() => mergeLiteLLM(builtinCatalog(), [1, 2], options), LiteLLMFormatError);
  });
});
