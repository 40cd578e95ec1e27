import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokenwiseApi } from '../../src/host/api';
import { startFakeProvider, type FakeProvider } from '../support/fakeProvider/fakeProviderServer';

export const EXTENSION_ID = 'tokenwise.tokenwise';

export function extension(): vscode.Extension<TokenwiseApi> {
  const ext = vscode.extensions.getExtension<TokenwiseApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the demo workspace is not open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openFile(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(doc);
}

/** Polls until `check` is true; VS Code's events arrive asynchronously. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * The fake OpenAI/Anthropic server as the Demo provider: the extension, in this same process,
 * sends its runs there (TOKENWISE_DEMO_PROVIDER_URL) instead of to a real provider.
 */
export async function startDemoProvider(options?: Parameters<typeof startFakeProvider>[0]): Promise<FakeProvider> {
  const fake = await startFakeProvider(options);
  process.env.TOKENWISE_DEMO_PROVIDER_URL = fake.baseUrl;
  return fake;
}

export async function stopDemoProvider(fake: FakeProvider): Promise<void> {
  delete process.env.TOKENWISE_DEMO_PROVIDER_URL;
  await fake.close();
}
