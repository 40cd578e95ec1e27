import * as assert from 'node:assert/strict';
import type { LlmRequest } from '../../../src/core/request/llmRequest';
import { countRequest } from '../../../src/core/tokens/countTokens';
import { openAiImageTokens } from '../../../src/core/tokens/imageTokens';
import { renderOpenAiTools } from '../../../src/core/tokens/openAiToolPrompt';
import { reportedInput, toolChoice, truthCases, truthRequest } from './tokenTruth';

function chat(model: string, messages: LlmRequest['messages'], extra: Partial<LlmRequest> = {}): LlmRequest {
  return { provider: 'openai', api: 'chat.completions.create', model, messages, ...extra };
}

const text = (t: string) => ({ parts: [{ kind: 'text' as const, text: t }] });

describe('OpenAI request counts on token-truth', () => {
  const cases = truthCases().filter((c) => c.provider === 'openai');

  it('has the 25 OpenAI cases', () => assert.equal(cases.length, 25));

  for (const c of cases) {
    it(`${c.id} (${c.resolved_model ?? c.model}) matches the reported prompt_tokens exactly`, () => {
      const result = countRequest(truthRequest(c), { toolChoice: toolChoice(c) });
      assert.equal(result.total, reportedInput(c));
      assert.equal(result.exact, true);
      assert.equal(result.band, undefined);
      const p = result.parts;
      assert.equal(p.system + p.messages.reduce((a, b) => a + b, 0) + p.tools + p.overhead, result.total);
    });
  }

  it('counts by the snapshot that served: the gpt-3.5-turbo alias gave 39 on 0301 and 35 on 0613 (oa-15/16)', () => {
    const c = cases.find((x) => x.id === 'oa-15');
    assert.ok(c);
    const asSent = countRequest({ ...truthRequest(c), model: c.model });
    assert.equal(asSent.total, 35);
    assert.equal(countRequest(truthRequest(c)).total, 39);
  });
});

describe('OpenAI framing', () => {
  it('adds 3 per message, the role, 1 per name and 3 for reply priming', () => {
    const bare = countRequest(chat('gpt-4o', [{ role: 'user', blocks: [text('hello')] }]));
    assert.equal(bare.total, 8);
    const named = countRequest(chat('gpt-4o', [{ role: 'user', name: 'bob', blocks: [text('hello')] }]));
    assert.equal(named.total, 8 + 1 + 1);
  });

  it('renders function tools as a TypeScript namespace', () => {
    const rendered = renderOpenAiTools([
      { name: 'f', description: 'Does f.', parameters: { type: 'object', properties: { a: { type: 'integer', description: 'An a' }, b: { type: 'string', enum: ['x', 'y'] }, c: { type: 'array', items: { type: 'string' } } }, required: ['a'] } },
      { name: 'g' },
    ]);
    assert.equal(rendered, 'namespace functions {\n\n// Does f.\ntype f = (_: {\n// An a\na: number,\nb?: "x" | "y",\nc?: string[],\n}) => any;\n\ntype g = () => any;\n\n} // namespace functions');
  });

  it('adds 4 plus the name for a forced function and 1 for tool_choice none', () => {
    const request = chat('gpt-4o', [{ role: 'user', blocks: [text('hi')] }], { tools: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }] });
    const auto = countRequest(request).total;
    assert.equal(countRequest(request, { toolChoice: 'none' }).total, auto + 1);
    assert.equal(countRequest(request, { toolChoice: { name: 'lookup' } }).total, auto + 4 + 1);
  });

  it('says when tool definitions could not be read', () => {
    const result = countRequest(chat('gpt-4o', [{ role: 'user', blocks: [text('hi')] }], { toolsUnresolved: 2 }));
    assert.match(result.notes.join('\n'), /2 tool definition\(s\) could not be read statically/);
    // The count is then a lower bound: not exact, with a band reaching up by the assumed tool size.
    assert.equal(result.exact, false);
    assert.deepEqual(result.band, { low: result.total, high: result.total + 600 });
  });

  it('counts embeddings inputs as plain text with no framing', () => {
    const result = countRequest({ provider: 'openai', api: 'embeddings.create', model: 'text-embedding-3-small', messages: [{ role: 'user', blocks: [text('hello world')] }, { role: 'user', blocks: [text('hello')] }] });
    assert.deepEqual(result.parts, { system: 0, messages: [2, 1], tools: 0, overhead: 0 });
    assert.equal(result.total, 3);
    assert.equal(result.exact, true);
  });

  it('counts Responses instructions as a system message and flags the unpublished framing', () => {
    const result = countRequest({ provider: 'openai', api: 'responses.create', model: 'gpt-5.4', system: [text('Be brief.')], messages: [{ role: 'user', blocks: [text('hello')] }] });
    assert.equal(result.parts.system, 3 + 1 + 3);
    assert.equal(result.total, 7 + 8);
    assert.equal(result.exact, false);
    assert.ok(result.band && result.band.low < result.total && result.band.high > result.total);
    assert.match(result.notes.join('\n'), /Responses API framing assumed/);
  });
});

describe('placeholders and media', () => {
  it('counts each placeholder at the assumed size, says how many, and gives a band', () => {
    const request = chat('gpt-4o', [{ role: 'user', blocks: [{ parts: [{ kind: 'text', text: 'Summarize: ' }, { kind: 'placeholder', name: 'doc' }, { kind: 'text', text: ' for ' }, { kind: 'placeholder', name: 'user' }] }] }]);
    const result = countRequest(request, { assumedPlaceholderTokens: 100 });
    const literalOnly = countRequest(chat('gpt-4o', [{ role: 'user', blocks: [{ parts: [{ kind: 'text', text: 'Summarize: ' }, { kind: 'text', text: ' for ' }] }] }])).total;
    assert.equal(result.assumedPlaceholders, 2);
    assert.equal(result.exact, false);
    assert.ok(result.total >= literalOnly + 200 - 2 && result.total <= literalOnly + 200 + 2, 'two placeholders of 100');
    assert.deepEqual(result.band, { low: result.total - 200, high: result.total + 200 });
    assert.match(result.notes.join('\n'), /2 placeholder\(s\) of unknown size counted as 100 tokens each/);
    assert.equal(countRequest(request).total - result.total, 2 * (50 - 100), 'default is 50 per placeholder');
  });

  it('applies the tile formula to images of known size', () => {
    assert.deepEqual(openAiImageTokens({ kind: 'image', detail: 'low', width: 4096, height: 4096 }), { tokens: 85, assumed: false });
    assert.deepEqual(openAiImageTokens({ kind: 'image', detail: 'high', width: 1024, height: 1024 }), { tokens: 765, assumed: false });
    // OpenAI's worked example: 2048 x 4096 -> 1024 x 2048 -> 768 x 1536 -> 6 tiles -> 1105.
    assert.deepEqual(openAiImageTokens({ kind: 'image', detail: 'high', width: 2048, height: 4096 }), { tokens: 1105, assumed: false });
    assert.deepEqual(openAiImageTokens({ kind: 'image', width: 300, height: 200 }), { tokens: 255, assumed: false });
  });

  it('flags an image of unknown size as an assumption', () => {
    const result = countRequest(chat('gpt-4o', [{ role: 'user', blocks: [{ parts: [{ kind: 'image', detail: 'high' }] }] }]));
    assert.equal(result.assumedMedia, 1);
    assert.equal(result.exact, false);
    assert.equal(result.total, 3 + 1 + 765 + 3);
  });
});

describe('models without a known tokenizer', () => {
  it('estimates with o200k_base and says so', () => {
    const result = countRequest(chat('gemini-2.5-pro', [{ role: 'user', blocks: [text('hello there, how are you today?')] }]));
    assert.equal(result.exact, false);
    assert.ok(result.band && result.band.low < result.total && result.band.high > result.total);
    assert.match(result.notes[0] ?? '', /neither an OpenAI nor a Claude model/);
  });

  it('estimates an unresolved model id and says so', () => {
    const result = countRequest({ provider: 'openai', api: 'chat.completions.create', model: null, messages: [{ role: 'user', blocks: [text('hello')] }] });
    assert.equal(result.exact, false);
    assert.match(result.notes[0] ?? '', /not resolved/);
  });
});
