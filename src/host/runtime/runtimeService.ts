import * as path from 'node:path';
import * as vscode from 'vscode';
import { priceCall } from '../../core/cost/callCost';
import { findModel, priceProvenance } from '../../core/pricing/catalog';
import { createAnthropicTransport } from '../../core/runtime/anthropicTransport';
import { createOpenAiTransport } from '../../core/runtime/openaiTransport';
import { Pipeline, type PriceUsage } from '../../core/runtime/pipeline';
import { compatibleProviders, runtimeConfig, runtimeSettingKeys } from '../../core/runtime/runtimeConfig';
import type { KeyProvider } from '../../core/runtime/transport';
import type { Settings } from '../../core/protocol/settings';
import { Ledger, type LedgerRecord } from '../../core/storage/ledger';
import { ExactClaudeCounts } from '../analysis/exactClaudeCounts';
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
 * The optimizer pipeline shared by the Playground and the local proxy, built from the
 * `tokenwise.*` settings: its ledger and response cache live in the extension's global storage.
 * A change to a runtime setting (or to the Demo provider URL) rebuilds the pipeline on the next
 * get(); the ledger stays open across rebuilds and the cache reloads from the same directory.
 * A rebuild starts its circuit breakers and rate-limit buckets afresh.
 */
export class RuntimeService implements vscode.Disposable {
  private pipeline: Promise<Pipeline> | undefined;
  /** The settings and Demo URL the current pipeline was built from. */
  private builtFrom: string | undefined;
  private ledger: Promise<Ledger> | undefined;
  private opened: Ledger | undefined;
  private exact: ExactClaudeCounts | undefined;
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

  /** What runs record as their workspace (and per-workspace budgets count): the first folder's URI. */
  get workspace(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.toString();
  }

  /** Built on the first run, so activation never opens the ledger; rebuilt after a runtime setting changed. */
  get(): Promise<Pipeline> {
    const settings = this.services.settings.settings;
    const demo = demoProviderUrl();
    const from = JSON.stringify([demo, runtimeSettingKeys.map((k) => settings[k])]);
    if (this.pipeline && from !== this.builtFrom) this.services.log.info('Runtime settings changed: the optimizer pipeline is rebuilt.');
    if (!this.pipeline || from !== this.builtFrom) {
      this.builtFrom = from;
      const pipeline = this.create(settings, demo).catch((error: unknown) => {
        if (this.pipeline === pipeline) this.pipeline = undefined;
        throw error;
      });
      this.pipeline = pipeline;
    }
    return this.pipeline;
  }

  /** Where keys come from: the Demo provider needs none; every other provider's key is in ApiKeys. */
  keyProvider(demo = demoProviderUrl()): KeyProvider {
    const { keys } = this.services;
    return demo ? { get: async () => 'demo-key' } : { get: (provider) => keys.get(provider) };
  }

  /** count_tokens with the key source and the Demo provider URL of this moment. */
  anthropicCounter(): Pick<ReturnType<typeof createAnthropicTransport>, 'countTokens'> {
    const demo = demoProviderUrl();
    return createAnthropicTransport({ keys: this.keyProvider(demo), ...(demo ? { baseURL: demo } : {}) });
  }

  /** Exact Claude input counts for the CodeLens and hover (setting tokenwise.tokens.exactClaudeCounts). */
  get exactCounts(): ExactClaudeCounts {
    this.exact ??= new ExactClaudeCounts(this.services, this);
    return this.exact;
  }

  private openLedger(): Promise<Ledger> {
    this.ledger ??= (async () => {
      await vscode.workspace.fs.createDirectory(this.services.context.globalStorageUri);
      this.opened = await Ledger.open({ dir: this.ledgerDir });
      return this.opened;
    })().catch((error: unknown) => {
      this.ledger = undefined;
      throw error;
    });
    return this.ledger;
  }

  private async create(settings: Settings, demo: string | undefined): Promise<Pipeline> {
    const { context, catalog, log } = this.services;
    const ledger = await this.openLedger();
    const keys = this.keyProvider(demo);
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
    const { options, problems } = runtimeConfig(settings, {
      cacheDir: path.join(context.globalStorageUri.fsPath, 'cache'),
      spend: ledger,
      catalogProvider: (model) => findModel(catalog.catalog, model)?.provider,
    });
    for (const problem of problems) log.warn(problem);
    // The Demo provider answers for every upstream, compatible servers included.
    const transports = [
      createOpenAiTransport({ keys, ...(demo ? { baseURL: `${demo}/v1` } : {}) }),
      createAnthropicTransport({ keys, ...(demo ? { baseURL: demo } : {}) }),
      ...compatibleProviders(settings).map((p) => createOpenAiTransport({ id: p.id, keys, baseURL: demo ? `${demo}/v1` : p.baseUrl, keyRequired: false })),
    ];
    log.info(`Playground runtime ready${demo ? ` (Demo provider at ${demo})` : ''}; ledger in ${this.ledgerDir}.`);
    return new Pipeline({
      ...options,
      transports,
      priceUsage,
      ledger: { append: (record) => { ledger.append(record); this.recorded.fire(record); } },
      logger: log,
    });
  }

  dispose(): void {
    this.exact?.dispose();
    this.recorded.dispose();
    this.opened?.close();
  }
}
