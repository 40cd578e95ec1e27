import * as assert from 'node:assert/strict';
import type { LlmRequest } from '../../../src/core/request/llmRequest';
import { countRequest } from '../../../src/core/tokens/countTokens';
import { requestHash, TokenCountingService, type ExactCounter } from '../../../src/core/tokens/tokenCountingService';

function claudeRequest(text: string): LlmRequest {
  return { provider: 'anthropic', api: 'messages.create', model: 'claude-sonnet-4-5', messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'text', text }] }] }] };
}

function fakeCounter(result: (r: LlmRequest) => Promise<number>): ExactCounter & { calls: LlmRequest[] } {
  const calls: LlmRequest[] = [];
  return { calls, supports: (r) => r.provider === 'anthropic', count: (r) => { calls.push(r); return result(r); } };
}

describe('TokenCountingService', () => {
  it('returns the local estimate when no exact counter is configured', async () => {
    const request = claudeRequest('hello');
    assert.deepEqual(await new TokenCountingService().count(request), countRequest(request));
  });

  it('prefers the exact counter and marks the result exact', async () => {
    const counter = fakeCounter(async () => 12);
    const result = await new TokenCountingService({ exactCounter: counter }).count(claudeRequest('hello'));
    assert.equal(result.total, 12);
    assert.equal(result.exact, true);
    assert.equal(result.band, undefined);
    assert.equal(result.source, 'count_tokens');
  });

  it('asks the exact counter once per content, even for concurrent requests', async () => {
    const counter = fakeCounter(async () => 12);
    const service = new TokenCountingService({ exactCounter: counter });
    await Promise.all([service.count(claudeRequest('hello')), service.count(claudeRequest('hello'))]);
    await service.count(claudeRequest('hello'));
    assert.equal(counter.calls.length, 1);
    await service.count(claudeRequest('hello!'));
    assert.equal(counter.calls.length, 2);
  });

  it('hashes requests independently of property order', () => {
    const a = claudeRequest('x');
    const b: LlmRequest = { messages: a.messages, model: a.model, api: a.api, provider: a.provider };
    assert.equal(requestHash(a), requestHash(b));
    assert.notEqual(requestHash(a), requestHash(claudeRequest('y')));
  });

  it('falls back to the estimate with a note when the exact counter fails, and retries later', async () => {
    let fail = true;
    const counter = fakeCounter(async () => { if (fail) throw new Error('offline'); return 9; });
    const service = new TokenCountingService({ exactCounter: counter });
    const first = await service.count(claudeRequest('hello'));
    assert.equal(first.exact, false);
    assert.match(first.notes.join('\n'), /exact count unavailable \(offline\)/);
    fail = false;
    assert.equal((await service.count(claudeRequest('hello'))).total, 9);
  });

  it('never sends requests with placeholders or already exact OpenAI requests', async () => {
    const counter = fakeCounter(async () => 1);
    const service = new TokenCountingService({ exactCounter: { ...counter, supports: () => true } });
    const withPlaceholder: LlmRequest = { ...claudeRequest('x'), messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'placeholder', name: 'q' }] }] }] };
    assert.equal((await service.count(withPlaceholder)).source, 'estimate');
    const openai: LlmRequest = { ...claudeRequest('hello'), provider: 'openai', api: 'chat.completions.create', model: 'gpt-4o' };
    assert.equal((await service.count(openai)).source, 'tokenizer');
    assert.equal(counter.calls.length, 0);
  });

  it('knows a counted request by content hash, without asking again, and not a changed one', async () => {
    const counter = fakeCounter(async () => 12);
    const service = new TokenCountingService({ exactCounter: counter });
    assert.equal(service.known(claudeRequest('hello')), undefined);
    await service.count(claudeRequest('hello'));
    const known = service.known(claudeRequest('hello'));
    assert.equal(known?.total, 12);
    assert.equal(known?.exact, true);
    assert.equal(known?.source, 'count_tokens');
    assert.equal(service.known(claudeRequest('hello, world')), undefined);
    assert.equal(counter.calls.length, 1);
  });

  it('starts from persisted totals (hashes and numbers only) and hands them back for saving', async () => {
    const first = new TokenCountingService({ exactCounter: fakeCounter(async () => 21) });
    await first.count(claudeRequest('persist me'));
    const saved = first.knownTotals();
    assert.deepEqual(saved, [[requestHash(claudeRequest('persist me')), 21]]);
    const counter = fakeCounter(async () => 99);
    const second = new TokenCountingService({ exactCounter: counter, known: saved });
    assert.equal(second.known(claudeRequest('persist me'))?.total, 21);
    assert.equal((await second.count(claudeRequest('persist me'))).total, 21);
    assert.equal(counter.calls.length, 0, 'a persisted count is never requested again');
  });

  it('knows nothing for requests the counter does not take', () => {
    const service = new TokenCountingService({ exactCounter: fakeCounter(async () => 1), known: [[requestHash(claudeRequest('x')), 5]] });
    const withPlaceholder: LlmRequest = { ...claudeRequest('x'), messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'placeholder', name: 'q' }] }] }] };
    assert.equal(service.known(withPlaceholder), undefined);
    assert.equal(new TokenCountingService({ known: [[requestHash(claudeRequest('x')), 5]] }).known(claudeRequest('x')), undefined);
  });
});
