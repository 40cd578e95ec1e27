import { z } from 'zod';
import { createCatalog } from './catalog';
import type { Catalog } from './catalog';
import { describeIssues, modelEntrySchema, priceFields } from './catalogSchema';
import type { ModelEntry, PriceSet, Provenance } from './catalogSchema';
import { checkPriceRules, claudeTokenizerGeneration, openAiEncoding } from './priceRules';
import type { Provider } from '../request/llmRequest';

// Merges LiteLLM's community price file (model_prices_and_context_window.json, MIT) into a
// catalog. That file is useful for new models but has known errors (claude-3-haiku 1-h write
// $6/M instead of $0.50, claude-3-opus $6/M instead of $30: docs/provider-facts.md), so every
// entry must pass the same schema and ratio rules as the built-in data, or it is rejected.

export interface MergeOptions {
  /** Date the file's figures are from (YYYY-MM-DD); stored on every number the merge changes. */
  asOf: string;
  /** Where the file came from (URL or file name); stored with the date. */
  source: string;
}

export type MergeChange =
  | { kind: 'added'; model: string; provider: Provider; snapshotOf?: string }
  | { kind: 'changed'; model: string; field: string; old: number | undefined; new: number };

export interface MergeRejection {
  name: string;
  reason: string;
}

/** A figure the file disagrees with but the catalog keeps, because the catalog's figure is newer. */
export interface MergeKept {
  model: string;
  field: string;
  /** Undefined where the catalog has no such figure (e.g. no long-context tier) and keeps it that way. */
  ours: number | undefined;
  theirs: number;
  reason: string;
}

export interface MergeResult {
  catalog: Catalog;
  changes: MergeChange[];
  rejections: MergeRejection[];
  kept: MergeKept[];
}

/** The LiteLLM price file is not the expected JSON object. */
export class LiteLLMFormatError extends Error {}

const perToken = z.number().finite().nonnegative().optional();
const liteLLMEntrySchema = z.looseObject({
  litellm_provider: z.string(),
  mode: z.string().optional(),
  input_cost_per_token: z.number().finite().nonnegative(),
  output_cost_per_token: z.number().finite().nonnegative(),
  cache_read_input_token_cost: perToken,
  cache_creation_input_token_cost: perToken,
  cache_creation_input_token_cost_above_1hr: perToken,
  input_cost_per_token_batches: perToken,
  input_cost_per_token_flex: perToken,
  max_input_tokens: z.number().int().positive().optional(),
  max_output_tokens: z.number().int().positive().optional(),
  prompt_cache_min_tokens: z.number().int().positive().optional(),
  supports_function_calling: z.boolean().optional(),
  supports_response_schema: z.boolean().optional(),
  supports_vision: z.boolean().optional(),
  supports_reasoning: z.boolean().optional(),
  deprecation_date: z.iso.date().optional(),
});
type LiteLLMEntry = z.infer<typeof liteLLMEntrySchema>;

// Text-token modes only; image, audio, video and moderation models are billed by other units.
const pricedModes = new Set(['chat', 'responses', 'embedding']);
const datedSuffix = /^(.+)-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/** LiteLLM's per-token USD, as USD per 1M tokens rounded to 1e-6 (removes float noise such as 3.7499999999999996). */
function perMillion(value: number): number {
  return Math.round(value * 1e12) / 1e6;
}

function pricesFrom(raw: Record<string, unknown>, suffix: string): PriceSet | undefined {
  const get = (key: string): number | undefined => {
    const value = raw[`${key}${suffix}`];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? perMillion(value) : undefined;
  };
  const input = get('input_cost_per_token');
  const output = get('output_cost_per_token');
  if (input === undefined || output === undefined) return undefined;
  const prices: PriceSet = { input, output };
  const cachedInput = get('cache_read_input_token_cost');
  const cacheWrite5m = get('cache_creation_input_token_cost');
  // LiteLLM names the 1-h write "above_1hr"; its long-context variant is "..._above_1hr_above_200k_tokens".
  const cacheWrite1h = suffix ? raw[`cache_creation_input_token_cost_above_1hr${suffix}`] : raw.cache_creation_input_token_cost_above_1hr;
  if (cachedInput !== undefined) prices.cachedInput = cachedInput;
  if (cacheWrite5m !== undefined) prices.cacheWrite5m = cacheWrite5m;
  if (typeof cacheWrite1h === 'number') prices.cacheWrite1h = perMillion(cacheWrite1h);
  return prices;
}

interface Candidate {
  name: string;
  provider: Provider;
  raw: LiteLLMEntry;
  prices: PriceSet;
  longContext?: { aboveTokens: number; prices: PriceSet };
  batchMultiplier?: number;
  flexMultiplier?: number;
}

function candidateFrom(name: string, provider: Provider, raw: LiteLLMEntry): Candidate | string {
  const prices = pricesFrom(raw, '');
  if (!prices) return 'no per-token input/output price';
  const candidate: Candidate = { name, provider, raw, prices };
  const tierKey = Object.keys(raw).map((k) => /^input_cost_per_token_above_(\d+)k_tokens$/.exec(k)).find((m) => m !== null);
  if (tierKey) {
    const suffix = `_above_${tierKey[1]}k_tokens`;
    const tier = pricesFrom(raw, suffix);
    if (!tier) return `long-context tier above ${tierKey[1]}K has no output price`;
    candidate.longContext = { aboveTokens: Number(tierKey[1]) * 1000, prices: tier };
  }
  const ratio = (discounted: number | undefined): number | undefined =>
    discounted === undefined || raw.input_cost_per_token === 0 ? undefined : Math.round((discounted / raw.input_cost_per_token) * 1e6) / 1e6;
  const batch = ratio(raw.input_cost_per_token_batches);
  const flex = ratio(raw.input_cost_per_token_flex);
  if (batch !== undefined) candidate.batchMultiplier = batch;
  if (flex !== undefined) candidate.flexMultiplier = flex;
  const problems = checkPriceRules({ id: name, provider, prices, longContext: candidate.longContext });
  return problems.length ? problems.join('; ') : candidate;
}

function newEntry(candidate: Candidate, provenance: Provenance): ModelEntry {
  const { raw, name, provider } = candidate;
  const entry: ModelEntry = {
    id: name,
    provider,
    kind: raw.mode === 'embedding' ? 'embedding' : 'chat',
    aliases: [],
    snapshots: [],
    prices: candidate.prices,
    capabilities: {
      tools: raw.supports_function_calling ?? false,
      structuredOutputs: raw.supports_response_schema ?? false,
      vision: raw.supports_vision ?? false,
      reasoning: raw.supports_reasoning ?? false,
    },
    lifecycle: raw.deprecation_date
      ? { status: raw.deprecation_date <= provenance.asOf ? 'retired' : 'deprecated', retirementDate: raw.deprecation_date, source: provenance.source }
      : { status: 'active' },
    tokenizer: provider === 'anthropic' ? { kind: 'claude', generation: claudeTokenizerGeneration(name) } : { kind: 'tiktoken', encoding: openAiEncoding(name) },
    source: provenance.source,
    asOf: provenance.asOf,
  };
  if (candidate.longContext) entry.longContext = candidate.longContext;
  if (candidate.batchMultiplier !== undefined) entry.batchMultiplier = candidate.batchMultiplier;
  if (candidate.flexMultiplier !== undefined) entry.flexMultiplier = candidate.flexMultiplier;
  // LiteLLM's max_input_tokens is an input cap, not always the full window (gpt-5: 272K of 400K).
  if (raw.max_input_tokens !== undefined) entry.maxInputTokens = raw.max_input_tokens;
  if (raw.max_output_tokens !== undefined && entry.kind === 'chat') entry.maxOutputTokens = raw.max_output_tokens;
  // OpenAI caches automatically from 1,024 prompt tokens (provider-facts.md).
  const minCache = raw.prompt_cache_min_tokens ?? (provider === 'openai' && candidate.prices.cachedInput !== undefined ? 1024 : undefined);
  if (minCache !== undefined) entry.minCacheableTokens = minCache;
  if (entry.maxInputTokens !== undefined || entry.maxOutputTokens !== undefined) entry.limitsSource = provenance.source;
  return entry;
}

/** The date of one number: its own provenance, else that of the group it belongs to (`longContext`), else the entry's. */
function fieldAsOf(entry: ModelEntry, field: string): string {
  const sources = entry.fieldSources ?? {};
  const owner = Object.keys(sources).filter((k) => field === k || field.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
  return (owner === undefined ? undefined : sources[owner]?.asOf) ?? entry.asOf;
}

function samePrice(a: number | undefined, b: number): boolean {
  return a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * Updates an existing entry's numbers from a candidate. Prices and multipliers are replaced
 * unless the catalog's figure is newer than the file; limits are only filled in where the
 * catalog has none, because LiteLLM's limits mean different things across entries.
 */
function updateEntry(entry: ModelEntry, candidate: Candidate, provenance: Provenance, kept: MergeKept[]): { updated: ModelEntry; changes: MergeChange[] } {
  const updated = structuredClone(entry);
  const changes: MergeChange[] = [];
  // A model listed under several names (id and snapshots) is compared once per name; report each disagreement once.
  const keep = (item: MergeKept): void => {
    if (!kept.some((k) => k.model === item.model && k.field === item.field && k.theirs === item.theirs)) kept.push(item);
  };
  const apply = (field: string, old: number | undefined, value: number, set: (v: number) => void): void => {
    if (samePrice(old, value)) return;
    if (old !== undefined && fieldAsOf(entry, field) > provenance.asOf) {
      keep({ model: entry.id, field, ours: old, theirs: value, reason: `the catalog's figure (${fieldAsOf(entry, field)}) is newer than ${provenance.asOf}` });
      return;
    }
    set(value);
    updated.fieldSources = { ...updated.fieldSources, [field]: provenance };
    changes.push({ kind: 'changed', model: entry.id, field, old, new: value });
  };
  for (const field of priceFields) {
    const value = candidate.prices[field];
    if (value !== undefined) apply(`prices.${field}`, entry.prices[field], value, (v) => { updated.prices[field] = v; });
  }
  if (candidate.longContext) {
    const tier = candidate.longContext;
    if (!updated.longContext) {
      // A tier the catalog lacks is only taken from a file at least as recent as the entry's prices.
      const take = entry.asOf <= provenance.asOf;
      if (take) {
        updated.longContext = structuredClone(tier);
        updated.fieldSources = { ...updated.fieldSources, longContext: provenance };
      }
      for (const field of priceFields) {
        const value = tier.prices[field];
        if (value === undefined) continue;
        const path = `longContext.prices.${field}`;
        if (take) changes.push({ kind: 'changed', model: entry.id, field: path, old: undefined, new: value });
        else keep({ model: entry.id, field: path, ours: undefined, theirs: value, reason: `the catalog (${entry.asOf}) has no tier above ${tier.aboveTokens} tokens and is newer than ${provenance.asOf}` });
      }
    } else if (updated.longContext.aboveTokens === tier.aboveTokens) {
      const target = updated.longContext;
      for (const field of priceFields) {
        const value = tier.prices[field];
        if (value !== undefined) apply(`longContext.prices.${field}`, entry.longContext?.prices[field], value, (v) => { target.prices[field] = v; });
      }
    }
  }
  if (candidate.batchMultiplier !== undefined) apply('batchMultiplier', entry.batchMultiplier, candidate.batchMultiplier, (v) => { updated.batchMultiplier = v; });
  if (candidate.flexMultiplier !== undefined) apply('flexMultiplier', entry.flexMultiplier, candidate.flexMultiplier, (v) => { updated.flexMultiplier = v; });
  const fill = (field: 'maxOutputTokens' | 'minCacheableTokens', value: number | undefined): void => {
    if (value === undefined || updated[field] !== undefined) return;
    updated[field] = value;
    updated.fieldSources = { ...updated.fieldSources, [field]: provenance };
    changes.push({ kind: 'changed', model: entry.id, field, old: undefined, new: value });
  };
  if (updated.contextWindow === undefined && updated.maxInputTokens === undefined && candidate.raw.max_input_tokens !== undefined) {
    updated.maxInputTokens = candidate.raw.max_input_tokens;
    updated.fieldSources = { ...updated.fieldSources, maxInputTokens: provenance };
    changes.push({ kind: 'changed', model: entry.id, field: 'maxInputTokens', old: undefined, new: candidate.raw.max_input_tokens });
  }
  if (entry.kind === 'chat') fill('maxOutputTokens', candidate.raw.max_output_tokens);
  fill('minCacheableTokens', candidate.raw.prompt_cache_min_tokens);
  return { updated, changes };
}

function samePrices(a: ModelEntry, c: Candidate): boolean {
  return JSON.stringify([a.prices, a.longContext ?? null, a.batchMultiplier ?? null, a.flexMultiplier ?? null])
    === JSON.stringify([c.prices, c.longContext ?? null, c.batchMultiplier ?? null, c.flexMultiplier ?? null]);
}

/**
 * Merges a LiteLLM-format price file into `catalog`. Only OpenAI and Anthropic text models are
 * read; each must pass the schema and ratio rules or it is rejected with the reason. Returns
 * the merged catalog, what changed (each changed number carries `options.source`/`asOf`), what
 * was rejected, and where the catalog kept its own newer figure.
 */
export function mergeLiteLLM(catalog: Catalog, litellmJson: unknown, options: MergeOptions): MergeResult {
  const root = z.record(z.string(), z.unknown()).safeParse(litellmJson);
  if (!root.success) throw new LiteLLMFormatError('a LiteLLM price file is a JSON object of model name -> prices');
  const provenance: Provenance = { source: options.source, asOf: options.asOf };
  const entries = new Map<string, ModelEntry>();
  const byName = new Map<string, ModelEntry>();
  const put = (entry: ModelEntry): void => {
    entries.set(entry.id, entry);
    for (const name of [entry.id, ...entry.aliases, ...entry.snapshots]) byName.set(name, entry);
  };
  catalog.models.forEach(put);
  const changes: MergeChange[] = [];
  const rejections: MergeRejection[] = [];
  const kept: MergeKept[] = [];

  const relevant: { key: string; value: object; provider: Provider; dated: boolean }[] = [];
  for (const [key, value] of Object.entries(root.data)) {
    if (typeof value !== 'object' || value === null) continue;
    const provider = (value as { litellm_provider?: unknown }).litellm_provider;
    if (provider !== 'openai' && provider !== 'anthropic') continue;
    const mode = (value as { mode?: unknown }).mode;
    if (typeof mode === 'string' && !pricedModes.has(mode)) continue;
    // Fine-tuned prices are templates: the real ids are per account (ft:gpt-4o-2024-08-06:org::id).
    if (key.startsWith('ft:')) continue;
    relevant.push({ key, value, provider, dated: datedSuffix.test(key) });
  }
  // Undated names first, so a dated snapshot can join the model it is a snapshot of.
  relevant.sort((a, b) => Number(a.dated) - Number(b.dated) || a.key.localeCompare(b.key));
  for (const { key, value, provider: providerName } of relevant) {
    const name = key.toLowerCase();
    const parsed = liteLLMEntrySchema.safeParse(value);
    if (!parsed.success) {
      rejections.push({ name: key, reason: describeIssues(parsed.error) });
      continue;
    }
    const candidate = candidateFrom(name, providerName, parsed.data);
    if (typeof candidate === 'string') {
      rejections.push({ name: key, reason: candidate });
      continue;
    }
    const existing = byName.get(name);
    if (existing) {
      const keptBefore = kept.length;
      const { updated, changes: entryChanges } = updateEntry(existing, candidate, provenance, kept);
      if (!entryChanges.length) continue;
      const valid = modelEntrySchema.safeParse(updated);
      if (!valid.success) {
        kept.splice(keptBefore);
        rejections.push({ name: key, reason: `merged into ${existing.id} it would break: ${describeIssues(valid.error)}` });
        continue;
      }
      put(valid.data);
      changes.push(...entryChanges);
      continue;
    }
    const base = datedSuffix.exec(name)?.[1];
    const baseEntry = base === undefined ? undefined : byName.get(base);
    if (baseEntry && baseEntry.provider === candidate.provider && samePrices(baseEntry, candidate)) {
      put({ ...baseEntry, snapshots: [...baseEntry.snapshots, name] });
      changes.push({ kind: 'added', model: name, provider: candidate.provider, snapshotOf: baseEntry.id });
      continue;
    }
    const valid = modelEntrySchema.safeParse(newEntry(candidate, provenance));
    if (!valid.success) {
      rejections.push({ name: key, reason: describeIssues(valid.error) });
      continue;
    }
    put(valid.data);
    changes.push({ kind: 'added', model: name, provider: candidate.provider });
  }
  return { catalog: createCatalog([...entries.values()]), changes, rejections, kept };
}
