// Result and option shapes of the token engine. A count is either exact (OpenAI, through the
// model's own BPE encoding, or Anthropic's count_tokens endpoint) or an estimate; an estimate
// always carries its error band so no screen can show it as if it were exact.

/** The OpenAI BPE encodings Tokenwise ships (js-tiktoken ranks, loaded on first use). */
export type OpenAiEncoding = 'o200k_base' | 'cl100k_base';

/**
 * Claude tokenizer generations. Anthropic changed the tokenizer at Opus 4.7 (1.0-1.35x more
 * tokens for the same text) and again at 5.x (provider-facts.md, "Tokenizers").
 */
export type ClaudeGeneration = 'claude-legacy' | 'claude-4.7' | 'claude-5';

/** Inclusive range the true count is expected in. */
export interface TokenBand {
  low: number;
  high: number;
}

export interface TokenCount {
  tokens: number;
  exact: boolean;
  /** Present exactly when `exact` is false. */
  band?: TokenBand;
  /** The encoding that counted the text, or that the estimate is based on. */
  encoding: OpenAiEncoding;
  /** Set for Claude models. */
  generation?: ClaudeGeneration;
  notes: string[];
}

/** Where a request's tokens go. `total` = system + sum(messages) + tools + overhead. */
export interface RequestTokenParts {
  /** Anthropic `system` / Responses `instructions` (OpenAI chat system prompts are messages). */
  system: number;
  /** One entry per message, its content plus its per-message framing. */
  messages: number[];
  /** Tool definitions as the provider renders them into the prompt, plus the tool-use prompt. */
  tools: number;
  /** Request-level framing: reply priming (OpenAI), turn framing (Claude). */
  overhead: number;
}

export type CountSource = 'tokenizer' | 'estimate' | 'count_tokens';

export interface RequestTokenCount {
  total: number;
  exact: boolean;
  /** Present exactly when `exact` is false. */
  band?: TokenBand;
  /** With source 'count_tokens' the total is the endpoint's and this breakdown stays the estimate's (the endpoint reports none). */
  parts: RequestTokenParts;
  source: CountSource;
  /** Placeholders whose size was unknown and counted as `assumedPlaceholderTokens` each. */
  assumedPlaceholders: number;
  /** Images of unknown size and files, counted at an assumed size. */
  assumedMedia: number;
  encoding: OpenAiEncoding;
  generation?: ClaudeGeneration;
  notes: string[];
}

/**
 * tool_choice as sent. LlmRequest does not carry it yet, so callers that know it pass it here;
 * without it `auto` is assumed (the SDK default for both providers).
 */
export type ToolChoice = 'auto' | 'none' | 'any' | 'required' | { name: string };

export interface CountOptions {
  /** Tokens assumed for a placeholder of unknown size (setting `tokenwise.cost.assumedPlaceholderTokens`). */
  assumedPlaceholderTokens?: number;
  /** Tokens assumed for a document/file input, whose size is unknown statically. */
  assumedFileTokens?: number;
  toolChoice?: ToolChoice;
}

export const defaultAssumedPlaceholderTokens = 50;
export const defaultAssumedFileTokens = 1000;
