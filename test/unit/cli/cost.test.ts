import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { costCommand } from '../../../src/cli/commands/cost';
import { memoryIo } from '../../support/memoryIo';

const anthropicUsage = JSON.stringify({ input_tokens: 1000, cache_creation_input_tokens: 3000, cache_read_input_tokens: 50_000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 }, output_tokens: 500 });
const io = (input: Record<string, string> = {}) => Object.assign(memoryIo(input), { env: { TOKENWISE_PRICES_FILE: path.join(os.tmpdir(), 'tokenwise-no-such-overlay.json') } });

describe('tokenwise cost', () => {
  it('prints the cost and its breakdown as JSON in the documented shape', async () => {
    const out = io({ '-': anthropicUsage });
    assert.equal(await costCommand.run(['--model', 'claude-sonnet-4-5', '--usage', '-', '--json'], out), 0);
    const json = JSON.parse(out.stdout);
    assert.deepEqual(Object.keys(json), ['model', 'costUsd', 'breakdown', 'priceSource', 'priceAsOf']);
    assert.equal(json.model, 'claude-sonnet-4-5');
    assert.equal(json.costUsd, 0.04125);
    assert.deepEqual(json.breakdown, { input: 0.003, cachedInput: 0.015, cacheWrite5m: 0.00375, cacheWrite1h: 0.012, output: 0.0075 });
    assert.equal(json.priceAsOf, '2026-11-24');
    assert.match(json.priceSource, /claude\.com/);
  });

  it('applies --batch', async () => {
    const out = io({ 'usage.json': anthropicUsage });
    assert.equal(await costCommand.run(['--model', 'claude-sonnet-4-5', '--usage', 'usage.json', '--batch', '--json'], out), 0);
    assert.equal(JSON.parse(out.stdout).costUsd, 0.020625);
  });

  it('prints a readable breakdown for OpenAI usage', async () => {
    const out = io({ 'u.json': JSON.stringify({ usage: { prompt_tokens: 2000, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 1024 } } }) });
    assert.equal(await costCommand.run(['--model', 'gpt-4o-2024-08-06', '--usage', 'u.json'], out), 0);
    assert.match(out.stdout, /^gpt-4o: \$0\.00672\n/);
    assert.match(out.stdout, /cached input\s+1,024 tokens {2}\$0\.00128/);
    assert.match(out.stdout, /prices: .* \(as of 2026-11-24\)/);
  });

  it('exits 2 on an unknown model, malformed usage or missing options', async () => {
    const unknown = io({ u: anthropicUsage });
    assert.equal(await costCommand.run(['--model', 'claude-haiku-4', '--usage', 'u'], unknown), 2);
    assert.match(unknown.stderr, /unknown model "claude-haiku-4"/);
    await assert.rejects(costCommand.run(['--model', 'claude-sonnet-4-5', '--usage', 'u'], io({ u: '{"prompt_tokens":1}' })), /not an Anthropic Messages usage object/);
    await assert.rejects(costCommand.run(['--model', 'gpt-4o', '--usage', 'u'], io({ u: 'nope' })), /cannot read usage from u/);
    await assert.rejects(costCommand.run(['--model', 'gpt-4o', '--usage', 'u', '--flex'], io({ u: '{"prompt_tokens":1,"completion_tokens":1}' })), /gpt-4o has no flex pricing/);
    await assert.rejects(costCommand.run(['--usage', 'u'], io()), /--model is required/);
  });
});
