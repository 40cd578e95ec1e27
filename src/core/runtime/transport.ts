// A transport sends one attempt to one provider; everything around it (retry, fallback, cache,
// ledger) is the pipeline's. Transports throw only ProviderError or CancelledError, with the key
// redacted, so nothing above them ever sees an SDK error that could carry a secret.
import type { Clock } from './clock';
import type { SdkErrorKinds } from './errors';
import { classifyError, ProviderError, providerDisplayName } from './errors';
import type { RuntimeApi } from './nativeParams';
import type { NormalizedUsage } from './usage';

/** Per attempt; the SDKs' default of 600 s is too long for an interactive call. */
export const defaultTimeoutMs = 120_000;

/** Where API keys come from (the host backs it with SecretStorage); keys are read per call, never stored. */
export interface KeyProvider {
  get(provider: string): Promise<string | undefined>;
}

/** The Playground's three APIs, plus the two only the local proxy passes through. */
export type CallApi = RuntimeApi | 'embeddings' | 'count_tokens';

export interface TransportCall {
  api: CallApi;
  model: string;
  /** The native body: without `model` and `stream` from the SDK transports; the caller's whole body for a passthrough. */
  body: Record<string, unknown>;
  signal?: AbortSignal;
}

/** The upstream's status line and headers, kept by a passthrough so the caller gets them back. */
export interface UpstreamHead {
  status: number;
  headers: Record<string, string>;
}

export interface Completion {
  /** The answer's text; for a passthrough, the upstream's whole response body. */
  text: string;
  usage: NormalizedUsage;
  /** The model that answered, as the provider reported it. */
  model: string;
  head?: UpstreamHead;
}

/** Text deltas (a passthrough yields the raw SSE text); the generator's return value is the final completion with usage. */
export type CompletionStream = AsyncGenerator<string, Completion, undefined> & { head?: UpstreamHead };

export interface Transport {
  readonly provider: string;
  readonly apis: readonly CallApi[];
  complete(call: TransportCall): Promise<Completion>;
  /** Resolves once the provider accepted the request (HTTP errors reject here, so they can be retried). */
  stream(call: TransportCall): Promise<CompletionStream>;
}

export async function requireKey(keys: KeyProvider, provider: string, model: string, required: boolean): Promise<string | undefined> {
  const key = await keys.get(provider);
  if (!key && required) {
    throw new ProviderError(`no ${providerDisplayName(provider)} API key is set: set one with Tokenwise: Set API Key`, 'permanent', 'missing_key', provider, model);
  }
  return key || undefined;
}

/**
 * The SDK client for the current key, reused while the key stays the same: a new client per call
 * added ~50 µs to every call (bench/runtime.mjs). Kept in memory only; a changed key (set or
 * cleared by the user) gets a new client on the next call.
 */
export function clientPerKey<C>(create: (key: string | undefined) => C): (key: string | undefined) => C {
  let last: { key: string | undefined; client: C } | undefined;
  return (key) => {
    if (!last || last.key !== key) last = { key, client: create(key) };
    return last.client;
  };
}

export interface Classifier {
  <T>(fn: () => Promise<T>): Promise<T>;
  error(err: unknown): Error;
}

/** Runs provider calls so that anything they throw comes out classified and redacted. */
export function classifier(provider: string, model: string, secret: string | undefined, clock: Clock, sdk: SdkErrorKinds): Classifier {
  const error = (err: unknown): Error => classifyError(err, provider, model, clock.now(), [secret], sdk);
  const run = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw error(err);
    }
  };
  return Object.assign(run, { error });
}

export function truncatedStream(provider: string, model: string): ProviderError {
  return new ProviderError(`${providerDisplayName(provider)} ${model}: the stream ended before the response was complete`, 'transient', 'stream_truncated', provider, model);
}

export function malformedResponse(provider: string, model: string, what: string): ProviderError {
  return new ProviderError(`${providerDisplayName(provider)} ${model}: the response has no ${what}`, 'transient', 'malformed_response', provider, model);
}

/**
 * Maps provider stream events to text deltas. `onEvent` returns the text of a delta event (or
 * undefined); `finish` builds the completion once the events end, or throws when they ended early.
 */
export async function* translateStream<E>(events: AsyncIterable<E>, classify: Classifier, onEvent: (event: E) => string | undefined, finish: () => Completion): CompletionStream {
  try {
    for await (const event of events) {
      const text = onEvent(event);
      if (text) yield text;
    }
  } catch (err) {
    throw classify.error(err);
  }
  return finish();
}
