// The local OpenAI/Anthropic-compatible proxy: a user's own app sets OPENAI_BASE_URL /
// ANTHROPIC_BASE_URL to it and its calls go through the optimizer pipeline (budget, cache,
// limiter, breaker, retry, fallback, ledger) unchanged: bodies are forwarded as sent, answers
// and SSE streams come back as the upstream wrote them. It binds loopback only and wants the
// session token on every request: anything on the machine could otherwise spend the user's keys.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger';
import { createPassthroughTransport } from '../runtime/passthroughTransport';
import type { PassthroughRequest, Pipeline, RunResult } from '../runtime/pipeline';
import type { KeyProvider, UpstreamHead } from '../runtime/transport';
import { forwardedHeaders, loopHeader, newSessionToken, readCacheChoice, readCredentials, readTag } from './proxyAuth';
import type { ProxyReply } from './proxyErrors';
import { errorReply, replyForError } from './proxyErrors';
import type { ProxyProvider, ProxyRoute } from './proxyRoutes';
import { findRoute, providerForPath, providerUpstreams, proxyRoutes } from './proxyRoutes';
import { withoutUsageChunk } from './usageChunkFilter';

export interface ProxyServerOptions {
  /** The pipeline every request goes through (the extension's is built on first use). */
  pipeline: () => Promise<Pipeline>;
  /** Loopback only: 127.0.0.1 (default), another 127.x address, ::1 or localhost. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Generated when absent. */
  token?: string;
  /** Upstream base URLs; default the providers' own (OpenAI's with /v1, Anthropic's without). */
  upstreams?: Partial<Record<ProxyProvider, string>>;
  /** The proxy's own provider keys, used when the caller sends none. */
  keys: KeyProvider;
  logger?: Logger;
  /** Per upstream attempt, until its headers arrive. */
  timeoutMs?: number;
  /** Largest request body accepted (bytes). */
  maxBodyBytes?: number;
  /** Recorded with every proxied call, so per-workspace budgets and the dashboard count proxy traffic too. */
  workspace?: string;
}

export interface RunningProxy {
  /** http://127.0.0.1:PORT (no trailing slash, no /v1). */
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Why the proxy did not start: a non-loopback host, or a port that is taken or not allowed. */
export class ProxyBindError extends Error {
  constructor(message: string, readonly code: 'not_loopback' | 'port_in_use' | 'bind_failed') {
    super(message);
    this.name = 'ProxyBindError';
  }
}

/** Only the loopback interface: the proxy spends the user's keys and must not be reachable from the network. */
export function loopbackHost(host: string): string {
  const h = host.trim().toLowerCase();
  if (h === 'localhost' || h === '127.0.0.1') return '127.0.0.1';
  if (h === '::1' || h === '[::1]') return '::1';
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return h;
  throw new ProxyBindError(`refusing to listen on ${host}: the local proxy binds only to loopback (127.0.0.1 or ::1), so nothing outside this machine can spend your keys`, 'not_loopback');
}

const defaultMaxBodyBytes = 64 * 1024 * 1024;

/** Upstream response headers that describe the upstream connection, not the answer. */
const connectionHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date', 'server']);

function answerHeaders(head: UpstreamHead | undefined, streaming: boolean, extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(head?.headers ?? {})) if (!connectionHeaders.has(k)) out[k] = v;
  out['content-type'] ??= streaming ? 'text/event-stream; charset=utf-8' : 'application/json';
  return { ...out, ...extra };
}

/** Attempts are known only once a complete answer is in; a stream's head goes out before. */
function tokenwiseHeaders(r: Pick<RunResult, 'callId' | 'cacheHit'> & { attempts?: number }): Record<string, string> {
  return { 'x-tokenwise-call-id': r.callId, 'x-tokenwise-cache': r.cacheHit ? 'hit' : 'miss', ...(r.attempts !== undefined ? { 'x-tokenwise-attempts': String(r.attempts) } : {}) };
}

class BodyTooLarge extends Error {}

async function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: http.ServerResponse, reply: ProxyReply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

export async function startProxyServer(options: ProxyServerOptions): Promise<RunningProxy> {
  const host = loopbackHost(options.host ?? '127.0.0.1');
  const token = options.token ?? newSessionToken();
  const upstreams = { ...providerUpstreams, ...options.upstreams };
  const maxBody = options.maxBodyBytes ?? defaultMaxBodyBytes;
  // One keep-alive pool for all upstream calls: a new TCP (and TLS) connection per call would
  // add a round trip or more to every request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const log = options.logger;

  /** Parses and checks a request; a reply means it was refused. */
  async function admit(req: http.IncomingMessage, route: ProxyRoute): Promise<ProxyReply | { body: Record<string, unknown>; bytes: Buffer; upstreamKey?: string }> {
    const provider = route.provider;
    if (req.method !== 'POST') return errorReply(provider, 405, 'method_not_allowed', `${route.path} takes POST`, { allow: 'POST' });
    if (req.headers[loopHeader]) return errorReply(provider, 508, 'loop_detected', 'this request came from the proxy itself: the upstream URL points back at the proxy');
    const credentials = readCredentials(req.headers, token);
    if (!credentials.ok) {
      return errorReply(provider, 401, 'invalid_proxy_token',
        'missing or wrong session token: send the token shown when the proxy started as the API key (OPENAI_API_KEY / ANTHROPIC_API_KEY) or in an x-tokenwise-token header');
    }
    let bytes: Buffer;
    try {
      bytes = await readBody(req, maxBody);
    } catch (err) {
      if (err instanceof BodyTooLarge) return errorReply(provider, 413, 'request_too_large', `the request body is over ${maxBody} bytes`);
      throw err;
    }
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      return errorReply(provider, 400, 'invalid_json', 'the request body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return errorReply(provider, 400, 'invalid_json', 'the request body must be a JSON object');
    const model = (body as Record<string, unknown>)['model'];
    if (typeof model !== 'string' || !model) return errorReply(provider, 400, 'missing_model', 'the request body has no "model"');
    return { body: body as Record<string, unknown>, bytes, ...(credentials.upstreamKey ? { upstreamKey: credentials.upstreamKey } : {}) };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = findRoute(url.pathname);
    if (!route) {
      req.resume();
      send(res, errorReply(providerForPath(url.pathname), 404, 'not_found', `no route for ${req.method} ${url.pathname}; the proxy serves ${proxyRoutes.map((r) => r.path).join(', ')}`));
      return;
    }
    const admitted = await admit(req, route);
    if ('status' in admitted) {
      req.resume();
      send(res, admitted);
      log?.info(`proxy ${req.method} ${url.pathname} ${admitted.status} (refused)`);
      return;
    }
    const { body, bytes, upstreamKey } = admitted;
    const model = body['model'] as string;
    const streaming = route.streams && body['stream'] === true;
    let raw: { body: Record<string, unknown>; bytes: Buffer } | undefined = { body, bytes };
    const usageInjected = streaming && route.api === 'chat' && body['stream_options'] === undefined;
    if (usageInjected) {
      // Without include_usage a chat stream carries no token counts, and the ledger could not
      // price the call (OpenAI API reference, stream_options). The extra usage chunk this adds
      // is taken out again before the stream reaches the caller (usageChunkFilter.ts).
      body['stream_options'] = { include_usage: true };
      raw = undefined;
    }
    const controller = new AbortController();
    // The caller hung up: stop the upstream call (and its retries) too.
    res.on('close', () => { if (!res.writableFinished) controller.abort(); });
    const transport = createPassthroughTransport({
      provider: route.provider,
      url: `${upstreams[route.provider].replace(/\/+$/, '')}${route.upstreamPath}${url.search}`,
      keys: upstreamKey ? { get: async () => upstreamKey } : options.keys,
      auth: route.provider === 'anthropic' ? 'x-api-key' : 'bearer',
      headers: forwardedHeaders(req.headers),
      ...(raw ? { raw } : {}),
      agent,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    const tag = readTag(req.headers);
    const call: PassthroughRequest = {
      target: { provider: route.provider, model, api: route.api }, body, transport, source: 'proxy', signal: controller.signal,
      ...(tag ? { tag } : {}), ...(options.workspace ? { workspace: options.workspace } : {}), cache: readCacheChoice(req.headers),
    };
    const secrets = [token, upstreamKey];
    let status = 0;
    try {
      const pipeline = await options.pipeline();
      if (streaming) {
        const run = await pipeline.passthroughStream(call);
        status = run.head?.status ?? 200;
        res.writeHead(status, answerHeaders(run.head, true, tokenwiseHeaders(run)));
        res.flushHeaders();
        for await (const piece of usageInjected ? withoutUsageChunk(run.deltas) : run.deltas) {
          // Respect the caller's pace: a slow reader holds the upstream stream instead of growing a buffer here.
          if (!res.write(piece)) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
        }
        res.end();
      } else {
        const result = await pipeline.passthrough(call);
        status = result.head?.status ?? 200;
        send(res, { status, headers: answerHeaders(result.head, false, tokenwiseHeaders(result)), body: result.text });
      }
    } catch (err) {
      if (res.headersSent) {
        // The stream failed after bytes reached the caller (connection lost, stream cut short):
        // cutting the connection is the only way left to tell the caller's SDK it is incomplete.
        res.destroy();
        log?.warn(`proxy ${url.pathname} ${model}: the stream failed after it started (${(err as { code?: string }).code ?? 'error'})`);
        return;
      }
      const reply = replyForError(err, route.provider, secrets);
      if (reply) {
        status = reply.status;
        send(res, reply);
      } else res.destroy();
    }
    log?.info(`proxy ${url.pathname} ${model}${streaming ? ' stream' : ''} ${status} ${Math.round(performance.now() - started)} ms${tag ? ` tag=${tag}` : ''}`);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log?.error(`proxy: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, errorReply(providerForPath(req.url ?? '/'), 500, 'proxy_error', 'internal error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      agent.destroy();
      const port = options.port ?? 0;
      if (err.code === 'EADDRINUSE') reject(new ProxyBindError(`port ${port} on ${host} is already in use`, 'port_in_use'));
      else reject(new ProxyBindError(`cannot listen on ${host}:${port}: ${err.message}`, 'bind_failed'));
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url, host, port, token,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      agent.destroy();
    }),
  };
}
