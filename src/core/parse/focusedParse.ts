// Which parts of a file the parser needs to see. Most of a large module is functions that never
// mention the SDK: the scanner finds nothing in them and nothing outside them can see their
// local names. Parsing only the rest (tree-sitter's included ranges keep every node at its real
// offset) makes a cold analysis several times faster. The split into top-level statements is a
// small lexer (strings, comments, template literals, regular expressions, brackets); whenever
// it is unsure it gives up, and scanSource parses the whole file, as it also does when the
// focused tree has a syntax error.
import type { Range } from '@vscode/tree-sitter-wasm';
import { lastAtOrBefore } from './sortedOffsets';

/** One top-level statement, with the blank and comment lines above it. */
interface Chunk {
  start: number;
  /** 0-based line of `start`. */
  row: number;
  /** A function declaration that can be left out whole; its name is text[nameStart, nameEnd) (may be empty). */
  skippable: boolean;
  nameStart: number;
  nameEnd: number;
  /** Offset of the statement's first token, and of the last token before it (-1: none). */
  firstToken: number;
  tokenBefore: number;
}

function chunkAt(start: number, row: number, nameStart: number, text: string, firstToken: number, tokenBefore: number): Chunk {
  return { start, row, skippable: nameStart >= 0, nameStart, nameEnd: nameStart >= 0 ? wordEnd(text, nameStart) : nameStart, firstToken, tokenBefore };
}

/** The words that may come before `function` in a declaration, in their order. */
const functionPrefixes = ['export', 'default', 'declare', 'async'];

/** After `word` and the spaces following it at `at`, or -1 when `word` (as a whole word) is not there. */
function after(text: string, at: number, word: string): number {
  if (!text.startsWith(word, at) || isWordChar(text.charCodeAt(at + word.length))) return -1;
  let i = at + word.length;
  while (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 10) i++;
  return i;
}

/**
 * Where the name of a function declaration starting at `at` begins (`export default async function* name`,
 * `declare function name`; at the `(` when it has none), or -1 when no function declaration starts there.
 */
function scriptFunctionName(text: string, at: number): number {
  let i = at;
  const c = text.charCodeAt(i);
  // Most statements start with none of the words below: one character tells.
  if (c !== 101 && c !== 100 && c !== 97 && c !== 102) return -1; // e d a f
  for (const word of functionPrefixes) {
    const past = after(text, i, word);
    if (past >= 0) i = past;
  }
  i = after(text, i, 'function');
  if (i < 0) return -1;
  while (text.charCodeAt(i) === 42 || isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 10) i++; // function*
  return i;
}

/** Where the name of a Python `def` / `async def` starting at `at` begins, or -1. */
function pythonFunctionName(text: string, at: number): number {
  const i = after(text, at, 'async');
  const name = after(text, i < 0 ? at : i, 'def');
  return name > (i < 0 ? at : i) + 3 && isWordChar(text.charCodeAt(name)) ? name : -1;
}

/** Below this share of the file, leaving functions out is not worth the second look at the text. */
const minSkippedShare = 0.1;

/** Words after which a line break does not end a statement (the next line continues it). */
const continuingWords = new Set([
  'new', 'typeof', 'void', 'delete', 'in', 'of', 'instanceof', 'await', 'yield', 'extends', 'implements', 'export', 'default',
  'case', 'else', 'do', 'declare', 'as', 'satisfies', 'keyof', 'is', 'abstract', 'readonly', 'unique', 'infer',
]);
/** Words after which a `/` starts a regular expression rather than a division. */
const regexAfterWords = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

const afterWord = 'afterWord';
/** Characters that open or close a string, comment, template or bracket, or end a line: a plain run stops at them. */
const runStops = new Uint8Array(128);
for (const c of '\n\'"`/()[]{}') runStops[c.charCodeAt(0)] = 1;

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0xfeff || c === 0xa0;

function wordEndingAt(text: string, end: number): string {
  let start = end;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  return text.slice(start, end);
}

/**
 * Top-level statements of JavaScript / TypeScript, or undefined when the lexer is unsure (an
 * unterminated string or regular expression, unbalanced brackets, JSX text with a quote in it).
 * A statement starts on a line that begins at column 0 outside any bracket, string or comment,
 * after a token that ends a statement. A function declaration can be skipped when it is the whole
 * chunk: its body's closing brace (or the `;` of an overload) is the chunk's last token.
 */
function scriptChunks(text: string): Chunk[] | undefined {
  const chunks: Chunk[] = [];
  const brackets: number[] = []; // char codes of ( [ { and 96 (`) for a template's ${ }
  let row = 0;
  let lastSig = -1; // offset of the last character of a token
  let prevSig = -1;
  let pendingStart = 0; // first clean line start since the last token
  let zeroCloses = 0; // braces that closed back to depth 0 in the current chunk
  let lastZeroClose = -1;
  let current: Chunk | undefined;
  /** Whether a `/` here starts a regular expression; afterWord: it does if the last word is a keyword. */
  let regexAllowed: boolean | typeof afterWord = true;

  const finish = (): void => {
    if (!current?.skippable) return;
    // (A name-less `export default function` counts too: skippable, with an empty name.)
    const last = lastSig >= 0 ? text.charCodeAt(lastSig) : 0;
    const whole = (zeroCloses === 1 && (lastSig === lastZeroClose || (last === 59 && prevSig === lastZeroClose))) || (zeroCloses === 0 && last === 59);
    if (!whole) current.skippable = false;
  };
  const token = (at: number): void => {
    prevSig = lastSig;
    lastSig = at;
    pendingStart = -1;
  };
  /** Whether the tokens so far end a statement, so a line break before `function` starts a new one. */
  const ended = (): boolean => {
    if (lastSig < 0) return true;
    const c = text.charCodeAt(lastSig);
    if (c === 59 || c === 125 || c === 93 || c === 39 || c === 34 || c === 96) return true; // ; } ] ' " `
    return isWordChar(c) && !continuingWords.has(wordEndingAt(text, lastSig + 1));
  };

  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      if (brackets.length === 0) {
        if (pendingStart < 0) pendingStart = i;
        const startsToken = !isSpace(c) && c !== 10 && !(c === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42));
        if (startsToken && ended()) {
          finish();
          current = chunkAt(chunks.length === 0 ? 0 : pendingStart, rowOf(text, pendingStart, i, row), scriptFunctionName(text, i), text, i, lastSig);
          chunks.push(current);
          zeroCloses = 0;
          lastZeroClose = -1;
        }
      }
    }
    if (c === 10 || isSpace(c)) {
      if (c === 10) {
        row++;
        lineStart = true;
      }
      i++;
      continue;
    }
    if (c === 47) { // /
      const next = text.charCodeAt(i + 1);
      if (next === 47) { // line comment
        const end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
        continue;
      }
      if (next === 42) { // block comment
        const end = text.indexOf('*/', i + 2);
        if (end < 0) return undefined;
        row += lineBreaks(text, i, end);
        i = end + 2;
        continue;
      }
      if (regexAllowed === afterWord ? regexAfterWords.has(wordEndingAt(text, lastSig + 1)) : regexAllowed) {
        const end = regexEnd(text, i);
        if (end < 0) return undefined;
        token(end - 1);
        i = end;
        while (i < n && isWordChar(text.charCodeAt(i))) i++; // flags
        regexAllowed = false;
        continue;
      }
      token(i);
      i++;
      regexAllowed = true;
      continue;
    }
    if (c === 39 || c === 34) { // ' "
      const end = quotedEnd(text, i, c);
      if (end < 0) return undefined;
      token(end - 1);
      i = end;
      regexAllowed = false;
      continue;
    }
    if (c === 96) { // ` opens a template; its text runs to ` or ${
      const end = templateEnd(text, i + 1);
      if (end < 0) return undefined;
      row += lineBreaks(text, i, end);
      token(end - 1);
      i = end;
      if (text.charCodeAt(end - 1) === 123) brackets.push(96); // stopped at ${
      regexAllowed = text.charCodeAt(end - 1) === 123;
      continue;
    }
    if (c === 125 && brackets.length > 0 && brackets[brackets.length - 1] === 96) { // } ending a template's ${
      brackets.pop();
      const end = templateEnd(text, i + 1);
      if (end < 0) return undefined;
      row += lineBreaks(text, i, end);
      token(end - 1);
      i = end;
      if (text.charCodeAt(end - 1) === 123) brackets.push(96);
      regexAllowed = text.charCodeAt(end - 1) === 123;
      continue;
    }
    if (c !== 40 && c !== 41 && c !== 91 && c !== 93 && c !== 123 && c !== 125) {
      // Words, numbers and operators: nothing in them opens or closes anything.
      let end = i + 1;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d < 128 && runStops[d] === 1) break;
        end++;
      }
      let last = end - 1;
      while (isSpace(text.charCodeAt(last))) last--;
      token(last);
      regexAllowed = isWordChar(text.charCodeAt(last)) ? afterWord : true;
      i = end;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) brackets.push(c);
    else if (c === 41 || c === 93 || c === 125) {
      const open = brackets.pop();
      if (open !== (c === 41 ? 40 : c === 93 ? 91 : 123)) return undefined;
      if (c === 125 && brackets.length === 0) {
        zeroCloses++;
        lastZeroClose = i;
      }
    }
    token(i);
    regexAllowed = c !== 41 && c !== 93;
    i++;
  }
  if (brackets.length > 0) return undefined;
  finish();
  return chunks;
}

/** How many line breaks text[from, to) holds. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = text.indexOf('\n', from); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) count++;
  return count;
}

/** The 0-based line of `offset`, counting from `knownRow` at `knownAt` (which is at or after it). */
function rowOf(text: string, offset: number, knownAt: number, knownRow: number): number {
  let row = knownRow;
  // (lastIndexOf reads a negative start as 0 and would find a break at offset 0 again and again:
  // hence the k > 0 guards.)
  for (let k = knownAt > 0 ? text.lastIndexOf('\n', knownAt - 1) : -1; k >= offset; k = k > 0 ? text.lastIndexOf('\n', k - 1) : -1) row--;
  return row;
}

/** The offset after a quoted string's closing quote, or -1 when the line ends first. */
function quotedEnd(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === quote) return i + 1;
    else if (c === 10) return -1;
  }
  return -1;
}

/** From inside a template's text, the offset after its closing ` or after the next `${`; -1 if neither comes. */
function templateEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 96) return i + 1;
    else if (c === 36 && text.charCodeAt(i + 1) === 123) return i + 2;
  }
  return -1;
}

/** The offset after a regular expression literal's closing `/`, or -1 when the line ends first. */
function regexEnd(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 10) return -1;
    else if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) return i + 1;
  }
  return -1;
}

/**
 * Top-level statements of Python, or undefined when the lexer is unsure. A statement starts on a
 * line that begins at column 0 outside brackets and strings, not after a backslash continuation;
 * decorators belong to the definition below them. A plain (undecorated) `def` at column 0 can be
 * skipped: its body is indented, so the next such line ends it.
 */
function pythonChunks(text: string): Chunk[] | undefined {
  const chunks: Chunk[] = [];
  let depth = 0;
  let row = 0;
  let pendingStart = 0;
  let continued = false; // the line ended with a backslash
  let decorated = false; // the current chunk began with a decorator
  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      if (depth === 0 && !continued) {
        if (pendingStart < 0) pendingStart = i;
        if (!isSpace(c) && c !== 10 && c !== 35) { // not blank, not a # comment
          if (!decorated) {
            chunks.push(chunkAt(chunks.length === 0 ? 0 : pendingStart, rowOf(text, pendingStart, i, row), pythonFunctionName(text, i), text, i, -1));
          }
          decorated = c === 64; // @
        }
      }
      continued = false;
    }
    if (c === 10 || isSpace(c)) {
      if (c === 10) {
        row++;
        lineStart = true;
      }
      i++;
      continue;
    }
    if (c === 35) { // comment
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === 92 && text.charCodeAt(i + 1) === 10) { // line continuation
      continued = true;
      i++;
      continue;
    }
    if (c === 39 || c === 34) {
      const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      const end = triple ? tripleQuotedEnd(text, i, c) : quotedEnd(text, i, c);
      if (end < 0) return undefined;
      if (triple) row += lineBreaks(text, i, end);
      i = end;
      pendingStart = -1;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      if (depth === 0) return undefined;
      depth--;
    }
    pendingStart = -1;
    i++;
  }
  return depth === 0 ? chunks : undefined;
}

function tripleQuotedEnd(text: string, start: number, quote: number): number {
  for (let i = start + 3; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === quote && text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
  }
  return -1;
}

const sdkMention = /openai|anthropic/gi;

/**
 * The ranges to parse: every top-level statement except function declarations that contain none
 * of `relevantWords` (a global pattern: the adapter's candidate words, or a looser pattern that matches
 * more), never mention the SDK, and
 * are not named anywhere in what is parsed. Undefined means parse the whole file.
 */
export function focusedRanges(text: string, language: 'script' | 'python', relevantWords: RegExp): Range[] | undefined {
  const chunks = language === 'python' ? pythonChunks(text) : scriptChunks(text);
  if (!chunks || !chunks.some((c) => c.skippable)) return undefined;
  const count = chunks.length;
  const starts = new Int32Array(count);
  for (let k = 0; k < count; k++) starts[k] = chunks[k].start;
  const ends = new Int32Array(count);
  for (let k = 0; k < count; k++) ends[k] = k + 1 < count ? starts[k + 1] : text.length;
  const included = new Uint8Array(count);
  for (let k = 0; k < count; k++) if (!chunks[k].skippable) included[k] = 1;
  for (const pattern of [relevantWords, sdkMention]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const k = lastAtOrBefore(starts, m.index);
      included[k] = 1;
      // Nothing more to learn from this chunk.
      pattern.lastIndex = Math.max(pattern.lastIndex, ends[k]);
    }
  }
  // A function left out must not be named by anything that is parsed; one brought back may name
  // others in turn. In scripts, what follows a gap must not be able to continue the statement
  // before it (the function in between was what separated them).
  const named = new Set<number>();
  for (let k = 0; k < count; k++) if (included[k]) addWords(text, chunks[k].start, ends[k], named);
  const candidates: number[] = [];
  for (let k = 0; k < count; k++) if (!included[k]) candidates.push(k);
  const include = (k: number): void => {
    included[k] = 1;
    addWords(text, chunks[k].start, ends[k], named);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const k of candidates) {
      const c = chunks[k];
      if (included[k] || !named.has(wordHash(text, c.nameStart, c.nameEnd))) continue;
      include(k);
      changed = true;
    }
    if (language === 'script') {
      for (let k = 1; k < count; k++) {
        // k is the last chunk of a gap and k + 1 is parsed: keep k when the join is unsafe.
        if (included[k] || (k + 1 < count && !included[k + 1])) continue;
        let first = k;
        while (first > 0 && !included[first - 1]) first--;
        if (first === 0 || safeJoin(text, chunks[first].tokenBefore, chunks[k + 1]?.firstToken ?? -1)) continue;
        include(k);
        changed = true;
      }
    }
  }
  let skipped = 0;
  for (let k = 0; k < count; k++) if (!included[k]) skipped += ends[k] - chunks[k].start;
  if (skipped < text.length * minSkippedShare) return undefined;
  const lastRow = lineBreaks(text, 0, text.length);
  const lastColumn = text.length - (text.lastIndexOf('\n') + 1);
  const ranges: Range[] = [];
  for (let k = 0; k < count; k++) {
    if (!included[k]) continue;
    let last = k;
    while (last + 1 < count && included[last + 1]) last++;
    const next = chunks[last + 1];
    ranges.push({
      startIndex: chunks[k].start, endIndex: ends[last],
      startPosition: { row: chunks[k].row, column: 0 },
      endPosition: next ? { row: next.row, column: 0 } : { row: lastRow, column: lastColumn },
    });
    k = last;
  }
  return ranges;
}

/** Words that can continue an expression from the start of the next line. */
const continuingLineStarts = new Set(['in', 'instanceof', 'as', 'satisfies']);

/**
 * Whether a script stays the same statement for statement when the statements between the token
 * at `before` and the one at `after` (-1: end of file) are taken out: the first ends with `;`, or
 * the second cannot continue an expression (`foo` + `(x)` would become the call `foo(x)`).
 */
function safeJoin(text: string, before: number, after: number): boolean {
  if (before < 0 || after < 0 || text.charCodeAt(before) === 59) return true;
  const c = text.charCodeAt(after);
  if (c === 39 || c === 34 || c === 64 || c === 35 || c === 123) return true; // ' " @ # {
  return isWordChar(c) && !continuingLineStarts.has(text.slice(after, wordEnd(text, after)));
}

/** Where the word (identifier or number) starting at `start` ends. */
function wordEnd(text: string, start: number): number {
  let end = start;
  while (isWordChar(text.charCodeAt(end))) end++;
  return end;
}

/**
 * A hash of text[start, end). The words of the parsed statements are kept as hashes, not strings
 * (no string per word): two words that collide only bring back a function that was not needed.
 */
function wordHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Adds the hash of every word of text[start, end) to `into` (in strings and comments too: a name there keeps its function). */
function addWords(text: string, start: number, end: number, into: Set<number>): void {
  for (let i = start; i < end; i++) {
    if (!isWordChar(text.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < end && isWordChar(text.charCodeAt(j))) j++;
    into.add(wordHash(text, i, j));
    i = j;
  }
}


