import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisContext } from '../../../src/core/analysis/analyzeCall';
import { analyzeFile, type CallAnalysis } from '../../../src/core/analysis/analyzeFile';
import { builtinCatalog } from '../../../src/core/pricing/catalog';
import type { GrammarId } from '../../../src/core/parse/treeSitter';

export const catalog = builtinCatalog();
export const ctx: AnalysisContext = { catalog, assumedPlaceholderTokens: 50, expectedOutputTokens: 500, defaultCallsPerDay: 0 };

/** test/fixtures/fixes, read from the repo (tests run from out/, the fixtures stay in place). */
export const fixturesDir = path.resolve(__dirname, '../../../../test/fixtures/fixes');

export function fixture(name: string): { text: string; grammar: GrammarId; calls: CallAnalysis[] } {
  const text = fs.readFileSync(path.join(fixturesDir, name), 'utf8');
  const grammar: GrammarId = name.endsWith('.py') ? 'python' : 'typescript';
  return { text, grammar, calls: analyzeFile(text, name, ctx).calls };
}

export function source(text: string, file = 'app.ts'): CallAnalysis[] {
  return analyzeFile(text, file, ctx).calls;
}

export function only(calls: CallAnalysis[]): CallAnalysis {
  assert.equal(calls.length, 1, 'exactly one call');
  return calls[0] as CallAnalysis;
}

export const ids = (call: CallAnalysis): string[] => call.findings.map((f) => f.ruleId).sort();
