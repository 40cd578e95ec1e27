import * as assert from 'node:assert/strict';
import { analyzeCall, type AnalysisContext } from '../../../src/core/analysis/analyzeCall';
import { callHoverMarkdown, cachingText, fileStatusText, fileTotals, lensTitle, selectionStatusText } from '../../../src/core/format/callPresentation';
import { formatTokens, formatUsd } from '../../../src/core/format/numbers';
import { compareModels } from '../../../src/core/optimize/modelComparison';
import { findModel } from '../../../src/core/pricing/catalog';
import { callSite as site, defaultContext } from '../../support/builders';

const ctx: AnalysisContext = defaultContext();


describe('call presentation', () => {
  it('lens title: exact input, max output, cost per call, model and month', () => {
    const call = analyzeCall(site({ maxOutputTokens: 100 }, { callsPerDay: { perDay: 2000, text: 'tokenwise: 2000/day' } }), ctx);
    const cost = call.cost?.costUsd ?? NaN;
    assert.equal(lensTitle(call), `${formatTokens(call.input.total)} in + 100 out tok · ${formatUsd(cost)}/call · gpt-4o · ${formatUsd(cost * 2000 * 30)}/mo`);
  });

  it('lens title marks assumed output with ≈ and estimated input with ~', () => {
    const call = analyzeCall(site({ model: 'claude-sonnet-4-5', provider: 'anthropic', api: 'messages.create' }, { provider: 'anthropic', api: 'messages.create' }), ctx);
    assert.equal(call.input.exact, false);
    assert.match(lensTitle(call), /^~\d[\d,]* in \+ ≈500 out tok · \$[\d.]+\/call · claude-sonnet-4-5$/);
  });

  it('lens title says model ? for an unresolved model and unpriced for an unknown one', () => {
    const unresolved = analyzeCall(site({ model: null }, { modelSource: null, modelNullReason: 'env' }), ctx);
    // Without a model there is no tokenizer to count with: the input is an estimate.
    assert.match(lensTitle(unresolved), /^~\d+ in \+ ≈500 out tok · model \?$/);
    const unknown = analyzeCall(site({ model: 'gpt-99-turbo' }), ctx);
    assert.match(lensTitle(unknown), /^~?\d+ in \+ ≈500 out tok · unpriced · gpt-99-turbo$/);
  });

  it('hover lists parts, cost split, context window use, price source and notes', () => {
    const call = analyzeCall(site({}), ctx);
    const entry = findModel(ctx.catalog, 'gpt-4o');
    const md = callHoverMarkdown({ call, suggestions: [], provenance: { source: 'openai.com/api/pricing', asOf: '2026-01-01' } });
    assert.match(md, /\| message 1 \(user\) \| \d+ \|/);
    assert.match(md, /\*\*Cost of one call:\*\* \$[\d.]+ \(input \$[\d.]+, output \$[\d.]+\)/);
    assert.match(md, new RegExp(`Context window:\\*\\* [\\d,]+ of ${formatTokens(entry?.contextWindow ?? 0)} tokens`));
    assert.match(md, /Price source:\*\* openai.com\/api\/pricing, as of 2026-01-01/);
    assert.match(md, /- no max output tokens set: 500 output tokens assumed/);
    // A prompt this short is below OpenAI's automatic-caching minimum.
    assert.match(cachingText(call, []).join(' '), /below the model's minimum of 1,024 tokens/);
  });

  it('status texts', () => {
    const a = analyzeCall(site({ maxOutputTokens: 10 }), ctx);
    const b = analyzeCall(site({ model: null }), ctx);
    const t = fileTotals([a, b]);
    assert.equal(t.unpriced, 1);
    assert.equal(t.exact, false);
    assert.equal(fileStatusText(t), `2 LLM calls · ~${formatTokens(a.input.total + b.input.total)} in tok · ${formatUsd(a.cost?.costUsd ?? 0)}/run · 1 unpriced`);
    assert.equal(selectionStatusText(1000, true, 'gpt-4o', findModel(ctx.catalog, 'gpt-4o')), '1,000 tok · $0.0025 as input · gpt-4o');
  });
});

describe('model comparison', () => {
  it('marks the current model, puts usable models before unusable ones and says why', () => {
    const call = analyzeCall(site({ maxOutputTokens: 100, tools: [{ name: 'lookup', parameters: { type: 'object' } }] }), ctx);
    const rows = compareModels(call, ctx.catalog);
    assert.equal(rows[0]?.entry.id, 'gpt-4o');
    assert.equal(rows[0]?.current, true);
    assert.ok(rows.every((r) => r.entry.provider === 'openai'), 'same provider only by default');
    const firstUnusable = rows.findIndex((r) => r.unmet !== undefined);
    assert.ok(firstUnusable > 1);
    assert.ok(rows.slice(firstUnusable).every((r) => r.unmet !== undefined), 'unusable models come last');
    const usable = rows.slice(1, firstUnusable);
    assert.deepEqual(usable.map((r) => r.costUsd), [...usable.map((r) => r.costUsd)].sort((x, y) => x - y), 'cheapest first');
    assert.ok(rows.some((r) => r.entry.kind === 'embedding' && r.unmet === 'a embedding model'));
    assert.ok(compareModels(call, ctx.catalog, { crossProvider: true }).some((r) => r.entry.provider === 'anthropic'));
  });

  it('compares an unresolved call too, without a current model', () => {
    const call = analyzeCall(site({ model: null }, { modelSource: null, modelNullReason: 'parameter' }), ctx);
    const rows = compareModels(call, ctx.catalog);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => !r.current));
  });
});
