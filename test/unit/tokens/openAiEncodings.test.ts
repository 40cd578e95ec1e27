import * as assert from 'node:assert/strict';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { Tiktoken as JsTiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { encodeOnlyTiktoken, encodeOrdinary, encodingForModel, usesLegacyChatFraming } from '../../../src/core/tokens/openAiEncodings';
import type { OpenAiEncoding } from '../../../src/core/tokens/tokenTypes';

describe('encodingForModel', () => {
  const cases: [string, OpenAiEncoding | null][] = [
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['gpt-4.1-nano', 'o200k_base'],
    ['gpt-4.5-preview', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-5.4-mini', 'o200k_base'],
    ['gpt-6-sol', 'o200k_base'],
    ['gpt-6.2-luna', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini-2025-04-16', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-july-test', 'o200k_base'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-4-1106-preview', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo-0301', 'cl100k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['text-embedding-ada-002', 'cl100k_base'],
    ['claude-sonnet-4-5', null],
    ['gemini-2.5-pro', null],
    ['llama-3.1-70b', null],
    ['omni-moderation-latest', null],
  ];
  for (const [model, encoding] of cases) {
    it(`maps ${model} to ${encoding ?? 'no encoding'}`, () => assert.equal(encodingForModel(model), encoding));
  }

  it('recognises only gpt-3.5-turbo-0301 as using the 2023 message framing', () => {
    assert.equal(usesLegacyChatFraming('gpt-3.5-turbo-0301'), true);
    assert.equal(usesLegacyChatFraming('gpt-3.5-turbo-0613'), false);
    assert.equal(usesLegacyChatFraming('gpt-3.5-turbo'), false);
  });
});

describe('encodeOrdinary against tiktoken (WASM)', () => {
  const reference = new Map<OpenAiEncoding, Tiktoken>();
  before(() => {
    for (const e of ['o200k_base', 'cl100k_base'] as const) reference.set(e, get_encoding(e));
  });
  after(() => {
    for (const e of reference.values()) e.free();
  });

  const samples = [
    'Hello, world!',
    'The <|endoftext|> token and <|fim_prefix|>, <|im_start|>system<|im_sep|> appear in docs.',
    '<|endoftext|>',
    '  leading and trailing spaces   \n\n\n\ttabs\r\nCRLF',
    'Ünïcödé, 日本語のテキスト, emoji 👩‍💻🚀, العربية, Ελληνικά',
    'def f(x):\n    return {"a": [1, 2, 3], \'b\': x ** 2}  # comment\n',
    '{"name":"get_weather","parameters":{"type":"object","properties":{"location":{"type":"string"}}}}',
    '1234567890 3.14159 1e-9 0xDEADBEEF',
    "it's we're they'll I'd I'M YOU'VE",
    '\uFEFFA line after a byte order mark',
    '',
  ];

  for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
    it(`gives the same token ids as tiktoken encode_ordinary with ${encoding}`, () => {
      const ref = reference.get(encoding) as Tiktoken;
      for (const text of samples) assert.deepEqual(encodeOrdinary(text, encoding), Array.from(ref.encode_ordinary(text)), JSON.stringify(text));
    });
  }

  it('encodes special-token strings as plain text, like encode(text, disallowed_special=())', () => {
    const ref = reference.get('o200k_base') as Tiktoken;
    const ids = encodeOrdinary('<|endoftext|>', 'o200k_base');
    assert.ok(ids.length > 1, 'a special token string must not collapse to one special id');
    assert.deepEqual(ids, Array.from(ref.encode('<|endoftext|>', [], [])));
  });
});

describe('encodeOnlyTiktoken', () => {
  for (const name of ['o200k_base', 'cl100k_base'] as const) {
    it(`builds the same rank table as js-tiktoken's own constructor (${name})`, function () {
      this.timeout(20_000);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ranks = require(`js-tiktoken/ranks/${name}`) as TiktokenBPE;
      const stock = (new JsTiktoken(ranks) as unknown as { rankMap: Map<string, number> }).rankMap;
      const compact = (encodeOnlyTiktoken(ranks) as unknown as { rankMap: Map<string, number> }).rankMap;
      assert.equal(compact.size, stock.size);
      for (const [key, rank] of stock) if (compact.get(key) !== rank) assert.fail(`${name}: rank of ${key} is ${compact.get(key)}, js-tiktoken says ${rank}`);
    });
  }

  it('encodes like js-tiktoken, special-token strings as text', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ranks = require('js-tiktoken/ranks/o200k_base') as TiktokenBPE;
    const text = 'Tokens: <|endoftext|> naïve café 🤖 `const x = 1;`\n\n\tindent';
    assert.deepEqual(encodeOnlyTiktoken(ranks).encode(text, [], []), new JsTiktoken(ranks).encode(text, [], []));
  });
});
