// `npm run bench -- editor`: time from a one-line edit to a refreshed CodeLens and refreshed
// diagnostics on a generated 2,000-line TypeScript file with 50 calls (bench/analysis.mjs's
// generator), measured inside a real extension host (bench/extensionHost/editorProbe.ts) running
// the production bundle. Issue 4's budget: at most 150 ms after the last keystroke. Reported,
// not asserted.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CODE_SERVER_VERSION, ROOT, log, runInExtensionHost } from '../scripts/lib/codeServer.mjs';
import { generatedModule } from './analysis.mjs';
import { percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const SAMPLES = Number(process.env.BENCH_SAMPLES || 40);
const BUDGET_MS = 150;

/**
 * The debounce bounds in use, read from the extension's source so the report cannot drift from it:
 * an edit after a pause is analyzed at once; within a burst the wait is twice the document's last
 * analysis time, within these bounds.
 */
function debounceMs() {
  const source = fs.readFileSync(path.join(ROOT, 'src', 'host', 'analysis', 'documentAnalyses.ts'), 'utf8');
  const bound = (name) => Number(new RegExp(`const ${name} = (\\d+)`).exec(source)?.[1] ?? NaN);
  return { rule: 'none after a pause; within a burst of edits 2 x last analysis time', minMs: bound('debounceMinMs'), maxMs: bound('debounceMaxMs') };
}

const round = (n) => Math.round(n * 100) / 100;
const stats = (values) => ({ p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) });

export async function editor() {
  for (const args of [['scripts/setupVscode.mjs'], ['esbuild.mjs', '--production']]) {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
  }
  const text = generatedModule(2000, 50);
  const { initParsers } = require(path.join(ROOT, 'out', 'src', 'core', 'parse', 'treeSitter.js'));
  const { analyzeFile } = require(path.join(ROOT, 'out', 'src', 'core', 'analysis', 'analyzeFile.js'));
  const { builtinCatalog } = require(path.join(ROOT, 'out', 'src', 'core', 'pricing', 'catalog.js'));
  await initParsers();
  const calls = analyzeFile(text, 'bench.ts', { catalog: builtinCatalog(), assumedPlaceholderTokens: 50, expectedOutputTokens: 500, defaultCallsPerDay: 0 }).calls.length;

  log(`generated bench.ts: 2,000 lines, ${calls} calls`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-bench-editor-'));
  try {
    fs.writeFileSync(path.join(workspace, 'bench.ts'), text);
    let result;
    const code = await runInExtensionHost({
      testsPath: path.join(ROOT, 'out', 'bench', 'extensionHost', 'editorProbe'),
      folder: workspace,
      label: 'bench-editor',
      env: { BENCH_CALLS: String(calls), BENCH_SAMPLES: String(SAMPLES) },
      onLine: (line, type) => {
        const m = /^BENCH (.*)$/.exec(line);
        if (m) result = JSON.parse(m[1]);
        else if (line.startsWith('PHASE ')) log(line.slice(6));
        else if (type === 'error') console.error(line);
      },
    });
    if (code !== 0 || !result) throw new Error(`editor probe failed (exit ${code})`);
    const pick = (key) => result.samples.map((s) => s[key]);
    const both = stats(pick('bothMs'));
    const burst = stats(result.burstMs);
    return {
      bench: 'editor',
      vscode: CODE_SERVER_VERSION,
      node: process.version,
      file: { lines: result.lines, calls: result.calls, editedLine: result.editedLine },
      edit: 'one model literal rewritten with a WorkspaceEdit, alternating gpt-4o / an unknown model (lens title and an unknown-model diagnostic both change)',
      samples: result.samples.length,
      debounceMs: debounceMs(),
      budgetMs: BUDGET_MS,
      // The budget (issue 4: CodeLens and diagnostics refreshed at most 150 ms after the last
      // keystroke) is the extension's debounce plus its work. Typing bursts (five keystrokes sent 15 ms
      // apart through the type command): from the last keystroke's change event in the extension
      // host to the diagnostics naming the final text. The CodeLens provider answers from the same
      // analysis; the workbench itself asks for lenses no sooner than 250 ms after typing stops.
      afterLastKeystrokeMs: { ...burst, samples: result.burstMs.length, keystrokes: 5, gapMs: 15 },
      budgetMetAtP95: burst.p95 <= BUDGET_MS,
      // Single edits after a pause: from the edit's change event to the diagnostics reflecting it.
      extensionMs: stats(pick('extensionMs')),
      // The same edits timed from before applyEdit to both a CodeLens query through the workbench
      // (executeCodeLensProvider) showing the new title and the diagnostics: this adds VS Code's
      // round trips between the extension host and the workbench (applyEdit, the lens query), on
      // two cores shared with the renderer and tsserver.
      editToLensAndDiagnosticsMs: both,
      throughWorkbenchWithinBudgetAtP95: both.p95 <= BUDGET_MS,
      lensMs: stats(pick('lensMs')),
      diagnosticsMs: stats(pick('diagnosticsMs')),
      // executeCodeLensProvider right after the edit analyzes the new version on demand; the
      // next call finds it cached. The difference approximates the extension's analysis time.
      lensQueryMs: { firstAfterEdit: stats(pick('firstLensQueryMs')), cached: stats(pick('cachedLensQueryMs')), queriesPerSample: stats(pick('lensQueries')) },
      // Incremental reparse + analysis + findings for the same edit, timed in the extension host
      // process on the compiled core (the extension API does not expose its own timing).
      coreAnalysisMs: stats(result.coreMs),
    };
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
