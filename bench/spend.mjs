// `npm run bench -- spend`: aggregating a 1,000,000-record ledger for the Spend dashboard.
// Writes synthetic records (90 days, 4 providers/models, tags, cache hits, retries, errors) in
// 5 MiB rotated files as the ledger does, then measures: the first full read into the aggregate,
// the process's peak RSS, a snapshot (what the webview gets), and folding appended records
// (the live path) per record, against rereading everything with readLedger. Reads the compiled
// core in out/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from '../scripts/lib/codeServer.mjs';

const require = createRequire(import.meta.url);
const core = (p) => require(path.join(ROOT, 'out', 'src', 'core', ...p.split('/')));

const RECORDS = Number(process.env.SPEND_BENCH_RECORDS) || 1_000_000;
const APPENDED = 20_000;
const FILE_BYTES = 5 * 1024 * 1024;
const models = [['openai', 'gpt-4o', 0.012], ['openai', 'gpt-4o-mini', 0.0008], ['anthropic', 'claude-sonnet-4-5', 0.018], ['anthropic', 'claude-haiku-4-5', 0.003]];
const tags = [undefined, 'triage', 'summarize', 'search', 'nightly, batch'];

function record(i, timeMs) {
  const [provider, model, cost] = models[i % 4];
  const tag = tags[i % 5];
  const failed = i % 23 === 0;
  const hit = !failed && i % 7 === 0;
  return {
    v: 1, time: new Date(timeMs).toISOString(), callId: `bench-${i}`, source: i % 3 === 0 ? 'playground' : 'proxy', ...(tag ? { tag } : {}),
    workspace: `file:///work/project-${i % 3}`, provider, model, api: provider === 'openai' ? 'chat' : 'messages', attempt: hit ? 0 : failed ? 2 : 1,
    inputTokens: 1200 + (i % 500), cachedInputTokens: i % 4 === 0 ? 1024 : 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, outputTokens: 300 + (i % 200),
    costUsd: failed || hit ? 0 : cost, priceSource: 'https://example.com/pricing', priceAsOf: '2026-11-24', latencyMs: 700 + (i % 900), cacheHit: hit,
    savingUsd: hit ? cost : 0, ...(failed ? { errorCode: 'http_529' } : {}), ...(i % 31 === 0 ? { fallbackFrom: 'anthropic:claude-opus-4-5' } : {}),
  };
}

/** Writes the records in rotated files (ledger-1.jsonl, ..., ledger.jsonl), a chunk at a time so the writer's memory stays flat. */
function writeLedger(dir, count, startMs, stepMs) {
  let file = 1;
  let size = 0;
  let fd = fs.openSync(path.join(dir, `ledger-${file}.jsonl`), 'w');
  let bytes = 0;
  for (let i = 0; i < count; i += 10_000) {
    let chunk = '';
    for (let j = i; j < Math.min(count, i + 10_000); j++) chunk += `${JSON.stringify(record(j, startMs + j * stepMs))}\n`;
    if (size > 0 && size + chunk.length > FILE_BYTES) {
      fs.closeSync(fd);
      fd = fs.openSync(path.join(dir, `ledger-${++file}.jsonl`), 'w');
      size = 0;
    }
    fs.writeSync(fd, chunk);
    size += chunk.length;
    bytes += chunk.length;
  }
  fs.closeSync(fd);
  // The newest file is the current one.
  fs.renameSync(path.join(dir, `ledger-${file}.jsonl`), path.join(dir, 'ledger.jsonl'));
  return { files: file, bytes };
}

export async function spend() {
  const { SpendAggregate } = core('spend/spendAggregate.js');
  const { LedgerTail } = core('spend/ledgerTail.js');
  const { buildSnapshot } = core('spend/spendSnapshot.js');
  const { cachedReadSavingFromCatalog } = core('spend/promptCacheSaving.js');
  const { builtinCatalog } = core('pricing/catalog.js');
  const { readLedger } = core('storage/ledger.js');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-spend-bench-'));
  try {
    const now = Date.now();
    const span = 90 * 24 * 3_600_000;
    console.error(`writing ${RECORDS} records to ${dir}…`);
    const written = writeLedger(dir, RECORDS, now - span, span / RECORDS);
    const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;

    const aggregate = new SpendAggregate();
    const tail = new LedgerTail(dir);
    let t = performance.now();
    await tail.read((r) => aggregate.fold(r));
    const aggregateMs = performance.now() - t;
    const records = aggregate.records;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    const saving = cachedReadSavingFromCatalog(builtinCatalog());
    const snapshotMs = {};
    for (const range of ['24h', '30d', 'all']) {
      t = performance.now();
      buildSnapshot({ aggregate, skippedLines: 0, query: { range, bucket: 'auto' }, nowMs: now, cachedReadSaving: saving, caps: [], hardStop: true });
      snapshotMs[range] = Number((performance.now() - t).toFixed(2));
    }

    // The live path: records appended by a writer, read from the last offset and folded in.
    let appended = '';
    for (let i = 0; i < APPENDED; i++) appended += `${JSON.stringify(record(RECORDS + i, now + i))}\n`;
    fs.appendFileSync(path.join(dir, 'ledger.jsonl'), appended);
    t = performance.now();
    const tailed = await tail.read((r) => aggregate.fold(r));
    const incrementalUs = ((performance.now() - t) * 1000) / tailed.records;
    // Folding alone (already parsed records), the part the aggregate adds.
    const parsed = appended.trimEnd().split('\n').map((l) => JSON.parse(l));
    const fresh = new SpendAggregate();
    t = performance.now();
    for (const r of parsed) fresh.fold(r);
    const foldUs = ((performance.now() - t) * 1000) / parsed.length;

    // What the incremental path avoids: reading everything again with readLedger.
    t = performance.now();
    let reread = 0;
    for await (const _ of readLedger(dir)) reread++;
    const rereadMs = performance.now() - t;

    return {
      bench: 'spend', node: process.version, records, ledgerFiles: written.files, ledgerMb: Number((written.bytes / 2 ** 20).toFixed(1)),
      aggregateMs: Math.round(aggregateMs), aggregateUsPerRecord: Number(((aggregateMs * 1000) / records).toFixed(2)),
      hourBuckets: aggregate.hours.size, peakRssMb: Math.round(peakRssMb), rssBeforeAggregateMb: Math.round(rssBeforeMb),
      snapshotMs, incrementalUsPerRecord: Number(incrementalUs.toFixed(2)), foldUsPerRecord: Number(foldUs.toFixed(3)),
      appendedRecords: tailed.records, fullRereadMs: Math.round(rereadMs), fullRereadRecords: reread,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
