import * as vscode from 'vscode';
import type { PlaygroundController } from '../playground/playgroundController';
import type { Services } from '../services';
import { locateCall } from '../editor/callLookup';
import { CommandId } from './commandIds';

/**
 * Tokenwise: Run Call in Playground. From a CodeLens it gets (uri, callIndex); from the palette
 * it takes the call under the cursor. The Playground opens filled with the call's request, its
 * template parts as fields to fill.
 */
export function registerRunInPlayground(services: Services, playground: PlaygroundController): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.RunInPlayground, async (uriArg?: unknown, indexArg?: unknown) => {
    const located = await locateCall(services, uriArg, indexArg);
    if (!located) return false;
    const { document, call } = located;
    const from = `${vscode.workspace.asRelativePath(document.uri)}:${call.site.line}`;
    await playground.prefill(playground.draftFor(call.site.request), from);
    return true;
  });
}
