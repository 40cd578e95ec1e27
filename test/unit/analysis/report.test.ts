import * as assert from 'node:assert/strict';
import { reportAsMarkdown, reportAsSarif, reportAsTable, totalsOf, type Report, type ReportCall } from '../../../src/core/analysis/report';
import { reportCall as call } from '../../support/builders';


function report(calls: ReportCall[]): Report {
  const skipped = [{ file: 'vendor/bundle.min.js', reason: 'larger than the 1,024 KiB limit (9,800 KiB)' }];
  return { version: 1, root: '/w', files: 3, calls, skipped, totals: totalsOf(calls, skipped) };
}

const calls = [
  call({}),
  call({ file: 'app/x.py', line: 3, column: 5, provider: 'anthropic', api: 'messages.create', model: 'claude-sonnet-4-5', inputTokens: 900, inputTokensExact: false, costUsd: 0.0177, callsPerDay: null, monthlyUsd: null, findings: [{ id: 'batch-candidate', severity: 'info', message: 'Called in a loop: the Batch API halves the cost.' }] }),
  call({ file: 'nb.ipynb', cell: 2, line: 4, column: 9, model: null, modelSource: 'env', costUsd: null, monthlyUsd: null, outputTokensAssumed: true }),
];

describe('workspace report', () => {
  it('totals priced calls and counts the unpriced ones', () => {
    const t = totalsOf(calls, []);
    assert.equal(t.calls, 3);
    assert.equal(t.unpricedCalls, 1);
    assert.ok(Math.abs(t.costUsd - 0.025785) < 1e-12);
    assert.equal(t.monthlyUsd, 485.1);
    assert.deepEqual(Object.keys(t.byModel).sort(), ['(unknown)', 'claude-sonnet-4-5', 'gpt-4o']);
  });

  it('prints a table sorted by cost, with estimate and assumption marks and the skipped files', () => {
    const text = reportAsTable(report(calls));
    const lines = text.split('\n');
    assert.match(lines[0] ?? '', /^location\s+model\s+api\s+in tok\s+out tok\s+\$\/call\s+\$\/month$/);
    assert.match(lines[2] ?? '', /^app\/x\.py:3:5\s+claude-sonnet-4-5\s+messages\.create\s+~900\s+500\s+\$0\.0177$/);
    assert.match(lines[3] ?? '', /^src\/a\.ts:10:35\s+gpt-4o .*1,234\s+500\s+\$0\.0081\s+\$485$/);
    assert.match(lines[4] ?? '', /^nb\.ipynb#cell2:4:9\s+\? \(env\) .*≈500\s+\?$/);
    assert.match(text, /3 calls in 3 files · \$0\.0258 for one run of each · \$485\/month projected · 1 unpriced \(model unknown\) · 1 file skipped/);
    assert.match(text, /skipped vendor\/bundle\.min\.js: larger than/);
  });

  it('writes Markdown with a per-model section', () => {
    const md = reportAsMarkdown(report(calls));
    assert.match(md, /^# LLM cost report/);
    assert.match(md, /\| location \| model \| api \| in tok \| out tok \| \$\/call \| \$\/month \|/);
    assert.match(md, /## By model[\s\S]*\| gpt-4o \| 1 \| \$0\.0081 \| \$485 \|/);
    assert.match(md, /- `vendor\/bundle\.min\.js`: larger than/);
  });

  it('writes valid SARIF 2.1.0 with one cost note per call and one result per finding', () => {
    const sarif = JSON.parse(reportAsSarif(report(calls), '0.1.0'));
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'tokenwise');
    assert.equal(run.results.length, 4);
    const finding = run.results.find((r: { ruleId: string }) => r.ruleId === 'batch-candidate');
    assert.equal(finding.level, 'note');
    assert.deepEqual(finding.locations[0].physicalLocation.region, { startLine: 3, startColumn: 5 });
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'batch-candidate'));
  });
});
