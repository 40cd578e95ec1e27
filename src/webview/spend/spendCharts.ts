// uPlot charts of the spend series. Colors come from the theme's chart variables, so the charts
// follow light, dark and high-contrast themes. uPlot sets sizes through the CSSOM, which the CSP
// allows (only style attributes and <style> elements need a nonce).
import uPlot from 'uplot';
import type { SpendSnapshot } from '../../core/protocol/spendMessages';
import { formatUsd } from '../../core/format/numbers';

const css = (name: string, fallback: string) => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

function theme() {
  return {
    fg: css('--vscode-foreground', '#ccc'),
    grid: css('--vscode-charts-lines', 'rgba(128,128,128,0.25)'),
    blue: css('--vscode-charts-blue', '#3794ff'),
    green: css('--vscode-charts-green', '#89d185'),
    red: css('--vscode-charts-red', '#f14c4c'),
    yellow: css('--vscode-charts-yellow', '#cca700'),
  };
}

type Series = SpendSnapshot['series'];
const bucketSeconds: Record<SpendSnapshot['granularity'], number> = { hour: 3600, day: 86_400, week: 7 * 86_400, month: 30 * 86_400 };
type ChartKind = 'spend' | 'calls';

/** A chart that redraws with new data and follows its container's width. */
export class SpendChart {
  private plot: uPlot | undefined;
  private granularity: SpendSnapshot['granularity'] | undefined;
  private readonly observer: ResizeObserver;

  constructor(readonly container: HTMLElement, private readonly kind: ChartKind, private readonly height: number) {
    this.observer = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: this.height }));
    this.observer.observe(container);
  }

  private width(): number {
    return Math.max(200, this.container.clientWidth);
  }

  update(series: Series, granularity: SpendSnapshot['granularity']): void {
    const data = this.data(series);
    if (this.plot && this.granularity === granularity) {
      this.plot.setData(data);
      return;
    }
    // The bucket size changes the bar width and axis labels: build the chart again.
    this.plot?.destroy();
    this.granularity = granularity;
    this.plot = new uPlot(this.options(granularity), data, this.container);
  }

  private data(s: Series): uPlot.AlignedData {
    return this.kind === 'spend' ? [s.start, s.costUsd, s.savingUsd] : [s.start, s.calls, s.retries, s.errors];
  }

  private options(granularity: SpendSnapshot['granularity']): uPlot.Options {
    const t = theme();
    const axis = (values?: uPlot.Axis['values']): uPlot.Axis => ({
      stroke: t.fg, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 }, ...(values ? { values } : {}),
    });
    const usd = (_: uPlot, ticks: number[]) => ticks.map((v) => formatUsd(v));
    const count = (_: uPlot, ticks: number[]) => ticks.map((v) => (Number.isInteger(v) ? String(v) : ''));
    const bars = uPlot.paths.bars?.({ size: [0.7, 60] });
    const series: uPlot.Series[] = this.kind === 'spend'
      ? [
        {},
        { label: 'Spend', stroke: t.blue, fill: `${t.blue}99`, width: 1, ...(bars ? { paths: bars } : {}), points: { show: false }, value: (_, v) => (v === null ? '' : formatUsd(v)) },
        { label: 'Saved', stroke: t.green, width: 2, points: { show: true, size: 4 }, value: (_, v) => (v === null ? '' : formatUsd(v)) },
      ]
      : [
        {},
        { label: 'Calls', stroke: t.blue, width: 2, points: { show: true, size: 4 } },
        { label: 'Retries', stroke: t.yellow, width: 2, points: { show: true, size: 4 } },
        { label: 'Errors', stroke: t.red, width: 2, points: { show: true, size: 4 } },
      ];
    return {
      width: this.width(),
      height: this.height,
      // Buckets are UTC periods, so the axis shows UTC dates whatever the machine's time zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      // Half a bucket of room on each side, so the first and last bars are not cut in half.
      scales: { x: { time: true, range: (_u, min, max) => [min - bucketSeconds[granularity] / 2, max + bucketSeconds[granularity] / 2] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [axis(), axis(this.kind === 'spend' ? usd : count)],
      series,
      cursor: { drag: { x: false, y: false } },
      legend: { show: true },
    };
  }

  dispose(): void {
    this.observer.disconnect();
    this.plot?.destroy();
  }
}
