import * as vscode from 'vscode';
import type { Severity } from '../../core/rules/finding';
import { registerCompressPromptInSelection } from '../commands/compressPromptInSelection';
import { registerQuickFixes } from '../codeActions/quickFixProvider';
import type { Services } from '../services';
import { diagnosticRange } from './diagnosticRange';
import { FindingsCache } from './documentFindings';

const severities: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Diagnostics and their quick fixes. */
export function registerDiagnosticFeatures(services: Services): vscode.Disposable[] {
  const { analyses, settings, log } = services;
  const collection = vscode.languages.createDiagnosticCollection('tokenwise');
  const findings = new FindingsCache(services);

  const update = (document: vscode.TextDocument): void => {
    try {
      if (!analyses.handles(document)) return;
      if (!settings.settings['diagnostics.enabled']) {
        collection.delete(document.uri);
        return;
      }
      const found = findings.get(document);
      if (!found) return;
      collection.set(document.uri, found.findings.map(({ finding }) => {
        const diagnostic = new vscode.Diagnostic(diagnosticRange(document, finding.range.start, finding.range.end), finding.message, severities[finding.severity]);
        diagnostic.source = 'Tokenwise';
        // The rule id is the code: it is what tokenwise.rules and the suppression comment take, and
        // the section name in docs/rules.md.
        diagnostic.code = finding.ruleId;
        return diagnostic;
      }));
    } catch (error) {
      // A rule failing on odd input must not take the editor down: log and show nothing for the file.
      log.error(`Tokenwise diagnostics failed for ${vscode.workspace.asRelativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
      collection.delete(document.uri);
    }
  };
  const updateAll = (): void => {
    for (const document of vscode.workspace.textDocuments) update(document);
  };
  const byUri = (uri: vscode.Uri): void => {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (document) update(document);
  };

  void analyses.ready.then(updateAll);
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    analyses.onDidChange(byUri),
    settings.onDidChange(updateAll),
    services.catalog.onDidChange(updateAll),
    ...registerQuickFixes(services, findings),
    registerCompressPromptInSelection(services),
  ];
}
