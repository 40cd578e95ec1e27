import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LedgerTail } from '../../../src/core/spend/ledgerTail';
import { Ledger, ledgerFileName, type LedgerRecord } from '../../../src/core/storage/ledger';
import { spendRecord } from './spendRecords';

const line = (r: LedgerRecord) => `${JSON.stringify(r)}\n`;

describe('ledger tail', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-tail-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function readNew(tail: LedgerTail): Promise<string[]> {
    const times: string[] = [];
    await tail.read((r) => times.push(r.callId));
    return times;
  }

  it('reads only what was appended since the last read, across rotations', async () => {
    const ledger = await Ledger.open({ dir, maxFileBytes: 1200 });
    const tail = new LedgerTail(dir);
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `c${from + i}`);
    for (const id of ids(0, 3)) ledger.append(spendRecord('2026-11-24T10:00:00Z', { callId: id }));
    assert.deepEqual(await readNew(tail), ids(0, 3));
    // Enough to rotate ledger.jsonl (already partly read) at least twice.
    for (const id of ids(3, 12)) ledger.append(spendRecord('2026-11-24T10:00:00Z', { callId: id }));
    ledger.close();
    assert.ok(fs.readdirSync(dir).filter((f) => /^ledger-\d+\.jsonl$/.test(f)).length >= 2, 'rotated');
    assert.deepEqual(await readNew(tail), ids(3, 12));
    assert.deepEqual(await readNew(tail), []);
  });

  it('skips torn and foreign lines, and leaves a line still being written for the next read', async () => {
    const file = path.join(dir, ledgerFileName);
    const a = spendRecord('2026-11-24T10:00:00Z', { callId: 'a' });
    const b = spendRecord('2026-11-24T10:00:00Z', { callId: 'ü-b' });
    const bLine = line(b);
    fs.writeFileSync(file, `${line(a)}{"v":1,"time":"2026-11-24T1\n{"other":"tool"}\n\n${bLine.slice(0, 20)}`);
    const tail = new LedgerTail(dir);
    assert.deepEqual(await readNew(tail), ['a']);
    assert.equal(tail.stats.skippedLines, 2);
    fs.appendFileSync(file, bLine.slice(20));
    assert.deepEqual(await readNew(tail), ['ü-b']);
    assert.equal(tail.stats.records, 2);
  });

  it('reports a reset when a file it read is gone or shorter', async () => {
    const file = path.join(dir, ledgerFileName);
    fs.writeFileSync(file, line(spendRecord('2026-11-24T10:00:00Z')).repeat(3));
    const tail = new LedgerTail(dir);
    assert.equal((await tail.read(() => undefined)).reset, false);
    fs.truncateSync(file, 10);
    assert.equal((await tail.read(() => undefined)).reset, true);
    const fresh = new LedgerTail(dir);
    fs.rmSync(file);
    fs.writeFileSync(path.join(dir, 'ledger-1.jsonl'), line(spendRecord('2026-11-24T10:00:00Z')));
    await fresh.read(() => undefined);
    fs.rmSync(path.join(dir, 'ledger-1.jsonl'));
    assert.equal((await fresh.read(() => undefined)).reset, true);
  });

  it('reads lines longer than one chunk', async () => {
    const big = spendRecord('2026-11-24T10:00:00Z', { callId: 'big', tag: 'x'.repeat(3 * 1024 * 1024) });
    fs.writeFileSync(path.join(dir, ledgerFileName), line(big) + line(spendRecord('2026-11-24T10:00:00Z', { callId: 'small' })));
    assert.deepEqual(await readNew(new LedgerTail(dir)), ['big', 'small']);
  });
});
