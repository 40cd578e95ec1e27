import * as vscode from 'vscode';
import { lensTitle } from '../../core/format/callPresentation';
import type { Services } from '../services';
import { CommandId } from '../commands/commandIds';

/** The cost line above each call site and prompt file, plus a Run in Playground action. */
export class CostCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly services: Services) {
    this.subscriptions = [
      services.analyses.onDidChange(() => this.changed.fire()),
      // The setting applies live: turning it off empties the lenses without a reload.
      services.settings.onDidChange(() => this.changed.fire()),
      services.catalog.onDidChange(() => this.changed.fire()),
      services.runtime.exactCounts.onDidChange(() => this.changed.fire()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    try {
      if (!this.services.settings.settings['codeLens.enabled']) return [];
      const analysis = this.services.analyses.get(document);
      if (!analysis) return [];
      const lenses: vscode.CodeLens[] = [];
      const context = this.services.analyses.context();
      analysis.calls.forEach((analyzed, index) => {
        const call = this.services.runtime.exactCounts.overlay(analyzed, context);
        const at = document.positionAt(call.site.range.start);
        const range = new vscode.Range(at.line, 0, at.line, 0);
        const title = lensTitle(call);
        lenses.push(new vscode.CodeLens(range, {
          title,
          tooltip: call.site.request.model === null ? 'Model not resolved: click to pick one and compare costs' : 'Compare this call across models',
          command: CommandId.CompareModels,
          arguments: [document.uri, index],
        }));
        lenses.push(new vscode.CodeLens(range, {
          title: '▶ Run in Playground',
          tooltip: 'Open this call in the Tokenwise playground',
          command: CommandId.RunInPlayground,
          arguments: [document.uri, index],
        }));
      });
      return lenses;
    } catch (error) {
      this.services.log.error(`CodeLens failed for ${vscode.workspace.asRelativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
