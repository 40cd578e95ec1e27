import * as assert from 'node:assert/strict';
import { mergeAnthropicStreamUsage, normalizeAnthropicUsage, normalizeOpenAiChatUsage, normalizeOpenAiResponsesUsage, totalInputTokens } from '../../../src/core/runtime/usage';

describe('usage normalization', () => {
  it('OpenAI chat: cached tokens are inside prompt_tokens', () => {
    const u = normalizeOpenAiChatUsage({ prompt_tokens: 2000, completion_tokens: 300, prompt_tokens_details: { cached_tokens: 1536 }, completion_tokens_details: { reasoning_tokens: 128 } });
    assert.deepEqual(u, { inputTokens: 464, cachedInputTokens: 1536, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 300, reasoningTokens: 128 });
    assert.equal(totalInputTokens(u), 2000);
  });

  it('OpenAI chat: gpt-5.6 cache writes are part of prompt_tokens too', () => {
    const u = normalizeOpenAiChatUsage({ prompt_tokens: 3000, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 1500 } });
    assert.equal(u.inputTokens, 500);
    assert.equal(u.cacheWrite5mTokens, 1500);
    assert.equal(totalInputTokens(u), 3000);
  });

  it('OpenAI chat: missing details and null usage read as zero', () => {
    assert.deepEqual(normalizeOpenAiChatUsage({ prompt_tokens: 10, completion_tokens: 2 }), { inputTokens: 10, cachedInputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 2 });
    assert.equal(normalizeOpenAiChatUsage(null).inputTokens, 0);
  });

  it('OpenAI responses: cached tokens are inside input_tokens', () => {
    const u = normalizeOpenAiResponsesUsage({ input_tokens: 1200, input_tokens_details: { cached_tokens: 1024 }, output_tokens: 50, output_tokens_details: { reasoning_tokens: 20 } });
    assert.deepEqual(u, { inputTokens: 176, cachedInputTokens: 1024, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 50, reasoningTokens: 20 });
  });

  it('Anthropic: input_tokens excludes cache reads and writes; writes split by TTL', () => {
    const u = normalizeAnthropicUsage({
      input_tokens: 50, cache_read_input_tokens: 4000, cache_creation_input_tokens: 3000, output_tokens: 400,
      cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
    });
    assert.deepEqual(u, { inputTokens: 50, cachedInputTokens: 4000, cacheWrite5mTokens: 1000, cacheWrite1hTokens: 2000, outputTokens: 400 });
    assert.equal(totalInputTokens(u), 7050);
  });

  it('Anthropic: without the TTL breakdown every write is a 5-minute write', () => {
    const u = normalizeAnthropicUsage({ input_tokens: 5, cache_creation_input_tokens: 300, cache_read_input_tokens: 0, output_tokens: 1 });
    assert.equal(u.cacheWrite5mTokens, 300);
    assert.equal(u.cacheWrite1hTokens, 0);
  });

  it('Anthropic streaming: message_delta output wins over message_start, input comes from message_start', () => {
    const u = mergeAnthropicStreamUsage(
      { input_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 0, output_tokens: 1 },
      { output_tokens: 42, input_tokens: null },
    );
    assert.deepEqual(u, { inputTokens: 20, cachedInputTokens: 100, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 42 });
  });
});
