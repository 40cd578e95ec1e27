// Starts the packaged extension (the .vsix `npm run package` built) in a real code-server
// workbench, opened on a folder in headless chromium, for the end-to-end suites.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEMO_WORKSPACE, RESULTS_DIR, VSIX, installVsix, launchBrowser, log, makeRunDirs, removeRunDirs, startCodeServer, workbenchUrl,
} from '../../scripts/lib/codeServer.mjs';

export async function startWorkbench({ label = 'e2e', folder = DEMO_WORKSPACE, settings, env } = {}) {
  assert.ok(fs.existsSync(VSIX), `${path.basename(VSIX)} is missing: run "npm run package"`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const dirs = makeRunDirs(label, settings ? { settings } : {});
  let server;
  let browser;
  try {
    await installVsix(dirs, VSIX);
    server = await startCodeServer(dirs, env ? { env } : {});
    log(`code-server up on ${server.baseUrl} (pid ${server.pid})`);
    let context;
    ({ browser, context } = await launchBrowser({ baseDir: dirs.base }));
    const page = await context.newPage();
    page.on('pageerror', (e) => log('[page error]', e.message));
    await page.goto(workbenchUrl(server, { folder }), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return {
      dirs, server, page,
      /** Stops chromium and code-server; keeps the run folder (server log) when the suite failed. */
      async stop(failed) {
        if (failed) await page.screenshot({ path: path.join(RESULTS_DIR, `${label}-failure.png`) }).catch(() => {});
        await browser.close().catch(() => {});
        await server.stop();
        removeRunDirs(dirs, failed);
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await server?.stop();
    removeRunDirs(dirs, true);
    throw error;
  }
}

/**
 * The frame of a Tokenwise webview view once it has drawn what the host sent. Webview iframes
 * are nested (outer frame, then #active-frame) and appear in no fixed order, so frames are
 * searched by the view id the HTML carries.
 */
export async function viewFrame(page, view, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let reloadAt = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const ready = await frame.evaluate((id) => document.querySelector(`#root[data-view="${id}"][data-ready="true"]`) !== null, view).catch(() => false);
      if (ready) return frame;
    }
    if (Date.now() > reloadAt) {
      // code-server's webview iframes sometimes wait forever for their service worker when two
      // start at once ("Found unexpected service worker controller"); reloading them recovers.
      log(`the ${view} view has not rendered yet: Developer: Reload Webviews`);
      await runCommand(page, 'Developer: Reload Webviews');
      reloadAt = Date.now() + 20_000;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the ${view} view did not render within ${timeoutMs / 1000} s`);
}

/** Runs a command by its title through the Command Palette. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

export async function viewText(page, view) {
  const frame = await viewFrame(page, view);
  return frame.locator('#root').innerText();
}
