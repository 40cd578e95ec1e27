import * as assert from 'node:assert/strict';
import { streamUsageParser, usageOfBody } from '../../../src/core/runtime/passthroughUsage';

/** Feeds `text` in pieces of `size` characters, splitting lines and events anywhere. */
function feed(api: Parameters<typeof streamUsageParser>[0], text: string, size: number) {
  const p = streamUsageParser(api);
  for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
  return p.finish();
}

const chatStream = [
  'data: {"id":"c","model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{"content":"hi"}}]}',
  'data: {"id":"c","model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":3,"total_tokens":13,"prompt_tokens_details":{"cached_tokens":4}}}',
  'data: [DONE]',
].join('\n\n') + '\n\n';

const responsesStream = [
  'event: response.created\ndata: {"type":"response.created","response":{"model":"gpt-5","usage":null}}',
  'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"hi"}',
  'event: response.completed\ndata: {"type":"response.completed","response":{"model":"gpt-5","usage":{"input_tokens":8,"output_tokens":5,"input_tokens_details":{"cached_tokens":0},"output_tokens_details":{"reasoning_tokens":4}}}}',
].join('\n\n') + '\n\n';

const messagesStream = [
  'event: message_start\r\ndata: {"type":"message_start","message":{"model":"claude-sonnet-5-5","usage":{"input_tokens":7,"cache_read_input_tokens":20,"cache_creation_input_tokens":0,"output_tokens":1}}}',
  'event: content_block_delta\r\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hé"}}',
  'event: message_delta\r\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}',
  'event: message_stop\r\ndata: {"type":"message_stop"}',
].join('\r\n\r\n') + '\r\n\r\n';

describe('passthrough usage', () => {
  for (const size of [1, 7, 64, 100_000]) {
    it(`reads chat, responses and messages stream usage, whatever the chunking (${size})`, () => {
      assert.deepEqual(feed('chat', chatStream, size), {
        usage: { inputTokens: 6, cachedInputTokens: 4, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 3 }, model: 'gpt-4o-2024-08-06', complete: true,
      });
      const r = feed('responses', responsesStream, size);
      assert.equal(r.complete, true);
      assert.equal(r.usage.inputTokens, 8);
      assert.equal(r.usage.outputTokens, 5);
      assert.equal(r.usage.reasoningTokens, 4);
      assert.deepEqual(feed('messages', messagesStream, size), {
        usage: { inputTokens: 7, cachedInputTokens: 20, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 9 }, model: 'claude-sonnet-5-5', complete: true,
      });
    });
  }

  it('reports a stream cut before its final event as incomplete', () => {
    assert.equal(feed('chat', chatStream.split('data: [DONE]')[0] as string, 5).complete, false);
    assert.equal(feed('responses', responsesStream.split('event: response.completed')[0] as string, 5).complete, false);
    assert.equal(feed('messages', messagesStream.split('event: message_stop')[0] as string, 5).complete, false);
  });

  it('ignores comments, other fields and non-JSON data lines', () => {
    const p = streamUsageParser('chat');
    p.push(': keep-alive\n\nretry: 100\n\ndata: not json\n\n');
    p.push(chatStream);
    assert.equal(p.finish().usage.outputTokens, 3);
  });

  it('reads complete bodies; count_tokens is free and a strange usage object counts as zero, not as a failure', () => {
    assert.equal(usageOfBody('chat', { model: 'gpt-4o', usage: { prompt_tokens: 5, completion_tokens: 2 } }).usage.outputTokens, 2);
    assert.equal(usageOfBody('embeddings', { usage: { prompt_tokens: 11, total_tokens: 11 } }).usage.inputTokens, 11);
    assert.equal(usageOfBody('messages', { usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 2 } }).usage.cachedInputTokens, 2);
    assert.equal(usageOfBody('count_tokens', { input_tokens: 99 }).usage.inputTokens, 0);
    assert.equal(usageOfBody('chat', { usage: { prompt_tokens: 'many' } }).usage.inputTokens, 0);
  });
});
