import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, openFile, waitFor } from './helpers';

// Which language's file this window opens first (set per session by scripts/runIntegration.mjs).
const language = process.env.TOKENWISE_ACTIVATE_WITH === 'python' ? 'python' : 'typescript';
const firstFile = { typescript: 'src/supportBot.ts', python: 'app/research_agent.py' }[language];

describe(`activation on ${language}`, () => {
  it('is lazy: nothing activates the extension before a relevant file is opened', () => {
    assert.equal(extension().isActive, false);
  });

  it(`activates when a ${language} file is opened`, async () => {
    const editor = await openFile(firstFile);
    assert.equal(editor.document.languageId, language);
    await waitFor('the extension to activate', () => extension().isActive);
    const { activation } = extension().exports;
    assert.ok(activation.activateMs >= 0 && activation.activateMs < 5_000, `activateMs ${activation.activateMs}`);
  });

  it('registers every command that package.json contributes', async () => {
    const manifest = extension().packageJSON as { contributes: { commands: { command: string; category?: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command, category } of manifest.contributes.commands) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
      assert.equal(category, 'Tokenwise', `${command} has no Tokenwise category`);
    }
  });

  it('runs from the built bundle, not the sources', () => {
    const main = (extension().packageJSON as { main: string }).main;
    assert.equal(main, './dist/extension.js');
    assert.ok(fs.existsSync(path.join(extension().extensionPath, main)));
  });
});
