// Between the Playground's form (a draft with `{{name}}` template fields) and the request shape
// the token engine and the runtime use. A call site's template parts become fields to fill.
import type { PlaygroundDraft } from '../protocol/playgroundMessages';
import type { ContentPart, LlmRequest, Provider, RequestBlock } from '../request/llmRequest';

const FIELD = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Text with `{{name}}` fields as content parts: filled fields become text, empty ones placeholders. */
export function textToParts(text: string, values: Readonly<Record<string, string>>): ContentPart[] {
  const parts: ContentPart[] = [];
  let last = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const prev = parts[parts.length - 1];
    if (prev?.kind === 'text') prev.text += t;
    else parts.push({ kind: 'text', text: t });
  };
  for (const m of text.matchAll(FIELD)) {
    pushText(text.slice(last, m.index));
    const name = m[1] as string;
    const value = values[name];
    if (value) pushText(value);
    else parts.push({ kind: 'placeholder', name });
    last = (m.index ?? 0) + m[0].length;
  }
  pushText(text.slice(last));
  return parts;
}

/**
 * The request a draft sends to `model` (the draft's own by default) of `provider`. An
 * OpenAI-compatible provider gets an OpenAI-shaped request (the runtime's target names the server).
 */
export function draftToRequest(draft: PlaygroundDraft, target: { provider: string; model: string } = draft): LlmRequest {
  const block = (text: string): RequestBlock[] => [{ parts: textToParts(text, draft.placeholders) }];
  const system = draft.system.trim() ? block(draft.system) : undefined;
  const messages = draft.messages.map((m) => ({ role: m.role, blocks: block(m.content) }));
  const provider: Provider = target.provider === 'anthropic' ? 'anthropic' : 'openai';
  return {
    provider,
    api: provider === 'anthropic' ? 'messages.create' : 'chat.completions.create',
    model: target.model,
    // OpenAI chat takes the system prompt as the first message; Anthropic as `system`.
    ...(system && provider === 'anthropic' ? { system } : {}),
    messages: system && provider === 'openai' ? [{ role: 'system', blocks: system }, ...messages] : messages,
    maxOutputTokens: draft.maxTokens,
    temperature: draft.temperature,
    stream: true,
  };
}

/** A field name for a placeholder expression (`ticket.customer` stays, `new Date()` -> `new_Date`). */
export function fieldName(expression: string): string {
  const name = expression.trim().replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, '_$1');
  return name || 'value';
}

function partsToText(parts: readonly ContentPart[]): string {
  return parts.map((p) => {
    switch (p.kind) {
      case 'text': return p.text;
      case 'placeholder': return `{{${fieldName(p.name)}}}`;
      case 'image': return '[image]';
      case 'file': return `[file${p.name ? ` ${p.name}` : ''}]`;
    }
  }).join('');
}

const blocksText = (blocks: readonly RequestBlock[]) => blocks.map((b) => partsToText(b.parts)).join('\n\n');

/**
 * The draft a call site fills the Playground with. OpenAI system/developer messages and
 * Anthropic's `system` become the system prompt; user and assistant turns stay in order.
 */
export function requestToDraft(request: LlmRequest, fallbackModel: string): PlaygroundDraft {
  const systemTexts: string[] = request.system ? [blocksText(request.system)] : [];
  const messages: PlaygroundDraft['messages'] = [];
  for (const m of request.messages) {
    const text = blocksText(m.blocks);
    if (m.role === 'system' || m.role === 'developer') systemTexts.push(text);
    else if (m.role === 'user' || m.role === 'assistant') messages.push({ role: m.role, content: text });
  }
  if (messages.length === 0) messages.push({ role: 'user', content: '' });
  return {
    provider: request.provider,
    model: request.model ?? fallbackModel,
    system: systemTexts.join('\n\n'),
    messages,
    maxTokens: Math.min(Math.max(1, request.maxOutputTokens ?? 1024), 1_000_000),
    // Without a temperature in the call the provider's default (1) applies.
    temperature: Math.min(2, Math.max(0, request.temperature ?? 1)),
    placeholders: {},
  };
}
