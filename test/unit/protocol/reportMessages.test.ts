import * as assert from 'node:assert/strict';
import { totalsOf, type Report, type ReportCall } from '../../../src/core/analysis/report';
import { hostToReportSchema, reportToHostSchema } from '../../../src/core/protocol/reportMessages';

const call: ReportCall = {
  file: 'src/a.ts', line: 10, column: 35, provider: 'openai', api: 'chat.completions.create', model: 'gpt-4o',
  modelSource: 'literal', inputTokens: 1234, inputTokensExact: true, maxOutputTokens: 500, outputTokens: 500,
  outputTokensAssumed: false, stream: false, inLoop: false, costUsd: 0.008085, callsPerDay: 2000, monthlyUsd: 485.1,
  priceSource: 'openai.com/api/pricing', priceAsOf: '2026-11-24', findings: [],
};

describe('report panel messages', () => {
  it('accepts a real workspace report from the host', () => {
    const report: Report = { version: 1, root: '/w', files: 1, calls: [call], skipped: [{ file: 'big.js', reason: 'too large' }], totals: totalsOf([call], []) };
    assert.ok(hostToReportSchema.safeParse({ type: 'report', report, generatedAt: '2026-11-24T04:00:00.000Z' }).success);
    assert.ok(!hostToReportSchema.safeParse({ type: 'report', report: { ...report, calls: [{ ...call, costUsd: 'cheap' }] }, generatedAt: 'x' }).success);
  });

  it('lets the webview ask only for known actions with well-formed arguments', () => {
    assert.ok(reportToHostSchema.safeParse({ type: 'ready' }).success);
    assert.ok(reportToHostSchema.safeParse({ type: 'openCall', file: 'src/a.ts', line: 3, column: 1 }).success);
    assert.ok(reportToHostSchema.safeParse({ type: 'openCall', file: 'nb.ipynb', line: 3, column: 1, cell: 2 }).success);
    assert.ok(!reportToHostSchema.safeParse({ type: 'openCall', file: 'src/a.ts', line: 0, column: 1 }).success);
    assert.ok(!reportToHostSchema.safeParse({ type: 'openCall', file: '', line: 1, column: 1 }).success);
    assert.ok(reportToHostSchema.safeParse({ type: 'export', format: 'csv' }).success);
    assert.ok(!reportToHostSchema.safeParse({ type: 'export', format: 'exe' }).success);
    assert.ok(!reportToHostSchema.safeParse({ type: 'runCommand', command: 'workbench.action.terminal.new' }).success);
  });
});
