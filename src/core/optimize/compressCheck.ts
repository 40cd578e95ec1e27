// The meaning check every compression result must pass, and the benchmark reports: the words,
// placeholders, negations, numbers and protected stretches a reader relies on are all still there.
// compress.ts returns the input unchanged when a result fails it, so a transform bug can cost
// savings but never change a prompt's meaning.

import { withoutCatalogPhrases } from './compressCatalog';
import { negationPattern, numberPattern, placeholderPattern, protectedTexts } from './compressSegments';

// Function words (a common English stopword list): dropping or adding them changes no
// instruction. Everything else alphabetic is a content word.
const stopwords = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself of off on once only or ' +
    'other ought our ours ourselves out over own same she should so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours yourself yourselves also may might must shall'
  ).split(' '),
);

/** Lower-case content words of `text`, catalog phrases excluded (they are what compression removes). */
export function contentWords(text: string): Set<string> {
  const words = withoutCatalogPhrases(text).toLowerCase().match(/\b[a-z]+(?:['’][a-z]+)?\b/g) ?? [];
  return new Set(words.filter((w) => !stopwords.has(w)));
}

export const placeholdersOf = (text: string): string[] => text.match(new RegExp(placeholderPattern)) ?? [];
export const negationsOf = (text: string): string[] => (text.match(new RegExp(negationPattern)) ?? []).map((n) => n.toLowerCase());
// Split at digit-group separators: compact JSON turns "[1, 2]" into "[1,2]", which reads as one
// grouped number, while the digits and their order are what must not change.
export const numbersOf = (text: string): string[] => (text.match(new RegExp(numberPattern)) ?? []).flatMap((n) => n.split(/[,_]/));

export interface MeaningReport {
  preserved: boolean;
  contentWords: number;
  /** Content words of the original that the result lacks. */
  missingWords: string[];
  placeholdersKept: boolean;
  negationsKept: boolean;
  numbersKept: boolean;
  /** Every protected stretch of the original appears, byte-identical and in order, in the result. */
  protectedKept: boolean;
}

export function checkMeaning(before: string, after: string): MeaningReport {
  const words = contentWords(before);
  const kept = contentWords(after);
  const missingWords = [...words].filter((w) => !kept.has(w));
  const same = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  const placeholdersKept = same(placeholdersOf(before), placeholdersOf(after));
  const negationsKept = same(negationsOf(before), negationsOf(after));
  const numbersKept = same(numbersOf(before), numbersOf(after));
  let pos = 0;
  let protectedKept = true;
  for (const p of protectedTexts(before)) {
    const at = after.indexOf(p, pos);
    if (at === -1) {
      protectedKept = false;
      break;
    }
    pos = at + p.length;
  }
  return {
    preserved: missingWords.length === 0 && placeholdersKept && negationsKept && numbersKept && protectedKept,
    contentWords: words.size,
    missingWords,
    placeholdersKept,
    negationsKept,
    numbersKept,
    protectedKept,
  };
}
