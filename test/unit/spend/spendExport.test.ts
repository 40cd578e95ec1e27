import * as assert from 'node:assert/strict';
import { SpendAggregate } from '../../../src/core/spend/spendAggregate';
import { spendAsCsv, spendAsJson } from '../../../src/core/spend/spendExport';
import { buildSnapshot } from '../../../src/core/spend/spendSnapshot';
import { spendSnapshotSchema } from '../../../src/core/protocol/spendMessages';
import { spendRecord } from './spendRecords';

function sample() {
  const agg = new SpendAggregate();
  agg.fold(spendRecord('2026-11-24T10:00:00Z', { tag: 'nightly, "batch"\nrun', costUsd: 0.25 }));
  agg.fold(spendRecord('2026-11-23T10:00:00Z', { costUsd: 0.5, errorCode: 'http_429' }));
  return buildSnapshot({ aggregate: agg, skippedLines: 0, query: { range: '7d', bucket: 'day' }, nowMs: Date.parse('2026-11-24T12:00:00Z'), cachedReadSaving: () => 0, caps: [], hardStop: false });
}

describe('spend export', () => {
  it('writes RFC 4180 CSV: CRLF, and fields with commas, quotes or line breaks quoted with quotes doubled', () => {
    const csv = spendAsCsv(sample());
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'kind,key,from,to,cost_usd,calls,attempts,errors,saving_usd,retries');
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(csv.includes('tag,"nightly, ""batch""\nrun",,,0.25,1,1,0,,'), csv);
    assert.ok(lines.includes('day,2026-11-24,2026-11-24T00:00:00.000Z,2026-11-25T00:00:00.000Z,0.25,1,,0,0,0'), csv);
    assert.ok(lines.includes('error,http_429,,,0.5,1,1,1,,'));
    assert.equal(lines.filter((l) => l.startsWith('day,')).length, 7);
  });

  it('writes JSON that parses back to the snapshot', () => {
    const s = sample();
    const parsed = JSON.parse(spendAsJson(s, '1.2.3')) as Record<string, unknown>;
    assert.equal(parsed.version, '1.2.3');
    assert.deepEqual(spendSnapshotSchema.parse(parsed), s);
  });
});
