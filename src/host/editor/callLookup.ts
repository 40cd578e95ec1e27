import * as vscode from 'vscode';
import type { CallAnalysis } from '../../core/analysis/analyzeFile';
import type { SourceRange, SourcedPart } from '../../core/parse/callSite';
import type { Services } from '../services';

export interface LocatedCall {
  document: vscode.TextDocument;
  call: CallAnalysis;
  /** Index among the calls analyses.get(document) returns (per cell for notebooks). */
  index: number;
}

export function toRange(document: vscode.TextDocument, range: SourceRange): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

/** The literal ranges of the call's prompt parts (which may sit in constants far from the call). */
export function promptRanges(call: CallAnalysis): SourceRange[] {
  const request = call.site.request;
  const blocks = [...(request.system ?? []), ...request.messages.flatMap((m) => m.blocks)];
  const ranges = blocks.flatMap((b) => (b.parts as SourcedPart[]).flatMap((p) => (p.range ? [p.range] : [])));
  if (call.site.systemRange) ranges.push(call.site.systemRange);
  if (call.site.messagesRange) ranges.push(call.site.messagesRange);
  return ranges;
}

const contains = (r: SourceRange, offset: number) => offset >= r.start && offset <= r.end;

/**
 * The call at an offset: the innermost call whose expression contains it, else the first call
 * whose prompt literal does (a shared SYSTEM_PROMPT constant belongs to its first user).
 */
export function callIndexAt(calls: readonly CallAnalysis[], offset: number): number | undefined {
  let best: number | undefined;
  calls.forEach((c, i) => {
    if (!contains(c.site.callRange, offset) && !contains(c.site.range, offset)) return;
    const prev = best === undefined ? undefined : calls[best];
    if (!prev || c.site.callRange.end - c.site.callRange.start < prev.site.callRange.end - prev.site.callRange.start) best = i;
  });
  if (best !== undefined) return best;
  const byPrompt = calls.findIndex((c) => promptRanges(c).some((r) => contains(r, offset)));
  return byPrompt >= 0 ? byPrompt : undefined;
}

async function documentFor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  // Notebook cells are open documents already; openTextDocument cannot open them by URI.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ?? vscode.workspace.openTextDocument(uri);
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string') return vscode.Uri.parse(value);
  return undefined;
}

/**
 * The call a command acts on: (uri, index) when given (CodeLens clicks and tests), else the call
 * under the active editor's cursor. Undefined (with the reason shown) when there is none.
 */
export async function locateCall(services: Services, uriArg: unknown, indexArg: unknown): Promise<LocatedCall | undefined> {
  await services.analyses.ready;
  const uri = asUri(uriArg);
  let document: vscode.TextDocument | undefined;
  let index: number | undefined;
  if (uri && typeof indexArg === 'number') {
    document = await documentFor(uri);
    index = indexArg;
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Tokenwise: open a file and put the cursor on an LLM call.');
      return undefined;
    }
    document = editor.document;
    const calls = services.analyses.get(document)?.calls ?? [];
    index = callIndexAt(calls, document.offsetAt(editor.selection.active));
  }
  const call = index === undefined ? undefined : services.analyses.get(document)?.calls[index];
  if (!call || index === undefined) {
    void vscode.window.showInformationMessage('Tokenwise: no LLM call here. Put the cursor on an OpenAI or Anthropic SDK call.');
    return undefined;
  }
  return { document, call, index };
}
