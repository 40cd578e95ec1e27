// End to end: a prompt typed into the Playground sidebar runs through the optimizer against the
// fake provider server (as "Demo provider"), streams its answer, and shows tokens and cost.
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, RESULTS_DIR, log } from '../../scripts/lib/codeServer.mjs';
import { startWorkbench, viewFrame } from '../support/workbench.mjs';

const require = createRequire(import.meta.url);
const T = 30_000;

describe('the Playground in the workbench', function () {
  let fake, workbench, page;
  let failed = false;

  before(async function () {
    const { startFakeProvider } = require(path.join(ROOT, 'out', 'test', 'support', 'fakeProvider', 'fakeProviderServer.js'));
    fake = await startFakeProvider({});
    workbench = await startWorkbench({ label: 'e2e-playground', env: { TOKENWISE_DEMO_PROVIDER_URL: fake.baseUrl } });
    page = workbench.page;
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  after(async function () {
    await workbench?.stop(failed);
    await fake?.close();
  });

  it('runs a prompt from the sidebar and shows the streamed answer, tokens and cost', async function () {
    await page.locator('.activitybar .action-item a[aria-label^="Tokenwise"]').click();
    const frame = await viewFrame(page, 'playground');
    await frame.locator('.demo', { hasText: 'Demo provider' }).waitFor({ timeout: T });
    await frame.locator('#message-0 textarea').fill('Name three primary colours.');
    await frame.locator('#estimate', { hasText: /input tokens/ }).waitFor({ timeout: T });
    await frame.locator('#run').click();
    const meta = frame.locator('.lane .lane-meta', { hasText: /in \+ .* out tok · \$/ });
    await meta.waitFor({ timeout: T });
    const answer = (await frame.locator('.lane .lane-text').innerText()).trim();
    assert.ok(answer.length > 0, 'the streamed answer is shown');
    assert.match(await meta.innerText(), /^\d[\d,]* in \+ \d[\d,]* out tok · \$[\d.]+ · \d[\d,]* ms/);
    assert.equal(fake.requests.length, 1, 'one request reached the (fake) provider');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'playground.png') });
    log('screenshot test-results/playground.png');
  });
});
