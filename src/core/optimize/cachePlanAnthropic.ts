// Anthropic cache_control placement: up to 4 breakpoints over the prompt prefix
// (tools -> system -> messages) that maximise the expected monthly saving. Rules (Anthropic prompt
// caching docs, see docs/optimize.md): a breakpoint caches everything before it; at most 4
// breakpoints per request; 1-hour entries must come before 5-minute entries; below the model's
// minimum cacheable length nothing is cached and no error is raised. A breakpoint finds earlier
// entries only within 20 blocks before it; every planned breakpoint sits exactly at the end of the
// prefix it caches, so a planned hit never depends on that lookback.

import type { CacheBlockInfo, CacheModelFacts, CacheTtl } from './cachePlanModel';
import { hoursPerMonth } from '../cost/projection';
import {
  breakEvenReads,
  expectedSavingPerCallUsd,
  hitProbability,
  readsPerWrite,
  ttlHours,
  writePricePerMTok,
} from './cachePlanModel';

export const maxBreakpoints = 4;


export interface AnthropicCachePlanInput {
  blocks: readonly CacheBlockInfo[];
  facts: CacheModelFacts;
  callsPerHour: number;
  /** The TTL to plan with, or 'auto' to choose per breakpoint. */
  ttl: CacheTtl | 'auto';
}

export interface PlannedBreakpoint {
  blockIndex: number;
  label: string;
  ttl: CacheTtl;
  /** Prompt tokens up to and including the block: what a hit reads from the cache. */
  tokensCached: number;
  /** Tokens this breakpoint adds to the previous one's: what a miss here writes. */
  segmentTokens: number;
  /** Writing the segment once, at the write price. */
  writeCostUsd: number;
  /** What one hit on the segment saves against sending it uncached. */
  readSavingPerCallUsd: number;
  /** Reads before a write pays back its premium. */
  breakEvenReads: number;
  hitProbability: number;
  expectedReadsPerWrite: number;
  monthlySavingUsd: number;
}

export type CacheWarningKind = 'dynamicInPrefix' | 'breakpointAfterDynamic' | 'belowMinimum' | 'ttlOrder' | 'tooManyBreakpoints';

export interface CacheWarning {
  kind: CacheWarningKind;
  blockIndex: number;
  label: string;
  message: string;
}

export interface AnthropicCachePlan {
  breakpoints: PlannedBreakpoint[];
  monthlySavingUsd: number;
  /** The expected monthly saving of the cache_control the code has now (negative: caching costs money). */
  currentMonthlySavingUsd: number;
  /** Tokens before the first dynamic block: the most any breakpoint can cache. */
  staticPrefixTokens: number;
  warnings: CacheWarning[];
}

interface Choice {
  index: number;
  ttl: CacheTtl;
}

export function planAnthropicCache(input: AnthropicCachePlanInput): AnthropicCachePlan {
  const { blocks, facts, callsPerHour } = input;
  const cumulative: number[] = [];
  blocks.reduce((sum, b, i) => (cumulative[i] = sum + b.tokens), 0);
  const rates = sharedRates(blocks, callsPerHour);
  const firstDynamic = blocks.findIndex((b) => b.dynamic);
  const staticEnd = firstDynamic === -1 ? blocks.length : firstDynamic;
  const staticPrefixTokens = staticEnd === 0 ? 0 : cumulative[staticEnd - 1];

  const value = (prev: number, index: number, ttl: CacheTtl): number => {
    const segment = cumulative[index] - (prev < 0 ? 0 : cumulative[prev]);
    return callsPerHour * hoursPerMonth * expectedSavingPerCallUsd(facts, ttl, segment, rates[index]);
  };
  const candidates = blocks.map((_, i) => i).filter((i) => rates[i] > 0 && cumulative[i] >= facts.minCacheableTokens);
  const ttls: CacheTtl[] = input.ttl === 'auto' ? ['1h', '5m'] : [input.ttl];
  const chosen = bestPlacement(candidates, ttls, value);

  const breakpoints = chosen.map((c, k): PlannedBreakpoint => {
    const prev = k === 0 ? -1 : chosen[k - 1].index;
    const segmentTokens = cumulative[c.index] - (prev < 0 ? 0 : cumulative[prev]);
    return {
      blockIndex: c.index,
      label: blocks[c.index].label,
      ttl: c.ttl,
      tokensCached: cumulative[c.index],
      segmentTokens,
      writeCostUsd: (segmentTokens * writePricePerMTok(facts, c.ttl)) / 1e6,
      readSavingPerCallUsd: (segmentTokens * (facts.inputPerMTok - facts.cacheReadPerMTok)) / 1e6,
      breakEvenReads: breakEvenReads(facts, c.ttl),
      hitProbability: hitProbability(rates[c.index], ttlHours[c.ttl]),
      expectedReadsPerWrite: readsPerWrite(rates[c.index], ttlHours[c.ttl]),
      monthlySavingUsd: value(prev, c.index, c.ttl),
    };
  });

  const existing = blocks.flatMap((b, index) => (b.cacheControl ? [{ index, ttl: b.cacheControl }] : []));
  const effective = existing.filter((c) => cumulative[c.index] >= facts.minCacheableTokens);
  const currentMonthlySavingUsd = effective.reduce((sum, c, k) => sum + value(k === 0 ? -1 : effective[k - 1].index, c.index, c.ttl), 0);

  return {
    breakpoints,
    monthlySavingUsd: breakpoints.reduce((s, b) => s + b.monthlySavingUsd, 0),
    currentMonthlySavingUsd,
    staticPrefixTokens,
    warnings: warningsFor(blocks, cumulative, facts, existing, breakpoints, staticEnd),
  };
}

function sharedRates(blocks: readonly CacheBlockInfo[], callsPerHour: number): number[] {
  const rates: number[] = [];
  let rate = callsPerHour;
  for (const b of blocks) {
    // A prefix that includes a dynamic block is never sent twice; a longer prefix is shared by no
    // more calls than a shorter one.
    rate = b.dynamic ? 0 : Math.min(rate, b.sharedCallsPerHour ?? rate);
    rates.push(rate);
  }
  return rates;
}

/**
 * Dynamic programming over (breakpoint, count, TTL of the last breakpoint): TTLs may only go from
 * 1h to 5m along the prefix, so an entry is alive whenever a later one is and each segment's
 * saving depends only on its own breakpoint. A breakpoint is added only if it adds saving.
 */
function bestPlacement(candidates: readonly number[], ttls: readonly CacheTtl[], value: (prev: number, index: number, ttl: CacheTtl) => number): Choice[] {
  interface State {
    total: number;
    chain: Choice[];
  }
  const better = (a: State | undefined, b: State): boolean => !a || b.total > a.total + 1e-12 || (Math.abs(b.total - a.total) <= 1e-12 && b.chain.length < a.chain.length);
  const best = new Map<string, State>();
  let overall: State = { total: 0, chain: [] };
  for (const j of candidates) {
    for (const ttl of ttls) {
      for (let count = 1; count <= maxBreakpoints; count++) {
        let state: State | undefined;
        if (count === 1) state = { total: value(-1, j, ttl), chain: [{ index: j, ttl }] };
        else {
          for (const i of candidates) {
            if (i >= j) break;
            for (const prevTtl of ttls) {
              if (prevTtl === '5m' && ttl === '1h') continue;
              const prev = best.get(`${i}:${count - 1}:${prevTtl}`);
              if (!prev) continue;
              const next = { total: prev.total + value(i, j, ttl), chain: [...prev.chain, { index: j, ttl }] };
              if (better(state, next)) state = next;
            }
          }
        }
        if (!state) continue;
        best.set(`${j}:${count}:${ttl}`, state);
        if (better(overall, state)) overall = state;
      }
    }
  }
  return overall.chain;
}

function warningsFor(
  blocks: readonly CacheBlockInfo[],
  cumulative: readonly number[],
  facts: CacheModelFacts,
  existing: readonly Choice[],
  planned: readonly PlannedBreakpoint[],
  staticEnd: number,
): CacheWarning[] {
  const warnings: CacheWarning[] = [];
  const total = cumulative.length ? cumulative[cumulative.length - 1] : 0;
  const warn = (kind: CacheWarningKind, blockIndex: number, message: string): void => {
    warnings.push({ kind, blockIndex, label: blocks[blockIndex]?.label ?? '', message });
  };
  blocks.forEach((b, i) => {
    if (!b.dynamic) return;
    const staticAfter = blocks.slice(i + 1).reduce((s, x) => s + (x.dynamic ? 0 : x.tokens), 0);
    if (staticAfter > 0) {
      warn('dynamicInPrefix', i, `${b.label} changes between calls (${b.dynamicReason ?? 'dynamic content'}), so the cached prefix ends before it: ` +
        `any change before a breakpoint makes the next call miss. ${staticAfter} static tokens after it are sent at full price every call; move it after the static content.`);
    }
  });
  existing.forEach((c, k) => {
    const label = blocks[c.index].label;
    if (c.index >= staticEnd) {
      warn('breakpointAfterDynamic', c.index, `cache_control on ${label} sits after ${blocks[staticEnd].label}, which changes between calls ` +
        `(${blocks[staticEnd].dynamicReason ?? 'dynamic content'}): each call writes an entry at the write price that no later call can read` +
        (staticEnd > 0 ? `; put the breakpoint on ${blocks[staticEnd - 1].label} instead.` : '.'));
    }
    if (cumulative[c.index] < facts.minCacheableTokens) {
      warn('belowMinimum', c.index, `cache_control on ${label} covers ${cumulative[c.index]} tokens, below this model's minimum of ${facts.minCacheableTokens}: ` +
        'Anthropic caches nothing there and reports no error.');
    }
    if (c.ttl === '1h' && existing.slice(0, k).some((e) => e.ttl === '5m')) {
      warn('ttlOrder', c.index, `The 1-hour cache_control on ${label} comes after a 5-minute one; 1-hour entries must come first.`);
    }
  });
  if (existing.length > maxBreakpoints) {
    warn('tooManyBreakpoints', existing[maxBreakpoints].index, `${existing.length} cache_control blocks; a request may have at most ${maxBreakpoints}.`);
  }
  // Only when reordering cannot help either: otherwise the dynamicInPrefix warning is the advice.
  const staticTokens = blocks.reduce((s, b) => s + (b.dynamic ? 0 : b.tokens), 0);
  if (planned.length === 0 && total > 0 && staticTokens < facts.minCacheableTokens) {
    warn('belowMinimum', Math.max(0, staticEnd - 1), `The static content has ${staticTokens} tokens, below this model's minimum of ${facts.minCacheableTokens}: ` +
      'caching it would do nothing (silently).');
  }
  return warnings;
}
