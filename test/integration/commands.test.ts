import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, waitFor, workspaceFile } from './helpers';

describe('commands', () => {
  before(async () => {
    await extension().activate();
  });

  it('Show Log reveals the Tokenwise output channel', async () => {
    await vscode.commands.executeCommand('tokenwise.showLog');
    // The Output view shows the channel as the active document of its editor.
    await waitFor('the Tokenwise log to be shown', () =>
      vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'output' && /Tokenwise/.test(e.document.uri.path)));
    const log = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'output' && /Tokenwise/.test(e.document.uri.path));
    assert.match(log?.document.getText() ?? '', /Tokenwise \S+ activated in/);
  });

  for (const [command, view] of [['tokenwise.openPlayground', 'playground'], ['tokenwise.openSpend', 'spend']] as const) {
    it(`${command} opens the ${view} view`, async () => {
      await vscode.commands.executeCommand(command);
      await waitFor(`the ${view} view to be created`, () => extension().exports.isViewResolved(view));
    });
  }

  it('Run Call in Playground opens the Playground for a call site, and says so when there is none', async () => {
    assert.equal(await vscode.commands.executeCommand('tokenwise.runInPlayground', workspaceFile('src/supportBot.ts'), 0), true);
    await waitFor('the playground view to be created', () => extension().exports.isViewResolved('playground'));
    assert.equal(await vscode.commands.executeCommand('tokenwise.runInPlayground', workspaceFile('src/supportBot.ts'), 99), false);
  });
});
