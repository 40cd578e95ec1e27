import * as assert from 'node:assert/strict';
import { capStatuses, currentAlertKeys, dueAlerts, type CapStatus } from '../../../src/core/spend/budgetCaps';
import { alertMessage, statusSummary } from '../../../src/core/spend/budgetStatus';
import { SpendAggregate } from '../../../src/core/spend/spendAggregate';
import { spendRecord } from './spendRecords';

const caps = { dailyUsd: 10, monthlyUsd: 0, workspaceDailyUsd: 0, workspaceMonthlyUsd: 100 };

describe('budget caps and alerts', () => {
  it('lists only the caps that are set, workspace caps only with a workspace', () => {
    const agg = new SpendAggregate();
    agg.fold(spendRecord('2026-11-24T10:00:00Z', { costUsd: 6 }));
    agg.fold(spendRecord('2026-11-24T10:00:00Z', { costUsd: 1, workspace: 'other' }));
    const now = Date.parse('2026-11-24T12:00:00Z');
    const withWs = capStatuses(caps, agg, now, 'demo');
    assert.deepEqual(withWs.map((c) => [c.id, c.spentUsd, c.periodKey]), [['global-day', 7, '2026-11-24'], ['workspace-month', 6, '2026-11']]);
    assert.equal(withWs[0]?.fraction, 0.7);
    assert.deepEqual(capStatuses(caps, agg, now, undefined).map((c) => c.id), ['global-day']);
  });

  it('announces each threshold once per cap and period, the highest of those crossed together', () => {
    const agg = new SpendAggregate();
    const alerted = new Set<string>();
    const step = (time: string, costUsd: number) => {
      agg.fold(spendRecord(time, { costUsd }));
      const { alerts, remember } = dueAlerts(capStatuses(caps, agg, Date.parse(time), 'demo'), [50, 80, 100], alerted);
      for (const k of remember) alerted.add(k);
      return alerts.map((a) => `${a.cap.id}@${a.thresholdPercent}`);
    };
    assert.deepEqual(step('2026-11-24T01:00:00Z', 4), []);
    assert.deepEqual(step('2026-11-24T02:00:00Z', 4.5), ['global-day@80'], '85%: 50 and 80 crossed together, 80 announced');
    assert.deepEqual(step('2026-11-24T03:00:00Z', 0.1), [], 'not again');
    assert.deepEqual(step('2026-11-24T04:00:00Z', 2), ['global-day@100']);
    assert.deepEqual(step('2026-11-24T05:00:00Z', 40), ['workspace-month@50']);
    assert.deepEqual(step('2026-11-25T01:00:00Z', 6), ['global-day@50'], 'a new UTC day starts over');
    caps.dailyUsd = 11;
    assert.deepEqual(step('2026-11-25T01:30:00Z', 0), ['global-day@50'], 'a raised cap is a new budget');
    caps.dailyUsd = 10;
    assert.deepEqual(currentAlertKeys([...alerted], Date.parse('2026-11-25T02:00:00Z')).sort(), ['global-day@10|2026-11-25|50', 'global-day@11|2026-11-25|50', 'workspace-month@100|2026-11|50']);
  });
});

describe('budget status words', () => {
  const cap = (id: CapStatus['id'], spentUsd: number, capUsd: number): CapStatus => ({
    id, label: id.startsWith('global') ? (id.endsWith('day') ? 'daily budget' : 'monthly budget') : 'workspace daily budget',
    scope: id.startsWith('global') ? 'global' : 'workspace', period: id.endsWith('day') ? 'day' : 'month', capUsd, spentUsd, fraction: spentUsd / capUsd, periodKey: 'k',
  });

  it('shows today against the daily cap, else the month against the monthly cap, else just today', () => {
    assert.equal(statusSummary([cap('global-day', 1.5, 5), cap('global-month', 20, 50)], 1.5, 20, true).text, '$1.50 / $5.00 today');
    assert.equal(statusSummary([cap('global-month', 45, 50)], 1.5, 45, true).text, '$45.00 / $50.00 this month');
    assert.equal(statusSummary([cap('global-month', 45, 50)], 1.5, 45, true).level, 'warning');
    assert.equal(statusSummary([], 0.25, 3, true).text, '$0.25 today');
    assert.equal(statusSummary([cap('global-day', 6, 5)], 6, 6, true).level, 'error');
  });

  it('says at 100% whether calls are now blocked', () => {
    assert.match(alertMessage({ cap: cap('global-day', 5.2, 5), thresholdPercent: 100 }, true), /104% of the daily budget used .*calls are blocked until UTC midnight/);
    assert.match(alertMessage({ cap: cap('global-day', 5.2, 5), thresholdPercent: 100 }, false), /not blocked/);
    assert.doesNotMatch(alertMessage({ cap: cap('global-day', 4, 5), thresholdPercent: 80 }, true), /blocked/);
  });
});
