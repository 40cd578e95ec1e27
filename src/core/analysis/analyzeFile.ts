// One file, or a whole workspace, through the pipeline: scan -> tokens -> price -> findings.
import type { ScanResult } from '../parse/callSite';
import { languageForFile } from '../parse/languageForFile';
import { decodeSource, scanSource, type ScanOptions } from '../parse/scanSource';
import { grammarsFor, initParsers } from '../parse/treeSitter';
import { priceProvenance } from '../pricing/catalog';
import type { Finding } from '../rules/finding';
import { callFindings } from '../rules/callRules';
import { fileFindings } from '../rules/fileFindings';
import type { RuleSetting } from '../rules/sourceRules';
import { analyzeCall, type AnalysisContext, type AnalyzedCall } from './analyzeCall';
import type { FileSource } from './fileSource';
import { ProjectImports, type ModuleFiles } from './projectImports';
import { cacheReportFields, totalsOf, type Report, type ReportCall, type ReportFileFinding, type SkippedFile } from './report';
import { listWorkspaceFiles } from './workspaceFiles';

export interface CallAnalysis extends AnalyzedCall {
  findings: Finding[];
}

export interface FileAnalysis {
  calls: CallAnalysis[];
  skipped?: { reason: string; detail?: string };
  diagnostics: string[];
}

/** Analyzes one file's content; `fileName` (or a VS Code language id) picks the language. Never throws. */
export function analyzeFile(source: string | Uint8Array, fileName: string, ctx: AnalysisContext, opts: ScanOptions = {}): FileAnalysis {
  return analyzeScan(scanSource(source, fileName, opts), ctx);
}

/** Prices and checks the calls of a scan (from scanSource, scanNotebook or an incremental DocumentScanner). */
export function analyzeScan(scan: ScanResult, ctx: AnalysisContext): FileAnalysis {
  const calls = scan.calls.map((site) => {
    const call = analyzeCall(site, ctx);
    return { ...call, findings: callFindings(call, ctx) };
  });
  return { calls, ...(scan.skipped ? { skipped: scan.skipped } : {}), diagnostics: scan.diagnostics };
}

export function toReportCall(call: CallAnalysis, file: string): ReportCall {
  const { site, input } = call;
  const provenance = call.entry ? priceProvenance(call.entry) : undefined;
  return {
    file,
    line: site.line,
    column: site.column,
    ...(site.cellIndex !== undefined ? { cell: site.cellIndex } : {}),
    provider: site.provider,
    api: site.api,
    model: site.request.model,
    modelSource: site.modelSource ?? site.modelNullReason ?? 'unknown',
    inputTokens: input.total,
    inputTokensExact: input.exact,
    ...(input.band ? { inputTokensBand: input.band } : {}),
    maxOutputTokens: site.request.maxOutputTokens ?? null,
    outputTokens: call.outputTokens,
    outputTokensAssumed: call.outputAssumed,
    stream: site.request.stream === true,
    inLoop: site.inLoop,
    costUsd: call.cost?.costUsd ?? null,
    ...cacheReportFields(call),
    callsPerDay: call.callsPerDay,
    monthlyUsd: call.monthlyUsd,
    priceSource: provenance?.source ?? null,
    priceAsOf: provenance?.asOf ?? null,
    findings: call.findings.map((f) => ({ id: f.ruleId, severity: f.severity, message: f.message })),
  };
}

/** 1-based line and column of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: offset - text.lastIndexOf('\n', offset - 1) };
}

export interface ReportedFile {
  calls: ReportCall[];
  fileFindings: ReportFileFinding[];
  skipped?: { reason: string; detail?: string };
}

export interface ReportFileOptions extends ScanOptions {
  rules?: Readonly<Record<string, RuleSetting>>;
  /** The path whose name decides the language, when `file` (the path shown) is shorter. */
  languageFrom?: string;
}

/**
 * One file as the report shows it: the same findings the editor shows, after the rule settings
 * and the `tokenwise-disable-next-line` comments, plus the file's own findings (a hard-coded key).
 * Notebooks keep their calls' findings as they are: their comments live in cells, not in one text.
 */
export function reportFile(source: string | Uint8Array, file: string, ctx: AnalysisContext, opts: ReportFileOptions = {}): ReportedFile {
  const languageFrom = opts.languageFrom ?? file;
  const kind = languageForFile(languageFrom);
  const grammar = kind === 'notebook' || kind === 'prompt' ? undefined : kind;
  // Code is decoded once, here: the scanner and the source rules read the same text.
  const decoded = grammar ? decodeSource(source, opts.maxBytes) : undefined;
  const analysis = decoded && 'skip' in decoded ? analyzeScan(decoded.skip, ctx) : analyzeFile(decoded ? decoded.text : source, languageFrom, ctx, opts);
  if (analysis.skipped) return { calls: [], fileFindings: [], skipped: analysis.skipped };
  if (!grammar || !decoded || !('text' in decoded)) return { calls: analysis.calls.map((c) => toReportCall(c, file)), fileFindings: [] };
  const { text } = decoded;
  const located = fileFindings(analysis, text, grammar, { rules: opts.rules ?? {} });
  return {
    calls: analysis.calls.map((c) => toReportCall({ ...c, findings: located.filter((l) => l.site === c.site).map((l) => l.finding) }, file)),
    fileFindings: located
      .filter((l) => l.site === undefined)
      .map(({ finding: f }) => ({ file, ...lineColumn(text, f.range.start), id: f.ruleId, severity: f.severity, message: f.message })),
  };
}

export interface WorkspaceScanOptions {
  /** Shown in the report (`root`); the files are read through `source`. */
  root: string;
  exclude: readonly string[];
  maxBytes: number;
  respectGitignore?: boolean;
  /** Setting tokenwise.rules: severities and rules turned off (default: each rule's own severity). */
  rules?: Readonly<Record<string, RuleSetting>>;
  signal?: AbortSignal;
  /** Called after each file with the count so far (for progress on stderr or in a notification). */
  onProgress?: (filesDone: number, file: string) => void;
  /** The same files, readable synchronously by relative path, so clients and values imported from another file are followed. */
  moduleFiles?: ModuleFiles;
}

function skipText(reason: string, detail?: string): string {
  const words: Record<string, string> = {
    'too-large': 'larger than the size limit', binary: 'binary content', 'not-utf8': 'not valid UTF-8',
    'invalid-notebook': 'not a valid notebook', 'parse-timeout': 'took too long to parse', 'unsupported-language': 'unsupported language',
  };
  return `${words[reason] ?? reason}${detail ? ` (${detail})` : ''}`;
}

export async function scanWorkspace(source: FileSource, options: WorkspaceScanOptions, ctx: AnalysisContext): Promise<Report> {
  const calls: ReportCall[] = [];
  const findings: ReportFileFinding[] = [];
  const skipped: SkippedFile[] = [];
  let files = 0;
  const imported = options.moduleFiles ? new ProjectImports(options.moduleFiles, () => [''], options.maxBytes) : undefined;
  for await (const file of listWorkspaceFiles(source, { exclude: options.exclude, respectGitignore: options.respectGitignore, signal: options.signal })) {
    try {
      // Huge files are skipped before they are read, so a 100 MB bundle costs nothing.
      const size = await source.size(file.path);
      if (size > options.maxBytes) {
        skipped.push({ file: file.path, reason: skipText('too-large', `${Math.round(size / 1024).toLocaleString('en-US')} KiB > ${Math.round(options.maxBytes / 1024).toLocaleString('en-US')} KiB`) });
        continue;
      }
      await initParsers(grammarsFor(languageForFile(file.path)));
      const result = reportFile(await source.readFile(file.path), file.path, ctx, {
        maxBytes: options.maxBytes,
        ...(options.rules ? { rules: options.rules } : {}),
        ...(imported ? { imports: imported.forFile(file.path) } : {}),
      });
      if (result.skipped) {
        skipped.push({ file: file.path, reason: skipText(result.skipped.reason, result.skipped.detail) });
        continue;
      }
      files += 1;
      calls.push(...result.calls);
      findings.push(...result.fileFindings);
    } catch (error) {
      skipped.push({ file: file.path, reason: `unreadable: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      options.onProgress?.(files + skipped.length, file.path);
    }
  }
  return { version: 1, root: options.root, files, calls, ...(findings.length ? { fileFindings: findings } : {}), skipped, totals: totalsOf(calls, skipped) };
}
