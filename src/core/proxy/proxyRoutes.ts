// The endpoints the local proxy serves, and where each goes upstream. Base URLs follow the SDKs'
// own conventions, so a caller only swaps them: OpenAI's includes /v1
// (OPENAI_BASE_URL=http://127.0.0.1:PORT/v1), Anthropic's does not (ANTHROPIC_BASE_URL=http://127.0.0.1:PORT).
import type { CallApi } from '../runtime/transport';

export type ProxyProvider = 'openai' | 'anthropic';

export interface ProxyRoute {
  path: string;
  provider: ProxyProvider;
  api: CallApi;
  /** Appended to the provider's upstream base URL. */
  upstreamPath: string;
  /** Whether `stream: true` in the body asks for SSE. */
  streams: boolean;
}

export const proxyRoutes: readonly ProxyRoute[] = [
  { path: '/v1/chat/completions', provider: 'openai', api: 'chat', upstreamPath: '/chat/completions', streams: true },
  { path: '/v1/responses', provider: 'openai', api: 'responses', upstreamPath: '/responses', streams: true },
  { path: '/v1/embeddings', provider: 'openai', api: 'embeddings', upstreamPath: '/embeddings', streams: false },
  { path: '/v1/messages', provider: 'anthropic', api: 'messages', upstreamPath: '/v1/messages', streams: true },
  { path: '/v1/messages/count_tokens', provider: 'anthropic', api: 'count_tokens', upstreamPath: '/v1/messages/count_tokens', streams: false },
];

/** The default upstreams: the providers themselves. */
export const providerUpstreams: Record<ProxyProvider, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

/**
 * The route for a request path. An OpenAI base URL set without /v1 sends /chat/completions, which
 * is accepted too, so a forgotten /v1 is not a confusing 404.
 */
export function findRoute(pathname: string): ProxyRoute | undefined {
  const path = pathname.replace(/\/+$/, '');
  return proxyRoutes.find((r) => r.path === path || (r.provider === 'openai' && `/v1${path}` === r.path));
}

/** Whose error shape a request expects, even for a path the proxy does not serve. */
export function providerForPath(pathname: string): ProxyProvider {
  return pathname.startsWith('/v1/messages') ? 'anthropic' : 'openai';
}

/** The environment a user's app needs to go through the proxy (the "Copy environment" action and the CLI print it). */
export function proxyEnvironment(url: string, token: string): string {
  return [`OPENAI_BASE_URL=${url}/v1`, `OPENAI_API_KEY=${token}`, `ANTHROPIC_BASE_URL=${url}`, `ANTHROPIC_API_KEY=${token}`].join('\n');
}
