// Token usage from native response bodies and SSE streams, for the ledger of passthrough calls
// (the local proxy). The bodies themselves reach the caller unchanged; this only reads them.
// Each API ends its stream differently, and the end event is what proves the stream complete:
// chat completions `data: [DONE]`, responses `response.completed` (or `.incomplete`/`.failed`,
// which are final too), messages `message_stop` (provider API references, streaming sections).
import type { CallApi } from './transport';
import type { NormalizedUsage } from './usage';
import { emptyUsage, mergeAnthropicStreamUsage, normalizeAnthropicUsage, normalizeOpenAiChatUsage, normalizeOpenAiResponsesUsage } from './usage';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null ? (value as Json) : undefined;
}

/**
 * A usage object of an unexpected shape must not fail a call the provider already answered (and
 * billed): it is recorded as zero tokens, and the ledger still counts the call.
 */
function safely(normalize: (raw: unknown) => NormalizedUsage, raw: unknown): NormalizedUsage {
  try {
    return normalize(raw);
  } catch {
    return emptyUsage();
  }
}

/** Embeddings report only input: `{ prompt_tokens, total_tokens }`. */
function embeddingsUsage(raw: unknown): NormalizedUsage {
  const u = obj(raw);
  return u ? normalizeOpenAiChatUsage({ prompt_tokens: u['prompt_tokens'], completion_tokens: 0 }) : emptyUsage();
}

/** Usage and model of a complete (non-streaming) JSON response body. count_tokens is free: zero usage. */
export function usageOfBody(api: CallApi, body: unknown): { usage: NormalizedUsage; model?: string } {
  const b = obj(body) ?? {};
  const model = typeof b['model'] === 'string' ? b['model'] : undefined;
  const raw = b['usage'];
  switch (api) {
    case 'chat': return { usage: safely(normalizeOpenAiChatUsage, raw), model };
    case 'responses': return { usage: safely(normalizeOpenAiResponsesUsage, raw), model };
    case 'messages': return { usage: safely(normalizeAnthropicUsage, raw), model };
    case 'embeddings': return { usage: safely(embeddingsUsage, raw), model };
    case 'count_tokens': return { usage: emptyUsage() };
  }
}

export interface StreamUsage {
  usage: NormalizedUsage;
  model?: string;
  /** Whether the API's final event arrived; false means the stream was cut short. */
  complete: boolean;
}

export interface StreamUsageParser {
  /** Feeds the next piece of SSE text (any split: lines are reassembled). */
  push(text: string): void;
  finish(): StreamUsage;
}

const finalResponseEvents = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Reads usage out of an SSE stream as it passes, without holding more than one partial line. */
export function streamUsageParser(api: CallApi): StreamUsageParser {
  let pending = '';
  let complete = false;
  let model: string | undefined;
  let usage: NormalizedUsage | undefined;
  let anthropicStart: unknown;
  let anthropicDelta: unknown;

  function onData(data: string): void {
    if (api === 'chat' && data === '[DONE]') {
      complete = true;
      return;
    }
    let event: Json | undefined;
    try {
      event = obj(JSON.parse(data));
    } catch {
      return; // not JSON: nothing to count, and the caller still receives it unchanged
    }
    if (!event) return;
    if (api === 'chat') {
      if (typeof event['model'] === 'string') model = event['model'];
      if (event['usage']) usage = safely(normalizeOpenAiChatUsage, event['usage']);
    } else if (api === 'responses') {
      if (typeof event['type'] === 'string' && finalResponseEvents.has(event['type'])) {
        const response = obj(event['response']);
        if (typeof response?.['model'] === 'string') model = response['model'];
        usage = safely(normalizeOpenAiResponsesUsage, response?.['usage']);
        complete = true;
      }
    } else if (api === 'messages') {
      const type = event['type'];
      if (type === 'message_start') {
        const message = obj(event['message']);
        anthropicStart = message?.['usage'];
        if (typeof message?.['model'] === 'string') model = message['model'];
      } else if (type === 'message_delta') anthropicDelta = event['usage'];
      else if (type === 'message_stop') complete = true;
    }
  }

  function line(text: string): void {
    const l = text.endsWith('\r') ? text.slice(0, -1) : text;
    // SSE: "data:" with an optional single space (WHATWG HTML, server-sent events).
    if (l.startsWith('data:')) onData(l.slice(l.startsWith('data: ') ? 6 : 5));
  }

  return {
    push(text) {
      pending += text;
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        line(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    },
    finish() {
      if (pending) line(pending);
      pending = '';
      if (api === 'messages') usage = anthropicStart || anthropicDelta ? safely((u) => mergeAnthropicStreamUsage(u, anthropicDelta), anthropicStart) : undefined;
      return { usage: usage ?? emptyUsage(), ...(model ? { model } : {}), complete };
    },
  };
}
