import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzeFile, scanWorkspace } from '../../src/core/analysis/analyzeFile';
import type { AnalysisContext } from '../../src/core/analysis/analyzeCall';
import { nodeFileSource, nodeModuleFiles } from '../../src/core/analysis/fileSource';
import { lensTitle } from '../../src/core/format/callPresentation';
import { initParsers } from '../../src/core/parse/treeSitter';
import { builtinCatalog } from '../../src/core/pricing/catalog';
import { mergeLiteLLM } from '../../src/core/pricing/mergeLiteLLM';
import { userOverlayPath } from '../../src/core/pricing/overlay';
import { countText } from '../../src/core/tokens/countTokens';
import { extension, openFile, waitFor, workspaceFile } from './helpers';

// The extension's defaults (no user settings in the test window, no price overlay yet).
const ctx: AnalysisContext = { catalog: builtinCatalog(), assumedPlaceholderTokens: 50, expectedOutputTokens: 500, defaultCallsPerDay: 0 };

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

async function costTitles(uri: vscode.Uri): Promise<string[]> {
  return (await lenses(uri)).filter((l) => l.command?.command === 'tokenwise.compareModels').map((l) => l.command?.title ?? '');
}

async function waitForLenses(uri: vscode.Uri, count: number): Promise<string[]> {
  let titles: string[] = [];
  await waitFor(`${count} cost lenses on ${uri.path}`, async () => (titles = await costTitles(uri)).length === count, 20_000);
  return titles;
}

function expectedTitles(relative: string): string[] {
  const text = fs.readFileSync(workspaceFile(relative).fsPath, 'utf8');
  return analyzeFile(text, relative, ctx).calls.map(lensTitle);
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('editor: CodeLens, hover, status and commands', () => {
  // The tests edit (and revert) the demo workspace's own files; whatever happens, they must not
  // leave a change on disk.
  const guarded = ['src/supportBot.ts', 'src/lib/llm.ts'].map((file) => ({ file, text: fs.readFileSync(workspaceFile(file).fsPath, 'utf8') }));

  before(async () => {
    await extension().activate();
    await initParsers();
  });

  after(() => {
    for (const { file, text } of guarded) {
      const path_ = workspaceFile(file).fsPath;
      if (fs.readFileSync(path_, 'utf8') === text) continue;
      fs.writeFileSync(path_, text);
      assert.fail(`${file} was changed on disk by a test; restored`);
    }
  });

  it('shows the cost lens and a Run in Playground lens above each call of supportBot.ts', async () => {
    const editor = await openFile('src/supportBot.ts');
    const expected = expectedTitles('src/supportBot.ts');
    assert.equal(expected.length, 2);
    const titles = await waitForLenses(editor.document.uri, 2);
    assert.deepEqual(titles, expected);
    // Assumed output, the constant's model, and the month from `// tokenwise: 2000/day`.
    // `~`: the user message holds placeholders of assumed size.
    assert.match(titles[0] ?? '', /^~\d[\d,]* in \+ ≈500 out tok · \$0\.\d+\/call · gpt-4o · \$\d[\d,.]*\/mo$/);
    assert.match(titles[1] ?? '', /^~\d[\d,]* in \+ 5 out tok · \$0\.\d+\/call · gpt-4o-mini$/);
    const all = await lenses(editor.document.uri);
    const run = all.filter((l) => l.command?.command === 'tokenwise.runInPlayground');
    assert.equal(run.length, 2);
    assert.equal(run[0]?.command?.title, '▶ Run in Playground');
    assert.deepEqual(run[1]?.command?.arguments?.[1], 1);
    // The lens sits on the call's line.
    const createLine = editor.document.getText().split('\n').findIndex((l) => l.includes('client.chat.completions.create'));
    assert.equal(all[0]?.range.start.line, createLine);
  });

  it('shows lenses on the Anthropic file (estimates marked ~), the Python file and the prompt file', async () => {
    for (const [file, count] of [['src/releaseNotes.ts', 2], ['app/research_agent.py', 2], ['prompts/triage.prompty', 1]] as const) {
      const doc = await vscode.workspace.openTextDocument(workspaceFile(file));
      const expected = expectedTitles(file);
      assert.equal(expected.length, count, file);
      assert.deepEqual(await waitForLenses(doc.uri, count), expected, file);
    }
    const anthropic = expectedTitles('src/releaseNotes.ts');
    assert.match(anthropic[0] ?? '', /^~\d[\d,]* in \+ 1,024 out tok · \$\S+\/call · claude-sonnet-4-5$/);
  });

  it('shows the lens on a call of a client imported from another file of the workspace', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('src/faq.ts'));
    const titles = await waitForLenses(doc.uri, 1);
    assert.match(titles[0] ?? '', /^~?\d[\d,]* in \+ 300 out tok · \$0\.\d+\/call · gpt-4\.1-mini$/);
    // The scanner alone, without the workspace around the file, cannot tell what `llm` is.
    assert.deepEqual(expectedTitles('src/faq.ts'), []);
  });

  it('analyzes the importing file again when the module its client comes from changes', async () => {
    const faq = await vscode.workspace.openTextDocument(workspaceFile('src/faq.ts'));
    await waitForLenses(faq.uri, 1);
    const lib = await openFile('src/lib/llm.ts');
    const text = lib.document.getText();
    const start = text.indexOf('new OpenAI(');
    const end = text.indexOf(';', start);
    await lib.edit((b) => b.replace(new vscode.Range(lib.document.positionAt(start), lib.document.positionAt(end)), 'createCache()'));
    // Unsaved: the editor's text is what counts. `llm` is no longer a client, so faq.ts has no call.
    await waitForLenses(faq.uri, 0);
    await revert(lib);
    assert.equal(lib.document.getText(), text);
    await waitForLenses(faq.uri, 1);
  });

  it('gives the notebook code cell with a call its lens', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('notebooks/eval.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(2);
    const titles = await waitForLenses(cell.document.uri, 1);
    assert.match(titles[0] ?? '', /^~\d[\d,]* in \+ 60 out tok · \$\S+\/call · gpt-4\.1$/);
    assert.equal((await costTitles(notebook.cellAt(1).document.uri)).length, 0, 'the cell without a call has no lens');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('says model ? for a model from the environment, and Compare Models does not edit it', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const r = client.chat.completions.create({ model: process.env.MODEL, messages: [{ role: 'user', content: 'Hi there' }] });\n",
    });
    await vscode.window.showTextDocument(doc);
    const [title] = await waitForLenses(doc.uri, 1);
    assert.match(title ?? '', /· model \?$/);
    const before = doc.getText();
    const result = await vscode.commands.executeCommand<{ applied?: string; reason?: string }>('tokenwise.compareModels', doc.uri, 0, 'gpt-4o-mini');
    assert.equal(result?.applied, undefined);
    assert.equal(result?.reason, 'model from env');
    assert.equal(doc.getText(), before);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('analyzes each version once while typing, however many lenses, hovers and timers ask for it', async () => {
    const editor = await openFile('src/supportBot.ts');
    const uri = editor.document.uri;
    await waitForLenses(uri, expectedTitles('src/supportBot.ts').length);
    const api = extension().exports;
    const before = api.analyzedVersions(uri).length;
    const lines = editor.document.getText().split('\n');
    const line = lines.findIndex((l) => l.includes("model: 'gpt-4o-mini'"));
    const at = new vscode.Position(line, lines[line].indexOf("gpt-4o-mini'") + 'gpt-4o-mini'.length);
    editor.selection = new vscode.Selection(at, at);
    try {
      // Keystrokes as the keyboard sends them, with CodeLens and hover requests in between.
      const pending: Thenable<unknown>[] = [];
      for (let k = 0; k < 5; k++) {
        pending.push(vscode.commands.executeCommand('type', { text: 'x' }), lenses(uri), hoverText(uri, at));
        await new Promise((r) => setTimeout(r, 5));
      }
      await Promise.all(pending);
      const last = editor.document.version;
      await waitFor('the last version to be analyzed', () => api.analyzedVersions(uri).at(-1) === last);
      await lenses(uri);
      await hoverText(uri, at);
      const versions = api.analyzedVersions(uri).slice(before);
      assert.equal(versions.at(-1), last);
      assert.deepEqual(versions, [...new Set(versions)].sort((a, b) => a - b), `analyzed ${versions.join(', ')}`);
      assert.ok(versions.length <= 5, `${versions.length} analyses for 5 keystrokes`);
      assert.ok((await costTitles(uri)).some((t) => t.endsWith('gpt-4o-minixxxxx')), 'the lens shows the typed model');
    } finally {
      await revert(editor);
    }
  });

  it('hovers a breakdown on the call and on its prompt constant', async () => {
    const editor = await openFile('src/supportBot.ts');
    await waitForLenses(editor.document.uri, 2);
    const text = editor.document.getText();
    const onCreate = editor.document.positionAt(text.indexOf('create({') + 2);
    const md = await hoverText(editor.document.uri, onCreate);
    assert.match(md, /\*\*Tokenwise\*\* · `gpt-4o` · chat\.completions\.create/);
    assert.match(md, /\| message 1 \(system\) \| \d+ \|/);
    assert.match(md, /\| message 2 \(user\) \| \d+ \|/);
    assert.match(md, /\*\*Cost of one call:\*\* \$\S+ \(input \$\S+, output \$\S+\)/);
    assert.match(md, /\*\*Per month:\*\* \$\S+ at 2,000 calls\/day/);
    assert.match(md, /\*\*Context window:\*\* [\d,]+ of 128,000 tokens/);
    assert.match(md, /\*\*Prompt caching:\*\* /);
    assert.match(md, /\*\*Price source:\*\* .+, as of \d{4}-\d{2}-\d{2}/);
    const onPrompt = editor.document.positionAt(text.indexOf('friendly and helpful'));
    assert.match(await hoverText(editor.document.uri, onPrompt), /\*\*Tokenwise\*\* · `gpt-4o`/);
    const nowhere = editor.document.positionAt(text.indexOf('export interface Ticket'));
    assert.doesNotMatch(await hoverText(editor.document.uri, nowhere), /Tokenwise/);
  });

  it('prices a call with cache_control at its warm cost, marked cached, and hovers the first call too', async () => {
    const system = 'Answer questions about orders, returns and refunds politely and precisely. '.repeat(120);
    const content = "import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\nexport const m = a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 200, " +
      `system: [{ type: 'text', text: '${system}', cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: 'Where is my order?' }] });\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content });
    await vscode.window.showTextDocument(doc);
    const expected = analyzeFile(content, 'cached.ts', ctx).calls.map(lensTitle);
    assert.match(expected[0] ?? '', /^~\d[\d,]* in \+ 200 out tok · \$0\.\d+\/call cached · claude-sonnet-4-5$/);
    assert.deepEqual(await waitForLenses(doc.uri, 1), expected);
    const md = await hoverText(doc.uri, doc.positionAt(content.indexOf('create(') + 2));
    assert.match(md, /\*\*Cost of one call:\*\* \$\S+ with a warm cache \(input \$\S+, cached input \$\S+, output \$\S+\)/);
    assert.match(md, /\*\*First call\*\* \(writes the cache\): \$\S+ \(input \$\S+, cache write 5m \$\S+, output \$\S+\)/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Compare Models rewrites the model constant as one undoable edit', async () => {
    const editor = await openFile('src/supportBot.ts');
    await waitForLenses(editor.document.uri, 2);
    const original = editor.document.getText();
    try {
      const refused = await vscode.commands.executeCommand<{ applied?: string; reason?: string }>('tokenwise.compareModels', editor.document.uri, 0, 'text-embedding-3-small');
      assert.match(refused?.reason ?? '', /^cannot serve: /);
      assert.equal(editor.document.getText(), original);

      const result = await vscode.commands.executeCommand<{ applied?: string }>('tokenwise.compareModels', editor.document.uri, 0, 'gpt-4.1-mini');
      assert.equal(result?.applied, 'gpt-4.1-mini');
      assert.equal(editor.document.getText(), original.replace("const MODEL = 'gpt-4o';", "const MODEL = 'gpt-4.1-mini';"));
      await waitFor('the lens to show the new model', async () => (await costTitles(editor.document.uri))[0]?.includes('· gpt-4.1-mini ·') ?? false);
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), original, 'one undo restores the file');
    } finally {
      if (editor.document.isDirty) await revert(editor);
    }
  });

  it('Compare Models without arguments uses the call under the cursor', async () => {
    const editor = await openFile('src/supportBot.ts');
    await waitForLenses(editor.document.uri, 2);
    const original = editor.document.getText();
    const at = editor.document.positionAt(original.indexOf("model: 'gpt-4o-mini'"));
    editor.selection = new vscode.Selection(at, at);
    try {
      const result = await vscode.commands.executeCommand<{ applied?: string }>('tokenwise.compareModels', undefined, undefined, 'gpt-4.1-nano');
      assert.equal(result?.applied, 'gpt-4.1-nano');
      assert.equal(editor.document.getText(), original.replace("model: 'gpt-4o-mini'", "model: 'gpt-4.1-nano'"));
    } finally {
      await revert(editor);
    }
  });

  it('Count Tokens of Selection counts with the given model', async () => {
    const editor = await openFile('src/supportBot.ts');
    const text = editor.document.getText();
    const start = text.indexOf('You are a friendly');
    const end = text.indexOf('human agent.') + 'human agent.'.length;
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
    const result = await vscode.commands.executeCommand<{ model: string; tokens: number; exact: boolean }>('tokenwise.countTokensInSelection', 'gpt-4o');
    const expected = countText(text.slice(start, end), 'gpt-4o');
    assert.deepEqual(result, { model: 'gpt-4o', tokens: expected.tokens, exact: true });
    const claude = await vscode.commands.executeCommand<{ tokens: number; exact: boolean; band?: unknown }>('tokenwise.countTokensInSelection', 'claude-sonnet-4-5');
    assert.equal(claude?.exact, false);
    assert.ok(claude?.band);
  });

  it('Analyze Workspace reports what the core scan finds, and Export writes CSV and SARIF', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const report = await vscode.commands.executeCommand<{ files: number; calls: { file: string; costUsd: number | null }[]; totals: { calls: number; costUsd: number } }>('tokenwise.analyzeWorkspace', { show: false });
    assert.ok(report);
    const expected = await scanWorkspace(nodeFileSource(folder.uri.fsPath), {
      root: folder.uri.fsPath, exclude: ['**/node_modules/**', '**/.venv/**', '**/dist/**', '**/build/**'], maxBytes: 1024 * 1024,
      moduleFiles: nodeModuleFiles(folder.uri.fsPath),
    }, ctx);
    assert.equal(report.files, expected.files);
    assert.deepEqual(report.calls.map((c) => `${c.file} ${c.costUsd}`), expected.calls.map((c) => `${c.file} ${c.costUsd}`));
    assert.ok(report.calls.some((c) => c.file === 'notebooks/eval.ipynb'));
    assert.ok(report.calls.some((c) => c.file === 'src/faq.ts'), 'the call on the imported client');
    assert.ok(Math.abs(report.totals.costUsd - expected.totals.costUsd) < 1e-12);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-export-'));
    const csv = await vscode.commands.executeCommand<vscode.Uri>('tokenwise.exportReport', 'csv', vscode.Uri.file(path.join(dir, 'r.csv')));
    assert.ok(csv);
    const lines = fs.readFileSync(csv.fsPath, 'utf8').split('\r\n').filter(Boolean);
    assert.equal(lines[0]?.split(',')[0], 'file');
    assert.equal(lines.length, report.calls.length + 1);
    const sarif = await vscode.commands.executeCommand<vscode.Uri>('tokenwise.exportReport', 'sarif', vscode.Uri.file(path.join(dir, 'r.sarif')));
    assert.ok(sarif);
    const parsed = JSON.parse(fs.readFileSync(sarif.fsPath, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(parsed.version, '2.1.0');
    assert.ok((parsed.runs[0]?.results.length ?? 0) >= report.calls.length);
    assert.equal(await vscode.commands.executeCommand('tokenwise.exportReport', 'pdf', vscode.Uri.file(path.join(dir, 'r.pdf'))), undefined);
    assert.ok(!fs.existsSync(path.join(dir, 'r.pdf')));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Analyze Workspace opens the report panel', async () => {
    await vscode.commands.executeCommand('tokenwise.analyzeWorkspace');
    await waitFor('the report panel', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Tokenwise: LLM cost report')));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the codeLens.enabled setting removes and restores the lenses live', async () => {
    const editor = await openFile('src/supportBot.ts');
    await waitForLenses(editor.document.uri, 2);
    const config = vscode.workspace.getConfiguration('tokenwise');
    try {
      await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
      await waitForLenses(editor.document.uri, 0);
      assert.equal((await lenses(editor.document.uri)).length, 0);
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForLenses(editor.document.uri, 2);
  });

  it('Update Prices merges a LiteLLM file into the overlay and prices the new model', async () => {
    // The harness points XDG_CONFIG_HOME at the run folder, so the overlay never touches the user's.
    const xdg = process.env.XDG_CONFIG_HOME;
    assert.ok(xdg && !process.env.TOKENWISE_PRICES_FILE && userOverlayPath(process.env).startsWith(xdg), 'the overlay must be inside the test run folder');
    const doc = await vscode.workspace.openTextDocument({
      language: 'typescript',
      content: "import Anthropic from '@anthropic-ai/sdk';\nconst a = new Anthropic();\nexport const m = a.messages.create({ model: 'claude-fable-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] });\n",
    });
    await vscode.window.showTextDocument(doc);
    assert.match((await waitForLenses(doc.uri, 1))[0] ?? '', /· unpriced · claude-fable-5$/);
    const litellm = {
      'claude-fable-5': {
        litellm_provider: 'anthropic', mode: 'chat', input_cost_per_token: 1e-5, output_cost_per_token: 5e-5,
        cache_read_input_token_cost: 1e-6, cache_creation_input_token_cost: 1.25e-5, cache_creation_input_token_cost_above_1hr: 2e-5,
        max_input_tokens: 1_000_000, max_output_tokens: 128_000, max_tokens: 128_000,
        supports_function_calling: true, supports_vision: true, supports_reasoning: true, supports_response_schema: true, supports_prompt_caching: true,
      },
    };
    const expected = mergeLiteLLM(builtinCatalog(), litellm, { asOf: '2026-07-24', source: 'test' });
    assert.equal(expected.changes.filter((c) => c.kind === 'added').length, 1);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-prices-')), 'litellm-2026-07-24.json');
    fs.writeFileSync(file, JSON.stringify(litellm));
    const result = await vscode.commands.executeCommand<{ added: number; rejected: number; overlayPath: string }>('tokenwise.updatePrices', file);
    assert.equal(result?.added, 1);
    assert.equal(result?.rejected, expected.rejections.length);
    assert.ok(fs.readFileSync(result.overlayPath, 'utf8').includes('claude-fable-5'));
    // 100 output tokens at $50/M plus the input at $10/M: the lens is priced now.
    await waitFor('the lens to price claude-fable-5', async () => /· \$0\.\d+\/call · claude-fable-5$/.test((await costTitles(doc.uri))[0] ?? ''));
    fs.rmSync(result.overlayPath, { force: true });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
