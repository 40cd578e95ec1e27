import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanSource } from '../../../src/core/parse/scanSource';
import { initParsers } from '../../../src/core/parse/treeSitter';

interface Expected {
  cell?: number;
  line: number;
  api: string;
  provider: string;
  model: string | null;
}

// Compiled to out/test/unit/parse; the corpus stays in the source tree (tsconfig excludes it).
const corpusDir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'scanner');
const expected: Record<string, Expected[]> = JSON.parse(fs.readFileSync(path.join(corpusDir, 'expected.json'), 'utf8'));

function key(e: { cell?: number; line: number; api: string; provider: string }): string {
  return `${e.cell ?? '-'}:${e.line}:${e.provider}:${e.api}`;
}

describe('scanner corpus', () => {
  before(async () => {
    await initParsers();
  });

  it('lists every corpus file in expected.json, at least 40 of them', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name !== 'expected.json') files.push(path.relative(corpusDir, full).split(path.sep).join('/'));
      }
    };
    walk(corpusDir);
    assert.deepEqual(files.sort(), Object.keys(expected).sort());
    assert.ok(files.length >= 40, `${files.length} files`);
  });

  it('finds the expected call sites with recall and precision >= 0.98 and resolves their models', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    let modelsRight = 0;
    const problems: string[] = [];
    for (const [file, wanted] of Object.entries(expected)) {
      const result = scanSource(fs.readFileSync(path.join(corpusDir, file), 'utf8'), file);
      const found = new Map(result.calls.map((c) => [key({ cell: c.cellIndex, line: c.line, provider: c.provider, api: c.api }), c]));
      const wantedKeys = new Set(wanted.map(key));
      for (const w of wanted) {
        const got = found.get(key(w));
        if (!got) {
          falseNegatives++;
          problems.push(`missed ${file} ${key(w)}`);
          continue;
        }
        truePositives++;
        if (got.request.model === w.model) modelsRight++;
        else problems.push(`model ${file} ${key(w)}: expected ${w.model}, got ${got.request.model}`);
      }
      for (const [k] of found) {
        if (!wantedKeys.has(k)) {
          falsePositives++;
          problems.push(`unexpected ${file} ${k}`);
        }
      }
    }
    const recall = truePositives / (truePositives + falseNegatives);
    const precision = truePositives / (truePositives + falsePositives);
    const modelAccuracy = modelsRight / truePositives;
    console.log(`      corpus: ${Object.keys(expected).length} files, ${truePositives + falseNegatives} expected calls; ` +
      `recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}, model resolution ${modelAccuracy.toFixed(3)}`);
    for (const p of problems) console.log(`        ${p}`);
    assert.ok(recall >= 0.98, `recall ${recall}`);
    assert.ok(precision >= 0.98, `precision ${precision}`);
    assert.ok(modelAccuracy >= 0.95, `model resolution ${modelAccuracy}`);
  });
});
