import type { CliIo } from './cliCommand';
import { findModel, suggestModels, type Catalog } from '../core/pricing/catalog';
import type { ModelEntry } from '../core/pricing/catalogSchema';
import { loadUserCatalog } from '../core/pricing/overlay';

/** The built-in + overlay catalog; a broken overlay is reported and the built-in prices are used. */
export async function cliCatalog(io: CliIo): Promise<Catalog> {
  const loaded = await loadUserCatalog(io.env);
  if (loaded.overlayError) io.err(`warning: ${loaded.overlayError}`);
  return loaded.catalog;
}

/** The entry for `name`, or undefined after printing the unknown-model message with close ids (a hint only). */
export function findOrExplain(catalog: Catalog, name: string, io: CliIo): ModelEntry | undefined {
  const entry = findModel(catalog, name);
  if (entry) return entry;
  const close = suggestModels(catalog, name);
  io.err(`unknown model "${name}"; it has no price in the catalog.${close.length ? ` Known models with similar names: ${close.join(', ')}` : ''}`);
  return undefined;
}
