import { ExitCode, UsageError } from '../cliCommand';
import type { CliCommand } from '../cliCommand';
import { priceProvenance } from '../../core/pricing/catalog';
import type { ModelEntry, PriceField, PriceSet } from '../../core/pricing/catalogSchema';
import { cliCatalog, findOrExplain } from '../cliCatalog';
import { parseOptions } from '../options';

const count = (n: number) => n.toLocaleString('en-US');

function priceRows(entry: ModelEntry): [PriceField, string][] {
  const writeLabel = entry.provider === 'openai' ? 'cache write' : 'cache write 5m';
  return [['input', 'input'], ['cachedInput', 'cached input (read)'], ['cacheWrite5m', writeLabel], ['cacheWrite1h', 'cache write 1h'], ['output', 'output']];
}

/** Prices as the providers print them: $3, $0.30, $22.50, $0.075 (all digits kept, never rounded). */
function cell(prices: PriceSet, field: PriceField): string {
  const value = prices[field];
  if (value === undefined) return '-';
  return `$${String(value).split('.')[1]?.length === 1 ? value.toFixed(2) : String(value)}`;
}

function describe(entry: ModelEntry): string {
  const lines = [`${entry.id} (${entry.provider}, ${entry.kind})`];
  if (entry.aliases.length || entry.snapshots.length) {
    lines.push(`  also: ${[...entry.aliases, ...entry.snapshots].join(', ')}`);
  }
  const tier = entry.longContext;
  lines.push(`  USD per 1M tokens     standard${tier ? `   prompt > ${count(tier.aboveTokens)}` : ''}`);
  for (const [field, label] of priceRows(entry)) {
    if (entry.prices[field] === undefined) continue;
    lines.push(`    ${label.padEnd(20)}${cell(entry.prices, field).padEnd(11)}${tier ? cell(tier.prices, field) : ''}`.trimEnd());
  }
  const offers = [
    entry.batchMultiplier !== undefined ? `batch x${entry.batchMultiplier}` : '',
    entry.flexMultiplier !== undefined ? `flex x${entry.flexMultiplier}` : '',
  ].filter(Boolean);
  if (offers.length) lines.push(`  ${offers.join(', ')}`);
  const limits = [
    entry.contextWindow !== undefined ? `context window ${count(entry.contextWindow)}` : '',
    entry.maxInputTokens !== undefined ? `max input ${count(entry.maxInputTokens)}` : '',
    entry.maxOutputTokens !== undefined ? `max output ${count(entry.maxOutputTokens)}` : '',
    entry.minCacheableTokens !== undefined ? `min cacheable ${count(entry.minCacheableTokens)}` : '',
  ].filter(Boolean);
  if (limits.length) lines.push(`  ${limits.join(', ')}${entry.limitsSource ? ` (${entry.limitsSource})` : ''}`);
  const { lifecycle } = entry;
  if (lifecycle.status !== 'active') lines.push(`  status: ${lifecycle.status}${lifecycle.retirementDate ? `, retires ${lifecycle.retirementDate}` : ''}`);
  const provenance = priceProvenance(entry);
  lines.push(`  source: ${provenance.source} (as of ${provenance.asOf})`);
  return lines.join('\n');
}

export const priceCommand: CliCommand = {
  name: 'price',
  summary: "show a model's prices per 1M tokens, with their source and date",
  usage: `Usage: tokenwise price MODEL [--json]

Prints the prices of MODEL (an id, alias or dated snapshot, any case) per 1M tokens: input,
cached input, cache writes, output, the long-context tier, batch/flex multipliers, limits,
and where the prices come from. Prices come from the built-in catalog plus the overlay written
by \`tokenwise prices update\`.

Options:
  --json   print the catalog entry as JSON

Exit codes: 0 ok, 2 unknown model or bad usage.`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('expected one MODEL');
    const entry = findOrExplain(await cliCatalog(io), positionals[0] ?? '', io);
    if (!entry) return ExitCode.Usage;
    io.out(values.json ? JSON.stringify(entry, null, 2) : describe(entry));
    return ExitCode.Ok;
  },
};
