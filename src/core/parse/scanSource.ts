// Public entry points of the scanner: source files, notebooks and prompt files. Parsing is
// synchronous once initParsers() has resolved, and nothing here throws on bad input.
import type { Edit, Point, Range, Tree } from '@vscode/tree-sitter-wasm';
import type { LlmRequest, Provider, RequestBlock } from '../request/llmRequest';
import type { CallSite, ScanResult, SkipReason, SourceRange, SourcedPart } from './callSite';
import { moduleNameOf, scanTree, type ImportedNames } from './callScanner';
import { apiMethodNames } from './sdkCatalog';
import { focusedRanges } from './focusedParse';
import { jsAdapter } from './jsAdapter';
import { languageForFile } from './languageForFile';
import { scanPromptFile } from './promptFile';
import { pyAdapter } from './pyAdapter';
import type { Value } from './values';
import { forgetTree, looseWordPattern, type SyntaxAdapter } from './syntaxAdapter';
import { parserFor } from './treeSitter';
import type { GrammarId } from './treeSitter';

export interface ScanOptions {
  /** Larger inputs are skipped (default 1 MiB, the `tokenwise.analysis.maxFileSizeKB` default). */
  maxBytes?: number;
  /** Parsing stops after this long and the file is reported as skipped (default 2000 ms). */
  parseTimeoutMs?: number;
  /**
   * Parse only the statements that can hold a call site (see focusedParse.ts); default true.
   * False parses every file whole, as the editor's incremental scanner always does.
   */
  focus?: boolean;
  /** Answers for names imported from another file of the project: clients and values (projectImports.ts). */
  imports?: ImportedNames;
}

const defaultMaxBytes = 1024 * 1024;
const defaultParseTimeoutMs = 2000;
/** Bytes inspected for NUL / replacement characters; enough to classify any real file. */
const sniffLength = 8192;

function skipped(reason: SkipReason, detail?: string): ScanResult {
  return { calls: [], skipped: detail ? { reason, detail } : { reason }, diagnostics: [] };
}

function adapterFor(grammar: GrammarId): SyntaxAdapter {
  return grammar === 'python' ? pyAdapter : jsAdapter;
}

/** Grammar ids and VS Code language ids, so the host can pass `document.languageId` directly. */
const grammarByLanguageId: Readonly<Record<string, GrammarId>> = {
  typescript: 'typescript',
  tsx: 'tsx',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  python: 'python',
};

/** Text of a file, or why it is not scanned: too large, binary, or not UTF-8. */
export function decodeSource(source: string | Uint8Array, maxBytes = defaultMaxBytes): { text: string } | { skip: ScanResult } {
  const size = typeof source === 'string' ? Buffer.byteLength(source, 'utf8') : source.byteLength;
  if (size > maxBytes) return { skip: skipped('too-large', `${size} bytes > ${maxBytes}`) };
  let text: string;
  if (typeof source === 'string') text = source;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(source);
    } catch {
      return { skip: skipped('not-utf8') };
    }
  }
  const head = text.slice(0, sniffLength);
  if (head.includes('\0')) return { skip: skipped('binary') };
  let replacements = 0;
  for (let i = head.indexOf('\uFFFD'); i >= 0; i = head.indexOf('\uFFFD', i + 1)) replacements++;
  // Text that was decoded leniently elsewhere shows its invalid bytes as U+FFFD.
  if (replacements > 8 && replacements * 100 > head.length) return { skip: skipped('not-utf8') };
  return { text: text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text };
}

function parseWithDeadline(grammar: GrammarId, text: string, opts: ScanOptions, oldTree: Tree | null = null, includedRanges?: Range[]): Tree | null {
  const parser = parserFor(grammar);
  const deadline = performance.now() + (opts.parseTimeoutMs ?? defaultParseTimeoutMs);
  // A parse stopped by the deadline would otherwise resume on the next, unrelated document.
  parser.reset();
  const progressCallback = (): boolean => performance.now() > deadline;
  if (!includedRanges) return parser.parse(text, oldTree, { progressCallback });
  // The runtime copies a few KB from each offset it reads at; cut at the end of the range being
  // read, so skipping to the next range does not copy the text in between.
  const ends = includedRanges.map((r) => r.endIndex);
  const read = (index: number): string => {
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= index) lo = mid + 1;
      else hi = mid;
    }
    return text.slice(index, Math.min(index + readChunk, ends[lo] > index ? ends[lo] : text.length));
  };
  return parser.parse(read, oldTree, { progressCallback, includedRanges });
}

/** Characters handed to the parser per read (its input buffer holds 10 KiB of UTF-16). */
const readChunk = 4096;

/**
 * The tree the scanner needs: of the statements that can matter when the file has functions that
 * cannot (a fraction of the parse time on a large module), else of the whole file. A focused tree
 * with a syntax error is not trusted (the split into statements may have been wrong): the whole
 * file is parsed instead. JSX text is too loose for the statement split, so TSX is parsed whole.
 */
function parseForScan(grammar: GrammarId, text: string, opts: ScanOptions): Tree | null {
  const ranges = opts.focus === false || grammar === 'tsx' ? undefined : focusedRanges(text, grammar === 'python' ? 'python' : 'script', looseWordPattern(adapterFor(grammar).candidateWords));
  if (ranges) {
    const tree = parseWithDeadline(grammar, text, opts, null, ranges);
    if (!tree || !tree.rootNode.hasError) return tree;
    deleteTree(tree);
  }
  return parseWithDeadline(grammar, text, opts);
}

/** Trees live in WASM memory, which the JS garbage collector does not reclaim. */
function deleteTree(tree: Tree): void {
  forgetTree(tree);
  tree.delete();
}

function scanParsed(grammar: GrammarId, tree: Tree, text: string, opts: ScanOptions): ScanResult {
  const diagnostics = tree.rootNode.hasError ? ['syntax errors: call sites after them may be missed'] : [];
  return { calls: scanTree(adapterFor(grammar), tree.rootNode, text, opts.imports), diagnostics };
}

/**
 * Every client the scanner can recognise is named after its SDK somewhere in the file (an import,
 * a class name, a type annotation), so a file that never says "openai" or "anthropic" is not parsed.
 * Most files of a workspace scan end here.
 */
function mentionsSdk(text: string): boolean {
  return /openai|anthropic/i.test(text);
}

/**
 * A file that never names the SDK can still call a client imported from another file of the
 * project (`import { llm } from './llm'; llm.chat.completions.create(...)`): worth parsing when
 * another file can be asked about it and an SDK method is called on an SDK resource
 * (`.completions.create`, `.messages.batches.create`; not `state.messages.push`).
 */
const sdkResourceCall = new RegExp(
  `\\.\\s*(?:completions|messages|responses|embeddings|moderations|batches|images|audio|files)\\s*\\??\\.\\s*` +
  `(?:[A-Za-z_]\\w*\\s*\\??\\.\\s*){0,2}(?:${[...apiMethodNames].join('|')})\\b`,
);

function mayHoldCalls(text: string, opts: ScanOptions): boolean {
  return mentionsSdk(text) || (opts.imports !== undefined && sdkResourceCall.test(text));
}

function scanCode(grammar: GrammarId, text: string, opts: ScanOptions): ScanResult {
  if (!mayHoldCalls(text, opts)) return { calls: [], diagnostics: [] };
  const tree = parseForScan(grammar, text, opts);
  if (!tree) return skipped('parse-timeout');
  try {
    return scanParsed(grammar, tree, text, opts);
  } finally {
    deleteTree(tree);
  }
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}

/** The single edit turning `before` into `after`: common prefix and suffix kept, the middle replaced. */
export function diffEdit(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return {
    startIndex: start,
    oldEndIndex: before.length - tail,
    newEndIndex: after.length - tail,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, before.length - tail),
    newEndPosition: pointAt(after, after.length - tail),
  };
}

/**
 * Scans successive versions of one open document. Each update reparses incrementally from the
 * previous tree (tree-sitter reuses the unchanged subtrees), which is what keeps re-analysis after
 * a keystroke cheap. Call dispose() when the document closes: trees live in WASM memory.
 */
export class DocumentScanner {
  private tree: Tree | null = null;
  private text = '';

  constructor(private readonly grammar: GrammarId, private readonly opts: ScanOptions = {}) {}

  update(source: string): ScanResult {
    try {
      const decoded = decodeSource(source, this.opts.maxBytes);
      if ('skip' in decoded) {
        this.dispose();
        return decoded.skip;
      }
      const text = decoded.text;
      if (!mayHoldCalls(text, this.opts)) {
        this.dispose();
        return { calls: [], diagnostics: [] };
      }
      if (this.tree) this.tree.edit(diffEdit(this.text, text));
      const tree = parseWithDeadline(this.grammar, text, this.opts, this.tree);
      this.dispose();
      if (!tree) return skipped('parse-timeout');
      this.tree = tree;
      this.text = text;
      return scanParsed(this.grammar, tree, text, this.opts);
    } catch (err) {
      this.dispose();
      return { calls: [], diagnostics: [`scanner error: ${err instanceof Error ? err.message : String(err)}`] };
    }
  }

  dispose(): void {
    if (this.tree) deleteTree(this.tree);
    this.tree = null;
    this.text = '';
  }
}

/**
 * Scans one file. `languageOrFileName` is a grammar id or VS Code language id ('typescript', 'tsx',
 * 'typescriptreact', 'javascript', 'javascriptreact', 'python') or a file name whose extension decides
 * (.ipynb and prompt files included).
 */
export function scanSource(source: string | Uint8Array, languageOrFileName: string, opts: ScanOptions = {}): ScanResult {
  try {
    const decoded = decodeSource(source, opts.maxBytes);
    if ('skip' in decoded) return decoded.skip;
    const kind = Object.hasOwn(grammarByLanguageId, languageOrFileName) ? grammarByLanguageId[languageOrFileName] : languageForFile(languageOrFileName);
    if (kind === undefined) return skipped('unsupported-language', languageOrFileName);
    if (kind === 'notebook') return scanNotebook(decoded.text, opts);
    if (kind === 'prompt') return scanPromptFile(decoded.text, languageOrFileName);
    return scanCode(kind, decoded.text, opts);
  } catch (err) {
    return { calls: [], diagnostics: [`scanner error: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

/**
 * What a source file says about one of its module-level names: the SDK client it holds, and its
 * value when known statically (for projectImports.ts). Nothing for anything it cannot tell; never throws.
 */
export function moduleName(source: string | Uint8Array, fileName: string, name: string, opts: ScanOptions = {}): { client?: Provider; value?: Value } {
  try {
    const decoded = decodeSource(source, opts.maxBytes);
    if ('skip' in decoded) return {};
    const kind = languageForFile(fileName);
    if (kind === undefined || kind === 'notebook' || kind === 'prompt') return {};
    // Parsed whole: each file is asked about once per version, so leaving parts out would save little.
    const tree = parseForScan(kind, decoded.text, { ...opts, focus: false });
    if (!tree) return {};
    try {
      const { client, value } = moduleNameOf(adapterFor(kind), tree.rootNode, decoded.text, name, opts.imports);
      return { ...(client ? { client } : {}), ...(value ? { value } : {}) };
    } finally {
      deleteTree(tree);
    }
  } catch {
    return {};
  }
}

interface NotebookCell {
  cell_type?: unknown;
  source?: unknown;
}

/** Blanks IPython magics and shell escapes (`%pip`, `!ls`) with spaces so offsets stay put. */
function blankMagics(source: string): string {
  return source
    .split('\n')
    .map((line) => (/^\s*[%!]/.test(line) ? ' '.repeat(line.length) : line))
    .join('\n');
}

function notebookGrammar(meta: unknown): GrammarId | undefined {
  const m = (meta ?? {}) as { language_info?: { name?: unknown }; kernelspec?: { language?: unknown } };
  const name = String(m.language_info?.name ?? m.kernelspec?.language ?? 'python').toLowerCase();
  if (name === 'python' || name === 'python3') return 'python';
  if (name === 'typescript') return 'typescript';
  if (name === 'javascript') return 'javascript';
  return undefined;
}

function shiftRange(range: SourceRange | undefined, start: number, end: number): SourceRange | undefined {
  return range && range.start >= start && range.end <= end ? { start: range.start - start, end: range.end - start } : undefined;
}

/** A copy of the request whose literal ranges are relative to the cell (parts may be shared between calls, so no mutation). */
function shiftPartRanges(request: LlmRequest, start: number, end: number): LlmRequest {
  const blocks = (list: RequestBlock[]): RequestBlock[] =>
    list.map((b) => ({
      ...b,
      parts: b.parts.map((p: SourcedPart) => {
        if (!p.range) return p;
        const { range, ...rest } = p;
        const shifted = shiftRange(range, start, end);
        return shifted ? { ...rest, range: shifted } : rest;
      }),
    }));
  return {
    ...request,
    ...(request.system ? { system: blocks(request.system) } : {}),
    messages: request.messages.map((m) => ({ ...m, blocks: blocks(m.blocks) })),
  };
}

/**
 * Scans the code cells of a Jupyter notebook (JSON text). The cells are parsed as one program,
 * since a client made in one cell is used in later ones; positions are given per cell. Ranges that
 * point into another cell than the call (a constant defined earlier) are left out.
 */
export function scanNotebook(json: string, opts: ScanOptions = {}): ScanResult {
  let doc: { cells?: unknown; metadata?: unknown };
  try {
    doc = JSON.parse(json) as typeof doc;
  } catch (err) {
    return skipped('invalid-notebook', err instanceof Error ? err.message : String(err));
  }
  if (!doc || !Array.isArray(doc.cells)) return skipped('invalid-notebook', 'no cells');
  const grammar = notebookGrammar(doc.metadata);
  if (!grammar) return skipped('unsupported-language', 'notebook kernel');
  const cellStarts: { index: number; start: number; end: number }[] = [];
  let program = '';
  (doc.cells as NotebookCell[]).forEach((cell, index) => {
    if (cell?.cell_type !== 'code') return;
    const source = Array.isArray(cell.source) ? cell.source.map(String).join('') : typeof cell.source === 'string' ? cell.source : '';
    if (program) program += '\n';
    cellStarts.push({ index, start: program.length, end: program.length + source.length });
    program += blankMagics(source);
  });
  const result = scanCode(grammar, program, opts);
  const calls: CallSite[] = [];
  for (const site of result.calls) {
    const cell = cellStarts.find((c) => site.range.start >= c.start && site.range.end <= c.end);
    if (!cell) continue;
    const before = program.slice(cell.start, site.range.start);
    const lineInCell = before.split('\n').length;
    const mapped: CallSite = {
      ...site,
      cellIndex: cell.index,
      line: lineInCell,
      column: site.range.start - (cell.start + before.lastIndexOf('\n') + 1) + 1,
      range: { start: site.range.start - cell.start, end: site.range.end - cell.start },
      callRange: shiftRange(site.callRange, cell.start, cell.end) ?? { start: site.range.start - cell.start, end: site.range.end - cell.start },
      argsRange: shiftRange(site.argsRange, cell.start, cell.end),
      modelRange: shiftRange(site.modelRange, cell.start, cell.end),
      systemRange: shiftRange(site.systemRange, cell.start, cell.end),
      messagesRange: shiftRange(site.messagesRange, cell.start, cell.end),
    };
    mapped.request = shiftPartRanges(site.request, cell.start, cell.end);
    for (const key of ['argsRange', 'modelRange', 'systemRange', 'messagesRange'] as const) if (!mapped[key]) delete mapped[key];
    calls.push(mapped);
  }
  return { calls, diagnostics: result.diagnostics, ...(result.skipped ? { skipped: result.skipped } : {}) };
}
