import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';

/** The "Tokenwise" LogOutputChannel; VS Code filters by the level the user picks in the Output view. */
export class OutputLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Tokenwise', { log: true });
  }

  error(message: string, ...args: unknown[]): void { this.channel.error(message, ...args); }
  warn(message: string, ...args: unknown[]): void { this.channel.warn(message, ...args); }
  info(message: string, ...args: unknown[]): void { this.channel.info(message, ...args); }
  debug(message: string, ...args: unknown[]): void { this.channel.debug(message, ...args); }
  trace(message: string, ...args: unknown[]): void { this.channel.trace(message, ...args); }

  show(): void { this.channel.show(true); }

  dispose(): void { this.channel.dispose(); }
}
