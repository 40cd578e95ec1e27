// A transport that sends the caller's native body to the upstream as raw HTTP and hands back the
// upstream's own bytes (the local proxy). The SDK transports parse answers into text; a proxy
// must not, or tools, response_format and parameters this code has never heard of would be lost.
// Like the SDK transports it throws only ProviderError or CancelledError, with the key redacted,
// so the pipeline's retry, breaker and fallback treat both kinds of call the same way.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { classifyError, ProviderError } from './errors';
import { streamUsageParser, usageOfBody } from './passthroughUsage';
import { redactSecrets } from './redact';
import type { CallApi, Completion, CompletionStream, KeyProvider, Transport, TransportCall, UpstreamHead } from './transport';
import { defaultTimeoutMs, malformedResponse, requireKey, truncatedStream } from './transport';

/** An upstream HTTP error, with the upstream's status, headers and (redacted) body for the caller. */
export class UpstreamHttpError extends ProviderError {
  constructor(base: ProviderError, readonly head: UpstreamHead, readonly body: string) {
    super(base.message, base.kind, base.code, base.provider, base.model, base.status, base.retryAfterMs, base.shouldRetry);
    this.name = 'UpstreamHttpError';
  }
}

export interface PassthroughTransportOptions {
  /** 'openai' or 'anthropic': the ledger's provider, and whose rate limits and circuit apply. */
  provider: string;
  /** The full upstream URL of this call: base URL + API path + the caller's query string. */
  url: string;
  keys: KeyProvider;
  /** OpenAI takes `Authorization: Bearer`, Anthropic `x-api-key`. */
  auth: 'bearer' | 'x-api-key';
  /** Caller headers to forward (anthropic-version, openai-beta...), already without auth and hop-by-hop headers. */
  headers?: Record<string, string>;
  /** The caller's exact bytes, sent while the body is still the caller's own object (a fallback changes its model). */
  raw?: { body: Record<string, unknown>; bytes: Buffer };
  agent?: http.Agent;
  /** Until the upstream's status and headers arrive; a stream may then run as long as it needs. */
  timeoutMs?: number;
  clock?: Clock;
}

const allApis: readonly CallApi[] = ['chat', 'responses', 'messages', 'embeddings', 'count_tokens'];

function named(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

function headOf(res: http.IncomingMessage): UpstreamHead {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode ?? 502, headers };
}

async function readAll(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function createPassthroughTransport(options: PassthroughTransportOptions): Transport {
  const { provider } = options;
  const clock = options.clock ?? systemClock;

  /** Sends the body; resolves with the response once its headers arrived. `cleanup` detaches the abort listener. */
  async function send(call: TransportCall, key: string | undefined): Promise<{ res: http.IncomingMessage; cleanup: () => void }> {
    const url = new URL(options.url);
    const bytes = options.raw && call.body === options.raw.body ? options.raw.bytes : Buffer.from(JSON.stringify(call.body));
    const headers: http.OutgoingHttpHeaders = {
      ...options.headers,
      'content-type': 'application/json',
      'content-length': bytes.length,
      // The usage is read from the body, so it must arrive uncompressed.
      'accept-encoding': 'identity',
      ...(key ? (options.auth === 'bearer' ? { authorization: `Bearer ${key}` } : { 'x-api-key': key }) : {}),
    };
    const req = (url.protocol === 'https:' ? https : http).request(url, { method: 'POST', headers, agent: options.agent });
    let res: http.IncomingMessage | undefined;
    const onAbort = (): void => {
      const err = named('AbortError', 'aborted');
      req.destroy(err);
      res?.destroy(err);
    };
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => call.signal?.removeEventListener('abort', onAbort);
    if (call.signal?.aborted) onAbort();
    try {
      res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const timer = setTimeout(() => req.destroy(named('TimeoutError', 'timed out')), options.timeoutMs ?? defaultTimeoutMs);
        req.once('response', (r) => { clearTimeout(timer); resolve(r); });
        req.once('error', (e) => { clearTimeout(timer); reject(e); });
        req.end(bytes);
      });
      return { res, cleanup };
    } catch (err) {
      cleanup();
      throw err;
    }
  }

  /** Everything thrown below comes out classified and with the key redacted. */
  function classify(err: unknown, model: string, key: string | undefined): Error {
    return classifyError(err, provider, model, clock.now(), [key]);
  }

  async function open(call: TransportCall): Promise<{ res: http.IncomingMessage; cleanup: () => void; head: UpstreamHead; key: string | undefined }> {
    const key = await requireKey(options.keys, provider, call.model, true);
    let sent: { res: http.IncomingMessage; cleanup: () => void };
    try {
      sent = await send(call, key);
    } catch (err) {
      throw classify(err, call.model, key);
    }
    const head = headOf(sent.res);
    if (head.status >= 200 && head.status < 300) return { ...sent, head, key };
    let text: string;
    try {
      text = await readAll(sent.res);
    } catch (err) {
      throw classify(err, call.model, key);
    } finally {
      sent.cleanup();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    // classifyError reads status, headers and the provider's {error:{message}} like an SDK APIError.
    const base = classify({ status: head.status, headers: head.headers, error: parsed, message: text.slice(0, 500) }, call.model, key);
    if (!(base instanceof ProviderError)) throw base;
    throw new UpstreamHttpError(base, head, redactSecrets(text, [key]));
  }

  return {
    provider,
    apis: allApis,

    async complete(call: TransportCall): Promise<Completion> {
      const { res, cleanup, head, key } = await open(call);
      let text: string;
      try {
        text = await readAll(res);
      } catch (err) {
        throw classify(err, call.model, key);
      } finally {
        cleanup();
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw malformedResponse(provider, call.model, 'valid JSON body');
      }
      const { usage, model } = usageOfBody(call.api, parsed);
      return { text, usage, model: model ?? call.model, head };
    },

    async stream(call: TransportCall): Promise<CompletionStream> {
      const { res, cleanup, head, key } = await open(call);
      const parser = streamUsageParser(call.api);
      async function* relay(): AsyncGenerator<string, Completion, undefined> {
        // A multi-byte character split across chunks is held back until its last byte arrives.
        const decoder = new TextDecoder();
        let text = '';
        let ended = false;
        try {
          for await (const chunk of res) {
            const piece = decoder.decode(chunk as Buffer, { stream: true });
            if (!piece) continue;
            parser.push(piece);
            text += piece;
            yield piece;
          }
          ended = true;
        } catch (err) {
          throw classify(err, call.model, key);
        } finally {
          cleanup();
          if (!ended) res.destroy();
        }
        const tail = decoder.decode();
        if (tail) {
          parser.push(tail);
          text += tail;
          yield tail;
        }
        const parsed = parser.finish();
        if (!parsed.complete) throw truncatedStream(provider, call.model);
        return { text, usage: parsed.usage, model: parsed.model ?? call.model, head };
      }
      return Object.assign(relay(), { head });
    },
  };
}
