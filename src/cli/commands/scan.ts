// `tokenwise scan [paths]`: finds the LLM calls under the given folders or files, prices them,
// and prints a report (table, JSON, Markdown or SARIF) for people or CI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../../package.json';
import type { AnalysisContext } from '../../core/analysis/analyzeCall';
import { reportFile, scanWorkspace } from '../../core/analysis/analyzeFile';
import { nodeFileSource, nodeModuleFiles } from '../../core/analysis/fileSource';
import { ProjectImports } from '../../core/analysis/projectImports';
import { reportAsMarkdown, reportAsSarif, reportAsTable, totalsOf, type Report } from '../../core/analysis/report';
import { formatUsd } from '../../core/format/numbers';
import { initParsers } from '../../core/parse/treeSitter';
import { defaultSettings } from '../../core/protocol/settings';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cliCommand';
import { cliCatalog } from '../cliCatalog';
import { parseOptions } from '../options';

const defaults = defaultSettings();

const usage = `Usage: tokenwise scan [PATH...] [options]

Finds the OpenAI and Anthropic SDK calls and prompt files under each PATH (default: the current
folder), counts their input tokens (exact for OpenAI, estimated for Claude), prices one call of
each with the catalog, and prints a report. .gitignore files are respected.

Options:
  --format FORMAT            table (default), json, markdown or sarif
  --out FILE                 write the report to FILE instead of standard output
  --fail-on-cost USD         exit 1 when the projected monthly cost exceeds USD (or, when no call
                             has a call rate, the cost of one run of every call)
  --exclude GLOB             skip matching files (repeatable; default: ${defaults['analysis.exclude'].join(', ')})
  --max-file-size KB         skip larger files (default ${defaults['analysis.maxFileSizeKB']})
  --calls-per-day N          call rate for calls without a "tokenwise: N/day" comment (default: none)
  --expected-output N        output tokens assumed when a call sets no max tokens (default ${defaults['cost.expectedOutputTokens']})
  --placeholder-tokens N     tokens assumed per template placeholder (default ${defaults['cost.assumedPlaceholderTokens']})
  --no-gitignore             also scan files that .gitignore excludes
  --quiet                    no progress on standard error
`;

const formats = ['table', 'json', 'markdown', 'sarif'] as const;
type Format = (typeof formats)[number];

function nonNegative(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} needs a non-negative number, got "${value}"`);
  return n;
}

function render(report: Report, format: Format): string {
  switch (format) {
    case 'json': return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown': return reportAsMarkdown(report);
    case 'sarif': return reportAsSarif(report, version);
    case 'table': return reportAsTable(report);
  }
}

/** Joins reports of several paths into one, with file paths relative to the working folder. */
function merge(root: string, parts: Report[]): Report {
  const calls = parts.flatMap((r) => r.calls);
  const skipped = parts.flatMap((r) => r.skipped);
  const fileFindings = parts.flatMap((r) => r.fileFindings ?? []);
  return { version: 1, root, files: parts.reduce((n, r) => n + r.files, 0), calls, ...(fileFindings.length ? { fileFindings } : {}), skipped, totals: totalsOf(calls, skipped) };
}

function rebase(report: Report, prefix: string): Report {
  if (!prefix) return report;
  const join = (f: string) => `${prefix}/${f}`;
  return {
    ...report,
    calls: report.calls.map((c) => ({ ...c, file: join(c.file) })),
    ...(report.fileFindings ? { fileFindings: report.fileFindings.map((f) => ({ ...f, file: join(f.file) })) } : {}),
    skipped: report.skipped.map((s) => ({ ...s, file: join(s.file) })),
  };
}

function progress(io: CliIo, quiet: boolean): (done: number, file: string) => void {
  let last = Date.now();
  return (done) => {
    // Progress at most once a second, and only for scans long enough to need it.
    if (quiet || Date.now() - last < 1000) return;
    last = Date.now();
    io.err(`scanned ${done.toLocaleString('en-US')} files…`);
  };
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'find and price the LLM calls in folders or files; table, JSON, Markdown or SARIF',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      format: { type: 'string' }, out: { type: 'string' }, 'fail-on-cost': { type: 'string' }, exclude: { type: 'string', multiple: true },
      'max-file-size': { type: 'string' }, 'calls-per-day': { type: 'string' }, 'expected-output': { type: 'string' },
      'placeholder-tokens': { type: 'string' }, 'no-gitignore': { type: 'boolean' }, quiet: { type: 'boolean' },
    });
    const format = (values.format ?? 'table') as Format;
    if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, got "${values.format}"`);
    const failOnCost = nonNegative(values['fail-on-cost'], '--fail-on-cost');
    const maxKB = nonNegative(values['max-file-size'], '--max-file-size') ?? defaults['analysis.maxFileSizeKB'];
    const ctx: AnalysisContext = {
      catalog: await cliCatalog(io),
      assumedPlaceholderTokens: nonNegative(values['placeholder-tokens'], '--placeholder-tokens') ?? defaults['cost.assumedPlaceholderTokens'],
      expectedOutputTokens: nonNegative(values['expected-output'], '--expected-output') ?? defaults['cost.expectedOutputTokens'],
      defaultCallsPerDay: nonNegative(values['calls-per-day'], '--calls-per-day') ?? defaults['cost.defaultCallsPerDay'],
    };
    const exclude = values.exclude ?? defaults['analysis.exclude'];
    const maxBytes = Math.round(maxKB * 1024);
    const onProgress = progress(io, values.quiet ?? false);

    const parts: Report[] = [];
    for (const target of positionals.length ? positionals : ['.']) {
      const abs = path.resolve(io.cwd, target);
      const rel = path.relative(io.cwd, abs).split(path.sep).join('/');
      let stat: fs.Stats;
      try {
        stat = fs.statSync(abs);
      } catch {
        throw new UsageError(`no such file or folder: ${target}`);
      }
      if (stat.isDirectory()) {
        const report = await scanWorkspace(nodeFileSource(abs), { root: abs, exclude, maxBytes, respectGitignore: !values['no-gitignore'], onProgress, moduleFiles: nodeModuleFiles(abs) }, ctx);
        parts.push(rebase(report, rel));
      } else {
        await initParsers();
        const file = rel || path.basename(abs);
        // A single file still follows names imported from the project around it (the working directory).
        const imports = new ProjectImports(nodeModuleFiles(''), () => [process.cwd()], maxBytes).forFile(abs);
        const result = reportFile(fs.readFileSync(abs), file, ctx, { maxBytes, languageFrom: abs, imports });
        const skipped = result.skipped ? [{ file, reason: result.skipped.reason }] : [];
        const { calls, fileFindings } = result;
        parts.push({ version: 1, root: io.cwd, files: result.skipped ? 0 : 1, calls, ...(fileFindings.length ? { fileFindings } : {}), skipped, totals: totalsOf(calls, skipped) });
      }
    }
    const report = merge(io.cwd, parts);
    const text = render(report, format);
    if (values.out) {
      fs.writeFileSync(path.resolve(io.cwd, values.out), text);
      io.err(`wrote ${values.out}: ${report.totals.calls} calls in ${report.files} files`);
    } else {
      io.out(text);
    }
    if (failOnCost !== undefined) {
      const monthly = report.totals.monthlyUsd > 0;
      const compared = monthly ? report.totals.monthlyUsd : report.totals.costUsd;
      const what = monthly ? 'projected monthly cost' : 'cost of one run of every call';
      if (compared > failOnCost) {
        io.err(`tokenwise scan: ${what} ${formatUsd(compared)} is above --fail-on-cost ${formatUsd(failOnCost)}`);
        return ExitCode.CheckFailed;
      }
    }
    return ExitCode.Ok;
  },
};
