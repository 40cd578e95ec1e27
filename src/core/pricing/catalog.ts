import { builtinCatalogData } from './catalogData';
import { catalogSchema, describeIssues, priceFields } from './catalogSchema';
import type { ModelEntry, Provenance } from './catalogSchema';
import type { Provider } from '../request/llmRequest';

/** A validated set of model entries with a case-insensitive index of every id, alias and snapshot. */
export interface Catalog {
  readonly models: readonly ModelEntry[];
  readonly byName: ReadonlyMap<string, ModelEntry>;
}

/** The catalog data broke the schema or a price rule. */
export class CatalogError extends Error {}

/** Validates entries (schema, ratio rules, unique names) and indexes them; throws CatalogError. */
export function createCatalog(entries: unknown): Catalog {
  const parsed = catalogSchema.safeParse(entries);
  if (!parsed.success) throw new CatalogError(`invalid pricing catalog: ${describeIssues(parsed.error)}`);
  const byName = new Map<string, ModelEntry>();
  for (const entry of parsed.data) {
    for (const name of [entry.id, ...entry.aliases, ...entry.snapshots]) byName.set(name.toLowerCase(), entry);
  }
  return { models: parsed.data, byName };
}

let builtin: Catalog | undefined;

/** The catalog shipped with Tokenwise (validated once, on first use). */
export function builtinCatalog(): Catalog {
  builtin ??= createCatalog(builtinCatalogData);
  return builtin;
}

/**
 * The entry for a model id, alias or listed snapshot, case-insensitively. Exact names only:
 * an unknown name is never priced as a similarly named model (gpt-4o-mini is not gpt-4o).
 */
export function findModel(catalog: Catalog, name: string): ModelEntry | undefined {
  return catalog.byName.get(name.trim().toLowerCase());
}

/** All models (for pickers), grouped by provider, then by id. */
export function listModels(catalog: Catalog, provider?: Provider): ModelEntry[] {
  return catalog.models
    .filter((m) => provider === undefined || m.provider === provider)
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Known model ids close to an unknown name, closest first: a hint for the user, never used for pricing. */
export function suggestModels(catalog: Catalog, name: string, limit = 5): string[] {
  const wanted = name.trim().toLowerCase();
  const scored = catalog.models.map((m) => {
    const distances = [m.id, ...m.aliases, ...m.snapshots].map((n) => editDistance(wanted, n) - (n.startsWith(wanted) || wanted.startsWith(n) ? 2 : 0));
    return { id: m.id, distance: Math.min(...distances) };
  });
  const threshold = Math.max(3, Math.floor(wanted.length / 2));
  return scored
    .filter((s) => s.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}

/**
 * Source and date of an entry's prices: the entry's own, or, where an update changed some
 * numbers, the sources of those numbers too (newest date wins, since it is the freshest figure).
 */
export function priceProvenance(entry: ModelEntry): Provenance {
  const provenances: Provenance[] = [{ source: entry.source, asOf: entry.asOf }];
  for (const [field, provenance] of Object.entries(entry.fieldSources ?? {})) {
    if (priceFields.some((p) => field.endsWith(`prices.${p}`)) || field === 'longContext') provenances.push(provenance);
  }
  const sources = [...new Set(provenances.map((p) => p.source))];
  const asOf = provenances.map((p) => p.asOf).sort().at(-1) ?? entry.asOf;
  return { source: sources.join('; '), asOf };
}
