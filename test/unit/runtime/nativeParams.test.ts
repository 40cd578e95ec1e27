import * as assert from 'node:assert/strict';
import type { LlmRequest } from '../../../src/core/request/llmRequest';
import { buildNativeParams, targetOf } from '../../../src/core/runtime/nativeParams';

const request: LlmRequest = {
  provider: 'openai', api: 'chat.completions.create', model: 'gpt-4o', temperature: 0, maxOutputTokens: 50,
  messages: [
    { role: 'system', blocks: [{ parts: [{ kind: 'text', text: 'rules' }] }] },
    { role: 'user', name: 'ann', blocks: [{ parts: [{ kind: 'text', text: 'a ' }, { kind: 'text', text: 'b' }] }] },
  ],
  tools: [{ name: 'lookup', description: 'find', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
};

describe('native request bodies', () => {
  it('names its own target from the SDK method', () => {
    assert.deepEqual(targetOf(request), { provider: 'openai', model: 'gpt-4o', api: 'chat' });
    assert.equal(targetOf({ ...request, provider: 'anthropic', api: 'messages.create' }).api, 'messages');
    assert.throws(() => targetOf({ ...request, model: null }), /has no model/);
  });

  it('chat: messages as text, max_completion_tokens, function tools, extra params last', () => {
    assert.deepEqual(buildNativeParams(request, targetOf(request), { seed: 7 }), {
      messages: [{ role: 'system', content: 'rules' }, { role: 'user', content: 'a b', name: 'ann' }],
      max_completion_tokens: 50,
      tools: [{ type: 'function', function: { name: 'lookup', description: 'find', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
      temperature: 0, seed: 7,
    });
  });

  it('responses: system as instructions, max_output_tokens', () => {
    const body = buildNativeParams({ ...request, system: [{ parts: [{ kind: 'text', text: 'be brief' }] }], tools: undefined }, { provider: 'openai', model: 'gpt-5', api: 'responses' });
    assert.equal(body['instructions'], 'be brief');
    assert.equal(body['max_output_tokens'], 50);
    assert.deepEqual(body['input'], [{ role: 'system', content: 'rules' }, { role: 'user', content: 'a b' }]);
  });

  it('messages: system roles move to `system`, cache_control kept with its TTL, max_tokens required', () => {
    const body = buildNativeParams({ ...request, maxOutputTokens: undefined, cacheControl: { type: 'ephemeral', ttl: '1h' }, tools: [{ name: 't', cacheControl: { type: 'ephemeral', ttl: '5m' } }] },
      { provider: 'anthropic', model: 'claude-opus-5-5', api: 'messages' });
    assert.deepEqual(body, {
      system: [{ type: 'text', text: 'rules' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'a b' }] }],
      max_tokens: 1024,
      tools: [{ name: 't', description: undefined, input_schema: { type: 'object', properties: {} }, cache_control: { type: 'ephemeral', ttl: '5m' } }],
      cache_control: { type: 'ephemeral', ttl: '1h' },
      temperature: 0,
    });
  });

  it('refuses parts that have no value at run time', () => {
    const image: LlmRequest = { ...request, messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'image' }] }] }] };
    assert.throws(() => buildNativeParams(image, targetOf(image)), /an image input has no value at run time/);
  });
});
