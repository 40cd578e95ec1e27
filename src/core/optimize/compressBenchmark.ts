// Compression benchmark over a corpus of prompt files (one prompt per .txt/.md file), for
// `npm run bench -- optimize`: what compression saves and proof that it kept the meaning.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CountTokens } from './compressTransforms';
import { compressPrompt } from './compress';
import { checkMeaning } from './compressCheck';

export interface CompressionBenchmark {
  prompts: number;
  tokensBefore: number;
  tokensAfter: number;
  totalTokensSaved: number;
  medianTokensSaved: number;
  /** Median of each prompt's saved share (0..1). */
  medianSavedShare: number;
  /** Content words kept / content words in the corpus; 1 means no content word was lost. */
  contentWordsKeptShare: number;
  /** Prompts whose content words, placeholders, negations, numbers or protected text changed. */
  promptsWithMeaningChanged: number;
  /** Prompts the meaning check sent back unchanged (a transform misbehaved on them). */
  promptsRejected: number;
  meanMsPerPrompt: number;
  maxMsPerPrompt: number;
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export function compressionBenchmark(corpusDir: string, countTokens: CountTokens): CompressionBenchmark {
  const files = fs.readdirSync(corpusDir).filter((f) => /\.(txt|md)$/.test(f)).sort();
  const saved: number[] = [];
  const shares: number[] = [];
  const times: number[] = [];
  let tokensBefore = 0;
  let tokensAfter = 0;
  let words = 0;
  let missing = 0;
  let changed = 0;
  let rejected = 0;
  for (const file of files) {
    const prompt = fs.readFileSync(path.join(corpusDir, file), 'utf8');
    const t0 = performance.now();
    const result = compressPrompt(prompt, countTokens);
    times.push(performance.now() - t0);
    const meaning = checkMeaning(prompt, result.text);
    tokensBefore += result.tokensBefore;
    tokensAfter += result.tokensAfter;
    saved.push(result.tokensBefore - result.tokensAfter);
    shares.push(result.tokensBefore === 0 ? 0 : (result.tokensBefore - result.tokensAfter) / result.tokensBefore);
    words += meaning.contentWords;
    missing += meaning.missingWords.length;
    if (!meaning.preserved) changed++;
    if (result.rejected) rejected++;
  }
  return {
    prompts: files.length,
    tokensBefore,
    tokensAfter,
    totalTokensSaved: tokensBefore - tokensAfter,
    medianTokensSaved: median(saved),
    medianSavedShare: median(shares),
    contentWordsKeptShare: words === 0 ? 1 : (words - missing) / words,
    promptsWithMeaningChanged: changed,
    promptsRejected: rejected,
    meanMsPerPrompt: times.length === 0 ? 0 : times.reduce((a, b) => a + b, 0) / times.length,
    maxMsPerPrompt: times.length === 0 ? 0 : Math.max(...times),
  };
}
