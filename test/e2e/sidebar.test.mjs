// End to end in the real workbench: the packaged extension (the .vsix that `npm run package`
// built) installed into code-server, driven in headless Debian chromium by playwright-core.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEMO_WORKSPACE, EXTENSION_ID, PKG, RESULTS_DIR, VSIX, installVsix, launchBrowser, log, makeRunDirs, removeRunDirs,
  startCodeServer, workbenchUrl,
} from '../../scripts/lib/codeServer.mjs';
import { zipEntries } from '../support/zipEntries.mjs';

const T = 30_000;

describe('the packaged extension in the workbench', function () {
  let dirs, server, browser, page;
  let failed = false;

  before(async function () {
    assert.ok(fs.existsSync(VSIX), `${path.basename(VSIX)} is missing: run "npm run package"`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    dirs = makeRunDirs('e2e');
    await installVsix(dirs, VSIX);
    server = await startCodeServer(dirs);
    log(`code-server up on ${server.baseUrl} (pid ${server.pid})`);
    let context;
    ({ browser, context } = await launchBrowser({ baseDir: dirs.base }));
    page = await context.newPage();
    page.on('pageerror', (e) => log('[page error]', e.message));
    await page.goto(workbenchUrl(server, { folder: DEMO_WORKSPACE }), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async function () {
    if (failed && page) await page.screenshot({ path: path.join(RESULTS_DIR, 'e2e-failure.png') }).catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    if (dirs) removeRunDirs(dirs, failed);
  });

  it('the vsix holds only dist/, media/ and the package documents', function () {
    const allowed = /^extension\/(dist\/.+|media\/.+|package\.json|README\.md|LICENSE(\.txt)?|CHANGELOG\.md)$/i; // vsce lower-cases readme.md and changelog.md
    const vsixMeta = new Set(['extension.vsixmanifest', '[Content_Types].xml']);
    const entries = zipEntries(VSIX);
    const stray = entries.filter((e) => !vsixMeta.has(e) && !allowed.test(e));
    assert.deepEqual(stray, [], `unexpected files in the vsix: ${stray.join(', ')}`);
    for (const needed of ['extension/dist/extension.js', 'extension/dist/webview.js', 'extension/dist/cli.js', 'extension/package.json', 'extension/media/icon.png']) {
      assert.ok(entries.includes(needed), `${needed} is missing from the vsix`);
    }
    assert.ok(!entries.some((e) => e.endsWith('.map')), 'source maps do not ship');
  });

  it('installs into VS Code as the Tokenwise extension', function () {
    const installed = fs.readdirSync(dirs.extensions);
    assert.ok(installed.includes(`${EXTENSION_ID}-${PKG.version}`), `installed: ${installed.join(', ')}`);
  });

  it('opens the Tokenwise container from the activity bar with both views', async function () {
    await page.locator('.activitybar .action-item a[aria-label^="Tokenwise"]').click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: /playground/i }).waitFor({ timeout: T });
    await sidebar.locator('.pane-header', { hasText: /spend/i }).waitFor({ timeout: T });
  });

  it('renders what the installed extension sends to each view', async function () {
    // Each view's iframe draws the status the extension host posts after the ready handshake,
    // so this text proves the extension from the vsix is running.
    // Webview iframes are overlaid on the workbench, outside the sidebar's DOM subtree.
    const frames = page.locator('iframe.webview.ready');
    await page.waitForFunction(() => document.querySelectorAll('iframe.webview.ready').length >= 2, null, { timeout: T });
    const count = await frames.count();
    assert.ok(count >= 2, `expected two webviews, found ${count}`);
    const texts = [];
    for (let i = 0; i < 2; i++) {
      const root = frames.nth(i).contentFrame().frameLocator('#active-frame').locator('#root[data-ready="true"]');
      await root.waitFor({ timeout: T });
      texts.push(await root.innerText());
    }
    const all = texts.join('\n');
    assert.match(all, new RegExp(`Tokenwise ${PKG.version.replace(/\./g, '\\.')}`));
    assert.match(all, /No calls run yet/);
    assert.match(all, /No spend recorded yet/);
    const png = path.join(RESULTS_DIR, 'sidebar.png');
    await page.screenshot({ path: png });
    assert.ok(fs.statSync(png).size > 10_000, 'screenshot written');
    log('screenshot', path.relative(process.cwd(), png));
  });
});
