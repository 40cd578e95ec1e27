import * as vscode from 'vscode';
import type { Provider } from '../../core/request/llmRequest';
import { providerLabel } from '../../core/secrets/apiKeyFormat';

export function isProvider(value: unknown): value is Provider {
  return value === 'openai' || value === 'anthropic';
}

/** The provider a command acts on: its argument when given (keybindings, tests), else a quick pick. */
export async function pickProvider(arg: unknown, placeHolder: string): Promise<Provider | undefined> {
  if (isProvider(arg)) return arg;
  const picked = await vscode.window.showQuickPick(
    (['openai', 'anthropic'] as const).map((p) => ({ label: providerLabel[p], provider: p })),
    { placeHolder },
  );
  return picked?.provider;
}
