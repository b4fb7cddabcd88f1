// Spends privacy budget for one release, before any noisy answer exists: the dataset's budget and,
// when the contract names one, its subject set's, in one ledger transaction. A release that would
// overspend either is refused with ERR_BUDGET_EXHAUSTED and nothing is recorded; both outcomes are a
// `dp.spend` audit event. A dataset without cordonPrivacyBudget answers no DP query (fail closed).
import type { AuditSink } from '../../audit/event.js';
import { auditEvent } from '../../audit/make-event.js';
import type { ContractDataset } from '../../contracts/types.js';
import type { PrivacyBudgetLimit } from '../../contracts/privacy-budget.js';
import { CordonError } from '../../errors.js';
import type { PrivacyLoss } from '../dp/privacy-loss.js';
import type { BudgetLedgerStore, LedgerEntry } from '../ledger/types.js';
import { budgetUse, type BudgetUse } from './compose.js';

/** Relative slack on the comparison, so ε 0.1 + 0.2 fits a budget of 0.3 despite binary rounding. */
const SLACK = 1e-9;

export interface SpendRequest {
  readonly contractId: string;
  readonly dataset: ContractDataset;
  /** SHA-256 (hex) of the query's canonical description. */
  readonly queryHash: string;
  readonly mechanism: string;
  readonly loss: PrivacyLoss;
  readonly principal: string;
}

export interface BudgetState {
  readonly dataset: BudgetUse;
  readonly subjects?: BudgetUse & { readonly set: string };
}

/** The ledger scope of a dataset's budget. */
export const datasetScope = (contractId: string, dataset: string): string => `dataset:${contractId}/${dataset}`;
/** The ledger scope of a subject set's budget. */
export const subjectsScope = (set: string): string => `subjects:${set}`;

const fits = (u: BudgetUse): boolean => u.spent <= u.total * (1 + SLACK);

function lossAttributes(l: PrivacyLoss): Record<string, number> {
  switch (l.kind) {
    case 'pure':
      return { epsilon: l.epsilon };
    case 'approx':
      return { epsilon: l.epsilon, delta: l.delta };
    case 'zcdp':
      return { rho: l.rho };
  }
}

const round = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(12)) : x);

function stateAttributes(s: BudgetState): Record<string, string | number> {
  return {
    budget_unit: s.dataset.unit, budget_spent: round(s.dataset.spent), budget_left: round(s.dataset.left),
    ...(s.subjects !== undefined ? { subjects: s.subjects.set, subjects_spent: round(s.subjects.spent), subjects_left: round(s.subjects.left) } : {}),
  };
}

/** The budget a dataset's query is charged to; ERR_INPUT_INVALID when the contract sets none. */
export function budgetOf(dataset: ContractDataset): NonNullable<ContractDataset['privacyBudget']> {
  if (dataset.privacyBudget === undefined) {
    throw new CordonError('ERR_INPUT_INVALID', `dataset ${dataset.name} has no cordonPrivacyBudget in its contract: it answers no differentially private query (docs/privacy.md)`);
  }
  return dataset.privacyBudget;
}

/**
 * Records the release's loss against its budgets, or refuses. Returns the budgets after the spend.
 *
 * @example
 * ```ts
 * const state = await spendBudget(ledger, ws.audit, { contractId: c.id, dataset, queryHash, mechanism: 'discrete-laplace', loss: { kind: 'pure', epsilon: 0.5 }, principal })
 * state.dataset.left // 0.5
 * ```
 */
export async function spendBudget(ledger: BudgetLedgerStore, audit: AuditSink, req: SpendRequest): Promise<BudgetState> {
  const budget = budgetOf(req.dataset);
  const dScope = datasetScope(req.contractId, req.dataset.name);
  const sScope = budget.subjects === undefined ? undefined : subjectsScope(budget.subjects.set);
  const scopes = sScope === undefined ? [dScope] : [dScope, sScope];
  const limits = new Map<string, PrivacyBudgetLimit>([[dScope, budget.limit], ...(sScope !== undefined ? [[sScope, budget.subjects!.limit] as const] : [])]);
  const at = Date.now();
  const outcome = await ledger.spend(scopes, (spent) => {
    const uses = new Map<string, BudgetUse>();
    for (const s of scopes) uses.set(s, budgetUse([...(spent.get(s) ?? []), req.loss], limits.get(s)!));
    const ok = [...uses.values()].every(fits);
    const state: BudgetState = {
      dataset: uses.get(dScope)!,
      ...(sScope !== undefined ? { subjects: { ...uses.get(sScope)!, set: budget.subjects!.set } } : {}),
    };
    // A refusal reports what was spent before, not what this query would have made it.
    const before: BudgetState = ok ? state : {
      dataset: budgetUse(spent.get(dScope) ?? [], budget.limit),
      ...(sScope !== undefined ? { subjects: { ...budgetUse(spent.get(sScope) ?? [], budget.subjects!.limit), set: budget.subjects!.set } } : {}),
    };
    const entries: LedgerEntry[] = ok ? scopes.map((scope) => ({ scope, queryHash: req.queryHash, mechanism: req.mechanism, loss: req.loss, principal: req.principal, at })) : [];
    const why = [...uses.values()].find((u) => !fits(u))?.unaccountable;
    return { entries, result: { ok, state: before, why } };
  });
  audit.emit(auditEvent({
    type: 'dp.spend', outcome: outcome.ok ? 'success' : 'failure', principal: req.principal,
    ...(outcome.ok ? {} : { reason: 'ERR_BUDGET_EXHAUSTED' }),
    attributes: { query_sha256: req.queryHash, mechanism: req.mechanism, dataset: dScope, ...lossAttributes(req.loss), ...stateAttributes(outcome.state) },
  }));
  if (!outcome.ok) {
    const u = outcome.state.dataset;
    throw new CordonError('ERR_BUDGET_EXHAUSTED', outcome.why !== undefined
      ? `the query cannot be paid from the privacy budget: ${outcome.why}`
      : `the query would exceed the privacy budget (dataset: ${round(u.spent)} of ${u.total} ${u.unit} spent${outcome.state.subjects !== undefined ? `; subject set ${outcome.state.subjects.set}: ${round(outcome.state.subjects.spent)} of ${outcome.state.subjects.total}` : ''})`,
      { details: { spent: round(u.spent), total: u.total, unit: u.unit } });
  }
  return outcome.state;
}

/** The budgets of a dataset as the ledger has them now (nothing spent). */
export async function budgetState(ledger: BudgetLedgerStore, contractId: string, dataset: ContractDataset): Promise<BudgetState> {
  const budget = budgetOf(dataset);
  const d = budgetUse(await ledger.losses(datasetScope(contractId, dataset.name)), budget.limit);
  if (budget.subjects === undefined) return { dataset: d };
  return { dataset: d, subjects: { ...budgetUse(await ledger.losses(subjectsScope(budget.subjects.set)), budget.subjects.limit), set: budget.subjects.set } };
}
