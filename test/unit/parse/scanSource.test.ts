import * as assert from 'node:assert/strict';
import type { CallSite, SourcedPart } from '../../../src/core/parse/callSite';
import { scanSource } from '../../../src/core/parse/scanSource';
import { initParsers } from '../../../src/core/parse/treeSitter';
import { literalText } from '../../../src/core/request/llmRequest';

function scanOne(source: string, language: string): CallSite {
  const { calls, skipped } = scanSource(source, language);
  assert.equal(skipped, undefined);
  assert.equal(calls.length, 1, `expected one call, got ${calls.map((c) => c.api).join(', ')}`);
  return calls[0];
}

describe('scanSource', () => {
  before(async () => {
    await initParsers();
  });

  describe('TypeScript', () => {
    it('reports the method name position and the literal ranges an editor rewrites', () => {
      const src = [
        "import OpenAI from 'openai';",
        'const client = new OpenAI();',
        "const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi there' }] });",
      ].join('\n');
      const site = scanOne(src, 'typescript');
      assert.equal(site.line, 3);
      assert.equal(site.column, src.split('\n')[2].indexOf('create') + 1);
      assert.equal(src.slice(site.range.start, site.range.end), 'create');
      assert.equal(src.slice(site.modelRange!.start, site.modelRange!.end), 'gpt-4o');
      const part: SourcedPart = site.request.messages[0].blocks[0].parts[0];
      assert.ok(part.kind === 'text' && part.range);
      assert.equal(src.slice(part.range.start, part.range.end), 'Hi there');
      assert.equal(src.slice(site.argsRange!.start, site.argsRange!.start + 1), '{');
      assert.equal(site.modelSource, 'literal');
    });

    it('extracts system blocks, cache_control with ttl, tools from constants, limits and stream', () => {
      const src = `
import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
const POLICY = 'Be ' + 'kind.';
const lookup = { name: 'lookup', description: 'Find a row', input_schema: { type: 'object', properties: { id: { type: 'string' } } } };
export async function go(user: string, history: unknown[]) {
  return anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 300,
    temperature: 0.5,
    stream: true,
    cache_control: { type: 'ephemeral' },
    tools: [lookup, ...extraTools],
    system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral', ttl: '1h' } }],
    messages: [...history, { role: 'user', content: [{ type: 'text', text: \`Hello \${user}!\` }, { type: 'image', source: {} }] }],
  });
}`;
      const { request } = scanOne(src, 'typescript');
      assert.equal(request.maxOutputTokens, 300);
      assert.equal(request.temperature, 0.5);
      assert.equal(request.stream, true);
      assert.deepEqual(request.cacheControl, { type: 'ephemeral', ttl: '5m' });
      assert.equal(request.system?.length, 1);
      assert.equal(literalText(request.system![0].parts), 'Be kind.');
      assert.deepEqual(request.system![0].cacheControl, { type: 'ephemeral', ttl: '1h' });
      assert.equal(request.tools?.length, 1);
      assert.equal(request.tools![0].name, 'lookup');
      assert.deepEqual(request.tools![0].parameters, { type: 'object', properties: { id: { type: 'string' } } });
      assert.equal(request.toolsUnresolved, 1);
      assert.deepEqual(request.messages.map((m) => m.role), ['unknown', 'user']);
      assert.deepEqual(request.messages[0].blocks[0].parts, [{ kind: 'placeholder', name: 'history' }]);
      const last = request.messages[1].blocks;
      assert.deepEqual(last.map((b) => b.parts.map((p) => p.kind)), [['text', 'placeholder', 'text'], ['image']]);
      assert.deepEqual(last[0].parts.filter((p) => p.kind === 'placeholder'), [{ kind: 'placeholder', name: 'user' }]);
    });

    it('tells how the model was resolved, or why it could not be', () => {
      const src = `
import OpenAI from 'openai';
const client = new OpenAI();
const MODEL = 'gpt-4o-mini';
const base = { model: 'gpt-4.1' };
async function a(m = 'o3') { return client.chat.completions.create({ model: m, messages: [] }); }
async function b(m: string) { return client.chat.completions.create({ model: m, messages: [] }); }
async function c() { return client.chat.completions.create({ model: MODEL, messages: [] }); }
async function d() { return client.chat.completions.create({ ...base, messages: [] }); }
async function e() { const p = { model: 'gpt-5', messages: [] }; return client.chat.completions.create(p); }
async function f() { return client.chat.completions.create({ model: process.env.MODEL!, messages: [] }); }
async function g() { let chosen = 'gpt-5-nano'; return client.chat.completions.create({ model: chosen, messages: [] }); }
async function h() { return client.chat.completions.create({ model: pick(), messages: [] }); }`;
      const sites = scanSource(src, 'typescript').calls;
      assert.deepEqual(
        sites.map((s) => [s.request.model, s.modelSource, s.modelNullReason]),
        [
          ['o3', 'default-param', undefined],
          [null, null, 'parameter'],
          ['gpt-4o-mini', 'constant', undefined],
          ['gpt-4.1', 'spread', undefined],
          ['gpt-5', 'params-object', undefined],
          [null, null, 'env'],
          ['gpt-5-nano', 'variable', undefined],
          [null, null, 'unknown'],
        ],
      );
    });

    it('marks calls in loops, map callbacks and Promise.all, but not in functions declared in a loop body', () => {
      const src = `
import OpenAI from 'openai';
const ai = new OpenAI();
for (const x of xs) { ai.embeddings.create({ model: 'm', input: x }); }
await Promise.all(xs.map((x) => ai.embeddings.create({ model: 'm', input: x })));
xs.forEach(async function (x) { await ai.embeddings.create({ model: 'm', input: x }); });
while (more) { function inner() { return ai.embeddings.create({ model: 'm', input: 'y' }); } }
ai.embeddings.create({ model: 'm', input: 'z' });`;
      assert.deepEqual(scanSource(src, 'typescript').calls.map((c) => c.inLoop), [true, true, true, false, false]);
    });

    it('reads a tokenwise calls-per-day comment above the call or above its function', () => {
      const src = `
import OpenAI from 'openai';
const ai = new OpenAI();
// tokenwise: 2,000/day
export async function a() {
  const unrelated = 1;
  return ai.chat.completions.create({ model: 'm', messages: [] });
}
async function b() {
  // Hot path.
  // tokenwise: 1.5k/day
  return ai.chat.completions.create({ model: 'm', messages: [] });
}
async function c() {
  return ai.chat.completions.create({ model: 'm', messages: [] });
}`;
      assert.deepEqual(scanSource(src, 'typescript').calls.map((c) => c.callsPerDay?.perDay), [2000, 1500, undefined]);
    });

    it('follows clients through this fields, parameter properties, assignments and withOptions', () => {
      const src = `
import { Anthropic as Claude } from '@anthropic-ai/sdk';
class A {
  private readonly direct = new Claude();
  constructor(private readonly injected: Claude) {}
  run() {
    const alias = this.direct;
    alias.messages.create({ model: 'a', max_tokens: 1, messages: [] });
    this.injected.withOptions({ timeout: 1 }).messages.countTokens({ model: 'b', messages: [] });
  }
}`;
      assert.deepEqual(scanSource(src, 'typescript').calls.map((c) => [c.provider, c.api, c.request.model]), [
        ['anthropic', 'messages.create', 'a'],
        ['anthropic', 'messages.countTokens', 'b'],
      ]);
    });
  });

  describe('JavaScript', () => {
    it('follows require() aliases and plain JavaScript default parameters', () => {
      const src = `
const { Anthropic: Claude } = require('@anthropic-ai/sdk');
const claude = new Claude();
async function ask(q, model = 'claude-haiku-4-5', { tokens = 64 } = {}) {
  return claude.messages.create({ model, max_tokens: tokens, messages: [{ role: 'user', content: q }] });
}`;
      const site = scanOne(src, 'javascript');
      assert.deepEqual([site.provider, site.request.model, site.modelSource, site.request.maxOutputTokens], ['anthropic', 'claude-haiku-4-5', 'default-param', 64]);
    });

    it('ignores a jest.mock-ed SDK and clients built from other packages', () => {
      const mocked = "import OpenAI from 'openai';\njest.mock('openai');\nnew OpenAI().chat.completions.create({ model: 'x', messages: [] });";
      assert.equal(scanSource(mocked, 'javascript').calls.length, 0);
      const foreign = "import { OpenAI } from '@langchain/openai';\nnew OpenAI().completions.create({ model: 'x', prompt: 'y' });";
      assert.equal(scanSource(foreign, 'javascript').calls.length, 0);
    });
  });

  describe('Python', () => {
    it('extracts f-strings, .format, % formatting, concatenation and dedented triple-quoted constants', () => {
      const src = `
import textwrap
from anthropic import Anthropic
client = Anthropic()
SYSTEM = textwrap.dedent("""\\
    You are terse.
      Indented line.
    """)
TEMPLATE = "Dear {name}, about {topic}:"
def go(user, topic):
    return client.messages.create(
        model="claude-haiku-4-5",
        max_tokens=50,
        system=SYSTEM,
        messages=[
            {"role": "user", "content": f"Hi {user.name}! {{literal}}"},
            {"role": "user", "content": TEMPLATE.format(name=user, topic="billing")},
            {"role": "user", "content": "%s has %d items" % (user, 3)},
            {"role": "user", "content": "a" "b" + SYSTEM[0:1]},
        ],
    )`;
      const { request } = scanOne(src, 'python');
      assert.equal(literalText(request.system![0].parts), 'You are terse.\n  Indented line.\n');
      const parts = request.messages.map((m) => m.blocks[0].parts.map((p) => (p.kind === 'text' ? p.text : `<${p.kind === 'placeholder' ? p.name : p.kind}>`)).join(''));
      assert.deepEqual(parts, [
        'Hi <user.name>! {literal}',
        'Dear <user>, about billing:',
        '<user> has 3 items',
        'ab<SYSTEM[0:1]>',
      ]);
    });

    it('names a placeholder for an unknown value after the variable the call uses', () => {
      const src = 'from anthropic import Anthropic\nc = Anthropic()\nwith open("h.md") as f:\n    HANDBOOK = f.read()\nc.messages.create(model="m", max_tokens=1, system=HANDBOOK, messages=[])';
      assert.deepEqual(scanOne(src, 'python').request.system, [{ parts: [{ kind: 'placeholder', name: 'HANDBOOK' }] }]);
    });

    it('finds the module-level openai client and clients held in self attributes', () => {
      const src = `
import openai
from openai import AsyncOpenAI
class Bot:
    def __init__(self):
        self.client = AsyncOpenAI()
    async def ask(self, q, model="gpt-4o"):
        return await self.client.chat.completions.create(model=model, messages=[{"role": "user", "content": q}])
openai.embeddings.create(model="text-embedding-3-small", input="x")`;
      assert.deepEqual(scanSource(src, 'python').calls.map((c) => [c.api, c.request.model, c.modelSource]), [
        ['chat.completions.create', 'gpt-4o', 'default-param'],
        ['embeddings.create', 'text-embedding-3-small', 'literal'],
      ]);
    });

    it('marks comprehensions as loops and reads # tokenwise comments', () => {
      const src = `
from openai import OpenAI
c = OpenAI()
# tokenwise: 300/day
vecs = [c.embeddings.create(model="m", input=t) for t in texts]
one = c.embeddings.create(model="m", input="x")`;
      assert.deepEqual(scanSource(src, 'python').calls.map((s) => [s.inLoop, s.callsPerDay?.perDay]), [[true, 300], [false, undefined]]);
    });

    it('drops calls only in the test functions that patch or mock the SDK', () => {
      const src = `
from unittest.mock import MagicMock, patch
from openai import OpenAI
client = OpenAI()
@patch("app.OpenAI")
def test_a(mock):
    client.chat.completions.create(model="a", messages=[])
def test_b(monkeypatch):
    monkeypatch.setattr(client.chat.completions, "create", lambda **kw: None)
    client.chat.completions.create(model="b", messages=[])
def test_c():
    fake = MagicMock()
    fake.chat.completions.create(model="c", messages=[])
def real():
    return client.chat.completions.create(model="d", messages=[])`;
      assert.deepEqual(scanSource(src, 'python').calls.map((c) => c.request.model), ['d']);
    });

    it('resolves env defaults and reports env-only models as env', () => {
      const src = `
import os
from openai import OpenAI
c = OpenAI()
c.chat.completions.create(model=os.getenv("M", "gpt-4o"), messages=[])
c.chat.completions.create(model=os.environ["M"], messages=[])
c.chat.completions.create(model=os.environ.get("M") or "o3", messages=[])`;
      assert.deepEqual(scanSource(src, 'python').calls.map((s) => [s.request.model, s.modelSource ?? s.modelNullReason]), [
        ['gpt-4o', 'env-default'],
        [null, 'env'],
        ['o3', 'env-default'],
      ]);
    });
  });

  describe('robustness', () => {
    it('skips binary, non-UTF-8 and oversized input with a reason instead of throwing', () => {
      assert.equal(scanSource(new Uint8Array([0x66, 0x00, 0x01, 0x02]), 'a.py').skipped?.reason, 'binary');
      assert.equal(scanSource(new Uint8Array([0x61, 0xff, 0xfe, 0x62]), 'a.py').skipped?.reason, 'not-utf8');
      assert.equal(scanSource('x = 1\n'.repeat(100), 'a.py', { maxBytes: 100 }).skipped?.reason, 'too-large');
      assert.equal(scanSource('x', 'a.rb').skipped?.reason, 'unsupported-language');
      assert.equal(scanSource('{not json', 'a.ipynb').skipped?.reason, 'invalid-notebook');
    });

    it('survives deeply nested input without a stack overflow', () => {
      const depth = 5000;
      const py = `from openai import OpenAI\nc = OpenAI()\nx = ${'('.repeat(depth)}1${')'.repeat(depth)}\nc.embeddings.create(model="m", input="a" + ${'"b" + '.repeat(2000)}"c")\n`;
      const result = scanSource(py, 'python');
      assert.equal(result.calls.length, 1);
      const ts = `import OpenAI from 'openai';\nconst c = new OpenAI();\nconst x = ${'['.repeat(depth)}${']'.repeat(depth)};\nc.embeddings.create({ model: 'm', input: ${'{a:'.repeat(depth)}1${'}'.repeat(depth)} });\n`;
      assert.equal(scanSource(ts, 'typescript').calls.length, 1);
    });

    it('does not parse files that never mention an SDK, and reports no calls for them', () => {
      // The syntax error would be reported if the file were parsed.
      const result = scanSource('const x = client.chat.completions.create({ model: "gpt-4o" ;\n', 'typescript');
      assert.deepEqual(result, { calls: [], diagnostics: [] });
      assert.equal(scanSource('import OpenAI from "openai";\nconst x = f({ a: 1 ;\n', 'typescript').diagnostics.length, 1);
    });

    it('still finds calls after a syntax error and says the file had one', () => {
      const result = scanSource('from openai import OpenAI\nc = OpenAI()\ndef f(:\n  pass\nc.embeddings.create(model="m", input="x")\n', 'python');
      assert.equal(result.calls.length, 1);
      assert.equal(result.diagnostics.length, 1);
    });
  });
});
