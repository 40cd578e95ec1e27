// Adds up the content parts of one block or message. Text is counted by the caller's counter
// (exact BPE for OpenAI, the calibrated estimate for Claude); placeholders and media of unknown
// size are counted at an assumed size and tallied so every result can say what it assumed.
import type { ContentPart } from '../request/llmRequest';
import { defaultAssumedFileTokens, defaultAssumedPlaceholderTokens, type CountOptions } from './tokenTypes';

export type ImagePart = Extract<ContentPart, { kind: 'image' }>;

export interface ImageTokens {
  tokens: number;
  /** True when the image's size was unknown and `tokens` is an assumption. */
  assumed: boolean;
}

export interface PartTally {
  tokens: number;
  assumedPlaceholders: number;
  assumedMedia: number;
  /** How many of `tokens` are assumptions rather than counts. */
  assumedTokens: number;
}

export function emptyTally(): PartTally {
  return { tokens: 0, assumedPlaceholders: 0, assumedMedia: 0, assumedTokens: 0 };
}

export function addTally(into: PartTally, more: PartTally): PartTally {
  into.tokens += more.tokens;
  into.assumedPlaceholders += more.assumedPlaceholders;
  into.assumedMedia += more.assumedMedia;
  into.assumedTokens += more.assumedTokens;
  return into;
}

/**
 * Adjacent text parts are joined before counting: a template `Hi ${name}, ...` splits into text
 * runs around its placeholders, and BPE merges across a join differ from merges within one string.
 */
export function tallyParts(
  parts: readonly ContentPart[],
  textTokens: (text: string) => number,
  imageTokens: (image: ImagePart) => ImageTokens,
  options: CountOptions,
): PartTally {
  const tally = emptyTally();
  const placeholderSize = options.assumedPlaceholderTokens ?? defaultAssumedPlaceholderTokens;
  const fileSize = options.assumedFileTokens ?? defaultAssumedFileTokens;
  let run = '';
  const flush = (): void => {
    if (run) tally.tokens += textTokens(run);
    run = '';
  };
  for (const part of parts) {
    if (part.kind === 'text') {
      run += part.text;
      continue;
    }
    flush();
    switch (part.kind) {
      case 'placeholder':
        tally.assumedPlaceholders += 1;
        tally.tokens += placeholderSize;
        tally.assumedTokens += placeholderSize;
        break;
      case 'image': {
        const image = imageTokens(part);
        tally.tokens += image.tokens;
        if (image.assumed) {
          tally.assumedMedia += 1;
          tally.assumedTokens += image.tokens;
        }
        break;
      }
      case 'file':
        tally.assumedMedia += 1;
        tally.tokens += fileSize;
        tally.assumedTokens += fileSize;
        break;
    }
  }
  flush();
  return tally;
}

/** The notes every result carries about what it assumed or left out. */
/**
 * Upper bound assumed for one tool whose definition could not be read (defined in another file):
 * a function with a handful of documented parameters renders to 50-300 tokens in both
 * providers' tool prompts. The count then is a lower bound, and its band reaches up this far.
 */
export const unresolvedToolMaxTokens = 300;

export function assumptionNotes(tally: PartTally, options: CountOptions, toolsUnresolved = 0): string[] {
  const notes: string[] = [];
  if (tally.assumedPlaceholders > 0) {
    const size = options.assumedPlaceholderTokens ?? defaultAssumedPlaceholderTokens;
    notes.push(`${tally.assumedPlaceholders} placeholder(s) of unknown size counted as ${size} tokens each`);
  }
  if (tally.assumedMedia > 0) notes.push(`${tally.assumedMedia} image(s)/file(s) of unknown size counted at an assumed size`);
  if (toolsUnresolved > 0) notes.push(`${toolsUnresolved} tool definition(s) could not be read statically and are not counted`);
  return notes;
}
