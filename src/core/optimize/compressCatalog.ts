// The phrase catalog behind the `filler` and `verbose` transforms. Every entry is a wording that
// carries no instruction of its own (politeness, hedged requests) or has a shorter exact
// equivalent (plain-English style guides: "due to the fact that" -> "because"). No entry contains
// a negation (a unit test enforces it), so no replacement can drop or move one.

export type PhraseKind = 'filler' | 'verbose';

export interface CatalogEntry {
  kind: PhraseKind;
  /** Lower-case words separated by single spaces; matched case-insensitively across spaces and one line break. */
  phrase: string;
  replacement: string;
  /** Applies only when the phrase is a whole sentence (closing politeness such as "Thank you!"). */
  sentence?: boolean;
  /** Applies only at the start of a sentence ("Note that X" is filler, "take note that X" is not). */
  sentenceStart?: boolean;
}

const filler = (phrase: string, replacement = ''): CatalogEntry => ({ kind: 'filler', phrase, replacement });
const verbose = (phrase: string, replacement: string): CatalogEntry => ({ kind: 'verbose', phrase, replacement });
const closing = (phrase: string): CatalogEntry => ({ kind: 'filler', phrase, replacement: '', sentence: true });
const opening = (phrase: string): CatalogEntry => ({ kind: 'filler', phrase, replacement: '', sentenceStart: true });

// Longer phrases come first so "please make sure that you" wins over "please".
const entries: CatalogEntry[] = [
  closing('thank you so much for your help with this task'),
  closing('thank you so much for your help'),
  closing('thank you very much for your help'),
  closing('thank you for your help with this task'),
  closing('thank you for your help'),
  closing('thanks in advance for your help'),
  closing('thank you in advance'),
  closing('thanks in advance'),
  closing('thanks for your help'),
  closing('thank you so much'),
  closing('thank you very much'),
  closing('thank you'),
  closing('thanks'),
  closing('i really appreciate your help'),
  closing('i appreciate your help'),
  filler('please make sure that you'),
  filler('please make sure to'),
  filler('please make sure you'),
  filler('please ensure that you'),
  filler('please ensure that', 'ensure'),
  filler('make sure that you'),
  filler('make sure to'),
  filler('be sure to'),
  filler('it is very important that you'),
  filler('it is extremely important that you'),
  filler('it is really important that you'),
  filler('it is important that you'),
  filler('it is crucial that you'),
  filler('it is essential that you'),
  filler('it is very important to'),
  filler('it is extremely important to'),
  filler('it is important to'),
  filler('it is crucial to'),
  filler('it is essential to'),
  // Without "you" the sentence that follows is a statement ("the output is JSON"); "ensure" keeps
  // it an instruction instead of turning it into a description.
  filler('it is very important that', 'ensure'),
  filler('it is extremely important that', 'ensure'),
  filler('it is important that', 'ensure'),
  filler('i would like you to'),
  filler('i would love for you to'),
  filler('i want you to'),
  filler('i need you to'),
  filler('could you please'),
  filler('can you please'),
  filler('would you please'),
  filler('would you kindly'),
  filler('please note that'),
  filler('please keep in mind that'),
  opening('keep in mind that'),
  opening('note that'),
  // "Feel free to X" grants permission; dropping it would turn the permission into an order.
  filler('feel free to', 'you may'),
  filler('kindly'),
  filler('please'),
  filler('basically'),
  filler('in order to', 'to'),
  filler('so as to', 'to'),
  filler('in an effort to', 'to'),
  verbose('due to the fact that', 'because'),
  verbose('owing to the fact that', 'because'),
  verbose('in light of the fact that', 'because'),
  verbose('on account of the fact that', 'because'),
  verbose('the reason for this is that', 'because'),
  verbose('despite the fact that', 'although'),
  verbose('in spite of the fact that', 'although'),
  verbose('regardless of the fact that', 'although'),
  verbose('at this point in time', 'now'),
  verbose('at this moment in time', 'now'),
  verbose('at the present time', 'now'),
  verbose('in the event that', 'if'),
  verbose('in the case that', 'if'),
  verbose('for the purpose of', 'for'),
  verbose('in order for', 'for'),
  verbose('a large number of', 'many'),
  verbose('a great number of', 'many'),
  verbose('the majority of', 'most'),
  verbose('a majority of', 'most'),
  verbose('prior to', 'before'),
  verbose('subsequent to', 'after'),
  verbose('in close proximity to', 'near'),
  verbose('has the ability to', 'can'),
  verbose('have the ability to', 'can'),
  verbose('is able to', 'can'),
  verbose('are able to', 'can'),
  verbose('with regard to', 'about'),
  verbose('with regards to', 'about'),
  verbose('in regard to', 'about'),
  verbose('in relation to', 'about'),
  verbose('on a daily basis', 'daily'),
  verbose('on a regular basis', 'regularly'),
  verbose('in a timely manner', 'promptly'),
  verbose('in the near future', 'soon'),
  verbose('until such time as', 'until'),
  verbose('each and every', 'every'),
  verbose('first and foremost', 'first'),
  verbose('in spite of', 'despite'),
  verbose('make use of', 'use'),
  verbose('makes use of', 'uses'),
  verbose('take into consideration', 'consider'),
  verbose('give consideration to', 'consider'),
  verbose('utilize', 'use'),
  verbose('utilizes', 'uses'),
  verbose('at all times', 'always'),
  verbose('as well as', 'and'),
];

export const phraseCatalog: readonly CatalogEntry[] = entries;

const gap = String.raw`(?:[ \t]+|[ \t]*\r?\n[ \t]*)`;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex matching one catalog phrase as whole words (global, case-insensitive). */
export function phraseRegex(entry: CatalogEntry): RegExp {
  const cached = compiled.get(entry);
  if (cached) return cached;
  const body = entry.phrase.split(' ').map(escape).join(gap);
  const regex = new RegExp(String.raw`(?<![\p{L}\p{N}_'’-])${body}(?![\p{L}\p{N}_'’-])`, 'giu');
  compiled.set(entry, regex);
  return regex;
}

// Compiled once: matchAll and replace copy or reset a global regex, so sharing one is safe.
const compiled = new Map<CatalogEntry, RegExp>();

/** `text` with every catalog phrase blanked out: what remains is what compression must keep. */
export function withoutCatalogPhrases(text: string): string {
  let out = text;
  for (const entry of phraseCatalog) out = out.replace(phraseRegex(entry), ' ');
  return out;
}
