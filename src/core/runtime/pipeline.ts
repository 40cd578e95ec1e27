// The optimizer pipeline: budget -> cache -> [fallback: limiter -> breaker -> retry -> transport].
// Fallback wraps the per-target steps because each fallback target has its own rate limits
// (per provider) and its own circuit (per provider+model). The limiter and breaker admit a
// logical call once; its retries are spaced by backoff or the server's retry-after instead.
// Every step is optional: leaving its option out (or `false`) switches it off.
// Two kinds of call share every step: an LlmRequest (the Playground), whose body is built per
// target by nativeParams, and a passthrough (the local proxy), whose native body is sent as the
// caller wrote it by a per-call transport that speaks raw HTTP (passthroughTransport.ts).
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger';
import type { LlmRequest } from '../request/llmRequest';
import type { LedgerRecord } from '../storage/ledger';
import type { BudgetSettings, BudgetWarning, SpendSource } from './budget';
import { BudgetGuard } from './budget';
import type { BreakerChange, BreakerSettings, BreakerState } from './circuitBreaker';
import { CircuitBreaker, defaultBreakerSettings } from './circuitBreaker';
import type { Clock } from './clock';
import { CancelledError, systemClock, throwIfAborted } from './clock';
import { BreakerOpenError, ProviderError } from './errors';
import type { RuntimeTarget } from './nativeParams';
import { buildNativeParams, targetOf } from './nativeParams';
import type { RateLimits } from './rateLimiter';
import { RateLimiter } from './rateLimiter';
import type { CacheSettings } from './responseCache';
import { cacheKey, defaultCacheSettings, isCacheable, ResponseCache } from './responseCache';
import type { RetrySettings } from './retry';
import { defaultRetrySettings, isRetryable, RetriesExhaustedError, RetryPolicy } from './retry';
import type { CallApi, Completion, CompletionStream, Transport, UpstreamHead } from './transport';
import type { NormalizedUsage } from './usage';
import { emptyUsage, totalInputTokens } from './usage';

export interface PriceQuote {
  costUsd: number;
  priceSource: string;
  priceAsOf: string;
}

/** Injected by the host (backed by the pricing catalog); undefined when the model has no known price. */
export type PriceUsage = (provider: string, model: string, usage: NormalizedUsage) => PriceQuote | undefined;

/** Where attempt records go; the storage Ledger implements it. */
export interface LedgerSink {
  append(record: LedgerRecord): void;
}

export interface PipelineOptions {
  transports: readonly Transport[];
  priceUsage: PriceUsage;
  clock?: Clock;
  /** [0, 1) source for backoff jitter; injected so tests are deterministic. */
  random?: () => number;
  ledger?: LedgerSink;
  budget?: { settings: BudgetSettings; spend: SpendSource } | false;
  /** The directory (the extension's global storage) the cache persists in. */
  cache?: { dir: string; settings?: Partial<CacheSettings> } | false;
  /** Per provider id. */
  limits?: Record<string, RateLimits> | false;
  breaker?: Partial<BreakerSettings> | false;
  retry?: Partial<RetrySettings> | false;
  /**
   * Fallback targets by model ("claude-opus-4-5") or by "provider:model"; a request's own
   * `fallbacks` wins. `immediatelyOnOverload` skips the retries on 429/529/503 when a fallback exists.
   */
  fallback?: { chains: Record<string, RuntimeTarget[]>; immediatelyOnOverload?: boolean } | false;
  newId?: () => string;
  /** Warnings that do not fail a call (a cache write that failed). */
  logger?: Logger;
}

/** A RuntimeTarget whose API may also be one only the proxy passes through (embeddings, count_tokens). */
export interface CallTarget {
  provider: string;
  model: string;
  api: CallApi;
}

/** What every call carries, whichever way it was asked. */
export interface CallOptions {
  /** Cache opt-in (true) or opt-out (false); by default only temperature-0 requests are cached. */
  cache?: boolean;
  /** Lets this one call through a full budget. */
  budgetOverride?: boolean;
  source: string;
  tag?: string;
  workspace?: string;
  signal?: AbortSignal;
}

export interface RunRequest extends CallOptions {
  request: LlmRequest;
  /** Defaults to the request's own provider, model and API. */
  target?: RuntimeTarget;
  /** Native parameters the shared shape lacks (top_p, stop, seed...); sent to targets of the same API only. */
  extraParams?: Record<string, unknown>;
  fallbacks?: RuntimeTarget[];
}

/** A native request sent as is (the local proxy). */
export interface PassthroughRequest extends CallOptions {
  target: CallTarget;
  /** The caller's body, `model` and `stream` included; only a fallback changes it (its `model`). */
  body: Record<string, unknown>;
  /** Sends one attempt upstream; built per call because it carries the call's key and headers. */
  transport: Transport;
}

export interface FallbackHop {
  target: CallTarget;
  attempts: number;
  reason: string;
}

export interface FallbackInfo {
  from: CallTarget;
  to: CallTarget;
  /** Each target left behind, in order, with why (e.g. "529 overloaded"). */
  hops: FallbackHop[];
  message: string;
}

export interface RunResult {
  /** The ledger's callId for this run (all its attempts share it). */
  callId: string;
  /** The answer; for a passthrough, the upstream's whole response body. */
  text: string;
  provider: string;
  model: string;
  usage: NormalizedUsage;
  /** 0 for a cache hit; null when the model has no known price. */
  costUsd: number | null;
  priceSource?: string;
  priceAsOf?: string;
  latencyMs: number;
  /** Provider attempts made, over all fallback targets (0 for a cache hit). */
  attempts: number;
  cacheHit: boolean;
  savingUsd: number;
  /** Time spent waiting in the rate limiter. */
  waitedMs: number;
  /** Time spent in retry backoff. */
  backoffMs: number;
  fallback?: FallbackInfo;
  breakerState: BreakerState;
  budgetWarning?: BudgetWarning;
  /** A passthrough's upstream status and headers (absent for a cache hit). */
  head?: UpstreamHead;
}

export interface StreamRun {
  /** Text deltas (a passthrough: raw SSE text); iterate to the end (or break) for `result` to settle. */
  deltas: AsyncIterable<string>;
  result: Promise<RunResult>;
  /** A passthrough's upstream status and headers, known once the upstream accepted the request. */
  head?: UpstreamHead;
  /** True when the cache answered (no provider was called). */
  cacheHit: boolean;
  /** The ledger's callId for this run. */
  callId: string;
}

interface RunState {
  callId: string;
  started: number;
  attempts: number;
  waitedMs: number;
  backoffMs: number;
  primary: CallTarget;
  hops: FallbackHop[];
}

/** One logical call as execute() needs it, built from an LlmRequest or from a passthrough. */
interface CallPlan {
  primary: CallTarget;
  fallbacks: CallTarget[];
  /** The native body for a target; built lazily, after the budget check. */
  body(target: CallTarget): Record<string, unknown>;
  transport(target: CallTarget): Transport | undefined;
  /** Keeps passthrough entries (raw bodies, JSON or SSE) apart from the Playground's answers in the one cache. */
  cacheNamespace: string;
}

type Outcome = { result: RunResult } | { stream: StreamRun };

function describe(t: CallTarget, other: CallTarget): string {
  return t.provider === other.provider ? t.model : `${t.provider} ${t.model}`;
}

function shortReason(err: unknown): string {
  if (err instanceof BreakerOpenError) return 'circuit breaker open';
  const e = err instanceof RetriesExhaustedError ? err.last : err;
  if (!(e instanceof ProviderError)) return 'error';
  if (e.status === undefined) return e.code;
  const label = e.status === 529 ? 'overloaded' : e.status === 429 ? 'rate limited' : e.status === 503 ? 'unavailable' : e.status >= 500 ? 'server error' : 'error';
  return `${e.status} ${label}`;
}

/**
 * Tokens a request may use, for the tokens-per-minute bucket: ~4 characters per token plus the
 * output cap. OpenAI's rate-limit guide counts the larger of max_tokens and a character-based
 * estimate; the sum errs on the side of waiting rather than of a 429.
 */
export function estimateRequestTokens(body: Record<string, unknown>): number {
  const { max_tokens: a, max_completion_tokens: b, max_output_tokens: c, ...rest } = body;
  const output = [a, b, c].find((v): v is number => typeof v === 'number') ?? 0;
  return Math.ceil(JSON.stringify(rest).length / 4) + output;
}

export class Pipeline {
  private readonly clock: Clock;
  private readonly transports = new Map<string, Transport>();
  private readonly budget?: BudgetGuard;
  private readonly cache?: ResponseCache;
  private readonly limiter?: RateLimiter;
  private readonly breaker?: CircuitBreaker;
  private readonly retry: RetryPolicy;
  private readonly newId: () => string;

  constructor(private readonly options: PipelineOptions) {
    this.clock = options.clock ?? systemClock;
    for (const t of options.transports) this.transports.set(t.provider, t);
    if (options.budget) this.budget = new BudgetGuard(options.budget.settings, options.budget.spend, this.clock);
    if (options.cache) this.cache = ResponseCache.open(options.cache.dir, { ...defaultCacheSettings, ...options.cache.settings }, this.clock);
    if (options.limits) this.limiter = new RateLimiter(options.limits, this.clock);
    if (options.breaker !== false) this.breaker = new CircuitBreaker({ ...defaultBreakerSettings, ...options.breaker }, this.clock);
    // Retry off means one attempt: the loop still classifies errors and records the attempt.
    const retry = options.retry === false ? { ...defaultRetrySettings, maxAttempts: 1 } : { ...defaultRetrySettings, ...options.retry };
    this.retry = new RetryPolicy(retry, this.clock, options.random);
    this.newId = options.newId ?? randomUUID;
  }

  breakerState(provider: string, model: string): BreakerState {
    return this.breaker?.state(provider, model) ?? 'closed';
  }

  onBreakerChange(listener: (change: BreakerChange) => void): () => void {
    return this.breaker?.onChange(listener) ?? (() => undefined);
  }

  /** Runs a request to completion. */
  async run(req: RunRequest): Promise<RunResult> {
    return completed(await this.execute(req, this.planFor(req), false));
  }

  /** Starts a streaming run; resolves once a provider accepted the request (or the cache answered). */
  async stream(req: RunRequest): Promise<StreamRun> {
    return streamed(await this.execute(req, this.planFor(req), true));
  }

  /** Sends a native body as is (non-streaming) through every step; the result's text is the upstream body. */
  async passthrough(req: PassthroughRequest): Promise<RunResult> {
    return completed(await this.execute(req, this.passthroughPlan(req, false), false));
  }

  /** Streams a native body as is; the deltas are the upstream's SSE text as it arrives. */
  async passthroughStream(req: PassthroughRequest): Promise<StreamRun> {
    return streamed(await this.execute(req, this.passthroughPlan(req, true), true));
  }

  private planFor(req: RunRequest): CallPlan {
    const primary = req.target ?? targetOf(req.request);
    return {
      primary,
      fallbacks: req.fallbacks ?? this.chainFor(primary),
      // Extra params are native to one API, so they go only to targets of the primary's API.
      body: (t) => buildNativeParams(req.request, t as RuntimeTarget, t.api === primary.api ? req.extraParams : undefined),
      transport: (t) => this.transports.get(t.provider),
      cacheNamespace: '',
    };
  }

  /**
   * A passthrough body is native to one provider's API, so it can only fall back to another model
   * of the same provider and API (its body with `model` changed); other chain entries are skipped.
   */
  private passthroughPlan(req: PassthroughRequest, streaming: boolean): CallPlan {
    const primary = req.target;
    return {
      primary,
      fallbacks: this.chainFor(primary).filter((t) => t.provider === primary.provider && t.api === primary.api),
      body: (t) => (t === primary ? req.body : { ...req.body, model: t.model }),
      transport: () => req.transport,
      // A streamed answer is stored as its SSE text and replayed to streaming callers only.
      cacheNamespace: `passthrough:${streaming ? 'sse' : 'json'}:`,
    };
  }

  private chainFor(primary: CallTarget): RuntimeTarget[] {
    if (!this.options.fallback) return [];
    const chains = this.options.fallback.chains;
    return chains[`${primary.provider}:${primary.model}`] ?? chains[primary.model] ?? [];
  }

  private record(req: CallOptions, state: RunState, target: CallTarget, fields: Partial<LedgerRecord> & { attempt: number; latencyMs: number }): void {
    if (!this.options.ledger) return;
    const usage = fields.inputTokens === undefined ? emptyUsage() : {};
    const fallbackFrom = target === state.primary ? undefined : `${state.primary.provider}:${state.primary.model}`;
    this.options.ledger.append({
      v: 1,
      time: new Date(this.clock.now()).toISOString(),
      callId: state.callId,
      source: req.source,
      ...(req.tag !== undefined ? { tag: req.tag } : {}),
      ...(req.workspace !== undefined ? { workspace: req.workspace } : {}),
      provider: target.provider,
      model: target.model,
      api: target.api,
      costUsd: 0,
      cacheHit: false,
      savingUsd: 0,
      ...usage,
      ...(fallbackFrom ? { fallbackFrom } : {}),
      ...fields,
    } as LedgerRecord);
  }

  private priced(target: CallTarget, usage: NormalizedUsage): Pick<RunResult, 'costUsd' | 'priceSource' | 'priceAsOf'> {
    const quote = this.options.priceUsage(target.provider, target.model, usage);
    return quote ? { costUsd: quote.costUsd, priceSource: quote.priceSource, priceAsOf: quote.priceAsOf } : { costUsd: null };
  }

  private async execute(req: CallOptions, plan: CallPlan, streaming: boolean): Promise<Outcome> {
    const primary = plan.primary;
    const state: RunState = { callId: this.newId(), started: this.clock.now(), attempts: 0, waitedMs: 0, backoffMs: 0, primary, hops: [] };
    throwIfAborted(req.signal);
    this.budget?.check(req.workspace, req.budgetOverride === true);

    const primaryBody = plan.body(primary);
    // cacheKey reads only provider, model and api, which a CallTarget has too.
    const key = this.cache && isCacheable(primaryBody, req.cache) ? plan.cacheNamespace + cacheKey(primary as RuntimeTarget, primaryBody) : undefined;
    if (key && this.cache) {
      const hit = this.cache.get(key);
      if (hit) return { result: this.cacheHit(req, state, primary, hit.text, hit.usage) };
    }

    const targets = [primary, ...plan.fallbacks];
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i] as CallTarget;
      const next = targets[i + 1];
      const body = i === 0 ? primaryBody : plan.body(target);
      try {
        return await this.attemptTarget(req, state, target, plan.transport(target), body, streaming, next !== undefined, i === 0 ? key : undefined);
      } catch (err) {
        const canFall = next !== undefined && (err instanceof RetriesExhaustedError || err instanceof BreakerOpenError || (err instanceof ProviderError && err.isOverload));
        if (!canFall) throw err;
        const attempts = err instanceof RetriesExhaustedError ? err.attempts : err instanceof BreakerOpenError ? 0 : 1;
        state.hops.push({ target, attempts, reason: shortReason(err) });
      }
    }
    throw new Error('unreachable: the fallback loop always returns or throws');
  }

  private cacheHit(req: CallOptions, state: RunState, target: CallTarget, text: string, usage: NormalizedUsage): RunResult {
    const saving = this.priced(target, usage).costUsd ?? 0;
    const latencyMs = this.clock.now() - state.started;
    this.record(req, state, target, { attempt: 0, latencyMs, cacheHit: true, savingUsd: saving, costUsd: 0, ...usage });
    return {
      callId: state.callId, text, provider: target.provider, model: target.model, usage, costUsd: 0, latencyMs, attempts: 0, cacheHit: true, savingUsd: saving,
      waitedMs: 0, backoffMs: 0, breakerState: this.breakerState(target.provider, target.model), budgetWarning: this.budget?.warning(req.workspace),
    };
  }

  private fallbackInfo(state: RunState, target: CallTarget): FallbackInfo | undefined {
    if (target === state.primary) return undefined;
    const from = state.primary;
    const hop = (h: FallbackHop): string => `${h.attempts ? ` after ${h.attempts} attempt${h.attempts === 1 ? '' : 's'}` : ''}: ${h.reason}`;
    const head = `fell back from ${describe(from, target)} to ${describe(target, from)}`;
    // One hop reads as a sentence; a longer chain lists each target left behind.
    const message = state.hops.length === 1 ? `${head}${hop(state.hops[0] as FallbackHop)}` : `${head} (${state.hops.map((h) => `${describe(h.target, from)}${hop(h)}`).join('; ')})`;
    return { from, to: target, hops: state.hops, message };
  }

  private async attemptTarget(req: CallOptions, state: RunState, target: CallTarget, transport: Transport | undefined, body: Record<string, unknown>, streaming: boolean,
    hasNext: boolean, key: string | undefined): Promise<Outcome> {
    if (!transport || !transport.apis.includes(target.api)) {
      throw new ProviderError(`no transport is configured for ${target.provider} (${target.api}): add the provider in the Tokenwise settings`, 'permanent', 'no_transport', target.provider, target.model);
    }
    const reservation = this.limiter ? await this.limiter.acquire(target.provider, estimateRequestTokens(body), req.signal) : undefined;
    state.waitedMs += reservation?.waitedMs ?? 0;
    this.breaker?.admit(target.provider, target.model);
    const stopEarly = hasNext && this.options.fallback !== false && this.options.fallback?.immediatelyOnOverload === true;

    const finish = (completion: Completion, attempt: number, attemptStart: number): RunResult => {
      const latencyMs = this.clock.now() - attemptStart;
      const price = this.priced(target, completion.usage);
      this.record(req, state, target, { attempt, latencyMs, ...completion.usage, ...price });
      this.breaker?.success(target.provider, target.model);
      reservation?.settle(totalInputTokens(completion.usage) + completion.usage.outputTokens);
      if (key) this.storeInCache(key, target, completion);
      return {
        callId: state.callId, text: completion.text, provider: target.provider, model: target.model, usage: completion.usage, ...price,
        latencyMs: this.clock.now() - state.started, attempts: state.attempts, cacheHit: false, savingUsd: 0, waitedMs: state.waitedMs,
        backoffMs: state.backoffMs, fallback: this.fallbackInfo(state, target), breakerState: this.breakerState(target.provider, target.model),
        budgetWarning: this.budget?.warning(req.workspace), ...(completion.head ? { head: completion.head } : {}),
      };
    };
    const failed = (err: unknown, attempt: number, attemptStart: number): void => {
      const code = (err as { code?: unknown }).code;
      this.record(req, state, target, { attempt, latencyMs: this.clock.now() - attemptStart, errorCode: typeof code === 'string' ? code : 'error' });
    };

    const firstAttempt = state.attempts + 1;
    try {
      const outcome = await this.retry.run(async ({ attempt }) => {
        state.attempts = attempt;
        const attemptStart = this.clock.now();
        const call = { api: target.api, model: target.model, body, signal: req.signal };
        try {
          if (!streaming) return { result: finish(await transport.complete(call), attempt, attemptStart) };
          return { stream: { ...this.relay(await transport.stream(call), target, attempt, attemptStart, finish, failed), callId: state.callId } };
        } catch (err) {
          failed(err, attempt, attemptStart);
          if (stopEarly && err instanceof ProviderError && err.isOverload) throw new RetriesExhaustedError(err, attempt - firstAttempt + 1, 0);
          throw err;
        }
      }, req.signal, firstAttempt, (waited) => { state.backoffMs += waited; });
      return outcome.value;
    } catch (err) {
      this.noteFailure(target, err);
      throw err;
    }
  }

  private storeInCache(key: string, target: CallTarget, completion: Completion): void {
    try {
      this.cache?.set({ key, provider: target.provider, model: target.model, api: target.api, text: completion.text, usage: completion.usage });
    } catch (err) {
      // The cache only saves money later; failing to write it (disk full, read-only storage) must not fail a call already paid for.
      this.options.logger?.warn(`response cache not written: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Transient failures count against the circuit; an HTTP answer of any other kind shows the service is up. */
  private noteFailure(target: CallTarget, err: unknown): void {
    if (err instanceof RetriesExhaustedError || (err instanceof ProviderError && isRetryable(err))) this.breaker?.failure(target.provider, target.model);
    else if (err instanceof ProviderError && err.status !== undefined) this.breaker?.success(target.provider, target.model);
    else this.breaker?.release(target.provider, target.model);
  }

  private relay(source: CompletionStream, target: CallTarget, attempt: number, attemptStart: number,
    finish: (c: Completion, attempt: number, start: number) => RunResult, failed: (err: unknown, attempt: number, start: number) => void): Omit<StreamRun, 'callId'> {
    let resolve!: (r: RunResult) => void;
    let reject!: (e: unknown) => void;
    const result = new Promise<RunResult>((res, rej) => { resolve = res; reject = rej; });
    // The caller may consume only the deltas; the rejection is still delivered to whoever awaits `result`.
    result.catch(() => undefined);
    const noteFailure = (err: unknown): void => this.noteFailure(target, err);
    async function* deltas(): AsyncGenerator<string> {
      let settled = false;
      try {
        for (let guard = 0; guard < 10_000_000; guard++) {
          const step = await source.next();
          if (step.done) {
            settled = true;
            resolve(finish(step.value, attempt, attemptStart));
            return;
          }
          yield step.value;
        }
      } catch (err) {
        settled = true;
        failed(err, attempt, attemptStart);
        noteFailure(err);
        reject(err);
        throw err;
      } finally {
        if (!settled) {
          // The consumer stopped early: close the HTTP stream and settle as cancelled.
          await source.return(undefined as never).catch(() => undefined);
          const cancelled = new CancelledError('the stream was closed before it ended');
          failed(cancelled, attempt, attemptStart);
          reject(cancelled);
        }
      }
    }
    return { deltas: deltas(), result, ...(source.head ? { head: source.head } : {}), cacheHit: false };
  }
}

function completed(outcome: Outcome): RunResult {
  if ('result' in outcome) return outcome.result;
  throw new Error('unreachable: a complete run returned a stream');
}

/** A cache hit answers a streaming call with its whole stored text as one delta. */
function streamed(outcome: Outcome): StreamRun {
  if ('stream' in outcome) return outcome.stream;
  const result = outcome.result;
  return { deltas: (async function* () { if (result.text) yield result.text; })(), result: Promise.resolve(result), cacheHit: result.cacheHit, callId: result.callId };
}
