import type * as vscode from 'vscode';
import type { FileAnalysis } from '../../core/analysis/analyzeFile';
import type { CallSite, SourceRange } from '../../core/parse/callSite';
import type { GrammarId } from '../../core/parse/treeSitter';
import { grammarForLanguage } from '../../core/fixes/quickFixes';
import { callFindings } from '../../core/rules/callRules';
import type { Finding } from '../../core/rules/finding';
import { applyRuleSettings, hardcodedKeyFindings } from '../../core/rules/sourceRules';
import type { Services } from '../services';

export interface LocatedFinding {
  finding: Finding;
  /** The call the finding is about; absent for findings about the file (a hard-coded key). */
  site?: CallSite;
}

export interface DocumentFindings {
  grammar: GrammarId;
  findings: LocatedFinding[];
}

interface Cached {
  version: number;
  settings: unknown;
  result: DocumentFindings;
}

/**
 * The findings of a document after the user's rule settings and suppression comments, shared by the
 * diagnostics and the quick fixes so both always agree. Computed once per document version,
 * analysis and settings.
 */
export class FindingsCache {
  private readonly cache = new WeakMap<FileAnalysis, Cached>();

  constructor(private readonly services: Services) {}

  get(document: vscode.TextDocument): DocumentFindings | undefined {
    const grammar = grammarForLanguage(document.languageId);
    if (!grammar) return undefined;
    const analysis = this.services.analyses.get(document);
    if (!analysis || analysis.skipped) return undefined;
    const settings = this.services.settings.settings;
    const cached = this.cache.get(analysis);
    if (cached && cached.version === document.version && cached.settings === settings) return cached.result;

    const text = document.getText();
    const crossProvider = settings.suggestOtherProvider;
    const ctx = { catalog: this.services.catalog.catalog, assumedPlaceholderTokens: settings['cost.assumedPlaceholderTokens'], crossProvider };
    const raw: { finding: Finding; callStart?: number; site?: CallSite }[] = [];
    for (const call of analysis.calls) {
      // analyzeScan attaches findings without the other provider's models; recompute when the user wants them.
      const findings = crossProvider ? callFindings(call, ctx) : call.findings;
      for (const finding of findings) raw.push({ finding, callStart: call.site.callRange.start, site: call.site });
    }
    for (const finding of hardcodedKeyFindings(text, grammar)) raw.push({ finding });
    const located: LocatedFinding[] = [];
    for (const entry of raw) {
      // One at a time, so each kept finding stays paired with its call.
      const [kept] = applyRuleSettings([entry], text, settings.rules);
      if (kept) located.push({ finding: kept, ...(entry.site ? { site: entry.site } : {}) });
    }
    const result = { grammar, findings: located };
    this.cache.set(analysis, { version: document.version, settings, result });
    return result;
  }
}

export const sameRange = (a: SourceRange, b: SourceRange): boolean => a.start === b.start && a.end === b.end;
