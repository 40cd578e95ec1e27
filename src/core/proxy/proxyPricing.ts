// Prices proxy calls from the pricing catalog (the CLI's pipeline; the extension's pipeline has
// its own, built by RuntimeService).
import { priceCall } from '../cost/callCost';
import type { Catalog } from '../pricing/catalog';
import { findModel, priceProvenance } from '../pricing/catalog';
import type { PriceUsage } from '../runtime/pipeline';

/** Unknown models are unpriced (null cost in the ledger, shown as unknown); a pricing failure is reported, not thrown. */
export function catalogPriceUsage(catalog: Catalog, warn: (message: string) => void): PriceUsage {
  return (_provider, model, usage) => {
    const entry = findModel(catalog, model);
    if (!entry) return undefined;
    try {
      const { source, asOf } = priceProvenance(entry);
      return { costUsd: priceCall(entry, usage).costUsd, priceSource: source, priceAsOf: asOf };
    } catch (error) {
      warn(`cannot price ${model}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
}
