import * as vscode from 'vscode';
import { callHoverMarkdown } from '../../core/format/callPresentation';
import { optimizeCall } from '../../core/optimize/optimizeCall';
import { priceProvenance } from '../../core/pricing/catalog';
import { callIndexAt } from '../editor/callLookup';
import type { Services } from '../services';

/** The token and cost breakdown of a call, on its method name, its expression or its prompt literals. */
export class CostHoverProvider implements vscode.HoverProvider {
  constructor(private readonly services: Services) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    try {
      const calls = this.services.analyses.get(document)?.calls ?? [];
      const index = callIndexAt(calls, document.offsetAt(position));
      const analyzed = index === undefined ? undefined : calls[index];
      if (!analyzed) return undefined;
      const call = this.services.runtime.exactCounts.overlay(analyzed, this.services.analyses.context());
      const settings = this.services.settings.settings;
      const suggestions = optimizeCall(call, {
        catalog: this.services.catalog.catalog,
        assumedPlaceholderTokens: settings['cost.assumedPlaceholderTokens'],
        crossProvider: settings.suggestOtherProvider,
      });
      const markdown = new vscode.MarkdownString(callHoverMarkdown({ call, suggestions, ...(call.entry ? { provenance: priceProvenance(call.entry) } : {}) }));
      // Prompt text is user content: never let it run commands from the hover.
      markdown.isTrusted = false;
      // No range: the hover may sit on a prompt constant far from the call, so VS Code's word range fits.
      return new vscode.Hover(markdown);
    } catch (error) {
      this.services.log.error(`Hover failed for ${vscode.workspace.asRelativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
