// Anthropic Messages through the official `@anthropic-ai/sdk`.
import Anthropic from '@anthropic-ai/sdk';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { Completion, CompletionStream, KeyProvider, Transport, TransportCall } from './transport';
import { classifier, clientPerKey, defaultTimeoutMs, malformedResponse, requireKey, translateStream, truncatedStream } from './transport';
import { mergeAnthropicStreamUsage, normalizeAnthropicUsage } from './usage';

export interface AnthropicTransportOptions {
  keys: KeyProvider;
  /** Without /v1: the SDK appends /v1/messages. Defaults to https://api.anthropic.com. */
  baseURL?: string;
  timeoutMs?: number;
  clock?: Clock;
}

interface StreamEvent {
  type?: string;
  message?: { usage?: unknown; model?: string };
  delta?: { type?: string; text?: string };
  usage?: unknown;
}

const sdkErrors = {
  isAbort: (e: unknown) => e instanceof Anthropic.APIUserAbortError,
  isTimeout: (e: unknown) => e instanceof Anthropic.APIConnectionTimeoutError,
  isConnection: (e: unknown) => e instanceof Anthropic.APIConnectionError,
};

export function createAnthropicTransport(options: AnthropicTransportOptions): Transport & { countTokens(call: TransportCall): Promise<number> } {
  const provider = 'anthropic';
  const clock = options.clock ?? systemClock;
  const clientWith = clientPerKey((key) => new Anthropic({ apiKey: key, baseURL: options.baseURL, maxRetries: 0, timeout: options.timeoutMs ?? defaultTimeoutMs }));

  async function prepare(call: TransportCall): Promise<{ client: Anthropic; run: ReturnType<typeof classifier> }> {
    const key = await requireKey(options.keys, provider, call.model, true);
    return { client: clientWith(key), run: classifier(provider, call.model, key, clock, sdkErrors) };
  }

  return {
    provider,
    apis: ['messages'],

    async complete(call: TransportCall): Promise<Completion> {
      const { client, run } = await prepare(call);
      const res = await run(() => client.messages.create({ ...call.body, model: call.model, stream: false } as unknown as Anthropic.MessageCreateParamsNonStreaming, { signal: call.signal }));
      if (!Array.isArray(res.content)) throw malformedResponse(provider, call.model, 'content');
      const text = res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      return { text, usage: normalizeAnthropicUsage(res.usage), model: res.model ?? call.model };
    },

    async stream(call: TransportCall): Promise<CompletionStream> {
      const { client, run } = await prepare(call);
      const events = await run(() => client.messages.create({ ...call.body, model: call.model, stream: true } as unknown as Anthropic.MessageCreateParamsStreaming, { signal: call.signal }));
      let startUsage: unknown;
      let deltaUsage: unknown;
      let stopped = false;
      let model = call.model;
      let text = '';
      return translateStream(events as AsyncIterable<StreamEvent>, run, (e) => {
        if (e.type === 'message_start') {
          startUsage = e.message?.usage;
          model = e.message?.model ?? model;
        } else if (e.type === 'message_delta') deltaUsage = e.usage;
        else if (e.type === 'message_stop') stopped = true;
        else if (e.type === 'content_block_delta' && e.delta?.type === 'text_delta' && e.delta.text) return (text += e.delta.text, e.delta.text);
        return undefined;
      }, () => {
        if (!stopped) throw truncatedStream(provider, call.model);
        return { text, usage: mergeAnthropicStreamUsage(startUsage, deltaUsage), model };
      });
    },

    /** The free count_tokens endpoint: exact input tokens for a body, without running it. */
    async countTokens(call: TransportCall): Promise<number> {
      const { client, run } = await prepare(call);
      const { messages, system, tools } = call.body as { messages: unknown; system?: unknown; tools?: unknown };
      const res = await run(() => client.messages.countTokens({ model: call.model, messages, ...(system ? { system } : {}), ...(tools ? { tools } : {}) } as Anthropic.MessageCountTokensParams, { signal: call.signal }));
      return res.input_tokens;
    },
  };
}
