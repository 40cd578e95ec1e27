// Which modules, classes and methods belong to the OpenAI and Anthropic SDKs (TypeScript and Python).
import type { Provider } from '../request/llmRequest';

/** SDK modules and the class their default export / CommonJS export is. */
const moduleDefaults: Record<string, { provider: Provider; defaultClass: string }> = {
  openai: { provider: 'openai', defaultClass: 'OpenAI' },
  '@anthropic-ai/sdk': { provider: 'anthropic', defaultClass: 'Anthropic' },
  anthropic: { provider: 'anthropic', defaultClass: 'Anthropic' },
  '@anthropic-ai/bedrock-sdk': { provider: 'anthropic', defaultClass: 'AnthropicBedrock' },
  '@anthropic-ai/vertex-sdk': { provider: 'anthropic', defaultClass: 'AnthropicVertex' },
  '@anthropic-ai/foundry-sdk': { provider: 'anthropic', defaultClass: 'AnthropicFoundry' },
};

export function sdkModule(module: string): { provider: Provider; defaultClass: string } | undefined {
  return moduleDefaults[module] ?? (module.startsWith('@anthropic-ai/') ? { provider: 'anthropic', defaultClass: 'Anthropic' } : undefined);
}

/** Provider of an SDK client class name: OpenAI, AsyncAzureOpenAI, Anthropic, AsyncAnthropicVertex, AnthropicFoundry... */
export function providerOfClass(name: string): Provider | undefined {
  if (/^(Async)?(Azure)?OpenAI$/.test(name)) return 'openai';
  if (/^(Async)?Anthropic(Bedrock|Vertex|Foundry|AWS|Aws)?$/.test(name)) return 'anthropic';
  return undefined;
}

/** Python's `openai` module is itself a client (module-level `openai.chat.completions.create`). */
export const moduleLevelClients: Readonly<Record<string, Provider>> = { openai: 'openai' };

const openaiApis = [
  'chat.completions.create', 'chat.completions.parse', 'chat.completions.stream', 'chat.completions.runTools',
  'chat.completions.run_tools',
  'beta.chat.completions.create', 'beta.chat.completions.parse', 'beta.chat.completions.stream',
  'beta.chat.completions.runTools', 'beta.chat.completions.run_tools',
  'responses.create', 'responses.parse', 'responses.stream', 'responses.input_tokens.count', 'responses.inputTokens.count',
  'completions.create', 'embeddings.create',
  'images.generate', 'images.edit', 'images.createVariation', 'images.create_variation',
  'audio.transcriptions.create', 'audio.translations.create', 'audio.speech.create',
  'moderations.create', 'batches.create',
];
const anthropicApis = [
  'messages.create', 'messages.stream', 'messages.parse', 'messages.count_tokens', 'messages.countTokens',
  'beta.messages.create', 'beta.messages.stream', 'beta.messages.parse', 'beta.messages.count_tokens',
  'beta.messages.countTokens', 'messages.batches.create', 'beta.messages.batches.create', 'completions.create',
];

export const sdkApis: Readonly<Record<Provider, ReadonlySet<string>>> = {
  openai: new Set(openaiApis),
  anthropic: new Set(anthropicApis),
};

/** Last segments of every API above: a cheap filter before any resolution work. */
export const apiMethodNames: ReadonlySet<string> = new Set([...openaiApis, ...anthropicApis].map((a) => a.slice(a.lastIndexOf('.') + 1)));

/** Attribute wrappers that return the same resource with a different response shape. */
export const responseWrappers: ReadonlySet<string> = new Set([
  'with_raw_response', 'with_streaming_response', 'withRawResponse', 'withStreamingResponse',
]);

/** Client methods that return a configured copy of the client. */
export const clientCopyMethods: ReadonlySet<string> = new Set(['with_options', 'withOptions', 'copy']);
