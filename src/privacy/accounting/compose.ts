// How much of a budget a list of releases has used. Composition rules:
//  - pure budget ε: only pure releases; spent = Σε (basic composition).
//  - (ε, δ) budget: the smaller of two valid accounts,
//      basic: Σε over all, Σδ ≤ δ_B (only without zCDP releases);
//      zCDP:  ρ = Σρ_zcdp + Σε_pure²/2, spent = Σε_approx + ε(ρ, δ_B − Σδ_approx) (conversion in
//             zcdp-to-approx.ts; the approximate releases composed basically on top).
//  - ρ budget: spent = Σρ_zcdp + Σε_pure²/2; (ε, δ) releases do not fit a zCDP account and are refused.
import type { PrivacyBudgetLimit } from '../../contracts/privacy-budget.js';
import type { PrivacyLoss } from '../dp/privacy-loss.js';
import { pureToZcdp, zcdpToEpsilon } from './zcdp-to-approx.js';

export interface BudgetUse {
  /** In the budget's unit: ε for pure and (ε, δ) budgets, ρ for zCDP budgets. Infinity when the releases cannot be accounted under this budget. */
  readonly spent: number;
  readonly total: number;
  /** total − spent, never below 0. */
  readonly left: number;
  readonly unit: 'epsilon' | 'rho';
  /** Why spent is Infinity, when it is. */
  readonly unaccountable?: string;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The budget used by `losses` (in order of spending), and what is left. */
export function budgetUse(losses: readonly PrivacyLoss[], limit: PrivacyBudgetLimit): BudgetUse {
  const pure = losses.flatMap((l) => (l.kind === 'pure' ? [l.epsilon] : []));
  const approx = losses.flatMap((l) => (l.kind === 'approx' ? [l] : []));
  const zcdp = losses.flatMap((l) => (l.kind === 'zcdp' ? [l.rho] : []));
  const out = (spent: number, total: number, unit: 'epsilon' | 'rho', why?: string): BudgetUse => ({
    spent, total, left: Math.max(0, total - spent), unit, ...(why !== undefined ? { unaccountable: why } : {}),
  });
  switch (limit.kind) {
    case 'pure':
      if (approx.length > 0 || zcdp.length > 0) return out(Infinity, limit.epsilon, 'epsilon', 'the budget is pure ε (no delta): it cannot pay for an (ε, δ) or zCDP release');
      return out(sum(pure), limit.epsilon, 'epsilon');
    case 'zcdp':
      if (approx.length > 0) return out(Infinity, limit.rho, 'rho', 'the budget is zCDP (rho): it cannot pay for an (ε, δ) release');
      return out(sum(zcdp) + sum(pure.map(pureToZcdp)), limit.rho, 'rho');
    case 'approx': {
      const deltaUsed = sum(approx.map((a) => a.delta));
      const epsApprox = sum(approx.map((a) => a.epsilon));
      const candidates: number[] = [];
      if (zcdp.length === 0 && deltaUsed <= limit.delta) candidates.push(sum(pure) + epsApprox);
      const rest = limit.delta - deltaUsed;
      if (rest > 0) {
        const rho = sum(zcdp) + sum(pure.map(pureToZcdp));
        candidates.push(epsApprox + zcdpToEpsilon(rho, rest));
      }
      if (candidates.length === 0) return out(Infinity, limit.epsilon, 'epsilon', 'the releases use all of the budget\'s delta');
      return out(Math.min(...candidates), limit.epsilon, 'epsilon');
    }
  }
}

/** True when the releases fit the budget. */
export function withinBudget(use: BudgetUse): boolean {
  return use.spent <= use.total;
}
