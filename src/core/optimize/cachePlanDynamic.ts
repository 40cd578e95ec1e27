// Decides whether a block changes from call to call. Any change inside a cached prefix makes the
// next call miss (Anthropic: "any change before the breakpoint"; OpenAI: exact prefix match), so
// the planners need to know which blocks are dynamic and why, to say so in their warnings.

import type { CacheControl, ContentPart, LlmRequest, RequestBlock, ToolDefinition } from '../request/llmRequest';
import type { CacheBlockInfo } from './cachePlanModel';
import { placeholderPattern } from './compressSegments';

export interface DynamicVerdict {
  dynamic: boolean;
  /** Why the block changes between calls, for the warning shown to the user. */
  reason?: string;
}

// Values that differ on every run when a prompt is built at run time: what the playground and the
// proxy see once placeholders have been filled in.
const dynamicText: readonly [RegExp, string][] = [
  [new RegExp(placeholderPattern.source), 'a template placeholder'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, 'a timestamp'],
  [/\b\d{4}-\d{2}-\d{2}\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? \d{1,2} [A-Z][a-z]+ \d{4}\b/, 'a date'],
  [/\b(?:today is|current (?:date|time)(?: is)?|the time is|now is)\b/i, 'the current date or time'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i, 'a UUID'],
  [/\b(?:id|ID|Id)[:=#\s]\s*[A-Za-z0-9_-]*\d[A-Za-z0-9_-]{5,}\b|\b[0-9a-f]{24,}\b/, 'an id'],
  [/\b(?:(?:user(?:'s)? name is|my name is|customer(?:'s)? name is)\s+|(?:user|customer|name):[ \t]*)[A-Z][a-z]+/, "a user's name"],
];

export function classifyText(text: string): DynamicVerdict {
  for (const [pattern, reason] of dynamicText) if (pattern.test(text)) return { dynamic: true, reason: `contains ${reason}` };
  return { dynamic: false };
}

/** Dynamic when any part is a placeholder, an image or a file (their content is chosen at run time), or the text looks run-time generated. */
export function classifyParts(parts: readonly ContentPart[]): DynamicVerdict {
  for (const p of parts) {
    if (p.kind === 'placeholder') return { dynamic: true, reason: `contains the placeholder ${p.name}` };
    if (p.kind === 'image' || p.kind === 'file') return { dynamic: true, reason: `contains ${p.kind === 'image' ? 'an image' : 'a file'} chosen at run time` };
  }
  for (const p of parts) {
    if (p.kind !== 'text') continue;
    const verdict = classifyText(p.text);
    if (verdict.dynamic) return verdict;
  }
  return { dynamic: false };
}

export interface PrefixTokenCounters {
  tool(tool: ToolDefinition): number;
  block(block: RequestBlock): number;
}

/**
 * A request's cacheable units in prefix order (tools, then system blocks, then each message's
 * blocks: Anthropic's cache prefix order), labelled, classified and with their cache_control,
 * ready for planAnthropicCache and adviseOpenAiCache. Token counts come from the caller's tokenizer.
 */
export function prefixBlocks(request: LlmRequest, count: PrefixTokenCounters): CacheBlockInfo[] {
  const out: CacheBlockInfo[] = [];
  const push = (label: string, tokens: number, verdict: DynamicVerdict, cacheControl: CacheControl | undefined): void => {
    out.push({ label, tokens, dynamic: verdict.dynamic, ...(verdict.reason ? { dynamicReason: verdict.reason } : {}), ...(cacheControl ? { cacheControl: cacheControl.ttl } : {}) });
  };
  (request.tools ?? []).forEach((tool, i) => push(`tools[${i}]`, count.tool(tool), { dynamic: false }, tool.cacheControl));
  (request.system ?? []).forEach((block, i) => push(`system[${i}]`, count.block(block), classifyParts(block.parts), block.cacheControl));
  request.messages.forEach((message, m) =>
    message.blocks.forEach((block, b) => push(`messages[${m}].content[${b}]`, count.block(block), classifyParts(block.parts), block.cacheControl)),
  );
  return out;
}
