// The privacy budget ledger: one row per release and budget scope, appended in the same transaction
// that read what the scope had spent, so two queries at once cannot both take the last of a budget.
// Rows hold a query digest, the mechanism and the loss: never a query's values or answers.
import type { PrivacyLoss } from '../dp/privacy-loss.js';

export interface LedgerEntry {
  /** `dataset:<contract id>/<dataset>` or `subjects:<set>`. */
  readonly scope: string;
  /** SHA-256 (hex) of the query's canonical description. */
  readonly queryHash: string;
  readonly mechanism: string;
  readonly loss: PrivacyLoss;
  readonly principal: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** What `decide` returns: the rows to append (none to refuse) and the caller's result. */
export interface LedgerDecision<T> {
  readonly entries: readonly LedgerEntry[];
  readonly result: T;
}

/** One store per backend (sqlite.ts, postgres.ts). */
export interface BudgetLedgerStore {
  /**
   * Atomically: reads every loss recorded for `scopes` (in the order spent), calls `decide`, and
   * appends the entries it returns. Concurrent calls on a shared scope run one after the other.
   */
  spend<T>(scopes: readonly string[], decide: (spent: ReadonlyMap<string, readonly PrivacyLoss[]>) => LedgerDecision<T>): Promise<T>;
  /** The losses recorded for a scope, in the order spent. */
  losses(scope: string): Promise<PrivacyLoss[]>;
  close(): Promise<void>;
}

export interface LedgerRow {
  scope: string;
  kind: string;
  epsilon: number | null;
  delta: number | null;
  rho: number | null;
}

/** A stored row back to a loss; a row of an unknown kind is refused, never guessed at. */
export function lossOfRow(r: LedgerRow): PrivacyLoss {
  switch (r.kind) {
    case 'pure':
      return { kind: 'pure', epsilon: Number(r.epsilon) };
    case 'approx':
      return { kind: 'approx', epsilon: Number(r.epsilon), delta: Number(r.delta) };
    case 'zcdp':
      return { kind: 'zcdp', rho: Number(r.rho) };
    default:
      throw new TypeError(`privacy ledger: unknown loss kind ${JSON.stringify(r.kind)}`);
  }
}

/** The loss as (kind, epsilon, delta, rho) columns. */
export function rowOfLoss(l: PrivacyLoss): [string, number | null, number | null, number | null] {
  switch (l.kind) {
    case 'pure':
      return ['pure', l.epsilon, null, null];
    case 'approx':
      return ['approx', l.epsilon, l.delta, null];
    case 'zcdp':
      return ['zcdp', null, null, l.rho];
  }
}

/** Groups rows by scope, every scope asked for present (empty when nothing was spent). */
export function groupLosses(scopes: readonly string[], rows: readonly LedgerRow[]): Map<string, PrivacyLoss[]> {
  const m = new Map<string, PrivacyLoss[]>(scopes.map((s) => [s, []]));
  for (const r of rows) m.get(r.scope)?.push(lossOfRow(r));
  return m;
}
