// The words the editor shows for an analysed call (CodeLens title, hover breakdown, status bar):
// plain strings built here so the host only places them and the unit tests can pin them down.
import type { AnalyzedCall } from '../analysis/analyzeCall';
import type { CallCost } from '../cost/callCost';
import type { CacheTtl } from '../cost/cachedCallCost';
import type { Suggestion } from '../optimize/optimizeCall';
import type { ModelEntry, Provenance } from '../pricing/catalogSchema';
import { formatTokens, formatUsd } from './numbers';

/** `~` marks an estimated input count, `≈` an assumed output: the same marks as the report's. */
export function inputText(call: Pick<AnalyzedCall, 'input'>): string {
  return `${call.input.exact ? '' : '~'}${formatTokens(call.input.total)}`;
}

export function outputText(call: Pick<AnalyzedCall, 'outputTokens' | 'outputAssumed'>): string {
  return `${call.outputAssumed ? '≈' : ''}${formatTokens(call.outputTokens)}`;
}

/**
 * `1,234 in + 500 out tok · $0.0093/call · gpt-4o · $560/mo`. An unresolved model reads
 * `model ?`, a model missing from the catalog `unpriced`; neither is ever priced as another model.
 * A call whose cache_control caches part of its prompt shows a warm call's cost, marked
 * `/call cached` (the hover has the first call's).
 */
export function lensTitle(call: AnalyzedCall): string {
  const tokens = call.billing === 'tokens'
    ? `${inputText(call)} in + ${outputText(call)} out tok`
    : `${inputText(call)} in tok`;
  const parts = [tokens];
  const model = call.site.request.model;
  if (call.billing === 'not-token-priced') parts.push('not priced by tokens');
  else if (call.cost) parts.push(`${formatUsd(call.cost.costUsd)}/call${(call.cache?.readTokens ?? 0) > 0 ? ' cached' : ''}`);
  else if (model !== null) parts.push('unpriced');
  parts.push(model ?? 'model ?');
  if (call.monthlyUsd !== null) parts.push(`${formatUsd(call.monthlyUsd)}/mo`);
  return parts.join(' · ');
}

/** What the model's prompt cache can do for this call, in one or more sentences. */
export function cachingText(call: AnalyzedCall, suggestions: readonly Suggestion[]): string[] {
  const entry = call.entry;
  if (!entry || call.billing !== 'tokens') return [];
  const cache = suggestions.filter((s) => s.kind === 'cache-placement' || s.kind === 'cache-order');
  const lines = cache.map((s) => {
    const saving = s.savingPerMonthUsd !== null && s.savingPerMonthUsd > 0
      ? ` Would save ${formatUsd(s.savingPerMonthUsd)}/month.`
      : s.savingPerCallUsd > 0 ? ` Would save ${formatUsd(s.savingPerCallUsd)}/call.` : '';
    return `${s.title}: ${s.reason}${saving}`;
  });
  if (lines.length > 0) return lines;
  if (entry.prices.cachedInput === undefined) return [`${entry.id} has no prompt-cache price.`];
  // OpenAI caches prompts of 1,024+ tokens automatically; Anthropic's minimum is per model.
  const minimum = entry.minCacheableTokens ?? (entry.provider === 'openai' ? 1024 : undefined);
  if (minimum !== undefined && call.input.total < minimum) {
    return [`Not cacheable: the prompt (${inputText(call)} tokens) is below the model's minimum of ${formatTokens(minimum)} tokens.`];
  }
  return ['No change to prompt caching would save money at this call rate.'];
}

/** `input $0.006, cached input $0.0009, output $0.0075`: the kinds of token a call pays for. */
function costSplit(cost: CallCost): string {
  const b = cost.breakdown;
  const split = [`input ${money(b.input)}`];
  if (b.cachedInput > 0) split.push(`cached input ${money(b.cachedInput)}`);
  if (b.cacheWrite5m > 0) split.push(`cache write 5m ${money(b.cacheWrite5m)}`);
  if (b.cacheWrite1h > 0) split.push(`cache write 1h ${money(b.cacheWrite1h)}`);
  split.push(`output ${money(b.output)}`);
  return split.join(', ');
}

/** One cost line, or with prompt caching the warm call's, the first call's and what is cached where. */
function costLines(call: AnalyzedCall, cost: CallCost): string[] {
  const cache = call.cache;
  if (!cache) return [`**Cost of one call:** ${money(cost.costUsd)} (${costSplit(cost)})`, ''];
  const where = cache.breakpoints.map((b) => `${b.label} (${b.ttl}, ${formatTokens(b.tokensCached)} tokens)`).join(', ');
  const lines = cache.readTokens > 0
    ? [`**Cost of one call:** ${money(cost.costUsd)} with a warm cache (${costSplit(cost)})`, '',
      `**First call** (writes the cache): ${money(cache.firstCall.costUsd)} (${costSplit(cache.firstCall)})`, '']
    : [`**Cost of one call:** ${money(cost.costUsd)} (${costSplit(cost)}): every call writes the cache, none can read it`, ''];
  lines.push(`**Cached prefix:** ${formatTokens(cache.readTokens + cache.rewrittenTokens)} tokens up to ${where}; a warm call reads ${formatTokens(cache.readTokens)}`, '');
  return lines;
}

/** How the month counts cache writes: the share of calls that find an entry expired and write it again. */
function cacheWritesText(call: AnalyzedCall): string {
  const cache = call.cache;
  const missShare = cache?.missShare;
  if (!cache || !missShare || cache.readTokens === 0) return '';
  const share = (ttl: CacheTtl) => {
    const pct = missShare[ttl] * 100;
    return `${pct < 0.1 ? '<0.1' : pct.toFixed(1)}% of calls rewrite the ${ttl} entries`;
  };
  const ttls = (['1h', '5m'] as const).filter((ttl) => cache.breakpoints.some((b) => b.ttl === ttl));
  return `, cache writes included: ${ttls.map(share).join(', ')} (no call within the TTL; calls assumed to arrive at random)`;
}

export interface HoverInput {
  call: AnalyzedCall;
  suggestions: readonly Suggestion[];
  provenance?: Provenance;
}

const money = (usd: number) => formatUsd(usd);

/** The Markdown breakdown of one call: tokens per part, cost split, caching, context use, price source, notes. */
export function callHoverMarkdown({ call, suggestions, provenance }: HoverInput): string {
  const { site, input, entry, cost } = call;
  const request = site.request;
  const out: string[] = [];
  out.push(`**Tokenwise** · \`${request.model ?? 'model ?'}\` · ${site.api}`, '');
  const count = input.exact
    ? `exact (${input.source === 'count_tokens' ? 'count_tokens' : input.encoding})`
    : `estimate, ${formatTokens(input.band?.low ?? input.total)}–${formatTokens(input.band?.high ?? input.total)}`;
  out.push('| part | tokens |', '| --- | ---: |');
  if (input.parts.system > 0 || (request.system?.length ?? 0) > 0) out.push(`| system | ${formatTokens(input.parts.system)} |`);
  input.parts.messages.forEach((n, i) => out.push(`| message ${i + 1} (${request.messages[i]?.role ?? '?'}) | ${formatTokens(n)} |`));
  if (input.parts.tools > 0) out.push(`| tools | ${formatTokens(input.parts.tools)} |`);
  out.push(`| overhead | ${formatTokens(input.parts.overhead)} |`);
  out.push(`| **input** | **${inputText(call)}** (${count}) |`);
  if (call.billing === 'tokens') out.push(`| **output** | **${outputText(call)}**${call.outputAssumed ? ' (assumed)' : ' (max)'} |`);
  out.push('');

  if (cost) {
    out.push(...costLines(call, cost));
    if (call.monthlyUsd !== null && call.callsPerDay !== null) {
      out.push(`**Per month:** ${money(call.monthlyUsd)} at ${formatTokens(call.callsPerDay)} calls/day${cacheWritesText(call)}`, '');
    }
  } else if (call.billing === 'not-token-priced') {
    out.push(`**Cost:** ${site.api} is not priced by tokens`, '');
  } else if (request.model === null) {
    out.push(`**Cost:** unknown, the model is not resolved (${site.modelNullReason ?? 'unknown'})`, '');
  } else {
    out.push(`**Cost:** unpriced, "${request.model}" is not in the price catalog`, '');
  }

  const caching = cachingText(call, suggestions);
  if (caching.length > 0) out.push(`**Prompt caching:** ${caching.join(' ')}`, '');

  if (entry?.contextWindow !== undefined) {
    const used = (input.band?.high ?? input.total) + call.outputTokens;
    const share = (used / entry.contextWindow) * 100;
    out.push(`**Context window:** ${formatTokens(used)} of ${formatTokens(entry.contextWindow)} tokens (${share < 0.1 ? '<0.1' : share.toFixed(1)}%)`, '');
  }
  if (provenance) out.push(`**Price source:** ${provenance.source}, as of ${provenance.asOf}`, '');
  const notes = [...new Set(call.notes)];
  if (notes.length > 0) out.push('**Notes:**', ...notes.map((n) => `- ${n}`));
  return out.join('\n').trimEnd();
}

export interface FileTotals {
  calls: number;
  inputTokens: number;
  exact: boolean;
  costUsd: number;
  unpriced: number;
}

export function fileTotals(calls: readonly AnalyzedCall[]): FileTotals {
  const t: FileTotals = { calls: calls.length, inputTokens: 0, exact: true, costUsd: 0, unpriced: 0 };
  for (const c of calls) {
    t.inputTokens += c.input.total;
    t.exact &&= c.input.exact;
    if (c.cost) t.costUsd += c.cost.costUsd;
    else if (c.billing !== 'free') t.unpriced += 1;
  }
  return t;
}

/** Status bar text for the active file's calls: `3 LLM calls · ~1,234 in tok · $0.012/run`. */
export function fileStatusText(t: FileTotals): string {
  const parts = [`${t.calls} LLM call${t.calls === 1 ? '' : 's'}`, `${t.exact ? '' : '~'}${formatTokens(t.inputTokens)} in tok`, `${formatUsd(t.costUsd)}/run`];
  if (t.unpriced > 0) parts.push(`${t.unpriced} unpriced`);
  return parts.join(' · ');
}

/** Status bar text for a selection: `120 tok · $0.0003 as input · gpt-4o`. */
export function selectionStatusText(tokens: number, exact: boolean, model: string, entry: ModelEntry | undefined): string {
  const parts = [`${exact ? '' : '~'}${formatTokens(tokens)} tok`];
  if (entry) parts.push(`${formatUsd((tokens * entry.prices.input) / 1e6)} as input`);
  parts.push(model);
  return parts.join(' · ');
}
