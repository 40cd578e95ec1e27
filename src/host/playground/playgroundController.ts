import * as vscode from 'vscode';
import { formatUsd } from '../../core/format/numbers';
import { draftToRequest, requestToDraft } from '../../core/playground/draftRequest';
import { estimateDraft } from '../../core/playground/estimateDraft';
import type { HistoryEntry, ModelOption, PlaygroundDraft, RunOutcome } from '../../core/protocol/playgroundMessages';
import { playgroundDraftSchema } from '../../core/protocol/playgroundMessages';
import type { WebviewToHost } from '../../core/protocol/webviewMessages';
import { findModel, listModels, priceProvenance } from '../../core/pricing/catalog';
import { BudgetExceededError } from '../../core/runtime/errors';
import type { RuntimeTarget } from '../../core/runtime/nativeParams';
import type { RunResult } from '../../core/runtime/pipeline';
import { compatibleProviders } from '../../core/runtime/runtimeConfig';
import { totalInputTokens } from '../../core/runtime/usage';
import { providerLabel } from '../../core/secrets/apiKeyFormat';
import type { Services } from '../services';
import type { PostToWebview, SidebarView, ViewController } from '../webviews/sidebarView';

const HISTORY_KEY = 'tokenwise.playground.history';
const HISTORY_LIMIT = 50;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** What the optimizer did during a run, in plain words for the result lane. */
export function describeRun(result: RunResult): string[] {
  const notes: string[] = [];
  if (result.cacheHit) notes.push(`Served from the response cache: $0 (saved ${formatUsd(result.savingUsd)}).`);
  if (result.waitedMs > 0) notes.push(`Waited ${seconds(result.waitedMs)} for the rate limit.`);
  if (result.attempts > 1) notes.push(`Retried: ${result.attempts} attempts, ${seconds(result.backoffMs)} of backoff.`);
  if (result.fallback) notes.push(result.fallback.message);
  if (result.breakerState !== 'closed') notes.push(`Circuit breaker for ${result.model} is ${result.breakerState}.`);
  if (result.budgetWarning) notes.push(result.budgetWarning.message);
  if (result.priceAsOf) notes.push(`Priced with ${result.priceSource} (as of ${result.priceAsOf}).`);
  return notes;
}

/**
 * The Playground's host side: pickers, live estimates, runs through the optimizer pipeline
 * (streamed to the view), history, and prefill from a call site.
 */
export class PlaygroundController implements ViewController, vscode.Disposable {
  private view: SidebarView | undefined;
  private pendingPrefill: { draft: PlaygroundDraft; from: string } | undefined;
  private readonly runs = new Map<string, AbortController>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    const refresh = () => { if (this.view) void this.onReady(this.view.post); };
    this.disposables.push(services.keys.onDidChange(refresh), services.catalog.onDidChange(refresh), vscode.workspace.onDidGrantWorkspaceTrust(refresh),
      // The compatible providers and their models come from the settings.
      services.settings.onDidChange(refresh));
  }

  attach(view: SidebarView): void {
    this.view = view;
  }

  async onReady(post: PostToWebview): Promise<void> {
    const { catalog, keys } = this.services;
    const compatible = compatibleProviders(this.services.settings.settings);
    const models: ModelOption[] = [
      ...listModels(catalog.catalog)
        .filter((m) => m.kind === 'chat' && m.lifecycle.status === 'active')
        .map((m) => ({ provider: m.provider, id: m.id, inputPerMTok: m.prices.input, outputPerMTok: m.prices.output, priceAsOf: priceProvenance(m).asOf })),
      ...compatible.flatMap((p) => (p.models ?? []).map((id) => ({ provider: p.id, id, inputPerMTok: null, outputPerMTok: null, priceAsOf: '' }))),
    ];
    const demo = this.services.runtime.demo;
    const all = [
      ...(['openai', 'anthropic'] as const).map((id) => ({ id, label: providerLabel[id], keyOptional: false })),
      ...compatible.map((p) => ({ id: p.id, label: p.label ?? p.id, keyOptional: true })),
    ];
    const providers = await Promise.all(all.map(async ({ id, label, keyOptional }) => {
      const source = demo ? 'demo' as const : await keys.source(id);
      return { provider: id, label, demo, keyOptional, ...(source ? { keySource: source } : {}) };
    }));
    await post({ type: 'playgroundInit', models, providers, trusted: vscode.workspace.isTrusted });
    await post({ type: 'history', entries: this.history() });
    if (this.pendingPrefill) {
      await post({ type: 'prefill', ...this.pendingPrefill });
      this.pendingPrefill = undefined;
    }
  }

  async handle(message: WebviewToHost, post: PostToWebview): Promise<void> {
    switch (message.type) {
      case 'draftChanged': {
        const s = this.services.settings.settings;
        await post({ type: 'estimate', estimate: estimateDraft(message.draft, this.services.catalog.catalog, s['cost.assumedPlaceholderTokens']) });
        return;
      }
      case 'run':
        await this.run(message.runId, message.draft, message.models, post, message.budgetOverride === true);
        return;
      case 'cancel':
        this.runs.get(message.runId)?.abort();
        return;
      case 'setApiKey':
        await vscode.commands.executeCommand('tokenwise.setApiKey', message.provider);
        return;
      default:
        return;
    }
  }

  /** Fills the view with a call site's request ("Run in Playground"). */
  async prefill(draft: PlaygroundDraft, from: string): Promise<void> {
    this.pendingPrefill = { draft, from };
    await this.view?.reveal();
    if (this.view?.resolved && this.pendingPrefill) {
      const sent = await this.view.post({ type: 'prefill', draft, from });
      if (sent) this.pendingPrefill = undefined;
    }
  }

  draftFor(request: Parameters<typeof requestToDraft>[0]): PlaygroundDraft {
    const fallback = listModels(this.services.catalog.catalog, request.provider).find((m) => m.kind === 'chat' && m.lifecycle.status === 'active');
    return playgroundDraftSchema.parse(requestToDraft(request, fallback?.id ?? 'gpt-4o-mini'));
  }

  /**
   * Runs a draft as the Run and Compare buttons do and returns each lane's outcome; `post`
   * receives the streamed messages (the view's, or a collector for tests and scripts).
   */
  async run(runId: string, draft: PlaygroundDraft, models: string[], post: PostToWebview, budgetOverride = false): Promise<RunOutcome[]> {
    const lanes = models.map((model, lane) => ({ lane, model }));
    await post({ type: 'runStarted', runId, lanes });
    if (!vscode.workspace.isTrusted) {
      const outcome = failed('Runs are off in Restricted Mode: trust this workspace to run calls.');
      await Promise.all(lanes.map((l) => post({ type: 'runDone', runId, lane: l.lane, outcome })));
      return lanes.map(() => outcome);
    }
    const controller = new AbortController();
    this.runs.set(runId, controller);
    try {
      const results = await Promise.all(lanes.map((l) => this.runLane(runId, l.lane, l.model, draft, controller.signal, post, budgetOverride)));
      this.remember(runId, draft, results);
      await post({ type: 'history', entries: this.history() });
      return results.map((r) => r.outcome);
    } finally {
      this.runs.delete(runId);
    }
  }

  /**
   * Where a lane goes: the draft's own provider for its own model (a compatible server may serve
   * a model the catalog also lists), else the catalog's provider of a compared model.
   */
  private targetOf(draft: PlaygroundDraft, model: string): { provider: string; target?: RuntimeTarget } {
    const provider = model === draft.model ? draft.provider : findModel(this.services.catalog.catalog, model)?.provider ?? draft.provider;
    // OpenAI and Anthropic are the request's own target; a compatible server speaks chat completions.
    return provider === 'openai' || provider === 'anthropic' ? { provider } : { provider, target: { provider, model, api: 'chat' } };
  }

  private async runLane(runId: string, lane: number, model: string, draft: PlaygroundDraft, signal: AbortSignal, post: PostToWebview,
    budgetOverride: boolean): Promise<{ model: string; outcome: RunOutcome }> {
    const { provider, target } = this.targetOf(draft, model);
    const started = Date.now();
    let text = '';
    let outcome: RunOutcome;
    try {
      const pipeline = await this.services.runtime.get();
      const workspace = this.services.runtime.workspace;
      const run = await pipeline.stream({
        request: draftToRequest(draft, { provider, model }),
        ...(target ? { target } : {}),
        source: 'playground',
        ...(workspace ? { workspace } : {}),
        ...(budgetOverride ? { budgetOverride } : {}),
        signal,
      });
      for await (const delta of run.deltas) {
        text += delta;
        void post({ type: 'runDelta', runId, lane, text: delta });
      }
      const result = await run.result;
      outcome = {
        ok: true, text: result.text || text,
        inputTokens: totalInputTokens(result.usage), outputTokens: result.usage.outputTokens,
        cachedInputTokens: result.usage.cachedInputTokens, cacheWriteTokens: result.usage.cacheWrite5mTokens + result.usage.cacheWrite1hTokens,
        costUsd: result.costUsd, latencyMs: result.latencyMs, attempts: result.attempts, cacheHit: result.cacheHit, waitedMs: result.waitedMs,
        notes: describeRun(result),
      };
    } catch (error) {
      // The runtime's errors are already written for people and scrubbed of keys.
      const message = error instanceof Error ? error.message : String(error);
      this.services.log.warn(`Playground run on ${model} failed: ${message}`);
      outcome = { ...failed(message), text, latencyMs: Date.now() - started, ...(error instanceof BudgetExceededError ? { budgetBlocked: true } : {}) };
    }
    await post({ type: 'runDone', runId, lane, outcome });
    return { model, outcome };
  }

  private history(): HistoryEntry[] {
    return this.services.context.globalState.get<HistoryEntry[]>(HISTORY_KEY, []);
  }

  private remember(runId: string, draft: PlaygroundDraft, results: { model: string; outcome: RunOutcome }[]): void {
    const at = Date.now();
    const entries: HistoryEntry[] = results.map(({ model, outcome }) => ({
      runId, at, model, costUsd: outcome.costUsd, latencyMs: outcome.latencyMs, ok: outcome.ok,
      preview: (outcome.ok ? outcome.text : outcome.error ?? '').slice(0, 200), draft: { ...draft, model },
    }));
    void this.services.context.globalState.update(HISTORY_KEY, [...entries, ...this.history()].slice(0, HISTORY_LIMIT));
  }

  dispose(): void {
    for (const c of this.runs.values()) c.abort();
    for (const d of this.disposables) d.dispose();
  }
}

function failed(error: string): RunOutcome {
  return { ok: false, text: '', inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, costUsd: null, latencyMs: 0, attempts: 0, cacheHit: false, waitedMs: 0, notes: [], error };
}
