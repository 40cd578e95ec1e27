import * as assert from 'node:assert/strict';
import { analyzeCall, type AnalysisContext } from '../../../src/core/analysis/analyzeCall';
import type { CallSite } from '../../../src/core/parse/callSite';
import { adviseModels } from '../../../src/core/optimize/modelAdvice';
import { builtinCatalog, findModel } from '../../../src/core/pricing/catalog';
import type { LlmRequest } from '../../../src/core/request/llmRequest';

const catalog = builtinCatalog();
const ctx: AnalysisContext = { catalog, assumedPlaceholderTokens: 50, expectedOutputTokens: 500, defaultCallsPerDay: 0 };

function call(request: Partial<LlmRequest>) {
  const req: LlmRequest = {
    provider: 'openai', api: 'chat.completions.create', model: 'gpt-4o',
    messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'text', text: 'Summarize the quarterly report in five bullet points.' }] }] }],
    maxOutputTokens: 400, ...request,
  };
  const site: CallSite = { provider: req.provider, api: req.api, range: { start: 0, end: 1 }, line: 1, column: 1, callRange: { start: 0, end: 1 }, request: req, modelSource: 'literal', inLoop: false };
  return analyzeCall(site, ctx);
}

describe('model advisor', () => {
  it('suggests cheaper current models of the same provider, best saving first, with the reason', () => {
    const advice = adviseModels(call({}), catalog);
    assert.ok(advice.length > 0);
    for (const s of advice) {
      const entry = findModel(catalog, s.model);
      assert.equal(entry?.provider, 'openai');
      assert.equal(entry?.lifecycle.status, 'active');
      assert.ok(s.savingUsd > 0 && s.costUsd < (call({}).cost?.costUsd ?? 0));
      assert.match(s.reason, /context; \$\S+\/call instead of \$\S+ \(\d+% less\)/);
    }
    for (let i = 1; i < advice.length; i++) assert.ok((advice[i - 1]?.savingUsd ?? 0) >= (advice[i]?.savingUsd ?? 0));
  });

  it('never suggests a model that lacks a feature the call uses', () => {
    const withTools = call({ tools: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } }] });
    for (const s of adviseModels(withTools, catalog, { limit: 50 })) assert.equal(findModel(catalog, s.model)?.capabilities.tools, true, s.model);
    const reasoning = call({ model: 'o3' });
    for (const s of adviseModels(reasoning, catalog, { limit: 50 })) assert.equal(findModel(catalog, s.model)?.capabilities.reasoning, true, s.model);
    const bigOutput = call({ model: 'gpt-4.1', maxOutputTokens: 30_000 });
    for (const s of adviseModels(bigOutput, catalog, { limit: 50 })) assert.ok((findModel(catalog, s.model)?.maxOutputTokens ?? 0) >= 30_000, s.model);
  });

  it('re-counts the prompt with each candidate\'s tokenizer', () => {
    const opus = call({ provider: 'anthropic', api: 'messages.create', model: 'claude-opus-4-5' });
    const advice = adviseModels(opus, catalog, { limit: 50 });
    assert.ok(advice.some((s) => s.model === 'claude-haiku-4-5'));
    for (const s of advice) assert.equal(s.inputTokensExact, false, 'Claude counts stay estimates');
  });

  it('only crosses providers when asked; nothing for unpriced calls, nor for embeddings (another model means other vectors)', () => {
    assert.ok(adviseModels(call({}), catalog, { limit: 50 }).every((s) => s.provider === 'openai'));
    assert.ok(adviseModels(call({}), catalog, { limit: 50, crossProvider: true }).some((s) => s.provider === 'anthropic'));
    assert.deepEqual(adviseModels(call({ model: 'not-a-model' }), catalog), []);
    const embed = call({ api: 'embeddings.create', model: 'text-embedding-3-large', maxOutputTokens: undefined });
    assert.deepEqual(adviseModels(embed, catalog), []);
  });
});
