// "Move dynamic content after static content", the quick fix behind both providers' caching
// advice (a cached prefix must be identical from call to call). Reordering is applied only when it
// is provably harmless: the dynamic sentence stands on its own and nothing refers to it. When in
// doubt the answer is "not safe" and the user moves it by hand.
// Only blocks of one list (e.g. the system blocks) are reordered: moving content across messages
// would change who said what and when.

import type { ContentPart, RequestBlock } from '../request/llmRequest';
import { classifyText } from './cachePlanDynamic';

export interface ReorderResult {
  safe: boolean;
  /** Whether `blocks` differs from the input. */
  changed: boolean;
  reason: string;
  /** The reordered blocks (the input when not safe or nothing to move). */
  blocks: RequestBlock[];
}

interface Unit {
  block: number;
  parts: ContentPart[];
  /** Whitespace that separated the unit from the next one. */
  separator: string;
  dynamic: boolean;
}

// Words by which a sentence points at its neighbours ("as shown above", "It is ...").
const refersAround = /\b(?:above|below|following|previous|preceding|aforementioned|as follows|this|these|those|it|they|them|here)\b/i;
const refersBack = /^\s*(?:this|that|these|those|it|its|they|their|them|he|she|his|her|such|also|then|so|therefore|thus|however|otherwise|there)\b/i;
const listItem = /^\s*(?:[-*+•]|\d+[.)])\s/;

const unitText = (u: Unit): string => u.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'placeholder' ? `{${p.name}}` : `[${p.kind}]`)).join('');

function splitUnits(blocks: readonly RequestBlock[]): Unit[] {
  const units: Unit[] = [];
  blocks.forEach((block, b) => {
    let current: ContentPart[] = [];
    const flush = (separator: string): void => {
      if (current.length > 0 || separator) units.push({ block: b, parts: current, separator, dynamic: false });
      current = [];
    };
    for (const part of block.parts) {
      if (part.kind !== 'text') {
        current.push(part);
        continue;
      }
      // Sentence ends (". ", "! ", "? ") and line breaks end a unit; the whitespace is kept as its separator.
      const pieces = part.text.split(/((?<=[.!?])[ \t]+|[ \t]*\n\s*)/);
      pieces.forEach((piece, i) => {
        if (i % 2 === 1) flush(piece);
        else if (piece) current.push({ kind: 'text', text: piece });
      });
    }
    flush('');
  });
  for (const u of units) {
    u.dynamic = u.parts.some((p) => p.kind !== 'text') || classifyText(unitText(u)).dynamic;
  }
  return units.filter((u) => u.parts.length > 0 || u.separator);
}

function unsafeBecause(units: readonly Unit[], index: number): string | null {
  const unit = units[index];
  const text = unitText(unit).trim();
  if (unit.parts.some((p) => p.kind === 'image' || p.kind === 'file')) return 'it holds an image or file, whose position the prompt may rely on';
  if (text.endsWith(':')) return `"${text}" introduces what follows it`;
  if (listItem.test(text)) return `"${text}" is an item of a list`;
  if (refersAround.test(text)) return `"${text}" refers to the text around it`;
  const previous = units.slice(0, index).reverse().find((u) => unitText(u).trim() !== '');
  if (previous && previous.block === unit.block && unitText(previous).trim().endsWith(':')) return `"${unitText(previous).trim()}" introduces "${text}"`;
  const next = units.slice(index + 1).find((u) => unitText(u).trim() !== '');
  if (next && refersBack.test(unitText(next))) return `"${unitText(next).trim()}" may refer back to "${text}"`;
  const before = units.slice(0, index).filter((u) => u.block === unit.block).map(unitText).join(' ');
  const opened = (before.match(/<[A-Za-z][\w:-]*[^<>]*>/g) ?? []).length - (before.match(/<\/[A-Za-z][\w:-]*\s*>/g) ?? []).length;
  if (opened > 0) return `"${text}" sits inside an XML/HTML element`;
  if (((before.match(/```/g) ?? []).length) % 2 === 1) return `"${text}" sits inside a code fence`;
  const others = units.filter((_, i) => i !== index).map(unitText).join('\n').toLowerCase();
  for (const p of unit.parts) {
    if (p.kind !== 'placeholder') continue;
    // Any word of the placeholder's name elsewhere ("Address the user by name" for {user_name})
    // may point at the moved sentence; that is enough doubt to leave it in place.
    const words = p.name.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[\W_]+/).filter((w) => w.length >= 3).map((w) => w.toLowerCase());
    const mentioned = words.find((w) => new RegExp(`\\b${w}`).test(others));
    if (mentioned) return `other text mentions "${mentioned}", which may refer to what ${p.name} fills in`;
  }
  return null;
}

const mergeText = (parts: readonly ContentPart[]): ContentPart[] => {
  const out: ContentPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + p.text };
    else out.push(p);
  }
  return out;
};

const trimEnd = (parts: ContentPart[]): ContentPart[] => {
  const last = parts[parts.length - 1];
  if (last?.kind !== 'text') return parts;
  const text = last.text.trimEnd();
  return text ? [...parts.slice(0, -1), { kind: 'text', text }] : parts.slice(0, -1);
};

export function moveDynamicAfterStatic(blocks: readonly RequestBlock[]): ReorderResult {
  const unchanged = (safe: boolean, reason: string): ReorderResult => ({ safe, changed: false, reason, blocks: [...blocks] });
  const units = splitUnits(blocks);
  const lastStatic = units.reduce((last, u, i) => (!u.dynamic && unitText(u).trim() !== '' ? i : last), -1);
  const early = units.map((_, i) => i).filter((i) => units[i].dynamic && i < lastStatic);
  if (early.length === 0) return unchanged(true, 'No dynamic content comes before static content.');
  for (const i of early) {
    const why = unsafeBecause(units, i);
    if (why) return unchanged(false, `Not safe to move: ${why}.`);
  }
  // Dynamic sentences already at the end move too, so the dynamic ones keep their relative order.
  const toMove = units.map((_, i) => i).filter((i) => units[i].dynamic);
  const moving = new Set(toMove);
  const rebuilt: RequestBlock[] = [];
  blocks.forEach((block, b) => {
    const parts = trimEnd(mergeText(units.flatMap((u, i) => (u.block === b && !moving.has(i) ? [...u.parts, { kind: 'text' as const, text: u.separator }] : []))));
    if (parts.length > 0) rebuilt.push({ ...block, parts });
  });
  const moved = mergeText(toMove.flatMap((i, k) => [...(k > 0 ? [{ kind: 'text' as const, text: '\n' }] : []), ...trimEnd(units[i].parts)]));
  rebuilt.push({ parts: moved });
  return {
    safe: true,
    changed: true,
    reason: `Moved ${early.length} dynamic sentence(s) after the static content; each stands alone and nothing refers to it.`,
    blocks: rebuilt,
  };
}
