import type { ModelEntry, PriceSet } from './catalogSchema';
import { claudeGeneration } from '../tokens/claudeModels';
import { encodingForModel } from '../tokens/openAiEncodings';
import type { ClaudeGeneration, OpenAiEncoding } from '../tokens/tokenTypes';

// Provider price ratios (docs/provider-facts.md, gathered 2026-11-24). Cache prices are fixed
// multiples of the input price, so checking the ratio catches a mistyped number, in our data
// as in community data (LiteLLM lists claude-3-haiku's 1-h write at $6/M instead of $0.50).

type CacheField = 'cachedInput' | 'cacheWrite5m' | 'cacheWrite1h';

interface RatioRule {
  field: CacheField;
  ratio: number;
  why: string;
}

const anthropicPage = 'Anthropic pricing page';

function anthropicRules(id: string): RatioRule[] {
  // Haiku 3's published cache prices ($0.30 write, $0.03 read on $0.25 input) predate the ratio rule.
  if (/claude-3-haiku/.test(id)) {
    return [
      { field: 'cacheWrite5m', ratio: 1.2, why: `${anthropicPage}: Haiku 3 5-min write $0.30 on $0.25 input` },
      { field: 'cacheWrite1h', ratio: 2, why: `${anthropicPage}: 1-h write = 2x input` },
      { field: 'cachedInput', ratio: 0.12, why: `${anthropicPage}: Haiku 3 read $0.03 on $0.25 input` },
    ];
  }
  // The 5.5 generation of Sonnet and Opus cut the read price to 0.05x (Sonnet 5.5 on 2026-10-07).
  const read = /claude-(sonnet|opus)-5-5/.test(id) ? 0.05 : 0.1;
  return [
    { field: 'cacheWrite5m', ratio: 1.25, why: `${anthropicPage}: 5-min write = 1.25x input` },
    { field: 'cacheWrite1h', ratio: 2, why: `${anthropicPage}: 1-h write = 2x input` },
    { field: 'cachedInput', ratio: read, why: `${anthropicPage}: cache read = ${read}x input` },
  ];
}

/** OpenAI's cached-input discount by model family; undefined for a family whose ratio is not documented. */
export function openAiCachedReadRatio(id: string): number | undefined {
  const families: [RegExp, number][] = [
    [/^gpt-6\.\d/, 0.05],
    [/^gpt-6-/, 0.1],
    [/^gpt-5/, 0.1],
    [/^gpt-4\.1/, 0.25],
    [/^(gpt-4o|chatgpt-4o)/, 0.5],
    [/^o1/, 0.5],
    [/^o3-mini/, 0.5],
    [/^o3/, 0.25],
    [/^o4-mini/, 0.25],
  ];
  return families.find(([pattern]) => pattern.test(id))?.[1];
}

function openAiRules(id: string): RatioRule[] {
  const rules: RatioRule[] = [
    // OpenAI bills cache writes (gpt-5.6 and later) at 1.25x input.
    { field: 'cacheWrite5m', ratio: 1.25, why: 'OpenAI: cache writes = 1.25x input (gpt-5.6 and later)' },
  ];
  const read = openAiCachedReadRatio(id);
  if (read !== undefined) rules.push({ field: 'cachedInput', ratio: read, why: `OpenAI: cached input = ${read}x input for this family` });
  return rules;
}

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

function checkTier(id: string, provider: ModelEntry['provider'], prices: PriceSet, tier: string): string[] {
  const problems: string[] = [];
  const rules = provider === 'anthropic' ? anthropicRules(id) : openAiRules(id);
  for (const rule of rules) {
    const value = prices[rule.field];
    if (value === undefined) continue;
    if (!close(value, prices.input * rule.ratio)) {
      const actual = prices.input > 0 ? `${+(value / prices.input).toFixed(4)}x` : 'with a zero input price';
      problems.push(`${tier}${rule.field} $${value}/M is ${actual} input $${prices.input}/M; expected ${rule.ratio}x (${rule.why})`);
    }
  }
  if (prices.cachedInput !== undefined && prices.cachedInput > prices.input) {
    problems.push(`${tier}cachedInput $${prices.cachedInput}/M is above input $${prices.input}/M`);
  }
  return problems;
}

/** Every way the prices of an entry break the providers' ratio rules (empty when they are consistent). */
export function checkPriceRules(entry: Pick<ModelEntry, 'id' | 'provider' | 'prices' | 'longContext'>): string[] {
  const problems = checkTier(entry.id, entry.provider, entry.prices, '');
  if (entry.longContext) {
    problems.push(...checkTier(entry.id, entry.provider, entry.longContext.prices, `above ${entry.longContext.aboveTokens} tokens: `));
    if (entry.longContext.prices.input < entry.prices.input) problems.push('the long-context tier is cheaper than the base tier');
  }
  return problems;
}

/**
 * The Claude tokenizer generation a catalog entry must declare: the token engine's mapping, so
 * the catalog and the counter can never disagree.
 */
export function claudeTokenizerGeneration(id: string): ClaudeGeneration {
  return claudeGeneration(id) ?? 'claude-5';
}

/** The tiktoken encoding a catalog entry must declare: the token engine's mapping. */
export function openAiEncoding(id: string): OpenAiEncoding {
  return encodingForModel(id) ?? 'o200k_base';
}
