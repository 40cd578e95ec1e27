// Where spend stands against the budget settings, and which threshold alerts are due. The caps
// are the same ones the optimizer's budget guard enforces (UTC days and months, global and per
// workspace), read from the same ledger, so the status bar and the guard agree.
import type { SpendCap } from '../protocol/spendMessages';
import type { SpendAggregate } from './spendAggregate';
import { dayKey, monthKey } from './timeBuckets';

/** The budget settings; 0 means no cap. */
export interface BudgetCapSettings {
  dailyUsd: number;
  monthlyUsd: number;
  workspaceDailyUsd: number;
  workspaceMonthlyUsd: number;
}

export interface CapStatus extends SpendCap {
  scope: 'global' | 'workspace';
  period: 'day' | 'month';
  /** The period the spend belongs to: "2026-11-24" or "2026-11". */
  periodKey: string;
}

/** Each cap that is set, with what was spent against it in the current UTC period. */
export function capStatuses(settings: BudgetCapSettings, spend: Pick<SpendAggregate, 'spentUsd'>, nowMs: number, workspace: string | undefined): CapStatus[] {
  const defs = [
    { id: 'global-day', scope: 'global', period: 'day', capUsd: settings.dailyUsd, label: 'daily budget' },
    { id: 'global-month', scope: 'global', period: 'month', capUsd: settings.monthlyUsd, label: 'monthly budget' },
    { id: 'workspace-day', scope: 'workspace', period: 'day', capUsd: settings.workspaceDailyUsd, label: 'workspace daily budget' },
    { id: 'workspace-month', scope: 'workspace', period: 'month', capUsd: settings.workspaceMonthlyUsd, label: 'workspace monthly budget' },
  ] as const;
  const out: CapStatus[] = [];
  for (const d of defs) {
    if (!(d.capUsd > 0)) continue;
    if (d.scope === 'workspace' && workspace === undefined) continue;
    const spentUsd = spend.spentUsd(d.period, nowMs, d.scope === 'workspace' ? workspace : undefined);
    out.push({ ...d, spentUsd, fraction: spentUsd / d.capUsd, periodKey: d.period === 'day' ? dayKey(nowMs) : monthKey(nowMs) });
  }
  return out;
}

export interface BudgetAlert {
  cap: CapStatus;
  /** The highest threshold (percent) newly crossed; lower ones crossed at the same time are not announced separately. */
  thresholdPercent: number;
}

/** A changed cap amount is a new budget: raising a cap re-arms its alerts for the rest of the period. */
export function alertKey(cap: CapStatus, thresholdPercent: number): string {
  return `${cap.id}@${cap.capUsd}|${cap.periodKey}|${thresholdPercent}`;
}

/**
 * The alerts to show now: for each cap, the highest threshold reached that has not been
 * announced for this cap and period. `remember` lists every key to store, including lower
 * thresholds passed at the same time, so none of them is announced later.
 */
export function dueAlerts(caps: readonly CapStatus[], thresholdsPercent: readonly number[], alerted: ReadonlySet<string>): { alerts: BudgetAlert[]; remember: string[] } {
  const alerts: BudgetAlert[] = [];
  const remember: string[] = [];
  const sorted = [...new Set(thresholdsPercent)].sort((a, b) => a - b);
  for (const cap of caps) {
    const crossed = sorted.filter((t) => cap.spentUsd >= (cap.capUsd * t) / 100 && !alerted.has(alertKey(cap, t)));
    if (crossed.length === 0) continue;
    remember.push(...crossed.map((t) => alertKey(cap, t)));
    alerts.push({ cap, thresholdPercent: crossed[crossed.length - 1] as number });
  }
  return { alerts, remember };
}

/** Drops the keys of past periods, so the remembered set stays small. */
export function currentAlertKeys(keys: readonly string[], nowMs: number): string[] {
  const current = new Set([dayKey(nowMs), monthKey(nowMs)]);
  return keys.filter((k) => current.has(k.split('|')[1] ?? ''));
}
