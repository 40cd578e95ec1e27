// The words of the spend status bar item and of the threshold notifications, kept out of the
// host so they are tested in plain Node.
import { formatUsd } from '../format/numbers';
import type { BudgetAlert, CapStatus } from './budgetCaps';

export interface StatusSummary {
  text: string;
  tooltip: string[];
  /** 'error' at or over a cap, 'warning' from 80% of one. */
  level: 'normal' | 'warning' | 'error';
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/**
 * Today's spend against the daily cap (the global one, else this workspace's); against the
 * monthly cap when only a monthly one is set; just today's spend when there is no cap.
 */
export function statusSummary(caps: readonly CapStatus[], todayUsd: number, monthUsd: number, hardStop: boolean): StatusSummary {
  const find = (id: CapStatus['id']) => caps.find((c) => c.id === id);
  const main = find('global-day') ?? find('workspace-day') ?? find('global-month') ?? find('workspace-month');
  let text: string;
  if (!main) text = `${formatUsd(todayUsd)} today`;
  else {
    const when = main.period === 'day' ? 'today' : 'this month';
    text = `${formatUsd(main.spentUsd)} / ${formatUsd(main.capUsd)} ${when}${main.scope === 'workspace' ? ' (workspace)' : ''}`;
  }
  const worst = Math.max(0, ...caps.map((c) => c.fraction));
  const tooltip = [`Spent today: ${formatUsd(todayUsd)} · this month: ${formatUsd(monthUsd)} (UTC, all workspaces)`];
  for (const c of caps) tooltip.push(`${capitalize(c.label)}: ${formatUsd(c.spentUsd)} of ${formatUsd(c.capUsd)} (${percent(c.fraction)})`);
  if (caps.length === 0) tooltip.push('No budget set (tokenwise.budget.dailyUsd, monthlyUsd).');
  else tooltip.push(hardStop ? 'At a cap, new calls are blocked (tokenwise.budget.hardStop).' : 'At a cap, calls are only warned about (tokenwise.budget.hardStop is off).');
  return { text, tooltip, level: worst >= 1 ? 'error' : worst >= 0.8 ? 'warning' : 'normal' };
}

/** The notification for a threshold crossing; at 100% it says whether calls are now blocked. */
export function alertMessage(alert: BudgetAlert, hardStop: boolean): string {
  const { cap, thresholdPercent } = alert;
  const when = cap.period === 'day' ? 'today' : 'this month';
  const head = `Tokenwise: ${percent(cap.fraction)} of the ${cap.label} used (${formatUsd(cap.spentUsd)} of ${formatUsd(cap.capUsd)} ${when}; alert at ${thresholdPercent}%).`;
  if (cap.fraction < 1) return head;
  const reset = cap.period === 'day' ? 'UTC midnight' : 'the 1st of next month (UTC)';
  return hardStop
    ? `${head} New Playground and proxy calls are blocked until ${reset}, unless you raise the cap.`
    : `${head} Calls are not blocked (tokenwise.budget.hardStop is off); you are only warned.`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
