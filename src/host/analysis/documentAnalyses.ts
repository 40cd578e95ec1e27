import * as vscode from 'vscode';
import type { AnalysisContext } from '../../core/analysis/analyzeCall';
import { analyzeScan, type FileAnalysis } from '../../core/analysis/analyzeFile';
import { ProjectImports, slashes } from '../../core/analysis/projectImports';
import type { Logger } from '../../core/log/logger';
import type { ScanResult } from '../../core/parse/callSite';
import { languageForFile } from '../../core/parse/languageForFile';
import { DocumentScanner, scanNotebook, scanSource } from '../../core/parse/scanSource';
import { initParsers, type GrammarId } from '../../core/parse/treeSitter';
import type { CatalogStore } from '../pricing/catalogStore';
import type { SettingsStore } from '../config/settingsStore';
import { editorModuleFiles, localWorkspaceRoots } from './editorModuleFiles';

/** The documents Tokenwise analyzes (CodeLens, hovers and diagnostics register for these). */
export const analyzedDocuments: vscode.DocumentSelector = [
  { language: 'typescript' }, { language: 'typescriptreact' }, { language: 'javascript' }, { language: 'javascriptreact' },
  { language: 'python' }, { pattern: '**/*.{prompty,prompt}' }, { pattern: '**/prompts/**/*.{md,markdown,txt}' },
];

const grammarOf: Readonly<Record<string, GrammarId>> = {
  typescript: 'typescript', typescriptreact: 'tsx', javascript: 'javascript', javascriptreact: 'javascript', python: 'python',
};

/**
 * An edit to a document that has been idle is analyzed at once (the first keystroke after a pause
 * refreshes in one analysis time). Edits that follow within the debounce are one burst, analyzed
 * once after it: the wait is twice the document's last analysis time, within these bounds, so a
 * file that analyzes in 10 ms refreshes 25 ms after the last keystroke, and one that takes long is
 * still not re-analyzed on every keystroke.
 */
const debounceMinMs = 25;
const debounceMaxMs = 100;
/** Typing in the file a client is imported from re-analyzes its importers after this pause. */
const dependencyDebounceMs = 300;

interface Entry {
  key: string;
  analysis: FileAnalysis;
}

/**
 * The analysis of every open document, computed once per document version. Code documents keep
 * an incremental parser (tree-sitter reparses only the edited part); notebook cells are analyzed
 * together, as one program, because a client created in one cell is used in the next.
 */
export class DocumentAnalyses implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly scanners = new Map<string, DocumentScanner>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The last analysis time of each document, which sets its debounce. */
  private readonly computeMs = new Map<string, number>();
  /** When each document last changed, to tell an edit after a pause from one in a burst. */
  private readonly lastEditAt = new Map<string, number>();
  /** The versions analyzed per code document, the last 100 (for analyzedVersions). */
  private readonly versions = new Map<string, number[]>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's analysis is recomputed after an edit or a settings/prices change. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private parsersReady = false;
  /** Clients and values imported from other files of the workspace (`import { openai } from './lib/openai'`). */
  private readonly imported = new ProjectImports(editorModuleFiles(), localWorkspaceRoots);
  /** The files (with `/` separators) each code document's last analysis read about imported clients. */
  private readonly dependencies = new Map<string, Set<string>>();
  private readonly dependentTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Source files changed on disk, created or deleted (outside the editor too). */
  private readonly sourceWatcher = vscode.workspace.createFileSystemWatcher('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py}');
  readonly ready: Promise<void>;

  constructor(private readonly settings: SettingsStore, private readonly catalog: CatalogStore, private readonly log: Logger) {
    // Loading the WASM parsers starts after activate() has returned: its synchronous part (reading
    // and compiling tree-sitter.wasm) would otherwise count against the activation time.
    this.ready = new Promise<void>((resolve) => setImmediate(resolve)).then(() => initParsers()).then(() => {
      this.parsersReady = true;
      this.refreshAll();
    }, (error: unknown) => {
      log.error(`The parsers failed to load; call sites cannot be analyzed: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (this.handles(e.document)) this.schedule(e.document);
        if (e.document.uri.scheme === 'file') this.dependencyChanged(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      this.sourceWatcher,
      this.sourceWatcher.onDidChange((uri) => this.dependencyChanged(uri)),
      this.sourceWatcher.onDidCreate((uri) => this.dependencyChanged(uri)),
      this.sourceWatcher.onDidDelete((uri) => this.dependencyChanged(uri)),
      settings.onDidChange(() => this.refreshAll()),
      catalog.onDidChange(() => this.refreshAll()),
    );
  }

  handles(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'vscode-notebook-cell'
      ? grammarOf[document.languageId] === 'python'
      : grammarOf[document.languageId] !== undefined || languageForFile(document.fileName) === 'prompt';
  }

  context(): AnalysisContext {
    const s = this.settings.settings;
    return {
      catalog: this.catalog.catalog,
      assumedPlaceholderTokens: s['cost.assumedPlaceholderTokens'],
      expectedOutputTokens: s['cost.expectedOutputTokens'],
      defaultCallsPerDay: s['cost.defaultCallsPerDay'],
    };
  }

  /** The analysis of the document's current version; undefined until the parsers have loaded. */
  get(document: vscode.TextDocument): FileAnalysis | undefined {
    if (!this.parsersReady || !this.handles(document)) return undefined;
    const cell = document.uri.scheme === 'vscode-notebook-cell' ? this.notebookOf(document) : undefined;
    const key = cell ? this.notebookKey(cell.notebook) : `${document.version}`;
    const id = cell ? cell.notebook.uri.toString() : document.uri.toString();
    let entry = this.entries.get(id);
    if (!entry || entry.key !== key) {
      entry = { key, analysis: this.compute(document, cell, id) };
      this.entries.set(id, entry);
      // Asked for by a CodeLens or hover before the debounce ran out: the work is done, so the
      // diagnostics and status bar need not wait for the timer.
      this.flush(document.uri);
    }
    if (!cell) return entry.analysis;
    // The calls of this cell only, with their cell-relative positions.
    return { ...entry.analysis, calls: entry.analysis.calls.filter((c) => c.site.cellIndex === cell.index) };
  }

  /** The versions of a code document analyzed so far, oldest first (the API exposes it to tests). */
  analyzedVersions(uri: vscode.Uri): readonly number[] {
    return this.versions.get(uri.toString()) ?? [];
  }

  private compute(document: vscode.TextDocument, cell: vscode.NotebookCell | undefined, id: string): FileAnalysis {
    const started = performance.now();
    if (!cell) {
      const seen = this.versions.get(id) ?? [];
      seen.push(document.version);
      this.versions.set(id, seen.slice(-100));
    }
    const maxBytes = this.settings.settings['analysis.maxFileSizeKB'] * 1024;
    let scan: ScanResult;
    try {
      if (cell) {
        // The notebook's code cells as the scanner reads a saved .ipynb, so cell indexes match.
        const cells = cell.notebook.getCells().map((c) => ({ cell_type: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown', source: c.document.getText() }));
        scan = scanNotebook(JSON.stringify({ cells, metadata: { language_info: { name: 'python' } } }), { maxBytes });
      } else if (languageForFile(document.fileName) === 'prompt') {
        scan = scanSource(document.getText(), document.fileName, { maxBytes });
      } else {
        let scanner = this.scanners.get(id);
        if (!scanner) {
          const imports = document.uri.scheme === 'file' ? this.imported.forFile(document.uri.fsPath, (file) => this.dependencies.get(id)?.add(file)) : undefined;
          scanner = new DocumentScanner(grammarOf[document.languageId] as GrammarId, { maxBytes, ...(imports ? { imports } : {}) });
          this.scanners.set(id, scanner);
        }
        this.dependencies.set(id, new Set());
        scan = scanner.update(document.getText());
      }
      const analysis = analyzeScan(scan, this.context());
      this.computeMs.set(id, performance.now() - started);
      if (analysis.skipped) this.log.info(`${vscode.workspace.asRelativePath(document.uri)} not analyzed: ${analysis.skipped.reason}${analysis.skipped.detail ? ` (${analysis.skipped.detail})` : ''}`);
      this.log.trace(`analyzed ${vscode.workspace.asRelativePath(document.uri)} v${document.version} in ${(performance.now() - started).toFixed(1)} ms: ${analysis.calls.length} calls`);
      return analysis;
    } catch (error) {
      // Bad input must never take the editor down: report it and show nothing for this file.
      this.log.error(`Analysis of ${vscode.workspace.asRelativePath(document.uri)} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { calls: [], diagnostics: [] };
    }
  }

  private notebookOf(document: vscode.TextDocument): vscode.NotebookCell | undefined {
    for (const notebook of vscode.workspace.notebookDocuments) {
      const cell = notebook.getCells().find((c) => c.document === document);
      if (cell) return cell;
    }
    return undefined;
  }

  private notebookKey(notebook: vscode.NotebookDocument): string {
    return notebook.getCells().map((c) => `${c.kind}:${c.document.version}`).join(',');
  }

  private schedule(document: vscode.TextDocument): void {
    const id = document.uri.toString();
    const debounce = Math.min(debounceMaxMs, Math.max(debounceMinMs, 2 * (this.computeMs.get(id) ?? debounceMaxMs)));
    const now = performance.now();
    const idle = now - (this.lastEditAt.get(id) ?? -Infinity) > debounce;
    this.lastEditAt.set(id, now);
    clearTimeout(this.timers.get(id));
    // After a pause, the next turn of the event loop (one edit can arrive as several change
    // events); within a burst, after the debounce.
    this.timers.set(id, setTimeout(() => {
      this.timers.delete(id);
      if (document.isClosed) return;
      this.get(document);
      this.changed.fire(document.uri);
    }, idle ? 0 : debounce));
  }

  /** Fires the pending change of a document now, if one is waiting on its debounce. */
  private flush(uri: vscode.Uri): void {
    const id = uri.toString();
    const timer = this.timers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(id);
    this.changed.fire(uri);
  }

  /**
   * A file that open documents import a client from changed (in an editor, or on disk, or it was
   * created or deleted): they are analyzed again, once the file has been still for a moment.
   */
  private dependencyChanged(uri: vscode.Uri): void {
    const file = slashes(uri.fsPath);
    for (const [id, files] of this.dependencies) {
      if (!files.has(file)) continue;
      clearTimeout(this.dependentTimers.get(id));
      this.dependentTimers.set(id, setTimeout(() => {
        this.dependentTimers.delete(id);
        this.entries.delete(id);
        this.changed.fire(vscode.Uri.parse(id));
      }, dependencyDebounceMs));
    }
  }

  private refreshAll(): void {
    this.entries.clear();
    for (const document of vscode.workspace.textDocuments) if (this.handles(document)) this.changed.fire(document.uri);
  }

  private forget(uri: vscode.Uri): void {
    const id = uri.toString();
    this.entries.delete(id);
    this.scanners.get(id)?.dispose();
    this.scanners.delete(id);
    this.computeMs.delete(id);
    this.lastEditAt.delete(id);
    this.versions.delete(id);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.dependencies.delete(id);
    clearTimeout(this.dependentTimers.get(id));
    this.dependentTimers.delete(id);
  }

  dispose(): void {
    for (const timer of [...this.timers.values(), ...this.dependentTimers.values()]) clearTimeout(timer);
    for (const scanner of this.scanners.values()) scanner.dispose();
    this.scanners.clear();
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
