import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import type { Provider } from '../../core/request/llmRequest';
import { keyEnvVar, providerLabel } from '../../core/secrets/apiKeyFormat';
import { parseDotenv } from '../../core/secrets/dotenv';

export type KeySource = 'secret-storage' | 'environment' | 'dotenv';

/**
 * Provider API keys. Stored only in VS Code's SecretStorage (the OS keychain on desktop). In a
 * trusted workspace a key may also come from the environment or the workspace's .env file, as
 * the SDKs themselves would find it; in an untrusted one neither is read.
 * Keys are never logged: the log only says which source a key came from.
 */
export class ApiKeys implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Provider>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Logger) {
    this.subscription = secrets.onDidChange((e) => {
      for (const provider of ['openai', 'anthropic'] as const) if (e.key === storageKey(provider)) this.changed.fire(provider);
    });
  }

  async set(provider: Provider, key: string): Promise<void> {
    await this.secrets.store(storageKey(provider), key.trim());
    this.log.info(`${providerLabel[provider]} API key saved in SecretStorage.`);
  }

  async clear(provider: Provider): Promise<void> {
    await this.secrets.delete(storageKey(provider));
    this.log.info(`${providerLabel[provider]} API key removed from SecretStorage.`);
  }

  async source(provider: Provider): Promise<KeySource | undefined> {
    return (await this.lookup(provider))?.source;
  }

  async get(provider: Provider): Promise<string | undefined> {
    return (await this.lookup(provider))?.key;
  }

  private async lookup(provider: Provider): Promise<{ key: string; source: KeySource } | undefined> {
    const stored = await this.secrets.get(storageKey(provider));
    if (stored) return { key: stored, source: 'secret-storage' };
    if (!vscode.workspace.isTrusted) return undefined;
    const fromEnv = process.env[keyEnvVar[provider]];
    if (fromEnv) return { key: fromEnv, source: 'environment' };
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.env'));
        const key = parseDotenv(new TextDecoder().decode(bytes)).get(keyEnvVar[provider]);
        if (key) return { key, source: 'dotenv' };
      } catch {
        // No .env in this folder.
      }
    }
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function storageKey(provider: Provider): string {
  return `tokenwise.apiKey.${provider}`;
}
