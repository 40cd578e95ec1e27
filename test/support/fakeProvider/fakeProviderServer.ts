// A fake OpenAI + Anthropic HTTP server on 127.0.0.1 for tests and the "Demo provider" of
// `npm start`. It speaks the real wire formats (JSON bodies, SSE event streams, usage fields
// with cached tokens and 5m/1h cache writes) so the official SDKs run unmodified against it.
// Answers and token counts are deterministic: the answer echoes the last user text and a token
// is a whitespace-separated word. Faults are injected per request, from a queue the test fills
// or from an `x-fake-fault` request header. No test-framework imports: it also runs standalone.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; retryAfterMs?: number; retryAfterDate?: string; shouldRetry?: boolean; message?: string }
  /** Destroys the socket before any response byte (the client sees a connection reset). */
  | { kind: 'reset' }
  /** Waits before the first byte, then answers normally. */
  | { kind: 'delay'; ms: number }
  /** A 200 whose body is not valid JSON. */
  | { kind: 'malformed' }
  /** A stream that ends after `afterEvents` events, without its final events (non-streaming: a cut JSON body). */
  | { kind: 'truncate'; afterEvents?: number };

export interface FaultQueue {
  /** Queues a fault for the next request (to `path`, when given). */
  push(fault: Fault, path?: string): void;
  clear(): void;
  readonly pending: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** How the key was sent; the key itself is never recorded. */
  auth: 'bearer' | 'x-api-key' | 'api-key' | 'none';
  headers: Record<string, string>;
  body: unknown;
  status: number;
  fault?: string;
}

export interface FakeProviderOptions {
  port?: number;
  /** Keys answered with 401 (the message echoes the key, as OpenAI's does, to test redaction). */
  rejectKeys?: string[];
  /** OpenAI caches prompts from 1,024 tokens (docs/provider-facts.md); lower it to test small prompts. */
  openaiCacheMinTokens?: number;
  /** Receives one line per request (the standalone script prints them). */
  onLog?: (line: string) => void;
}

export interface FakeProvider {
  port: number;
  /** http://127.0.0.1:<port>: the Anthropic SDK's baseURL. */
  baseUrl: string;
  /** baseUrl + /v1: the OpenAI SDK's baseURL. */
  openaiBaseUrl: string;
  faults: FaultQueue;
  requests: RecordedRequest[];
  log: string[];
  close(): Promise<void>;
}

const secretHeaders = new Set(['authorization', 'x-api-key', 'api-key']);

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Parses an x-fake-fault header: 429, 529;retry-after=2, 429;retry-after-ms=1500, reset, delay=500, malformed, truncate=2. */
export function parseFaultHeader(value: string): Fault | undefined {
  const [head = '', ...opts] = value.split(';').map((s) => s.trim());
  const params = new Map(opts.map((o) => o.split('=') as [string, string]));
  const [name, arg] = head.split('=');
  if (/^\d{3}$/.test(head)) {
    return {
      kind: 'status', status: Number(head),
      ...(params.has('retry-after') ? { retryAfterSeconds: Number(params.get('retry-after')) } : {}),
      ...(params.has('retry-after-ms') ? { retryAfterMs: Number(params.get('retry-after-ms')) } : {}),
    };
  }
  if (name === 'reset') return { kind: 'reset' };
  if (name === 'malformed') return { kind: 'malformed' };
  if (name === 'delay') return { kind: 'delay', ms: Number(arg ?? 1000) };
  if (name === 'truncate') return { kind: 'truncate', afterEvents: arg === undefined ? undefined : Number(arg) };
  return undefined;
}

function describeFault(f: Fault): string {
  return f.kind === 'status' ? String(f.status) : f.kind === 'delay' ? `delay=${f.ms}` : f.kind;
}

type Json = Record<string, unknown>;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((c) => (typeof c === 'string' ? c : typeof (c as Json)?.['text'] === 'string' ? ((c as Json)['text'] as string) : '')).join(' ');
  return '';
}

interface Answer {
  text: string;
  outputTokens: number;
  reasoningTokens: number;
}

function answerFor(lastUser: string, model: string, maxTokens: unknown): Answer {
  let words = `echo: ${lastUser}`.split(/\s+/).filter(Boolean);
  if (typeof maxTokens === 'number' && maxTokens > 0) words = words.slice(0, maxTokens);
  // Reasoning models bill hidden reasoning as output; a fixed amount keeps counts predictable.
  const reasoningTokens = /^(o\d|gpt-5)/.test(model) ? 4 : 0;
  return { text: words.join(' '), outputTokens: words.length + reasoningTokens, reasoningTokens };
}

const messageOverhead = 3;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const queue: { fault: Fault; path?: string }[] = [];
  const requests: RecordedRequest[] = [];
  const log: string[] = [];
  const seenPrefixes = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const rejectKeys = new Set(options.rejectKeys ?? []);
  const openaiCacheMin = options.openaiCacheMinTokens ?? 1024;

  const faults: FaultQueue = {
    push: (fault, path) => void queue.push({ fault, path }),
    clear: () => void queue.splice(0),
    get pending() {
      return queue.length;
    },
  };

  function takeFault(path: string, header: string | undefined): Fault | undefined {
    const i = queue.findIndex((q) => q.path === undefined || q.path === path);
    if (i >= 0) return queue.splice(i, 1)[0]?.fault;
    return header ? parseFaultHeader(header) : undefined;
  }

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  }

  /** OpenAI: automatic prefix caching of everything before the last message, once seen. */
  function openaiUsage(texts: string[]): { prompt: number; cached: number } {
    const prompt = texts.reduce((n, t) => n + countWords(t) + messageOverhead, 0);
    const prefix = texts.slice(0, -1);
    const prefixTokens = prefix.reduce((n, t) => n + countWords(t) + messageOverhead, 0);
    let cached = 0;
    if (prefix.length && prefixTokens >= openaiCacheMin) {
      const h = hash(`openai\u0000${prefix.join('\u0000')}`);
      if (seenPrefixes.has(h)) cached = prefixTokens;
      seenPrefixes.add(h);
    }
    return { prompt, cached };
  }

  /** Anthropic: explicit breakpoints; the longest seen prefix is read, later segments are written at their TTL. */
  function anthropicUsage(body: Json): Json {
    const blocks: { text: string; ttl?: string }[] = [];
    const push = (b: unknown): void => {
      const block = b as Json;
      const cc = block?.['cache_control'] as Json | undefined;
      blocks.push({ text: textOf([block]), ttl: cc ? ((cc['ttl'] as string | undefined) ?? '5m') : undefined });
    };
    const system = body['system'];
    if (typeof system === 'string') blocks.push({ text: system });
    else if (Array.isArray(system)) system.forEach(push);
    let overhead = 0;
    for (const m of (body['messages'] as Json[] | undefined) ?? []) {
      overhead += messageOverhead;
      const content = m['content'];
      if (typeof content === 'string') blocks.push({ text: content });
      else if (Array.isArray(content)) content.forEach(push);
    }
    const topLevel = body['cache_control'] as Json | undefined;
    if (topLevel && blocks.length) {
      const last = blocks[blocks.length - 1] as { text: string; ttl?: string };
      last.ttl ??= (topLevel['ttl'] as string | undefined) ?? '5m';
    }
    let cum = 0;
    let prefixText = '';
    const breakpoints: { cum: number; ttl: string; h: string }[] = [];
    for (const b of blocks) {
      cum += countWords(b.text);
      prefixText += `\u0000${b.text}`;
      if (b.ttl) breakpoints.push({ cum, ttl: b.ttl, h: hash(`anthropic\u0000${body['model']}${prefixText}`) });
    }
    let read = 0;
    let readIndex = -1;
    breakpoints.forEach((bp, i) => {
      if (seenPrefixes.has(bp.h)) {
        read = bp.cum;
        readIndex = i;
      }
    });
    let w5 = 0;
    let w1 = 0;
    let prev = read;
    for (const bp of breakpoints.slice(readIndex + 1)) {
      if (bp.ttl === '1h') w1 += bp.cum - prev;
      else w5 += bp.cum - prev;
      prev = bp.cum;
      seenPrefixes.add(bp.h);
    }
    const cachedEnd = breakpoints.length ? Math.max(prev, read) : 0;
    return {
      input_tokens: cum - cachedEnd + overhead,
      cache_creation_input_tokens: w5 + w1,
      cache_read_input_tokens: read,
      cache_creation: { ephemeral_5m_input_tokens: w5, ephemeral_1h_input_tokens: w1 },
    };
  }

  function errorBody(path: string, status: number, message: string): Json {
    if (path.startsWith('/v1/messages')) {
      const type = status === 529 ? 'overloaded_error' : status === 429 ? 'rate_limit_error' : status === 401 ? 'authentication_error' : status === 403 ? 'permission_error'
        : status === 404 ? 'not_found_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
      return { type: 'error', error: { type, message } };
    }
    return { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: status === 401 ? 'invalid_api_key' : null } };
  }

  function defaultMessage(status: number): string {
    return status === 529 ? 'Overloaded' : status === 429 ? 'Rate limit exceeded' : status === 401 ? 'Invalid API key' : status >= 500 ? 'Internal server error' : `Request failed with status ${status}`;
  }

  function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  /** Writes SSE events; with a truncate fault it stops after `afterEvents` and ends without the rest. */
  function sendSse(res: http.ServerResponse, events: { event?: string; data: unknown }[], truncateAfter: number | undefined): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const list = truncateAfter === undefined ? events : events.slice(0, truncateAfter);
    for (const e of list) res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`);
    res.end();
  }

  function words(text: string): string[] {
    return text.split(' ').map((w, i, all) => (i < all.length - 1 ? `${w} ` : w));
  }

  function chatCompletions(body: Json, res: http.ServerResponse, truncate: number | undefined): void {
    const messages = (body['messages'] as Json[] | undefined) ?? [];
    const texts = messages.map((m) => textOf(m['content']));
    const lastUser = textOf([...messages].reverse().find((m) => m['role'] === 'user')?.['content']);
    const model = String(body['model']);
    const answer = answerFor(lastUser, model, body['max_completion_tokens'] ?? body['max_tokens']);
    const { prompt, cached } = openaiUsage(texts);
    const usage = {
      prompt_tokens: prompt, completion_tokens: answer.outputTokens, total_tokens: prompt + answer.outputTokens,
      prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: answer.reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
    const id = `chatcmpl-fake-${requests.length}`;
    const created = 1_700_000_000;
    if (!body['stream']) {
      sendJson(res, 200, {
        id, object: 'chat.completion', created, model,
        choices: [{ index: 0, message: { role: 'assistant', content: answer.text, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage,
      });
      return;
    }
    const chunk = (delta: Json, finish: string | null): unknown => ({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
    const events: { data: unknown }[] = [{ data: chunk({ role: 'assistant', content: '' }, null) }];
    for (const w of words(answer.text)) events.push({ data: chunk({ content: w }, null) });
    events.push({ data: chunk({}, 'stop') });
    const includeUsage = (body['stream_options'] as Json | undefined)?.['include_usage'] === true;
    if (includeUsage) events.push({ data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage } });
    events.push({ data: '[DONE]' });
    sendSse(res, events, truncate);
  }

  function responses(body: Json, res: http.ServerResponse, truncate: number | undefined): void {
    const input = body['input'];
    const items = typeof input === 'string' ? [{ role: 'user', content: input }] : ((input as Json[] | undefined) ?? []);
    const texts = [...(typeof body['instructions'] === 'string' ? [body['instructions']] : []), ...items.map((m) => textOf(m['content']))];
    const lastUser = textOf([...items].reverse().find((m) => m['role'] === 'user')?.['content']);
    const model = String(body['model']);
    const answer = answerFor(lastUser, model, body['max_output_tokens']);
    const { prompt, cached } = openaiUsage(texts);
    const usage = {
      input_tokens: prompt, input_tokens_details: { cached_tokens: cached },
      output_tokens: answer.outputTokens, output_tokens_details: { reasoning_tokens: answer.reasoningTokens }, total_tokens: prompt + answer.outputTokens,
    };
    const id = `resp_fake_${requests.length}`;
    const itemId = `msg_fake_${requests.length}`;
    const part = { type: 'output_text', text: answer.text, annotations: [] };
    const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [part] };
    const response = (status: string, extra: Json): Json => ({ id, object: 'response', created_at: 1_700_000_000, status, model, output: [], usage: null, ...extra });
    if (!body['stream']) {
      sendJson(res, 200, response('completed', { output: [item], usage }));
      return;
    }
    let seq = 0;
    const ev = (type: string, data: Json): { event: string; data: unknown } => ({ event: type, data: { type, sequence_number: seq++, ...data } });
    const events = [
      ev('response.created', { response: response('in_progress', {}) }),
      ev('response.in_progress', { response: response('in_progress', {}) }),
      ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }),
      ev('response.content_part.added', { item_id: itemId, output_index: 0, content_index: 0, part: { ...part, text: '' } }),
      ...words(answer.text).map((w) => ev('response.output_text.delta', { item_id: itemId, output_index: 0, content_index: 0, delta: w, logprobs: [] })),
      ev('response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text: answer.text, logprobs: [] }),
      ev('response.content_part.done', { item_id: itemId, output_index: 0, content_index: 0, part }),
      ev('response.output_item.done', { output_index: 0, item }),
      ev('response.completed', { response: response('completed', { output: [item], usage }) }),
    ];
    sendSse(res, events, truncate);
  }

  function messages(body: Json, res: http.ServerResponse, truncate: number | undefined): void {
    const msgs = (body['messages'] as Json[] | undefined) ?? [];
    const lastUser = textOf([...msgs].reverse().find((m) => m['role'] === 'user')?.['content']);
    const model = String(body['model']);
    const answer = answerFor(lastUser, model, body['max_tokens']);
    const usage = { ...anthropicUsage(body), output_tokens: answer.outputTokens, service_tier: 'standard' };
    const id = `msg_fake_${requests.length}`;
    const message = (content: unknown[], u: Json, stop: string | null): Json => ({ id, type: 'message', role: 'assistant', model, content, stop_reason: stop, stop_sequence: null, usage: u });
    if (!body['stream']) {
      sendJson(res, 200, message([{ type: 'text', text: answer.text }], usage, 'end_turn'));
      return;
    }
    const ev = (type: string, data: Json): { event: string; data: unknown } => ({ event: type, data: { type, ...data } });
    const events = [
      ev('message_start', { message: message([], { ...usage, output_tokens: 1 }, null) }),
      ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      ev('ping', {}),
      ...words(answer.text).map((w) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: w } })),
      ev('content_block_stop', { index: 0 }),
      ev('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: answer.outputTokens } }),
      ev('message_stop', {}),
    ];
    sendSse(res, events, truncate);
  }

  /** Deterministic 8-dimension vectors from the text's hash; base64 (little-endian float32) when asked, as the OpenAI SDK does by default. */
  function embeddings(body: Json, res: http.ServerResponse): void {
    const input = body['input'];
    const texts = Array.isArray(input) ? input.map((t) => (typeof t === 'string' ? t : JSON.stringify(t))) : [typeof input === 'string' ? input : ''];
    const base64 = body['encoding_format'] === 'base64';
    const data = texts.map((text, index) => {
      const digest = createHash('sha256').update(text).digest();
      const vector = Array.from({ length: 8 }, (_, i) => ((digest[i] as number) - 128) / 128);
      return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector };
    });
    const tokens = texts.reduce((n, t) => n + countWords(t), 0);
    sendJson(res, 200, { object: 'list', data, model: String(body['model']), usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }

  function countTokens(body: Json, res: http.ServerResponse): void {
    const u = anthropicUsageDry(body);
    sendJson(res, 200, { input_tokens: u });
  }

  /** count_tokens never reads or writes the cache: it returns the total input. */
  function anthropicUsageDry(body: Json): number {
    let n = 0;
    const system = body['system'];
    n += countWords(typeof system === 'string' ? system : textOf(system));
    for (const m of (body['messages'] as Json[] | undefined) ?? []) n += countWords(textOf(m['content'])) + messageOverhead;
    return n;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Azure-style deployment paths end in the same API path.
    const path = url.pathname.replace(/^\/openai\/deployments\/[^/]+/, '/v1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = secretHeaders.has(k) ? '[redacted]' : v;
    const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
    const key = single(req.headers['x-api-key']) ?? single(req.headers['api-key']) ?? req.headers['authorization']?.replace(/^Bearer\s+/i, '');
    const auth: RecordedRequest['auth'] = req.headers['x-api-key'] ? 'x-api-key' : req.headers['api-key'] ? 'api-key' : req.headers['authorization'] ? 'bearer' : 'none';
    let body: Json = {};
    try {
      body = raw ? (JSON.parse(raw) as Json) : {};
    } catch {
      body = {};
    }
    const fault = takeFault(path, typeof req.headers['x-fake-fault'] === 'string' ? req.headers['x-fake-fault'] : undefined);
    const entry: RecordedRequest = { method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), auth, headers, body, status: 0, ...(fault ? { fault: describeFault(fault) } : {}) };
    requests.push(entry);
    const done = (status: number): void => {
      entry.status = status;
      const line = `${entry.method} ${path} ${status}${fault ? ` fault=${describeFault(fault)}` : ''}${body['model'] ? ` model=${String(body['model'])}` : ''}${body['stream'] ? ' stream' : ''}`;
      log.push(line);
      options.onLog?.(line);
    };

    if (fault?.kind === 'reset') {
      done(0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') {
      await wait(fault.ms);
      if (res.destroyed || req.socket.destroyed) return done(0);
    }
    if (fault?.kind === 'status') {
      const h: Record<string, string> = {};
      if (fault.retryAfterMs !== undefined) h['retry-after-ms'] = String(fault.retryAfterMs);
      if (fault.retryAfterSeconds !== undefined) h['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.retryAfterDate !== undefined) h['retry-after'] = fault.retryAfterDate;
      if (fault.shouldRetry !== undefined) h['x-should-retry'] = String(fault.shouldRetry);
      sendJson(res, fault.status, errorBody(path, fault.status, fault.message ?? defaultMessage(fault.status)), h);
      return done(fault.status);
    }
    if (!key) {
      sendJson(res, 401, errorBody(path, 401, 'No API key provided'));
      return done(401);
    }
    if (rejectKeys.has(key)) {
      sendJson(res, 401, errorBody(path, 401, `Incorrect API key provided: ${key}`));
      return done(401);
    }
    if (String(body['model'] ?? '').startsWith('missing-')) {
      sendJson(res, 404, errorBody(path, 404, `The model \`${String(body['model'])}\` does not exist`));
      return done(404);
    }
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "broken", "choices": [');
      return done(200);
    }
    const truncate = fault?.kind === 'truncate' ? (fault.afterEvents ?? 2) : undefined;
    if (truncate !== undefined && !body['stream']) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "cut"');
      return done(200);
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') chatCompletions(body, res, truncate);
    else if (req.method === 'POST' && path === '/v1/responses') responses(body, res, truncate);
    else if (req.method === 'POST' && path === '/v1/messages') messages(body, res, truncate);
    else if (req.method === 'POST' && path === '/v1/messages/count_tokens') countTokens(body, res);
    else if (req.method === 'POST' && path === '/v1/embeddings') embeddings(body, res);
    else {
      sendJson(res, 404, errorBody(path, 404, `No route for ${req.method} ${path}`));
      return done(404);
    }
    done(200);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    port, baseUrl, openaiBaseUrl: `${baseUrl}/v1`, faults, requests, log,
    close: () => new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
