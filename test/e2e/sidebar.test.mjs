// End to end in the real workbench: the packaged extension (the .vsix that `npm run package`
// built) installed into code-server, driven in headless Debian chromium by playwright-core.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION_ID, PKG, RESULTS_DIR, VSIX, log } from '../../scripts/lib/codeServer.mjs';
import { startWorkbench, viewFrame, viewText } from '../support/workbench.mjs';
import { zipEntries } from '../support/zipEntries.mjs';

const T = 30_000;

describe('the packaged extension in the workbench', function () {
  let workbench, page;
  let failed = false;

  before(async function () {
    workbench = await startWorkbench({ label: 'e2e-sidebar' });
    page = workbench.page;
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async function () {
    await workbench?.stop(failed);
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
    const installed = fs.readdirSync(workbench.dirs.extensions);
    assert.ok(installed.includes(`${EXTENSION_ID}-${PKG.version}`), `installed: ${installed.join(', ')}`);
  });

  it('opens the Tokenwise container from the activity bar with both views', async function () {
    await page.locator('.activitybar .action-item a[aria-label^="Tokenwise"]').click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: /playground/i }).waitFor({ timeout: T });
    await sidebar.locator('.pane-header', { hasText: /spend/i }).waitFor({ timeout: T });
  });

  it('renders what the installed extension sends to each view', async function () {
    // Each view's iframe draws what the extension host posts after the ready handshake, so this
    // text proves the extension from the vsix is running.
    const playgroundFrame = await viewFrame(page, 'playground');
    await playgroundFrame.locator('#run').waitFor({ timeout: T });
    const playground = await playgroundFrame.locator('#root').innerText();
    // Spend starts collapsed (see docs/decisions.md: code-server loses one of two webviews that
    // start at the same moment); expanding it loads it on its own.
    await page.locator('.part.sidebar .pane-header', { hasText: /spend/i }).click();
    const spend = await viewText(page, 'spend');
    assert.match(playground, /Model/);
    assert.match(playground, /No OpenAI key set|key from/);
    assert.match(spend, new RegExp(`Tokenwise ${PKG.version.replace(/\./g, '\\.')}`));
    assert.match(spend, /No spend recorded yet/);
    const png = path.join(RESULTS_DIR, 'sidebar.png');
    await page.screenshot({ path: png });
    assert.ok(fs.statSync(png).size > 10_000, 'screenshot written');
    log('screenshot', path.relative(process.cwd(), png));
  });
});
