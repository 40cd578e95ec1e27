// Runs inside the extension host (extensionTestsPath) with a workspace holding a generated
// 2,000-line bench.ts. Each sample rewrites one model literal with a WorkspaceEdit, alternating
// between a priced model and an unknown one, so both the call's CodeLens title (price vs
// `unpriced`) and its diagnostics (an `unknown-model` finding appears or goes) must change.
// It times, from just before applyEdit:
// - lensMs: until vscode.executeCodeLensProvider returns the edited call's new title (polled;
//   the provider analyzes the new version on demand, so this is not held back by the debounce);
// - diagnosticsMs: until getDiagnostics(uri) reflects the edit, polled every millisecond or so. (Not
//   on onDidChangeDiagnostics: VS Code debounces that event by 50 ms for extensions, while the
//   diagnostics themselves go to the workbench the moment they are set.)
// - bothMs: the later of the two.
// And, in this same process, the core work one edit costs (incremental reparse + analysis +
// findings), with the same compiled source as the bundle, since the extension API does not
// expose the extension's own timing.
import * as vscode from 'vscode';
import { analyzeScan } from '../../src/core/analysis/analyzeFile';
import { builtinCatalog } from '../../src/core/pricing/catalog';
import { DocumentScanner } from '../../src/core/parse/scanSource';
import { initParsers } from '../../src/core/parse/treeSitter';
import { fileFindings } from '../../src/core/rules/fileFindings';

const priced = 'gpt-4o';
const unknown = 'gpt-9-bench';
const warmup = 5;
const samples = Number(process.env.BENCH_SAMPLES || 40);
const burstSamples = Math.ceil(samples / 2);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function costLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((l) => l.command?.command === 'tokenwise.compareModels');
}

function lensShows(lenses: readonly vscode.CodeLens[], line: number, model: string): boolean {
  const title = lenses.find((l) => l.range.start.line === line)?.command?.title ?? '';
  return model === unknown ? title.endsWith(`unpriced · ${model}`) : new RegExp(`/call · ${model}( ·|$)`).test(title);
}

/** The unknown-model diagnostic on `line`, if there is one. */
function unknownModelOn(uri: vscode.Uri, line: number): vscode.Diagnostic | undefined {
  return vscode.languages.getDiagnostics(uri).find((d) => d.code === 'unknown-model' && d.range.start.line === line);
}

function diagnosticsShow(uri: vscode.Uri, line: number, model: string): boolean {
  return (unknownModelOn(uri, line) !== undefined) === (model === unknown);
}

/** Resolves with the time getDiagnostics first reflects `model` on `line`, polled every ~1 ms. */
async function diagnosticsReflect(uri: vscode.Uri, line: number, model: string): Promise<number> {
  const deadline = performance.now() + 10_000;
  while (!diagnosticsShow(uri, line, model)) {
    if (performance.now() > deadline) throw new Error('diagnostics did not reflect the edit within 10 s');
    await sleep(1);
  }
  return performance.now();
}

async function waitUntil(what: string, test: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Sample {
  lensMs: number;
  diagnosticsMs: number;
  bothMs: number;
  /** The first executeCodeLensProvider call after the edit (it analyzes the new version), and one more (cached). */
  firstLensQueryMs: number;
  cachedLensQueryMs: number;
  /** executeCodeLensProvider calls until the lens showed the edit. */
  lensQueries: number;
  /**
   * From the edit's change event in this extension host (the one Tokenwise listens to) to the
   * diagnostics reflecting it: the extension's own share, without applyEdit's round trip to the
   * workbench.
   */
  extensionMs: number;
}

async function editOnce(document: vscode.TextDocument, line: number, from: string, to: string): Promise<Sample> {
  const uri = document.uri;
  const text = document.lineAt(line).text;
  const at = text.indexOf(`'${from}'`) + 1;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(line, at, line, at + from.length), to);
  const diagnostics = diagnosticsReflect(uri, line, to);
  let changedAt = 0;
  const changes = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document.uri.toString() === uri.toString() && changedAt === 0) changedAt = performance.now();
  });
  const t0 = performance.now();
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the edit was not applied');
  let lensAt = 0;
  let firstLensQueryMs = -1;
  let lensQueries = 0;
  for (;;) {
    const q0 = performance.now();
    const lenses = await costLenses(uri);
    const q1 = performance.now();
    lensQueries += 1;
    if (firstLensQueryMs < 0) firstLensQueryMs = q1 - q0;
    if (lensShows(lenses, line, to)) {
      lensAt = q1;
      break;
    }
    await sleep(1);
  }
  const c0 = performance.now();
  await costLenses(uri);
  const cachedLensQueryMs = performance.now() - c0;
  const diagnosticsAt = await diagnostics;
  changes.dispose();
  if (changedAt === 0) throw new Error('no change event for the edit');
  return {
    lensMs: lensAt - t0, diagnosticsMs: diagnosticsAt - t0, bothMs: Math.max(lensAt, diagnosticsAt) - t0, firstLensQueryMs, cachedLensQueryMs, lensQueries,
    extensionMs: diagnosticsAt - changedAt,
  };
}

/** Whether the unknown-model diagnostic on `line` names `model`. */
function diagnosticNames(uri: vscode.Uri, line: number, model: string): boolean {
  return unknownModelOn(uri, line)?.message.includes(`"${model}"`) ?? false;
}

/**
 * Typing: `keystrokes` edits `gapMs` apart, each renaming the model (`gpt-9-bench` -> `gpt-9-bencha`
 * -> ...), as a burst the extension debounces. Returns the time from the last keystroke's change
 * event to the diagnostics naming the last model: what "at most 150 ms after the last keystroke"
 * is about. (The workbench itself asks for CodeLenses no sooner than 250 ms after typing stops.)
 */
async function typingBurst(document: vscode.TextDocument, line: number, keystrokes: number, gapMs: number): Promise<number> {
  const uri = document.uri;
  let lastChangeAt = 0;
  const changes = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document.uri.toString() === uri.toString()) lastChangeAt = performance.now();
  });
  try {
    let name = unknown;
    const editor = vscode.window.activeTextEditor;
    if (editor?.document !== document) throw new Error('bench.ts is not the active editor');
    const end = new vscode.Position(line, document.lineAt(line).text.indexOf(`'${name}'`) + 1 + name.length);
    editor.selection = new vscode.Selection(end, end);
    // Typed as keystrokes (the `type` command, as the keyboard does), without waiting for each to
    // be applied: that round trip alone is longer than a fast typist's gap.
    const typed: Thenable<unknown>[] = [];
    for (let k = 0; k < keystrokes; k++) {
      typed.push(vscode.commands.executeCommand('type', { text: 'a' }));
      name += 'a';
      if (k < keystrokes - 1) await sleep(gapMs);
    }
    await Promise.all(typed);
    const deadline = performance.now() + 10_000;
    while (!diagnosticNames(uri, line, name)) {
      if (performance.now() > deadline) throw new Error(`diagnostics did not name ${name} within 10 s`);
      await sleep(1);
    }
    const ms = performance.now() - lastChangeAt;
    // Back to the plain unknown model, as the burst found it.
    const text = document.lineAt(line).text;
    const start = text.indexOf(`'${name}'`) + 1;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(line, start, line, start + name.length), unknown);
    await vscode.workspace.applyEdit(edit);
    await waitUntil('the burst to be undone', () => diagnosticNames(uri, line, unknown));
    return ms;
  } finally {
    changes.dispose();
  }
}

/** The core's work for one edit, timed here: what the extension does between the debounce and publishing. */
async function coreTimings(text: string, line: number, count: number): Promise<number[]> {
  await initParsers();
  const ctx = { catalog: builtinCatalog(), assumedPlaceholderTokens: 50, expectedOutputTokens: 500, defaultCallsPerDay: 0 };
  const scanner = new DocumentScanner('typescript', { maxBytes: 1024 * 1024 });
  const lines = text.split('\n');
  const original = lines[line] ?? '';
  const times: number[] = [];
  try {
    for (let i = 0; i < warmup + count; i++) {
      lines[line] = i % 2 === 0 ? original.replace(`'${priced}'`, `'${unknown}'`) : original;
      const edited = lines.join('\n');
      const t0 = performance.now();
      const analysis = analyzeScan(scanner.update(edited), ctx);
      fileFindings(analysis, edited, 'typescript', { rules: {} });
      if (i >= warmup) times.push(performance.now() - t0);
    }
  } finally {
    scanner.dispose();
  }
  return times;
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace open');
  const ext = vscode.extensions.getExtension('tokenwise.tokenwise');
  if (!ext) throw new Error('Tokenwise is not installed');
  const uri = vscode.Uri.joinPath(folder.uri, 'bench.ts');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  await ext.activate();
  const expected = Number(process.env.BENCH_CALLS || 0);
  const opened = performance.now();
  await waitUntil(`${expected} cost lenses`, async () => (await costLenses(uri)).length === expected);
  console.error(`PHASE first lenses after ${Math.round(performance.now() - opened)} ms`);

  // The priced OpenAI call nearest the middle of the file.
  const lines = document.getText().split('\n');
  const candidates = lines.flatMap((l, i) => (l.includes(`model: '${priced}'`) ? [i] : []));
  const line = candidates.reduce((best, i) => (Math.abs(i - lines.length / 2) < Math.abs(best - lines.length / 2) ? i : best), candidates[0] ?? -1);
  if (line < 0) throw new Error(`no ${priced} call in bench.ts`);
  await waitUntil('the diagnostics of bench.ts', () => diagnosticsShow(uri, line, priced));
  const original = document.getText();

  const measured: Sample[] = [];
  let model = priced;
  for (let i = 0; i < warmup + samples; i++) {
    const next = model === priced ? unknown : priced;
    const sample = await editOnce(document, line, model, next);
    model = next;
    if (i >= warmup) measured.push(sample);
    // A pause between edits, so each sample starts from a settled document.
    await sleep(150);
  }
  // Bursts of typing: five keystrokes 15 ms apart, from the unknown model.
  if (model !== unknown) {
    await editOnce(document, line, model, unknown);
    model = unknown;
  }
  const bursts: number[] = [];
  for (let i = 0; i < 3 + burstSamples; i++) {
    const ms = await typingBurst(document, line, 5, 15);
    if (i >= 3) bursts.push(ms);
    await sleep(150);
  }
  if (model !== priced) await editOnce(document, line, model, priced);
  if (document.getText() !== original) throw new Error('the document did not return to its original text');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

  console.error('PHASE edits measured');
  const core = await coreTimings(original, line, samples);
  console.log(`BENCH ${JSON.stringify({ lines: lines.length, calls: expected, editedLine: line + 1, samples: measured, burstMs: bursts, coreMs: core })}`);
}
