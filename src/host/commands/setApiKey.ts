import * as vscode from 'vscode';
import { keyFormatProblem, providerLabel } from '../../core/secrets/apiKeyFormat';
import type { ApiKeys } from '../secrets/apiKeys';
import { CommandId } from './commandIds';
import { pickProvider } from './pickProvider';

/**
 * Tokenwise: Set API Key. Arguments (provider, key) skip the prompts, for keybindings and tests;
 * the key is still checked and never echoed.
 */
export function registerSetApiKey(keys: ApiKeys): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.SetApiKey, async (providerArg?: unknown, keyArg?: unknown) => {
    const provider = await pickProvider(providerArg, 'Which provider is this key for?');
    if (!provider) return false;
    const key = typeof keyArg === 'string' ? keyArg : await vscode.window.showInputBox({
      title: `${providerLabel[provider]} API key`,
      prompt: 'Stored in VS Code\'s SecretStorage, never in settings or logs.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (keyFormatProblem(provider, value)
        ? { message: keyFormatProblem(provider, value) as string, severity: vscode.InputBoxValidationSeverity.Warning }
        : undefined),
    });
    if (key === undefined || key.trim() === '') return false;
    await keys.set(provider, key);
    void vscode.window.showInformationMessage(`Tokenwise: ${providerLabel[provider]} API key saved.`);
    return true;
  });
}
