import * as assert from 'node:assert/strict';
import { initParsers } from '../../../src/core/parse/treeSitter';
import type { Finding } from '../../../src/core/rules/finding';
import { applyRuleSettings, hardcodedKeyFindings, suppressedAbove } from '../../../src/core/rules/sourceRules';
import { fixture } from './fixtureHelpers';

describe('rules over the source text', () => {
  before(async function () {
    this.timeout(20_000);
    await initParsers();
  });

  it('hardcoded-api-key: an OpenAI key passed as apiKey, without ever printing the key', () => {
    const { text } = fixture('hardcodedKey.ts');
    const [f, ...rest] = hardcodedKeyFindings(text, 'typescript');
    assert.equal(rest.length, 0);
    assert.equal(f?.ruleId, 'hardcoded-api-key');
    assert.equal(f?.severity, 'error');
    assert.equal(text.slice(f!.range.start, f!.range.end), "'sk-proj-EXAMPLEexampleEXAMPLEexample0000'");
    assert.ok(!f!.message.includes('EXAMPLE'));
    assert.deepEqual(f?.fix, { kind: 'env-key', envVar: 'OPENAI_API_KEY' });
  });

  it('hardcoded-api-key: Python keyword argument and *_API_KEY assignment, Anthropic variable', () => {
    const found = hardcodedKeyFindings(fixture('hardcodedKey.py').text, 'python');
    assert.equal(found.length, 2);
    for (const f of found) {
      assert.ok(f.fix?.kind === 'env-key' && f.fix.envVar === 'ANTHROPIC_API_KEY');
      assert.ok(!f.message.includes('EXAMPLE'));
    }
  });

  it('hardcoded-api-key: not for key-shaped text under other names, short strings, or env reads', () => {
    const text = [
      "const example = 'sk-proj-EXAMPLEexampleEXAMPLEexample0000';",
      "const apiKey = 'sk-short';",
      'const key2 = process.env.OPENAI_API_KEY;',
      "const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: 'sk-proj-EXAMPLEexampleEXAMPLEexample0000' });",
    ].join('\n');
    assert.deepEqual(hardcodedKeyFindings(text, 'typescript'), []);
    assert.deepEqual(hardcodedKeyFindings('client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n', 'python'), []);
  });

  it('reads suppression comments: ids, several ids, none (all), a reason after --', () => {
    const text = '// tokenwise-disable-next-line missing-max-tokens, cheaper-model\nAAA\n# tokenwise-disable-next-line\nBBB\n// tokenwise-disable-next-line cheaper-model -- quality\nCCC\nDDD';
    assert.deepEqual([...suppressedAbove(text, text.indexOf('AAA')) ?? []], ['missing-max-tokens', 'cheaper-model']);
    assert.deepEqual([...suppressedAbove(text, text.indexOf('BBB')) ?? []], ['*']);
    assert.deepEqual([...suppressedAbove(text, text.indexOf('CCC')) ?? []], ['cheaper-model']);
    assert.equal(suppressedAbove(text, text.indexOf('DDD')), undefined);
    assert.equal(suppressedAbove(text, 0), undefined);
  });

  it('applies suppression above the call and above the flagged line', () => {
    const { text, calls } = fixture('suppressed.ts');
    const kept = calls.map((call) => applyRuleSettings(call.findings.map((finding) => ({ finding, callStart: call.site.callRange.start })), text, {}).map((f) => f.ruleId).sort());
    // a: both ids silenced above the statement; b: everything; c: only cheaper-model above `model:`.
    assert.deepEqual(kept, [[], [], ['missing-max-tokens']]);
    // Without the comments every call has both findings.
    const stripped = text.replace(/\/\/ tokenwise-disable-next-line[^\n]*/g, '//');
    const all = calls.map((call) => applyRuleSettings(call.findings.map((finding) => ({ finding, callStart: call.site.callRange.start })), stripped, {}).length);
    assert.deepEqual(all, [2, 2, 2]);
  });

  it('applies severity settings: off drops, a level overrides, unset keeps the default', () => {
    const f = (ruleId: string, severity: Finding['severity']): { finding: Finding } => ({ finding: { ruleId, severity, message: 'm', range: { start: 0, end: 1 } } });
    const out = applyRuleSettings([f('cheaper-model', 'info'), f('missing-max-tokens', 'info'), f('deprecated-model', 'error')], 'x', { 'cheaper-model': 'off', 'missing-max-tokens': 'error' });
    assert.deepEqual(out.map((x) => [x.ruleId, x.severity]), [['missing-max-tokens', 'error'], ['deprecated-model', 'error']]);
  });
});
