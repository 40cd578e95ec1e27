import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import type { Provider } from '../../core/request/llmRequest';
import { keyEnvVar, providerLabel } from '../../core/secrets/apiKeyFormat';
import { parseDotenv } from '../../core/secrets/dotenv';

export type KeySource = 'secret-storage' | 'environment' | 'dotenv';

const storagePrefix = 'tokenwise.apiKey.';

function isBuiltIn(provider: string): provider is Provider {
  return provider === 'openai' || provider === 'anthropic';
}

/**
 * Provider API keys, by provider id: 'openai', 'anthropic', or a configured OpenAI-compatible
 * provider's id. Stored only in VS Code's SecretStorage (the OS keychain on desktop). In a
 * trusted workspace an OpenAI or Anthropic key may also come from the environment or the
 * workspace's .env file, as the SDKs themselves would find it; in an untrusted one neither is
 * read (compatible providers have no standard variable). Keys are never logged: the log only
 * says which source a key came from.
 */
export class ApiKeys implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Logger) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(storagePrefix)) this.changed.fire(e.key.slice(storagePrefix.length));
    });
  }

  async set(provider: string, key: string): Promise<void> {
    await this.secrets.store(storageKey(provider), key.trim());
    this.log.info(`${labelOf(provider)} API key saved in SecretStorage.`);
  }

  async clear(provider: string): Promise<void> {
    await this.secrets.delete(storageKey(provider));
    this.log.info(`${labelOf(provider)} API key removed from SecretStorage.`);
  }

  async source(provider: string): Promise<KeySource | undefined> {
    return (await this.lookup(provider))?.source;
  }

  async get(provider: string): Promise<string | undefined> {
    return (await this.lookup(provider))?.key;
  }

  /** The key from SecretStorage only: for features that must not use an environment key in any workspace. */
  async stored(provider: string): Promise<string | undefined> {
    return (await this.secrets.get(storageKey(provider))) || undefined;
  }

  private async lookup(provider: string): Promise<{ key: string; source: KeySource } | undefined> {
    const stored = await this.stored(provider);
    if (stored) return { key: stored, source: 'secret-storage' };
    if (!vscode.workspace.isTrusted || !isBuiltIn(provider)) return undefined;
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

function storageKey(provider: string): string {
  return `${storagePrefix}${provider}`;
}

function labelOf(provider: string): string {
  return isBuiltIn(provider) ? providerLabel[provider] : provider;
}
