// Reads only what was appended to the ledger since the last read. readLedger() streams every
// file from the start, which is right once but not on every change: with a million records a
// reread takes seconds. This keeps a byte offset per file and reads on from it. Files are known
// by device + inode, because rotation renames ledger.jsonl to ledger-<n>.jsonl and the part
// already read must not be counted again under its new name.
import * as fs from 'node:fs';
import type { LedgerReadStats, LedgerRecord } from '../storage/ledger';
import { ledgerFiles, parseLedgerLine } from '../storage/ledger';

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

export interface TailResult {
  /** Records read in this call. */
  records: number;
  /**
   * A file read before is gone or shorter (the ledger was deleted or replaced): what was
   * folded no longer matches the files, and the caller should start over with a new tail.
   */
  reset: boolean;
}

export class LedgerTail {
  private readonly offsets = new Map<string, number>();
  readonly stats: LedgerReadStats = { records: 0, skippedLines: 0 };

  constructor(readonly dir: string) {}

  /** Passes every complete line appended since the last call to `onRecord`, oldest file first. */
  async read(onRecord: (record: LedgerRecord) => void): Promise<TailResult> {
    const seen = new Set<string>();
    let records = 0;
    for (const file of ledgerFiles(this.dir)) {
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(file);
      } catch {
        continue; // rotated between the listing and the stat: it is listed again next time
      }
      // Windows reports ino 0 on some file systems; the name is the next best identity there.
      const key = stat.ino ? `${stat.dev}:${stat.ino}` : file;
      seen.add(key);
      const from = this.offsets.get(key) ?? 0;
      if (stat.size < from) return { records, reset: true };
      if (stat.size === from) continue;
      const consumed = await this.readFile(file, from, stat.size, (r) => {
        records++;
        onRecord(r);
      });
      this.offsets.set(key, from + consumed);
    }
    const reset = [...this.offsets.keys()].some((k) => !seen.has(k));
    return { records, reset };
  }

  /**
   * Reads [from, to) in chunks and returns the bytes consumed: up to the last newline, so a line
   * another process is still writing is left for the next call.
   */
  private async readFile(file: string, from: number, to: number, onRecord: (record: LedgerRecord) => void): Promise<number> {
    const handle = await fs.promises.open(file, 'r');
    let consumed = 0;
    let pending = Buffer.alloc(0);
    try {
      let position = from;
      while (position < to) {
        const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, to - position));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const data = pending.length ? Buffer.concat([pending, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
        // A newline byte never occurs inside a multi-byte UTF-8 character, so cutting there is safe.
        const end = data.lastIndexOf(NEWLINE);
        if (end < 0) {
          pending = Buffer.from(data);
          continue;
        }
        this.parseLines(data.toString('utf8', 0, end), onRecord);
        consumed += end + 1;
        pending = Buffer.from(data.subarray(end + 1));
      }
    } finally {
      await handle.close();
    }
    return consumed;
  }

  private parseLines(text: string, onRecord: (record: LedgerRecord) => void): void {
    for (const line of text.split('\n')) {
      const record = parseLedgerLine(line);
      if (record) {
        this.stats.records++;
        onRecord(record);
      } else if (line.trim() !== '') {
        this.stats.skippedLines++;
      }
    }
  }
}
