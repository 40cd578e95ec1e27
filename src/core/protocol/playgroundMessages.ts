import { z } from 'zod';

// Messages of the Playground view. Prompt text in a draft may hold template placeholders written
// `{{name}}`; their values travel separately and are substituted by the host just before a run,
// so the estimate can count an unfilled placeholder at the assumed size.

/** 'openai', 'anthropic', or the id of an OpenAI-compatible provider from tokenwise.providers.openaiCompatible. */
export const providerSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);

export const draftMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(2_000_000),
});

export const playgroundDraftSchema = z.object({
  provider: providerSchema,
  model: z.string().min(1).max(200),
  system: z.string().max(2_000_000),
  messages: z.array(draftMessageSchema).min(1).max(200),
  maxTokens: z.number().int().min(1).max(1_000_000),
  temperature: z.number().min(0).max(2),
  placeholders: z.record(z.string().max(200), z.string().max(2_000_000)),
});
export type PlaygroundDraft = z.infer<typeof playgroundDraftSchema>;

export const modelOptionSchema = z.object({
  provider: providerSchema,
  id: z.string(),
  /** Per 1M tokens, for the picker's label; null for a compatible provider's model (not in the catalog). */
  inputPerMTok: z.number().nullable(),
  outputPerMTok: z.number().nullable(),
  priceAsOf: z.string(),
});
export type ModelOption = z.infer<typeof modelOptionSchema>;

export const providerStateSchema = z.object({
  provider: providerSchema,
  label: z.string(),
  /** Where a key would come from; absent when no key is set. */
  keySource: z.enum(['secret-storage', 'environment', 'dotenv', 'demo']).optional(),
  /** A local demo server answers instead of the provider (labelled in the UI). */
  demo: z.boolean(),
  /** OpenAI-compatible servers may run without a key (Ollama, LM Studio). */
  keyOptional: z.boolean().optional(),
});

export const estimateSchema = z.object({
  inputTokens: z.number(),
  exact: z.boolean(),
  band: z.object({ low: z.number(), high: z.number() }).optional(),
  /** Cost of the input plus max_tokens of output: the most one run can cost. */
  maxCostUsd: z.number().nullable(),
  notes: z.array(z.string()),
});
export type Estimate = z.infer<typeof estimateSchema>;

export const runOutcomeSchema = z.object({
  ok: z.boolean(),
  text: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedInputTokens: z.number(),
  cacheWriteTokens: z.number(),
  costUsd: z.number().nullable(),
  latencyMs: z.number(),
  attempts: z.number(),
  cacheHit: z.boolean(),
  waitedMs: z.number(),
  /** What the optimizer did, in plain words: "retried after 429 (waited 1.2 s)", "fell back to ...". */
  notes: z.array(z.string()),
  error: z.string().optional(),
  /** The run was refused by a full budget: the view offers to run it once anyway. */
  budgetBlocked: z.boolean().optional(),
});
export type RunOutcome = z.infer<typeof runOutcomeSchema>;

export const historyEntrySchema = z.object({
  runId: z.string(),
  at: z.number(),
  model: z.string(),
  costUsd: z.number().nullable(),
  latencyMs: z.number(),
  ok: z.boolean(),
  preview: z.string(),
  draft: playgroundDraftSchema,
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const playgroundToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('draftChanged'), draft: playgroundDraftSchema }),
  /** Runs the draft on its model, or on 2 to 4 models side by side (compare). */
  z.object({
    type: z.literal('run'), runId: z.string().min(1).max(100), draft: playgroundDraftSchema, models: z.array(z.string()).min(1).max(4),
    /** "Run once anyway": lets this run through a full budget. */
    budgetOverride: z.boolean().optional(),
  }),
  z.object({ type: z.literal('cancel'), runId: z.string() }),
  z.object({ type: z.literal('setApiKey'), provider: providerSchema }),
]);
export type PlaygroundToHost = z.infer<typeof playgroundToHostSchema>;

export const playgroundToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('playgroundInit'), models: z.array(modelOptionSchema), providers: z.array(providerStateSchema), trusted: z.boolean() }),
  /** Fills the form from a call site ("Run in Playground"). */
  z.object({ type: z.literal('prefill'), draft: playgroundDraftSchema, from: z.string() }),
  z.object({ type: z.literal('estimate'), estimate: estimateSchema }),
  z.object({ type: z.literal('runStarted'), runId: z.string(), lanes: z.array(z.object({ lane: z.number(), model: z.string() })) }),
  z.object({ type: z.literal('runDelta'), runId: z.string(), lane: z.number(), text: z.string() }),
  z.object({ type: z.literal('runDone'), runId: z.string(), lane: z.number(), outcome: runOutcomeSchema }),
  z.object({ type: z.literal('history'), entries: z.array(historyEntrySchema) }),
]);
export type PlaygroundToWebview = z.infer<typeof playgroundToWebviewSchema>;
