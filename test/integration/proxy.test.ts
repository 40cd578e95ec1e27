// The local proxy inside the real extension host: started and stopped by its commands, with the
// pipeline of services.runtime, the stock OpenAI and Anthropic SDKs as callers and the fake
// provider as upstream (as the Demo provider: TOKENWISE_DEMO_PROVIDER_URL, read in this same process).
import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../src/core/storage/ledger';
import { readLedger } from '../../src/core/storage/ledger';
import type { ProxyInfo } from '../../src/host/proxy/proxyController';
import type { FakeProvider } from '../support/fakeProvider/fakeProviderServer';
import { extension, startDemoProvider, stopDemoProvider, waitFor } from './helpers';

const STORED_KEY = 'sk-proj-proxy-itest-stored-0123456789';
const REJECTED_KEY = 'caller-key-proxy-itest-rejected-0123456789';
const run = `itest-proxy-${Date.now().toString(36)}`;

function tokenwiseLog(): string {
  return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'output' && /Tokenwise/.test(d.uri.path)).map((d) => d.getText()).join('\n');
}

describe('local proxy (extension host)', function () {
  this.timeout(60_000);
  let fake: FakeProvider;
  let info: ProxyInfo;
  let openai: OpenAI;
  let anthropic: Anthropic;

  /** This run's ledger records with `tag`. */
  async function records(tag: string): Promise<LedgerRecord[]> {
    const out: LedgerRecord[] = [];
    for await (const r of readLedger(info.ledgerDir)) if (r.tag === tag) out.push(r);
    return out;
  }
  const tagged = (tag: string) => ({ headers: { 'x-tokenwise-tag': `${run}-${tag}` } });
  const chat = (text: string) => ({ model: 'gpt-4o', messages: [{ role: 'user' as const, content: text }] });
  const message = (text: string) => ({ model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user' as const, content: text }] });

  before(async () => {
    await extension().activate();
    fake = await startDemoProvider({ rejectKeys: [REJECTED_KEY] });
    await vscode.workspace.getConfiguration('tokenwise').update('proxy.port', 0, vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('tokenwise.setApiKey', 'openai', STORED_KEY), true);
    info = (await vscode.commands.executeCommand<ProxyInfo | undefined>('tokenwise.startProxy')) as ProxyInfo;
    assert.ok(info, 'Start Local Proxy returned nothing: it did not start');
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    openai = new OpenAI({ baseURL: `${info.url}/v1`, apiKey: info.token });
    anthropic = new Anthropic({ baseURL: info.url, apiKey: info.token });
  });

  after(async () => {
    await vscode.commands.executeCommand('tokenwise.stopProxy');
    await vscode.commands.executeCommand('tokenwise.clearApiKey', 'openai');
    await vscode.workspace.getConfiguration('tokenwise').update('proxy.port', undefined, vscode.ConfigurationTarget.Global);
    await stopDemoProvider(fake);
  });

  beforeEach(() => fake.faults.clear());

  it('answers the stock SDKs, plain, through the pipeline, and records each call with source proxy and its tag', async () => {
    const c = await openai.chat.completions.create(chat('plain openai'), tagged('plain'));
    assert.equal(c.choices[0]?.message.content, 'echo: plain openai');
    const r = await openai.responses.create({ model: 'gpt-4o', input: 'plain responses' }, tagged('plain'));
    assert.equal(r.output_text, 'echo: plain responses');
    const e = await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'embed me' }, tagged('plain'));
    assert.equal(e.data[0]?.embedding.length, 8);
    const m = await anthropic.messages.create(message('plain anthropic'), tagged('plain'));
    assert.deepEqual(m.content, [{ type: 'text', text: 'echo: plain anthropic' }]);
    const n = await anthropic.messages.countTokens({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'count these three' }] }, tagged('plain'));
    assert.equal(n.input_tokens, 6);
    const rows = await records(`${run}-plain`);
    assert.deepEqual(rows.map((x) => x.api), ['chat', 'responses', 'embeddings', 'messages', 'count_tokens']);
    assert.ok(rows.every((x) => x.source === 'proxy' && x.attempt === 1 && !x.errorCode));
    assert.equal(rows[0]?.outputTokens, 3);
    assert.ok((rows[0]?.costUsd ?? 0) > 0, 'gpt-4o is priced from the catalog');
  });

  it('streams chat, responses and messages through as they arrive, with usage parsed for the ledger', async () => {
    let text = '';
    for await (const chunk of await openai.chat.completions.create({ ...chat('stream one two'), stream: true }, tagged('stream'))) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'echo: stream one two');
    let responsesText = '';
    for await (const event of await openai.responses.create({ model: 'gpt-4o', input: 'stream responses', stream: true }, tagged('stream'))) {
      if (event.type === 'response.output_text.delta') responsesText += event.delta;
    }
    assert.equal(responsesText, 'echo: stream responses');
    const final = await anthropic.messages.stream(message('stream anthropic'), tagged('stream')).finalMessage();
    assert.deepEqual(final.content, [{ type: 'text', text: 'echo: stream anthropic' }]);
    const rows = await records(`${run}-stream`);
    assert.deepEqual(rows.map((x) => [x.api, x.outputTokens, x.errorCode ?? 'ok']), [['chat', 4], ['responses', 3], ['messages', 3]].map((x) => [...x, 'ok']));
  });

  for (const [name, fault, path, expectCode] of [
    ['429 with retry-after', { kind: 'status', status: 429, retryAfterSeconds: 1 }, '/v1/chat/completions', 'http_429'],
    ['500', { kind: 'status', status: 500 }, '/v1/chat/completions', 'http_500'],
    ['503', { kind: 'status', status: 503 }, '/v1/chat/completions', 'http_503'],
    ['529', { kind: 'status', status: 529 }, '/v1/messages', 'http_529'],
    ['connection reset', { kind: 'reset' }, '/v1/messages', 'ECONNRESET'],
    ['malformed JSON', { kind: 'malformed' }, '/v1/chat/completions', 'malformed_response'],
  ] as const) {
    it(`retries a ${name} and answers; both attempts are in the ledger`, async () => {
      fake.faults.push(fault, path);
      const tag = `fault-${name.replace(/\W+/g, '-')}`;
      const started = Date.now();
      if (path === '/v1/messages') assert.equal((await anthropic.messages.create(message('after a fault'), tagged(tag))).content.length, 1);
      else assert.equal((await openai.chat.completions.create(chat('after a fault'), tagged(tag))).choices[0]?.message.content, 'echo: after a fault');
      if (name.startsWith('429')) assert.ok(Date.now() - started >= 900, 'the retry waited for retry-after');
      const rows = await records(`${run}-${tag}`);
      assert.deepEqual(rows.map((x) => [x.attempt, x.errorCode ?? 'ok']), [[1, expectCode], [2, 'ok']]);
    });
  }

  it('returns the upstream status and body once retries run out, and the SDK does not retry on top', async () => {
    for (let i = 0; i < 3; i++) fake.faults.push({ kind: 'status', status: 503, retryAfterMs: 10 }, '/v1/chat/completions');
    const before = fake.requests.length;
    await assert.rejects(openai.chat.completions.create(chat('always down'), tagged('exhausted')), (e: unknown) => e instanceof OpenAI.APIError && e.status === 503 && /Internal server error/.test(e.message));
    assert.equal(fake.requests.length - before, 3, 'three attempts by the proxy, none added by the SDK');
    assert.deepEqual((await records(`${run}-exhausted`)).map((x) => x.errorCode), ['http_503', 'http_503', 'http_503']);
  });

  it('records a truncated stream as a failure and cuts the connection so the SDK sees it', async () => {
    fake.faults.push({ kind: 'truncate', afterEvents: 3 }, '/v1/messages');
    await assert.rejects(anthropic.messages.stream(message('one two three four five six'), { ...tagged('truncated'), maxRetries: 0 }).finalMessage());
    await waitFor('the truncated stream to be recorded', async () => (await records(`${run}-truncated`)).length === 1);
    assert.equal((await records(`${run}-truncated`))[0]?.errorCode, 'stream_truncated');
  });

  it('refuses a missing or wrong token with 401 and a message saying why', async () => {
    const before = fake.requests.length;
    const wrongOpenAi = new OpenAI({ baseURL: `${info.url}/v1`, apiKey: 'tw-wrong-token', maxRetries: 0 });
    await assert.rejects(wrongOpenAi.chat.completions.create(chat('no')), (e: unknown) => e instanceof OpenAI.AuthenticationError && /session token/.test(e.message));
    const wrongAnthropic = new Anthropic({ baseURL: info.url, apiKey: 'tw-wrong-token', maxRetries: 0 });
    await assert.rejects(wrongAnthropic.messages.create(message('no')), (e: unknown) => e instanceof Anthropic.AuthenticationError && /session token/.test(e.message));
    const missing = await fetch(`${info.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(chat('no')) });
    assert.equal(missing.status, 401);
    assert.equal(fake.requests.length, before, 'nothing reached the upstream');
  });

  it('never puts an upstream key in an error, the ledger or the log', async () => {
    const own = new OpenAI({ baseURL: `${info.url}/v1`, apiKey: info.token, maxRetries: 0, defaultHeaders: { 'x-tokenwise-upstream-key': REJECTED_KEY } });
    let message = '';
    await own.chat.completions.create(chat('rejected key'), tagged('secret')).catch((e: unknown) => { message = e instanceof Error ? e.message : String(e); });
    assert.match(message, /401/);
    assert.ok(!message.includes(REJECTED_KEY), message);
    await vscode.commands.executeCommand('tokenwise.showLog');
    await waitFor('the proxy to log its requests', () => /proxy \/v1\/chat\/completions/.test(tokenwiseLog()));
    const ledgerText = JSON.stringify([...(await records(`${run}-secret`)), ...(await records(`${run}-plain`))]);
    for (const text of [ledgerText, tokenwiseLog()]) {
      for (const secret of [REJECTED_KEY, STORED_KEY, info.token]) assert.ok(!text.includes(secret), 'a secret reached the log or the ledger');
    }
  });

  it('runs 200 concurrent requests, each in the ledger exactly once', async () => {
    const n = 200;
    const calls = Array.from({ length: n }, (_, i) => (i % 2 === 0
      ? openai.chat.completions.create(chat(`concurrent ${i}`), tagged(`c${i}`)).then((c) => c.choices[0]?.message.content)
      : anthropic.messages.create(message(`concurrent ${i}`), tagged(`c${i}`)).then((m) => (m.content[0] as { text: string }).text)));
    const answers = await Promise.all(calls);
    answers.forEach((a, i) => assert.equal(a, `echo: concurrent ${i}`));
    const byTag = new Map<string, LedgerRecord[]>();
    for await (const r of readLedger(info.ledgerDir)) if (r.tag?.startsWith(`${run}-c`)) byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), r]);
    assert.equal(byTag.size, n);
    for (let i = 0; i < n; i++) {
      const rows = byTag.get(`${run}-c${i}`) ?? [];
      assert.equal(rows.length, 1, `request ${i} has ${rows.length} ledger records`);
      assert.equal(rows[0]?.errorCode, undefined);
    }
    assert.equal(new Set([...byTag.values()].map((r) => r[0]?.callId)).size, n);
  });

  it('Stop Local Proxy closes the port; Start again gives a new session token', async () => {
    assert.equal(await vscode.commands.executeCommand('tokenwise.stopProxy'), true);
    await assert.rejects(fetch(`${info.url}/v1/chat/completions`, { method: 'POST' }));
    assert.equal(await vscode.commands.executeCommand('tokenwise.stopProxy'), false);
    const again = (await vscode.commands.executeCommand<ProxyInfo | undefined>('tokenwise.startProxy')) as ProxyInfo;
    assert.ok(again);
    assert.notEqual(again.token, info.token);
    const res = await fetch(`${again.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${info.token}` }, body: JSON.stringify(chat('old token')) });
    assert.equal(res.status, 401, 'the old session token no longer works');
    info = again;
  });
});
