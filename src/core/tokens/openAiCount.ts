// Exact prompt-token counts for OpenAI requests: BPE of every text plus the chat framing.
// Framing constants (OpenAI cookbook "How to count tokens with tiktoken", confirmed on all 25
// OpenAI cases of shared/data/token-truth.json):
// - each message costs 3 tokens (<|start|>{role}<|message|> ... <|end|>) plus its role and
//   content, and 1 more when it has a `name`; 3 more prime the reply (<|start|>assistant<|message|>);
// - gpt-3.5-turbo-0301 used 4 per message, and a `name` replaced the role (-1).
import type { LlmRequest, RequestMessage } from '../request/llmRequest';
import { openAiImageTokens } from './imageTokens';
import { bpeTokenCount } from './memoTokenCounter';
import { usesLegacyChatFraming } from './openAiEncodings';
import { renderOpenAiTools } from './openAiToolPrompt';
import { addTally, assumptionNotes, emptyTally, tallyParts, unresolvedToolMaxTokens, type PartTally } from './partTally';
import type { CountOptions, OpenAiEncoding, RequestTokenCount, TokenBand } from './tokenTypes';

const replyPriming = 3;

// Tool framing, from hmarr/openai-chat-tokens' API-checked estimator: the rendered namespace
// costs 9 tokens of wrapper (a system message of its own); when the request already has a
// system message the tools are appended to it instead (-4) and that message gains a trailing
// newline. Reproduces token-truth oa-09..12 (cl100k and o200k) and oa-23/24 exactly.
const toolWrapper = 9;
const toolWrapperSharedWithSystem = -4;

interface Framing {
  perMessage: number;
  perName: number;
}

function framingFor(model: string): Framing {
  return usesLegacyChatFraming(model) ? { perMessage: 4, perName: -1 } : { perMessage: 3, perName: 1 };
}

/** Content parts of an array-valued message are separate texts, so each block is counted on its own. */
function messageTally(message: RequestMessage, encoding: OpenAiEncoding, options: CountOptions, trailing: string): PartTally {
  const tally = emptyTally();
  message.blocks.forEach((block, i) => {
    const last = i === message.blocks.length - 1;
    const parts = last && trailing ? [...block.parts, { kind: 'text' as const, text: trailing }] : block.parts;
    addTally(tally, tallyParts(parts, (t) => bpeTokenCount(t, encoding), openAiImageTokens, options));
  });
  return tally;
}

function toolChoiceTokens(options: CountOptions, encoding: OpenAiEncoding): number {
  // hmarr/openai-chat-tokens: function_call "none" adds 1 token, a named function 4 + its name;
  // "auto" adds nothing, and "required" adds nothing on token-truth oa-23/24.
  const choice = options.toolChoice;
  if (choice === 'none') return 1;
  if (typeof choice === 'object') return 4 + bpeTokenCount(choice.name, encoding);
  return 0;
}

export function countOpenAiRequest(request: LlmRequest, model: string, encoding: OpenAiEncoding, options: CountOptions): RequestTokenCount {
  const api = request.api;
  if (api.includes('embeddings')) return countEmbedding(request, encoding, options);
  const framing = framingFor(model);
  const tools = request.tools ?? [];
  const tally = emptyTally();
  const notes: string[] = [];

  const firstSystem = tools.length > 0 ? request.messages.findIndex((m) => m.role === 'system' || m.role === 'developer') : -1;
  const messages = request.messages.map((message, i) => {
    const content = messageTally(message, encoding, options, i === firstSystem ? '\n' : '');
    addTally(tally, content);
    let tokens = framing.perMessage + content.tokens + bpeTokenCount(message.role, encoding);
    if (message.name) tokens += bpeTokenCount(message.name, encoding) + framing.perName;
    return tokens;
  });

  // Responses API `instructions` are sent as a system-role message ahead of the input.
  let system = 0;
  const responses = api.includes('responses');
  if (request.system && request.system.length > 0) {
    const content = messageTally({ role: 'system', blocks: request.system }, encoding, options, '');
    addTally(tally, content);
    system = framing.perMessage + bpeTokenCount('system', encoding) + content.tokens;
  }

  let toolTokens = 0;
  if (tools.length > 0) {
    toolTokens = bpeTokenCount(renderOpenAiTools(tools), encoding) + toolWrapper + toolChoiceTokens(options, encoding);
    if (firstSystem >= 0) toolTokens += toolWrapperSharedWithSystem;
  }

  const parts = { system, messages, tools: toolTokens, overhead: replyPriming };
  const total = system + messages.reduce((a, b) => a + b, 0) + toolTokens + replyPriming;
  notes.push(...assumptionNotes(tally, options, request.toolsUnresolved));

  // No published framing for the Responses API and no token-truth case: the chat framing is
  // assumed, so the count is exact for the text but not for the envelope.
  let unsureFraming = 0;
  if (responses) {
    unsureFraming = parts.overhead + request.messages.length * framing.perMessage + (system > 0 ? framing.perMessage : 0);
    notes.push('Responses API framing assumed equal to Chat Completions (not published); text counted exactly');
  }
  const unresolvedTools = (request.toolsUnresolved ?? 0) * unresolvedToolMaxTokens;
  const exact = tally.assumedTokens === 0 && unsureFraming === 0 && unresolvedTools === 0;
  const band = assumptionBand(total, tally.assumedTokens, unsureFraming);
  return {
    total,
    exact,
    ...(exact ? {} : { band: { low: band.low, high: band.high + unresolvedTools } }),
    parts,
    source: 'tokenizer',
    assumedPlaceholders: tally.assumedPlaceholders,
    assumedMedia: tally.assumedMedia,
    encoding,
    notes,
  };
}

function countEmbedding(request: LlmRequest, encoding: OpenAiEncoding, options: CountOptions): RequestTokenCount {
  // Embedding inputs are plain text: no roles, no framing.
  const tally = emptyTally();
  const perInput = request.messages.map((m) => {
    const input = messageTally(m, encoding, options, '');
    addTally(tally, input);
    return input.tokens;
  });
  const exact = tally.assumedTokens === 0;
  return {
    total: tally.tokens,
    exact,
    ...(exact ? {} : { band: assumptionBand(tally.tokens, tally.assumedTokens, 0) }),
    parts: { system: 0, messages: perInput, tools: 0, overhead: 0 },
    source: 'tokenizer',
    assumedPlaceholders: tally.assumedPlaceholders,
    assumedMedia: tally.assumedMedia,
    encoding,
    notes: assumptionNotes(tally, options),
  };
}

/**
 * An assumed size is the middle of its range: a placeholder may be empty or twice the
 * assumption. Unpublished framing may be absent or doubled.
 */
export function assumptionBand(total: number, assumedTokens: number, unsureFraming: number): TokenBand {
  const spread = assumedTokens + unsureFraming;
  return { low: Math.max(0, total - spread), high: total + spread };
}
