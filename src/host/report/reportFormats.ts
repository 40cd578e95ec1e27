import { reportAsCsv } from '../../core/analysis/reportCsv';
import { reportAsMarkdown, reportAsSarif, type Report } from '../../core/analysis/report';
import type { ExportFormat } from '../../core/protocol/reportMessages';

export const formatExtensions: Record<ExportFormat, string> = { csv: 'csv', json: 'json', markdown: 'md', sarif: 'sarif' };
export const formatLabels: Record<ExportFormat, string> = { csv: 'CSV', json: 'JSON', markdown: 'Markdown', sarif: 'SARIF' };

export function renderReport(report: Report, format: ExportFormat, toolVersion: string): string {
  switch (format) {
    case 'csv': return reportAsCsv(report);
    case 'json': return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown': return reportAsMarkdown(report);
    case 'sarif': return reportAsSarif(report, toolVersion);
  }
}
