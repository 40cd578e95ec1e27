import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RuntimeTarget } from '../../../src/core/runtime/nativeParams';
import { cacheFileName, cacheKey, canonicalJson, isCacheable, ResponseCache } from '../../../src/core/runtime/responseCache';
import { emptyUsage } from '../../../src/core/runtime/usage';
import { FakeClock } from './fakeClock';

const target: RuntimeTarget = { provider: 'openai', model: 'gpt-4o', api: 'chat' };

describe('cache keys', () => {
  it('canonical JSON sorts keys at every level and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same key for the same request written in another key order', () => {
    const a = { messages: [{ role: 'user', content: 'hi' }], temperature: 0, max_completion_tokens: 10 };
    const b = { max_completion_tokens: 10, temperature: 0, messages: [{ content: 'hi', role: 'user' }] };
    assert.equal(cacheKey(target, a), cacheKey(target, b));
  });

  it('changes with anything that changes the output', () => {
    const base = { messages: [{ role: 'user', content: 'hi' }], temperature: 0 };
    const k = cacheKey(target, base);
    assert.notEqual(cacheKey(target, { ...base, temperature: 0.2 }), k);
    assert.notEqual(cacheKey(target, { ...base, top_p: 0.5 }), k);
    assert.notEqual(cacheKey({ ...target, model: 'gpt-4o-mini' }, base), k);
    assert.notEqual(cacheKey({ ...target, provider: 'azure' }, base), k);
    assert.notEqual(cacheKey(target, { ...base, messages: [{ role: 'user', content: 'hi!' }] }), k);
  });

  it('ignores the stream flag, user, metadata and timeouts', () => {
    const base = { messages: [{ role: 'user', content: 'hi' }], temperature: 0 };
    const k = cacheKey(target, base);
    assert.equal(cacheKey(target, { ...base, stream: true, stream_options: { include_usage: true }, user: 'u1', metadata: { a: 1 }, timeout: 5 }), k);
  });

  it('caches only deterministic requests unless the caller opts in or out', () => {
    assert.equal(isCacheable({ temperature: 0 }, undefined), true);
    assert.equal(isCacheable({ temperature: 0.7 }, undefined), false);
    assert.equal(isCacheable({}, undefined), false);
    assert.equal(isCacheable({ temperature: 0.7 }, true), true);
    assert.equal(isCacheable({ temperature: 0 }, false), false);
  });
});

describe('response cache', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-cache-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const entry = (key: string, text = `answer ${key}`): Parameters<ResponseCache['set']>[0] => ({ key, provider: 'openai', model: 'gpt-4o', api: 'chat', text, usage: { ...emptyUsage(), inputTokens: 10, outputTokens: 3 } });

  it('evicts the least recently used entry past the entry cap', () => {
    const cache = ResponseCache.open(dir, { ttlMs: 60_000, maxEntries: 2, maxBytes: 1e9 }, new FakeClock());
    cache.set(entry('a'));
    cache.set(entry('b'));
    assert.ok(cache.get('a'));
    cache.set(entry('c'));
    assert.deepEqual(cache.keys().sort(), ['a', 'c']);
    assert.equal(cache.get('b'), undefined);
  });

  it('evicts by bytes', () => {
    const probe = ResponseCache.open(dir, { ttlMs: 60_000, maxEntries: 100, maxBytes: 1e9 }, new FakeClock());
    probe.set(entry('x', 'y'.repeat(1000)));
    const one = probe.totalBytes;
    fs.rmSync(path.join(dir, cacheFileName));
    const cache = ResponseCache.open(dir, { ttlMs: 60_000, maxEntries: 100, maxBytes: Math.floor(one * 2.5) }, new FakeClock());
    for (const k of ['a', 'b', 'c', 'd']) cache.set(entry(k, 'y'.repeat(1000)));
    assert.deepEqual(cache.keys(), ['c', 'd']);
    assert.ok(cache.totalBytes <= one * 2.5);
  });

  it('expires entries after the TTL', () => {
    const clock = new FakeClock();
    const cache = ResponseCache.open(dir, { ttlMs: 1000, maxEntries: 10, maxBytes: 1e9 }, clock);
    cache.set(entry('a'));
    clock.time += 999;
    assert.ok(cache.get('a'));
    clock.time += 1;
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
  });

  it('persists atomically and reloads, leaving no temp files', () => {
    const clock = new FakeClock();
    const settings = { ttlMs: 60_000, maxEntries: 10, maxBytes: 1e9 };
    const cache = ResponseCache.open(dir, settings, clock);
    cache.set(entry('a'));
    cache.set(entry('b'));
    assert.deepEqual(fs.readdirSync(dir), [cacheFileName]);
    const again = ResponseCache.open(dir, settings, clock);
    assert.equal(again.get('b')?.text, 'answer b');
    clock.time += 60_000;
    assert.equal(ResponseCache.open(dir, settings, clock).size, 0);
  });

  it('starts empty from a corrupt file', () => {
    fs.writeFileSync(path.join(dir, cacheFileName), '{"v":1,"entries":[');
    assert.equal(ResponseCache.open(dir, { ttlMs: 1, maxEntries: 1, maxBytes: 1 }, new FakeClock()).size, 0);
  });
});
