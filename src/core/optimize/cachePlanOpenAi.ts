// OpenAI prompt caching advice. Caching is automatic for prompts of 1,024+ tokens, hits cover the
// longest cached prefix in 128-token increments, and requests are routed by a hash of about the
// first 256 tokens plus prompt_cache_key (OpenAI prompt caching guide). So the static part must
// come first, and calls sharing a long prefix should share a prompt_cache_key.

import { createHash } from 'node:crypto';
import type { CacheBlockInfo } from './cachePlanModel';
import { hitProbability } from './cachePlanModel';
import { hoursPerMonth } from '../cost/projection';

export const openAiMinCachedTokens = 1024;
export const openAiCacheIncrement = 128;
// Entries stay 5-10 minutes after last use (up to an hour off-peak); the planner counts on the
// lower bound so it never promises hits that eviction takes away.
const openAiTtlHours = 5 / 60;

export interface OpenAiCacheFacts {
  inputPerMTok: number;
  cachedInputPerMTok: number;
  /** From gpt-5.6 on, cache writes cost extra (1.25x input); absent for older models. */
  cacheWritePerMTok?: number;
}

/** Tokens a hit can read for a static prefix of `prefixTokens`. */
export function openAiCachedTokens(prefixTokens: number): number {
  return prefixTokens < openAiMinCachedTokens ? 0 : Math.floor(prefixTokens / openAiCacheIncrement) * openAiCacheIncrement;
}

export interface OpenAiCacheAdvice {
  /** Tokens before the first dynamic block. */
  staticPrefixTokens: number;
  cachedTokensNow: number;
  /** Cached tokens if every dynamic block came after all static ones. */
  cachedTokensIfStaticFirst: number;
  /** Dynamic blocks that sit before static content (inside what could be the cached prefix). */
  dynamicBeforeStatic: { blockIndex: number; label: string; reason: string }[];
  monthlySavingNowUsd: number;
  /** Extra monthly saving from moving the dynamic blocks after the static ones. */
  monthlySavingFromReorderUsd: number;
  messages: string[];
}

function monthlySaving(cached: number, callsPerHour: number, facts: OpenAiCacheFacts): number {
  const p = hitProbability(callsPerHour, openAiTtlHours);
  const read = cached * (facts.inputPerMTok - facts.cachedInputPerMTok);
  const premium = cached * ((facts.cacheWritePerMTok ?? facts.inputPerMTok) - facts.inputPerMTok);
  return (callsPerHour * hoursPerMonth * (p * read - (1 - p) * premium)) / 1e6;
}

export function adviseOpenAiCache(blocks: readonly CacheBlockInfo[], callsPerHour: number, facts: OpenAiCacheFacts): OpenAiCacheAdvice {
  const firstDynamic = blocks.findIndex((b) => b.dynamic);
  const staticPrefixTokens = blocks.slice(0, firstDynamic === -1 ? blocks.length : firstDynamic).reduce((s, b) => s + b.tokens, 0);
  const allStatic = blocks.reduce((s, b) => s + (b.dynamic ? 0 : b.tokens), 0);
  const cachedTokensNow = openAiCachedTokens(staticPrefixTokens);
  const cachedTokensIfStaticFirst = openAiCachedTokens(allStatic);
  const dynamicBeforeStatic = blocks.flatMap((b, i) =>
    b.dynamic && blocks.slice(i + 1).some((x) => !x.dynamic) ? [{ blockIndex: i, label: b.label, reason: b.dynamicReason ?? 'dynamic content' }] : [],
  );
  const monthlySavingNowUsd = monthlySaving(cachedTokensNow, callsPerHour, facts);
  const monthlySavingFromReorderUsd = monthlySaving(cachedTokensIfStaticFirst, callsPerHour, facts) - monthlySavingNowUsd;
  const messages: string[] = [];
  if (cachedTokensIfStaticFirst > cachedTokensNow) {
    for (const d of dynamicBeforeStatic) {
      messages.push(`${d.label} changes between calls (${d.reason}) and sits before static content: OpenAI caches only an identical prefix. ` +
        `Moving it after the static part caches ${cachedTokensIfStaticFirst} tokens instead of ${cachedTokensNow}.`);
    }
  } else if (allStatic < openAiMinCachedTokens) {
    messages.push(`The static content has ${allStatic} tokens; OpenAI caches prompts from ${openAiMinCachedTokens} tokens on.`);
  }
  return { staticPrefixTokens, cachedTokensNow, cachedTokensIfStaticFirst, dynamicBeforeStatic, monthlySavingNowUsd, monthlySavingFromReorderUsd, messages };
}

export interface CallPrefix {
  callId: string;
  /** The call's prompt blocks in order (instructions/system first), with their token counts. */
  blocks: readonly { text: string; tokens: number }[];
}

export interface SharedPrefixGroup {
  callIds: string[];
  /** Tokens every call in the group sends identically at the start. */
  sharedTokens: number;
  /** A stable key derived from the shared prefix, to pass as prompt_cache_key. */
  promptCacheKey: string;
}

function commonPrefix(a: CallPrefix, b: CallPrefix): { blocks: number; tokens: number } {
  let blocks = 0;
  let tokens = 0;
  while (blocks < a.blocks.length && blocks < b.blocks.length && a.blocks[blocks].text === b.blocks[blocks].text) {
    tokens += a.blocks[blocks].tokens;
    blocks++;
  }
  return { blocks, tokens };
}

/**
 * Groups calls that share at least `minSharedTokens` of identical leading blocks. A common prefix
 * of prefixes is shared by the whole group, so grouping pairwise is exact.
 */
export function suggestPromptCacheKeys(calls: readonly CallPrefix[], minSharedTokens = openAiMinCachedTokens): SharedPrefixGroup[] {
  const parent = calls.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < calls.length; i++) {
    for (let j = i + 1; j < calls.length; j++) {
      if (commonPrefix(calls[i], calls[j]).tokens >= minSharedTokens) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  calls.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups.values()]
    .filter((members) => members.length > 1)
    .map((members) => {
      const first = calls[members[0]];
      const shared = members.slice(1).reduce((n, m) => Math.min(n, commonPrefix(first, calls[m]).blocks), first.blocks.length);
      const prefix = first.blocks.slice(0, shared);
      const hash = createHash('sha256').update(prefix.map((b) => b.text).join('\u0000')).digest('hex');
      return {
        callIds: members.map((m) => calls[m].callId),
        sharedTokens: prefix.reduce((s, b) => s + b.tokens, 0),
        promptCacheKey: `tw-${hash.slice(0, 16)}`,
      };
    });
}
