// A finding: something about a call worth telling the user, with the rule that found it.
// Core speaks offsets; the host turns them into ranges and diagnostics.
import type { SourceRange } from '../parse/callSite';

export type Severity = 'error' | 'warning' | 'info';

/** What a quick fix needs beyond the call site and the source text; built by src/core/fixes. */
export type FixData =
  | { kind: 'swap-model'; models: string[] }
  | { kind: 'cache-control' }
  | { kind: 'move-dynamic' }
  | { kind: 'compress'; range: SourceRange; text: string; tokensBefore: number; tokensAfter: number }
  | { kind: 'max-tokens'; param: 'max_tokens' | 'max_completion_tokens' | 'max_output_tokens'; value: number }
  | { kind: 'env-key'; envVar: string }
  | { kind: 'batch' };

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Where to point: the model literal, the system prompt, or the method name. */
  range: SourceRange;
  /** Present when a quick fix can be built for this finding. */
  fix?: FixData;
}
