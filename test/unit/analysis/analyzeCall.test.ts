import * as assert from 'node:assert/strict';
import { analyzeCall, billingOf, type AnalysisContext } from '../../../src/core/analysis/analyzeCall';
import { analyzeFile } from '../../../src/core/analysis/analyzeFile';
import { initParsers } from '../../../src/core/parse/treeSitter';
import { callSite as site, defaultContext } from '../../support/builders';

const ctx: AnalysisContext = defaultContext();


describe('analyzing one call', () => {
  it('prices input exactly and output at max_tokens (gpt-4o: $2.50 in, $10 out per 1M)', () => {
    const call = analyzeCall(site({ maxOutputTokens: 100 }), ctx);
    assert.equal(call.input.exact, true);
    assert.equal(call.outputAssumed, false);
    const expected = (call.input.total * 2.5 + 100 * 10) / 1e6;
    assert.ok(Math.abs((call.cost?.costUsd ?? -1) - expected) < 1e-12, `${call.cost?.costUsd} vs ${expected}`);
  });

  it('assumes the expected output when no max tokens is set, and says so', () => {
    const call = analyzeCall(site({}), ctx);
    assert.equal(call.outputTokens, 500);
    assert.equal(call.outputAssumed, true);
    assert.match(call.notes.join('\n'), /500 output tokens assumed/);
  });

  it('never prices an unknown model as another one', () => {
    const call = analyzeCall(site({ model: 'gpt-4o-turbo-ultra' }), ctx);
    assert.equal(call.cost, undefined);
    assert.match(call.notes.join('\n'), /not in the price catalog/);
  });

  it('leaves an unresolved model unpriced with the reason', () => {
    const call = analyzeCall(site({ model: null }, { modelSource: null, modelNullReason: 'env' }), ctx);
    assert.equal(call.cost, undefined);
    assert.match(call.notes.join('\n'), /model not resolved \(env\)/);
  });

  it('projects a month from the call-rate comment, else from the default setting', () => {
    const withComment = analyzeCall(site({ maxOutputTokens: 10 }, { callsPerDay: { perDay: 2000, text: 'tokenwise: 2000/day' } }), ctx);
    assert.ok(Math.abs((withComment.monthlyUsd ?? 0) - (withComment.cost?.costUsd ?? 0) * 2000 * 30) < 1e-9);
    assert.equal(analyzeCall(site({ maxOutputTokens: 10 }), ctx).monthlyUsd, null);
    assert.equal(analyzeCall(site({ maxOutputTokens: 10 }), { ...ctx, defaultCallsPerDay: 100 }).callsPerDay, 100);
  });

  it('halves the cost of a batch call', () => {
    const plain = analyzeCall(site({ maxOutputTokens: 10 }), ctx).cost?.costUsd ?? 0;
    const batch = analyzeCall(site({ maxOutputTokens: 10, batch: true }), ctx).cost?.costUsd ?? 0;
    assert.ok(Math.abs(batch - plain / 2) < 1e-12);
  });

  it('knows which APIs are free, input-only or not priced by tokens', () => {
    assert.equal(billingOf('messages.count_tokens'), 'free');
    assert.equal(billingOf('messages.countTokens'), 'free');
    assert.equal(billingOf('responses.input_tokens.count'), 'free');
    assert.equal(billingOf('moderations.create'), 'free');
    assert.equal(billingOf('embeddings.create'), 'input-only');
    assert.equal(billingOf('images.generate'), 'not-token-priced');
    assert.equal(billingOf('messages.batches.create'), 'not-token-priced');
    assert.equal(billingOf('chat.completions.create'), 'tokens');
    const embed = analyzeCall(site({ api: 'embeddings.create', model: 'text-embedding-3-small' }, { api: 'embeddings.create' }), ctx);
    assert.equal(embed.outputTokens, 0);
    assert.equal(embed.cost?.breakdown.output, 0);
  });
});

describe('analyzing a file', () => {
  before(() => initParsers());

  it('finds, counts, prices and flags the calls of a source file', () => {
    const source = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      "await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: 'Say hi' }] });",
      "await client.chat.completions.create({ model: 'o1-preview', max_tokens: 20, messages: [{ role: 'user', content: 'Say hi' }] });",
      "await client.chat.completions.create({ model: 'gpt-9-imaginary', messages: [{ role: 'user', content: 'Say hi' }] });",
    ].join('\n');
    const result = analyzeFile(source, 'app.ts', ctx);
    assert.equal(result.calls.length, 3);
    const [mini, retired, unknown] = result.calls;
    assert.equal(mini?.site.line, 3);
    assert.equal(mini?.input.exact, true);
    assert.ok((mini?.cost?.costUsd ?? 0) > 0);
    assert.deepEqual(mini?.findings, []);
    assert.equal(retired?.findings[0]?.ruleId, 'deprecated-model');
    assert.equal(retired?.findings[0]?.severity, 'error');
    assert.equal(unknown?.findings[0]?.ruleId, 'unknown-model');
    assert.equal(source.slice(unknown?.findings[0]?.range.start, unknown?.findings[0]?.range.end), 'gpt-9-imaginary');
  });

  it('reports binary content as skipped instead of parsing it', () => {
    const result = analyzeFile(Uint8Array.from([0x00, 0x01, 0x02, 0x6f, 0x70, 0x65, 0x6e, 0x61, 0x69]), 'blob.py', ctx);
    assert.equal(result.skipped?.reason, 'binary');
    assert.deepEqual(result.calls, []);
  });
});
