import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initParsers, parserFor } from '../../../src/core/parse/treeSitter';
import { nodesAtWords, wordPattern } from '../../../src/core/parse/syntaxAdapter';
import { scanSource } from '../../../src/core/parse/scanSource';

describe('finding nodes from words', () => {
  before(() => initParsers());

  it('maps whole-word occurrences to the node spanning exactly them, skipping longer words and comments', () => {
    const text = [
      "const create = 'create'; // create",
      'recreate(createX, client.create(), x.created);',
    ].join('\n');
    const tree = parserFor('typescript').parse(text);
    assert.ok(tree);
    try {
      const found = nodesAtWords(tree.rootNode, text, wordPattern(['create'], /[A-Za-z0-9_$]/)).get('create') ?? [];
      // The declared name, the string's content (callers check the node type) and the method name; the
      // comment's "create" is inside the comment node, and createX, recreate and created are longer words.
      assert.deepEqual(found.map((n) => [n.type, n.startIndex]), [['identifier', 6], ['string_fragment', 16], ['property_identifier', text.indexOf('client.create') + 7]]);
    } finally {
      tree.delete();
    }
  });

  it('resolves a name declared far from the call, in the right scope', () => {
    const text = [
      "import OpenAI from 'openai';",
      "const MODEL = 'gpt-4o';",
      ...Array.from({ length: 300 }, (_, i) => `export function f${i}(items: number[]) { const MODEL = 'gpt-3.5-turbo'; return items.length + ${i}; }`),
      'export class Bot {',
      '  constructor(private client: OpenAI, private model = MODEL) {}',
      "  ask(q: string) { return this.client.chat.completions.create({ model: this.model, messages: [{ role: 'user', content: q }] }); }",
      '}',
    ].join('\n');
    const [call] = scanSource(text, 'bot.ts').calls;
    assert.equal(call?.request.model, 'gpt-4o');
    assert.equal(call?.provider, 'openai');
  });

  it('lets a loop variable, a destructuring, a lambda or a parameter hide the constant of the same name', () => {
    const dir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'scanner');
    const reasons = (file: string): [number, string | null, string | undefined][] =>
      scanSource(fs.readFileSync(path.join(dir, file), 'utf8'), file).calls.map((c) => [c.line, c.request.model, c.modelNullReason]);
    assert.deepEqual(reasons('ts/shadowedNames.ts'), [[10, null, 'unknown'], [18, null, 'unknown'], [21, null, 'parameter'], [24, 'gpt-4o', undefined]]);
    assert.deepEqual(reasons('js/shadowedParams.js'), [[8, null, 'parameter'], [11, null, 'parameter'], [13, null, 'parameter'], [16, 'o3-mini', undefined], [20, 'gpt-4o-mini', undefined]]);
    assert.deepEqual(reasons('py/shadowedNames.py'), [[8, null, 'unknown'], [10, null, 'parameter'], [12, null, 'unknown'], [21, null, 'unknown'], [25, 'claude-haiku-4-5', undefined]]);
  });

  it('lets a catch parameter and a with/except target hide the constant too', () => {
    const model = (text: string, file: string): [string | null, string | undefined][] =>
      scanSource(text, file).calls.map((c) => [c.request.model, c.modelNullReason]);
    const ts = ["import OpenAI from 'openai';", 'const openai = new OpenAI();', "const model = 'gpt-4o';",
      'try { run(); } catch (model) { openai.chat.completions.create({ model, messages: [] }); }'].join('\n');
    assert.deepEqual(model(ts, 'catch.ts'), [[null, 'unknown']]);
    const py = ['from openai import OpenAI', 'client = OpenAI()', 'model = "gpt-4o"', 'with open("m.txt") as model:',
      '    client.chat.completions.create(model=model, messages=[])', 'try:', '    run()', 'except Exception as model:',
      '    client.chat.completions.create(model=model, messages=[])'].join('\n');
    assert.deepEqual(model(py, 'as.py'), [[null, 'unknown'], [null, 'unknown']]);
  });

  it('reports a model read from a constant object as coming from a constant', () => {
    const ts = ["import OpenAI from 'openai';", 'const openai = new OpenAI();', "const MODELS = { fast: 'gpt-4o-mini' } as const;",
      'openai.chat.completions.create({ model: MODELS.fast, messages: [] });'].join('\n');
    const py = ['from openai import OpenAI', 'client = OpenAI()', 'MODELS = {"fast": "gpt-4o-mini"}', 'client.chat.completions.create(model=MODELS["fast"], messages=[])'].join('\n');
    for (const [text, file] of [[ts, 'models.ts'], [py, 'models.py']] as const) {
      const [call] = scanSource(text, file).calls;
      assert.equal(call?.request.model, 'gpt-4o-mini', file);
      assert.equal(call?.modelSource, 'constant', file);
    }
  });

  it('reads models from enums, static fields and class attributes, and not from instance fields', () => {
    const models = (text: string, file: string): [string | null, string | undefined][] =>
      scanSource(text, file).calls.map((c) => [c.request.model, c.modelSource ?? c.modelNullReason]);
    const ts = ["import OpenAI from 'openai';", 'const openai = new OpenAI();', "enum Models { Fast = 'gpt-4o-mini', Smart = 'gpt-4.1' }",
      "export class Config { static readonly MODEL = 'o3'; model = 'gpt-4o'; }",
      'openai.chat.completions.create({ model: Models.Smart, messages: [] });',
      'openai.chat.completions.create({ model: Config.MODEL, messages: [] });',
      'openai.chat.completions.create({ model: Config.model, messages: [] });'].join('\n');
    assert.deepEqual(models(ts, 'config.ts'), [['gpt-4.1', 'constant'], ['o3', 'constant'], [null, 'unknown']]);
    const py = ['from anthropic import Anthropic', 'client = Anthropic()', 'class Settings:', '    MODEL = "claude-haiku-4-5"', '    MAX_TOKENS: int = 300',
      'client.messages.create(model=Settings.MODEL, max_tokens=Settings.MAX_TOKENS, messages=[])',
      'def ask(settings):', '    return client.messages.create(model=settings.model, max_tokens=10, messages=[])'].join('\n');
    assert.deepEqual(models(py, 'settings.py'), [['claude-haiku-4-5', 'constant'], [null, 'parameter']]);
    assert.equal(scanSource(py, 'settings.py').calls[0]?.request.maxOutputTokens, 300);
  });

  it('recognises a client returned by a function of the file, by its return type or what it returns', () => {
    const providers = (text: string, file: string): string[] => scanSource(text, file).calls.map((c) => `${c.provider} ${c.api}`);
    const ts = ["import OpenAI from 'openai';", 'function make() { return new OpenAI(); }', 'function typed(): OpenAI { return build(); }',
      'const arrow = () => new OpenAI();', 'function plain() { return { chat: { completions: { create() {} } } }; }',
      "make().chat.completions.create({ model: 'gpt-4o', messages: [] });", "typed().embeddings.create({ model: 'text-embedding-3-small', input: 'x' });",
      "arrow().responses.create({ model: 'gpt-5', input: 'x' });", 'plain().chat.completions.create();'].join('\n');
    assert.deepEqual(providers(ts, 'factory.ts'), ['openai chat.completions.create', 'openai embeddings.create', 'openai responses.create']);
    const py = ['from anthropic import Anthropic', 'def make():', '    return Anthropic()', 'class Holder:', '    def make(self):', '        return None',
      'make().messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[])'].join('\n');
    assert.deepEqual(providers(py, 'factory.py'), ['anthropic messages.create']);
  });

  it('finds declarations whose name follows a line ending in a dot (a comment), while skipping member uses by their text', () => {
    const ts = [
      "import OpenAI from 'openai';",
      'let client;',
      '// Created once, below.',
      'client = new OpenAI();',
      "const MODEL = 'gpt-4o'; // the default.",
      'export const ask = (q: string) => client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: `${q}.` }] });',
    ].join('\n');
    const [tsCall] = scanSource(ts, 'ask.ts').calls;
    assert.equal(tsCall?.provider, 'openai');
    assert.equal(tsCall?.request.model, 'gpt-4o');

    const py = [
      'from anthropic import Anthropic',
      '# One client for the whole module.',
      'client = Anthropic()',
      'MODEL = "claude-sonnet-4-5"  # the default.',
      'def ask():',
      '    return client.messages.create(model=MODEL, max_tokens=10, messages=[])',
    ].join('\n');
    const [pyCall] = scanSource(py, 'ask.py').calls;
    assert.equal(pyCall?.provider, 'anthropic');
    assert.equal(pyCall?.request.model, 'claude-sonnet-4-5');
  });
});
