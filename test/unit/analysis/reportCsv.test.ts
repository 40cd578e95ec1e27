import * as assert from 'node:assert/strict';
import { csvField, reportAsCsv } from '../../../src/core/analysis/reportCsv';
import { totalsOf, type Report } from '../../../src/core/analysis/report';
import { reportCall as call } from '../../support/builders';


/** A minimal RFC 4180 reader, to check that what we write reads back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += ch;
  }
  return rows;
}

describe('report as CSV', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(null), '');
    assert.equal(csvField(0.5), '0.5');
  });

  it('writes a header and one CRLF-terminated row per call that read back unchanged', () => {
    const calls = [
      call({}),
      call({ file: 'odd, "name".ts', cell: 2, model: null, modelSource: 'env', costUsd: null, monthlyUsd: null, callsPerDay: null, priceSource: 'a; b, c', findings: [{ id: 'cheaper-model', severity: 'info', message: 'x' }, { id: 'batch-candidate', severity: 'info', message: 'y' }] }),
    ];
    const report: Report = { version: 1, root: '/w', files: 2, calls, skipped: [], totals: totalsOf(calls, []) };
    const text = reportAsCsv(report);
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    assert.equal(rows.length, 3);
    const header = rows[0] ?? [];
    assert.equal(header[0], 'file');
    assert.ok(rows.every((r) => r.length === header.length), 'every row has as many fields as the header');
    const second = Object.fromEntries(header.map((h, i) => [h, rows[2]?.[i]]));
    assert.equal(second.file, 'odd, "name".ts');
    assert.equal(second.cell, '2');
    assert.equal(second.model, '');
    assert.equal(second.model_source, 'env');
    assert.equal(second.cost_usd, '');
    assert.equal(second.price_source, 'a; b, c');
    assert.equal(second.findings, 'cheaper-model batch-candidate');
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1]?.[i]]));
    assert.equal(first.cost_usd, '0.008085');
    assert.equal(first.monthly_usd, '485.1');
    assert.equal(first.input_tokens_exact, 'true');
  });
});
