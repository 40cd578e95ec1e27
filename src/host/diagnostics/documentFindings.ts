import type * as vscode from 'vscode';
import type { FileAnalysis } from '../../core/analysis/analyzeFile';
import type { SourceRange } from '../../core/parse/callSite';
import type { GrammarId } from '../../core/parse/treeSitter';
import { grammarForLanguage } from '../../core/fixes/quickFixes';
import { fileFindings, type LocatedFinding } from '../../core/rules/fileFindings';
import type { Services } from '../services';

export type { LocatedFinding };

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

    const crossProvider = settings.suggestOtherProvider
      ? { catalog: this.services.catalog.catalog, assumedPlaceholderTokens: settings['cost.assumedPlaceholderTokens'], crossProvider: true }
      : undefined;
    const located = fileFindings(analysis, document.getText(), grammar, { rules: settings.rules, ...(crossProvider ? { crossProvider } : {}) });
    const result = { grammar, findings: located };
    this.cache.set(analysis, { version: document.version, settings, result });
    return result;
  }
}

export const sameRange = (a: SourceRange, b: SourceRange): boolean => a.start === b.start && a.end === b.end;
