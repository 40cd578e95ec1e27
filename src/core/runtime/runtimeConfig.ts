// Maps the `tokenwise.*` settings to the pipeline's step options. Pure, so the mapping (each step
// off-switchable, defaults equal to the steps' own defaults, bad fallback targets reported) is
// unit-tested without VS Code; the host adds transports, prices and the ledger.
import type { Settings } from '../protocol/settings';
import type { SpendSource } from './budget';
import type { RuntimeApi, RuntimeTarget } from './nativeParams';
import type { PipelineOptions } from './pipeline';

export type PipelineStepOptions = Pick<PipelineOptions, 'budget' | 'cache' | 'limits' | 'breaker' | 'retry' | 'fallback'>;

export interface RuntimeConfigEnvironment {
  /** Where the response cache persists (the extension's global storage). */
  cacheDir: string;
  /** What the budget guard reads spend from (the ledger). */
  spend: SpendSource;
  /** The provider of a bare model id, from the price catalog; undefined when the catalog does not know it. */
  catalogProvider(model: string): string | undefined;
}

export interface RuntimeConfig {
  options: PipelineStepOptions;
  /** One sentence per setting value that was ignored, for the log. */
  problems: string[];
}

/** The settings the pipeline is built from: a change to any other setting leaves it as it is. */
export const runtimeSettingKeys = [
  'cache.enabled', 'cache.ttlMinutes', 'cache.maxEntries', 'cache.maxSizeMB',
  'retry.enabled', 'retry.maxAttempts', 'retry.baseDelayMs', 'retry.maxDelayMs', 'retry.maxTotalWaitSeconds',
  'circuitBreaker.enabled', 'circuitBreaker.failureThreshold', 'circuitBreaker.coolDownSeconds',
  'rateLimits', 'fallback.chains', 'fallback.immediatelyOnOverload',
  'budget.dailyUsd', 'budget.monthlyUsd', 'budget.workspaceDailyUsd', 'budget.workspaceMonthlyUsd', 'budget.hardStop',
  'providers.openaiCompatible',
] as const satisfies readonly (keyof Settings)[];

/** The API a provider's transport speaks: Anthropic's messages; OpenAI and every compatible server chat completions. */
export function apiOfProvider(provider: string): RuntimeApi {
  return provider === 'anthropic' ? 'messages' : 'chat';
}

export type CompatibleProvider = Settings['providers.openaiCompatible'][number];

const builtInProviders = ['openai', 'anthropic'];

/** The configured OpenAI-compatible providers, without any that reuses a built-in or an earlier id. */
export function compatibleProviders(settings: Settings): CompatibleProvider[] {
  const seen = new Set(builtInProviders);
  return settings['providers.openaiCompatible'].filter((p) => !seen.has(p.id) && seen.add(p.id));
}

/** Provider ids with a transport: the two built in and the configured OpenAI-compatible ones. */
export function providerIds(settings: Settings): string[] {
  return [...builtInProviders, ...compatibleProviders(settings).map((p) => p.id)];
}

/**
 * A fallback target: "provider:model" when the part before the first colon is a known provider
 * (model ids may contain colons, e.g. Ollama's "llama3:8b"), else a bare model whose provider
 * comes from the catalog or from a compatible provider's model list.
 */
export function parseTarget(text: string, settings: Settings, catalogProvider: (model: string) => string | undefined): RuntimeTarget | string {
  const known = providerIds(settings);
  const colon = text.indexOf(':');
  const prefix = colon > 0 ? text.slice(0, colon) : undefined;
  if (prefix !== undefined && known.includes(prefix)) {
    const model = text.slice(colon + 1).trim();
    if (!model) return `"${text}" names no model after "${prefix}:"`;
    return { provider: prefix, model, api: apiOfProvider(prefix) };
  }
  const model = text.trim();
  const provider = catalogProvider(model) ?? compatibleProviders(settings).find((p) => p.models?.includes(model))?.id;
  if (!provider || !known.includes(provider)) {
    return `"${text}" is not a model in the price catalog or a configured provider's models: write it as "provider:model" (providers: ${known.join(', ')})`;
  }
  return { provider, model, api: apiOfProvider(provider) };
}

function fallbackOptions(settings: Settings, env: RuntimeConfigEnvironment, problems: string[]): PipelineStepOptions['fallback'] {
  const chains: Record<string, RuntimeTarget[]> = {};
  for (const [from, targets] of Object.entries(settings['fallback.chains'])) {
    const parsed: RuntimeTarget[] = [];
    for (const text of targets) {
      const target = parseTarget(text, settings, env.catalogProvider);
      if (typeof target === 'string') problems.push(`tokenwise.fallback.chains["${from}"]: ${target}; skipped`);
      else parsed.push(target);
    }
    if (parsed.length > 0) chains[from] = parsed;
  }
  if (Object.keys(chains).length === 0) return false;
  return { chains, immediatelyOnOverload: settings['fallback.immediatelyOnOverload'] };
}

function budgetOptions(settings: Settings, env: RuntimeConfigEnvironment): PipelineStepOptions['budget'] {
  // 0 means no cap (the settings' documented convention).
  const cap = (usd: number): number | undefined => (usd > 0 ? usd : undefined);
  const caps = (dailyUsd: number, monthlyUsd: number) => {
    const daily = cap(dailyUsd);
    const monthly = cap(monthlyUsd);
    return daily === undefined && monthly === undefined ? undefined : { ...(daily !== undefined ? { dailyUsd: daily } : {}), ...(monthly !== undefined ? { monthlyUsd: monthly } : {}) };
  };
  const global = caps(settings['budget.dailyUsd'], settings['budget.monthlyUsd']);
  const perWorkspace = caps(settings['budget.workspaceDailyUsd'], settings['budget.workspaceMonthlyUsd']);
  if (!global && !perWorkspace) return false;
  return { settings: { ...(global ? { global } : {}), ...(perWorkspace ? { perWorkspace } : {}), hardStop: settings['budget.hardStop'] }, spend: env.spend };
}

export function runtimeConfig(settings: Settings, env: RuntimeConfigEnvironment): RuntimeConfig {
  const problems: string[] = [];
  const limits = settings.rateLimits;
  const options: PipelineStepOptions = {
    budget: budgetOptions(settings, env),
    cache: settings['cache.enabled'] && {
      dir: env.cacheDir,
      settings: { ttlMs: settings['cache.ttlMinutes'] * 60_000, maxEntries: settings['cache.maxEntries'], maxBytes: Math.round(settings['cache.maxSizeMB'] * 1024 * 1024) },
    },
    limits: Object.keys(limits).length > 0 && limits,
    breaker: settings['circuitBreaker.enabled'] && {
      failureThreshold: settings['circuitBreaker.failureThreshold'],
      coolDownMs: settings['circuitBreaker.coolDownSeconds'] * 1000,
    },
    retry: settings['retry.enabled'] && {
      maxAttempts: settings['retry.maxAttempts'],
      baseDelayMs: settings['retry.baseDelayMs'],
      maxDelayMs: settings['retry.maxDelayMs'],
      maxTotalWaitMs: settings['retry.maxTotalWaitSeconds'] * 1000,
    },
    fallback: fallbackOptions(settings, env, problems),
  };
  const compatible = compatibleProviders(settings);
  for (const p of settings['providers.openaiCompatible']) {
    if (!compatible.includes(p)) problems.push(`tokenwise.providers.openaiCompatible: the id "${p.id}" is already taken (by a built-in or an earlier entry); the entry for ${p.baseUrl} is ignored`);
  }
  for (const provider of Object.keys(limits)) {
    if (!providerIds(settings).includes(provider)) problems.push(`tokenwise.rateLimits["${provider}"]: no such provider (providers: ${providerIds(settings).join(', ')}); it limits nothing`);
  }
  return { options, problems };
}
