import * as vscode from 'vscode';
import type { SettingsStore } from '../config/settingsStore';
import type { ApiKeys } from '../secrets/apiKeys';
import { CommandId } from './commandIds';
import { pickProvider } from './pickProvider';

export function registerClearApiKey(keys: ApiKeys, settings: SettingsStore): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ClearApiKey, async (providerArg?: unknown) => {
    const provider = await pickProvider(providerArg, 'Remove the API key of which provider?', settings);
    if (!provider) return false;
    await keys.clear(provider.id);
    const left = await keys.source(provider.id);
    // A key from the environment or .env still applies after the stored one is gone: say so.
    const note = left ? ` A key from the ${left === 'dotenv' ? 'workspace .env file' : 'environment'} still applies.` : '';
    void vscode.window.showInformationMessage(`Tokenwise: ${provider.label} API key removed from SecretStorage.${note}`);
    return true;
  });
}
