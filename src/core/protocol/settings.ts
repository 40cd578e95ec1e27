import { z } from 'zod';

// The one schema for every `tokenwise.*` setting. package.json's `contributes.configuration`
// declares the same keys and defaults for the Settings UI; a unit test keeps the two in step.
// Each key is validated on its own so one bad value falls back to its default without
// discarding the user's other settings.

const count = (def: number, max: number) => z.number().finite().int().min(0).max(max).default(def);

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
