import * as assert from 'node:assert/strict';
import { callFindings, defaultMaxOutputTokens, maxTokensParam } from '../../../src/core/rules/callRules';
import { initParsers } from '../../../src/core/parse/treeSitter';
import { ruleCatalog } from '../../../src/core/rules/ruleCatalog';
import { catalog, fixture, ids, only, source } from './fixtureHelpers';

const openai = (body: string, model = 'gpt-4o-mini'): string => [
  "import OpenAI from 'openai';",
  'const client = new OpenAI();',
  `await client.chat.completions.create({ model: '${model}', ${body} messages: [{ role: 'user', content: 'Say hi' }] });`,
].join('\n');

describe('rules over one call', () => {
  before(async function () {
    // The first count loads the tokenizer ranks (about half a second).
    this.timeout(20_000);
    await initParsers();
    source(openai('max_tokens: 20,'));
  });

  it('has one catalogue entry per rule id, each with a default severity', () => {
    const names = ruleCatalog.map((r) => r.id);
    assert.equal(new Set(names).size, names.length);
    for (const id of ['cheaper-model', 'cache-control-placement', 'dynamic-before-static', 'prompt-compression', 'missing-max-tokens', 'max-tokens-above-limit',
      'context-window-overflow', 'deprecated-model', 'batch-candidate', 'hardcoded-api-key', 'too-many-tools', 'unknown-model']) {
      assert.ok(names.includes(id as never), id);
    }
  });

  it('cheaper-model: offers up to three models that at least halve the cost, pointing at the model literal', () => {
    const { text, calls } = fixture('openaiLoop.ts');
    const f = only(calls).findings.find((x) => x.ruleId === 'cheaper-model');
    assert.ok(f);
    assert.equal(text.slice(f.range.start, f.range.end), 'gpt-4o');
    assert.ok(f.fix?.kind === 'swap-model' && f.fix.models.length >= 1 && f.fix.models.length <= 3);
    assert.match(f.message, /cheaper/);
  });

  it('recomputes the advice when the call changes (the optimizer results are cached per call site)', () => {
    const { text } = fixture('openaiLoop.ts');
    assert.ok(ids(only(source(text))).includes('cheaper-model'));
    assert.ok(!ids(only(source(text.replace("model: 'gpt-4o'", "model: 'gpt-4o-mini'")))).includes('cheaper-model'));
    const rated = only(source(text.replace('export async function classifyAll', '// tokenwise: 1000/day\nexport async function classifyAll'))).findings.find((f) => f.ruleId === 'cheaper-model');
    assert.match(rated?.message ?? '', /\/month/);
  });

  it('cheaper-model: is quiet when the best saving is below half (gpt-4o-mini)', () => {
    assert.ok(!ids(only(source(openai('max_tokens: 20,')))).includes('cheaper-model'));
  });

  it('cheaper-model: follows crossProvider, offering the other provider only when asked', () => {
    const call = only(source(openai('max_tokens: 20,', 'gpt-4o')));
    const same = callFindings(call, { catalog, assumedPlaceholderTokens: 50 }).find((f) => f.ruleId === 'cheaper-model');
    const cross = callFindings(call, { catalog, assumedPlaceholderTokens: 50, crossProvider: true }).find((f) => f.ruleId === 'cheaper-model');
    assert.ok(same?.fix?.kind === 'swap-model' && same.fix.models.every((m) => !m.startsWith('claude')));
    assert.ok(cross?.fix?.kind === 'swap-model');
  });

  it('cache-control-placement: an Anthropic call with a large static system prompt and a call rate', () => {
    const f = only(fixture('anthropicSystem.ts').calls).findings.find((x) => x.ruleId === 'cache-control-placement');
    assert.equal(f?.fix?.kind, 'cache-control');
    assert.match(f?.message ?? '', /cache_control/);
  });

  it('cache-control-placement: not for a short prompt', () => {
    const calls = source([
      "import Anthropic from '@anthropic-ai/sdk';", 'const client = new Anthropic();', '// tokenwise: 5000/day',
      "await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] });",
    ].join('\n'));
    assert.ok(!ids(only(calls)).includes('cache-control-placement'));
  });

  it('dynamic-before-static: a changing sentence ahead of static ones, with a safe move', () => {
    const f = only(fixture('dynamicSystem.ts').calls).findings.find((x) => x.ruleId === 'dynamic-before-static');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.fix?.kind, 'move-dynamic');
  });

  it('dynamic-before-static: not when the changing part comes last', () => {
    const calls = source([
      "import Anthropic from '@anthropic-ai/sdk';", 'const client = new Anthropic();',
      'export const f = (today: string, q: string) => client.messages.create({ model: \'claude-sonnet-4-5\', max_tokens: 100, system: `You are a support assistant. Answer briefly.\\nToday is ${today}.`, messages: [{ role: \'user\', content: q }] });',
    ].join('\n'));
    assert.ok(!ids(only(calls)).includes('dynamic-before-static'));
  });

  it('prompt-compression: a verbose literal, with the compressed text and the saving', () => {
    const f = only(fixture('verbosePrompt.ts').calls).findings.find((x) => x.ruleId === 'prompt-compression');
    assert.ok(f?.fix?.kind === 'compress');
    assert.ok(f.fix.tokensAfter < f.fix.tokensBefore);
    assert.match(f.message, /saves \d+ tokens/);
  });

  it('prompt-compression: not for a concise prompt', () => {
    assert.ok(!ids(only(source(openai('max_tokens: 20,')))).includes('prompt-compression'));
  });

  it('missing-max-tokens: picks the key and value for the API and model', () => {
    const f = only(source(openai(''))).findings.find((x) => x.ruleId === 'missing-max-tokens');
    assert.deepEqual(f?.fix, { kind: 'max-tokens', param: 'max_tokens', value: 1024 });
    const reasoning = only(source(openai('', 'o3-mini')));
    assert.equal(maxTokensParam(reasoning), 'max_completion_tokens');
    assert.equal(defaultMaxOutputTokens(reasoning), 4096);
    const responses = only(source("import OpenAI from 'openai';\nconst client = new OpenAI();\nawait client.responses.create({ model: 'gpt-4o', input: 'Hi' });"));
    assert.equal(maxTokensParam(responses), 'max_output_tokens');
    assert.ok(!ids(only(source(openai('max_tokens: 20,')))).includes('missing-max-tokens'));
  });

  it('max-tokens-above-limit and context-window-overflow', () => {
    const [above, overflow] = fixture('limits.ts').calls;
    assert.ok(ids(above!).includes('max-tokens-above-limit'));
    assert.ok(!ids(above!).includes('context-window-overflow'));
    assert.ok(ids(overflow!).includes('context-window-overflow'));
    assert.ok(!ids(overflow!).includes('max-tokens-above-limit'));
  });

  it('deprecated-model and unknown-model', () => {
    assert.ok(ids(only(source(openai('max_tokens: 20,', 'o1-preview')))).includes('deprecated-model'));
    assert.ok(ids(only(source(openai('max_tokens: 20,', 'gpt-9-imaginary')))).includes('unknown-model'));
    assert.ok(!ids(only(source(openai('max_tokens: 20,')))).some((id) => id === 'deprecated-model' || id === 'unknown-model'));
  });

  it('batch-candidate: a non-streaming call in a loop, not a streaming one', () => {
    assert.ok(ids(only(fixture('openaiLoop.ts').calls)).includes('batch-candidate'));
    assert.ok(ids(only(fixture('anthropicLoop.py').calls)).includes('batch-candidate'));
    const streaming = source([
      "import OpenAI from 'openai';", 'const client = new OpenAI();',
      "for (const q of ['a', 'b']) await client.chat.completions.create({ model: 'gpt-4o', stream: true, max_tokens: 5, messages: [{ role: 'user', content: q }] });",
    ].join('\n'));
    assert.ok(!ids(only(streaming)).includes('batch-candidate'));
    assert.ok(!ids(only(fixture('verbosePrompt.ts').calls)).includes('batch-candidate'));
  });

  it('too-many-tools: more than 20 tools, not 20 or fewer', () => {
    assert.ok(ids(only(fixture('tooManyTools.ts').calls)).includes('too-many-tools'));
    assert.ok(!ids(only(fixture('verbosePrompt.ts').calls)).includes('too-many-tools'));
  });
});
