// The findings of one file as the user sees them: each call's findings plus the file's own (a
// hard-coded key), after the tokenwise.rules settings and the suppression comments. The editor's
// diagnostics and the CLI report both come from here, so they always agree.
import type { FileAnalysis } from '../analysis/analyzeFile';
import type { CallSite } from '../parse/callSite';
import type { GrammarId } from '../parse/treeSitter';
import { callFindings, type RuleContext } from './callRules';
import type { Finding } from './finding';
import { applyRuleSettings, hardcodedKeyFindings, type RuleSetting } from './sourceRules';

export interface LocatedFinding {
  finding: Finding;
  /** The call the finding is about; absent for findings about the file (a hard-coded key). */
  site?: CallSite;
}

export interface FileFindingOptions {
  rules: Readonly<Record<string, RuleSetting>>;
  /** Set when the user wants other providers' models suggested (analyzeScan leaves them out). */
  crossProvider?: RuleContext;
}

export function fileFindings(analysis: FileAnalysis, text: string, grammar: GrammarId, options: FileFindingOptions): LocatedFinding[] {
  const raw: { finding: Finding; callStart?: number; site?: CallSite }[] = [];
  for (const call of analysis.calls) {
    const findings = options.crossProvider ? callFindings(call, options.crossProvider) : call.findings;
    for (const finding of findings) raw.push({ finding, callStart: call.site.callRange.start, site: call.site });
  }
  for (const finding of hardcodedKeyFindings(text, grammar)) raw.push({ finding });
  const located: LocatedFinding[] = [];
  for (const entry of raw) {
    // One at a time, so each kept finding stays paired with its call.
    const [kept] = applyRuleSettings([entry], text, options.rules);
    if (kept) located.push({ finding: kept, ...(entry.site ? { site: entry.site } : {}) });
  }
  return located;
}
