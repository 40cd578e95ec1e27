// The Spend view (sidebar) and dashboard (editor panel): one page, drawn from the host's
// snapshot (totals, bucketed series, top-N tables). The host says which surface this is; the
// sidebar gets a compact layout with a button to the full dashboard.
import uplotCss from 'uplot/dist/uPlot.min.css';
import type { z } from 'zod';
import { formatTokens, formatUsd } from '../../core/format/numbers';
import type { SpendBucket, SpendRange, SpendRow, SpendSnapshot, SpendSurface, SpendToHost, SpendToWebview } from '../../core/protocol/spendMessages';
import { spendRanges, spendToWebviewSchema } from '../../core/protocol/spendMessages';
import type { HostToWebview, statusSchema } from '../../core/protocol/webviewMessages';
import { button, el } from '../dom';
import { vscode } from '../vscodeApi';
import { SpendChart } from './spendCharts';
import spendCss from './spend.css';

export function isSpendMessage(message: HostToWebview): message is SpendToWebview {
  return message.type === 'spendSnapshot' || message.type === 'spendExported';
}

function adoptStyles(): void {
  const sheets = [uplotCss, spendCss].map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets];
}

const rangeLabels: Record<SpendRange, string> = { '24h': '24h', '7d': '7d', '30d': '30d', '90d': '90d', all: 'All' };
const bucketLabels: Record<SpendBucket, string> = { auto: 'Auto', hour: 'Hour', day: 'Day', week: 'Week', month: 'Month' };
const tableTitles = { provider: 'By provider', model: 'By model', source: 'By source', tag: 'By tag', error: 'Errors' } as const;
const percent = (f: number) => `${(f * 100).toFixed(f > 0 && f < 0.1 ? 1 : 0)}%`;

function send(message: SpendToHost): void {
  vscode.postMessage(message);
}

export class SpendView {
  private snapshot: SpendSnapshot | undefined;
  private surface: SpendSurface = 'sidebar';
  private status: z.infer<typeof statusSchema> | undefined;
  private exported: string | undefined;
  private readonly spendChart: SpendChart;
  private readonly callsChart: SpendChart;
  private readonly spendBox = el('div', undefined, 'chart spend-chart');
  private readonly callsBox = el('div', undefined, 'chart calls-chart');

  constructor(private readonly root: HTMLElement) {
    adoptStyles();
    this.spendChart = new SpendChart(this.spendBox, 'spend', 200);
    this.callsChart = new SpendChart(this.callsBox, 'calls', 160);
    // A reopened view draws its last snapshot at once, then the fresh one when the host sends it.
    const saved = spendToWebviewSchema.safeParse(vscode.getState());
    if (saved.success && saved.data.type === 'spendSnapshot') this.handle(saved.data);
  }

  setStatus(message: z.infer<typeof statusSchema>): void {
    this.status = message;
    if (!this.snapshot) this.render();
  }

  handle(message: SpendToWebview): void {
    if (message.type === 'spendSnapshot') {
      this.snapshot = message.snapshot;
      this.surface = message.surface;
      vscode.setState(message);
    } else {
      this.exported = `Exported ${message.format.toUpperCase()} to ${message.path}.`;
    }
    this.render();
  }

  private render(): void {
    const s = this.snapshot;
    const page = el('div', undefined, `spend ${this.surface}`);
    this.root.dataset.surface = this.surface;
    if (!s) {
      // Until the first snapshot the view can only say what the host's status says.
      if (this.status) page.append(el('p', `Tokenwise ${this.status.version}`, 'muted'), ...this.status.lines.map((l) => el('p', l)));
      this.root.replaceChildren(page);
      return;
    }
    const panel = this.surface === 'panel';
    if (panel) page.append(el('h2', 'Tokenwise spend'));
    else if (this.status) page.append(el('p', `Tokenwise ${this.status.version}`, 'muted'));
    if (s.empty) {
      // Nothing to filter or export yet: say how to get data first.
      page.append(this.emptyState());
      if (s.budget.caps.length > 0) page.append(this.budget(s));
      this.root.replaceChildren(page);
      return;
    }
    page.append(this.toolbar(s, panel));
    if (s.budget.caps.length > 0) page.append(this.budget(s));
    page.append(this.tiles(s, panel));
    page.append(el('h3', `Spend and savings per ${s.granularity} (UTC)`), this.spendBox);
    if (panel) page.append(el('h3', `Calls, retries and errors per ${s.granularity}`), this.callsBox);
    const tables = el('div', undefined, 'tables');
    for (const id of panel ? (['provider', 'model', 'source', 'tag', 'error'] as const) : (['model', 'source'] as const)) {
      if (s.tables[id].length > 0) tables.append(this.table(tableTitles[id], s.tables[id], id === 'error'));
    }
    page.append(tables);
    if (this.exported) page.append(el('p', this.exported, 'ok'));
    if (panel) {
      const notes = el('ul', undefined, 'notes');
      for (const n of s.notes) notes.append(el('li', n));
      page.append(notes);
    }
    this.root.replaceChildren(page);
    // Charts are drawn once their box is in the page (uPlot measures it).
    this.spendChart.update(s.series, s.granularity);
    if (panel) this.callsChart.update(s.series, s.granularity);
  }

  private toolbar(s: SpendSnapshot, panel: boolean): HTMLElement {
    const bar = el('div', undefined, 'toolbar');
    const ranges = el('div', undefined, 'ranges');
    ranges.setAttribute('role', 'group');
    ranges.setAttribute('aria-label', 'Time range');
    for (const range of spendRanges) {
      const b = el('button', rangeLabels[range]);
      b.dataset.range = range;
      b.setAttribute('aria-pressed', String(s.query.range === range));
      b.addEventListener('click', () => send({ type: 'spendQuery', query: { ...s.query, range } }));
      ranges.append(b);
    }
    bar.append(ranges);
    if (panel) {
      const select = el('select');
      select.id = 'bucket';
      select.setAttribute('aria-label', 'Bucket size');
      for (const [value, label] of Object.entries(bucketLabels) as [SpendBucket, string][]) {
        const option = el('option', value === 'auto' ? `Auto (${s.granularity})` : label);
        option.value = value;
        option.selected = s.query.bucket === value;
        select.append(option);
      }
      select.addEventListener('change', () => send({ type: 'spendQuery', query: { ...s.query, bucket: select.value as SpendBucket } }));
      bar.append(select, el('span', undefined, 'spacer'),
        button('Export CSV', () => send({ type: 'spendExport', format: 'csv' }), { secondary: true, id: 'export-csv' }),
        button('Export JSON', () => send({ type: 'spendExport', format: 'json' }), { secondary: true, id: 'export-json' }),
        button('Budget Settings', () => send({ type: 'spendAction', action: 'openSettings' }), { secondary: true }));
    } else {
      bar.append(el('span', undefined, 'spacer'), button('Open Dashboard', () => send({ type: 'spendAction', action: 'openDashboard' }), { id: 'open-dashboard' }));
    }
    return bar;
  }

  private budget(s: SpendSnapshot): HTMLElement {
    const box = el('div', undefined, 'budget');
    for (const cap of s.budget.caps) {
      const level = cap.fraction >= 1 ? 'error' : cap.fraction >= 0.8 ? 'warning' : '';
      box.append(el('div', `${cap.label[0]?.toUpperCase()}${cap.label.slice(1)}: ${formatUsd(cap.spentUsd)} of ${formatUsd(cap.capUsd)} (${percent(cap.fraction)})`));
      const track = el('div', undefined, 'track');
      const fill = el('div', undefined, `fill ${level}`);
      fill.style.width = `${Math.min(100, cap.fraction * 100)}%`;
      track.append(fill);
      box.append(track);
    }
    if (s.budget.caps.some((c) => c.fraction >= 1)) {
      box.append(el('p', s.budget.hardStop ? 'A cap is reached: new calls are blocked.' : 'A cap is reached: calls are only warned about (hard stop is off).', 'warn'));
    }
    return box;
  }

  private emptyState(): HTMLElement {
    const box = el('div', undefined, 'empty');
    box.append(
      el('p', 'No spend recorded yet.'),
      el('p', 'Run a prompt in the Playground, or send requests through the local proxy: each call\'s tokens, cost and cache savings show up here.', 'muted'),
      button('Open Playground', () => send({ type: 'spendAction', action: 'openPlayground' }), { id: 'open-playground' }),
    );
    return box;
  }

  private tiles(s: SpendSnapshot, panel: boolean): HTMLElement {
    const t = s.totals;
    const box = el('div', undefined, 'tiles');
    const tile = (label: string, value: string, title?: string) => {
      const d = el('div', undefined, 'tile');
      if (title) d.title = title;
      d.append(el('div', value, 'value'), el('div', label, 'label'));
      box.append(d);
    };
    tile('Spend', formatUsd(t.costUsd), t.unpriced > 0 ? `${t.unpriced} attempts without a known price are not included` : undefined);
    tile('Calls', formatTokens(t.calls), `${formatTokens(t.attempts)} attempts`);
    tile('Cache hit rate', percent(t.cacheHitRate), `${formatTokens(t.cacheHits)} of ${formatTokens(t.calls)} calls answered from the response cache`);
    tile('Saved by response cache', formatUsd(t.cacheSavingUsd));
    tile('Saved by prompt caching', formatUsd(t.promptCacheSavingUsd), `${formatTokens(t.cachedInputTokens)} cached input tokens`);
    if (panel) {
      tile('Retries', formatTokens(t.retries));
      tile('Fallbacks', formatTokens(t.fallbacks));
    }
    tile('Errors', formatTokens(t.errors));
    return box;
  }

  private table(title: string, rows: SpendRow[], errors: boolean): HTMLElement {
    const box = el('div');
    const t = el('table');
    const head = el('tr');
    for (const [h, cls] of [[title, ''], [errors ? 'count' : 'spend', 'num'], ['', ''], [errors ? 'spend' : 'calls', 'num']] as const) head.append(el('th', h, cls || undefined));
    t.append(head);
    for (const r of rows) {
      const tr = el('tr');
      const bar = el('div', undefined, 'bar');
      bar.style.width = `${Math.round(r.share * 100)}%`;
      const barCell = el('td', undefined, 'share');
      barCell.append(bar);
      tr.append(el('td', r.key, 'key'), el('td', errors ? formatTokens(r.errors) : formatUsd(r.costUsd), 'num'), barCell,
        el('td', errors ? formatUsd(r.costUsd) : formatTokens(r.calls), 'num'));
      t.append(tr);
    }
    box.append(t);
    return box;
  }
}
