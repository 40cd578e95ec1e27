import * as assert from 'node:assert/strict';
import type { ContentPart, RequestBlock } from '../../../src/core/request/llmRequest';
import { moveDynamicAfterStatic } from '../../../src/core/optimize/cachePlanReorder';

const t = (text: string): ContentPart => ({ kind: 'text', text });
const ph = (name: string): ContentPart => ({ kind: 'placeholder', name });

describe('moving dynamic content after static content', () => {
  it('moves a standalone dynamic line last, into its own block, keeping the static text and cache_control', () => {
    const blocks: RequestBlock[] = [
      { parts: [t('You are a support agent for Acme.\nThe current user is '), ph('user_name'), t('.\nAnswer briefly. Cite the docs.')] },
      { parts: [t('Refund policy: 30 days.')], cacheControl: { type: 'ephemeral', ttl: '5m' } },
    ];
    const r = moveDynamicAfterStatic(blocks);
    assert.equal(r.safe, true);
    assert.equal(r.changed, true);
    assert.deepEqual(r.blocks, [
      { parts: [t('You are a support agent for Acme.\nAnswer briefly. Cite the docs.')] },
      { parts: [t('Refund policy: 30 days.')], cacheControl: { type: 'ephemeral', ttl: '5m' } },
      { parts: [t('The current user is '), ph('user_name'), t('.')] },
    ]);
  });

  it('moves a sentence whose date is written out at run time', () => {
    const r = moveDynamicAfterStatic([{ parts: [t('Be concise. Today is 2026-11-24. Use metric units.')] }]);
    assert.deepEqual(r.blocks, [{ parts: [t('Be concise. Use metric units.')] }, { parts: [t('Today is 2026-11-24.')] }]);
  });

  const unsafe: [string, RequestBlock[], RegExp][] = [
    ['other text refers to the value', [{ parts: [t('The user is '), ph('user_name'), t('. Address them by name.')] }], /mentions "name"/],
    ['the line before introduces it', [{ parts: [t('Context:\n'), ph('doc'), t('\nAnswer the question.')] }], /introduces/],
    ['the next sentence points back', [{ parts: [t('The plan is '), ph('plan'), t('. This limits the answer length.')] }], /refer back/],
    ['it points at its neighbours', [{ parts: [t('Use the rules below for '), ph('team'), t('.\nRule one: be brief.')] }], /refers to the text around/],
    ['it is a list item', [{ parts: [t('Rules:\n\n- Greet '), ph('who'), t('\n- Be brief')] }], /list/],
    ['it sits inside a tag', [{ parts: [t('<profile>\nPlan '), ph('plan'), t('\n</profile>\nBe brief.')] }], /element/],
  ];
  for (const [label, blocks, why] of unsafe) {
    it(`refuses when ${label}`, () => {
      const r = moveDynamicAfterStatic(blocks);
      assert.equal(r.safe, false);
      assert.equal(r.changed, false);
      assert.deepEqual(r.blocks, blocks);
      assert.match(r.reason, why);
    });
  }

  it('leaves prompts whose dynamic content already comes last', () => {
    const blocks: RequestBlock[] = [{ parts: [t('Be brief.\nQuestion: '), ph('q')] }];
    assert.deepEqual(moveDynamicAfterStatic(blocks), { safe: true, changed: false, reason: 'No dynamic content comes before static content.', blocks });
  });
});
