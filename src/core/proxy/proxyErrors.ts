// Errors in each provider's own JSON shape, so the stock SDKs raise their usual error classes
// with the proxy's message: OpenAI {error:{message,type,param,code}}, Anthropic
// {type:"error",error:{type,message}} (API references, "Errors"). Every error response carries
// `x-should-retry: false`, which both SDKs obey: the proxy has already retried, and the SDK's
// own two retries on top would triple the attempts.
import { CancelledError } from '../runtime/clock';
import { BreakerOpenError, BudgetExceededError, ProviderError } from '../runtime/errors';
import { UpstreamHttpError } from '../runtime/passthroughTransport';
import { redactSecrets } from '../runtime/redact';
import { RetriesExhaustedError } from '../runtime/retry';
import type { ProxyProvider } from './proxyRoutes';

export interface ProxyReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Anthropic's error type for each status (docs: "HTTP errors"); OpenAI's types are coarser. */
function anthropicType(status: number): string {
  switch (status) {
    case 400: return 'invalid_request_error';
    case 401: return 'authentication_error';
    case 402: return 'billing_error';
    case 403: return 'permission_error';
    case 404: return 'not_found_error';
    case 413: return 'request_too_large';
    case 429: return 'rate_limit_error';
    case 503: case 529: return 'overloaded_error';
    default: return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/** A JSON error from the proxy itself; `code` (OpenAI shape, and the x-tokenwise-error header) names the cause. */
export function errorReply(provider: ProxyProvider, status: number, code: string, message: string, headers: Record<string, string> = {}): ProxyReply {
  const text = `Tokenwise proxy: ${message}`;
  const body = provider === 'anthropic'
    ? { type: 'error', error: { type: anthropicType(status), message: text } }
    : { error: { message: text, type: status >= 500 ? 'server_error' : status === 402 ? 'insufficient_quota' : 'invalid_request_error', param: null, code } };
  return { status, headers: { 'content-type': 'application/json', 'x-should-retry': 'false', 'x-tokenwise-error': code, ...headers }, body: JSON.stringify(body) };
}

/** Upstream statuses for failures that produced no HTTP answer. */
function gatewayStatus(e: ProviderError): number {
  if (e.code === 'missing_key') return 401;
  if (e.code === 'invalid_request') return 400;
  if (e.code === 'timeout') return 504;
  return e.kind === 'transient' ? 502 : 500;
}

/**
 * The answer for a failed call; undefined when the caller went away (nobody to answer). An
 * upstream HTTP error comes back with the upstream's status and body (redacted); `secrets`
 * (the session token and keys) are scrubbed from every message.
 */
export function replyForError(err: unknown, provider: ProxyProvider, secrets: readonly (string | undefined)[]): ProxyReply | undefined {
  if (err instanceof CancelledError) return undefined;
  const clean = (text: string): string => redactSecrets(text, secrets);
  const last = err instanceof RetriesExhaustedError ? err.last : err;
  const attempts = err instanceof RetriesExhaustedError ? ` after ${err.attempts} attempts` : '';
  if (last instanceof UpstreamHttpError) {
    const contentType = last.head.headers['content-type'] ?? 'application/json';
    return { status: last.head.status, headers: { 'content-type': contentType, 'x-should-retry': 'false', 'x-tokenwise-error': last.code }, body: clean(last.body) };
  }
  if (err instanceof BudgetExceededError) return errorReply(provider, 402, 'budget_exceeded', clean(err.message));
  if (err instanceof BreakerOpenError) {
    return errorReply(provider, 503, 'breaker_open', clean(err.message), { 'retry-after': String(Math.ceil(err.retryInMs / 1000)) });
  }
  if (last instanceof ProviderError) return errorReply(provider, gatewayStatus(last), last.code, `${clean(last.message)}${attempts}`);
  return errorReply(provider, 500, 'proxy_error', clean(err instanceof Error ? err.message : String(err)));
}
