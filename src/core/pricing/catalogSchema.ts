import { z } from 'zod';
import { checkPriceRules, claudeTokenizerGeneration, openAiEncoding } from './priceRules';

// The shape of one pricing-catalog entry. The built-in data, the user's overlay file and
// every entry merged from LiteLLM pass through this schema, so a typo in a price is caught
// at load time (the ratio rules in priceRules.ts run as part of the schema).

/** USD per 1M tokens: the unit both providers publish, so numbers can be checked against the pricing pages by eye. */
const usdPerMillion = z.number().finite().nonnegative();
const tokenCount = z.number().int().positive();
const isoDate = z.iso.date();
/** A model name as the SDKs accept it; lookups are case-insensitive, so the data is kept lower-case. */
const modelName = z.string().regex(/^[a-z0-9][a-z0-9.:_-]*$/, 'model names are lower-case letters, digits, ".", ":", "_" and "-"');

export const priceSetSchema = z
  .object({
    input: usdPerMillion,
    output: usdPerMillion,
    /** Cache read (OpenAI "cached input", Anthropic "cache hits & refreshes"). */
    cachedInput: usdPerMillion.optional(),
    /** Anthropic 5-minute cache write; for OpenAI (gpt-5.6 and later) the single cache-write price, whatever the ttl. */
    cacheWrite5m: usdPerMillion.optional(),
    /** Anthropic 1-hour cache write. */
    cacheWrite1h: usdPerMillion.optional(),
  })
  .strict();

export const provenanceSchema = z.object({ source: z.string().min(1), asOf: isoDate }).strict();

export const tokenizerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tiktoken'), encoding: z.enum(['cl100k_base', 'o200k_base']) }).strict(),
  z.object({ kind: z.literal('claude'), generation: z.enum(['claude-legacy', 'claude-4.7', 'claude-5']) }).strict(),
]);

export const modelEntrySchema = z
  .object({
    id: modelName,
    provider: z.enum(['openai', 'anthropic']),
    kind: z.enum(['chat', 'embedding']),
    /** Other names the provider accepts for this model (e.g. `claude-sonnet-4-0`, `-latest`). */
    aliases: z.array(modelName),
    /** Dated snapshots billed at the same prices (a snapshot with other prices is its own entry). */
    snapshots: z.array(modelName),
    prices: priceSetSchema,
    /** Whole-request surcharge tier: when the prompt is larger than `aboveTokens`, every token is billed at `prices`. */
    longContext: z.object({ aboveTokens: tokenCount, prices: priceSetSchema }).strict().optional(),
    batchMultiplier: z.number().positive().max(1).optional(),
    flexMultiplier: z.number().positive().max(1).optional(),
    contextWindow: tokenCount.optional(),
    /** Set only where the provider caps input below the context window (gpt-5: 272K of 400K). */
    maxInputTokens: tokenCount.optional(),
    maxOutputTokens: tokenCount.optional(),
    /** Where the limits (context window, max output, minimum cacheable) come from, when not from `source`. */
    limitsSource: z.string().min(1).optional(),
    /** Below this prompt size the provider silently does not cache. */
    minCacheableTokens: tokenCount.optional(),
    capabilities: z
      .object({ tools: z.boolean(), structuredOutputs: z.boolean(), vision: z.boolean(), reasoning: z.boolean() })
      .strict(),
    lifecycle: z
      .object({
        status: z.enum(['active', 'legacy', 'deprecated', 'retired']),
        retirementDate: isoDate.optional(),
        source: z.string().min(1).optional(),
      })
      .strict(),
    tokenizer: tokenizerSchema,
    /** Where the prices come from and the date they were read. */
    source: z.string().min(1),
    asOf: isoDate,
    /** Per-field provenance for numbers a later update changed, keyed like `prices.input` or `longContext.prices.output`. */
    fieldSources: z.record(z.string(), provenanceSchema).optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    for (const message of checkPriceRules(entry)) ctx.addIssue({ code: 'custom', path: ['prices'], message });
    if (entry.provider === 'anthropic') {
      const expected = claudeTokenizerGeneration(entry.id);
      if (entry.tokenizer.kind !== 'claude' || entry.tokenizer.generation !== expected) {
        ctx.addIssue({ code: 'custom', path: ['tokenizer'], message: `${entry.id} uses the ${expected} Claude tokenizer` });
      }
    } else if (entry.tokenizer.kind !== 'tiktoken' || entry.tokenizer.encoding !== openAiEncoding(entry.id)) {
      ctx.addIssue({ code: 'custom', path: ['tokenizer'], message: `${entry.id} uses ${openAiEncoding(entry.id)}` });
    }
    if (entry.longContext) {
      const base = Object.keys(entry.prices).sort().join();
      if (Object.keys(entry.longContext.prices).sort().join() !== base) {
        ctx.addIssue({ code: 'custom', path: ['longContext'], message: 'the long-context tier must price the same kinds of tokens as the base tier' });
      }
    }
  });

export const catalogSchema = z.array(modelEntrySchema).superRefine((entries, ctx) => {
  // A name must lead to one model only, or a lookup could price a call as another model.
  const owner = new Map<string, string>();
  for (const entry of entries) {
    for (const name of [entry.id, ...entry.aliases, ...entry.snapshots]) {
      const previous = owner.get(name);
      if (previous !== undefined) ctx.addIssue({ code: 'custom', message: `"${name}" names both ${previous} and ${entry.id}` });
      else owner.set(name, entry.id);
    }
  }
});

export type PriceSet = z.infer<typeof priceSetSchema>;
export type PriceField = keyof PriceSet;
export type Provenance = z.infer<typeof provenanceSchema>;
export type ModelEntry = z.infer<typeof modelEntrySchema>;

export const priceFields: readonly PriceField[] = ['input', 'cachedInput', 'cacheWrite5m', 'cacheWrite1h', 'output'];

/** Zod issues as one line each, with the path, for error messages a user can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
