// The token engine's entry points: plain text (CLI, hovers on a prompt string) and whole
// requests (call sites, playground). OpenAI models are counted exactly; Claude models are
// estimated with a band; any other model is estimated from o200k_base and says so.
import type { LlmRequest } from '../request/llmRequest';
import { estimateClaudeRequest, estimateClaudeText, unresolvedClaudeModel } from './claudeEstimate';
import { claudeModelInfo, isClaudeModel } from './claudeModels';
import { bpeTokenCount } from './memoTokenCounter';
import { countOpenAiRequest } from './openAiCount';
import { encodingForModel } from './openAiEncodings';
import type { CountOptions, RequestTokenCount, TokenBand, TokenCount } from './tokenTypes';

/**
 * Band for a model Tokenwise has no tokenizer for (Gemini, Llama, Mistral behind an
 * OpenAI-compatible base URL): modern BPE vocabularies of 100K-260K entries land within about
 * a quarter of o200k's count on English and code.
 */
const foreignModelSpread = 0.25;

function foreignBand(tokens: number): TokenBand {
  return { low: Math.floor(tokens * (1 - foreignModelSpread)), high: Math.ceil(tokens * (1 + foreignModelSpread)) };
}

function foreignNote(model: string | null): string {
  return model === null
    ? 'model not resolved statically: counted with o200k_base as an estimate'
    : `"${model}" is neither an OpenAI nor a Claude model Tokenwise knows: counted with o200k_base as an estimate`;
}

/** Tokens of `text` as plain input (no chat framing) for `model`. */
export function countText(text: string, model: string): TokenCount {
  const encoding = encodingForModel(model);
  if (encoding) return { tokens: bpeTokenCount(text, encoding), exact: true, encoding, notes: [] };
  const claude = claudeModelInfo(model);
  if (claude) return estimateClaudeText(text, claude);
  const tokens = bpeTokenCount(text, 'o200k_base');
  return { tokens, exact: false, band: foreignBand(tokens), encoding: 'o200k_base', notes: [foreignNote(model)] };
}

/** Prompt tokens of a whole request: content, framing, tools and media. */
export function countRequest(request: LlmRequest, options: CountOptions = {}): RequestTokenCount {
  const model = request.model;
  if (request.provider === 'anthropic' || (model !== null && isClaudeModel(model))) {
    const info = model === null ? null : claudeModelInfo(model);
    if (info) return estimateClaudeRequest(request, info, options);
    const result = estimateClaudeRequest(request, unresolvedClaudeModel, options);
    result.notes.unshift(model === null ? 'model not resolved statically: newest Claude generation assumed' : `"${model}" is not a Claude model id: newest Claude generation assumed`);
    return result;
  }
  const encoding = model === null ? null : encodingForModel(model);
  if (model !== null && encoding) return countOpenAiRequest(request, model, encoding, options);
  const result = countOpenAiRequest(request, model ?? '', 'o200k_base', options);
  const band = result.band ?? { low: result.total, high: result.total };
  const wide = foreignBand(result.total);
  return {
    ...result,
    exact: false,
    band: { low: Math.min(band.low, wide.low), high: Math.max(band.high, wide.high) },
    notes: [foreignNote(model), ...result.notes],
  };
}
