// Builds each API's request body from the shared LlmRequest shape, so the playground can send
// one request to any target and a fallback can switch provider. Only runnable text survives:
// a placeholder or a media part has no value at run time, so it is an error, not a guess.
import type { CacheControl, ContentPart, LlmRequest, RequestBlock, RequestMessage } from '../request/llmRequest';
import { ProviderError } from './errors';

export type RuntimeApi = 'chat' | 'responses' | 'messages';

/** Where a call goes: a transport id ('openai', 'anthropic', or a configured compatible endpoint), a model, an API. */
export interface RuntimeTarget {
  provider: string;
  model: string;
  api: RuntimeApi;
}

/** Anthropic requires max_tokens; used when the request sets none. */
export const defaultAnthropicMaxTokens = 1024;

const apiByMethod: Record<string, RuntimeApi> = {
  'chat.completions.create': 'chat',
  'chat.completions.stream': 'chat',
  'responses.create': 'responses',
  'responses.stream': 'responses',
  'messages.create': 'messages',
  'messages.stream': 'messages',
};

/** The target an LlmRequest names itself (its provider, model and SDK method). */
export function targetOf(request: LlmRequest): RuntimeTarget {
  const api = apiByMethod[request.api] ?? (request.provider === 'anthropic' ? 'messages' : 'chat');
  if (!request.model) throw invalid('the request has no model: choose one before running it', request.provider, '');
  return { provider: request.provider, model: request.model, api };
}

function invalid(message: string, provider: string, model: string): ProviderError {
  return new ProviderError(message, 'permanent', 'invalid_request', provider, model);
}

function partText(part: ContentPart, target: RuntimeTarget): string {
  if (part.kind === 'text') return part.text;
  const what = part.kind === 'placeholder' ? `the placeholder {${part.name}}` : part.kind === 'image' ? 'an image input' : 'a file input';
  throw invalid(`${what} has no value at run time: fill it in before running the request`, target.provider, target.model);
}

function blockText(block: RequestBlock, target: RuntimeTarget): string {
  return block.parts.map((p) => partText(p, target)).join('');
}

function messageText(message: RequestMessage, target: RuntimeTarget): string {
  return message.blocks.map((b) => blockText(b, target)).join('\n');
}

function anthropicCache(cc: CacheControl | undefined): Record<string, unknown> {
  // ttl '5m' is the default; sending it explicitly is accepted and keeps the body honest.
  return cc ? { cache_control: { type: cc.type, ttl: cc.ttl } } : {};
}

const systemRoles = new Set(['system', 'developer']);

function chatBody(r: LlmRequest, t: RuntimeTarget): Record<string, unknown> {
  const messages: Record<string, unknown>[] = [];
  if (r.system?.length) messages.push({ role: 'system', content: r.system.map((b) => blockText(b, t)).join('\n') });
  for (const m of r.messages) messages.push({ role: m.role, content: messageText(m, t), ...(m.name ? { name: m.name } : {}) });
  return {
    messages,
    ...(r.maxOutputTokens !== undefined ? { max_completion_tokens: r.maxOutputTokens } : {}),
    ...(r.tools?.length ? { tools: r.tools.map((tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters ?? { type: 'object', properties: {} } } })) } : {}),
  };
}

function responsesBody(r: LlmRequest, t: RuntimeTarget): Record<string, unknown> {
  return {
    ...(r.system?.length ? { instructions: r.system.map((b) => blockText(b, t)).join('\n') } : {}),
    input: r.messages.map((m) => ({ role: m.role, content: messageText(m, t) })),
    ...(r.maxOutputTokens !== undefined ? { max_output_tokens: r.maxOutputTokens } : {}),
    ...(r.tools?.length ? { tools: r.tools.map((tool) => ({ type: 'function', name: tool.name, description: tool.description, parameters: tool.parameters ?? { type: 'object', properties: {} } })) } : {}),
  };
}

function messagesBody(r: LlmRequest, t: RuntimeTarget): Record<string, unknown> {
  // Anthropic has no system role in messages: OpenAI-style system/developer messages move to `system`.
  const systemBlocks = [...(r.system ?? []), ...r.messages.filter((m) => systemRoles.has(m.role)).flatMap((m) => m.blocks)];
  const system = systemBlocks.map((b) => ({ type: 'text', text: blockText(b, t), ...anthropicCache(b.cacheControl) }));
  return {
    ...(system.length ? { system } : {}),
    messages: r.messages
      .filter((m) => !systemRoles.has(m.role))
      .map((m) => ({ role: m.role, content: m.blocks.map((b) => ({ type: 'text', text: blockText(b, t), ...anthropicCache(b.cacheControl) })) })),
    max_tokens: r.maxOutputTokens ?? defaultAnthropicMaxTokens,
    ...(r.tools?.length ? { tools: r.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.parameters ?? { type: 'object', properties: {} }, ...anthropicCache(tool.cacheControl) })) } : {}),
    ...anthropicCache(r.cacheControl),
  };
}

/**
 * The body for `target` (without `model` and `stream`, which the transport sets). `extra` holds
 * native parameters the shared shape does not model (top_p, stop, seed, ...), copied as given.
 */
export function buildNativeParams(request: LlmRequest, target: RuntimeTarget, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const body = target.api === 'chat' ? chatBody(request, target) : target.api === 'responses' ? responsesBody(request, target) : messagesBody(request, target);
  return { ...body, ...(request.temperature !== undefined ? { temperature: request.temperature } : {}), ...extra };
}
