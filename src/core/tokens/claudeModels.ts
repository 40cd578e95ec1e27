// Claude model ids -> tokenizer generation and tool-use prompt size. Ids are parsed for their
// version number rather than listed, so a new release maps without a code change:
// claude-3-5-sonnet-20240620 -> 3.5, claude-sonnet-4-5-20250929 -> 4.5, claude-opus-4-7 -> 4.7.
import type { ClaudeGeneration, ToolChoice } from './tokenTypes';

export type ClaudeFamily = 'opus' | 'sonnet' | 'haiku' | 'other';

export interface ClaudeModelInfo {
  family: ClaudeFamily;
  /** major + minor / 10, e.g. 4.5; null when the id names no version (aliases such as claude-sonnet-latest). */
  version: number | null;
  generation: ClaudeGeneration;
}

export function isClaudeModel(model: string): boolean {
  return baseId(model).startsWith('claude');
}

function baseId(model: string): string {
  const id = model.trim().toLowerCase();
  // Bedrock/Vertex ids: anthropic.claude-3-haiku-20240307-v1:0, us.anthropic.claude-..., claude-3-5-sonnet@20240620.
  return id.slice(Math.max(0, id.indexOf('claude')));
}

function parseVersion(tokens: string[]): number | null {
  const i = tokens.findIndex((t) => /^\d{1,2}$/.test(t));
  if (i < 0) return null;
  const major = Number(tokens[i]);
  const next = tokens[i + 1];
  const minor = next !== undefined && /^\d$/.test(next) ? Number(next) : 0;
  return major + minor / 10;
}

/** Generation boundaries per provider-facts.md: the tokenizer changed at Opus 4.7 and again at 5.x. */
function generationOf(version: number | null): ClaudeGeneration {
  // An id without a version is an alias of a current model.
  if (version === null || version >= 5) return 'claude-5';
  if (version >= 4.7) return 'claude-4.7';
  return 'claude-legacy';
}

export function claudeModelInfo(model: string): ClaudeModelInfo | null {
  if (!isClaudeModel(model)) return null;
  const tokens = baseId(model).split(/[-.@:]/);
  const family = (['opus', 'sonnet', 'haiku'] as const).find((f) => tokens.includes(f)) ?? 'other';
  const version = parseVersion(tokens);
  return { family, version, generation: generationOf(version) };
}

/** The Claude tokenizer generation of a model id, or null for a non-Claude id. */
export function claudeGeneration(model: string): ClaudeGeneration | null {
  return claudeModelInfo(model)?.generation ?? null;
}

/**
 * Tokens of the hidden tool-use system prompt Anthropic adds whenever `tools` is present
 * (Anthropic docs, "Tool use" > pricing table, per model and tool_choice). Claude 3.7 and every
 * later model list the same 346 (auto/none) and 313 (any/tool).
 */
export function claudeToolPromptTokens(info: ClaudeModelInfo, choice: ToolChoice | undefined): number {
  const forced = choice === 'any' || choice === 'required' || typeof choice === 'object';
  const table = toolPromptTable(info);
  return forced ? table.forced : table.auto;
}

function toolPromptTable(info: ClaudeModelInfo): { auto: number; forced: number } {
  const v = info.version ?? Number.POSITIVE_INFINITY;
  if (v < 3.5) {
    if (info.family === 'opus') return { auto: 530, forced: 281 };
    if (info.family === 'sonnet') return { auto: 159, forced: 235 };
    return { auto: 264, forced: 340 };
  }
  // The 3.5 rows come from a later revision of the table; unlike the Claude 3 and 3.7+ rows they
  // were not re-checked against a stored copy of the page, and no token-truth case covers them.
  if (v < 3.7) return info.family === 'sonnet' ? { auto: 294, forced: 261 } : { auto: 264, forced: 340 };
  return { auto: 346, forced: 313 };
}
