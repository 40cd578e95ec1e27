import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, waitFor, workspaceFile } from './helpers';

// The fixtures are copied to a temporary folder: the tests edit them, the repo's copies stay as they are.
const fixturesDir = path.resolve(__dirname, '../../../test/fixtures/fixes');
let tmp: string;

async function openCopy(name: string): Promise<vscode.TextEditor> {
  const target = path.join(tmp, name);
  fs.copyFileSync(path.join(fixturesDir, name), target);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
  return vscode.window.showTextDocument(document);
}

const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tokenwise');

async function diagnosticOf(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  let found: vscode.Diagnostic | undefined;
  await waitFor(`a ${code} diagnostic on ${path.basename(uri.path)}`, () => (found = ours(uri).find((d) => d.code === code)) !== undefined, 20_000);
  return found as vscode.Diagnostic;
}

async function fixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  // The API's conversion drops CodeAction.diagnostics; the provider answers only for our diagnostics
  // in the range, so every action here comes from one (the "off" test below shows they go with it).
  return actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
}

async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('diagnostics and quick fixes', () => {
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-fixes-'));
    await extension().activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports findings with the rule id as code and source Tokenwise, on the demo files untouched', async () => {
    const uri = workspaceFile('src/supportBot.ts');
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const cheaper = await diagnosticOf(uri, 'cheaper-model');
    assert.equal(cheaper.severity, vscode.DiagnosticSeverity.Information);
    assert.match(cheaper.message, /Switch to/);
    assert.ok(ours(uri).some((d) => d.code === 'missing-max-tokens'));
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), before);
  });

  it('TypeScript: the cache_control fix is linked to its diagnostic, preferred, and edits the call', async () => {
    const editor = await openCopy('anthropicSystem.ts');
    const uri = editor.document.uri;
    const diagnostic = await diagnosticOf(uri, 'cache-control-placement');
    // A long prompt is underlined on its first line only.
    assert.equal(diagnostic.range.start.line, diagnostic.range.end.line);
    const fix = (await fixesFor(uri, diagnostic)).find((a) => a.title === 'Add cache_control to the system prompt');
    assert.ok(fix?.edit, 'the quick fix is offered');
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(editor.document.getText().includes("system: [{ type: 'text', text: POLICY, cache_control: { type: 'ephemeral' } }],"));
    await waitFor('the cache diagnostic to go', () => !ours(uri).some((d) => d.code === 'cache-control-placement'), 20_000);
    await closeWithoutSaving();
  });

  it('Python: add max_tokens, and open the Batch API version of the loop in a new document', async () => {
    const editor = await openCopy('openaiLoop.py');
    const uri = editor.document.uri;
    const batch = await diagnosticOf(uri, 'batch-candidate');
    const open = (await fixesFor(uri, batch)).find((a) => a.command?.command === 'tokenwise.openBatchRewrite');
    assert.ok(open?.command);
    const created = await vscode.commands.executeCommand<vscode.TextDocument>(open.command.command, ...(open.command.arguments ?? []));
    assert.equal(created.isUntitled, true);
    assert.equal(created.languageId, 'python');
    assert.match(created.getText(), /client\.batches\.create\(input_file_id=batch_file\.id, endpoint="\/v1\/chat\/completions", completion_window="24h"\)/);
    await closeWithoutSaving();

    await vscode.window.showTextDocument(editor.document);
    const missing = await diagnosticOf(uri, 'missing-max-tokens');
    const add = (await fixesFor(uri, missing)).find((a) => a.title === 'Add max_tokens: 1024');
    assert.ok(add?.edit);
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    assert.ok(editor.document.getText().includes('create(\n            max_tokens=1024,\n            model="gpt-4o",'));
    await closeWithoutSaving();
  });

  it('hard-coded key: flagged as an error without the key in the message, fixed by an env read', async () => {
    const editor = await openCopy('hardcodedKey.ts');
    const uri = editor.document.uri;
    const diagnostic = await diagnosticOf(uri, 'hardcoded-api-key');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(!diagnostic.message.includes('sk-proj'));
    const fix = (await fixesFor(uri, diagnostic)).find((a) => a.title === 'Read the key from OPENAI_API_KEY instead');
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(editor.document.getText().includes('new OpenAI({ apiKey: process.env.OPENAI_API_KEY })'));
    await closeWithoutSaving();
  });

  it('compression: the fix runs the preview command, which applies the compressed literal', async () => {
    const editor = await openCopy('verbosePrompt.ts');
    const uri = editor.document.uri;
    const diagnostic = await diagnosticOf(uri, 'prompt-compression');
    const fix = (await fixesFor(uri, diagnostic)).find((a) => a.command?.command === 'tokenwise.applyFixWithPreview');
    assert.ok(fix?.command);
    assert.match(fix.title, /saves \d+ tokens/);
    const before = editor.document.getText();
    // The second argument skips the diff and the question.
    assert.equal(await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []), false), true);
    assert.ok(editor.document.getText().length < before.length);
    assert.ok(!editor.document.getText().includes('Please make sure that you always'));
    await closeWithoutSaving();
  });

  it('Compress Prompt in Selection replaces the selected text with its compressed form', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: "const prompt = 'Please make sure that you always answer in a very polite tone. It is very important that you never guess.';\n" });
    const editor = await vscode.window.showTextDocument(document);
    const start = document.getText().indexOf('Please');
    editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(document.getText().lastIndexOf("'")));
    assert.equal(await vscode.commands.executeCommand('tokenwise.compressPromptInSelection', { confirm: false }), true);
    assert.ok(!document.getText().includes('Please make sure that you'));
    assert.match(document.getText(), /never guess/i);
    await closeWithoutSaving();
  });

  it('notebook cells get diagnostics too', async () => {
    // A copy, so this test leaves the demo notebook's document to the other suites.
    const copy = path.join(tmp, 'eval.ipynb');
    fs.copyFileSync(workspaceFile('notebooks/eval.ipynb').fsPath, copy);
    // Opened, not shown: the cells' diagnostics do not need an editor (and a second notebook editor
    // slows the editor suite's notebook test down).
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(copy));
    const cell = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code && c.document.getText().includes('chat.completions.create'));
    assert.ok(cell);
    await diagnosticOf(cell.document.uri, 'batch-candidate');
  });

  it('honours tokenwise.rules (off, severity) and tokenwise.diagnostics.enabled, and suppression comments', async () => {
    const config = vscode.workspace.getConfiguration('tokenwise');
    const editor = await openCopy('suppressed.ts');
    const uri = editor.document.uri;
    try {
      // suppressed.ts: only the third call's missing-max-tokens survives its comments.
      await diagnosticOf(uri, 'missing-max-tokens');
      assert.deepEqual(ours(uri).map((d) => d.code), ['missing-max-tokens']);
      await config.update('rules', { 'missing-max-tokens': 'error' }, vscode.ConfigurationTarget.Global);
      await waitFor('the severity override', () => ours(uri)[0]?.severity === vscode.DiagnosticSeverity.Error, 20_000);
      const diagnostic = ours(uri)[0] as vscode.Diagnostic;
      assert.ok((await fixesFor(uri, diagnostic)).some((a) => a.title === 'Add max_tokens: 1024'));
      await config.update('rules', { 'missing-max-tokens': 'off' }, vscode.ConfigurationTarget.Global);
      await waitFor('the rule to be off', () => ours(uri).length === 0, 20_000);
      // No diagnostic, no quick fix.
      assert.ok(!(await fixesFor(uri, diagnostic)).some((a) => a.title === 'Add max_tokens: 1024'));
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
      await diagnosticOf(uri, 'missing-max-tokens');
      await config.update('diagnostics.enabled', false, vscode.ConfigurationTarget.Global);
      await waitFor('diagnostics to clear', () => ours(uri).length === 0, 20_000);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
      await config.update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticOf(uri, 'missing-max-tokens');
    await closeWithoutSaving();
  });
});
