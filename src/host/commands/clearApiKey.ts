import * as vscode from 'vscode';
import { providerLabel } from '../../core/secrets/apiKeyFormat';
import type { ApiKeys } from '../secrets/apiKeys';
import { CommandId } from './commandIds';
import { pickProvider } from './pickProvider';

export function registerClearApiKey(keys: ApiKeys): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ClearApiKey, async (providerArg?: unknown) => {
    const provider = await pickProvider(providerArg, 'Remove the API key of which provider?');
    if (!provider) return false;
    await keys.clear(provider);
    const left = await keys.source(provider);
    // A key from the environment or .env still applies after the stored one is gone: say so.
    const note = left ? ` A key from the ${left === 'dotenv' ? 'workspace .env file' : 'environment'} still applies.` : '';
    void vscode.window.showInformationMessage(`Tokenwise: ${providerLabel[provider]} API key removed from SecretStorage.${note}`);
    return true;
  });
}
