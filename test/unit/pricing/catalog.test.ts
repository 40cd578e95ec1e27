import * as assert from 'node:assert/strict';
import { builtinCatalog, CatalogError, createCatalog, findModel, listModels, priceProvenance, suggestModels } from '../../../src/core/pricing/catalog';
import { builtinCatalogData } from '../../../src/core/pricing/catalogData';
import type { ModelEntry } from '../../../src/core/pricing/catalogSchema';

const catalog = builtinCatalog();
const model = (name: string): ModelEntry => {
  const entry = findModel(catalog, name);
  assert.ok(entry, `${name} is in the catalog`);
  return entry;
};
const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} != ${expected}`);

describe('pricing catalog', () => {
  it('validates the built-in data and covers the models of provider-facts and the seed guides', () => {
    const names = ['claude-opus-5-5', 'claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5', 'claude-opus-4-1',
      'claude-opus-4', 'claude-sonnet-5-5', 'claude-sonnet-5', 'claude-sonnet-4-6', 'claude-sonnet-4-5', 'claude-sonnet-4', 'claude-3-7-sonnet',
      'claude-3-5-sonnet', 'claude-haiku-5-5', 'claude-haiku-4-5', 'claude-3-5-haiku', 'claude-3-haiku', 'claude-3-opus',
      'gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-5', 'gpt-5.1', 'gpt-5-mini', 'gpt-5-nano',
      'gpt-5.2', 'gpt-5.4', 'gpt-5.4-mini', 'gpt-5.5', 'gpt-5.6-sol', 'gpt-6-sol', 'gpt-6-luna', 'gpt-6.1-sol', 'gpt-6.2-sol',
      'o1', 'o1-preview', 'o1-mini', 'o3', 'o3-mini', 'o4-mini', 'gpt-4-turbo', 'gpt-3.5-turbo',
      'text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002'];
    for (const name of names) model(name);
    assert.equal(createCatalog(builtinCatalogData).models.length, builtinCatalogData.length);
  });

  it('does not invent "Claude Haiku 4", which the seed guides name but Anthropic never released', () => {
    for (const name of ['claude-haiku-4', 'claude-4-haiku', 'claude-haiku-4-0']) assert.equal(findModel(catalog, name), undefined);
  });

  it('follows the Anthropic ratios: 5-min write 1.25x, 1-h write 2x, read 0.1x, except the documented models', () => {
    // Documented exceptions (provider-facts.md): Haiku 3 (0.30 / 0.03 on 0.25), Sonnet 5.5 and Opus 5.5 read 0.05x.
    const exceptions: Record<string, { write5m: number; read: number }> = {
      'claude-3-haiku': { write5m: 1.2, read: 0.12 },
      'claude-sonnet-5-5': { write5m: 1.25, read: 0.05 },
      'claude-opus-5-5': { write5m: 1.25, read: 0.05 },
    };
    for (const entry of listModels(catalog, 'anthropic')) {
      const rule = exceptions[entry.id] ?? { write5m: 1.25, read: 0.1 };
      for (const prices of [entry.prices, entry.longContext?.prices].filter((p) => p !== undefined)) {
        assert.ok(prices.cacheWrite5m !== undefined && prices.cacheWrite1h !== undefined && prices.cachedInput !== undefined, `${entry.id} has all cache prices`);
        near(prices.cacheWrite5m, prices.input * rule.write5m, `${entry.id} 5-min write`);
        near(prices.cacheWrite1h, prices.input * 2, `${entry.id} 1-h write`);
        near(prices.cachedInput, prices.input * rule.read, `${entry.id} read`);
      }
      assert.equal(entry.batchMultiplier, 0.5, `${entry.id} batch`);
    }
  });

  it('follows the OpenAI cached-input ratio of each family', () => {
    const families: [RegExp, number][] = [[/^gpt-6\.[12]-/, 0.05], [/^gpt-6-|^gpt-5/, 0.1], [/^gpt-4\.1|^o3$|^o4-mini/, 0.25], [/^gpt-4o|^o1|^o3-mini/, 0.5]];
    let checked = 0;
    for (const entry of listModels(catalog, 'openai')) {
      if (entry.prices.cachedInput === undefined) continue;
      const ratio = families.find(([re]) => re.test(entry.id))?.[1];
      assert.ok(ratio !== undefined, `${entry.id} has a known family`);
      near(entry.prices.cachedInput, entry.prices.input * ratio, `${entry.id} cached input`);
      if (entry.prices.cacheWrite5m !== undefined) near(entry.prices.cacheWrite5m, entry.prices.input * 1.25, `${entry.id} cache write`);
      checked++;
    }
    assert.ok(checked >= 20);
  });

  it('has the published figures for spot-checked models', () => {
    assert.deepEqual(model('claude-sonnet-4-5').longContext, { aboveTokens: 200_000, prices: { input: 6, cacheWrite5m: 7.5, cacheWrite1h: 12, cachedInput: 0.6, output: 22.5 } });
    assert.deepEqual(model('gpt-5.4').longContext, { aboveTokens: 272_000, prices: { input: 5, cachedInput: 0.5, output: 22.5 } });
    assert.deepEqual(model('claude-haiku-5-5').longContext?.aboveTokens, 100_000);
    assert.deepEqual(model('gpt-6.2-sol').longContext?.prices, { input: 4, cachedInput: 0.2, cacheWrite5m: 5, output: 15 });
    assert.deepEqual(model('claude-3-opus').prices, { input: 15, cacheWrite5m: 18.75, cacheWrite1h: 30, cachedInput: 1.5, output: 75 });
    assert.deepEqual(model('gpt-4o-2024-05-13').prices, { input: 5, output: 15 });
    assert.equal(model('gpt-4-turbo').prices.input, 10);
    assert.equal(model('gpt-3.5-turbo').prices.output, 1.5);
    assert.equal(model('text-embedding-3-small').prices.input, 0.02);
  });

  it('records tokenizer generations and encodings', () => {
    assert.deepEqual(model('claude-sonnet-4-6').tokenizer, { kind: 'claude', generation: 'claude-legacy' });
    assert.deepEqual(model('claude-opus-4-7').tokenizer, { kind: 'claude', generation: 'claude-4.7' });
    assert.deepEqual(model('claude-opus-4-8').tokenizer, { kind: 'claude', generation: 'claude-4.7' });
    assert.deepEqual(model('claude-haiku-5-5').tokenizer, { kind: 'claude', generation: 'claude-5' });
    assert.deepEqual(model('gpt-4-turbo').tokenizer, { kind: 'tiktoken', encoding: 'cl100k_base' });
    assert.deepEqual(model('text-embedding-3-large').tokenizer, { kind: 'tiktoken', encoding: 'cl100k_base' });
    assert.deepEqual(model('gpt-4.1-nano').tokenizer, { kind: 'tiktoken', encoding: 'o200k_base' });
    assert.deepEqual(model('o3-mini').tokenizer, { kind: 'tiktoken', encoding: 'o200k_base' });
  });

  it('records minimum cacheable prompts per provider-facts', () => {
    const expected: Record<string, number> = {
      'claude-opus-5': 512, 'claude-opus-4': 1024, 'claude-opus-4-8': 1024, 'claude-sonnet-5': 1024, 'claude-3-7-sonnet': 1024,
      'claude-opus-4-7': 2048, 'claude-3-haiku': 2048, 'claude-3-5-haiku': 2048, 'claude-opus-4-5': 4096, 'claude-opus-4-6': 4096,
      'claude-haiku-4-5': 4096, 'gpt-4o': 1024, 'gpt-5.4': 1024,
    };
    for (const [name, min] of Object.entries(expected)) assert.equal(model(name).minCacheableTokens, min, name);
  });

  it('carries a source and date on every entry', () => {
    for (const entry of catalog.models) {
      assert.ok(entry.source.length > 10, entry.id);
      assert.match(entry.asOf, /^20\d\d-\d\d-\d\d$/);
      assert.ok(entry.asOf <= '2026-11-24', `${entry.id} asOf is not in the future`);
    }
  });

  it('rejects a mistyped price, a wrong tokenizer and a name used twice', () => {
    const sonnet = structuredClone(model('claude-sonnet-4-5'));
    const typo = { ...sonnet, prices: { ...sonnet.prices, cacheWrite1h: 0.6 } };
    assert.throws(() => createCatalog([typo]), (e: Error) => e instanceof CatalogError && /cacheWrite1h \$0\.6\/M is 0\.2x input/.test(e.message));
    const gpt = structuredClone(model('gpt-4.1'));
    assert.throws(() => createCatalog([{ ...gpt, prices: { ...gpt.prices, cachedInput: 1 } }]), /expected 0\.25x/);
    assert.throws(() => createCatalog([{ ...gpt, tokenizer: { kind: 'tiktoken', encoding: 'cl100k_base' } }]), /uses o200k_base/);
    assert.throws(() => createCatalog([sonnet, { ...structuredClone(model('claude-sonnet-4-6')), aliases: ['claude-sonnet-4-5-20250929'] }]), /names both/);
    assert.throws(() => createCatalog([{ ...sonnet, prices: { ...sonnet.prices, input: -3 } }]), CatalogError);
  });
});

describe('model lookup', () => {
  it('finds models by id, alias and snapshot, in any case', () => {
    assert.equal(findModel(catalog, 'claude-sonnet-4-5-20250929')?.id, 'claude-sonnet-4-5');
    assert.equal(findModel(catalog, 'Claude-Sonnet-4-5')?.id, 'claude-sonnet-4-5');
    assert.equal(findModel(catalog, 'claude-3-5-sonnet-latest')?.id, 'claude-3-5-sonnet');
    assert.equal(findModel(catalog, 'claude-sonnet-4-0')?.id, 'claude-sonnet-4');
    assert.equal(findModel(catalog, 'GPT-4o-2024-11-20')?.id, 'gpt-4o');
    assert.equal(findModel(catalog, 'gpt-4o-2024-05-13')?.id, 'gpt-4o-2024-05-13');
  });

  it('never prices an unknown name as a similar model', () => {
    for (const name of ['gpt-4o-2025-01-01', 'gpt-4o-mini-2024', 'gpt-5.4-nano', 'claude-sonnet-4-5-2025', 'claude-opus', 'gpt', '']) {
      assert.equal(findModel(catalog, name), undefined, name);
    }
  });

  it('lists all models, by provider then id', () => {
    const all = listModels(catalog);
    assert.equal(all.length, catalog.models.length);
    assert.equal(all[0]?.provider, 'anthropic');
    assert.ok(listModels(catalog, 'openai').every((m) => m.provider === 'openai'));
    const ids = listModels(catalog, 'anthropic').map((m) => m.id);
    assert.deepEqual(ids, [...ids].sort());
  });

  it('suggests close ids for an unknown name, closest first', () => {
    assert.equal(suggestModels(catalog, 'gpt-4o-mini-2024')[0], 'gpt-4o-mini');
    assert.ok(suggestModels(catalog, 'claude-haiku-4').includes('claude-haiku-4-5'));
    assert.deepEqual(suggestModels(catalog, 'totally-unrelated-thing-xyz'), []);
  });

  it('reports the newest source when an update changed a price', () => {
    const entry = { ...model('gpt-4o'), fieldSources: { 'prices.input': { source: 'update file', asOf: '2026-12-01' } } };
    assert.deepEqual(priceProvenance(entry), { source: `${entry.source}; update file`, asOf: '2026-12-01' });
    assert.deepEqual(priceProvenance(model('gpt-4o')), { source: model('gpt-4o').source, asOf: '2026-11-24' });
  });
});
