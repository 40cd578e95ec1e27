// Splits a prompt into protected and editable segments. Compression transforms only ever edit
// `text` segments (and `json` segments, which only the JSON transforms touch), so everything a
// model or a template engine reads literally is left byte-identical by construction.
// The syntax of each protection is documented in docs/optimize.md.

export type ProtectedKind =
  | 'keep'
  | 'fence'
  | 'comment'
  | 'dataTag'
  | 'indentedCode'
  | 'inlineCode'
  | 'url'
  | 'tag'
  | 'quote'
  | 'placeholder'
  | 'number'
  | 'negation';

export type SegmentKind = 'text' | 'json' | ProtectedKind;

export interface Segment {
  start: number;
  end: number;
  kind: SegmentKind;
}

interface Span {
  start: number;
  end: number;
}

// Tags whose content is data the prompt quotes (documents, few-shot examples, inputs): rewording
// it would change what the model is shown, so tag and content are kept together. Instruction-like
// tags (<instructions>, <rules>, <task>) stay editable because their prose is what gets compressed.
export const dataTagNames: readonly string[] = [
  'document', 'documents', 'doc', 'context', 'data', 'example', 'examples', 'input', 'output',
  'source', 'sources', 'code', 'quote', 'quotes', 'transcript', 'email', 'article', 'text',
  'snippet', 'sample', 'samples', 'schema', 'json', 'file', 'record', 'records', 'search_results',
  'result', 'results', 'history', 'conversation', 'query', 'question', 'answer', 'pre', 'table',
];

// Placeholders of the template syntaxes prompts are written in: Jinja/Mustache {{x}}, {% %}, {# #};
// JS template ${x}; Python str.format / f-string fields {x}, {x!r:>10}, {0}, {}; printf %s, %(name)s.
export const placeholderPattern =
  /\{\{[^{}\n]*\}\}|\{%[^\n]*?%\}|\{#[^\n]*?#\}|\$\{[^{}\n]*\}|\{(?:[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?|\d+)?(?:![rsa])?(?::[^{}\n]*)?\}|%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]\b/g;

// Negations: any transform that would drop or move one must not apply (see docs/optimize.md).
export const negationPattern =
  /\b(?:not|never|no|none|nothing|nobody|nowhere|neither|nor|cannot|can't|cant|won't|don't|dont|doesn't|didn't|isn't|aren't|wasn't|weren't|shouldn't|wouldn't|couldn't|mustn't|mightn't|needn't|haven't|hasn't|hadn't|without|avoid|avoids|avoiding|except|unless|refuse|refrain|prohibited|forbidden|disallowed|exclude|excluding|omit|ignore|stop)\b/gi;

export const numberPattern = /(?<![\w.])[-+]?\d+(?:[,_]\d+)*(?:\.\d+)?(?:[eE][-+]?\d+)?%?(?!\w)/g;

const urlPattern = /\b(?:https?|ftp|file):\/\/[^\s<>"'`)\]]+/g;
const tagPattern = /<\/?[A-Za-z][\w:.-]*(?:\s+[^<>\n]*?)?\/?>/g;
const inlineCodePattern = /(`+)(?!`)[^\n]*?[^`\n]?\1(?!`)/g;
// A single quote opens only where it cannot be an apostrophe (not after a letter or digit) and
// closes only where it is not followed by one, so "don't" and "users' data" stay editable.
const quotePattern = /"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|«[^»\n]*»|(?<![\p{L}\p{N}])'[^'\n]+'(?![\p{L}\p{N}])/gu;
const htmlCommentPattern = /<!--[\s\S]*?-->/g;
const keepCommentPattern = /<!--\s*tokenwise:\s*keep\s*-->[\s\S]*?(?:<!--\s*\/tokenwise:\s*keep\s*-->|$(?![\s\S]))/gi;
const keepLinePattern = /^[ \t]*(?:#|\/\/)[ \t]*tokenwise:[ \t]*keep[ \t]*$[\s\S]*?(?:^[ \t]*(?:#|\/\/)[ \t]*tokenwise:[ \t]*end-keep[ \t]*$|$(?![\s\S]))/gim;

/** Segments covering `text` end to end, in order; adjacent editable stretches are merged. */
export function segmentPrompt(text: string): Segment[] {
  const claimed: Segment[] = [];
  const claim = (spans: Iterable<Span>, kind: SegmentKind): void => {
    for (const s of spans) if (s.end > s.start && !overlaps(claimed, s)) insertSorted(claimed, { ...s, kind });
  };
  // Block constructs first, over the whole text: they decide what the inline scanners may see.
  claim(regexSpans(text, keepLinePattern, 0), 'keep');
  claim(regexSpans(text, keepCommentPattern, 0), 'keep');
  claim(fenceSpans(text, claimed), 'fence');
  claim(inGaps(text, claimed, htmlCommentPattern), 'comment');
  claim(dataTagSpans(text, claimed), 'dataTag');
  claim(indentedCodeSpans(text, claimed), 'indentedCode');
  claim(inGaps(text, claimed, inlineCodePattern), 'inlineCode');
  claim(jsonSpans(text, claimed), 'json');
  claim(inGaps(text, claimed, urlPattern), 'url');
  claim(inGaps(text, claimed, tagPattern), 'tag');
  claim(inGaps(text, claimed, quotePattern), 'quote');
  claim(inGaps(text, claimed, placeholderPattern), 'placeholder');
  claim(inGaps(text, claimed, numberPattern), 'number');
  claim(inGaps(text, claimed, negationPattern), 'negation');
  return fillGaps(text, claimed);
}

export function isProtected(kind: SegmentKind): kind is ProtectedKind {
  return kind !== 'text' && kind !== 'json';
}

/**
 * The protected stretches of a prompt, in order, as they must reappear byte-identical in any
 * compressed version. Negations are left out: they are compared as words, case-insensitively,
 * because a negation that starts a sentence after removed filler takes the capital letter.
 */
export function protectedTexts(text: string): string[] {
  return segmentPrompt(text)
    .filter((s) => isProtected(s.kind) && s.kind !== 'negation')
    .map((s) => text.slice(s.start, s.end));
}

function overlaps(claimed: readonly Segment[], s: Span): boolean {
  return claimed.some((c) => c.start < s.end && s.start < c.end);
}

function insertSorted(list: Segment[], seg: Segment): void {
  let i = list.length;
  while (i > 0 && list[i - 1].start > seg.start) i--;
  list.splice(i, 0, seg);
}

function gaps(text: string, claimed: readonly Segment[]): Span[] {
  const out: Span[] = [];
  let pos = 0;
  for (const c of claimed) {
    if (c.start > pos) out.push({ start: pos, end: c.start });
    pos = Math.max(pos, c.end);
  }
  if (pos < text.length) out.push({ start: pos, end: text.length });
  return out;
}

function fillGaps(text: string, claimed: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const g of gaps(text, claimed)) out.push({ ...g, kind: 'text' });
  out.push(...claimed);
  return out.sort((a, b) => a.start - b.start);
}

function regexSpans(text: string, pattern: RegExp, offset: number): Span[] {
  const out: Span[] = [];
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (const m of text.matchAll(re)) {
    if (m[0].length > 0) out.push({ start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return out;
}

// Inline constructs never span a claimed region, so each gap is scanned on its own.
function inGaps(text: string, claimed: readonly Segment[], pattern: RegExp): Span[] {
  return gaps(text, claimed).flatMap((g) => regexSpans(text.slice(g.start, g.end), pattern, g.start));
}

interface Line {
  start: number;
  end: number; // excludes the line break
  next: number; // start of the following line
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      lines.push({ start, end: text.length, next: text.length + 1 });
      break;
    }
    lines.push({ start, end: nl, next: nl + 1 });
    start = nl + 1;
  }
  return lines;
}

// CommonMark fences: ``` or ~~~ (3+), closed by the same character at least as long; an unclosed
// fence runs to the end of the text, as CommonMark renders it.
function fenceSpans(text: string, claimed: readonly Segment[]): Span[] {
  const out: Span[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const open = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(text.slice(lines[i].start, lines[i].end));
    if (!open || overlaps(claimed, { start: lines[i].start, end: lines[i].start + 1 })) continue;
    const fence = open[1];
    let j = i + 1;
    const closer = new RegExp(`^[ \\t]{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
    while (j < lines.length && !closer.test(text.slice(lines[j].start, lines[j].end))) j++;
    const last = lines[Math.min(j, lines.length - 1)];
    out.push({ start: lines[i].start, end: last.end });
    i = j;
  }
  return out;
}

function dataTagSpans(text: string, claimed: readonly Segment[]): Span[] {
  const out: Span[] = [];
  const open = new RegExp(`<(${dataTagNames.join('|')})(?:\\s[^<>]*)?>`, 'gi');
  for (const m of text.matchAll(open)) {
    if (out.some((s) => m.index < s.end)) continue;
    const close = new RegExp(`</${m[1]}\\s*>`, 'i');
    const rest = text.slice(m.index + m[0].length);
    const c = close.exec(rest);
    if (!c) continue;
    const span = { start: m.index, end: m.index + m[0].length + c.index + c[0].length };
    if (!overlaps(claimed, span)) out.push(span);
  }
  return out;
}

// Markdown indented code: 4+ spaces or a tab after a blank line (or at the start). Indentation is
// meaningful there (Python, YAML), so the whole block is kept.
function indentedCodeSpans(text: string, claimed: readonly Segment[]): Span[] {
  const out: Span[] = [];
  const lines = splitLines(text);
  const content = (l: Line): string => text.slice(l.start, l.end);
  let i = 0;
  while (i < lines.length) {
    const prevBlank = i === 0 || content(lines[i - 1]).trim() === '';
    if (prevBlank && /^(?: {4}|\t)\S/.test(content(lines[i]))) {
      let j = i;
      while (j + 1 < lines.length && (/^(?: {4}|\t)/.test(content(lines[j + 1])) || content(lines[j + 1]).trim() === '')) j++;
      while (j > i && content(lines[j]).trim() === '') j--;
      const span = { start: lines[i].start, end: lines[j].end };
      if (!overlaps(claimed, span)) out.push(span);
      i = j + 1;
    } else i++;
  }
  return out;
}

function jsonSpans(text: string, claimed: readonly Segment[]): Span[] {
  const out: Span[] = [];
  for (const g of gaps(text, claimed)) {
    let i = g.start;
    while (i < g.end) {
      const c = text[i];
      if (c === '{' || c === '[') {
        const end = scanJsonValue(text, i, g.end);
        // Only real data counts as a JSON literal: it must hold a string, which excludes prose
        // brackets such as "[1, 2]" or "[10,000 word document]".
        if (end !== -1 && text.slice(i, end).includes('"') && isJson(text.slice(i, end))) {
          out.push({ start: i, end });
          i = end;
          continue;
        }
      }
      i++;
    }
  }
  return out;
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** End offset of the bracketed JSON-like value starting at `start` (balanced, strings skipped), or -1. */
function scanJsonValue(text: string, start: number, limit: number): number {
  const stack: string[] = [];
  for (let i = start; i < limit; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < limit && text[i] !== '"') {
        if (text[i] === '\\') i++;
        if (text[i] === '\n') return -1;
        i++;
      }
      if (i >= limit) return -1;
    } else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}
