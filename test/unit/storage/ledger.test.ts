import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LedgerReadStats, LedgerRecord } from '../../../src/core/storage/ledger';
import { Ledger, ledgerFileName, ledgerFiles, readLedger } from '../../../src/core/storage/ledger';
import { ledgerRecord } from './ledgerRecords';

async function readAll(dir: string, stats?: LedgerReadStats): Promise<LedgerRecord[]> {
  const out: LedgerRecord[] = [];
  for await (const r of readLedger(dir, stats)) out.push(r);
  return out;
}

describe('ledger', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-ledger-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends one JSON line per record and reads them back in order', async () => {
    const ledger = await Ledger.open({ dir });
    for (let i = 1; i <= 3; i++) ledger.append(ledgerRecord(i));
    ledger.close();
    const text = fs.readFileSync(path.join(dir, ledgerFileName), 'utf8');
    assert.equal(text.split('\n').length, 4);
    assert.deepEqual((await readAll(dir)).map((r) => r.inputTokens), [1, 2, 3]);
  });

  it('rotates by size to ledger-<n>.jsonl and reads across the files oldest first', async () => {
    const ledger = await Ledger.open({ dir, maxFileBytes: 1000 });
    for (let i = 1; i <= 20; i++) ledger.append(ledgerRecord(i));
    ledger.close();
    const files = ledgerFiles(dir).map((f) => path.basename(f));
    assert.ok(files.length > 3, files.join());
    assert.equal(files[files.length - 1], ledgerFileName);
    assert.deepEqual(files.slice(0, 2), ['ledger-1.jsonl', 'ledger-2.jsonl']);
    for (const f of ledgerFiles(dir)) assert.ok(fs.statSync(f).size <= 1000);
    assert.deepEqual((await readAll(dir)).map((r) => r.inputTokens), Array.from({ length: 20 }, (_, i) => i + 1));
    // Reopening continues the numbering instead of overwriting a rotated file.
    const again = await Ledger.open({ dir, maxFileBytes: 1000 });
    for (let i = 21; i <= 30; i++) again.append(ledgerRecord(i));
    again.close();
    assert.equal((await readAll(dir)).length, 30);
  });

  it('skips a torn last line, and a reopened ledger starts the next record on a new line', async () => {
    const ledger = await Ledger.open({ dir });
    ledger.append(ledgerRecord(1));
    ledger.close();
    fs.appendFileSync(path.join(dir, ledgerFileName), '{"v":1,"time":"2026-11-24T12:0');
    const stats = { records: 0, skippedLines: 0 };
    assert.equal((await readAll(dir, stats)).length, 1);
    assert.equal(stats.skippedLines, 1);
    const again = await Ledger.open({ dir });
    again.append(ledgerRecord(2));
    again.close();
    assert.deepEqual((await readAll(dir)).map((r) => r.inputTokens), [1, 2]);
  });

  it('sums spend per UTC day and month, in total and per workspace, including what was on disk', async () => {
    const ledger = await Ledger.open({ dir });
    ledger.append(ledgerRecord(1, { time: '2026-11-24T01:00:00.000Z', costUsd: 1, workspace: 'a' }));
    ledger.append(ledgerRecord(2, { time: '2026-11-24T23:00:00.000Z', costUsd: 2, workspace: 'b' }));
    ledger.append(ledgerRecord(3, { time: '2026-11-02T10:00:00.000Z', costUsd: 4, workspace: 'a' }));
    ledger.append(ledgerRecord(4, { time: '2026-10-30T10:00:00.000Z', costUsd: 8, workspace: 'a' }));
    ledger.append(ledgerRecord(5, { time: '2026-11-24T02:00:00.000Z', costUsd: null, workspace: 'a' }));
    ledger.close();
    const reopened = await Ledger.open({ dir });
    const now = Date.parse('2026-11-24T12:00:00Z');
    assert.equal(reopened.spentUsd('day', now), 3);
    assert.equal(reopened.spentUsd('month', now), 7);
    assert.equal(reopened.spentUsd('day', now, 'a'), 1);
    assert.equal(reopened.spentUsd('month', now, 'a'), 5);
    reopened.append(ledgerRecord(6, { time: '2026-11-24T13:00:00.000Z', costUsd: 0.5, workspace: 'a' }));
    assert.equal(reopened.spentUsd('day', now, 'a'), 1.5);
    reopened.close();
  });

  it('power durability (fdatasync per record) writes the same records', async () => {
    const ledger = await Ledger.open({ dir, durability: 'power' });
    for (let i = 1; i <= 5; i++) ledger.append(ledgerRecord(i));
    ledger.close();
    assert.equal((await readAll(dir)).length, 5);
  });

  it('survives kill -9 mid-write: every complete line parses and no acknowledged record is lost', async function () {
    this.timeout(20_000);
    const child = spawn(process.execPath, [path.join(__dirname, 'ledgerCrashChild.js'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    let buffered = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the child acknowledged too few records in 15 s')), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const l of lines) if (l) acked = Number(l);
          // Past a few rotations (64 KiB files), kill it in the middle of its loop.
          if (acked >= 3000 && child.pid !== undefined && !child.killed) {
            process.kill(child.pid, 'SIGKILL');
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', () => { clearTimeout(timer); resolve(); });
      });
    } finally {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }
    await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    assert.equal(child.signalCode, 'SIGKILL', 'the child must have been killed mid-way, not finished');

    const files = ledgerFiles(dir);
    assert.ok(files.length > 1, 'the crash run should have rotated');
    let complete = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const lines = text.split('\n');
      const tail = lines.pop();
      for (const line of lines) {
        JSON.parse(line);
        complete++;
      }
      // Only the very last file may end in a torn line.
      if (f !== files[files.length - 1]) assert.equal(tail, '');
    }
    const stats = { records: 0, skippedLines: 0 };
    const records = await readAll(dir, stats);
    assert.equal(records.length, complete);
    assert.ok(records.length >= acked - 1, `read ${records.length}, acknowledged ${acked}`);
    assert.ok(stats.skippedLines <= 1);
    assert.deepEqual(records.map((r) => r.inputTokens), Array.from({ length: records.length }, (_, i) => i + 1));
  });
});
