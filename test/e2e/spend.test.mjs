// End to end: the Spend dashboard in the real workbench, over a ledger seeded in the extension's
// global storage (as the proxy CLI or another window would write it): charts drawn by uPlot,
// tables, budget bars, a time-range filter, and a live update when records are appended.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { QUIET_SETTINGS, RESULTS_DIR, log } from '../../scripts/lib/codeServer.mjs';
import { runCommand, startWorkbench, viewFrame } from '../support/workbench.mjs';

const T = 30_000;
const HOUR = 3_600_000;
const models = [
  ['openai', 'gpt-4o', 0.012], ['openai', 'gpt-4o-mini', 0.0008], ['anthropic', 'claude-sonnet-4-5', 0.018], ['anthropic', 'claude-haiku-4-5', 0.003],
];
const sources = [['playground', undefined], ['proxy', 'triage'], ['proxy', 'summarize'], ['proxy', undefined]];

/** About 60 days of varied traffic, deterministic: cache hits, retries, fallbacks and errors included. */
function seededLines(now) {
  const lines = [];
  let n = 0;
  for (let h = 60 * 24; h >= 1; h--) {
    const calls = 1 + ((h * 7) % 5) + (h < 14 * 24 ? 2 : 0);
    for (let c = 0; c < calls; c++) {
      n++;
      const [provider, model, cost] = models[n % models.length];
      const [source, tag] = sources[(n >> 1) % sources.length];
      const base = {
        v: 1, time: new Date(now - h * HOUR + c * 1000).toISOString(), callId: `seed-${n}`, source, ...(tag ? { tag } : {}), workspace: 'seeded',
        provider, model, api: provider === 'openai' ? 'chat' : 'messages', attempt: 1, inputTokens: 1200, cachedInputTokens: n % 3 === 0 ? 800 : 0,
        cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 300, costUsd: cost, latencyMs: 700, cacheHit: false, savingUsd: 0,
      };
      if (n % 6 === 0) lines.push({ ...base, attempt: 0, cacheHit: true, costUsd: 0, savingUsd: cost, latencyMs: 2 });
      else if (n % 17 === 0) {
        lines.push({ ...base, costUsd: 0, errorCode: 'http_529' }, { ...base, attempt: 2, costUsd: 0, errorCode: 'http_529' },
          { ...base, attempt: 3, model: 'claude-haiku-4-5', fallbackFrom: `${provider}:${model}` });
      } else if (n % 11 === 0) lines.push({ ...base, costUsd: 0, errorCode: 'http_429' }, { ...base, attempt: 2 });
      else lines.push(base);
    }
  }
  return lines.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

async function shot(name) {
  const png = path.join(RESULTS_DIR, name);
  await page.screenshot({ path: png });
  assert.ok(fs.statSync(png).size > 20_000, `${name} written`);
  log('screenshot', path.relative(process.cwd(), png));
}

async function paintedPixels(frame, selector) {
  return frame.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  }, selector);
}

let page;

describe('the Spend dashboard in the workbench', function () {
  let workbench, ledgerDir;
  let failed = false;

  before(async function () {
    workbench = await startWorkbench({
      label: 'e2e-spend',
      settings: { ...QUIET_SETTINGS, 'tokenwise.budget.dailyUsd': 1, 'tokenwise.budget.monthlyUsd': 25 },
    });
    page = workbench.page;
    // The extension's global storage in code-server; the extension reads it on activation and
    // watches it afterwards, so seeding now works either way.
    ledgerDir = path.join(workbench.dirs.userData, 'User', 'globalStorage', 'tokenwise.tokenwise', 'ledger');
    fs.mkdirSync(ledgerDir, { recursive: true });
    fs.writeFileSync(path.join(ledgerDir, 'ledger.jsonl'), seededLines(Date.now()));
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async function () {
    await workbench?.stop(failed);
  });

  it('draws spend over time, tables and budget bars from the ledger, and follows the ledger as it grows', async function () {
    // Opening the Tokenwise container activates the extension (its commands are in the palette
    // once the extension host is up); the Playground loads first, so the dashboard's webview does
    // not race it for code-server's service worker (docs/decisions.md).
    await page.locator('.activitybar .action-item a[aria-label^="Tokenwise"]').click();
    await viewFrame(page, 'playground');
    await runCommand(page, 'Tokenwise: Open Spend Dashboard');
    const frame = await viewFrame(page, 'spend');
    await frame.locator('#root[data-surface="panel"] .spend-chart canvas').waitFor({ timeout: T });
    await frame.locator('.calls-chart canvas').waitFor({ timeout: T });
    // uPlot draws after layout; wait until both canvases hold pixels.
    await frame.waitForFunction(() => document.querySelectorAll('.uplot canvas').length >= 2, undefined, { timeout: T });
    for (const chart of ['.spend-chart canvas', '.calls-chart canvas']) {
      let painted = 0;
      for (let i = 0; i < 40 && painted < 500; i++) {
        painted = await paintedPixels(frame, chart);
        if (painted < 500) await new Promise((r) => setTimeout(r, 250));
      }
      assert.ok(painted >= 500, `${chart} is drawn (${painted} painted pixels)`);
    }
    const text = await frame.locator('#root').innerText();
    for (const expected of ['Spend', 'Cache hit rate', 'Saved by response cache', 'Saved by prompt caching', 'Retries', 'Fallbacks', 'Errors',
      'gpt-4o', 'claude-sonnet-4-5', 'proxy', 'triage', 'http_529', 'Daily budget', 'Monthly budget']) {
      assert.ok(text.includes(expected), `the dashboard shows "${expected}"`);
    }
    assert.equal(await frame.locator('.ranges button[aria-pressed="true"]').innerText(), '30d');

    // The range filter goes to the host and comes back as a new snapshot.
    const spendTile = frame.locator('.tile', { hasText: /^\s*\$[\d.,]+\s*Spend\s*$/ }).locator('.value');
    const monthSpend = await spendTile.innerText();
    await frame.locator('.ranges button[data-range="7d"]').click();
    await frame.locator('.ranges button[data-range="7d"][aria-pressed="true"]').waitFor({ timeout: T });
    await frame.waitForFunction((before) => document.querySelector('.tile .value')?.textContent !== before, monthSpend, { timeout: T });
    const weekSpend = await spendTile.innerText();
    log(`spend: 30 days ${monthSpend}, 7 days ${weekSpend}`);

    // Records appended by another process show up without a reload.
    const now = new Date().toISOString();
    const big = { v: 1, time: now, callId: 'live', source: 'proxy', tag: 'live-update', provider: 'openai', model: 'gpt-4o', api: 'chat', attempt: 1,
      inputTokens: 1, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 1, costUsd: 0.75, latencyMs: 1, cacheHit: false, savingUsd: 0 };
    fs.appendFileSync(path.join(ledgerDir, 'ledger.jsonl'), `${JSON.stringify(big)}\n`);
    await frame.locator('td.key', { hasText: 'live-update' }).waitFor({ timeout: T });
    assert.notEqual(await spendTile.innerText(), weekSpend);

    await frame.locator('.ranges button[data-range="30d"]').click();
    await frame.locator('.ranges button[data-range="30d"][aria-pressed="true"]').waitFor({ timeout: T });
  });

  it('shows spend against the budget in the status bar, and alerts when a threshold is crossed', async function () {
    const item = page.locator('.statusbar-item', { hasText: /\$[\d.,]+ \/ \$1\.00 today/ });
    await item.waitFor({ timeout: T });
    log('status bar:', await item.innerText());
    // The live record alone is 75% of the daily cap.
    const toast = page.locator('.notification-toast', { hasText: /of the daily budget used/ });
    await toast.first().waitFor({ timeout: T });
    assert.match(await toast.first().innerText(), /Open Dashboard/);
    await shot('spend-alert.png');
  });

  it('shows the compact Spend view in the sidebar next to the dashboard', async function () {
    await runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.part.sidebar .pane-header', { hasText: /playground/i }).click(); // collapse, to make room
    await page.locator('.part.sidebar .pane-header', { hasText: /spend/i }).click();
    const deadline = Date.now() + 90_000;
    let sidebar;
    while (!sidebar && Date.now() < deadline) {
      for (const f of page.frames()) {
        if (await f.evaluate(() => document.querySelector('#root[data-surface="sidebar"] .spend-chart canvas') !== null).catch(() => false)) sidebar = f;
      }
      if (!sidebar) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(sidebar, 'the sidebar Spend view drew its chart');
    const text = await sidebar.locator('#root').innerText();
    assert.match(text, /Open Dashboard/);
    assert.match(text, /By model/);
    await new Promise((r) => setTimeout(r, 500));
    await shot('spend-dashboard.png');
  });
});
