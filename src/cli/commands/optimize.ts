// `tokenwise optimize FILE [--json]`: what each call in FILE could save, and why.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisContext } from '../../core/analysis/analyzeCall';
import { analyzeFile } from '../../core/analysis/analyzeFile';
import { formatTokens, formatUsd } from '../../core/format/numbers';
import { optimizeCall } from '../../core/optimize/optimizeCall';
import { initParsers } from '../../core/parse/treeSitter';
import { defaultSettings } from '../../core/protocol/settings';
import { ExitCode, UsageError, type CliCommand } from '../cliCommand';
import { cliCatalog } from '../cliCatalog';
import { parseOptions } from '../options';

const defaults = defaultSettings();

const usage = `Usage: tokenwise optimize FILE [--json] [--calls-per-day N] [--cross-provider]

For each LLM call in FILE: prompt compression, prompt-cache placement and ordering, cheaper
models that keep every feature the call uses, and the Batch API for calls in loops, each with
its saving in tokens and dollars and the rule behind it. Monthly savings need a call rate: a
"tokenwise: 2000/day" comment above the call, or --calls-per-day.

Options:
  --json               print the suggestions as JSON
  --calls-per-day N    call rate for calls without a comment
  --cross-provider     also suggest the other provider's models
`;

export const optimizeCommand: CliCommand = {
  name: 'optimize',
  summary: 'suggest savings for each call in a file: compression, caching, cheaper models, batch',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' }, 'calls-per-day': { type: 'string' }, 'cross-provider': { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('expected one FILE');
    const file = path.resolve(io.cwd, positionals[0] as string);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      throw new UsageError(`cannot read ${positionals[0]}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const rate = values['calls-per-day'] === undefined ? defaults['cost.defaultCallsPerDay'] : Number(values['calls-per-day']);
    if (!Number.isFinite(rate) || rate < 0) throw new UsageError(`--calls-per-day needs a non-negative number, got "${values['calls-per-day']}"`);
    const catalog = await cliCatalog(io);
    const ctx: AnalysisContext = {
      catalog, assumedPlaceholderTokens: defaults['cost.assumedPlaceholderTokens'], expectedOutputTokens: defaults['cost.expectedOutputTokens'], defaultCallsPerDay: rate,
    };
    await initParsers();
    const analysis = analyzeFile(bytes, file, ctx, { maxBytes: defaults['analysis.maxFileSizeKB'] * 1024 });
    if (analysis.skipped) throw new UsageError(`${positionals[0]} was not analyzed: ${analysis.skipped.reason}`);
    const results = analysis.calls.map((call) => ({
      line: call.site.line,
      column: call.site.column,
      ...(call.site.cellIndex !== undefined ? { cell: call.site.cellIndex } : {}),
      api: call.site.api,
      model: call.site.request.model,
      costUsd: call.cost?.costUsd ?? null,
      suggestions: optimizeCall(call, { catalog, assumedPlaceholderTokens: ctx.assumedPlaceholderTokens, crossProvider: values['cross-provider'] }).map((s) => ({
        kind: s.kind, title: s.title, reason: s.reason, tokensSaved: s.tokensSaved, savingPerCallUsd: s.savingPerCallUsd, savingPerMonthUsd: s.savingPerMonthUsd,
        ...(s.compression ? { compressed: s.compression.text } : {}),
        ...(s.models ? { models: s.models.map((m) => ({ model: m.model, costUsd: m.costUsd, savingUsd: m.savingUsd })) } : {}),
      })),
    }));
    if (values.json) {
      io.out(JSON.stringify({ file: path.relative(io.cwd, file).split(path.sep).join('/'), calls: results }, null, 2));
      return ExitCode.Ok;
    }
    if (results.length === 0) io.out('No LLM calls found.');
    for (const r of results) {
      io.out(`${positionals[0]}:${r.cell !== undefined ? `cell ${r.cell}:` : ''}${r.line}:${r.column} ${r.model ?? '(model unknown)'} ${r.api}${r.costUsd === null ? '' : ` · ${formatUsd(r.costUsd)}/call`}`);
      if (r.suggestions.length === 0) io.out('  nothing to suggest');
      for (const s of r.suggestions) {
        const saving = [s.tokensSaved ? `-${formatTokens(s.tokensSaved)} tokens` : '', s.savingPerCallUsd ? `-${formatUsd(s.savingPerCallUsd)}/call` : '', s.savingPerMonthUsd ? `-${formatUsd(s.savingPerMonthUsd)}/month` : ''].filter(Boolean).join(', ');
        io.out(`  • ${s.title}${saving ? ` (${saving})` : ''}\n    ${s.reason}`);
      }
    }
    return ExitCode.Ok;
  },
};
