// The plain-data shape of one LLM request as Tokenwise understands it, whether the scanner
// extracted it from source code, a prompt file defined it, or the playground built it.
// Tokens, cost and findings are all computed from this shape; it carries no source offsets
// (those live on the call site that owns it).

export type Provider = 'openai' | 'anthropic';

/** Prompt text: literal text, or a placeholder whose value is unknown until run time. */
export type ContentPart =
  | { kind: 'text'; text: string }
  /** `${x}`, `{x}`, f-string fields, `.format(...)` arguments, unresolved variables. */
  | { kind: 'placeholder'; name: string }
  /** An image input; its size in pixels, when known, decides its token cost. */
  | { kind: 'image'; detail?: 'low' | 'high' | 'auto'; width?: number; height?: number }
  /** A document (PDF) or file input whose size is unknown statically. */
  | { kind: 'file'; name?: string };

export interface CacheControl {
  type: 'ephemeral';
  ttl: '5m' | '1h';
}

/** One content block (Anthropic) or one message content (OpenAI, where a message has one block per part list). */
export interface RequestBlock {
  parts: ContentPart[];
  cacheControl?: CacheControl;
}

export interface RequestMessage {
  /** system, developer, user, assistant, tool (OpenAI); user, assistant (Anthropic). */
  role: string;
  /** OpenAI's optional `name` field, which costs a token. */
  name?: string;
  blocks: RequestBlock[];
}

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the parameters (OpenAI `parameters`, Anthropic `input_schema`), when known statically. */
  parameters?: Record<string, unknown>;
  cacheControl?: CacheControl;
}

export interface LlmRequest {
  provider: Provider;
  /** The SDK method as written, e.g. `chat.completions.create`, `messages.count_tokens`. */
  api: string;
  /** Model id, or null when it cannot be resolved statically. */
  model: string | null;
  /** Anthropic `system` (string or blocks) and OpenAI Responses `instructions`. OpenAI chat system messages stay in `messages`. */
  system?: RequestBlock[];
  messages: RequestMessage[];
  /** Tool definitions; `toolsUnresolved` counts tools whose definition could not be read statically. */
  tools?: ToolDefinition[];
  toolsUnresolved?: number;
  /** max_tokens / max_completion_tokens / max_output_tokens, when set. */
  maxOutputTokens?: number;
  temperature?: number;
  stream?: boolean;
  /** Anthropic top-level automatic caching (`cache_control` on the request). */
  cacheControl?: CacheControl;
  /** Sent through a Batch API (50% off). */
  batch?: boolean;
}

/** Total characters of literal text in some parts (placeholders and media excluded). */
export function literalText(parts: readonly ContentPart[]): string {
  let text = '';
  for (const p of parts) if (p.kind === 'text') text += p.text;
  return text;
}
