import * as assert from 'node:assert/strict';
import type { BatchAdviceInput } from '../../../src/core/optimize/batchAdvice';
import { adviseBatch, batchEndpoint } from '../../../src/core/optimize/batchAdvice';

const loop: BatchAdviceInput = { provider: 'openai', api: 'chat.completions.create', stream: false, inLoop: true, interactive: false, perCallCostUsd: 0.02, callsPerDay: 1000 };

describe('batch advice', () => {
  it('suggests the Batch API for non-streaming calls in a loop, with the 50% saving and the 24 h trade-off', () => {
    const a = adviseBatch(loop);
    assert.equal(a.suggest, true);
    assert.equal(a.endpoint, '/v1/chat/completions');
    assert.equal(a.savingPerCallUsd, 0.01);
    assert.equal(a.savingPerDayUsd, 10);
    assert.equal(a.savingPerMonthUsd, 300);
    assert.match(a.latency, /24 hours/);
  });

  it('counts Anthropic cache reads and writes in the discount', () => {
    const a = adviseBatch({ ...loop, provider: 'anthropic', api: 'messages.create' });
    assert.equal(a.suggest, true);
    assert.match(a.reason, /cache reads and writes included/);
  });

  it('knows which endpoints each Batch API takes', () => {
    for (const api of ['chat.completions.create', 'responses.create', 'embeddings.create', 'completions.create', 'moderations.create', '/v1/responses']) {
      assert.notEqual(batchEndpoint('openai', api), null, api);
    }
    assert.equal(batchEndpoint('anthropic', 'messages.create'), '/v1/messages');
    assert.equal(batchEndpoint('openai', 'images.generate'), null);
    assert.equal(batchEndpoint('anthropic', 'messages.count_tokens'), null);
  });

  const refusals: [string, Partial<BatchAdviceInput>, RegExp][] = [
    ['streaming calls', { stream: true }, /Streaming/],
    ['interactive paths', { interactive: true }, /interactive/],
    ['calls outside loops', { inLoop: false }, /loop/],
    ['unsupported endpoints', { api: 'audio.speech.create' }, /does not accept/],
    ['calls already batched', { batch: true }, /already/],
    ['calls that cost nothing', { callsPerDay: 0 }, /Nothing to save/],
  ];
  for (const [label, change, why] of refusals) {
    it(`is not given for ${label}`, () => {
      const a = adviseBatch({ ...loop, ...change });
      assert.equal(a.suggest, false);
      assert.equal(a.savingPerMonthUsd, 0);
      assert.match(a.reason, why);
    });
  }
});
