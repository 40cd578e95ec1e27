import * as assert from 'node:assert/strict';
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
});
