// The spend features in the real extension host: a ledger seeded in the extension's global
// storage (as the proxy CLI or another window would append to it), budget settings, the status
// bar item, threshold alerts, export, and the dashboard panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readLedger, type LedgerRecord } from '../../src/core/storage/ledger';
import type { TokenwiseApi } from '../../src/host/api';
import { extension, waitFor } from './helpers';

const config = () => vscode.workspace.getConfiguration('tokenwise');
const settingKeys = ['budget.dailyUsd', 'budget.monthlyUsd', 'budget.alertThresholds', 'budget.hardStop', 'spend.showStatusBar'];

function record(costUsd: number, overrides: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    v: 1, time: new Date().toISOString(), callId: `itest-${Math.random()}`, source: 'proxy', tag: 'itest, "seeded"', provider: 'openai', model: 'gpt-4o',
    api: 'chat', attempt: 1, inputTokens: 1000, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 100, costUsd,
    latencyMs: 12, cacheHit: false, savingUsd: 0, ...overrides,
  };
}

describe('spend dashboard, budgets and alerts', () => {
  let api: TokenwiseApi;
  let ledgerFile: string;
  let baselineUsd = 0;
  const append = (...records: LedgerRecord[]) => fs.appendFileSync(ledgerFile, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const newAlerts = (before: number) => api.spend.alertsShown().slice(before);

  before(async () => {
    api = await extension().activate();
    fs.mkdirSync(api.spend.ledgerDir, { recursive: true });
    ledgerFile = path.join(api.spend.ledgerDir, 'ledger.jsonl');
    // Other suites in this window may have run calls today: the expectations add to what is there.
    const today = new Date().toISOString().slice(0, 10);
    for await (const r of readLedger(api.spend.ledgerDir)) if (r.time.startsWith(today)) baselineUsd += r.costUsd ?? 0;
    assert.ok(baselineUsd < 1, `today's spend before the test is small (${baselineUsd})`);
  });

  after(async () => {
    for (const key of settingKeys) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows today\'s spend against the daily cap in the status bar, read from a ledger other processes append to', async () => {
    append(record(2), record(2), record(2 - baselineUsd), record(50, { time: '2020-01-01T00:00:00.000Z' }), { v: 1, time: 'torn' } as unknown as LedgerRecord);
    fs.appendFileSync(ledgerFile, '{"v":1,"time":"2026-11-2\n');
    await waitFor('the status bar to show today\'s spend', () => /^\$\(graph\) \$6\.00 today$/.test(api.spend.statusBarText() ?? ''), 10_000);
    await config().update('budget.dailyUsd', 10, vscode.ConfigurationTarget.Global);
    await waitFor('the status bar to show the daily cap', () => api.spend.statusBarText() === '$(graph) $6.00 / $10.00 today');
    await config().update('spend.showStatusBar', false, vscode.ConfigurationTarget.Global);
    await waitFor('the status bar item to hide', () => api.spend.statusBarText() === undefined);
    await config().update('spend.showStatusBar', undefined, vscode.ConfigurationTarget.Global);
  });

  it('alerts once per threshold, and at 100% says whether calls are blocked', async () => {
    await waitFor('the 50% alert', () => api.spend.alertsShown().some((m) => /60% of the daily budget used .*alert at 50%/.test(m)));
    let seen = api.spend.alertsShown().length;
    append(record(2.5));
    await api.spend.refresh();
    await waitFor('the 80% alert', () => newAlerts(seen).length === 1);
    assert.match(newAlerts(seen)[0] as string, /85% of the daily budget used/);
    seen = api.spend.alertsShown().length;
    append(record(0.01));
    await api.spend.refresh();
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(newAlerts(seen), [], 'no alert again for a threshold already announced');
    append(record(2));
    await api.spend.refresh();
    await waitFor('the 100% alert', () => newAlerts(seen).length === 1);
    assert.match(newAlerts(seen)[0] as string, /105% of the daily budget used .*New Playground and proxy calls are blocked until UTC midnight/);
    // A settings change re-checks, and must not announce anything again.
    seen = api.spend.alertsShown().length;
    await config().update('budget.hardStop', false, vscode.ConfigurationTarget.Global);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(newAlerts(seen), []);
    assert.equal(api.spend.statusBarText(), '$(graph) $10.51 / $10.00 today');
  });

  it('Export Spend writes CSV and JSON to a given file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-spend-export-'));
    try {
      const csv = await vscode.commands.executeCommand<vscode.Uri>('tokenwise.exportSpend', vscode.Uri.file(path.join(dir, 'spend.csv')), undefined, 'all');
      assert.ok(csv);
      const text = fs.readFileSync(csv.fsPath, 'utf8');
      assert.match(text, /^kind,key,from,to,cost_usd,calls,attempts,errors,saving_usd,retries\r\n/);
      assert.match(text, /\r\ntag,"itest, ""seeded""",,,[\d.]+,7,7,0,,\r\n/);
      assert.match(text, /\r\nmonth,2020-01-01,/);
      const json = await vscode.commands.executeCommand<vscode.Uri>('tokenwise.exportSpend', vscode.Uri.file(path.join(dir, 'spend.json')), 'json', '7d');
      assert.ok(json);
      const parsed = JSON.parse(fs.readFileSync(json.fsPath, 'utf8')) as { tool: string; query: { range: string }; totals: { costUsd: number }; skippedLines: number };
      assert.equal(parsed.tool, 'tokenwise');
      assert.equal(parsed.query.range, '7d');
      assert.equal(parsed.totals.costUsd.toFixed(2), (10.51 + 0).toFixed(2));
      assert.ok(parsed.skippedLines >= 2, 'torn lines are counted, not fatal');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Open Spend Dashboard opens the dashboard in an editor tab', async () => {
    await vscode.commands.executeCommand('tokenwise.openSpendDashboard');
    await waitFor('the dashboard panel', () => api.spend.dashboardOpen());
    await waitFor('the dashboard tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .some((t) => t.label === 'Tokenwise Spend' && t.input instanceof vscode.TabInputWebview));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
