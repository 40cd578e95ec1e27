import * as vscode from 'vscode';
import { registerAnalyzeWorkspace } from '../commands/analyzeWorkspace';
import { registerCompareModels } from '../commands/compareModels';
import { registerCountTokensInSelection } from '../commands/countTokensInSelection';
import { registerExportReport } from '../commands/exportReport';
import { registerUpdatePrices } from '../commands/updatePrices';
import { analyzedDocuments } from '../analysis/documentAnalyses';
import { CostCodeLensProvider } from '../codeLens/costCodeLensProvider';
import { CostHoverProvider } from '../hover/costHoverProvider';
import { ReportPanel } from '../report/reportPanel';
import { ReportStore } from '../report/reportStore';
import type { Services } from '../services';
import { CostStatusBar } from '../statusBar/costStatusBar';

/** CodeLens, hover, status bar and the editor commands. */
export function registerEditorFeatures(services: Services): vscode.Disposable[] {
  const lenses = new CostCodeLensProvider(services);
  const store = new ReportStore();
  const panel = new ReportPanel(services, store);
  return [
    lenses,
    vscode.languages.registerCodeLensProvider(analyzedDocuments, lenses),
    vscode.languages.registerHoverProvider(analyzedDocuments, new CostHoverProvider(services)),
    new CostStatusBar(services),
    panel,
    registerCompareModels(services),
    registerCountTokensInSelection(services),
    registerAnalyzeWorkspace(services, store, panel),
    registerExportReport(services, store),
    registerUpdatePrices(services),
  ];
}
