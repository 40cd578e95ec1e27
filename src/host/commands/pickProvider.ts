import * as vscode from 'vscode';
import type { Provider } from '../../core/request/llmRequest';
import { compatibleProviders } from '../../core/runtime/runtimeConfig';
import { providerLabel } from '../../core/secrets/apiKeyFormat';
import type { SettingsStore } from '../config/settingsStore';

export function isProvider(value: unknown): value is Provider {
  return value === 'openai' || value === 'anthropic';
}

export interface KeyProviderChoice {
  id: string;
  label: string;
  /** Local OpenAI-compatible servers (Ollama, LM Studio) usually need no key. */
  keyOptional: boolean;
}

/** OpenAI, Anthropic and the OpenAI-compatible providers configured in tokenwise.providers.openaiCompatible. */
export function keyProviders(settings: SettingsStore): KeyProviderChoice[] {
  return [
    ...(['openai', 'anthropic'] as const).map((id) => ({ id, label: providerLabel[id], keyOptional: false })),
    ...compatibleProviders(settings.settings).map((p) => ({ id: p.id, label: p.label ?? p.id, keyOptional: true })),
  ];
}

/** The provider a key command acts on: its argument when given (keybindings, tests), else a quick pick. */
export async function pickProvider(arg: unknown, placeHolder: string, settings: SettingsStore): Promise<KeyProviderChoice | undefined> {
  const providers = keyProviders(settings);
  const given = providers.find((p) => p.id === arg);
  if (given) return given;
  const picked = await vscode.window.showQuickPick(
    providers.map((p) => ({ label: p.label, description: p.keyOptional ? `OpenAI-compatible (${p.id}), key optional` : undefined, provider: p })),
    { placeHolder },
  );
  return picked?.provider;
}
