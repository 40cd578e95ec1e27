// Daily and monthly spending caps, checked before a call is sent. Periods are UTC calendar days
// and months (the providers' billing dashboards use UTC). Spend comes from the ledger, so caps
// hold across restarts. Warn at 80%, block at 100% unless the caller overrides once, or never
// block when the user chose warn-only (setting budget.hardStop off).
import type { Clock } from './clock';
import type { BudgetPeriod, BudgetScope } from './errors';
import { BudgetExceededError } from './errors';

export interface SpendSource {
  spentUsd(period: BudgetPeriod, nowMs: number, workspace?: string): number;
}

export interface Caps {
  dailyUsd?: number;
  monthlyUsd?: number;
}

export interface BudgetSettings {
  /** Caps on the spend of all workspaces together. */
  global?: Caps;
  /** Caps applied to each workspace's own spend. */
  perWorkspace?: Caps;
  /** Fraction of a cap at which a warning is reported (default 0.8). */
  warnAt?: number;
  /** Block calls at 100% (default true); false only warns, also past the cap. */
  hardStop?: boolean;
}

export interface BudgetWarning {
  scope: BudgetScope;
  period: BudgetPeriod;
  capUsd: number;
  spentUsd: number;
  fraction: number;
  message: string;
}

interface CapUse {
  scope: BudgetScope;
  period: BudgetPeriod;
  capUsd: number;
  spentUsd: number;
}

export class BudgetGuard {
  constructor(private readonly settings: BudgetSettings, private readonly spend: SpendSource, private readonly clock: Clock) {}

  private uses(workspace: string | undefined): CapUse[] {
    const now = this.clock.now();
    const out: CapUse[] = [];
    const add = (scope: BudgetScope, caps: Caps | undefined, ws: string | undefined): void => {
      if (caps?.dailyUsd !== undefined) out.push({ scope, period: 'day', capUsd: caps.dailyUsd, spentUsd: this.spend.spentUsd('day', now, ws) });
      if (caps?.monthlyUsd !== undefined) out.push({ scope, period: 'month', capUsd: caps.monthlyUsd, spentUsd: this.spend.spentUsd('month', now, ws) });
    };
    add('global', this.settings.global, undefined);
    if (workspace !== undefined) add('workspace', this.settings.perWorkspace, workspace);
    return out;
  }

  /** Throws BudgetExceededError when a cap is reached, unless `override` is set for this one call. */
  check(workspace: string | undefined, override: boolean): void {
    if (override || this.settings.hardStop === false) return;
    const full = this.uses(workspace).find((u) => u.spentUsd >= u.capUsd);
    if (full) throw new BudgetExceededError(full.scope, full.period, full.capUsd, full.spentUsd);
  }

  /** The most used cap at or above the warning threshold, if any. */
  warning(workspace: string | undefined): BudgetWarning | undefined {
    const warnAt = this.settings.warnAt ?? 0.8;
    let worst: BudgetWarning | undefined;
    for (const u of this.uses(workspace)) {
      const fraction = u.capUsd > 0 ? u.spentUsd / u.capUsd : 1;
      if (fraction < warnAt || (worst && worst.fraction >= fraction)) continue;
      const label = `${u.scope === 'global' ? 'global' : 'workspace'} ${u.period === 'day' ? 'daily' : 'monthly'} budget`;
      // Past the cap, a warn-only budget says why the call still ran.
      const over = fraction >= 1 && this.settings.hardStop === false ? ' (not blocking: tokenwise.budget.hardStop is off)' : '';
      worst = { ...u, fraction, message: `${Math.round(fraction * 100)}% of the ${label} ($${u.spentUsd.toFixed(2)} of $${u.capUsd.toFixed(2)}) is used${over}` };
    }
    return worst;
  }
}
