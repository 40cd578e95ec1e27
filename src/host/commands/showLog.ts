import * as vscode from 'vscode';
import type { OutputLogger } from '../log/outputLogger';
import { CommandId } from './commandIds';

export function registerShowLog(log: OutputLogger): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.ShowLog, () => log.show());
}
