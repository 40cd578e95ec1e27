// Prompt compression: runs the transforms to a fixed point, keeping each edit set only when it
// does not add tokens for the target tokenizer (so the result never has more tokens than the input). The fixed point makes compress idempotent
// (compress(compress(x)) === compress(x)); the final meaning check makes it safe: if anything
// protected, any placeholder, negation, number or content word would change, the input is
// returned unchanged.

import type { DiffHunk } from './compressDiff';
import type { CountTokens, TransformId } from './compressTransforms';
import { checkMeaning } from './compressCheck';
import { diffHunks } from './compressDiff';
import { segmentPrompt } from './compressSegments';
import { applyEdits, transforms } from './compressTransforms';

export interface TransformStat {
  id: TransformId;
  /** Edits applied by this transform. */
  count: number;
  tokensSaved: number;
}

export interface CompressResult {
  text: string;
  diff: DiffHunk[];
  tokensBefore: number;
  tokensAfter: number;
  /** Transforms that changed something, in application order. */
  transforms: TransformStat[];
  /** Set when transforms applied but the result failed the meaning check, so the input came back unchanged. */
  rejected?: 'meaning';
}

// Every round either changes the text or ends the loop, and each change removes characters or
// tokens, so this bound is never reached on real prompts; it only guards against a bug looping.
const maxRounds = 50;

export function compressPrompt(input: string, countTokens: CountTokens): CompressResult {
  const tokensBefore = countTokens(input);
  const stats = new Map<TransformId, TransformStat>();
  let text = input;
  let tokens = tokensBefore;
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (const t of transforms) {
      const edits = t.edits({ text, segments: segmentPrompt(text), countTokens });
      if (edits.length === 0) continue;
      const next = applyEdits(text, edits);
      const nextTokens = countTokens(next);
      if (next === text || nextTokens > tokens) continue;
      const stat = stats.get(t.id) ?? { id: t.id, count: 0, tokensSaved: 0 };
      stat.count += edits.length;
      stat.tokensSaved += tokens - nextTokens;
      stats.set(t.id, stat);
      text = next;
      tokens = nextTokens;
      changed = true;
    }
    if (!changed) break;
  }
  const unchanged = (rejected?: 'meaning'): CompressResult => ({
    text: input, diff: [], tokensBefore, tokensAfter: tokensBefore, transforms: [], ...(rejected ? { rejected } : {}),
  });
  // A prompt made only of pleasantries stays as written: an empty request is not a shorter one.
  if (text === input || (text.trim() === '' && input.trim() !== '')) return unchanged();
  if (!checkMeaning(input, text).preserved) return unchanged('meaning');
  const order = transforms.map((t) => t.id);
  return {
    text,
    diff: diffHunks(input, text),
    tokensBefore,
    tokensAfter: tokens,
    transforms: [...stats.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)),
  };
}
