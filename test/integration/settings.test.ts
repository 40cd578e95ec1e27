import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, waitFor } from './helpers';

function tokenwiseLog(): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /Tokenwise/.test(d.uri.path))?.getText();
}

describe('settings', () => {
  before(async () => {
    await extension().activate();
    await vscode.commands.executeCommand('tokenwise.showLog');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('tokenwise').update('analysis.maxFileSizeKB', undefined, vscode.ConfigurationTarget.Global);
  });

  it('reports an invalid value in the log and names the default it falls back to', async () => {
    await vscode.workspace.getConfiguration('tokenwise').update('analysis.maxFileSizeKB', -3, vscode.ConfigurationTarget.Global);
    await waitFor('the invalid setting to be logged', () => /tokenwise\.analysis\.maxFileSizeKB has an invalid value -3.*using the default 1024/.test(tokenwiseLog() ?? ''));
    assert.ok(extension().isActive, 'a bad setting must not deactivate the extension');
  });
});
