// Browser entry of the Analyze Workspace report. Every message from the host is checked with
// zod, and every message to it is checked before it is sent; all text is set as text, never HTML.
import { formatTokens, formatUsd } from '../../core/format/numbers';
import { hostToReportSchema, reportToHostSchema, type ExportFormat, type HostToReport, type ReportToHost } from '../../core/protocol/reportMessages';
import { el } from '../dom';

interface VsCodeApi {
  postMessage(message: ReportToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

type ReportData = Extract<HostToReport, { type: 'report' }>['report'];
type Call = ReportData['calls'][number];

const root = document.getElementById('root') as HTMLElement;

function send(message: ReportToHost): void {
  if (reportToHostSchema.safeParse(message).success) vscode.postMessage(message);
}

function table(headers: readonly string[], numeric: ReadonlySet<number>, rows: readonly (string | HTMLElement)[][]): HTMLTableElement {
  const t = el('table');
  const head = el('tr');
  headers.forEach((h, i) => head.append(el('th', h, numeric.has(i) ? 'num' : undefined)));
  t.append(head);
  for (const r of rows) {
    const tr = el('tr');
    r.forEach((cell, i) => {
      const td = el('td', undefined, numeric.has(i) ? 'num' : undefined);
      td.append(cell);
      tr.append(td);
    });
    t.append(tr);
  }
  return t;
}

const location = (c: Call) => `${c.file}${c.cell === undefined ? '' : `#cell${c.cell}`}:${c.line}`;
const cost = (v: number | null) => (v === null ? '?' : formatUsd(v));

function callLink(c: Call): HTMLElement {
  const a = el('a', location(c));
  a.title = 'Open at this line';
  a.addEventListener('click', () => send({ type: 'openCall', file: c.file, line: c.line, column: c.column, ...(c.cell === undefined ? {} : { cell: c.cell }) }));
  return a;
}

function render(report: ReportData, generatedAt: string): void {
  const t = report.totals;
  const children: HTMLElement[] = [];
  children.push(el('h2', 'LLM cost report'));
  const summary = [`${t.calls} calls in ${report.files} files`, `${formatUsd(t.costUsd)} for one run of each`];
  if (t.monthlyUsd > 0) summary.push(`${formatUsd(t.monthlyUsd)}/month projected`);
  if (t.unpricedCalls > 0) summary.push(`${t.unpricedCalls} unpriced`);
  if (t.skippedFiles > 0) summary.push(`${t.skippedFiles} skipped`);
  children.push(el('p', summary.join(' · '), 'totals'));
  children.push(el('p', `Generated ${new Date(generatedAt).toLocaleString()}. ~ estimated input tokens; ≈ assumed output tokens.`, 'muted'));

  const buttons = el('div', undefined, 'row');
  for (const [format, label] of [['csv', 'Export CSV'], ['json', 'Export JSON'], ['markdown', 'Export Markdown']] as [ExportFormat, string][]) {
    const b = el('button', label);
    b.dataset.format = format;
    b.addEventListener('click', () => send({ type: 'export', format }));
    buttons.append(b);
  }
  children.push(buttons);

  children.push(el('h3', 'Calls by cost'));
  const calls = [...report.calls].sort((a, b) => (b.costUsd ?? -1) - (a.costUsd ?? -1) || a.file.localeCompare(b.file) || a.line - b.line);
  children.push(table(['call', 'model', 'api', 'in tok', 'out tok', '$/call', '$/month'], new Set([3, 4, 5, 6]), calls.map((c) => [
    callLink(c), c.model ?? `? (${c.modelSource})`, c.api,
    `${c.inputTokensExact ? '' : '~'}${formatTokens(c.inputTokens)}`, `${c.outputTokensAssumed ? '≈' : ''}${formatTokens(c.outputTokens)}`,
    cost(c.costUsd), c.monthlyUsd === null ? '' : formatUsd(c.monthlyUsd),
  ])));

  children.push(el('h3', 'By model'));
  const models = Object.entries(t.byModel).sort((a, b) => b[1].costUsd - a[1].costUsd);
  children.push(table(['model', 'calls', '$/run', '$/month'], new Set([1, 2, 3]), models.map(([m, v]) => [m, String(v.calls), formatUsd(v.costUsd), v.monthlyUsd ? formatUsd(v.monthlyUsd) : ''])));

  children.push(el('h3', 'By file'));
  const files = new Map<string, { calls: number; costUsd: number; monthlyUsd: number }>();
  for (const c of report.calls) {
    const f = files.get(c.file) ?? { calls: 0, costUsd: 0, monthlyUsd: 0 };
    f.calls += 1;
    f.costUsd += c.costUsd ?? 0;
    f.monthlyUsd += c.monthlyUsd ?? 0;
    files.set(c.file, f);
  }
  children.push(table(['file', 'calls', '$/run', '$/month'], new Set([1, 2, 3]), [...files].sort((a, b) => b[1].costUsd - a[1].costUsd)
    .map(([f, v]) => [f, String(v.calls), formatUsd(v.costUsd), v.monthlyUsd ? formatUsd(v.monthlyUsd) : ''])));

  if (report.skipped.length > 0) {
    children.push(el('h3', 'Skipped files'));
    children.push(table(['file', 'reason'], new Set(), report.skipped.map((s) => [s.file, s.reason])));
  }
  root.replaceChildren(...children);
  root.dataset.ready = 'true';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = hostToReportSchema.safeParse(event.data);
  if (!parsed.success) {
    root.prepend(el('p', `Tokenwise ignored a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'}).`, 'warn'));
    return;
  }
  const message = parsed.data;
  if (message.type === 'report') render(message.report, message.generatedAt);
  else root.append(el('p', `Exported ${message.format.toUpperCase()} to ${message.path}.`, 'ok'));
});

send({ type: 'ready' });
