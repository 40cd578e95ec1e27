// A finding: something about a call worth telling the user, with the rule that found it.
// Core speaks offsets; the host turns them into ranges and diagnostics.
import type { SourceRange } from '../parse/callSite';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Where to point: the model literal, the system prompt, or the method name. */
  range: SourceRange;
}
