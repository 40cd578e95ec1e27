import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinCatalog, findModel } from '../../../src/core/pricing/catalog';
import { mergeLiteLLM } from '../../../src/core/pricing/mergeLiteLLM';
import { applyOverlay, defaultOverlayPath, loadCatalogWithOverlay, OverlayError, overlayEntries, serializeOverlay, writeOverlay } from '../../../src/core/pricing/overlay';

const newModel = { 'claude-fable-5': { litellm_provider: 'anthropic', mode: 'chat', input_cost_per_token: 1e-5, output_cost_per_token: 5e-5, cache_read_input_token_cost: 1e-6, cache_creation_input_token_cost: 1.25e-5, cache_creation_input_token_cost_above_1hr: 2e-5 } };

describe('price overlay', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-overlay-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lives at $TOKENWISE_PRICES_FILE, else under $XDG_CONFIG_HOME, else ~/.config', () => {
    assert.equal(defaultOverlayPath({ TOKENWISE_PRICES_FILE: '/x/p.json', XDG_CONFIG_HOME: '/cfg' }, '/home/u'), '/x/p.json');
    assert.equal(defaultOverlayPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/u'), path.join('/cfg', 'tokenwise', 'prices.json'));
    assert.equal(defaultOverlayPath({}, '/home/u'), path.join('/home/u', '.config', 'tokenwise', 'prices.json'));
  });

  it('stores only added or changed entries and round-trips through a file', async () => {
    const merged = mergeLiteLLM(builtinCatalog(), newModel, { asOf: '2026-07-24', source: 'test' }).catalog;
    const entries = overlayEntries(builtinCatalog(), merged);
    assert.deepEqual(entries.map((e) => e.id), ['claude-fable-5']);
    const file = path.join(dir, 'nested', 'prices.json');
    await writeOverlay(file, entries);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['prices.json'], 'no temp file left behind');
    const loaded = await loadCatalogWithOverlay(file);
    assert.equal(loaded.overlayApplied, true);
    assert.equal(findModel(loaded.catalog, 'claude-fable-5')?.prices.output, 50);
    assert.equal(findModel(loaded.catalog, 'gpt-4o')?.prices.input, 2.5);
  });

  it('uses the built-in catalog when there is no overlay file', async () => {
    const loaded = await loadCatalogWithOverlay(path.join(dir, 'missing.json'));
    assert.equal(loaded.catalog, builtinCatalog());
    assert.equal(loaded.overlayError, undefined);
  });

  it('reports an invalid overlay clearly and keeps the built-in prices', async () => {
    const file = path.join(dir, 'prices.json');
    const broken = JSON.parse(serializeOverlay([{ ...structuredClone(findModel(builtinCatalog(), 'claude-haiku-4-5')!), prices: { input: 1, output: 5, cachedInput: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 20 } }]));
    fs.writeFileSync(file, JSON.stringify(broken));
    const loaded = await loadCatalogWithOverlay(file);
    assert.equal(loaded.overlayApplied, false);
    assert.match(loaded.overlayError ?? '', /prices\.json: invalid price overlay: models\.0\.prices: cacheWrite1h \$20\/M is 20x.*using the built-in prices/);
    assert.equal(findModel(loaded.catalog, 'claude-haiku-4-5')?.prices.cacheWrite1h, 2);
    fs.writeFileSync(file, '{ not json');
    assert.match((await loadCatalogWithOverlay(file)).overlayError ?? '', /invalid JSON/);
  });

  it('replaces the built-in entry of the same id and refuses names that collide', () => {
    const gpt = structuredClone(findModel(builtinCatalog(), 'gpt-4o')!);
    const cheaper = { ...gpt, prices: { input: 2, cachedInput: 1, output: 8 } };
    assert.equal(findModel(applyOverlay(builtinCatalog(), { format: 'tokenwise-prices', version: 1, models: [cheaper] }), 'gpt-4o-2024-08-06')?.prices.input, 2);
    const clash = { ...cheaper, id: 'my-4o' };
    assert.throws(() => applyOverlay(builtinCatalog(), { format: 'tokenwise-prices', version: 1, models: [clash] }), (e: Error) => e instanceof OverlayError && /names both/.test(e.message));
    assert.throws(() => applyOverlay(builtinCatalog(), { models: [] }), OverlayError);
  });
});
