import * as vscode from 'vscode';
import type { ViewId } from '../../core/protocol/webviewMessages';
import { CommandId } from './commandIds';
import { viewTypeOf } from '../webviews/viewIds';

// "Open Playground" and "Open Spend" reveal their sidebar view; VS Code creates a `<id>.focus`
// command for every contributed view.
const commandFor: Record<ViewId, CommandId> = {
  playground: CommandId.OpenPlayground,
  spend: CommandId.OpenSpend,
};

export function registerOpenView(view: ViewId): vscode.Disposable {
  return vscode.commands.registerCommand(commandFor[view], async () => {
    await vscode.commands.executeCommand(`${viewTypeOf(view)}.focus`);
  });
}
