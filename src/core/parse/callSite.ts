// The scanner's output: plain data with source offsets, no tree-sitter objects, so it can be
// cached, sent to a webview, or compared in tests.
import type { ContentPart, LlmRequest, Provider } from '../request/llmRequest';

/** Half-open range of UTF-16 offsets into the scanned text (the cell's text for notebooks). */
export interface SourceRange {
  start: number;
  end: number;
}

/**
 * A text part that came from a string literal also carries the range of the literal's content
 * (inside the quotes), so an editor can rewrite it in place. It stays assignable to ContentPart.
 */
export type SourcedPart = ContentPart & { range?: SourceRange };

/** How the model id was found; the `null` reasons say why it could not be. */
export type ModelSource =
  | 'literal'
  | 'constant'
  | 'variable'
  | 'attribute'
  | 'default-param'
  | 'env-default'
  | 'params-object'
  | 'spread'
  | 'front-matter';
export type ModelNullReason = 'env' | 'parameter' | 'unknown';

export interface CallsPerDay {
  perDay: number;
  /** The comment text as written, e.g. `tokenwise: 2000/day`. */
  text: string;
}

/** What the request of a call resolves to: the request, where its model came from, and the source ranges an editor rewrites. */
export interface BuiltRequest {
  request: LlmRequest;
  modelSource: ModelSource | null;
  modelNullReason?: ModelNullReason;
  /** Range of the model string literal's content, wherever in the file it was resolved from. */
  modelRange?: SourceRange;
  /** Range of the expression that gave `system` / `instructions`. */
  systemRange?: SourceRange;
  /** Range of the expression that gave `messages` / `input`. */
  messagesRange?: SourceRange;
}

export interface CallSite extends BuiltRequest {
  provider: Provider;
  /** The SDK method path as written minus the client and response wrappers, or 'prompt-file'. */
  api: string;
  /** Range of the method name (`create` in `.create(`); for prompt files the whole file. */
  range: SourceRange;
  /** 1-based line and column (UTF-16 code units) of the method name, relative to the cell for notebooks. */
  line: number;
  column: number;
  /** Index of the notebook code cell (0-based over all cells), absent outside notebooks. */
  cellIndex?: number;
  /** Range of the whole call expression. */
  callRange: SourceRange;
  /** Range of the request object (TS) or argument list (Python), where new keys are inserted. */
  argsRange?: SourceRange;
  inLoop: boolean;
  callsPerDay?: CallsPerDay;
}

export type SkipReason = 'binary' | 'not-utf8' | 'too-large' | 'unsupported-language' | 'invalid-notebook' | 'parse-timeout';

export interface ScanResult {
  calls: CallSite[];
  skipped?: { reason: SkipReason; detail?: string };
  /** Parse problems that did not stop the scan (e.g. syntax errors tree-sitter recovered from). */
  diagnostics: string[];
}
