import type { ModelEntry } from './catalogSchema';

// The built-in pricing catalog. Every price is written out (never derived from a ratio) so the
// ratio check in priceRules.ts can catch a typo. Prices are USD per 1M tokens.
// Sources: docs/provider-facts.md (gathered 2026-11-24 from the providers' pricing pages and
// release notes); for models that file does not list, the figure was cross-checked against
// LiteLLM's model_prices_and_context_window.json of 2026-07-24 and the source says so.
// Update with `tokenwise prices update` (user overlay) or edit here and re-run the unit tests.

const anthropicPage = 'https://platform.claude.com/docs/en/about-claude/pricing (docs/provider-facts.md)';
const openAiPage = 'https://platform.openai.com/docs/pricing (docs/provider-facts.md)';
const openAiReleaseNotes = 'Release notes quoting OpenAI, late 2026 (docs/provider-facts.md)';
const openAiPageLiteLLM = 'https://platform.openai.com/docs/pricing; matches LiteLLM model_prices 2026-07-24';
const factsDate = '2026-11-24';
const litellmDate = '2026-07-24';

const anthropicModels = 'https://platform.claude.com/docs/en/about-claude/models/overview';
const anthropicLimits = `${anthropicModels}; minimum cacheable prompt from docs/provider-facts.md`;
const anthropicLimitsLiteLLM = 'LiteLLM model_prices 2026-07-24 (context, max output); minimum cacheable prompt from docs/provider-facts.md';
const anthropicDeprecations = 'https://platform.claude.com/docs/en/about-claude/model-deprecations';
const retiredPerFacts = 'docs/provider-facts.md (retired); date from LiteLLM model_prices 2026-07-24 deprecation_date';
const openAiModels = 'https://platform.openai.com/docs/models';
const openAiDeprecations = 'https://platform.openai.com/docs/deprecations';

// OpenAI caches automatically from 1,024 prompt tokens (provider-facts.md, Prompt caching).
const openAiMinCache = 1024;

const allCapabilities = { tools: true, structuredOutputs: true, vision: true, reasoning: true };
const chatNoReasoning = { tools: true, structuredOutputs: true, vision: true, reasoning: false };
const claude3 = { tools: true, structuredOutputs: false, vision: true, reasoning: false };
const claudeThinking = { tools: true, structuredOutputs: false, vision: true, reasoning: true };
const active = { status: 'active' } as const;
const legacyClaude = { kind: 'claude', generation: 'claude-legacy' } as const;
const claude47 = { kind: 'claude', generation: 'claude-4.7' } as const;
const claude5 = { kind: 'claude', generation: 'claude-5' } as const;
const o200k = { kind: 'tiktoken', encoding: 'o200k_base' } as const;
const cl100k = { kind: 'tiktoken', encoding: 'cl100k_base' } as const;

// Message Batches: 50% off everything, cache reads and writes included (provider-facts.md).
const anthropicBatch = 0.5;
// OpenAI Batch API: 50% off, 24 h window; Flex processing: 0.5x (provider-facts.md).
const openAiBatch = 0.5;
const openAiFlex = 0.5;

const anthropic: ModelEntry[] = [
  {
    id: 'claude-opus-5-5', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 4, cacheWrite5m: 5, cacheWrite1h: 8, cachedInput: 0.2, output: 20 },
    batchMultiplier: anthropicBatch,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: claude5,
    source: 'Third-party release notes, Opus 5.5 pricing from 2026-09-22 (docs/provider-facts.md)', asOf: '2026-09-22',
  },
  {
    id: 'claude-opus-5', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 5, cacheWrite5m: 6.25, cacheWrite1h: 10, cachedInput: 0.5, output: 25 },
    batchMultiplier: anthropicBatch, contextWindow: 1_000_000, maxOutputTokens: 128_000, minCacheableTokens: 512,
    limitsSource: anthropicLimitsLiteLLM,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: claude5,
    source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-opus-4-8', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 5, cacheWrite5m: 6.25, cacheWrite1h: 10, cachedInput: 0.5, output: 25 },
    batchMultiplier: anthropicBatch, contextWindow: 1_000_000, maxOutputTokens: 128_000, minCacheableTokens: 1024,
    limitsSource: anthropicLimitsLiteLLM,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: claude47,
    source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-opus-4-7', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: ['claude-opus-4-7-20260416'],
    prices: { input: 5, cacheWrite5m: 6.25, cacheWrite1h: 10, cachedInput: 0.5, output: 25 },
    batchMultiplier: anthropicBatch, contextWindow: 1_000_000, maxOutputTokens: 128_000, minCacheableTokens: 2048,
    limitsSource: anthropicLimitsLiteLLM,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: claude47,
    source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-opus-4-6', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: ['claude-opus-4-6-20260205'],
    prices: { input: 5, cacheWrite5m: 6.25, cacheWrite1h: 10, cachedInput: 0.5, output: 25 },
    batchMultiplier: anthropicBatch, contextWindow: 1_000_000, maxOutputTokens: 128_000, minCacheableTokens: 4096,
    limitsSource: anthropicLimitsLiteLLM,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: legacyClaude,
    source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-opus-4-5', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: ['claude-opus-4-5-20251101'],
    prices: { input: 5, cacheWrite5m: 6.25, cacheWrite1h: 10, cachedInput: 0.5, output: 25 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 64_000, minCacheableTokens: 4096,
    limitsSource: anthropicLimits,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: legacyClaude,
    source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-opus-4-1', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: ['claude-opus-4-1-20250805'],
    prices: { input: 15, cacheWrite5m: 18.75, cacheWrite1h: 30, cachedInput: 1.5, output: 75 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 32_000, minCacheableTokens: 1024,
    limitsSource: anthropicLimits,
    capabilities: { ...claudeThinking, structuredOutputs: true },
    lifecycle: { status: 'retired', retirementDate: '2026-08-05', source: retiredPerFacts }, tokenizer: legacyClaude,
    source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-opus-4', provider: 'anthropic', kind: 'chat', aliases: ['claude-opus-4-0', 'claude-4-opus-20250514'], snapshots: ['claude-opus-4-20250514'],
    prices: { input: 15, cacheWrite5m: 18.75, cacheWrite1h: 30, cachedInput: 1.5, output: 75 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 32_000, minCacheableTokens: 1024,
    limitsSource: anthropicLimits,
    capabilities: claudeThinking, lifecycle: { status: 'retired', retirementDate: '2026-05-14', source: retiredPerFacts }, tokenizer: legacyClaude,
    source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-sonnet-5-5', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 2, cacheWrite5m: 2.5, cacheWrite1h: 4, cachedInput: 0.1, output: 10 },
    batchMultiplier: anthropicBatch,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: claude5,
    source: `${anthropicPage}; read price cut 2026-10-07`, asOf: '2026-10-07',
  },
  {
    id: 'claude-sonnet-5', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 2, cacheWrite5m: 2.5, cacheWrite1h: 4, cachedInput: 0.2, output: 10 },
    batchMultiplier: anthropicBatch, contextWindow: 1_000_000, maxOutputTokens: 128_000, minCacheableTokens: 1024,
    limitsSource: anthropicLimitsLiteLLM,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: claude5,
    source: anthropicPage, asOf: factsDate,
  },
  {
    // Sources disagree on Sonnet 4.6's minimum (1,024 vs 2,048, provider-facts.md); the higher one never
    // promises a cache hit that silently does not happen.
    id: 'claude-sonnet-4-6', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cachedInput: 0.3, output: 15 },
    batchMultiplier: anthropicBatch, contextWindow: 1_000_000, maxOutputTokens: 64_000, minCacheableTokens: 2048,
    limitsSource: anthropicLimitsLiteLLM,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: legacyClaude,
    source: anthropicPage, asOf: factsDate,
  },
  {
    // Above 200K prompt tokens (1M-context beta) the whole request is billed at the long-context rates.
    id: 'claude-sonnet-4-5', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: ['claude-sonnet-4-5-20250929'],
    prices: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cachedInput: 0.3, output: 15 },
    longContext: { aboveTokens: 200_000, prices: { input: 6, cacheWrite5m: 7.5, cacheWrite1h: 12, cachedInput: 0.6, output: 22.5 } },
    batchMultiplier: anthropicBatch, contextWindow: 1_000_000, maxOutputTokens: 64_000, minCacheableTokens: 1024,
    limitsSource: `${anthropicLimits}; 1M context with the context-1m beta header, 200K without`,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: legacyClaude,
    source: anthropicPage, asOf: factsDate,
  },
  {
    // Sonnet 4 had the same 1M-context beta and long-context rates as Sonnet 4.5 (Anthropic pricing page;
    // LiteLLM 2026-07-24 agrees). provider-facts.md names only Sonnet 4.5 for the tier.
    id: 'claude-sonnet-4', provider: 'anthropic', kind: 'chat', aliases: ['claude-sonnet-4-0', 'claude-4-sonnet-20250514'], snapshots: ['claude-sonnet-4-20250514'],
    prices: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cachedInput: 0.3, output: 15 },
    longContext: { aboveTokens: 200_000, prices: { input: 6, cacheWrite5m: 7.5, cacheWrite1h: 12, cachedInput: 0.6, output: 22.5 } },
    batchMultiplier: anthropicBatch, contextWindow: 1_000_000, maxOutputTokens: 64_000, minCacheableTokens: 1024,
    limitsSource: `${anthropicLimits}; 1M context with the context-1m beta header, 200K without`,
    capabilities: claudeThinking,
    // Same snapshot date and LiteLLM retirement date as Opus 4, which provider-facts.md lists as retired.
    lifecycle: { status: 'retired', retirementDate: '2026-05-14', source: 'LiteLLM model_prices 2026-07-24 deprecation_date' },
    tokenizer: legacyClaude,
    source: `${anthropicPage}; long-context tier: Anthropic pricing page and LiteLLM 2026-07-24`, asOf: factsDate,
  },
  {
    id: 'claude-3-7-sonnet', provider: 'anthropic', kind: 'chat', aliases: ['claude-3-7-sonnet-latest'], snapshots: ['claude-3-7-sonnet-20250219'],
    prices: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cachedInput: 0.3, output: 15 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 64_000, minCacheableTokens: 1024,
    limitsSource: anthropicLimits,
    capabilities: claudeThinking,
    lifecycle: { status: 'retired', retirementDate: '2026-02-19', source: anthropicDeprecations },
    tokenizer: legacyClaude, source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-3-5-sonnet', provider: 'anthropic', kind: 'chat', aliases: ['claude-3-5-sonnet-latest'],
    snapshots: ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-20240620'],
    prices: { input: 3, cacheWrite5m: 3.75, cacheWrite1h: 6, cachedInput: 0.3, output: 15 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 8192, minCacheableTokens: 1024,
    limitsSource: `${anthropicModels}; minimum cacheable prompt from Anthropic's prompt-caching docs (Sonnet models: 1,024)`,
    capabilities: claude3,
    lifecycle: { status: 'retired', retirementDate: '2025-10-22', source: anthropicDeprecations },
    tokenizer: legacyClaude, source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-haiku-5-5', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 0.1, cacheWrite5m: 0.125, cacheWrite1h: 0.2, cachedInput: 0.01, output: 0.5 },
    longContext: { aboveTokens: 100_000, prices: { input: 0.5, cacheWrite5m: 0.625, cacheWrite1h: 1, cachedInput: 0.05, output: 2.5 } },
    batchMultiplier: anthropicBatch,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: claude5,
    source: `${anthropicPage}; Haiku 5.5 released 2026-10-24`, asOf: '2026-10-24',
  },
  {
    id: 'claude-haiku-4-5', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: ['claude-haiku-4-5-20251001'],
    prices: { input: 1, cacheWrite5m: 1.25, cacheWrite1h: 2, cachedInput: 0.1, output: 5 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 64_000, minCacheableTokens: 4096,
    limitsSource: anthropicLimits,
    capabilities: { ...claudeThinking, structuredOutputs: true }, lifecycle: active, tokenizer: legacyClaude,
    source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-3-5-haiku', provider: 'anthropic', kind: 'chat', aliases: ['claude-3-5-haiku-latest'], snapshots: ['claude-3-5-haiku-20241022'],
    prices: { input: 0.8, cacheWrite5m: 1, cacheWrite1h: 1.6, cachedInput: 0.08, output: 4 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 8192, minCacheableTokens: 2048,
    limitsSource: anthropicLimits,
    capabilities: claude3,
    lifecycle: { status: 'retired', retirementDate: '2026-02-19', source: anthropicDeprecations },
    tokenizer: legacyClaude, source: anthropicPage, asOf: factsDate,
  },
  {
    id: 'claude-3-haiku', provider: 'anthropic', kind: 'chat', aliases: [], snapshots: ['claude-3-haiku-20240307'],
    prices: { input: 0.25, cacheWrite5m: 0.3, cacheWrite1h: 0.5, cachedInput: 0.03, output: 1.25 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 4096, minCacheableTokens: 2048,
    limitsSource: anthropicLimits,
    capabilities: claude3, lifecycle: active, tokenizer: legacyClaude, source: anthropicPage, asOf: factsDate,
  },
  {
    // The seed guides name Claude 3.x; Opus 3 was billed like Opus 4/4.1.
    id: 'claude-3-opus', provider: 'anthropic', kind: 'chat', aliases: ['claude-3-opus-latest'], snapshots: ['claude-3-opus-20240229'],
    prices: { input: 15, cacheWrite5m: 18.75, cacheWrite1h: 30, cachedInput: 1.5, output: 75 },
    batchMultiplier: anthropicBatch, contextWindow: 200_000, maxOutputTokens: 4096, minCacheableTokens: 1024,
    limitsSource: `${anthropicModels}; minimum cacheable prompt from Anthropic's prompt-caching docs (Opus models: 1,024)`,
    capabilities: claude3,
    lifecycle: { status: 'retired', retirementDate: '2026-01-05', source: anthropicDeprecations },
    tokenizer: legacyClaude,
    source: 'Anthropic pricing page (provider-facts.md: correct 1-h write is $30/M; LiteLLM lists $6/M)', asOf: factsDate,
  },
];

const gpt5Limits = { contextWindow: 400_000, maxInputTokens: 272_000, maxOutputTokens: 128_000, limitsSource: openAiModels };
// provider-facts.md lists the 272K tier (input and cache x2, output x1.5) for gpt-5.4 and gpt-6.1/6.2;
// LiteLLM lists the same rule for gpt-5.5 and gpt-5.6 (1.05M-context models), so it is applied to them.
const longContextLiteLLM = { source: 'LiteLLM model_prices 2026-07-24 (the gpt-5.4 272K rule: input and cache x2, output x1.5)', asOf: litellmDate };
const litellmLimits = { contextWindow: 1_050_000, maxOutputTokens: 128_000, limitsSource: 'LiteLLM model_prices 2026-07-24' };

const openai: ModelEntry[] = [
  {
    // gpt-6.1/6.2: above 272K input, input and cache x2, output x1.5 (provider-facts.md).
    id: 'gpt-6.2-sol', provider: 'openai', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 2, cachedInput: 0.1, cacheWrite5m: 2.5, output: 10 },
    longContext: { aboveTokens: 272_000, prices: { input: 4, cachedInput: 0.2, cacheWrite5m: 5, output: 15 } },
    batchMultiplier: openAiBatch, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiReleaseNotes, asOf: factsDate,
  },
  {
    id: 'gpt-6.1-sol', provider: 'openai', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 2, cachedInput: 0.1, cacheWrite5m: 2.5, output: 10 },
    longContext: { aboveTokens: 272_000, prices: { input: 4, cachedInput: 0.2, cacheWrite5m: 5, output: 15 } },
    batchMultiplier: openAiBatch, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiReleaseNotes, asOf: factsDate,
  },
  {
    id: 'gpt-6-sol', provider: 'openai', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 2, cachedInput: 0.2, cacheWrite5m: 2.5, output: 10 },
    batchMultiplier: openAiBatch, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiReleaseNotes, asOf: factsDate,
  },
  {
    // The release notes give no cache-write price for gpt-6-luna; 0.125 is OpenAI's 1.25x write rule (gpt-5.6+).
    id: 'gpt-6-luna', provider: 'openai', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 0.1, cachedInput: 0.01, cacheWrite5m: 0.125, output: 0.5 },
    batchMultiplier: openAiBatch, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k,
    source: `${openAiReleaseNotes}; cache write from the 1.25x rule`, asOf: factsDate,
  },
  {
    id: 'gpt-5.6-sol', provider: 'openai', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 5, cachedInput: 0.5, cacheWrite5m: 6.25, output: 30 },
    longContext: { aboveTokens: 272_000, prices: { input: 10, cachedInput: 1, cacheWrite5m: 12.5, output: 45 } },
    fieldSources: { longContext: longContextLiteLLM },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...litellmLimits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-5.5', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-5.5-2026-04-23'],
    prices: { input: 5, cachedInput: 0.5, output: 30 },
    longContext: { aboveTokens: 272_000, prices: { input: 10, cachedInput: 1, output: 45 } },
    fieldSources: { longContext: longContextLiteLLM },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...litellmLimits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    // Above 272K input tokens the whole request is billed at 2x input/cache, 1.5x output.
    id: 'gpt-5.4', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-5.4-2026-03-05'],
    prices: { input: 2.5, cachedInput: 0.25, output: 15 },
    longContext: { aboveTokens: 272_000, prices: { input: 5, cachedInput: 0.5, output: 22.5 } },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...litellmLimits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-5.4-mini', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-5.4-mini-2026-03-17'],
    prices: { input: 0.75, cachedInput: 0.075, output: 4.5 },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...litellmLimits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-5.2', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-5.2-2025-12-11'],
    prices: { input: 1.75, cachedInput: 0.175, output: 14 },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...gpt5Limits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-5.1', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-5.1-2025-11-13'],
    prices: { input: 1.25, cachedInput: 0.125, output: 10 },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...gpt5Limits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-5', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-5-2025-08-07'],
    prices: { input: 1.25, cachedInput: 0.125, output: 10 },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...gpt5Limits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-5-mini', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-5-mini-2025-08-07'],
    prices: { input: 0.25, cachedInput: 0.025, output: 2 },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...gpt5Limits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-5-nano', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-5-nano-2025-08-07'],
    prices: { input: 0.05, cachedInput: 0.005, output: 0.4 },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, ...gpt5Limits, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-4.1', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-4.1-2025-04-14'],
    prices: { input: 2, cachedInput: 0.5, output: 8 },
    batchMultiplier: openAiBatch, contextWindow: 1_047_576, maxOutputTokens: 32_768, limitsSource: openAiModels,
    minCacheableTokens: openAiMinCache,
    capabilities: chatNoReasoning, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-4.1-mini', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-4.1-mini-2025-04-14'],
    prices: { input: 0.4, cachedInput: 0.1, output: 1.6 },
    batchMultiplier: openAiBatch, contextWindow: 1_047_576, maxOutputTokens: 32_768, limitsSource: openAiModels,
    minCacheableTokens: openAiMinCache,
    capabilities: chatNoReasoning, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-4.1-nano', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-4.1-nano-2025-04-14'],
    prices: { input: 0.1, cachedInput: 0.025, output: 0.4 },
    batchMultiplier: openAiBatch, contextWindow: 1_047_576, maxOutputTokens: 32_768, limitsSource: openAiModels,
    minCacheableTokens: openAiMinCache,
    capabilities: chatNoReasoning, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'gpt-4o', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-4o-2024-08-06', 'gpt-4o-2024-11-20'],
    prices: { input: 2.5, cachedInput: 1.25, output: 10 },
    batchMultiplier: openAiBatch, contextWindow: 128_000, maxOutputTokens: 16_384, limitsSource: openAiModels,
    minCacheableTokens: openAiMinCache,
    capabilities: chatNoReasoning, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    // The first gpt-4o snapshot kept its launch price and has no cached-input discount or Structured Outputs.
    id: 'gpt-4o-2024-05-13', provider: 'openai', kind: 'chat', aliases: [], snapshots: [],
    prices: { input: 5, output: 15 },
    batchMultiplier: openAiBatch, contextWindow: 128_000, maxOutputTokens: 4096, limitsSource: openAiModels,
    capabilities: { ...chatNoReasoning, structuredOutputs: false }, lifecycle: active, tokenizer: o200k,
    source: openAiPageLiteLLM, asOf: litellmDate,
  },
  {
    id: 'gpt-4o-mini', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-4o-mini-2024-07-18'],
    prices: { input: 0.15, cachedInput: 0.075, output: 0.6 },
    batchMultiplier: openAiBatch, contextWindow: 128_000, maxOutputTokens: 16_384, limitsSource: openAiModels,
    minCacheableTokens: openAiMinCache,
    capabilities: chatNoReasoning, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'o4-mini', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['o4-mini-2025-04-16'],
    prices: { input: 1.1, cachedInput: 0.275, output: 4.4 },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, contextWindow: 200_000, maxOutputTokens: 100_000,
    limitsSource: openAiModels, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'o3', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['o3-2025-04-16'],
    prices: { input: 2, cachedInput: 0.5, output: 8 },
    batchMultiplier: openAiBatch, flexMultiplier: openAiFlex, contextWindow: 200_000, maxOutputTokens: 100_000,
    limitsSource: openAiModels, minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'o3-mini', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['o3-mini-2025-01-31'],
    prices: { input: 1.1, cachedInput: 0.55, output: 4.4 },
    batchMultiplier: openAiBatch, contextWindow: 200_000, maxOutputTokens: 100_000, limitsSource: openAiModels,
    minCacheableTokens: openAiMinCache,
    capabilities: { ...allCapabilities, vision: false }, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'o1', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['o1-2024-12-17'],
    prices: { input: 15, cachedInput: 7.5, output: 60 },
    batchMultiplier: openAiBatch, contextWindow: 200_000, maxOutputTokens: 100_000, limitsSource: openAiModels,
    minCacheableTokens: openAiMinCache,
    capabilities: allCapabilities, lifecycle: active, tokenizer: o200k, source: openAiPage, asOf: factsDate,
  },
  {
    id: 'o1-preview', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['o1-preview-2024-09-12'],
    prices: { input: 15, cachedInput: 7.5, output: 60 },
    contextWindow: 128_000, maxOutputTokens: 32_768, limitsSource: openAiModels, minCacheableTokens: openAiMinCache,
    capabilities: { tools: false, structuredOutputs: false, vision: false, reasoning: true },
    lifecycle: { status: 'retired', retirementDate: '2025-07-28', source: openAiDeprecations }, tokenizer: o200k,
    source: 'https://platform.openai.com/docs/pricing as last listed before retirement; cached input since prompt caching launched 2024-10-01', asOf: '2024-10-01',
  },
  {
    id: 'o1-mini', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['o1-mini-2024-09-12'],
    prices: { input: 1.1, cachedInput: 0.55, output: 4.4 },
    contextWindow: 128_000, maxOutputTokens: 65_536, limitsSource: openAiModels, minCacheableTokens: openAiMinCache,
    capabilities: { tools: false, structuredOutputs: false, vision: false, reasoning: true },
    lifecycle: { status: 'retired', retirementDate: '2025-10-27', source: openAiDeprecations }, tokenizer: o200k,
    source: 'https://platform.openai.com/docs/pricing as last listed before retirement (price cut with o3-mini, 2025-01-31)', asOf: '2025-01-31',
  },
  {
    id: 'gpt-4-turbo', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-4-turbo-2024-04-09'],
    prices: { input: 10, output: 30 },
    batchMultiplier: openAiBatch, contextWindow: 128_000, maxOutputTokens: 4096, limitsSource: openAiModels,
    capabilities: { tools: true, structuredOutputs: false, vision: true, reasoning: false },
    lifecycle: { status: 'legacy' }, tokenizer: cl100k,
    source: `${openAiPage}, legacy models`, asOf: factsDate,
  },
  {
    id: 'gpt-4', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-4-0613'],
    prices: { input: 30, output: 60 },
    batchMultiplier: openAiBatch, contextWindow: 8192, maxOutputTokens: 8192, limitsSource: openAiModels,
    capabilities: { tools: true, structuredOutputs: false, vision: false, reasoning: false },
    lifecycle: { status: 'legacy' }, tokenizer: cl100k,
    source: `${openAiPageLiteLLM}, legacy models`, asOf: litellmDate,
  },
  {
    id: 'gpt-3.5-turbo', provider: 'openai', kind: 'chat', aliases: [], snapshots: ['gpt-3.5-turbo-0125'],
    prices: { input: 0.5, output: 1.5 },
    batchMultiplier: openAiBatch, contextWindow: 16_385, maxOutputTokens: 4096, limitsSource: openAiModels,
    capabilities: { tools: true, structuredOutputs: false, vision: false, reasoning: false },
    lifecycle: { status: 'legacy' }, tokenizer: cl100k,
    source: `${openAiPage}, legacy models`, asOf: factsDate,
  },
  {
    // Embedding prices since "New embedding models and API updates" (OpenAI, 2024-01-25); unchanged in LiteLLM 2026-07-24.
    id: 'text-embedding-3-small', provider: 'openai', kind: 'embedding', aliases: [], snapshots: [],
    prices: { input: 0.02, output: 0 },
    batchMultiplier: openAiBatch, contextWindow: 8191, limitsSource: openAiModels,
    capabilities: { tools: false, structuredOutputs: false, vision: false, reasoning: false },
    lifecycle: active, tokenizer: cl100k,
    source: 'https://openai.com/index/new-embedding-models-and-api-updates/; https://platform.openai.com/docs/pricing; LiteLLM 2026-07-24', asOf: litellmDate,
  },
  {
    id: 'text-embedding-3-large', provider: 'openai', kind: 'embedding', aliases: [], snapshots: [],
    prices: { input: 0.13, output: 0 },
    batchMultiplier: openAiBatch, contextWindow: 8191, limitsSource: openAiModels,
    capabilities: { tools: false, structuredOutputs: false, vision: false, reasoning: false },
    lifecycle: active, tokenizer: cl100k,
    source: 'https://openai.com/index/new-embedding-models-and-api-updates/; https://platform.openai.com/docs/pricing; LiteLLM 2026-07-24', asOf: litellmDate,
  },
  {
    id: 'text-embedding-ada-002', provider: 'openai', kind: 'embedding', aliases: [], snapshots: [],
    prices: { input: 0.1, output: 0 },
    batchMultiplier: openAiBatch, contextWindow: 8191, limitsSource: openAiModels,
    capabilities: { tools: false, structuredOutputs: false, vision: false, reasoning: false },
    lifecycle: { status: 'legacy' }, tokenizer: cl100k,
    source: 'https://platform.openai.com/docs/pricing (legacy embedding model); LiteLLM 2026-07-24', asOf: litellmDate,
  },
];

/** The built-in entries, unvalidated; load them through `builtinCatalog()`. */
export const builtinCatalogData: readonly ModelEntry[] = [...anthropic, ...openai];
