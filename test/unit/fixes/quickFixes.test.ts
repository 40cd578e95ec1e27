import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CallAnalysis } from '../../../src/core/analysis/analyzeFile';
import { batchRewrite } from '../../../src/core/fixes/batchRewrite';
import { fixActions, type FixAction } from '../../../src/core/fixes/fixActions';
import { escapeLiteral, literalStyleAt } from '../../../src/core/fixes/literalText';
import { envKeyEdits, maxTokensEdits } from '../../../src/core/fixes/quickFixes';
import { applyTextEdits, keepsCodeValid } from '../../../src/core/fixes/textEdit';
import { scanSource } from '../../../src/core/parse/scanSource';
import { initParsers, type GrammarId } from '../../../src/core/parse/treeSitter';
import { hardcodedKeyFindings } from '../../../src/core/rules/sourceRules';
import { fixture, fixturesDir, source } from '../rules/fixtureHelpers';

type EditAction = Extract<FixAction, { edits: unknown }>;

/** The fix of `ruleId` on the fixture's only call, applied; the result is parsed again. */
function applyFix(name: string, ruleId: string, pick = 0): { before: string; after: string; grammar: GrammarId; action: EditAction } {
  const { text, grammar, calls } = fixture(name);
  const call = calls[0] as CallAnalysis;
  const finding = call.findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${name} has a ${ruleId} finding`);
  const action = fixActions(finding, call.site, text, grammar)[pick];
  assert.ok(action && action.kind !== 'new-document', `${ruleId} has an edit fix on ${name}`);
  const after = applyTextEdits(text, action.edits);
  reparse(after, name, calls.length);
  return { before: text, after, grammar, action };
}

/** Fixes never break the code: the fixed text parses with the same calls and no syntax errors. */
function reparse(text: string, name: string, calls: number) {
  const scan = scanSource(text, name);
  assert.deepEqual(scan.diagnostics, [], `${name} parses cleanly after the fix`);
  assert.equal(scan.calls.length, calls, `${name} still has its calls`);
  return scan;
}

describe('quick fixes', () => {
  before(async function () {
    this.timeout(20_000);
    await initParsers();
    source("import OpenAI from 'openai';\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [] });");
  });

  it('swap model: rewrites the model literal, one action per suggested model', () => {
    const { action, after } = applyFix('openaiLoop.ts', 'cheaper-model', 1);
    const model = action.title.replace('Switch to ', '');
    assert.equal(scanSource(after, 'openaiLoop.ts').calls[0]?.request.model, model);
    assert.equal(action.kind === 'edit' && action.preferred, false);
  });

  it('cache_control (TS): wraps the system expression verbatim in a cached text block', () => {
    const { after, action } = applyFix('anthropicSystem.ts', 'cache-control-placement');
    assert.ok(after.includes("system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }],"));
    assert.equal(action.kind === 'edit' && action.preferred, true);
    const call = scanSource(after, 'anthropicSystem.ts').calls[0];
    assert.deepEqual(call?.request.system?.[0]?.cacheControl, { type: 'ephemeral', ttl: '5m' });
    // Once cached, the finding is gone (a TTL tweak worth a few cents is not reported).
    assert.ok(!source(after).some((c) => c.findings.some((f) => f.ruleId === 'cache-control-placement')));
  });

  it('cache_control (Python): the same with dict syntax', () => {
    const { after } = applyFix('anthropicSystem.py', 'cache-control-placement');
    assert.ok(after.includes('system=[{"type": "text", "text": POLICY, "cache_control": {"type": "ephemeral"}}],'));
    assert.deepEqual(scanSource(after, 'anthropicSystem.py').calls[0]?.request.system?.[0]?.cacheControl, { type: 'ephemeral', ttl: '5m' });
  });

  it('cache_control on a list of blocks: added to the last block', () => {
    const { after } = applyFix('anthropicBlocks.ts', 'cache-control-placement');
    assert.ok(after.includes("{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } },"));
    assert.deepEqual(scanSource(after, 'anthropicBlocks.ts').calls[0]?.request.system?.[0]?.cacheControl, { type: 'ephemeral', ttl: '5m' });
  });

  it('move dynamic after static: the template is rewritten with the changing sentence last', () => {
    const { after } = applyFix('dynamicSystem.ts', 'dynamic-before-static');
    const parts = scanSource(after, 'dynamicSystem.ts').calls[0]?.request.system?.[0]?.parts ?? [];
    assert.equal(parts[0]?.kind === 'text' && parts[0].text.startsWith('You are the support assistant'), true);
    assert.deepEqual(parts[parts.length - 2], { kind: 'placeholder', name: 'today' });
  });

  it('compression (TS and Python): the literal gets the compressed text, in its own quoting', () => {
    for (const name of ['verbosePrompt.ts', 'verbosePrompt.py']) {
      const { after, action, before } = applyFix(name, 'prompt-compression');
      assert.equal(action.kind, 'preview');
      assert.match(action.title, /saves \d+ tokens/);
      const system = scanSource(after, name).calls[0]?.request.messages[0]?.blocks[0]?.parts[0];
      const finding = fixture(name).calls[0]?.findings.find((f) => f.ruleId === 'prompt-compression');
      assert.ok(finding?.fix?.kind === 'compress');
      assert.deepEqual(system && system.kind === 'text' ? system.text : undefined, finding.fix.text);
      assert.ok(after.length < before.length);
    }
  });

  it('add max_tokens: TS object and Python keyword, indented like the neighbours', () => {
    const ts = applyFix('openaiLoop.ts', 'missing-max-tokens');
    assert.ok(ts.after.includes("create({\n      max_tokens: 1024,\n      model: 'gpt-4o',"));
    assert.equal(scanSource(ts.after, 'openaiLoop.ts').calls[0]?.request.maxOutputTokens, 1024);
    const py = applyFix('openaiLoop.py', 'missing-max-tokens');
    assert.ok(py.after.includes('create(\n            max_tokens=1024,\n            model="gpt-4o",'));
    assert.equal(scanSource(py.after, 'openaiLoop.py').calls[0]?.request.maxOutputTokens, 1024);
  });

  it('add max_tokens: one-line objects, empty objects, and a key already set from a variable', () => {
    const text = "import OpenAI from 'openai';\nconst c = new OpenAI();\nawait c.responses.create({ model: 'gpt-4o', input: 'Hi' });\n";
    const site = scanSource(text, 'typescript').calls[0]!;
    const after = applyTextEdits(text, maxTokensEdits(site, text, 'typescript', 'max_output_tokens', 1024)!);
    assert.ok(after.includes("create({ max_output_tokens: 1024, model: 'gpt-4o', input: 'Hi' })"));
    assert.equal(scanSource(after, 'typescript').calls[0]?.request.maxOutputTokens, 1024);
    const withVariable = "import OpenAI from 'openai';\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: 'gpt-4o', max_tokens: LIMIT, messages: [] });\n";
    assert.equal(maxTokensEdits(scanSource(withVariable, 'typescript').calls[0]!, withVariable, 'typescript', 'max_tokens', 1024), undefined);
  });

  it('hard-coded key (TS): replaced by process.env, the key gone from the text', () => {
    const { text } = fixture('hardcodedKey.ts');
    const [finding] = hardcodedKeyFindings(text, 'typescript');
    const [action] = fixActions(finding!, undefined, text, 'typescript');
    assert.ok(action?.kind === 'edit');
    const after = applyTextEdits(text, action.edits);
    assert.ok(after.includes('new OpenAI({ apiKey: process.env.OPENAI_API_KEY })'));
    assert.ok(!after.includes('sk-proj-'));
    reparse(after, 'hardcodedKey.ts', 1);
  });

  it('hard-coded key (Python): os.environ, with `import os` added after __future__ imports', () => {
    const { text } = fixture('hardcodedKey.py');
    let after = text;
    // Fixed one at a time, as a user would, each time on the current text.
    for (let i = 0; i < 2; i++) {
      const [finding] = hardcodedKeyFindings(after, 'python');
      const [action] = fixActions(finding!, undefined, after, 'python');
      assert.ok(action?.kind === 'edit');
      after = applyTextEdits(after, action.edits);
    }
    assert.deepEqual(hardcodedKeyFindings(after, 'python'), []);
    assert.ok(!after.includes('sk-ant-'));
    assert.equal(after.match(/^import os$/gm)?.length, 1);
    assert.ok(after.indexOf('from __future__') < after.indexOf('import os'));
    assert.ok(after.includes('client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])'));
    reparse(after, 'hardcodedKey.py', 1);
  });

  it('hard-coded key: refuses an env var name that is not one', () => {
    assert.equal(envKeyEdits({ start: 0, end: 3 }, "'x'", 'typescript', 'A"B'), undefined);
  });

  it('batch rewrite: a complete program per provider and language that parses and calls the Batch API', () => {
    const cases: [string, RegExp][] = [
      ['openaiLoop.ts', /client\.batches\.create/],
      ['openaiLoop.py', /client\.batches\.create/],
      ['anthropicLoop.py', /client\.messages\.batches\.create/],
    ];
    for (const [name, expected] of cases) {
      const { text, grammar, calls } = fixture(name);
      const site = calls[0]!.site;
      const rewrite = batchRewrite(site, text, grammar);
      assert.ok(rewrite, name);
      assert.match(rewrite.content, expected);
      assert.match(rewrite.content, /50%/);
      assert.match(rewrite.content, /24 hours/);
      const scan = scanSource(rewrite.content, rewrite.language);
      assert.deepEqual(scan.diagnostics, [], `${name}: the batch program parses`);
      const batchCall = scan.calls.find((c) => /batches\.create$/.test(c.api));
      assert.ok(batchCall, `${name}: the scanner finds the batches.create call`);
      assert.ok(rewrite.content.includes(site.request.model ?? '?'), `${name}: keeps the model`);
    }
    const anthropicTs = "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nexport async function f(qs: string[]) {\n  for (const q of qs) {\n    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: q }] });\n  }\n}\n";
    const rewrite = batchRewrite(scanSource(anthropicTs, 'typescript').calls[0]!, anthropicTs, 'typescript');
    assert.ok(rewrite);
    assert.match(rewrite.content, /qs\.map\(\(q, i\) =>/);
    assert.deepEqual(scanSource(rewrite.content, 'typescript').diagnostics, []);
  });

  it('refuses edits that would break the code', () => {
    const text = fs.readFileSync(path.join(fixturesDir, 'openaiLoop.ts'), 'utf8');
    const open = text.indexOf('{ role');
    assert.equal(keepsCodeValid(text, [{ range: { start: open, end: open + 1 }, newText: '' }], 'typescript'), false);
    assert.equal(keepsCodeValid(text, [{ range: { start: 0, end: 0 }, newText: '// fine\n' }], 'typescript'), true);
  });

  it('writes text back in each quoting, and refuses what a raw string cannot hold', () => {
    const cases: [string, number, boolean, string, string][] = [
      ["x = 'a'", 5, true, "it's\nnew", "it\\'s\\nnew"],
      ['x = `a`', 5, false, 'cost ${x} `q`', 'cost \\${x} \\`q\\`'],
      ['x = f"a"', 6, true, 'use {json}', 'use {{json}}'],
      // A quote right before the closing triple quote would end the string early, so it is escaped.
      ['x = """a"""', 7, true, 'line\nline "q"', 'line\nline "q\\"'],
    ];
    for (const [text, at, py, value, expected] of cases) {
      const style = literalStyleAt(text, at, py);
      assert.ok(style, text);
      assert.equal(escapeLiteral(value, style), expected, text);
    }
    assert.equal(escapeLiteral("it's", literalStyleAt("x = r'a'", 6, true)!), undefined);
  });
});
