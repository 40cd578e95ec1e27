import * as vscode from 'vscode';
import { CommandId } from '../commands/commandIds';
import type { Services } from '../services';
import { ProxyController } from './proxyController';

/** Start/Stop Local Proxy; the controller stops the proxy when the extension deactivates. */
export function registerProxyFeatures(services: Services): vscode.Disposable[] {
  const controller = new ProxyController(services);
  return [
    controller,
    vscode.commands.registerCommand(CommandId.StartProxy, () => controller.start()),
    vscode.commands.registerCommand(CommandId.StopProxy, () => controller.stop()),
  ];
}
