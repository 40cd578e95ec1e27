import * as assert from 'node:assert/strict';
import { DocumentScanner, diffEdit, scanSource } from '../../../src/core/parse/scanSource';
import { initParsers } from '../../../src/core/parse/treeSitter';
import { bigModule } from '../../support/bigModule';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

describe('scanner performance', function () {
  this.timeout(60_000);
  const source = bigModule();

  before(async () => {
    await initParsers();
  });

  it('scans a 2,000-line file with 50 calls in bounded time', () => {
    assert.equal(source.split('\n').length, 2000);
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const { calls } = scanSource(source, 'typescript');
      samples.push(performance.now() - started);
      assert.equal(calls.length, 50);
    }
    const p95 = percentile(samples, 0.95);
    console.log(`      full scan, 2,000 lines / 50 calls: median ${percentile(samples, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    // A loose ceiling that still catches quadratic behaviour on a busy CI machine.
    assert.ok(p95 < 400, `p95 ${p95.toFixed(1)} ms`);
  });

  it('re-scans incrementally after a one-line edit with the same result as a fresh scan', () => {
    const scanner = new DocumentScanner('typescript');
    try {
      scanner.update(source);
      const samples: number[] = [];
      let text = source;
      for (let i = 0; i < 20; i++) {
        const model = i % 2 ? 'gpt-4o-mini' : 'gpt-4.1';
        const at = text.indexOf("model: '", text.indexOf(`ask${20 + i}(`)) + "model: '".length;
        text = text.slice(0, at) + model + text.slice(text.indexOf("'", at));
        const started = performance.now();
        const result = scanner.update(text);
        samples.push(performance.now() - started);
        assert.deepEqual(result, scanSource(text, 'typescript'));
        assert.equal(result.calls.find((c) => c.line === text.slice(0, at).split('\n').length)?.request.model, model);
      }
      console.log(`      incremental re-scan after a one-line edit: median ${percentile(samples, 0.5).toFixed(1)} ms, p95 ${percentile(samples, 0.95).toFixed(1)} ms`);
    } finally {
      scanner.dispose();
    }
  });

  it('describes an edit by its common prefix and suffix, in rows and columns', () => {
    assert.deepEqual(diffEdit('ab\ncd\nef', 'ab\ncXd\nef'), {
      startIndex: 4,
      oldEndIndex: 4,
      newEndIndex: 5,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 1 },
      newEndPosition: { row: 1, column: 2 },
    });
    assert.deepEqual(diffEdit('same', 'same').startIndex, 4);
  });
});
