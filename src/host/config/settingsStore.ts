import * as vscode from 'vscode';
import type { Logger } from '../../core/log/logger';
import type { Settings } from '../../core/protocol/settings';
import { readSettings } from './settingsReader';

/** The current, validated `tokenwise.*` settings, re-read (and re-validated) when they change. */
export class SettingsStore implements vscode.Disposable {
  private current: Settings;
  private readonly changed = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: Logger) {
    this.current = readSettings(log);
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tokenwise')) return;
      this.current = readSettings(this.log);
      this.changed.fire(this.current);
    });
  }

  get settings(): Settings {
    return this.current;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
