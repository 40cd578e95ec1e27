import { z } from 'zod';

// The one schema for every `tokenwise.*` setting. package.json's `contributes.configuration`
// declares the same keys and defaults for the Settings UI; a unit test keeps the two in step.
// Each key is validated on its own so one bad value falls back to its default without
// discarding the user's other settings.

const count = (def: number, max: number) => z.number().finite().int().min(0).max(max).default(def);
/** A dollar cap; 0 means no cap. */
const usd = () => z.number().finite().min(0).max(1_000_000_000).default(0);
/** "model" or "provider:model". */
const target = z.string().min(1).max(200);

export const settingsShape = {
  'analysis.exclude': z.array(z.string().min(1)).default(['**/node_modules/**', '**/.venv/**', '**/dist/**', '**/build/**']),
  'analysis.maxFileSizeKB': z.number().finite().min(1).max(102_400).default(1024),
  'cost.assumedPlaceholderTokens': count(50, 1_000_000),
  'cost.expectedOutputTokens': count(500, 1_000_000),
  'cost.defaultCallsPerDay': z.number().finite().min(0).max(100_000_000).default(0),
  logLevel: z.enum(['off', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  'codeLens.enabled': z.boolean().default(true),
  'diagnostics.enabled': z.boolean().default(true),
  rules: z.record(z.string().min(1), z.enum(['off', 'info', 'warning', 'error'])).default({}),
  suggestOtherProvider: z.boolean().default(false),
  'tokens.exactClaudeCounts': z.boolean().default(false),
  'budget.dailyUsd': usd(),
  'budget.monthlyUsd': usd(),
  'budget.workspaceDailyUsd': usd(),
  'budget.workspaceMonthlyUsd': usd(),
  'budget.alertThresholds': z.array(z.number().finite().gt(0).max(1000)).max(10).default([50, 80, 100]),
  'budget.hardStop': z.boolean().default(true),
  'cache.enabled': z.boolean().default(true),
  'cache.ttlMinutes': z.number().finite().min(1).max(525_600).default(1440),
  'cache.maxEntries': z.number().finite().int().min(1).max(1_000_000).default(1000),
  'cache.maxSizeMB': z.number().finite().min(1).max(10_240).default(20),
  'retry.enabled': z.boolean().default(true),
  'retry.maxAttempts': z.number().finite().int().min(1).max(20).default(3),
  'retry.baseDelayMs': z.number().finite().int().min(0).max(600_000).default(500),
  'retry.maxDelayMs': z.number().finite().int().min(0).max(600_000).default(8000),
  'retry.maxTotalWaitSeconds': z.number().finite().min(0).max(3600).default(60),
  'circuitBreaker.enabled': z.boolean().default(true),
  'circuitBreaker.failureThreshold': z.number().finite().int().min(1).max(1000).default(5),
  'circuitBreaker.coolDownSeconds': z.number().finite().min(1).max(86_400).default(30),
  rateLimits: z
    .record(z.string().min(1), z.object({
      requestsPerMinute: z.number().finite().gt(0).optional(),
      tokensPerMinute: z.number().finite().gt(0).optional(),
    }).strict())
    .default({}),
  'fallback.chains': z.record(target, z.array(target).max(10)).default({}),
  'fallback.immediatelyOnOverload': z.boolean().default(false),
  'providers.openaiCompatible': z
    .array(z.object({
      id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
      label: z.string().min(1).max(80).optional(),
      baseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
      models: z.array(z.string().min(1)).max(200).optional(),
    }).strict())
    .max(20)
    .default([]),
  'proxy.port': z.number().finite().int().min(0).max(65_535).default(8787),
  'spend.showStatusBar': z.boolean().default(true),
} as const;

export type SettingKey = keyof typeof settingsShape;
export type Settings = { [K in SettingKey]: z.output<(typeof settingsShape)[K]> };

export interface SettingProblem {
  key: SettingKey;
  value: unknown;
  message: string;
}

export const settingKeys = Object.keys(settingsShape) as SettingKey[];

export function defaultSettings(): Settings {
  return parseSettings({}).settings;
}

/**
 * Validates raw setting values (as read from the host, `undefined` for unset keys).
 * Invalid values fall back to their defaults and come back as problems for the log.
 */
export function parseSettings(raw: Partial<Record<SettingKey, unknown>>): { settings: Settings; problems: SettingProblem[] } {
  const settings: Record<string, unknown> = {};
  const problems: SettingProblem[] = [];
  for (const key of settingKeys) {
    const schema = settingsShape[key];
    const result = schema.safeParse(raw[key]);
    if (result.success) {
      settings[key] = result.data;
    } else {
      settings[key] = schema.parse(undefined);
      problems.push({ key, value: raw[key], message: result.error.issues.map((i) => i.message).join('; ') });
    }
  }
  return { settings: settings as Settings, problems };
}
