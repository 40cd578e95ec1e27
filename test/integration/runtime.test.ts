import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlaygroundDraft } from '../../src/core/protocol/playgroundMessages';
import type { FakeProvider } from '../support/fakeProvider/fakeProviderServer';
import { extension, startDemoProvider, stopDemoProvider, waitFor } from './helpers';

// The settings change what a Playground run does against the fake server, which answers as the
// Demo provider (TOKENWISE_DEMO_PROVIDER_URL is read by the extension in this same process).

const touched = ['retry.maxAttempts', 'retry.baseDelayMs', 'cache.enabled', 'budget.dailyUsd', 'budget.hardStop'];

async function set(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tokenwise').update(key, value, vscode.ConfigurationTarget.Global);
  // The extension's SettingsStore is updated in the same change event that updates this view.
  await waitFor(`tokenwise.${key} to apply`, () => JSON.stringify(vscode.workspace.getConfiguration('tokenwise').get(key)) === JSON.stringify(value ?? vscode.workspace.getConfiguration('tokenwise').inspect(key)?.defaultValue));
}

let counter = 0;
function draft(): PlaygroundDraft {
  // A new text each time: temperature-0 answers are cached, and these tests count requests.
  counter += 1;
  return { provider: 'openai', model: 'gpt-4o-mini', system: '', messages: [{ role: 'user', content: `runtime test ${Date.now()} ${counter}` }], maxTokens: 20, temperature: 0, placeholders: {} };
}

describe('runtime settings in Playground runs', () => {
  let fake: FakeProvider;
  const chat = () => fake.requests.filter((r) => r.path === '/v1/chat/completions').length;

  before(async () => {
    fake = await startDemoProvider();
    await extension().activate();
    await set('retry.baseDelayMs', 1);
  });

  after(async () => {
    for (const key of touched) await set(key, undefined);
    await stopDemoProvider(fake);
  });

  it('retries a 500 by default, and not with retry.maxAttempts = 1', async () => {
    fake.faults.push({ kind: 'status', status: 500 }, '/v1/chat/completions');
    const [retried] = await extension().exports.runPlayground(draft(), ['gpt-4o-mini']);
    assert.equal(retried?.ok, true, retried?.error);
    assert.equal(retried?.attempts, 2);

    await set('retry.maxAttempts', 1);
    fake.faults.push({ kind: 'status', status: 500 }, '/v1/chat/completions');
    const before = chat();
    const [failed] = await extension().exports.runPlayground(draft(), ['gpt-4o-mini']);
    assert.equal(failed?.ok, false);
    assert.equal(chat() - before, 1, 'one attempt only');
  });

  it('answers a repeated run from the response cache, and not with cache.enabled = false', async () => {
    const d = draft();
    await extension().exports.runPlayground(d, ['gpt-4o-mini']);
    const before = chat();
    const [hit] = await extension().exports.runPlayground(d, ['gpt-4o-mini']);
    assert.equal(hit?.cacheHit, true);
    assert.equal(chat(), before);

    await set('cache.enabled', false);
    const [miss] = await extension().exports.runPlayground(d, ['gpt-4o-mini']);
    assert.equal(miss?.cacheHit, false);
    assert.equal(chat(), before + 1);
  });

  it('blocks at a budget cap, lets one run through with the override, and only warns without the hard stop', async () => {
    // Spend something today, so a tiny cap is reached.
    const [paid] = await extension().exports.runPlayground(draft(), ['gpt-4o-mini']);
    assert.ok((paid?.costUsd ?? 0) > 0);
    await set('budget.dailyUsd', 0.0000001);
    const before = chat();
    const [blocked] = await extension().exports.runPlayground(draft(), ['gpt-4o-mini']);
    assert.equal(blocked?.ok, false);
    assert.equal(blocked?.budgetBlocked, true);
    assert.match(blocked?.error ?? '', /global daily budget of \$0\.00 is used up/);
    assert.equal(chat(), before, 'a blocked run sends nothing');

    const [anyway] = await extension().exports.runPlayground(draft(), ['gpt-4o-mini'], { budgetOverride: true });
    assert.equal(anyway?.ok, true, anyway?.error);

    await set('budget.hardStop', false);
    const [warned] = await extension().exports.runPlayground(draft(), ['gpt-4o-mini']);
    assert.equal(warned?.ok, true, warned?.error);
    assert.match(warned?.notes.join('\n') ?? '', /not blocking: tokenwise\.budget\.hardStop is off/);
  });
});
