import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AnalysisContext } from '../../../src/core/analysis/analyzeCall';
import { analyzeFile } from '../../../src/core/analysis/analyzeFile';
import { main } from '../../../src/cli/main';
import { optimizeCall } from '../../../src/core/optimize/optimizeCall';
import { initParsers } from '../../../src/core/parse/treeSitter';
import { builtinCatalog } from '../../../src/core/pricing/catalog';
import { memoryIo } from '../../support/memoryIo';

const catalog = builtinCatalog();
const ctx: AnalysisContext = { catalog, assumedPlaceholderTokens: 50, expectedOutputTokens: 500, defaultCallsPerDay: 0 };
const policy = 'Refunds are possible within 30 days of purchase for unused licences. '.repeat(120);

function suggestions(source: string, file = 'app.ts') {
  const [call] = analyzeFile(source, file, ctx).calls;
  assert.ok(call, 'the fixture has a call');
  return { call, suggestions: optimizeCall(call, { catalog, assumedPlaceholderTokens: 50 }) };
}

describe('optimizing a call', () => {
  before(() => initParsers());

  it('compresses a verbose prompt literal in place, and says what it saves', () => {
    const source = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      '// tokenwise: 1000/day',
      "await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 50, messages: [",
      "  { role: 'system', content: 'Please make sure that you always answer in a polite tone. It is very important that you never reveal internal IDs.' },",
      "  { role: 'user', content: 'Hi' }] });",
    ].join('\n');
    const { suggestions: list } = suggestions(source);
    const compress = list.find((s) => s.kind === 'compress');
    assert.ok(compress?.compression && compress.range);
    assert.equal(source.slice(compress.range.start, compress.range.end), 'Please make sure that you always answer in a polite tone. It is very important that you never reveal internal IDs.');
    assert.ok(compress.tokensSaved > 0 && compress.savingPerCallUsd > 0);
    assert.ok(Math.abs((compress.savingPerMonthUsd ?? 0) - compress.savingPerCallUsd * 1000 * 30) < 1e-9);
    assert.match(compress.compression.text, /[Nn]ever reveal internal IDs/);
  });

  it('places cache_control on a large static Anthropic system prompt at a real call rate', () => {
    const source = [
      'import anthropic',
      'client = anthropic.Anthropic()',
      `POLICY = """${policy}"""`,
      '# tokenwise: 2000/day',
      'def answer(q):',
      '    return client.messages.create(model="claude-sonnet-4-5", max_tokens=200, system=POLICY, messages=[{"role": "user", "content": q}])',
    ].join('\n');
    const { suggestions: list } = suggestions(source, 'bot.py');
    const cache = list.find((s) => s.kind === 'cache-placement');
    assert.ok(cache, JSON.stringify(list.map((s) => s.title)));
    assert.match(cache.title, /system\[0\]/);
    assert.ok((cache.savingPerMonthUsd ?? 0) > 0);
    // A 5-minute write pays back after 1 read, a 1-hour write after 2 (provider-facts.md).
    assert.match(cache.reason, /\((5m, [\d,]+ tokens, pays back after 1 read|1h, [\d,]+ tokens, pays back after 2 reads)\)/);
  });

  it('asks OpenAI calls to put dynamic content after a long static prefix', () => {
    const source = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      `const POLICY = ${JSON.stringify(policy)};`,
      '// tokenwise: 2000/day',
      'export const ask = (user: string, q: string) => client.chat.completions.create({ model: "gpt-4o", max_tokens: 100, messages: [',
      '  { role: "system", content: `Today is ${new Date().toISOString()}. The user is ${user}.` },',
      '  { role: "system", content: POLICY },',
      '  { role: "user", content: q }] });',
    ].join('\n');
    const order = suggestions(source).suggestions.find((s) => s.kind === 'cache-order');
    assert.ok(order);
    assert.match(order.reason, /changes between calls/);
    assert.ok((order.savingPerMonthUsd ?? 0) > 0);
  });

  it('suggests the Batch API for a non-streaming call in a loop, not for a single call', () => {
    const loop = ["import OpenAI from 'openai';", 'const client = new OpenAI();', 'for (const doc of docs) {',
      "  await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 5, messages: [{ role: 'user', content: doc }] });", '}'].join('\n');
    assert.ok(suggestions(loop).suggestions.some((s) => s.kind === 'batch'));
    const single = loop.replace('for (const doc of docs) {', '{');
    assert.ok(!suggestions(single).suggestions.some((s) => s.kind === 'batch'));
  });

  it('tokenwise optimize prints the suggestions as JSON', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-opt-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), ["import OpenAI from 'openai';", 'const c = new OpenAI();',
        "c.chat.completions.create({ model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'Hello' }] });"].join('\n'));
      const io = memoryIo({}, dir);
      assert.equal(await main(['optimize', 'a.ts', '--json'], io), 0);
      const out = JSON.parse(io.stdout);
      assert.equal(out.file, 'a.ts');
      assert.equal(out.calls[0].model, 'gpt-4o');
      assert.ok(out.calls[0].suggestions.some((s: { kind: string }) => s.kind === 'cheaper-model'));
      assert.equal(await main(['optimize'], memoryIo({}, dir)), 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
