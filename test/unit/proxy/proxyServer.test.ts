import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { ProxyHarness } from './proxyHarness';
import { chatBody, messagesBody, openaiKey, startProxyHarness } from './proxyHarness';

/** The fake's answers carry a per-request id; everything else must be the same through the proxy. */
function withoutIds(text: string): unknown {
  return JSON.parse(text.replace(/"(chatcmpl-fake|msg_fake|resp_fake)[-_]\d+"/g, '"ID"'));
}

describe('local proxy', () => {
  let h: ProxyHarness;
  beforeEach(async () => {
    h = await startProxyHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('refuses a missing or wrong token with 401 in the OpenAI or Anthropic error shape, before anything reaches upstream', async () => {
    const missing = await fetch(`${h.proxy.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(chatBody('hi')) });
    assert.equal(missing.status, 401);
    const openaiError = (await missing.json()) as { error: { message: string; code: string } };
    assert.equal(openaiError.error.code, 'invalid_proxy_token');
    assert.match(openaiError.error.message, /missing or wrong session token/);
    const wrong = await h.post('/v1/messages', messagesBody('hi'), { authorization: 'Bearer tw-wrong', 'x-api-key': 'tw-wrong' });
    assert.equal(wrong.status, 401);
    const anthropicError = (await wrong.json()) as { type: string; error: { type: string; message: string } };
    assert.equal(anthropicError.type, 'error');
    assert.equal(anthropicError.error.type, 'authentication_error');
    assert.equal(h.fake.requests.length, 0);
    assert.equal((await h.records()).length, 0);
  });

  it('passes the native body through unchanged (tools, response_format, unknown params) and returns the native answer unchanged', async () => {
    const body = chatBody('weather in Paris', {
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
      some_future_param: { nested: [1, 'two', null, { deep: true }] },
      seed: 42, top_p: 0.5,
    });
    const res = await h.post('/v1/chat/completions', body, { 'x-custom': 'kept' });
    assert.equal(res.status, 200);
    const viaProxy = await res.text();
    const direct = await fetch(`${h.fake.openaiBaseUrl}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${openaiKey}` }, body: JSON.stringify(body) });
    assert.deepEqual(withoutIds(viaProxy), withoutIds(await direct.text()));
    const upstream = h.fake.requests[0];
    assert.deepEqual(upstream?.body, body);
    assert.equal(upstream?.auth, 'bearer');
    assert.equal(upstream?.headers['x-custom'], 'kept');
    assert.equal(upstream?.headers['x-tokenwise-proxied'], '1');
    assert.equal(res.headers.get('x-tokenwise-cache'), 'miss');
    assert.match(res.headers.get('x-tokenwise-call-id') ?? '', /[0-9a-f-]{36}/);
  });

  it('attributes spend to the x-tokenwise-tag header, with source proxy, and records the usage', async () => {
    const res = await h.post('/v1/chat/completions', chatBody('one two three'), { 'x-tokenwise-tag': 'checkout' });
    assert.equal(res.status, 200);
    const [record] = await h.records();
    assert.equal(record?.source, 'proxy');
    assert.equal(record?.tag, 'checkout');
    assert.equal(record?.provider, 'openai');
    assert.equal(record?.model, 'gpt-4o');
    assert.equal(record?.api, 'chat');
    assert.equal(record?.callId, res.headers.get('x-tokenwise-call-id'));
    assert.equal(record?.inputTokens, 6); // 3 words + 3 per message
    assert.equal(record?.outputTokens, 4); // "echo: one two three"
    assert.ok((record?.costUsd ?? 0) > 0);
  });

  it('streams SSE through as it arrives and records the usage parsed from the stream', async () => {
    const res = await h.post('/v1/messages', messagesBody('alpha beta gamma', { stream: true }), { 'x-tokenwise-tag': 'stream' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const text = await res.text();
    assert.match(text, /event: message_start/);
    assert.match(text, /event: message_stop/);
    assert.equal((text.match(/content_block_delta/g) ?? []).length, 8); // 4 words, each: "event:" line + "type" field
    const [record] = await h.records();
    assert.equal(record?.api, 'messages');
    assert.equal(record?.outputTokens, 4);
    assert.equal(record?.inputTokens, 6);
    assert.equal(record?.tag, 'stream');
    assert.equal(record?.callId, res.headers.get('x-tokenwise-call-id'));
  });

  it('asks a chat stream for its usage when the caller did not, and otherwise sends the caller\'s stream_options as they are', async () => {
    const sse = await (await h.post('/v1/chat/completions', chatBody('a b', { stream: true }))).text();
    assert.deepEqual((h.fake.requests[0]?.body as { stream_options?: unknown }).stream_options, { include_usage: true });
    // The caller did not ask for the usage chunk (empty `choices`), so it does not get it.
    const chunks = sse.split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)) as { choices: unknown[] });
    assert.ok(chunks.length > 0 && chunks.every((c) => c.choices.length > 0), sse);
    assert.ok(sse.trimEnd().endsWith('data: [DONE]'));
    await (await h.post('/v1/chat/completions', chatBody('a b', { stream: true, stream_options: { include_usage: false } }))).text();
    assert.deepEqual((h.fake.requests[1]?.body as { stream_options?: unknown }).stream_options, { include_usage: false });
    const records = await h.records();
    assert.equal(records[0]?.outputTokens, 3);
  });

  it('retries a 500 and a connection reset, then answers 200; every attempt is in the ledger', async () => {
    h.fake.faults.push({ kind: 'status', status: 500 });
    h.fake.faults.push({ kind: 'reset' });
    const res = await h.post('/v1/chat/completions', chatBody('retry me'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-tokenwise-attempts'), '3');
    const records = await h.records();
    assert.deepEqual(records.map((r) => [r.attempt, r.errorCode ?? 'ok']), [[1, 'http_500'], [2, 'ECONNRESET'], [3, 'ok']]);
    assert.equal(new Set(records.map((r) => r.callId)).size, 1);
  });

  it("returns the upstream's status and body once retries run out, and tells the SDK not to retry again", async () => {
    for (let i = 0; i < 3; i++) h.fake.faults.push({ kind: 'status', status: 529, retryAfterMs: 1 });
    const res = await h.post('/v1/messages', messagesBody('busy'));
    assert.equal(res.status, 529);
    assert.equal(res.headers.get('x-should-retry'), 'false');
    assert.deepEqual(await res.json(), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    assert.equal(h.fake.requests.length, 3);
  });

  it('passes a permanent upstream error straight back without retrying', async () => {
    const res = await h.post('/v1/chat/completions', chatBody('hi', { model: 'missing-model' }));
    assert.equal(res.status, 404);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /does not exist/);
    assert.equal(h.fake.requests.length, 1);
  });

  it('retries malformed JSON, and answers 502 in the provider shape when it persists', async () => {
    for (let i = 0; i < 3; i++) h.fake.faults.push({ kind: 'malformed' });
    const res = await h.post('/v1/chat/completions', chatBody('hi'));
    assert.equal(res.status, 502);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'malformed_response');
    assert.match(body.error.message, /after 3 attempts/);
  });

  it('cuts the connection when a stream is truncated after it started, and records the failure', async () => {
    h.fake.faults.push({ kind: 'truncate', afterEvents: 3 });
    const res = await h.post('/v1/chat/completions', chatBody('one two three four five', { stream: true }));
    assert.equal(res.status, 200);
    await assert.rejects(res.text());
    const [record] = await h.records();
    assert.equal(record?.errorCode, 'stream_truncated');
  });

  it('caches deterministic requests by default (a separate entry for streamed answers) and replays the native body', async () => {
    const body = chatBody('cache me', { temperature: 0 });
    const first = await h.post('/v1/chat/completions', body);
    const firstText = await first.text();
    const second = await h.post('/v1/chat/completions', body);
    assert.equal(second.headers.get('x-tokenwise-cache'), 'hit');
    assert.equal(await second.text(), firstText);
    assert.equal(h.fake.requests.length, 1);
    const streamed = await (await h.post('/v1/chat/completions', { ...body, stream: true })).text();
    assert.match(streamed, /^data: /);
    const replay = await h.post('/v1/chat/completions', { ...body, stream: true });
    assert.equal(replay.headers.get('x-tokenwise-cache'), 'hit');
    assert.equal(await replay.text(), streamed);
    assert.equal(h.fake.requests.length, 2);
    // Sampled requests are not cached unless the caller opts in.
    await (await h.post('/v1/chat/completions', chatBody('sampled', { temperature: 1 }))).text();
    const again = await h.post('/v1/chat/completions', chatBody('sampled', { temperature: 1 }));
    assert.equal(again.headers.get('x-tokenwise-cache'), 'miss');
    const records = await h.records();
    assert.deepEqual(records.map((r) => r.cacheHit), [false, true, false, true, false, false]);
  });

  it('never logs, records or returns an upstream key, even when the upstream echoes it', async () => {
    const badKey = 'caller-own-key-not-shaped-like-sk-0123456789'; // only the exact-key redaction can catch it
    await h.close();
    h = await startProxyHarness({ fake: { rejectKeys: [badKey, openaiKey] } });
    const viaCaller = await h.post('/v1/chat/completions', chatBody('hi'), { 'x-tokenwise-upstream-key': badKey });
    assert.equal(viaCaller.status, 401);
    const callerText = await viaCaller.text();
    assert.ok(!callerText.includes(badKey), callerText);
    assert.match(callerText, /Incorrect API key provided: \[REDACTED\]/);
    const viaOwn = await h.post('/v1/chat/completions', chatBody('hi'));
    const ownText = await viaOwn.text();
    assert.ok(!ownText.includes(openaiKey), ownText);
    for (const text of [h.ledgerText(), h.logs.join('\n')]) {
      for (const secret of [badKey, openaiKey, h.proxy.token]) assert.ok(!text.includes(secret), `secret leaked: ${text}`);
    }
    assert.equal(h.fake.requests.length, 2);
  });

  it("sends the caller's own key upstream when it passes one, and the proxy's own key otherwise", async () => {
    const own = 'sk-ant-caller-own-0123456789';
    await (await h.post('/v1/messages', messagesBody('hi'), { authorization: '', 'x-tokenwise-token': h.proxy.token, 'x-api-key': own })).text();
    await (await h.post('/v1/messages', messagesBody('hi'))).text();
    assert.deepEqual(h.fake.requests.map((r) => [r.status, r.auth]), [[200, 'x-api-key'], [200, 'x-api-key']]);
    // The fake records no key; its 401 for rejected keys shows which one was sent.
    await h.close();
    h = await startProxyHarness({ fake: { rejectKeys: [own] } });
    const res = await h.post('/v1/messages', messagesBody('hi'), { authorization: '', 'x-tokenwise-token': h.proxy.token, 'x-api-key': own });
    assert.equal(res.status, 401);
    assert.equal((await h.post('/v1/messages', messagesBody('hi'))).status, 200);
  });

  it('answers a spent budget with 402 and a message the SDKs show, without calling upstream', async () => {
    await h.close();
    h = await startProxyHarness({ pipeline: { budget: { settings: { global: { dailyUsd: 1 } }, spend: { spentUsd: () => 2 } } } });
    const openai = await h.post('/v1/chat/completions', chatBody('hi'));
    assert.equal(openai.status, 402);
    assert.equal(openai.headers.get('x-should-retry'), 'false');
    assert.match(((await openai.json()) as { error: { message: string } }).error.message, /Tokenwise proxy: the global daily budget of \$1\.00 is used up/);
    const anthropic = await h.post('/v1/messages', messagesBody('hi'));
    assert.equal(anthropic.status, 402);
    assert.equal(((await anthropic.json()) as { error: { type: string } }).error.type, 'billing_error');
    assert.equal(h.fake.requests.length, 0);
  });

  it('records its workspace with every call, so the workspace\'s own budget counts proxy traffic', async () => {
    await h.close();
    const workspace = 'file:///home/dev/shop';
    const spentBy: (string | undefined)[] = [];
    h = await startProxyHarness({
      proxy: { workspace },
      pipeline: { budget: { settings: { perWorkspace: { dailyUsd: 1 } }, spend: { spentUsd: (_period, _now, ws) => (spentBy.push(ws), ws === workspace ? 2 : 0) } } },
    });
    assert.equal((await h.post('/v1/chat/completions', chatBody('hi'))).status, 402);
    assert.ok(spentBy.includes(workspace));
    await h.close();
    h = await startProxyHarness({ proxy: { workspace } });
    assert.equal((await h.post('/v1/chat/completions', chatBody('hi'))).status, 200);
    assert.equal((await h.records())[0]?.workspace, workspace);
  });

  it('refuses bodies that are not JSON objects or have no model, unknown paths, other methods and loops', async () => {
    assert.equal((await h.post('/v1/chat/completions', '{not json')).status, 400);
    assert.equal((await h.post('/v1/chat/completions', '[1]')).status, 400);
    assert.equal((await h.post('/v1/chat/completions', { messages: [] })).status, 400);
    assert.equal((await h.post('/v1/images/generations', {})).status, 404);
    assert.equal((await fetch(`${h.proxy.url}/v1/chat/completions`, { headers: { authorization: `Bearer ${h.proxy.token}` } })).status, 405);
    assert.equal((await h.post('/v1/chat/completions', chatBody('x'), { 'x-tokenwise-proxied': '1' })).status, 508);
    assert.equal(h.fake.requests.length, 0);
  });

  it('serves the stock SDKs with nothing but a base URL and the token as the API key', async () => {
    const openai = new OpenAI({ baseURL: `${h.proxy.url}/v1`, apiKey: h.proxy.token, maxRetries: 0 });
    const chat = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello proxy' }] });
    assert.equal(chat.choices[0]?.message.content, 'echo: hello proxy');
    let streamed = '';
    for await (const chunk of await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'stream me' }], stream: true })) {
      streamed += chunk.choices[0]?.delta?.content ?? '';
    }
    assert.equal(streamed, 'echo: stream me');
    const response = await openai.responses.create({ model: 'gpt-5', input: 'responses api' });
    assert.equal(response.output_text, 'echo: responses api');
    const embedding = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['a b c', 'd'] });
    assert.equal(embedding.data.length, 2);
    assert.equal(embedding.data[0]?.embedding.length, 8);
    const anthropic = new Anthropic({ baseURL: h.proxy.url, apiKey: h.proxy.token, maxRetries: 0 });
    const message = await anthropic.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi claude' }] });
    assert.deepEqual(message.content, [{ type: 'text', text: 'echo: hi claude' }]);
    const final = await anthropic.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 50, messages: [{ role: 'user', content: 'stream claude' }] }).finalMessage();
    assert.deepEqual(final.content, [{ type: 'text', text: 'echo: stream claude' }]);
    const count = await anthropic.messages.countTokens({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'four words right here' }] });
    assert.equal(count.input_tokens, 7);
    const records = await h.records();
    assert.deepEqual(records.map((r) => r.api), ['chat', 'chat', 'responses', 'embeddings', 'messages', 'messages', 'count_tokens']);
    assert.ok(records.every((r) => r.source === 'proxy' && !r.errorCode));
    assert.equal(records[3]?.inputTokens, 4);
  });
});
