import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compressPrompt } from '../../../src/core/optimize/compress';
import { compressionBenchmark } from '../../../src/core/optimize/compressBenchmark';
import { contentWords, negationsOf, numbersOf, placeholdersOf } from '../../../src/core/optimize/compressCheck';
import { protectedTexts } from '../../../src/core/optimize/compressSegments';
import { applyEdits } from '../../../src/core/optimize/compressTransforms';
import { countTestTokens } from './wordCounter';

// Compiled tests run from out/test/unit/optimize; the corpus stays in the source tree.
const corpusDir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'compression');
const corpus = fs
  .readdirSync(corpusDir)
  .sort()
  .map((file) => ({ file, text: fs.readFileSync(path.join(corpusDir, file), 'utf8') }));

describe('compression over the prompt corpus', () => {
  it('has at least 50 prompts', () => {
    assert.ok(corpus.length >= 50, `${corpus.length} prompts`);
  });

  for (const { file, text } of corpus) {
    it(`keeps the meaning of ${file}`, () => {
      const r = compressPrompt(text, countTestTokens);
      assert.equal(r.rejected, undefined, 'a transform broke the meaning check');
      const kept = contentWords(r.text);
      for (const w of contentWords(text)) assert.ok(kept.has(w), `content word "${w}" was lost`);
      assert.deepEqual(placeholdersOf(r.text), placeholdersOf(text));
      assert.deepEqual(negationsOf(r.text), negationsOf(text));
      assert.deepEqual(numbersOf(r.text), numbersOf(text));
      let pos = 0;
      for (const p of protectedTexts(text)) {
        const at = r.text.indexOf(p, pos);
        assert.notEqual(at, -1, `protected text changed: ${JSON.stringify(p)}`);
        pos = at + p.length;
      }
      assert.ok(r.tokensAfter <= r.tokensBefore);
      assert.equal(r.tokensBefore, countTestTokens(text));
      assert.equal(r.tokensAfter, countTestTokens(r.text));
      assert.equal(r.tokensBefore - r.tokensAfter, r.transforms.reduce((n, t) => n + t.tokensSaved, 0));
      assert.equal(compressPrompt(r.text, countTestTokens).text, r.text, 'not idempotent');
      assert.equal(applyEdits(text, r.diff.map((h) => ({ start: h.start, end: h.end, replacement: h.after }))), r.text);
    });
  }

  it('benchmarks the corpus: savings, every content word kept, no meaning changed', () => {
    const b = compressionBenchmark(corpusDir, countTestTokens);
    assert.equal(b.prompts, corpus.length);
    assert.equal(b.contentWordsKeptShare, 1);
    assert.equal(b.promptsWithMeaningChanged, 0);
    assert.equal(b.promptsRejected, 0);
    assert.equal(b.totalTokensSaved, b.tokensBefore - b.tokensAfter);
    // The corpus is verbose on purpose: compression must find something in most prompts.
    assert.ok(b.medianSavedShare > 0.1, `median saved share ${b.medianSavedShare}`);
    assert.ok(b.meanMsPerPrompt < 50, `${b.meanMsPerPrompt} ms per prompt`);
  });
});
