// Typed errors with a reason, so the UI can say what happened and what to fix. Classification
// follows the SDKs' own retry rules (docs/provider-facts.md, "SDK behaviour"): 408, 409, 429,
// 5xx (and Anthropic's 529 overloaded) and connection failures are transient; the other 4xx
// are permanent because repeating the same request cannot succeed.
import { CancelledError } from './clock';
import { redactSecrets } from './redact';

export type ErrorKind = 'transient' | 'permanent';

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind,
    /** Short code for the ledger: http_429, ECONNRESET, timeout, malformed_response, stream_truncated... */
    readonly code: string,
    readonly provider: string,
    readonly model: string,
    readonly status?: number,
    /** Server-requested wait (retry-after-ms, then retry-after), when it sent one. */
    readonly retryAfterMs?: number,
    /** The server's x-should-retry header, which overrides the status-based decision (as in the SDKs). */
    readonly shouldRetry?: boolean,
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  /** 429 / 529 / 503: the provider (or model) is overloaded, so a fallback model may help right away. */
  get isOverload(): boolean {
    return this.status === 429 || this.status === 529 || this.status === 503;
  }
}

export type BudgetScope = 'global' | 'workspace';
export type BudgetPeriod = 'day' | 'month';

export class BudgetExceededError extends Error {
  readonly code = 'budget_blocked';
  constructor(readonly scope: BudgetScope, readonly period: BudgetPeriod, readonly capUsd: number, readonly spentUsd: number) {
    super(
      `the ${scope === 'global' ? 'global' : 'workspace'} ${period === 'day' ? 'daily' : 'monthly'} budget of $${capUsd.toFixed(2)} is used up ` +
        `($${spentUsd.toFixed(2)} spent): raise the cap in the Tokenwise budget settings or run this request once with the budget override`,
    );
    this.name = 'BudgetExceededError';
  }
}

export class BreakerOpenError extends Error {
  readonly code = 'breaker_open';
  constructor(readonly provider: string, readonly model: string, readonly retryInMs: number) {
    super(`${provider} ${model} is failing repeatedly, so calls to it are paused for ${Math.ceil(retryInMs / 1000)} s (circuit breaker open)`);
    this.name = 'BreakerOpenError';
  }
}

const providerNames: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

export function providerDisplayName(provider: string): string {
  return providerNames[provider] ?? provider;
}

/** What to fix, for the statuses that no retry can cure. */
function permanentAdvice(status: number, provider: string, model: string): string {
  const name = providerDisplayName(provider);
  switch (status) {
    case 401:
      return `the ${name} API key was rejected: set a valid key with Tokenwise: Set API Key`;
    case 403:
      return `the ${name} API key is not allowed to use ${model}: check the key's project, organization and model access`;
    case 404:
      return `${name} does not know the model ${model} (or the endpoint): check the model name and the base URL`;
    case 422:
      return `${name} could not process the request for ${model}: check the parameters`;
    default:
      return `${name} rejected the request for ${model} as invalid: check the model's parameters and limits`;
  }
}

const transientStatuses = new Set([408, 409, 429]);

export function isTransientStatus(status: number): boolean {
  return transientStatuses.has(status) || status >= 500;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * retry-after-ms (an OpenAI/Anthropic extension, milliseconds) wins over the standard
 * retry-after, which is either delay-seconds or an HTTP-date (RFC 9110 section 10.2.3).
 */
export function parseRetryAfter(headers: unknown, nowMs: number): number | undefined {
  const ms = headerValue(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const after = headerValue(headers, 'retry-after');
  if (after === undefined || after.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(after.trim())) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    // Node's errno codes (ECONNRESET) and undici's socket codes (UND_ERR_SOCKET: "other side closed").
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  }
  return undefined;
}

/** The provider's own error text: SDK APIError bodies are {error:{message}} (OpenAI) or {error:{type,message}} (Anthropic). */
function providerMessage(err: unknown): string {
  const body = (err as { error?: unknown }).error as Record<string, unknown> | undefined;
  const inner = body && typeof body === 'object' ? ((body['error'] as Record<string, unknown> | undefined) ?? body) : undefined;
  const message = inner && typeof inner['message'] === 'string' ? inner['message'] : (err as Error).message;
  return typeof message === 'string' ? message : String(err);
}

/**
 * How a transport recognizes its SDK's error classes (by instanceof: class names do not survive
 * minification, and the SDKs' errors do not set `name`).
 */
export interface SdkErrorKinds {
  isAbort(err: unknown): boolean;
  isTimeout(err: unknown): boolean;
  isConnection(err: unknown): boolean;
}

/**
 * Turns whatever a transport threw (an SDK APIError, a connection error, a parse error) into a
 * ProviderError or CancelledError. Status-based decisions are duck-typed (both SDKs' APIError
 * carry `status` and fetch `headers`), so this module imports neither SDK.
 */
export function classifyError(err: unknown, provider: string, model: string, nowMs: number, secrets: readonly (string | undefined)[], sdk?: SdkErrorKinds): Error {
  if (err instanceof ProviderError || err instanceof CancelledError || err instanceof BudgetExceededError) return err;
  const name = (err as { name?: unknown })?.name;
  if (sdk?.isAbort(err) || name === 'AbortError') return new CancelledError();
  const clean = (text: string): string => redactSecrets(text, secrets);
  const label = providerDisplayName(provider);
  const status = (err as { status?: unknown })?.status;
  if (typeof status === 'number') {
    const headers = (err as { headers?: unknown }).headers;
    const should = headerValue(headers, 'x-should-retry');
    const detail = clean(providerMessage(err));
    if (isTransientStatus(status)) {
      const what = status === 529 ? 'overloaded' : status === 429 ? 'rate limited' : status === 503 ? 'unavailable' : 'server error';
      return new ProviderError(`${label} ${model}: ${status} ${what}: ${detail}`, 'transient', `http_${status}`, provider, model, status,
        parseRetryAfter(headers, nowMs), should === undefined ? undefined : should === 'true');
    }
    return new ProviderError(`${permanentAdvice(status, provider, model)} (${status}: ${detail})`, 'permanent', `http_${status}`, provider, model, status,
      undefined, should === undefined ? undefined : should === 'true');
  }
  if (sdk?.isTimeout(err) || name === 'TimeoutError') {
    return new ProviderError(`${label} ${model}: the request timed out`, 'transient', 'timeout', provider, model);
  }
  const code = networkCode(err);
  if (sdk?.isConnection(err) || code) {
    return new ProviderError(`${label} ${model}: connection failed (${code ?? 'connection error'}): check the network or the base URL`, 'transient',
      code ?? 'connection_error', provider, model);
  }
  if (err instanceof SyntaxError) {
    return new ProviderError(`${label} ${model}: the response was not valid JSON`, 'transient', 'malformed_response', provider, model);
  }
  return new ProviderError(`${label} ${model}: ${clean(err instanceof Error ? err.message : String(err))}`, 'permanent', 'unexpected', provider, model);
}
