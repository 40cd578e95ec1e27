// Runs inside a fresh extension host (extensionTestsPath): opens a TypeScript file, waits for
// Tokenwise to activate on its own (onLanguage), and reports the timings activate() measured.
import * as vscode from 'vscode';
import type { TokenwiseApi } from '../../src/host/api';

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace open');
  const ext = vscode.extensions.getExtension<TokenwiseApi>('tokenwise.tokenwise');
  if (!ext) throw new Error('Tokenwise is not installed');
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'supportBot.ts'));
  const deadline = Date.now() + 30_000;
  while (!ext.isActive) {
    if (Date.now() > deadline) throw new Error('Tokenwise did not activate within 30 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`BENCH ${JSON.stringify(ext.exports.activation)}`);
}
