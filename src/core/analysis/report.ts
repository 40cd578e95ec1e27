// The workspace report: the JSON other tools read (its top level is a public contract, see
// the README's Command line section), and the table, Markdown and SARIF views of the same data.
import { formatTokens, formatUsd } from '../format/numbers';
import type { AnalyzedCall } from './analyzeCall';
import type { Provider } from '../request/llmRequest';

export interface ReportFinding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface ReportCall {
  /** Relative to the report root, `/` separators. */
  file: string;
  /** 1-based line of the method name (of `create` in `.create(`); within the cell for notebooks. */
  line: number;
  /** 1-based column of the method name. */
  column: number;
  /** 0-based notebook cell (.ipynb only). */
  cell?: number;
  provider: Provider;
  api: string;
  model: string | null;
  /** Where the model came from (literal, constant, ...) or why it is unknown (env, parameter, unknown). */
  modelSource: string;
  inputTokens: number;
  inputTokensExact: boolean;
  /** Range of a Claude estimate. */
  inputTokensBand?: { low: number; high: number };
  maxOutputTokens: number | null;
  /** Output tokens priced: max output tokens, or the assumed expected output. */
  outputTokens: number;
  outputTokensAssumed: boolean;
  stream: boolean;
  inLoop: boolean;
  /**
   * Cost of one call in USD, or null when the model is unknown or unpriced. For a call whose
   * cache_control caches part of its prompt, a warm call's cost (the CodeLens figure).
   */
  costUsd: number | null;
  /** Present only when the call's cache_control caches part of its prompt: tokens a warm call reads from the cache. */
  cacheReadTokens?: number;
  /** Tokens the first call of a cache window writes to the cache (5-minute and 1-hour entries). */
  cacheWriteTokens?: number;
  /** What the first call of a cache window pays, cache writes included. */
  firstCallCostUsd?: number;
  callsPerDay: number | null;
  monthlyUsd: number | null;
  priceSource: string | null;
  priceAsOf: string | null;
  findings: ReportFinding[];
}

/** The report's prompt-caching fields of a call; empty when its cache_control caches nothing. */
export function cacheReportFields(call: Pick<AnalyzedCall, 'cache'>): Pick<ReportCall, 'cacheReadTokens' | 'cacheWriteTokens' | 'firstCallCostUsd'> {
  const cache = call.cache;
  if (!cache) return {};
  return { cacheReadTokens: cache.readTokens, cacheWriteTokens: cache.write5mTokens + cache.write1hTokens, firstCallCostUsd: cache.firstCall.costUsd };
}

/** A finding about a file rather than a call (a hard-coded API key). */
export interface ReportFileFinding extends ReportFinding {
  file: string;
  line: number;
  column: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ReportTotals {
  calls: number;
  /** Sum of the per-call cost of every priced call (one call each). */
  costUsd: number;
  /** Sum of the monthly projections where a call rate is known. */
  monthlyUsd: number;
  unpricedCalls: number;
  skippedFiles: number;
  byModel: Record<string, { calls: number; costUsd: number; monthlyUsd: number }>;
}

export interface Report {
  version: 1;
  root: string;
  /** Files scanned (read and parsed). */
  files: number;
  calls: ReportCall[];
  /** Findings not tied to a call, e.g. hard-coded API keys (absent when there are none). */
  fileFindings?: ReportFileFinding[];
  skipped: SkippedFile[];
  totals: ReportTotals;
}

export function totalsOf(calls: readonly ReportCall[], skipped: readonly SkippedFile[]): ReportTotals {
  const totals: ReportTotals = { calls: calls.length, costUsd: 0, monthlyUsd: 0, unpricedCalls: 0, skippedFiles: skipped.length, byModel: {} };
  for (const c of calls) {
    const key = c.model ?? '(unknown)';
    const m = (totals.byModel[key] ??= { calls: 0, costUsd: 0, monthlyUsd: 0 });
    m.calls += 1;
    if (c.costUsd === null) {
      totals.unpricedCalls += 1;
      continue;
    }
    totals.costUsd += c.costUsd;
    m.costUsd += c.costUsd;
    if (c.monthlyUsd !== null) {
      totals.monthlyUsd += c.monthlyUsd;
      m.monthlyUsd += c.monthlyUsd;
    }
  }
  return totals;
}

export function location(c: ReportCall): string {
  return c.cell === undefined ? `${c.file}:${c.line}:${c.column}` : `${c.file}#cell${c.cell}:${c.line}:${c.column}`;
}

function tokensCell(c: ReportCall): string {
  return `${c.inputTokensExact ? '' : '~'}${formatTokens(c.inputTokens)}`;
}

function outputCell(c: ReportCall): string {
  return `${c.outputTokensAssumed ? '≈' : ''}${formatTokens(c.outputTokens)}`;
}

function costCell(c: ReportCall): string {
  return c.costUsd === null ? '?' : formatUsd(c.costUsd);
}

function monthCell(c: ReportCall): string {
  return c.monthlyUsd === null ? '' : formatUsd(c.monthlyUsd);
}

const columns = ['location', 'model', 'api', 'in tok', 'out tok', '$/call', '$/month'] as const;

function rows(report: Report): string[][] {
  return [...report.calls]
    .sort((a, b) => (b.costUsd ?? -1) - (a.costUsd ?? -1) || a.file.localeCompare(b.file) || a.line - b.line)
    .map((c) => [location(c), c.model ?? `? (${c.modelSource})`, c.api, tokensCell(c), outputCell(c), costCell(c), monthCell(c)]);
}

function summaryLine(report: Report): string {
  const t = report.totals;
  const parts = [`${t.calls} call${t.calls === 1 ? '' : 's'} in ${report.files} file${report.files === 1 ? '' : 's'}`, `${formatUsd(t.costUsd)} for one run of each`];
  if (t.monthlyUsd > 0) parts.push(`${formatUsd(t.monthlyUsd)}/month projected`);
  if (t.unpricedCalls > 0) parts.push(`${t.unpricedCalls} unpriced (model unknown)`);
  if (t.skippedFiles > 0) parts.push(`${t.skippedFiles} file${t.skippedFiles === 1 ? '' : 's'} skipped`);
  return parts.join(' · ');
}

const LEGEND = '~ estimated input tokens (Claude estimate, or placeholders of assumed size); ≈ assumed output tokens (no max_tokens set)';

export function reportAsTable(report: Report): string {
  const all = [columns as readonly string[], ...rows(report)];
  const widths = columns.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const numeric = new Set([3, 4, 5, 6]);
  const line = (r: readonly string[]) => r.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const out = [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows(report).map(line), '', summaryLine(report)];
  for (const f of report.fileFindings ?? []) out.push(`${f.severity} ${f.file}:${f.line}:${f.column} ${f.id}: ${f.message}`);
  for (const s of report.skipped) out.push(`skipped ${s.file}: ${s.reason}`);
  if (report.calls.length > 0) out.push(LEGEND);
  return `${out.join('\n')}\n`;
}

const escapeMd = (s: string) => s.replace(/\|/g, '\\|');

export function reportAsMarkdown(report: Report): string {
  const out = ['# LLM cost report', '', summaryLine(report), ''];
  if (report.calls.length > 0) {
    out.push(`| ${columns.join(' | ')} |`, `| ${columns.map((_, i) => (i >= 3 ? '---:' : '---')).join(' | ')} |`);
    for (const r of rows(report)) out.push(`| ${r.map(escapeMd).join(' | ')} |`);
    out.push('', `_${LEGEND}_`);
  }
  const models = Object.entries(report.totals.byModel).sort((a, b) => b[1].costUsd - a[1].costUsd);
  if (models.length > 0) {
    out.push('', '## By model', '', '| model | calls | $/run | $/month |', '| --- | ---: | ---: | ---: |');
    for (const [model, m] of models) out.push(`| ${escapeMd(model)} | ${m.calls} | ${formatUsd(m.costUsd)} | ${m.monthlyUsd ? formatUsd(m.monthlyUsd) : ''} |`);
  }
  if (report.fileFindings?.length) {
    out.push('', '## Findings', '');
    for (const f of report.fileFindings) out.push(`- **${f.severity}** \`${f.file}:${f.line}:${f.column}\` ${f.id}: ${escapeMd(f.message)}`);
  }
  if (report.skipped.length > 0) {
    out.push('', '## Skipped files', '');
    for (const s of report.skipped) out.push(`- \`${s.file}\`: ${s.reason}`);
  }
  return `${out.join('\n')}\n`;
}

/** SARIF 2.1.0, so CI systems can show each call's cost and each finding at its line. */
export function reportAsSarif(report: Report, toolVersion: string): string {
  const rules = new Map<string, { id: string; shortDescription: { text: string } }>();
  rules.set('llm-call-cost', { id: 'llm-call-cost', shortDescription: { text: 'Token count and cost of an LLM call' } });
  const results: unknown[] = [];
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  for (const c of report.calls) {
    const loc = [{ physicalLocation: { artifactLocation: { uri: c.file }, region: { startLine: c.line, startColumn: c.column } } }];
    const costText = c.costUsd === null ? 'cost unknown (model not priced)' : `${formatUsd(c.costUsd)}/call`;
    results.push({
      ruleId: 'llm-call-cost',
      level: 'note',
      message: { text: `${c.model ?? 'unknown model'} ${c.api}: ${tokensCell(c)} in + ${outputCell(c)} out tokens, ${costText}` },
      locations: loc,
      properties: { costUsd: c.costUsd, inputTokens: c.inputTokens, inputTokensExact: c.inputTokensExact, cell: c.cell },
    });
    for (const f of c.findings) {
      if (!rules.has(f.id)) rules.set(f.id, { id: f.id, shortDescription: { text: f.id } });
      results.push({ ruleId: f.id, level: level[f.severity], message: { text: f.message }, locations: loc });
    }
  }
  for (const f of report.fileFindings ?? []) {
    if (!rules.has(f.id)) rules.set(f.id, { id: f.id, shortDescription: { text: f.id } });
    results.push({ ruleId: f.id, level: level[f.severity], message: { text: f.message }, locations: [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line, startColumn: f.column } } }] });
  }
  return `${JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'tokenwise', version: toolVersion, rules: [...rules.values()] } }, results }],
  }, null, 2)}\n`;
}
