import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeProvider } from '../support/fakeProvider/fakeProviderServer';
import { extension, startDemoProvider, stopDemoProvider, waitFor, workspaceFile } from './helpers';

// tokenwise.tokens.exactClaudeCounts against the fake server as the Demo provider: its
// count_tokens answers words + 3 per message, which no estimate matches by chance.
const FIXTURE = 'src/exactCountsFixture.ts';

function source(stamp: string): string {
  return [
    "import Anthropic from '@anthropic-ai/sdk';",
    'const anthropic = new Anthropic();',
    'export async function ask() {',
    // 3 system words + 6 user words + 3 per message = 12 (a stamp per run: counts persist in global storage).
    `  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: 'You are terse.', messages: [{ role: 'user', content: 'Count these seven words for ${stamp}' }] });`,
    '}',
    '',
  ].join('\n');
}

async function costLens(uri: vscode.Uri): Promise<string | undefined> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return lenses?.map((l) => l.command?.title ?? '').find((t) => t.includes(' in + '));
}

describe('exact Claude counts in the CodeLens', () => {
  let fake: FakeProvider;
  const countRequests = () => fake.requests.filter((r) => r.path === '/v1/messages/count_tokens').length;

  before(async () => {
    fake = await startDemoProvider();
    await extension().activate();
    await vscode.workspace.fs.writeFile(workspaceFile(FIXTURE), new TextEncoder().encode(source(`run${Date.now().toString(36)}`)));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('tokenwise').update('tokens.exactClaudeCounts', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceFile(FIXTURE)).then(undefined, () => undefined);
    await stopDemoProvider(fake);
  });

  it('shows an estimate while the setting is off, and sends nothing', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile(FIXTURE));
    await vscode.window.showTextDocument(doc);
    await waitFor('the estimated lens', async () => /^~\d/.test((await costLens(doc.uri)) ?? ''));
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(countRequests(), 0);
  });

  it('shows the count_tokens number (no ~) once counted, and never asks twice for the same content', async () => {
    await vscode.workspace.getConfiguration('tokenwise').update('tokens.exactClaudeCounts', true, vscode.ConfigurationTarget.Global);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile(FIXTURE)));
    const uri = editor.document.uri;
    await waitFor('the exact count in the lens', async () => ((await costLens(uri)) ?? '').startsWith('12 in + '), 15_000)
      .catch(async (e: unknown) => assert.fail(`${String(e)}; lens "${await costLens(uri)}", count_tokens requests ${countRequests()}, all ${fake.requests.map((r) => `${r.path}:${r.status}`).join(' ')}`));
    assert.equal(countRequests(), 1);

    // An edit that leaves the call's content as it is: the lens is rebuilt from the known count.
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '// unrelated edit\n'));
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(((await costLens(uri)) ?? '').startsWith('12 in + '));
    assert.equal(countRequests(), 1, 'the same content is not counted again');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
