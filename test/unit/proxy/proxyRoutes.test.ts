import * as assert from 'node:assert/strict';
import { forwardedHeaders, newSessionToken, readCacheChoice, readCredentials, readTag } from '../../../src/core/proxy/proxyAuth';
import { findRoute, providerForPath, proxyEnvironment } from '../../../src/core/proxy/proxyRoutes';
import { loopbackHost, ProxyBindError, startProxyServer } from '../../../src/core/proxy/proxyServer';
import { keysOf } from '../runtime/pipelineFixtures';

describe('proxy routing', () => {
  it('maps each served path to its provider, API and upstream path', () => {
    assert.deepEqual(findRoute('/v1/chat/completions'), { path: '/v1/chat/completions', provider: 'openai', api: 'chat', upstreamPath: '/chat/completions', streams: true });
    assert.equal(findRoute('/v1/responses')?.api, 'responses');
    assert.equal(findRoute('/v1/embeddings')?.api, 'embeddings');
    assert.equal(findRoute('/v1/messages')?.provider, 'anthropic');
    assert.equal(findRoute('/v1/messages/count_tokens')?.api, 'count_tokens');
    assert.equal(findRoute('/v1/messages/count_tokens')?.upstreamPath, '/v1/messages/count_tokens');
  });

  it('accepts OpenAI paths without /v1 (a base URL set without it), but not Anthropic ones', () => {
    assert.equal(findRoute('/chat/completions')?.api, 'chat');
    assert.equal(findRoute('/v1/chat/completions/')?.api, 'chat');
    assert.equal(findRoute('/messages'), undefined);
    assert.equal(findRoute('/v1/models'), undefined);
    assert.equal(findRoute('/v1/chat'), undefined);
  });

  it('answers unknown paths in the shape their provider would', () => {
    assert.equal(providerForPath('/v1/messages/batches'), 'anthropic');
    assert.equal(providerForPath('/v1/models'), 'openai');
  });

  it('prints the environment a caller needs', () => {
    assert.equal(proxyEnvironment('http://127.0.0.1:9', 'tw-x'),
      'OPENAI_BASE_URL=http://127.0.0.1:9/v1\nOPENAI_API_KEY=tw-x\nANTHROPIC_BASE_URL=http://127.0.0.1:9\nANTHROPIC_API_KEY=tw-x');
  });
});

describe('proxy token and headers', () => {
  const token = newSessionToken();

  it('generates a fresh, long token per session that does not look like a provider key', () => {
    const other = newSessionToken();
    assert.notEqual(token, other);
    assert.match(token, /^tw-[A-Za-z0-9_-]{32}$/);
  });

  it('accepts the token as Bearer, as x-api-key, or in x-tokenwise-token', () => {
    assert.deepEqual(readCredentials({ authorization: `Bearer ${token}` }, token), { ok: true });
    assert.deepEqual(readCredentials({ 'x-api-key': token }, token), { ok: true });
    assert.deepEqual(readCredentials({ 'x-tokenwise-token': token }, token), { ok: true, upstreamKey: undefined });
  });

  it('refuses a missing, wrong or truncated token', () => {
    assert.equal(readCredentials({}, token).ok, false);
    assert.equal(readCredentials({ authorization: 'Bearer sk-real-openai-key-123456' }, token).ok, false);
    assert.equal(readCredentials({ 'x-api-key': token.slice(0, -1) }, token).ok, false);
    assert.equal(readCredentials({ 'x-tokenwise-token': 'nope', authorization: `Bearer ${token}` }, token).ok, false);
  });

  it("takes the caller's provider key from the key header when the token came in x-tokenwise-token, or from x-tokenwise-upstream-key", () => {
    assert.deepEqual(readCredentials({ 'x-tokenwise-token': token, authorization: 'Bearer sk-own-key-1234567890' }, token), { ok: true, upstreamKey: 'sk-own-key-1234567890' });
    assert.deepEqual(readCredentials({ 'x-tokenwise-token': token, 'x-api-key': 'sk-ant-own-1234567890' }, token), { ok: true, upstreamKey: 'sk-ant-own-1234567890' });
    assert.deepEqual(readCredentials({ authorization: `Bearer ${token}`, 'x-tokenwise-upstream-key': 'sk-explicit-123456' }, token), { ok: true, upstreamKey: 'sk-explicit-123456' });
  });

  it('forwards provider headers but never credentials, tokenwise headers or hop-by-hop headers, and marks the hop', () => {
    const out = forwardedHeaders({
      authorization: 'Bearer x', 'x-api-key': 'y', 'x-tokenwise-token': 'z', 'x-tokenwise-upstream-key': 'k', host: 'h', connection: 'keep-alive',
      'content-length': '5', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'a,b', 'openai-organization': 'org', 'x-stainless-lang': 'js',
    });
    assert.deepEqual(out, { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'a,b', 'openai-organization': 'org', 'x-stainless-lang': 'js', 'x-tokenwise-proxied': '1' });
  });

  it('reads the spend tag (printable, bounded) and the cache choice', () => {
    assert.equal(readTag({ 'x-tokenwise-tag': ' checkout ' }), 'checkout');
    assert.equal(readTag({ 'x-tokenwise-tag': 'a\u0007b' }), 'ab');
    assert.equal(readTag({ 'x-tokenwise-tag': 'x'.repeat(300) })?.length, 100);
    assert.equal(readTag({}), undefined);
    assert.equal(readCacheChoice({ 'x-tokenwise-cache': 'TRUE' }), true);
    assert.equal(readCacheChoice({ 'x-tokenwise-cache': 'false' }), false);
    assert.equal(readCacheChoice({}), undefined);
  });
});

describe('proxy bind', () => {
  it('binds loopback addresses only', () => {
    assert.equal(loopbackHost('localhost'), '127.0.0.1');
    assert.equal(loopbackHost('127.0.0.1'), '127.0.0.1');
    assert.equal(loopbackHost('127.0.0.2'), '127.0.0.2');
    assert.equal(loopbackHost('::1'), '::1');
    for (const host of ['0.0.0.0', '::', '[::]', '192.168.1.10', '10.0.0.1', 'example.com', '', '::ffff:127.0.0.1']) {
      assert.throws(() => loopbackHost(host), (e: unknown) => e instanceof ProxyBindError && e.code === 'not_loopback', host);
    }
  });

  it('refuses to start on 0.0.0.0 and ::', async () => {
    for (const host of ['0.0.0.0', '::']) {
      await assert.rejects(startProxyServer({ host, port: 0, pipeline: async () => { throw new Error('unused'); }, keys: keysOf({}) }),
        (e: unknown) => e instanceof ProxyBindError && e.code === 'not_loopback' && /loopback/.test(e.message));
    }
  });

  it('says so clearly when the port is in use', async () => {
    const first = await startProxyServer({ port: 0, pipeline: async () => { throw new Error('unused'); }, keys: keysOf({}) });
    try {
      await assert.rejects(startProxyServer({ port: first.port, pipeline: async () => { throw new Error('unused'); }, keys: keysOf({}) }),
        (e: unknown) => e instanceof ProxyBindError && e.code === 'port_in_use' && e.message.includes(`port ${first.port}`) && e.message.includes('already in use'));
    } finally {
      await first.close();
    }
  });
});
