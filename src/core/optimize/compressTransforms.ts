// The deterministic compression transforms. Each one proposes edits only inside the segments it
// is allowed to touch (see compressSegments.ts); compress.ts applies them, keeps an edit set only
// if it does not add tokens, and repeats until nothing changes.

import type { CatalogEntry, PhraseKind } from './compressCatalog';
import type { Segment } from './compressSegments';
import { phraseCatalog, phraseRegex } from './compressCatalog';
import { numbersOf } from './compressCheck';
import { negationPattern, splitLines } from './compressSegments';

export type CountTokens = (text: string) => number;

export type TransformId = 'jsonTable' | 'jsonMinify' | 'filler' | 'verbose' | 'duplicates' | 'whitespace';

export interface Edit {
  start: number;
  end: number;
  replacement: string;
}

export interface TransformInput {
  text: string;
  segments: readonly Segment[];
  countTokens: CountTokens;
}

export interface Transform {
  id: TransformId;
  edits(input: TransformInput): Edit[];
}

/** Applies non-overlapping edits (any order) to `text`. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.replacement;
    pos = e.end;
  }
  return out + text.slice(pos);
}

const textSegments = (segments: readonly Segment[]): Segment[] => segments.filter((s) => s.kind === 'text');

function phraseEdits(kind: PhraseKind, { text, segments }: TransformInput): Edit[] {
  const edits: Edit[] = [];
  const taken = (s: number, e: number): boolean => edits.some((x) => x.start < e && s < x.end);
  for (const seg of textSegments(segments)) {
    const body = text.slice(seg.start, seg.end);
    for (const entry of phraseCatalog) {
      if (entry.kind !== kind) continue;
      for (const m of body.matchAll(phraseRegex(entry))) {
        const start = seg.start + m.index;
        const edit = phraseEdit(text, seg, entry, start, start + m[0].length);
        if (edit && !taken(edit.start, edit.end)) edits.push(edit);
      }
    }
  }
  return edits;
}

function phraseEdit(text: string, seg: Segment, entry: CatalogEntry, start: number, end: number): Edit | null {
  const capital = /\p{Lu}/u.test(text[start]);
  if (entry.sentence) {
    const close = /^[ \t]*[.!]*[ \t]*/.exec(text.slice(end, seg.end))?.[0] ?? '';
    const stop = end + close.length;
    const endsSentence = stop === text.length || text[stop] === '\n' || (/[.!]/.test(close) && stop <= seg.end);
    if (!atSentenceStart(text, start) || !endsSentence) return null;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const wholeLine = text.slice(lineStart, start).trim() === '' && (stop === text.length || text[stop] === '\n');
    // A closing line removed whole takes its line break with it, so no empty line is left behind.
    if (wholeLine && stop < text.length) return { start: lineStart, end: stop + 1, replacement: '' };
    if (wholeLine && lineStart > 0) return { start: lineStart - 1, end: stop, replacement: '' };
    return { start, end: stop, replacement: '' };
  }
  if (entry.sentenceStart && !atSentenceStart(text, start)) return null;
  if (entry.replacement !== '') {
    const replacement = capital ? entry.replacement[0].toUpperCase() + entry.replacement.slice(1) : entry.replacement;
    return { start, end, replacement };
  }
  const follow = /^,?[ \t]+|^,(?=\S)/.exec(text.slice(end, seg.end))?.[0] ?? '';
  const next = text[end + follow.length];
  // "It is important that you are fair" must not become "Are fair": after "you" an auxiliary verb
  // needs its subject.
  if (/ you$/.test(entry.phrase) && auxiliary.test(text.slice(end + follow.length))) return null;
  // A removed phrase must be followed by the rest of its sentence (a word, a quote, a placeholder,
  // inline code): otherwise the removal would leave dangling punctuation.
  if (follow !== '' && next !== undefined && /[\p{L}\p{N}`"'“‘{$%<([]/u.test(next)) {
    const inSegment = end + follow.length < seg.end;
    // The next word takes the capital: editable words, and negations (they are compared
    // case-insensitively), never other protected text.
    const capitalizable = inSegment || negationStart.test(text.slice(end + follow.length));
    if (capital && capitalizable && /\p{Ll}/u.test(next)) {
      return { start, end: end + follow.length + 1, replacement: next.toUpperCase() };
    }
    return { start, end: end + follow.length, replacement: '' };
  }
  // "Summarize this, please." -> "Summarize this."
  const before = /,[ \t]*$/.exec(text.slice(seg.start, start));
  if (before && /^[.!?]/.test(text.slice(end, end + 1))) return { start: start - before[0].length, end, replacement: '' };
  return null;
}

const auxiliary = /^(?:are|were|have|has|had|will|would|can|could|should|shall|may|might|must)\b/i;
const negationStart = new RegExp(`^(?:${negationPattern.source})`, 'i');

function atSentenceStart(text: string, pos: number): boolean {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const prefix = text.slice(lineStart, pos);
  return /^[ \t]*(?:[-*+•][ \t]+|>[ \t]*)?$/.test(prefix) || /[.!?][ \t]+$/.test(prefix);
}

export const fillerTransform: Transform = { id: 'filler', edits: (input) => phraseEdits('filler', input) };
export const verboseTransform: Transform = { id: 'verbose', edits: (input) => phraseEdits('verbose', input) };

// Collapses runs of spaces inside a line, trailing whitespace and runs of blank lines. Leading
// indentation is never touched (YAML, Python and nested Markdown lists depend on it), nor tabs
// inside a line (tab-separated data), and code, quotes and every other protected segment are
// outside `text` segments to begin with.
export const whitespaceTransform: Transform = {
  id: 'whitespace',
  edits({ text, segments }) {
    const edits: Edit[] = [];
    for (const seg of textSegments(segments)) {
      const body = text.slice(seg.start, seg.end);
      for (const m of body.matchAll(/\n(?:[ \t]*\n){2,}|\n(?:[ \t]*\n)+[ \t]*$/g)) {
        const start = seg.start + m.index;
        const end = start + m[0].length;
        // Blank lines at the very end of the prompt carry nothing; elsewhere one blank line stays.
        const atEnd = end === text.length;
        if (!atEnd && end === seg.end && !m[0].endsWith('\n')) continue;
        edits.push({ start, end, replacement: atEnd ? '\n' : '\n\n' });
      }
      for (const m of body.matchAll(/[ \t]+(?=\n|$)| {2,}/g)) {
        const start = seg.start + m.index;
        const end = start + m[0].length;
        if (edits.some((e) => e.start < end && start < e.end)) continue;
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        const indentation = text.slice(lineStart, start).trim() === '';
        const trailing = end === text.length || text[end] === '\n';
        if (trailing) edits.push({ start, end, replacement: '' });
        else if (!indentation && /^ {2,}$/.test(m[0])) edits.push({ start, end, replacement: ' ' });
      }
    }
    return edits;
  },
};

// A sentence qualifies for de-duplication only if it is plain prose of 4+ words: no colon (field
// lines such as "Sentiment: positive" repeat on purpose in few-shot examples), no digits, quotes,
// brackets or pipes (tables, data).
const plainSentence = /^[\p{L}\s,;'’()-]+[.!?]*$/u;

export const duplicatesTransform: Transform = {
  id: 'duplicates',
  edits({ text, segments }) {
    const edits: Edit[] = [];
    const seen = new Set<string>();
    const texts = textSegments(segments);
    const editable = (s: number, e: number): boolean => texts.some((t) => t.start <= s && e <= t.end);
    const lines = splitLines(text);
    for (const line of lines) {
      if (line.end === line.start || !editable(line.start, line.end)) continue;
      const raw = text.slice(line.start, line.end);
      const marker = /^[ \t]*(?:[-*+•][ \t]+)?/.exec(raw)?.[0] ?? '';
      const sentences = [...raw.slice(marker.length).matchAll(/[^.!?]+[.!?]*[ \t]*/g)];
      const removed: Edit[] = [];
      for (const s of sentences) {
        const norm = s[0].trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
        if (norm.split(' ').length < 4 || !plainSentence.test(s[0].trim())) continue;
        const start = line.start + marker.length + s.index;
        if (seen.has(norm)) removed.push({ start, end: start + s[0].length, replacement: '' });
        else seen.add(norm);
      }
      if (removed.length === 0) continue;
      // A duplicate line is never the first one, so it goes with the line break before it; removed
      // neighbours then yield adjacent, never overlapping, edits.
      if (removed.length === sentences.length) edits.push({ start: line.start - 1, end: line.end, replacement: '' });
      else edits.push(...removed);
    }
    return edits;
  },
};

/** `json` with the whitespace between tokens removed; string tokens are copied byte for byte. */
export function minifyJson(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

export const jsonMinifyTransform: Transform = {
  id: 'jsonMinify',
  edits({ text, segments }) {
    return segments
      .filter((s) => s.kind === 'json')
      .map((s) => ({ start: s.start, end: s.end, replacement: minifyJson(text.slice(s.start, s.end)) }))
      .filter((e) => e.replacement !== text.slice(e.start, e.end));
  },
};

type Primitive = string | number | boolean | null;
const cellSeparator = ' | ';

/**
 * A uniform array of flat objects as a header row plus one row per object, each cell a JSON
 * literal; null when the array does not qualify or the table would not read back to the same data.
 */
export function jsonToTable(json: string): string | null {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || value.length < 2) return null;
  const rows = value as unknown[];
  if (!rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) return null;
  const keys = Object.keys(rows[0] as object);
  if (keys.length === 0 || !keys.every((k) => /^[A-Za-z_][\w-]*$/.test(k))) return null;
  const cells: string[][] = [];
  for (const r of rows as Record<string, unknown>[]) {
    if (Object.keys(r).join('\u0000') !== keys.join('\u0000')) return null;
    const row: string[] = [];
    for (const k of keys) {
      const v = r[k];
      if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) return null;
      const literal = JSON.stringify(v);
      // Strings must read back unambiguously and keep their exact spelling from the prompt.
      if (typeof v === 'string' && (v.includes('|') || !json.includes(literal))) return null;
      row.push(literal);
    }
    cells.push(row);
  }
  const table = [keys.join(cellSeparator), ...cells.map((r) => r.join(cellSeparator))].join('\n');
  // Numbers keep their spelling too ("1.50" would print as 1.5).
  return sameData(tableToJson(table), rows) && numbersOf(table).join(' ') === numbersOf(json).join(' ') ? table : null;
}

/** Reads a table written by jsonToTable back into its array of objects. */
export function tableToJson(table: string): Record<string, Primitive>[] {
  const [header, ...rows] = table.split('\n');
  const keys = header.split(cellSeparator);
  return rows.map((row) => {
    const cells = row.split(cellSeparator);
    return Object.fromEntries(keys.map((k, i) => [k, JSON.parse(cells[i]) as Primitive]));
  });
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const jsonTableTransform: Transform = {
  id: 'jsonTable',
  edits({ text, segments, countTokens }) {
    const edits: Edit[] = [];
    for (const s of segments) {
      if (s.kind !== 'json') continue;
      const json = text.slice(s.start, s.end);
      // The last row must end its line, or the text after the JSON would run into it.
      if (!/^[ \t]*(?:\n|$)/.test(text.slice(s.end))) continue;
      const table = jsonToTable(json);
      // Tokenizers differ on pipes and quotes, so the table must beat the compact JSON for the
      // tokenizer at hand, not just the indented original.
      if (table !== null && countTokens(table) < countTokens(minifyJson(json))) {
        const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
        const own = text.slice(lineStart, s.start).trim() === '';
        // Mid-line the table starts on its own line so its header row stays a row.
        edits.push({ start: s.start, end: s.end, replacement: own ? table : `\n${table}` });
      }
    }
    return edits;
  },
};

/** In application order: JSON first (it decides on the original layout), whitespace last. */
export const transforms: readonly Transform[] = [
  jsonTableTransform,
  jsonMinifyTransform,
  fillerTransform,
  verboseTransform,
  duplicatesTransform,
  whitespaceTransform,
];
