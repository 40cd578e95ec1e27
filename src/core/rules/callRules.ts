// Every rule that can be decided from one analysed call: pure functions over the call, the catalog
// and the optimizer's suggestions. Each finding cites its rule id; docs/rules.md gives the reason
// and its source. Rules that need the source text (suppression comments, hard-coded keys) live in
// sourceRules.ts.
import type { AnalyzedCall } from '../analysis/analyzeCall';
import { moveDynamicAfterStatic } from '../optimize/cachePlanReorder';
import { optimizeCall, type Suggestion } from '../optimize/optimizeCall';
import type { Catalog } from '../pricing/catalog';
import { formatTokens, formatUsd } from '../format/numbers';
import type { Finding, FixData } from './finding';
import { modelFindings } from './modelRules';

export interface RuleContext {
  catalog: Catalog;
  assumedPlaceholderTokens: number;
  /** Setting tokenwise.suggestOtherProvider. */
  crossProvider?: boolean;
}

/**
 * OpenAI's function-calling guide advises fewer than 20 functions per request: every definition is
 * billed as input on every call (both providers render tools into the prompt), and accuracy of tool
 * selection drops as the list grows.
 */
export const maxToolsPerCall = 20;

/**
 * A model switch risks different answers, so it is suggested only when it at least halves the cost;
 * smaller savings stay in the hover/CodeLens comparison rather than the Problems view.
 */
export const minModelSavingShare = 0.5;

/**
 * Where the code already caches, a different breakpoint or TTL is reported only when it saves at
 * least this share of the call's monthly cost: fine-tuning a working cache is not worth a warning.
 */
const minCacheTuningShare = 0.05;

function usesCaching(call: AnalyzedCall): boolean {
  const r = call.site.request;
  return r.cacheControl !== undefined || (r.system ?? []).some((b) => b.cacheControl) || r.messages.some((m) => m.blocks.some((b) => b.cacheControl))
    || (r.tools ?? []).some((t) => t.cacheControl);
}

/** Compressions saving less than this are noise next to the diff they would show. */
const minCompressionTokens = 5;

/**
 * The max output tokens the add-max-tokens fix writes: 1,024 for ordinary models (a long answer
 * still fits, a runaway one is cut), 4,096 for reasoning models, whose hidden reasoning tokens count
 * against the same limit; never above the model's own maximum.
 */
export function defaultMaxOutputTokens(call: AnalyzedCall): number {
  const reasoning = call.entry?.capabilities?.reasoning === true;
  const wanted = reasoning ? 4096 : 1024;
  const limit = call.entry?.maxOutputTokens;
  return limit !== undefined ? Math.min(wanted, limit) : wanted;
}

/** The request key that limits output for this API (Responses: max_output_tokens; OpenAI reasoning chat: max_completion_tokens). */
export function maxTokensParam(call: AnalyzedCall): 'max_tokens' | 'max_completion_tokens' | 'max_output_tokens' {
  const { site } = call;
  if (site.provider === 'anthropic') return 'max_tokens';
  if (site.api.startsWith('responses.')) return 'max_output_tokens';
  // OpenAI's reasoning models reject max_tokens on Chat Completions (API reference: max_tokens is
  // "not compatible with o-series models"); max_completion_tokens works for every chat model.
  return call.entry?.capabilities?.reasoning === true ? 'max_completion_tokens' : 'max_tokens';
}

const saving = (s: Suggestion): string => {
  if (s.savingPerMonthUsd !== null && s.savingPerMonthUsd > 0) return ` (about ${formatUsd(s.savingPerMonthUsd)}/month at this call's rate)`;
  if (s.savingPerCallUsd > 0) return ` (${formatUsd(s.savingPerCallUsd)} per call)`;
  return '';
};

// The optimizer compresses every prompt literal and prices every candidate model: ~100 ms for a
// 7 KB prompt. Typing elsewhere in the file leaves most calls unchanged, so results are kept per
// catalog, keyed by everything they depend on (the call site with its offsets, the rate, the options).
const suggestionCache = new WeakMap<Catalog, Map<string, Suggestion[]>>();
const suggestionCacheSize = 256;

function suggestionsOf(call: AnalyzedCall, ctx: RuleContext): Suggestion[] {
  const key = JSON.stringify([call.site, call.callsPerDay, call.outputTokens, call.input.total, ctx.assumedPlaceholderTokens, ctx.crossProvider === true]);
  let cache = suggestionCache.get(ctx.catalog);
  if (!cache) suggestionCache.set(ctx.catalog, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) return hit;
  let suggestions: Suggestion[];
  try {
    suggestions = optimizeCall(call, { catalog: ctx.catalog, assumedPlaceholderTokens: ctx.assumedPlaceholderTokens, crossProvider: ctx.crossProvider === true });
  } catch {
    // The optimizer is advice: a failure there must not hide the other findings.
    suggestions = [];
  }
  if (cache.size >= suggestionCacheSize) cache.delete(cache.keys().next().value as string);
  cache.set(key, suggestions);
  return suggestions;
}

function isChatLike(call: AnalyzedCall): boolean {
  return call.billing === 'tokens' && /(^|\.)(completions|messages|responses)\.(create|stream|parse)$/.test(call.site.api);
}

export function callFindings(call: AnalyzedCall, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [...modelFindings(call)];
  const { site, entry } = call;
  const request = site.request;

  const toolCount = (request.tools?.length ?? 0) + (request.toolsUnresolved ?? 0);
  if (toolCount > maxToolsPerCall) {
    findings.push({
      ruleId: 'too-many-tools', severity: 'warning', range: site.range,
      message: `${toolCount} tools in one call (more than ${maxToolsPerCall}): every tool definition is billed as input on every call and the model picks the right tool less reliably. Send only the tools this step needs.`,
    });
  }
  if (call.billing !== 'tokens') return findings;

  if (isChatLike(call) && request.maxOutputTokens === undefined) {
    const param = maxTokensParam(call);
    const value = defaultMaxOutputTokens(call);
    findings.push({
      ruleId: 'missing-max-tokens', severity: 'info', range: site.range,
      message: `No ${param}: the answer's length, and so its cost, has no limit (priced here with ${formatTokens(call.outputTokens)} assumed output tokens).` +
        (site.provider === 'anthropic' ? ' Anthropic requires max_tokens: without it the request fails.' : ''),
      fix: { kind: 'max-tokens', param, value },
    });
  }
  if (entry && request.maxOutputTokens !== undefined && entry.maxOutputTokens !== undefined && request.maxOutputTokens > entry.maxOutputTokens) {
    findings.push({
      ruleId: 'max-tokens-above-limit', severity: 'error', range: site.range,
      message: `Max output ${formatTokens(request.maxOutputTokens)} is above ${entry.id}'s limit of ${formatTokens(entry.maxOutputTokens)} tokens: the API rejects the request.`,
    });
  }
  if (entry?.contextWindow !== undefined) {
    const promptHigh = call.input.band?.high ?? call.input.total;
    if (promptHigh + call.outputTokens > entry.contextWindow) {
      findings.push({
        ruleId: 'context-window-overflow', severity: 'error', range: site.range,
        message: `Prompt (up to ${formatTokens(promptHigh)} tokens) plus output (${formatTokens(call.outputTokens)}) exceeds ${entry.id}'s context window of ${formatTokens(entry.contextWindow)} tokens.`,
      });
    }
  }

  const suggestions = suggestionsOf(call, ctx);
  for (const s of suggestions) {
    if (s.kind === 'cheaper-model' && s.models && (s.models[0]?.savingShare ?? 0) >= minModelSavingShare) {
      const worth = s.models.filter((m) => m.savingShare >= minModelSavingShare).slice(0, 3).map((m) => m.model);
      const fix: FixData | undefined = site.modelRange ? { kind: 'swap-model', models: worth } : undefined;
      findings.push({ ruleId: 'cheaper-model', severity: 'info', range: site.modelRange ?? site.range, message: `${s.title}${saving(s)}. ${s.reason}`, ...(fix ? { fix } : {}) });
    } else if (s.kind === 'cache-placement' && (!usesCaching(call) || (s.savingPerMonthUsd ?? 0) >= minCacheTuningShare * (call.monthlyUsd ?? Infinity))) {
      const onSystem = s.title.includes('system[');
      findings.push({
        ruleId: 'cache-control-placement', severity: 'info', range: s.range ?? site.range, message: `${s.title}${saving(s)}. ${s.reason}`,
        ...(onSystem ? { fix: { kind: 'cache-control' } } : {}),
      });
    } else if (s.kind === 'cache-order') {
      // Anthropic's planner words a dynamic block in the prefix as "changes between calls"; its other
      // warnings (minimum size, TTL order, too many breakpoints) are about cache_control placement.
      const dynamic = site.provider === 'openai' || s.reason.includes('changes between calls');
      findings.push({ ruleId: dynamic ? 'dynamic-before-static' : 'cache-control-placement', severity: dynamic ? 'warning' : 'info', range: s.range ?? site.range, message: `${s.title}. ${s.reason}` });
    } else if (s.kind === 'compress' && s.compression && s.range && s.tokensSaved >= minCompressionTokens) {
      const c = s.compression;
      findings.push({
        ruleId: 'prompt-compression', severity: 'info', range: s.range,
        message: `${s.title}, saves ${s.tokensSaved} tokens per call${saving(s)}. ${s.reason}`,
        fix: { kind: 'compress', range: s.range, text: c.text, tokensBefore: c.tokensBefore, tokensAfter: c.tokensAfter },
      });
    } else if (s.kind === 'batch') {
      findings.push({ ruleId: 'batch-candidate', severity: 'info', range: site.range, message: `${s.title}${saving(s)}. ${s.reason}`, fix: { kind: 'batch' } });
    }
  }

  // Within the system prompt, a sentence that changes between calls ahead of static sentences ends
  // the cacheable prefix early (both providers cache by identical prefix; provider-facts.md).
  if (request.system && request.system.length > 0) {
    const systemRange = site.systemRange ?? site.range;
    const reorder = moveDynamicAfterStatic(request.system);
    const early = reorder.changed || !reorder.safe;
    const already = findings.some((f) => f.ruleId === 'dynamic-before-static' && f.range.start === systemRange.start);
    if (early && !already) {
      findings.push({
        ruleId: 'dynamic-before-static', severity: 'warning', range: systemRange,
        message: `The system prompt puts content that changes between calls before static content, so the cached prefix ends there. ${reorder.reason}`,
        ...(reorder.safe && reorder.changed ? { fix: { kind: 'move-dynamic' } } : {}),
      });
    } else if (early && reorder.safe && reorder.changed) {
      const f = findings.find((x) => x.ruleId === 'dynamic-before-static' && x.range.start === systemRange.start);
      if (f && !f.fix) f.fix = { kind: 'move-dynamic' };
    }
  }
  return findings;
}
