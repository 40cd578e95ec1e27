// Turns an evaluated request object into the shared LlmRequest shape, provider- and API-aware.
import type { CacheControl, LlmRequest, Provider, RequestBlock, RequestMessage, ToolDefinition } from '../request/llmRequest';
import type { BuiltRequest, SourcedPart } from './callSite';
import { staticString, toJson } from './values';
import type { ObjValue, Value } from './values';

function entry(obj: ObjValue, key: string): Value | undefined {
  return obj.entries.get(key)?.value;
}

function cacheControlOf(v: Value | undefined): CacheControl | undefined {
  if (v?.k !== 'obj') return undefined;
  if (staticString(entry(v, 'type')) !== 'ephemeral') return undefined;
  return { type: 'ephemeral', ttl: staticString(entry(v, 'ttl')) === '1h' ? '1h' : '5m' };
}

function placeholder(v: Value): SourcedPart {
  return { kind: 'placeholder', name: v.k === 'unknown' ? v.text : '…' };
}

/** Content parts of one content item (a string, or a typed part object). */
function itemParts(item: Value): SourcedPart[] {
  if (item.k === 'str') return item.parts;
  if (item.k !== 'obj') return [placeholder(item)];
  const type = staticString(entry(item, 'type'));
  if (type === 'image_url' || type === 'input_image' || type === 'image') {
    const imageUrl = entry(item, 'image_url');
    const detail = staticString(entry(item, 'detail')) ?? (imageUrl?.k === 'obj' ? staticString(entry(imageUrl, 'detail')) : undefined);
    return [{ kind: 'image', ...(detail === 'low' || detail === 'high' || detail === 'auto' ? { detail } : {}) }];
  }
  if (type === 'document' || type === 'file' || type === 'input_file' || type === 'input_audio') {
    const name = staticString(entry(item, 'filename')) ?? staticString(entry(item, 'title'));
    return [{ kind: 'file', ...(name ? { name } : {}) }];
  }
  const text = entry(item, 'text');
  if (text?.k === 'str') return text.parts;
  return text ? [placeholder(text)] : [];
}

/** Blocks of a message content or of an Anthropic `system`: a string is one block, an array one per part (Anthropic). */
function blocksOf(content: Value, provider: Provider): RequestBlock[] {
  if (content.k === 'str') return [{ parts: content.parts }];
  if (content.k !== 'arr') return [{ parts: [placeholder(content)] }];
  const perPart = content.items.map((item): RequestBlock => {
    const cacheControl = item.k === 'obj' ? cacheControlOf(entry(item, 'cache_control')) : undefined;
    return cacheControl ? { parts: itemParts(item), cacheControl } : { parts: itemParts(item) };
  });
  if (provider === 'anthropic') return perPart;
  return [{ parts: perPart.flatMap((b) => b.parts) }];
}

function messagesOf(list: Value, provider: Provider, defaultRole: string): RequestMessage[] {
  if (list.k === 'str') return [{ role: defaultRole, blocks: [{ parts: list.parts }] }];
  if (list.k !== 'arr') return [{ role: 'unknown', blocks: [{ parts: [placeholder(list)] }] }];
  const out: RequestMessage[] = [];
  for (const item of list.items) {
    if (item.k !== 'obj') {
      out.push(item.k === 'str' ? { role: defaultRole, blocks: [{ parts: item.parts }] } : { role: 'unknown', blocks: [{ parts: [placeholder(item)] }] });
      continue;
    }
    const role = staticString(entry(item, 'role')) ?? 'unknown';
    const content = entry(item, 'content');
    const message: RequestMessage = { role, blocks: content ? blocksOf(content, provider) : [] };
    const name = staticString(entry(item, 'name'));
    if (name) message.name = name;
    out.push(message);
  }
  return out;
}

function toolsOf(list: Value): { tools: ToolDefinition[]; unresolved: number } {
  if (list.k !== 'arr') return { tools: [], unresolved: 1 };
  const tools: ToolDefinition[] = [];
  let unresolved = 0;
  for (const item of list.items) {
    if (item.k !== 'obj') {
      unresolved++;
      continue;
    }
    const fn = entry(item, 'function');
    const def = fn?.k === 'obj' ? fn : item;
    const name = staticString(entry(def, 'name')) ?? staticString(entry(item, 'type'));
    if (!name) {
      unresolved++;
      continue;
    }
    const tool: ToolDefinition = { name };
    const description = staticString(entry(def, 'description'));
    if (description !== undefined) tool.description = description;
    const schema = entry(def, 'parameters') ?? entry(def, 'input_schema');
    if (schema?.k === 'obj') tool.parameters = toJson(schema) as Record<string, unknown>;
    const cacheControl = cacheControlOf(entry(item, 'cache_control'));
    if (cacheControl) tool.cacheControl = cacheControl;
    tools.push(tool);
  }
  return { tools, unresolved };
}

function numberOf(v: Value | undefined): number | undefined {
  return v?.k === 'num' ? v.n : undefined;
}

/** The key holding the prompt for each API, and the role it is sent as. */
function promptKey(api: string): { key: string; role: string } {
  const method = api.replace(/^beta\./, '');
  if (method.startsWith('responses.')) return { key: 'input', role: 'user' };
  if (method === 'completions.create') return { key: 'prompt', role: 'user' };
  if (method.startsWith('embeddings') || method.startsWith('moderations') || method === 'audio.speech.create') return { key: 'input', role: 'user' };
  if (method.startsWith('images.')) return { key: 'prompt', role: 'user' };
  if (method.startsWith('audio.')) return { key: 'file', role: 'user' };
  return { key: 'messages', role: 'user' };
}

export function buildRequest(provider: Provider, api: string, args: Value, fromName: boolean): BuiltRequest {
  const obj: ObjValue = args.k === 'obj' ? args : { k: 'obj', entries: new Map(), opaqueSpread: true };
  const batch = api.includes('batches.');
  if (batch && provider === 'anthropic') {
    // Message batches carry full requests in `requests[i].params`; the first one stands for all.
    const requests = entry(obj, 'requests');
    const first = requests?.k === 'arr' ? requests.items[0] : undefined;
    const params = first?.k === 'obj' ? entry(first, 'params') : undefined;
    const built = buildRequest(provider, api.replace('.batches', ''), params ?? { k: 'unknown', reason: 'unknown', text: 'requests' }, false);
    return { ...built, request: { ...built.request, api, batch: true } };
  }
  const request: LlmRequest = { provider, api, model: null, messages: [] };
  const out: BuiltRequest = { request, modelSource: null };

  const modelEntry = obj.entries.get('model');
  const model = modelEntry?.value;
  const modelName = staticString(model);
  if (model && modelName !== undefined) {
    request.model = modelName;
    out.modelSource = modelEntry.fromSpread ? 'spread' : fromName ? 'params-object' : model.via ?? 'literal';
    const only = model.k === 'str' && model.parts.length === 1 ? model.parts[0] : undefined;
    if (only?.kind === 'text' && only.range) out.modelRange = only.range;
  } else {
    out.modelNullReason = model?.k === 'unknown' ? model.reason : args.k === 'unknown' ? args.reason : 'unknown';
  }

  const system = provider === 'anthropic' ? entry(obj, 'system') : api.startsWith('responses.') ? entry(obj, 'instructions') : undefined;
  if (system) {
    request.system = blocksOf(system, 'anthropic');
    out.systemRange = system.range;
  }

  const { key, role } = promptKey(api);
  const prompt = entry(obj, key);
  if (prompt) {
    if (key === 'file') request.messages = [{ role, blocks: [{ parts: [{ kind: 'file' }] }] }];
    else if (key === 'messages' || api.includes('responses.')) request.messages = messagesOf(prompt, provider, role);
    else request.messages = [{ role, blocks: blocksOf(prompt, provider) }];
    out.messagesRange = prompt.range;
  }

  const toolList = entry(obj, 'tools') ?? entry(obj, 'functions');
  if (toolList) {
    const { tools, unresolved } = toolsOf(toolList);
    request.tools = tools;
    if (unresolved) request.toolsUnresolved = unresolved;
  }
  const maxTokens = numberOf(entry(obj, 'max_tokens') ?? entry(obj, 'max_completion_tokens') ?? entry(obj, 'max_output_tokens'));
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens;
  const temperature = numberOf(entry(obj, 'temperature'));
  if (temperature !== undefined) request.temperature = temperature;
  const stream = entry(obj, 'stream');
  if ((stream?.k === 'bool' && stream.b) || api.endsWith('.stream')) request.stream = true;
  const cacheControl = cacheControlOf(entry(obj, 'cache_control'));
  if (cacheControl) request.cacheControl = cacheControl;
  if (batch) request.batch = true;
  return out;
}
