// Loads ../shared/data/token-truth.json (beside the project, as in CI) and rebuilds each case as the LlmRequest the scanner would produce for it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContentPart, LlmRequest, RequestMessage, ToolDefinition } from '../../../src/core/request/llmRequest';
import type { ToolChoice } from '../../../src/core/tokens/tokenTypes';

interface TruthBlock {
  type: string;
  text?: string;
  input?: unknown;
  name?: string;
  content?: string | TruthBlock[];
}

interface TruthMessage {
  role: string;
  name?: string;
  content: string | TruthBlock[];
}

interface TruthTool {
  name?: string;
  description?: string;
  input_schema?: Record<string, unknown>;
  function?: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface TruthCase {
  id: string;
  provider: 'openai' | 'anthropic';
  model: string;
  resolved_model?: string | null;
  endpoint?: string;
  tool_choice?: string | { type: string; name?: string } | null;
  era?: string;
  request: {
    system: string | TruthBlock[] | null;
    messages: TruthMessage[];
    tools: TruthTool[] | null;
    tool_choice?: string | { type: string; name?: string } | null;
    stream?: boolean;
  };
  reported: { prompt_tokens?: number; input_tokens?: number; cache_creation_input_tokens?: number; cache_read_input_tokens?: number };
}

const file = path.join(__dirname, '..', '..', '..', '..', '..', 'shared', 'data', 'token-truth.json');

export function truthCases(): TruthCase[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: TruthCase[] }).cases;
}

/** Input tokens the provider reported: prompt_tokens, or Anthropic's three input buckets. */
export function reportedInput(c: TruthCase): number {
  const r = c.reported;
  if (r.prompt_tokens !== undefined) return r.prompt_tokens;
  return (r.input_tokens ?? 0) + (r.cache_creation_input_tokens ?? 0) + (r.cache_read_input_tokens ?? 0);
}

/** tool_use inputs and tool_result contents reach the prompt as serialized text. */
function blockParts(block: TruthBlock): ContentPart[] {
  if (block.type === 'text') return [{ kind: 'text', text: block.text ?? '' }];
  if (block.type === 'tool_use') return [{ kind: 'text', text: JSON.stringify(block.input) }];
  if (block.type === 'tool_result') {
    if (typeof block.content === 'string') return [{ kind: 'text', text: block.content }];
    return (block.content ?? []).flatMap(blockParts);
  }
  throw new Error(`token-truth block type ${block.type} is not mapped`);
}

function blocks(content: string | TruthBlock[]): RequestMessage['blocks'] {
  if (typeof content === 'string') return [{ parts: [{ kind: 'text', text: content }] }];
  return content.map((b) => ({ parts: blockParts(b) }));
}

function tool(t: TruthTool): ToolDefinition {
  if (t.function) return { name: t.function.name, description: t.function.description, parameters: t.function.parameters };
  return { name: t.name ?? '', description: t.description, parameters: t.input_schema };
}

export function toolChoice(c: TruthCase): ToolChoice | undefined {
  const choice = c.request.tool_choice ?? c.tool_choice;
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === 'string') return choice as ToolChoice;
  if (choice.type === 'tool' && choice.name) return { name: choice.name };
  return choice.type as ToolChoice;
}

/** The request as Tokenwise models it; `model` is the id the response reported when it printed one. */
export function truthRequest(c: TruthCase): LlmRequest {
  const r = c.request;
  return {
    provider: c.provider,
    api: c.provider === 'openai' ? 'chat.completions.create' : c.endpoint === 'count_tokens' ? 'messages.count_tokens' : 'messages.create',
    model: c.resolved_model ?? c.model,
    ...(r.system ? { system: blocks(r.system) } : {}),
    messages: r.messages.map((m) => ({ role: m.role, ...(m.name ? { name: m.name } : {}), blocks: blocks(m.content) })),
    ...(r.tools ? { tools: r.tools.map(tool) } : {}),
    ...(r.stream ? { stream: true } : {}),
  };
}
