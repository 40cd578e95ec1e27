import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createOpenAiTransport } from '../../../src/core/runtime/openaiTransport';
import { Pipeline } from '../../../src/core/runtime/pipeline';
import type { Harness } from './sdkHarness';
import { anthropicKey, openaiKey, startHarness } from './sdkHarness';
import { keysOf, testPriceUsage, textRequest } from './pipelineFixtures';

/** Not shaped like a provider key, so only exact-secret redaction can catch it. */
const azureKey = 'azure-plain-secret-value-42';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('API keys never leak', () => {
  let h: Harness;
  before(async () => { h = await startHarness({ rejectKeys: [anthropicKey, azureKey] }); });
  after(async () => { await h.close(); });

  it('not into the ledger, the cache files, error messages, or the server log', async () => {
    const p = h.pipeline({ cache: { dir: path.join(h.dir, 'cache') } });
    const request = textRequest('openai', 'chat.completions.create', 'gpt-4o', 'hello', { temperature: 0 });
    await p.run({ request, source: 'p' });
    assert.equal((await p.run({ request, source: 'p' })).cacheHit, true);
    const stream = await p.stream({ request: { ...request, temperature: 0.5 }, source: 'p' });
    for await (const _d of stream.deltas) { /* drain */ }
    h.server.faults.push({ kind: 'status', status: 500, message: `upstream failed for key ${openaiKey}` });
    await p.run({ request: { ...request, temperature: 0.7 }, source: 'p' });
    const errors: string[] = [];
    // Anthropic rejects this key and its 401 message echoes it back.
    await p.run({ request: textRequest('anthropic', 'messages.create', 'claude-opus-5-5', 'hi'), source: 'p' }).catch((e: Error) => errors.push(e.message, String(e.stack)));
    assert.equal(errors.length, 2);
    assert.match(errors[0] as string, /the Anthropic API key was rejected/);
    const azure = new Pipeline({
      transports: [createOpenAiTransport({ id: 'azure', keys: keysOf({ azure: azureKey }), baseURL: h.server.baseUrl, deployment: 'd', apiVersion: '2024-10-21', authHeader: 'api-key' })],
      priceUsage: testPriceUsage, clock: h.clock, ledger: h.ledger,
    });
    await azure.run({ request, target: { provider: 'azure', model: 'gpt-4o', api: 'chat' }, source: 'p' }).catch((e: Error) => errors.push(e.message, String(e.stack)));
    assert.equal(errors.length, 4);
    assert.match(errors[2] as string, /the azure API key was rejected/);

    // The keys were really sent (so the checks below are meaningful)...
    assert.ok(h.server.requests.every((r) => r.auth !== 'none'));
    assert.deepEqual([...new Set(h.server.requests.map((r) => r.auth))].sort(), ['api-key', 'bearer']);
    assert.deepEqual([...new Set(h.server.requests.map((r) => r.path))].sort(), ['/v1/chat/completions', '/v1/messages']);
    // ...and appear nowhere afterwards.
    const texts = [
      ...filesUnder(h.dir).map((f) => fs.readFileSync(f, 'utf8')),
      ...errors,
      h.server.log.join('\n'),
      JSON.stringify(h.server.requests),
    ];
    assert.ok(filesUnder(h.dir).some((f) => f.endsWith('responseCache.json')));
    for (const text of texts) {
      for (const key of [openaiKey, anthropicKey, azureKey, '0123456789abcdef']) assert.ok(!text.includes(key), `found a key in: ${text.slice(0, 200)}`);
    }
  });
});
