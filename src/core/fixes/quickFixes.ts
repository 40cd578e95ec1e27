// Pure builders of the quick fixes' text edits. Each returns undefined when the source does not have
// the shape the fix knows how to rewrite safely; the caller then offers no fix.
import type { Node } from '@vscode/tree-sitter-wasm';
import type { CallSite, SourceRange } from '../parse/callSite';
import { moveDynamicAfterStatic } from '../optimize/cachePlanReorder';
import { parserFor, type GrammarId } from '../parse/treeSitter';
import type { ContentPart } from '../request/llmRequest';
import type { FixData } from '../rules/finding';
import { escapeLiteral, literalStyleAt } from './literalText';
import type { TextEdit } from './textEdit';

const isPython = (grammar: GrammarId): boolean => grammar === 'python';

/** Runs `f` on the node that spans exactly [start, end) (or the smallest one covering it). */
function withNodeAt<T>(text: string, grammar: GrammarId, start: number, end: number, f: (node: Node) => T): T | undefined {
  const tree = parserFor(grammar).parse(text);
  if (!tree) return undefined;
  try {
    const node = tree.rootNode.descendantForIndex(start, Math.max(start, end - 1));
    let n: Node | null = node;
    while (n && !(n.startIndex <= start && n.endIndex >= end)) n = n.parent;
    return n ? f(n) : undefined;
  } finally {
    tree.delete();
  }
}

/** Rewrites the model literal (cheaper-model). */
export function swapModelEdits(site: CallSite, model: string): TextEdit[] | undefined {
  if (!site.modelRange || !/^[\w.:/@-]+$/.test(model)) return undefined;
  return [{ range: site.modelRange, newText: model }];
}

/** The value written for `key` in the call's request object (TS) or keyword arguments (Python), with how it is written. */
interface KeyValue {
  range: SourceRange;
  /** tree-sitter node type of the value. */
  type: string;
  /** `{ system }` in TS: the key and the value are one identifier. */
  shorthand: boolean;
  /** For lists: the last element, when it is an object/dict. */
  lastObject?: { start: number; text: string };
}

function keyValue(site: CallSite, text: string, grammar: GrammarId, key: string): KeyValue | undefined {
  const args = site.argsRange;
  if (!args) return undefined;
  return withNodeAt(text, grammar, args.start, args.end, (node): KeyValue | undefined => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'shorthand_property_identifier' && child.text === key) {
        return { range: { start: child.startIndex, end: child.endIndex }, type: child.type, shorthand: true };
      }
      const isEntry = child.type === 'pair' || child.type === 'keyword_argument';
      const name = child.childForFieldName(child.type === 'pair' ? 'key' : 'name')?.text.replace(/^['"]|['"]$/g, '');
      const value = child.childForFieldName('value');
      if (!isEntry || name !== key || !value) continue;
      const elements = value.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      const last = elements[elements.length - 1];
      const list = value.type === 'array' || value.type === 'list';
      return {
        range: { start: value.startIndex, end: value.endIndex }, type: value.type, shorthand: false,
        ...(list && last && (last.type === 'object' || last.type === 'dictionary') ? { lastObject: { start: last.startIndex, text: last.text } } : {}),
      };
    }
    return undefined;
  });
}

/**
 * Adds a cache_control breakpoint to the system prompt (cache-control-placement). A plain `system`
 * expression becomes one text block holding the original expression verbatim; a list of blocks
 * gets cache_control on its last block, which caches the whole system prompt (and the tools before it).
 */
export function cacheControlEdits(site: CallSite, text: string, grammar: GrammarId): TextEdit[] | undefined {
  const value = keyValue(site, text, grammar, 'system');
  if (!value) return undefined;
  const py = isPython(grammar);
  if (value.type === 'array' || value.type === 'list') {
    const last = value.lastObject;
    if (!last || /cache_control/.test(last.text)) return undefined;
    const inner = last.text.slice(0, -1);
    const trailingComma = /,\s*$/.test(inner);
    const addition = py ? '"cache_control": {"type": "ephemeral"}' : "cache_control: { type: 'ephemeral' }";
    const at = last.start + inner.trimEnd().length;
    return [{ range: { start: at, end: at }, newText: `${trailingComma ? ' ' : ', '}${addition}${trailingComma ? ',' : ''}` }];
  }
  const expression = text.slice(value.range.start, value.range.end);
  const block = py
    ? `[{"type": "text", "text": ${expression}, "cache_control": {"type": "ephemeral"}}]`
    : `[{ type: 'text', text: ${expression}, cache_control: { type: 'ephemeral' } }]`;
  // `{ system, model }`: the shorthand property needs its key written out.
  return [{ range: value.range, newText: value.shorthand ? `system: ${block}` : block }];
}

/** Inserts the max output tokens key as the first entry of the request (missing-max-tokens). */
export function maxTokensEdits(site: CallSite, text: string, grammar: GrammarId, param: string, value: number): TextEdit[] | undefined {
  const args = site.argsRange;
  if (!args) return undefined;
  const py = isPython(grammar);
  const open = text[args.start];
  if (open !== (py ? '(' : '{')) return undefined;
  const body = text.slice(args.start + 1, args.end - 1);
  // A key written with a value the scanner could not read (a variable) still counts as set.
  if (new RegExp(`(^|[\\s,{(])["']?(max_tokens|max_completion_tokens|max_output_tokens)["']?\\s*[:=]`).test(body)) return undefined;
  const entry = py ? `${param}=${value}` : `${param}: ${value}`;
  const ws = /^\s*/.exec(body)?.[0] ?? '';
  const at = args.start + 1 + ws.length;
  if (body.trim() === '') return [{ range: { start: args.start + 1, end: args.end - 1 }, newText: py ? entry : ` ${entry} ` }];
  return [{ range: { start: at, end: at }, newText: `${entry},${ws.includes('\n') ? ws : ' '}` }];
}

/** Replaces a hard-coded key literal by a read of the environment (hardcoded-api-key). Never copies the key. */
export function envKeyEdits(literal: { start: number; end: number }, text: string, grammar: GrammarId, envVar: string): TextEdit[] | undefined {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(envVar)) return undefined;
  if (!isPython(grammar)) return [{ range: literal, newText: `process.env.${envVar}` }];
  const edits: TextEdit[] = [{ range: literal, newText: `os.environ["${envVar}"]` }];
  if (!/^import os\s*$|^import os\b|^from os import environ\b/m.test(text)) {
    // `import os` goes before the first import, but after `from __future__` imports, which must come first.
    const lines = text.split('\n');
    let offset = 0;
    let at = -1;
    let afterFuture = 0;
    for (const line of lines) {
      if (/^from\s+__future__\s+import\b/.test(line)) afterFuture = offset + line.length + 1;
      else if (at < 0 && /^(import|from)\s/.test(line)) at = offset;
      offset += line.length + 1;
    }
    const insertAt = Math.max(at < 0 ? afterFuture : at, afterFuture);
    edits.push({ range: { start: insertAt, end: insertAt }, newText: 'import os\n' });
  }
  return edits;
}

/** Replaces a prompt literal's content by its compressed text, in the literal's quoting (prompt-compression). */
export function compressEdits(fix: Extract<FixData, { kind: 'compress' }>, original: string, text: string, grammar: GrammarId): TextEdit[] | undefined {
  const style = literalStyleAt(text, fix.range.start, isPython(grammar));
  if (!style) return undefined;
  // The source must be exactly the original written in this quoting, or offsets and escapes disagree.
  if (escapeLiteral(original, style) !== text.slice(fix.range.start, fix.range.end)) return undefined;
  const newText = escapeLiteral(fix.text, style);
  return newText === undefined ? undefined : [{ range: fix.range, newText }];
}

/**
 * Moves the sentences that change between calls after the static ones (dynamic-before-static), when
 * moveDynamicAfterStatic proves it safe and the system prompt is one template literal / f-string
 * written at the call, so every piece of it can be written back.
 */
export function moveDynamicEdits(site: CallSite, text: string, grammar: GrammarId): TextEdit[] | undefined {
  const system = site.request.system;
  const key = site.provider === 'openai' ? 'instructions' : 'system';
  const value = keyValue(site, text, grammar, key);
  if (!value || value.shorthand || !system || system.length !== 1) return undefined;
  const range = value.range;
  const py = isPython(grammar);
  const source = text.slice(range.start, range.end);
  const head = py ? /^[fF](""")|^[fF](''')|^[fF](")|^[fF](')/.exec(source) : /^(`)/.exec(source);
  if (!head) return undefined;
  // Every text piece must come from this literal: text inlined from a constant would be copied.
  const parts = system[0].parts as (ContentPart & { range?: { start: number; end: number } })[];
  if (parts.some((p) => p.kind === 'text' && (!p.range || p.range.start < range.start || p.range.end > range.end))) return undefined;
  if (parts.some((p) => p.kind === 'image' || p.kind === 'file')) return undefined;
  const reorder = moveDynamicAfterStatic(system);
  if (!reorder.safe || !reorder.changed) return undefined;
  const style = literalStyleAt(text, range.start + head[0].length, py);
  if (!style) return undefined;
  let body = '';
  for (const [i, block] of reorder.blocks.entries()) {
    if (i > 0) body += py && style.quote.length === 1 ? '\\n' : '\n';
    for (const part of block.parts) {
      if (part.kind === 'placeholder') body += py ? `{${part.name}}` : `\${${part.name}}`;
      else if (part.kind === 'text') {
        const escaped = escapeLiteral(part.text, style);
        if (escaped === undefined) return undefined;
        body += escaped;
      }
    }
  }
  const quote = head.slice(1).find((q) => q !== undefined) ?? '`';
  return [{ range, newText: `${py ? 'f' : ''}${quote}${body}${quote}` }];
}

/** The grammar of a file name or VS Code language id for the fix builders. */
export function grammarForLanguage(languageId: string): GrammarId | undefined {
  const byId: Record<string, GrammarId> = {
    typescript: 'typescript', typescriptreact: 'tsx', javascript: 'javascript', javascriptreact: 'javascript', python: 'python', tsx: 'tsx',
  };
  return byId[languageId];
}
