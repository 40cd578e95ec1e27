// The workspace report as CSV (RFC 4180): one row per call, CRLF line ends, every field that
// holds a comma, a quote or a line break quoted, quotes doubled. Spreadsheets read it as is.
import type { Report, ReportCall } from './report';

const header = [
  'file', 'cell', 'line', 'column', 'provider', 'api', 'model', 'model_source', 'input_tokens', 'input_tokens_exact',
  'output_tokens', 'output_tokens_assumed', 'cost_usd', 'calls_per_day', 'monthly_usd', 'price_source', 'price_as_of', 'findings',
] as const;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(c: ReportCall): (string | number | boolean | null | undefined)[] {
  return [
    c.file, c.cell, c.line, c.column, c.provider, c.api, c.model, c.modelSource, c.inputTokens, c.inputTokensExact,
    c.outputTokens, c.outputTokensAssumed, c.costUsd, c.callsPerDay, c.monthlyUsd, c.priceSource, c.priceAsOf,
    c.findings.map((f) => f.id).join(' '),
  ];
}

export function reportAsCsv(report: Report): string {
  const lines = [header.join(','), ...report.calls.map((c) => row(c).map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
