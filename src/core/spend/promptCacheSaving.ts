import { findModel, type Catalog } from '../pricing/catalog';

/** USD saved per cached input token of a model, by model name. */
export type CachedReadSaving = (model: string) => number;

export const promptCacheAssumption =
  'Prompt-cache savings price cached input tokens at the input price minus the cache-read price, from the current price catalog at base rates (no long-context tier); cache-write surcharges are not subtracted, and models without a cache-read price count as no saving.';

/**
 * What one cached input token saved: the model's input price minus its cache-read price. The
 * ledger keeps token counts, not prices, so this uses the catalog as it is now (prices of past
 * calls may have differed; see promptCacheAssumption).
 */
export function cachedReadSavingFromCatalog(catalog: Catalog): CachedReadSaving {
  const memo = new Map<string, number>();
  return (model) => {
    let saving = memo.get(model);
    if (saving === undefined) {
      const prices = findModel(catalog, model)?.prices;
      saving = prices?.cachedInput === undefined ? 0 : Math.max(0, prices.input - prices.cachedInput) / 1_000_000;
      memo.set(model, saving);
    }
    return saving;
  };
}
