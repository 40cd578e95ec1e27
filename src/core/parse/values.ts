// A small, language-neutral value model for the expressions the scanner evaluates statically
// (request objects, prompt strings, model ids). Both the TypeScript and Python adapters produce it,
// so request extraction is written once.
import type { ModelNullReason, ModelSource, SourceRange, SourcedPart } from './callSite';

/** How a value was reached: through a name (and which kind of binding) or written in place. */
export type Via = Exclude<ModelSource, 'params-object' | 'spread' | 'front-matter'>;

interface Base {
  via?: Via;
  range?: SourceRange;
}

export interface StrValue extends Base {
  k: 'str';
  parts: SourcedPart[];
}
export interface NumValue extends Base {
  k: 'num';
  n: number;
}
export interface BoolValue extends Base {
  k: 'bool';
  b: boolean;
}
export interface NoneValue extends Base {
  k: 'none';
}
export interface ObjEntry {
  value: Value;
  fromSpread: boolean;
}
export interface ObjValue extends Base {
  k: 'obj';
  entries: Map<string, ObjEntry>;
  /** A spread whose content is unknown may hold any key. */
  opaqueSpread: boolean;
}
export interface ArrValue extends Base {
  k: 'arr';
  items: Value[];
  /** Built by a comprehension or `.map`: items[0] is the element template, repeated at run time. */
  repeated?: boolean;
}
export interface UnknownValue extends Base {
  k: 'unknown';
  reason: ModelNullReason;
  /** The expression text, used as the placeholder name when the value is interpolated. */
  text: string;
}

export type Value = StrValue | NumValue | BoolValue | NoneValue | ObjValue | ArrValue | UnknownValue;

/** Longest expression text kept as a placeholder name; longer ones are cut so huge expressions stay cheap. */
const maxPlaceholderName = 120;

export function unknown(text: string, reason: ModelNullReason = 'unknown', range?: SourceRange): UnknownValue {
  return { k: 'unknown', reason, text: text.length > maxPlaceholderName ? `${text.slice(0, maxPlaceholderName)}…` : text, range };
}

export function textValue(text: string, range?: SourceRange): StrValue {
  return { k: 'str', parts: text ? [{ kind: 'text', text, range }] : [], range };
}

/** Records how a value was reached; the outermost name wins, except that an env default stays visible. */
export function withVia<T extends Value>(v: T, via: Via): T {
  return v.via === 'env-default' ? v : { ...v, via };
}

/** The parts of a value used inside a string: strings inline, numbers print, anything else is a placeholder. */
export function asParts(v: Value, placeholderName: string): SourcedPart[] {
  switch (v.k) {
    case 'str':
      return v.parts;
    case 'num':
      return [{ kind: 'text', text: String(v.n) }];
    case 'unknown':
      return [{ kind: 'placeholder', name: v.text || placeholderName }];
    default:
      return [{ kind: 'placeholder', name: placeholderName }];
  }
}

export function concat(a: Value, aText: string, b: Value, bText: string): StrValue {
  return { k: 'str', parts: [...asParts(a, aText), ...asParts(b, bText)] };
}

/** The literal text of a string value when it has no placeholders. */
export function staticString(v: Value | undefined): string | undefined {
  if (!v || v.k !== 'str') return undefined;
  let text = '';
  for (const p of v.parts) {
    if (p.kind !== 'text') return undefined;
    text += p.text;
  }
  return text;
}

/** Applies a text transform (dedent, strip) to a string value, keeping placeholders in place. */
export function mapText(v: StrValue, transform: (text: string) => string): StrValue {
  // Placeholders become private-use sentinels so whole-string transforms see the real layout.
  const sentinel = '\uE000';
  const placeholders: SourcedPart[] = [];
  let joined = '';
  for (const p of v.parts) {
    if (p.kind === 'text') joined += p.text;
    else {
      placeholders.push(p);
      joined += sentinel;
    }
  }
  const out = transform(joined);
  const parts: SourcedPart[] = [];
  let i = 0;
  for (const piece of out.split(sentinel)) {
    if (piece) parts.push({ kind: 'text', text: piece });
    if (i < placeholders.length) parts.push(placeholders[i]);
    i++;
  }
  // Ranges stay valid only when the transform left the literal text untouched.
  if (out === joined) return v;
  return { k: 'str', parts, via: v.via };
}

/** Python's textwrap.dedent / JS dedent tags: remove the common leading whitespace of non-blank lines. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let common: number | undefined;
  for (const line of lines) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    common = common === undefined ? indent : Math.min(common, indent);
  }
  if (!common) return text;
  return lines.map((l) => (l.trim() ? l.slice(common) : l.trimStart())).join('\n');
}

/** Joins string values with a separator (Python `sep.join([...])`, JS `[...].join(sep)`). */
export function joinValues(items: readonly Value[], sep: string, texts: readonly string[]): StrValue {
  const parts: SourcedPart[] = [];
  items.forEach((item, i) => {
    if (i > 0 && sep) parts.push({ kind: 'text', text: sep });
    parts.push(...asParts(item, texts[i] ?? '…'));
  });
  return { k: 'str', parts };
}

/** Plain JSON for a value (tool schemas); unknowns become null. */
export function toJson(v: Value): unknown {
  switch (v.k) {
    case 'str':
      return v.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'placeholder' ? `{${p.name}}` : '')).join('');
    case 'num':
      return v.n;
    case 'bool':
      return v.b;
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of v.entries) out[key] = toJson(entry.value);
      return out;
    }
    case 'arr':
      return v.items.map(toJson);
    default:
      return null;
  }
}

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0', a: '\x07' };

/** Decodes backslash escapes of a JS or Python string literal's content (the shared subset). */
export function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|\r?\n|[\s\S])/g, (_m, esc: string) => {
    const first = esc[0];
    if (esc.length > 1 && (first === 'u' || first === 'U' || first === 'x')) {
      const hex = esc.startsWith('u{') ? esc.slice(2, -1) : esc.slice(1);
      const code = parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    if (first === '\n' || first === '\r') return '';
    return simpleEscapes[esc] ?? esc;
  });
}

/** Parses a numeric literal of either language (`1_000`, `0x10`, `1e3`). */
export function parseNumber(text: string): number | undefined {
  const clean = text.replace(/_/g, '').replace(/[nlLjJ]$/, '');
  const n = /^0[xob]/i.test(clean) ? Number(clean) : parseFloat(clean);
  return Number.isFinite(n) ? n : undefined;
}

/** `a ?? b`, `a || b`, `a or b`: the left value when known; an env lookup with a literal fallback is an env default. */
export function fallback(left: Value, right: () => Value): Value {
  if (left.k !== 'unknown' && left.k !== 'none') return left;
  const r = right();
  if (left.k === 'unknown' && left.reason === 'env' && r.k === 'str') return withVia(r, 'env-default');
  return r.k === 'unknown' ? left : r;
}

/** Binary `+`: numbers add, anything with a string concatenates. */
export function plus(l: Value, lText: string, r: Value, rText: string, text: string): Value {
  if (l.k === 'num' && r.k === 'num') return { k: 'num', n: l.n + r.n };
  if (l.k === 'str' || r.k === 'str') return concat(l, lText, r, rText);
  return unknown(text);
}

/** Appends a spread (`...xs`, `*xs`) to array items; an unknown one keeps its place as an unknown item. */
export function pushSpread(items: Value[], v: Value | undefined, text: string): void {
  // Message order decides what a cache prefix covers, so the unknown part stays where it was.
  if (v?.k === 'arr' && !v.repeated) items.push(...v.items);
  else items.push(unknown(text));
}

/** Merges a spread (`...obj`, `**kwargs`) into an object; later keys override earlier ones, as at run time. */
export function mergeSpread(out: ObjValue, v: Value | undefined, markSpread: boolean): void {
  if (v?.k !== 'obj') {
    out.opaqueSpread = true;
    return;
  }
  for (const [key, entry] of v.entries) out.entries.set(key, { value: entry.value, fromSpread: markSpread || entry.fromSpread });
  out.opaqueSpread ||= v.opaqueSpread;
}

/** `obj.key`, `obj["key"]`, `arr[0]` on a resolved value; otherwise unknown, keeping an env reason. */
export function readKey(target: Value, key: string | undefined, text: string, range: SourceRange): Value {
  // A value read from a named object keeps how the object was reached (`MODELS.fast`: a constant).
  const found = (v: Value): Value => (target.via ? withVia(v, target.via) : v);
  if (key !== undefined && target.k === 'obj') {
    const entry = target.entries.get(key);
    if (entry) return found(entry.value);
  }
  if (key !== undefined && target.k === 'arr' && /^\d+$/.test(key)) {
    const item = target.items[Number(key)];
    if (item) return found(item);
  }
  return unknown(text, target.k === 'unknown' ? target.reason : 'unknown', range);
}

/**
 * A copy of a value without any source range: for a value read from another file (a model name
 * imported from config.ts), whose offsets mean nothing in the file that uses it and must never
 * be edited there.
 */
export function withoutRanges<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutRanges(v)) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]: [unknown, unknown]) => [k, withoutRanges(v)])) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'range') out[k] = withoutRanges(v);
  return out as T;
}
