// The spend ledger: one JSON object per line, appended and never rewritten, so a crash can only
// tear the line being written. Each record is written with a single write(2) on a file opened
// with O_APPEND; the data is in the OS page cache when writeSync returns, which survives the
// process being killed (kill -9). `durability: 'power'` adds fdatasync per record for power loss,
// at a measured cost (docs/runtime.md). On open, a torn last line is closed with a newline so
// the next record starts on a line of its own; readers skip lines that do not parse.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { NormalizedUsage } from '../runtime/usage';

export interface LedgerRecord extends NormalizedUsage {
  v: 1;
  /** ISO time the attempt ended. */
  time: string;
  /** Groups the attempts (and fallbacks) of one pipeline run. */
  callId: string;
  /** Who sent the request: 'playground', 'proxy', ... */
  source: string;
  tag?: string;
  workspace?: string;
  provider: string;
  model: string;
  api: string;
  /** 1-based attempt number across the run (fallback attempts continue the count); 0 for a cache hit. */
  attempt: number;
  /** null when the model has no known price. */
  costUsd: number | null;
  priceSource?: string;
  priceAsOf?: string;
  latencyMs: number;
  cacheHit: boolean;
  /** What a cache hit saved: the cost the call would have had. */
  savingUsd: number;
  /** The provider:model this attempt replaced, when it ran as a fallback. */
  fallbackFrom?: string;
  errorCode?: string;
}

export interface LedgerOptions {
  dir: string;
  /** The current file is rotated to ledger-<n>.jsonl once it would grow past this. */
  maxFileBytes?: number;
  /** 'process': survives a killed process (default). 'power': also fdatasync per record. */
  durability?: 'process' | 'power';
}

export const ledgerFileName = 'ledger.jsonl';
const rotatedPattern = /^ledger-(\d+)\.jsonl$/;

/** The ledger files of `dir`, oldest first: ledger-1.jsonl, ledger-2.jsonl, ..., ledger.jsonl. */
export function ledgerFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const rotated = names
    .map((n) => ({ n, m: rotatedPattern.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => path.join(dir, x.n));
  return names.includes(ledgerFileName) ? [...rotated, path.join(dir, ledgerFileName)] : rotated;
}

export function parseLedgerLine(line: string): LedgerRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && (value as { v?: unknown }).v === 1) return value as LedgerRecord;
  } catch {
    // A torn line from a crash mid-write: skipped by design.
  }
  return undefined;
}

export interface LedgerReadStats {
  records: number;
  skippedLines: number;
}

/** Streams every record of every ledger file, oldest first, skipping torn or foreign lines. */
export async function* readLedger(dir: string, stats?: LedgerReadStats): AsyncGenerator<LedgerRecord> {
  for (const file of ledgerFiles(dir)) {
    const stream = fs.createReadStream(file, { encoding: 'utf8' });
    const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        const record = parseLedgerLine(line);
        if (record) {
          if (stats) stats.records++;
          yield record;
        } else if (line.trim() !== '' && stats) stats.skippedLines++;
      }
    } finally {
      lines.close();
      stream.destroy();
    }
  }
}

function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class Ledger {
  private fd: number;
  private size: number;
  private nextRotation: number;
  /** Spend per UTC day, in total and per workspace, so budget checks never reread the files. */
  private readonly spend = new Map<string, { total: number; byWorkspace: Map<string, number> }>();

  private constructor(private readonly options: Required<LedgerOptions>) {
    fs.mkdirSync(options.dir, { recursive: true });
    const file = this.currentFile;
    this.fd = fs.openSync(file, 'a+');
    this.size = fs.fstatSync(this.fd).size;
    this.repairTornTail();
    const numbers = ledgerFiles(options.dir).map((f) => rotatedPattern.exec(path.basename(f))).filter((m) => m !== null).map((m) => Number(m[1]));
    this.nextRotation = numbers.length ? Math.max(...numbers) + 1 : 1;
  }

  /** Opens (or creates) the ledger in `dir` and indexes the spend already recorded. */
  static async open(options: LedgerOptions): Promise<Ledger> {
    const ledger = new Ledger({ maxFileBytes: 5 * 1024 * 1024, durability: 'process', ...options });
    for await (const record of readLedger(options.dir)) ledger.index(record);
    return ledger;
  }

  get dir(): string {
    return this.options.dir;
  }

  private get currentFile(): string {
    return path.join(this.options.dir, ledgerFileName);
  }

  private repairTornTail(): void {
    if (this.size === 0) return;
    const last = Buffer.alloc(1);
    fs.readSync(this.fd, last, 0, 1, this.size - 1);
    if (last[0] !== 0x0a) this.writeAll(Buffer.from('\n'));
  }

  private writeAll(buffer: Buffer): void {
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(this.fd, buffer, offset, buffer.length - offset);
    if (this.options.durability === 'power') fs.fdatasyncSync(this.fd);
    this.size += buffer.length;
  }

  append(record: LedgerRecord): void {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    if (this.size > 0 && this.size + line.length > this.options.maxFileBytes) this.rotate();
    this.writeAll(line);
    this.index(record);
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    fs.renameSync(this.currentFile, path.join(this.options.dir, `ledger-${this.nextRotation++}.jsonl`));
    this.fd = fs.openSync(this.currentFile, 'a+');
    this.size = 0;
  }

  private index(record: LedgerRecord): void {
    if (!record.costUsd) return;
    const ms = Date.parse(record.time);
    if (Number.isNaN(ms)) return;
    const k = dayKey(ms);
    let day = this.spend.get(k);
    if (!day) {
      day = { total: 0, byWorkspace: new Map() };
      this.spend.set(k, day);
    }
    day.total += record.costUsd;
    if (record.workspace) day.byWorkspace.set(record.workspace, (day.byWorkspace.get(record.workspace) ?? 0) + record.costUsd);
  }

  /** USD spent in the UTC day or month containing `nowMs`, in total or for one workspace. */
  spentUsd(period: 'day' | 'month', nowMs: number, workspace?: string): number {
    const today = dayKey(nowMs);
    const prefix = period === 'day' ? today : today.slice(0, 7);
    let sum = 0;
    for (const [k, day] of this.spend) {
      if (!k.startsWith(prefix)) continue;
      sum += workspace === undefined ? day.total : (day.byWorkspace.get(workspace) ?? 0);
    }
    return sum;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
