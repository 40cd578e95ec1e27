import * as path from 'node:path';
import * as vscode from 'vscode';
import { priceCall } from '../../core/cost/callCost';
import { findModel, priceProvenance } from '../../core/pricing/catalog';
import { createAnthropicTransport } from '../../core/runtime/anthropicTransport';
import { createOpenAiTransport } from '../../core/runtime/openaiTransport';
import { Pipeline, type PriceUsage } from '../../core/runtime/pipeline';
import type { KeyProvider } from '../../core/runtime/transport';
import { Ledger, type LedgerRecord } from '../../core/storage/ledger';
import type { Provider } from '../../core/request/llmRequest';
import type { CoreServices } from '../services';

/**
 * A local OpenAI/Anthropic-compatible server that answers instead of the providers ("Demo
 * provider", labelled so in the UI): `npm start` runs the test suite's fake server and passes
 * its URL here, so the Playground works offline and costs nothing.
 */
export function demoProviderUrl(): string | undefined {
  const url = process.env.TOKENWISE_DEMO_PROVIDER_URL;
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname;
    // Only ever loopback: this variable must not be a way to send prompts elsewhere.
    return host === '127.0.0.1' || host === 'localhost' ? url.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The optimizer pipeline shared by the Playground and the local proxy: its ledger and response
 * cache live in the extension's global storage.
 */
export class RuntimeService implements vscode.Disposable {
  private pipeline: Promise<Pipeline> | undefined;
  private ledger: Ledger | undefined;
  private readonly recorded = new vscode.EventEmitter<LedgerRecord>();
  /** Fires after each attempt this window's pipeline wrote to the ledger. */
  readonly onDidRecord = this.recorded.event;

  constructor(private readonly services: CoreServices) {}

  /** Where the ledger files live (they may not exist yet: the ledger opens on the first run). */
  get ledgerDir(): string {
    return path.join(this.services.context.globalStorageUri.fsPath, 'ledger');
  }

  get demo(): boolean {
    return demoProviderUrl() !== undefined;
  }

  /** Built on the first run, so activation never opens the ledger. */
  get(): Promise<Pipeline> {
    this.pipeline ??= this.create().catch((error: unknown) => {
      this.pipeline = undefined;
      throw error;
    });
    return this.pipeline;
  }

  private async create(): Promise<Pipeline> {
    const { context, keys, catalog, log } = this.services;
    const storage = context.globalStorageUri.fsPath;
    await vscode.workspace.fs.createDirectory(context.globalStorageUri);
    this.ledger = await Ledger.open({ dir: this.ledgerDir });
    const ledger = this.ledger;
    const demo = demoProviderUrl();
    const keyProvider: KeyProvider = demo
      ? { get: async () => 'demo-key' }
      : { get: async (provider) => (provider === 'openai' || provider === 'anthropic' ? keys.get(provider as Provider) : undefined) };
    const priceUsage: PriceUsage = (_provider, model, usage) => {
      const entry = findModel(catalog.catalog, model);
      if (!entry) return undefined;
      try {
        const provenance = priceProvenance(entry);
        return { costUsd: priceCall(entry, usage).costUsd, priceSource: provenance.source, priceAsOf: provenance.asOf };
      } catch (error) {
        log.warn(`Could not price ${model} usage: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    };
    log.info(`Playground runtime ready${demo ? ` (Demo provider at ${demo})` : ''}; ledger in ${this.ledgerDir}.`);
    return new Pipeline({
      transports: [
        createOpenAiTransport({ keys: keyProvider, ...(demo ? { baseURL: `${demo}/v1` } : {}) }),
        createAnthropicTransport({ keys: keyProvider, ...(demo ? { baseURL: demo } : {}) }),
      ],
      priceUsage,
      ledger: { append: (record) => { ledger.append(record); this.recorded.fire(record); } },
      cache: { dir: path.join(storage, 'cache') },
      logger: log,
    });
  }

  dispose(): void {
    this.recorded.dispose();
    this.ledger?.close();
  }
}
