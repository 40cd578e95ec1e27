// End to end: the cost CodeLens in the real workbench (packaged extension, Restricted Mode),
// clicking it opens the Compare Models picker, choosing a model rewrites the source; and the
// Analyze Workspace report renders in its webview. The workbench opens a copy of the demo
// workspace, so an edit that reaches the disk can never change the fixture.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { DEMO_WORKSPACE, RESULTS_DIR, log } from '../../scripts/lib/codeServer.mjs';
import { runCommand, startWorkbench } from '../support/workbench.mjs';

const T = 60_000;
const LENS = /^~?\d[\d,]* in \+ ≈?\d[\d,]* out tok · \$0\.\d+\/call · gpt-4o · \$\d[\d,.]*\/mo$/;

async function shot(page, name) {
  const png = path.join(RESULTS_DIR, name);
  await page.screenshot({ path: png });
  assert.ok(fs.statSync(png).size > 10_000, `${name} written`);
  log('screenshot', path.relative(process.cwd(), png));
}

/** Waits until the editor shows `text` (monaco draws spaces as no-break spaces). */
async function waitForEditorText(page, text) {
  await page.waitForFunction((t) => document.querySelector('.monaco-editor .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes(t), text, { timeout: T });
}

/** The editor's text as rendered (monaco draws spaces as no-break spaces). */
async function editorText(page) {
  return (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

describe('the cost CodeLens in the workbench', function () {
  let workbench, page, folder;
  let failed = false;

  before(async function () {
    folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-e2e-ws-')), 'demo-workspace');
    fs.cpSync(DEMO_WORKSPACE, folder, { recursive: true });
    workbench = await startWorkbench({ label: 'e2e-codelens', folder });
    page = workbench.page;
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async function () {
    await workbench?.stop(failed);
    if (folder) fs.rmSync(path.dirname(folder), { recursive: true, force: true });
  });

  it('shows the cost of each call above it in src/supportBot.ts', async function () {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: T });
    await input.fill('supportBot.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'supportBot.ts' }).first().waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    // The workbench redraws the lenses whenever the extension reports new ones (the first analysis,
    // then the one after the parsers load): read them once the cost lens is there.
    let texts = [];
    const deadline = Date.now() + T;
    do {
      texts = (await page.locator('.monaco-editor .codelens-decoration a').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim());
      if (LENS.test(texts[0] ?? '')) break;
      await page.waitForTimeout(100);
    } while (Date.now() < deadline);
    log('lenses', JSON.stringify(texts));
    assert.match(texts[0] ?? '', LENS);
    assert.equal(texts[1], '▶ Run in Playground');
    assert.ok(texts.some((t) => /· gpt-4o-mini$/.test(t)), 'the second call has its lens too');
    // The status bar sums the file's calls.
    await page.locator('.statusbar-item', { hasText: /2 LLM calls · ~?\d[\d,]* in tok · \$0\.\d+\/run/ }).first().waitFor({ timeout: T });
    await shot(page, 'codelens.png');
  });

  it('hovers the breakdown of a call', async function () {
    const line = page.locator('.monaco-editor .view-lines .view-line').filter({ hasText: 'const completion' }).first();
    await line.locator('span span', { hasText: /^create$/ }).first().hover();
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Cost of one call' }).first();
    await hover.waitFor({ timeout: T });
    const text = await hover.innerText();
    assert.match(text, /message 1 \(system\)/);
    assert.match(text, /Context window:/);
    assert.match(text, /Price source:/);
    await shot(page, 'hover.png');
    await page.keyboard.press('Escape');
  });

  it('opens the compare picker from the lens and writes the chosen model into the source', async function () {
    await page.locator('.monaco-editor .codelens-decoration a').first().click();
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: /Compare models for chat\.completions\.create on line \d+ \(the model comes from the constant on line 4\)/ }).waitFor({ timeout: T });
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'gpt-4.1-mini' }).first().waitFor({ timeout: T });
    const rows = await widget.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => /gpt-4o\b/.test(r) && /\/call/.test(r)), 'the current model is listed with its cost');
    await shot(page, 'compare.png');
    await widget.locator('input').fill('gpt-4.1-mini');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'gpt-4.1-mini' }).first().click();
    await waitForEditorText(page, "const MODEL = 'gpt-4.1-mini';");
    assert.match(await editorText(page), /const MODEL = 'gpt-4\.1-mini';/);
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: /· gpt-4\.1-mini ·/ }).first().waitFor({ timeout: T });
    await shot(page, 'compare-applied.png');
    // One undo restores the file: the rewrite is a single edit.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Z');
    await waitForEditorText(page, "const MODEL = 'gpt-4o';");
    assert.match(await editorText(page), /const MODEL = 'gpt-4o';/);
  });

  it('renders the workspace report in its webview', async function () {
    await runCommand(page, 'Tokenwise: Analyze Workspace');
    const deadline = Date.now() + T;
    let frame;
    while (!frame && Date.now() < deadline) {
      for (const f of page.frames()) {
        if (await f.evaluate(() => document.querySelector('#root[data-ready="true"] h2')?.textContent === 'LLM cost report').catch(() => false)) frame = f;
      }
      if (!frame) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(frame, 'the report rendered');
    const text = await frame.locator('#root').innerText();
    assert.match(text, /\d+ calls in \d+ files/);
    assert.match(text, /src\/supportBot\.ts:\d+/);
    assert.match(text, /notebooks\/eval\.ipynb#cell2:\d+/);
    assert.match(text, /By model/);
    await shot(page, 'report.png');
    // A call in the report opens its file at its line.
    await frame.locator('a', { hasText: /^app\/research_agent\.py:\d+$/ }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'research_agent.py' }).waitFor({ timeout: T });
  });
});
