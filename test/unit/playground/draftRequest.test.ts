import * as assert from 'node:assert/strict';
import { draftToRequest, fieldName, requestToDraft, textToParts } from '../../../src/core/playground/draftRequest';
import { estimateDraft } from '../../../src/core/playground/estimateDraft';
import { builtinCatalog } from '../../../src/core/pricing/catalog';
import type { PlaygroundDraft } from '../../../src/core/protocol/playgroundMessages';

const draft: PlaygroundDraft = {
  provider: 'openai', model: 'gpt-4o', system: 'You help {{user}}.', messages: [{ role: 'user', content: 'Summarize: {{doc}}' }],
  maxTokens: 100, temperature: 0, placeholders: { user: 'Ada' },
};

describe('playground drafts', () => {
  it('fills template fields that have values and keeps the others as placeholders', () => {
    assert.deepEqual(textToParts('Hi {{ user }}, see {{doc}}!', { user: 'Ada' }), [
      { kind: 'text', text: 'Hi Ada, see ' }, { kind: 'placeholder', name: 'doc' }, { kind: 'text', text: '!' },
    ]);
  });

  it('sends the system prompt the way each provider takes it', () => {
    const openai = draftToRequest(draft);
    assert.equal(openai.messages[0]?.role, 'system');
    assert.equal(openai.system, undefined);
    const anthropic = draftToRequest(draft, { provider: 'anthropic', model: 'claude-haiku-4-5' });
    assert.equal(anthropic.api, 'messages.create');
    assert.deepEqual(anthropic.system?.[0]?.parts, [{ kind: 'text', text: 'You help Ada.' }]);
    assert.equal(anthropic.messages[0]?.role, 'user');
  });

  it('turns a call site into a draft with fields for its template parts', () => {
    const d = requestToDraft({
      provider: 'openai', api: 'chat.completions.create', model: null,
      messages: [
        { role: 'system', blocks: [{ parts: [{ kind: 'text', text: 'Be brief.' }] }] },
        { role: 'user', blocks: [{ parts: [{ kind: 'text', text: 'Customer ' }, { kind: 'placeholder', name: 'ticket.customer' }, { kind: 'text', text: ' wrote ' }, { kind: 'placeholder', name: 'new Date()' }] }] },
      ],
    }, 'gpt-4o-mini');
    assert.equal(d.model, 'gpt-4o-mini');
    assert.equal(d.system, 'Be brief.');
    assert.deepEqual(d.messages, [{ role: 'user', content: 'Customer {{ticket.customer}} wrote {{new_Date}}' }]);
    assert.equal(d.temperature, 1);
    assert.equal(fieldName('  '), 'value');
  });

  it('estimates input tokens and the most a run can cost', () => {
    const e = estimateDraft(draft, builtinCatalog(), 50);
    assert.equal(e.exact, false, 'the unfilled {{doc}} is an assumption');
    assert.ok(e.band && e.band.low < e.inputTokens && e.inputTokens < e.band.high);
    assert.ok(Math.abs((e.maxCostUsd ?? 0) - ((e.band?.high ?? 0) * 2.5 + 100 * 10) / 1e6) < 1e-12);
    const filled = estimateDraft({ ...draft, placeholders: { user: 'Ada', doc: 'The report.' } }, builtinCatalog(), 50);
    assert.equal(filled.exact, true);
    assert.equal(estimateDraft({ ...draft, model: 'no-such-model' }, builtinCatalog(), 50).maxCostUsd, null);
  });
});
