// OpenAI (chat completions and responses) and every OpenAI-compatible server (Ollama, LM Studio,
// vLLM, Azure OpenAI) through the official `openai` SDK (6.x: 7.x needs Node 22).
import OpenAI from 'openai';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { Completion, CompletionStream, KeyProvider, Transport, TransportCall } from './transport';
import { classifier, clientPerKey, defaultTimeoutMs, malformedResponse, requireKey, translateStream, truncatedStream } from './transport';
import type { NormalizedUsage } from './usage';
import { normalizeOpenAiChatUsage, normalizeOpenAiResponsesUsage } from './usage';

export interface OpenAiTransportOptions {
  /** Transport id used for keys, limits, breaker and ledger; 'openai' for OpenAI itself. */
  id?: string;
  keys: KeyProvider;
  /** Defaults to the SDK's https://api.openai.com/v1. */
  baseURL?: string;
  /** Azure: the api-version query parameter every request needs. */
  apiVersion?: string;
  /** Azure: the deployment, which Azure puts in the path instead of the body's model. */
  deployment?: string;
  /** Azure keys go in an `api-key` header, not `Authorization: Bearer`. */
  authHeader?: 'bearer' | 'api-key';
  /** Local servers (Ollama, LM Studio) need no key. */
  keyRequired?: boolean;
  /** Per attempt; the SDK default is 600 s, too long for an interactive playground. */
  timeoutMs?: number;
  clock?: Clock;
}


const sdkErrors = {
  isAbort: (e: unknown) => e instanceof OpenAI.APIUserAbortError,
  isTimeout: (e: unknown) => e instanceof OpenAI.APIConnectionTimeoutError,
  isConnection: (e: unknown) => e instanceof OpenAI.APIConnectionError,
};

function clientFor(options: OpenAiTransportOptions, key: string | undefined): OpenAI {
  const base = options.deployment && options.baseURL ? `${options.baseURL.replace(/\/+$/, '')}/openai/deployments/${encodeURIComponent(options.deployment)}` : options.baseURL;
  const apiKeyHeader = options.authHeader === 'api-key';
  return new OpenAI({
    // The SDK refuses to start without a key; keyless local servers ignore the header.
    apiKey: apiKeyHeader ? 'unused' : (key ?? 'none'),
    baseURL: base,
    maxRetries: 0,
    timeout: options.timeoutMs ?? defaultTimeoutMs,
    ...(options.apiVersion ? { defaultQuery: { 'api-version': options.apiVersion } } : {}),
    ...(apiKeyHeader ? { defaultHeaders: { 'api-key': key ?? '', Authorization: null } } : {}),
  });
}

interface ChatChunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: unknown;
  model?: string;
}

interface ResponsesEvent {
  type?: string;
  delta?: string;
  response?: { usage?: unknown; model?: string };
}

function outputText(response: { output_text?: unknown; output?: unknown }): string | undefined {
  if (typeof response.output_text === 'string') return response.output_text;
  if (!Array.isArray(response.output)) return undefined;
  let text = '';
  for (const item of response.output as { content?: { type?: string; text?: string }[] }[]) {
    for (const c of item.content ?? []) if (c.type === 'output_text' && typeof c.text === 'string') text += c.text;
  }
  return text;
}

export function createOpenAiTransport(options: OpenAiTransportOptions): Transport {
  const provider = options.id ?? 'openai';
  const clock = options.clock ?? systemClock;
  const keyRequired = options.keyRequired ?? provider === 'openai';
  const clientWith = clientPerKey((key) => clientFor(options, key));

  async function prepare(call: TransportCall): Promise<{ client: OpenAI; run: ReturnType<typeof classifier> }> {
    const key = await requireKey(options.keys, provider, call.model, keyRequired);
    return { client: clientWith(key), run: classifier(provider, call.model, key, clock, sdkErrors) };
  }

  return {
    provider,
    apis: ['chat', 'responses'],

    async complete(call: TransportCall): Promise<Completion> {
      const { client, run } = await prepare(call);
      if (call.api === 'responses') {
        const res = await run(() => client.responses.create({ ...call.body, model: call.model, stream: false } as OpenAI.Responses.ResponseCreateParamsNonStreaming, { signal: call.signal }));
        const text = outputText(res as unknown as { output_text?: unknown; output?: unknown });
        if (text === undefined) throw malformedResponse(provider, call.model, 'output');
        return { text, usage: normalizeOpenAiResponsesUsage(res.usage), model: res.model ?? call.model };
      }
      const res = await run(() => client.chat.completions.create({ ...call.body, model: call.model, stream: false } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, { signal: call.signal }));
      const choice = Array.isArray(res.choices) ? res.choices[0] : undefined;
      if (!choice) throw malformedResponse(provider, call.model, 'choices');
      return { text: choice.message?.content ?? '', usage: normalizeOpenAiChatUsage(res.usage), model: res.model ?? call.model };
    },

    async stream(call: TransportCall): Promise<CompletionStream> {
      const { client, run } = await prepare(call);
      let usage: NormalizedUsage | undefined;
      let model = call.model;
      let text = '';
      if (call.api === 'responses') {
        const events = await run(() => client.responses.create({ ...call.body, model: call.model, stream: true } as OpenAI.Responses.ResponseCreateParamsStreaming, { signal: call.signal }));
        return translateStream(events as AsyncIterable<ResponsesEvent>, run, (e) => {
          if (e.type === 'response.output_text.delta' && e.delta) return (text += e.delta, e.delta);
          if (e.type === 'response.completed') {
            usage = normalizeOpenAiResponsesUsage(e.response?.usage);
            model = e.response?.model ?? model;
          }
          return undefined;
        }, () => {
          if (!usage) throw truncatedStream(provider, call.model);
          return { text, usage, model };
        });
      }
      // Without include_usage the chat stream carries no token counts at all (OpenAI API reference, stream_options).
      const chunks = await run(() => client.chat.completions.create({ ...call.body, model: call.model, stream: true, stream_options: { include_usage: true } } as OpenAI.Chat.ChatCompletionCreateParamsStreaming, { signal: call.signal }));
      return translateStream(chunks as AsyncIterable<ChatChunk>, run, (c) => {
        if (c.usage) usage = normalizeOpenAiChatUsage(c.usage);
        if (c.model) model = c.model;
        const delta = c.choices?.[0]?.delta?.content ?? undefined;
        if (delta) text += delta;
        return delta;
      }, () => {
        if (!usage) throw truncatedStream(provider, call.model);
        return { text, usage, model };
      });
    },
  };
}
