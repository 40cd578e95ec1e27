import * as assert from 'node:assert/strict';
import { priceCall } from '../../../src/core/cost/callCost';
import { MalformedUsageError, tokensFromUsage } from '../../../src/core/cost/usage';
import { builtinCatalog, findModel } from '../../../src/core/pricing/catalog';

const model = (name: string) => findModel(builtinCatalog(), name)!;

describe('tokensFromUsage', () => {
  it('reads OpenAI Chat Completions usage, where prompt_tokens includes the cached tokens', () => {
    const usage = { prompt_tokens: 2000, completion_tokens: 300, total_tokens: 2300, prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };
    const parsed = tokensFromUsage('openai', usage);
    assert.equal(parsed.shape, 'openai-chat');
    assert.deepEqual(parsed.tokens, { inputTokens: 976, cachedInputTokens: 1024, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 300 });
    // 976 x $2.50 + 1,024 x $1.25 + 300 x $10, per 1M.
    assert.equal(priceCall(model('gpt-4o'), parsed.tokens).costUsd, 0.00672);
  });

  it('reads gpt-5.6+ cache writes and reasoning tokens (already inside completion_tokens)', () => {
    const parsed = tokensFromUsage('openai', { prompt_tokens: 10_000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 4000, cache_write_tokens: 5000 }, completion_tokens_details: { reasoning_tokens: 64 } });
    assert.deepEqual(parsed.tokens, { inputTokens: 1000, cachedInputTokens: 4000, cacheWrite5mTokens: 5000, cacheWrite1hTokens: 0, outputTokens: 100 });
    assert.equal(parsed.reasoningTokens, 64);
    assert.equal(priceCall(model('gpt-5.6-sol'), parsed.tokens).costUsd, 0.04125);
  });

  it('reads OpenAI Responses usage', () => {
    const parsed = tokensFromUsage('openai', { input_tokens: 300_000, input_tokens_details: { cached_tokens: 100_000 }, output_tokens: 2000, output_tokens_details: { reasoning_tokens: 1500 }, total_tokens: 302_000 });
    assert.equal(parsed.shape, 'openai-responses');
    assert.equal(parsed.tokens.inputTokens, 200_000);
    assert.equal(parsed.reasoningTokens, 1500);
    // Above 272K: 200,000 x $5 + 100,000 x $0.50 + 2,000 x $22.50, per 1M.
    assert.equal(priceCall(model('gpt-5.4'), parsed.tokens).costUsd, 1.095);
  });

  it('reads Anthropic usage, where input_tokens excludes cache reads and writes', () => {
    const usage = { input_tokens: 1000, cache_creation_input_tokens: 3000, cache_read_input_tokens: 50_000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 }, output_tokens: 500 };
    const parsed = tokensFromUsage('anthropic', usage);
    assert.equal(parsed.shape, 'anthropic-messages');
    assert.deepEqual(parsed.tokens, { inputTokens: 1000, cachedInputTokens: 50_000, cacheWrite5mTokens: 1000, cacheWrite1hTokens: 2000, outputTokens: 500 });
    assert.equal(priceCall(model('claude-sonnet-4-5'), parsed.tokens).costUsd, 0.04125);
  });

  it('treats Anthropic cache writes without a ttl split as 5-minute writes', () => {
    const parsed = tokensFromUsage('anthropic', { input_tokens: 10, cache_creation_input_tokens: 4000, cache_read_input_tokens: null, output_tokens: 20 });
    assert.deepEqual(parsed.tokens, { inputTokens: 10, cachedInputTokens: 0, cacheWrite5mTokens: 4000, cacheWrite1hTokens: 0, outputTokens: 20 });
    // 10 x $1 + 4,000 x $1.25 + 20 x $5, per 1M (Haiku 4.5).
    assert.equal(priceCall(model('claude-haiku-4-5'), parsed.tokens).costUsd, 0.00511);
  });

  it('takes the usage out of a whole response and honours batch and flex markers', () => {
    const batch = tokensFromUsage('anthropic', { id: 'msg_1', type: 'message', usage: { input_tokens: 100, output_tokens: 10, service_tier: 'batch' } });
    assert.equal(batch.tokens.batch, true);
    assert.equal(priceCall(model('claude-haiku-4-5'), batch.tokens).costUsd, 0.000075);
    const flex = tokensFromUsage('openai', { object: 'response', service_tier: 'flex', usage: { input_tokens: 10, output_tokens: 1 } });
    assert.equal(flex.tokens.flex, true);
  });

  it('explains malformed usage', () => {
    assert.throws(() => tokensFromUsage('anthropic', { prompt_tokens: 5, completion_tokens: 1 }), (e: Error) => e instanceof MalformedUsageError && /not an Anthropic Messages usage object: input_tokens/.test(e.message));
    assert.throws(() => tokensFromUsage('openai', { prompt_tokens: 10, completion_tokens: -1 }), /completion_tokens/);
    assert.throws(() => tokensFromUsage('openai', { tokens: 10 }), /expected prompt_tokens \(Chat Completions\) or input_tokens \(Responses\)/);
    assert.throws(() => tokensFromUsage('openai', { prompt_tokens: 100, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 200 } }), /exceed prompt_tokens/);
    assert.throws(() => tokensFromUsage('anthropic', { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 10, cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 3 } }), /splits 3 \+ 3/);
    assert.throws(() => tokensFromUsage('openai', 'usage'), /must be a JSON object/);
  });
});
