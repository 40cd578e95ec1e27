import { ExitCode, UsageError } from '../cliCommand';
import type { CliCommand } from '../cliCommand';
import { CostError, priceCall } from '../../core/cost/callCost';
import type { CostBreakdown, TokenCounts } from '../../core/cost/callCost';
import { formatUsdExact } from '../../core/format/numbers';
import { MalformedUsageError, tokensFromUsage } from '../../core/cost/usage';
import { priceProvenance } from '../../core/pricing/catalog';
import { cliCatalog, findOrExplain } from '../cliCatalog';
import { parseOptions } from '../options';

const rows: [keyof CostBreakdown, keyof TokenCounts, string][] = [
  ['input', 'inputTokens', 'input'],
  ['cachedInput', 'cachedInputTokens', 'cached input'],
  ['cacheWrite5m', 'cacheWrite5mTokens', 'cache write 5m'],
  ['cacheWrite1h', 'cacheWrite1hTokens', 'cache write 1h'],
  ['output', 'outputTokens', 'output'],
];

export const costCommand: CliCommand = {
  name: 'cost',
  summary: 'price a provider usage object (OpenAI or Anthropic) for a model',
  usage: `Usage: tokenwise cost --model MODEL --usage FILE|- [--batch] [--flex] [--json]

Prices one call from the usage object a provider returned (or the whole response that
contains it): OpenAI Chat Completions usage (prompt_tokens includes cached tokens),
OpenAI Responses usage (input_tokens / output_tokens), or Anthropic Messages usage
(input_tokens excludes cache reads and writes). "-" reads standard input.

Options:
  --model MODEL   model id, alias or snapshot (decides provider and prices)
  --usage FILE    usage JSON file, or - for standard input
  --batch         the call went through a Batch API (50% off); implied by Anthropic service_tier "batch"
  --flex          OpenAI Flex processing
  --json          print {"model","costUsd","breakdown","priceSource","priceAsOf"}

Exit codes: 0 ok, 2 unknown model, malformed usage or bad usage.`,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      model: { type: 'string' },
      usage: { type: 'string' },
      batch: { type: 'boolean' },
      flex: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.model) throw new UsageError('--model is required');
    if (!values.usage) throw new UsageError('--usage FILE|- is required');
    const entry = findOrExplain(await cliCatalog(io), values.model, io);
    if (!entry) return ExitCode.Usage;

    let raw: unknown;
    try {
      raw = JSON.parse(await io.readInput(values.usage));
    } catch (error) {
      throw new UsageError(`cannot read usage from ${values.usage}: ${error instanceof Error ? error.message : String(error)}`);
    }
    let tokens: TokenCounts;
    try {
      tokens = tokensFromUsage(entry.provider, raw).tokens;
      if (values.batch) tokens.batch = true;
      if (values.flex) tokens.flex = true;
      const cost = priceCall(entry, tokens);
      const provenance = priceProvenance(entry);
      if (values.json) {
        io.out(JSON.stringify({ model: entry.id, costUsd: cost.costUsd, breakdown: cost.breakdown, priceSource: provenance.source, priceAsOf: provenance.asOf }));
        return ExitCode.Ok;
      }
      const mode = [tokens.batch ? 'batch' : '', tokens.flex ? 'flex' : '', cost.longContext ? 'long-context prices' : ''].filter(Boolean);
      const lines = [`${entry.id}: ${formatUsdExact(cost.costUsd)}${mode.length ? ` (${mode.join(', ')})` : ''}`];
      for (const [part, field, label] of rows) {
        const n = tokens[field];
        if (typeof n === 'number' && n > 0) lines.push(`  ${label.padEnd(16)}${n.toLocaleString('en-US').padStart(12)} tokens  ${formatUsdExact(cost.breakdown[part])}`);
      }
      for (const note of cost.notes) lines.push(`  note: ${note}`);
      lines.push(`  prices: ${provenance.source} (as of ${provenance.asOf})`);
      io.out(lines.join('\n'));
      return ExitCode.Ok;
    } catch (error) {
      if (error instanceof MalformedUsageError || error instanceof CostError) throw new UsageError(error.message);
      throw error;
    }
  },
};
