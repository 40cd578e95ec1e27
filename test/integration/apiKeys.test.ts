import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, waitFor, workspaceFile } from './helpers';

const FAKE_OPENAI_KEY = 'sk-proj-tokenwise-integration-test-0123456789';
const FAKE_ANTHROPIC_KEY = 'sk-ant-api03-tokenwise-dotenv-test-0123456789';

function tokenwiseLogText(): string {
  return vscode.workspace.textDocuments
    .filter((d) => d.uri.scheme === 'output' && /Tokenwise/.test(d.uri.path))
    .map((d) => d.getText())
    .join('\n');
}

describe('API keys', () => {
  before(async () => {
    await extension().activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('tokenwise.clearApiKey', 'openai');
    await vscode.workspace.fs.delete(workspaceFile('.env')).then(undefined, () => undefined);
  });

  it('Set API Key stores the key in SecretStorage and never logs it', async () => {
    assert.equal(await extension().exports.keySource('openai'), undefined);
    assert.equal(await vscode.commands.executeCommand('tokenwise.setApiKey', 'openai', FAKE_OPENAI_KEY), true);
    assert.equal(await extension().exports.keySource('openai'), 'secret-storage');
    await vscode.commands.executeCommand('tokenwise.showLog');
    await waitFor('the log to record the save', () => /OpenAI API key saved in SecretStorage/.test(tokenwiseLogText()));
    const log = tokenwiseLogText();
    assert.ok(!log.includes(FAKE_OPENAI_KEY), 'the key must not appear in the log');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('tokenwise')).includes(FAKE_OPENAI_KEY), 'nor in settings');
  });

  it('Clear API Key removes it', async () => {
    assert.equal(await vscode.commands.executeCommand('tokenwise.clearApiKey', 'openai'), true);
    assert.equal(await extension().exports.keySource('openai'), undefined);
  });

  it('reads a key from the workspace .env file in a trusted workspace', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    await vscode.workspace.fs.writeFile(workspaceFile('.env'), new TextEncoder().encode(`ANTHROPIC_API_KEY="${FAKE_ANTHROPIC_KEY}"\n`));
    assert.equal(await extension().exports.keySource('anthropic'), 'dotenv');
  });
});
