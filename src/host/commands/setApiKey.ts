import * as vscode from 'vscode';
import { keyFormatProblem } from '../../core/secrets/apiKeyFormat';
import type { SettingsStore } from '../config/settingsStore';
import type { ApiKeys } from '../secrets/apiKeys';
import { CommandId } from './commandIds';
import { isProvider, pickProvider } from './pickProvider';

/**
 * Tokenwise: Set API Key. Arguments (provider, key) skip the prompts, for keybindings and tests;
 * the key is still checked and never echoed. Offers OpenAI, Anthropic and the configured
 * OpenAI-compatible providers.
 */
export function registerSetApiKey(keys: ApiKeys, settings: SettingsStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.SetApiKey, async (providerArg?: unknown, keyArg?: unknown) => {
    const provider = await pickProvider(providerArg, 'Which provider is this key for?', settings);
    if (!provider) return false;
    const id = provider.id;
    const key = typeof keyArg === 'string' ? keyArg : await vscode.window.showInputBox({
      title: `${provider.label} API key`,
      prompt: provider.keyOptional
        ? 'Stored in VS Code\'s SecretStorage, never in settings or logs. Local servers such as Ollama need none.'
        : 'Stored in VS Code\'s SecretStorage, never in settings or logs.',
      password: true,
      ignoreFocusOut: true,
      // Only OpenAI and Anthropic keys have a known shape.
      validateInput: (value) => {
        const problem = isProvider(id) ? keyFormatProblem(id, value) : undefined;
        return problem ? { message: problem, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
      },
    });
    if (key === undefined || key.trim() === '') return false;
    await keys.set(id, key);
    void vscode.window.showInformationMessage(`Tokenwise: ${provider.label} API key saved.`);
    return true;
  });
}
