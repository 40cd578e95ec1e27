import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanSource } from '../../../src/core/parse/scanSource';
import { initParsers } from '../../../src/core/parse/treeSitter';
import { mutate } from '../../support/mutate';
import { seededRandom } from '../../support/seededRandom';

const corpusDir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'scanner');
const files = Object.keys(JSON.parse(fs.readFileSync(path.join(corpusDir, 'expected.json'), 'utf8')) as Record<string, unknown>);

describe('scanner fuzz', function () {
  this.timeout(120_000);

  before(async () => {
    await initParsers();
  });

  it('never throws and stays fast on 400 mutated corpus files (seed 20261124)', () => {
    const rnd = seededRandom(20261124);
    let slowest = 0;
    let withCalls = 0;
    for (let i = 0; i < 400; i++) {
      const file = files[Math.floor(rnd() * files.length)];
      const input = mutate(fs.readFileSync(path.join(corpusDir, file)), rnd);
      const started = performance.now();
      const result = scanSource(new Uint8Array(input), file);
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      assert.ok(elapsed < 1000, `iteration ${i} (${file}) took ${elapsed.toFixed(0)} ms`);
      assert.ok(!result.diagnostics.some((d) => d.startsWith('scanner error')), `iteration ${i} (${file}): ${result.diagnostics.join('; ')}`);
      for (const site of result.calls) {
        assert.ok(site.range.start <= site.range.end && site.line >= 1 && site.column >= 1, `iteration ${i}: bad position`);
      }
      if (result.calls.length) withCalls++;
    }
    console.log(`      fuzz: 400 iterations, slowest ${slowest.toFixed(1)} ms, ${withCalls} still had call sites`);
    assert.ok(withCalls > 100, 'mutations should leave most call sites findable');
  });
});
