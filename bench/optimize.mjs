// `npm run bench -- optimize`: prompt compression over the corpus in test/fixtures/compression,
// counted with gpt-4o's tokenizer (o200k_base). Reads the compiled core in out/.
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from '../scripts/lib/codeServer.mjs';

const require = createRequire(import.meta.url);

export async function optimize() {
  const { compressionBenchmark } = require(path.join(ROOT, 'out', 'src', 'core', 'optimize', 'compressBenchmark.js'));
  const { countText } = require(path.join(ROOT, 'out', 'src', 'core', 'tokens', 'countTokens.js'));
  const model = 'gpt-4o';
  countText('warm up the encoder', model); // rank loading is not part of the per-prompt time
  const result = compressionBenchmark(path.join(ROOT, 'test', 'fixtures', 'compression'), (text) => countText(text, model).tokens);
  return { bench: 'optimize', tokenizer: `${model} (o200k_base)`, node: process.version, ...result };
}
