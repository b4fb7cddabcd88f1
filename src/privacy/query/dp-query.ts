// A differentially private query over a contract's dataset, start to finish: check the query against
// the contract, spend the budget (refused and audited when it would overspend), then measure. Every
// data subject (the contract's primaryKey column) keeps at most maxContributions records across the
// whole query, so with --by the noisy groups together cost one query's loss (each group's noise is
// calibrated to c; a subject's c records spread over groups move the vector of answers by at most
// the same sensitivity — the losses over groups add up to the single loss, also for permute-and-flip
// whose loss scales with the score change). Group names are released only when given (--categories)
// or, for counts, when the noisy count passes a threshold set for δ.
import type { AuditSink } from '../../audit/event.js';
import type { ContractDataset } from '../../contracts/types.js';
import { sha256 } from '../../crypto/hash.js';
import { CordonError } from '../../errors.js';
import { spendBudget, budgetOf, type BudgetState } from '../accounting/spend-budget.js';
import { boundContributions, type SubjectRecord } from '../dp/contributions.js';
import { integerNoise } from '../dp/integer-mechanism.js';
import { checkPrivacyParams, type PrivacyLoss, type PrivacyParams } from '../dp/privacy-loss.js';
import type { RandomSource } from '../dp/random-source.js';
import type { BudgetLedgerStore } from '../ledger/types.js';
import { dpCount } from '../measure/count.js';
import { dpHistogram, histogramThreshold } from '../measure/histogram.js';
import { dpMean } from '../measure/mean.js';
import { dpQuantile } from '../measure/quantile.js';
import type { Release, ReleaseMechanism } from '../measure/release.js';
import { dpSum } from '../measure/sum.js';
import { toNumber } from '../dp/rational.js';

export const DP_STATS = ['count', 'sum', 'mean', 'quantile'] as const;
export type DpStat = (typeof DP_STATS)[number];

export interface DpQuery {
  readonly stat: DpStat;
  /** The numeric column for sum, mean and quantile. */
  readonly column?: string;
  /** Group by this column. */
  readonly by?: string;
  /** The groups to release (zeros included); absent with `by`: counts only, thresholded for `delta`. */
  readonly categories?: readonly string[];
  readonly lower?: number;
  readonly upper?: number;
  /** The quantile for stat quantile (default 0.5). */
  readonly alpha?: number;
  readonly privacy: PrivacyParams;
  /** For a count by groups not listed: the δ its threshold is set for. */
  readonly delta?: number;
  /** Only these records: column = value (non-sensitive columns only, checked against the contract). */
  readonly where?: Readonly<Record<string, string>>;
}

export interface DpQueryContext {
  readonly contractId: string;
  readonly dataset: ContractDataset;
  readonly ledger: BudgetLedgerStore;
  readonly audit: AuditSink;
  readonly principal: string;
  readonly rng?: RandomSource;
}

export interface DpQueryResult {
  /** One row per group (or one row): the group value under the `by` column's name, and the stat. */
  readonly rows: Array<Record<string, string | number>>;
  readonly mechanism: ReleaseMechanism;
  readonly loss: PrivacyLoss;
  /** Laplace scale or Gaussian σ of each answer's noise (absent for quantiles). */
  readonly scale?: number;
  /** Half-width of a 95% interval of each answer's noise, when known. */
  readonly interval95?: number;
  /** The threshold a group's noisy count had to reach, for counts by unlisted groups. */
  readonly threshold?: number;
  readonly maxContributions: number;
  readonly queryHash: string;
  readonly budget: BudgetState;
}

type Row = Readonly<Record<string, unknown>>;

/** The loss a query will cost, computed before it runs (the same the measurements report). */
function plannedLoss(q: DpQuery, c: number): { loss: PrivacyLoss; mechanism: ReleaseMechanism } {
  if (q.stat === 'quantile') return { loss: { kind: 'pure', epsilon: q.privacy.epsilon! }, mechanism: 'permute-and-flip' };
  const noise = integerNoise(BigInt(c), q.privacy);
  if (q.stat === 'count' && q.by !== undefined && q.categories === undefined) {
    return { loss: { kind: 'approx', epsilon: q.privacy.epsilon!, delta: q.delta! }, mechanism: noise.mechanism };
  }
  return { loss: noise.loss, mechanism: noise.mechanism };
}

const isSensitive = (d: ContractDataset, col: string): boolean => {
  const c = d.columns.find((x) => x.name === col);
  return c === undefined || c.classification === 'restricted' || c.classification === 'confidential' || c.entity !== undefined;
};

/** Every problem with the query that can be known before spending anything. */
function checkQuery(q: DpQuery, d: ContractDataset): void {
  const bad = (m: string): never => {
    throw new CordonError('ERR_INPUT_INVALID', m);
  };
  try {
    checkPrivacyParams(q.privacy);
  } catch {
    bad('give one of --epsilon or --rho, a positive number');
  }
  if (!(DP_STATS as readonly string[]).includes(q.stat)) bad(`the statistic must be one of ${DP_STATS.join(', ')}`);
  if (d.subject === undefined) bad(`dataset ${d.name} has no primaryKey column: differential privacy needs the data subject's id to bound each one's contribution`);
  const known = (col: string, what: string) => {
    if (!d.columns.some((x) => x.name === col)) bad(`${what} ${JSON.stringify(col)} is not a column of dataset ${d.name}`);
  };
  if (q.stat !== 'count') {
    if (q.column === undefined) bad(`${q.stat} needs --column`);
    known(q.column!, 'the column');
    if (q.lower === undefined || q.upper === undefined || !Number.isFinite(q.lower) || !Number.isFinite(q.upper) || q.lower > q.upper) bad(`${q.stat} needs clamping bounds --lower ≤ --upper`);
  }
  if (q.stat === 'quantile') {
    if (q.privacy.epsilon === undefined) bad('a quantile (permute-and-flip) needs --epsilon, not --rho');
    if (q.alpha !== undefined && !(q.alpha > 0 && q.alpha < 1)) bad('--alpha must be between 0 and 1');
  }
  if (q.by !== undefined) {
    known(q.by, 'the group-by column');
    if (q.categories === undefined) {
      if (q.stat !== 'count') bad(`${q.stat} by groups needs the groups listed (--categories): releasing which groups exist costs a thresholded count`);
      if (q.privacy.epsilon === undefined) bad('a count by unlisted groups needs --epsilon (the threshold is for discrete Laplace noise)');
      if (q.delta === undefined || !(q.delta > 0 && q.delta < 1)) bad('a count by unlisted groups needs --delta (0 < δ < 1) for its threshold, or --categories');
    }
  }
  for (const col of Object.keys(q.where ?? {})) {
    known(col, 'the WHERE column');
    // A filter on a sensitive column would let a query single out a person by a value it knows.
    if (isSensitive(d, col)) bad(`WHERE may only use non-sensitive columns (public or internal, no entity); ${col} is not`);
  }
}

/** SHA-256 of the query's canonical description: what the ledger and the audit log record. */
export function queryHash(contractId: string, dataset: string, q: DpQuery): string {
  const canon = JSON.stringify({
    contract: contractId, dataset, stat: q.stat, column: q.column ?? null, by: q.by ?? null, categories: q.categories ?? null,
    lower: q.lower ?? null, upper: q.upper ?? null, alpha: q.alpha ?? null, epsilon: q.privacy.epsilon ?? null, rho: q.privacy.rho ?? null,
    delta: q.delta ?? null, where: q.where === undefined ? null : Object.entries(q.where).sort(([a], [b]) => (a < b ? -1 : 1)),
  });
  return Buffer.from(sha256(new TextEncoder().encode(canon))).toString('hex');
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);
const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

function measure(q: DpQuery, records: readonly SubjectRecord<Row>[], c: number, rng: RandomSource | undefined): Release<number> {
  const o = { maxContributions: c, privacy: q.privacy, ...(rng !== undefined ? { rng } : {}) };
  const values = () => records.map((r) => ({ subject: r.subject, value: num(r.value[q.column!]) }));
  switch (q.stat) {
    case 'count':
      return dpCount(records, o);
    case 'sum':
      return dpSum(values(), { ...o, lower: q.lower!, upper: q.upper! });
    case 'mean':
      return dpMean(values(), { ...o, lower: q.lower!, upper: q.upper! });
    case 'quantile':
      return dpQuantile(values(), { ...o, privacy: { epsilon: q.privacy.epsilon! }, alpha: q.alpha ?? 0.5, lower: q.lower!, upper: q.upper! });
  }
}

/**
 * Runs a DP query over `records` (the dataset's rows), spending its budget first.
 *
 * @example
 * ```ts
 * const r = await runDpQuery(rows, { stat: 'count', by: 'region', categories: ['north', 'south'], privacy: { epsilon: 0.5 } },
 *   { contractId: contract.id, dataset, ledger: await ws.openPrivacyLedger(), audit: ws.audit, principal })
 * r.rows // [{ region: 'north', count: 1013 }, { region: 'south', count: 498 }]
 * ```
 */
export async function runDpQuery(records: Iterable<Row>, q: DpQuery, ctx: DpQueryContext): Promise<DpQueryResult> {
  const d = ctx.dataset;
  const budget = budgetOf(d);
  checkQuery(q, d);
  const c = budget.maxContributions;
  const { loss, mechanism } = plannedLoss(q, c);
  const hash = queryHash(ctx.contractId, d.name, q);
  const subjectCol = d.subject!;
  // Rows without a subject id cannot be bounded: they are left out.
  const where = Object.entries(q.where ?? {});
  const wanted: SubjectRecord<Row>[] = [];
  for (const r of records) {
    const s = text(r[subjectCol]);
    if (s === undefined || s === '') continue;
    if (where.every(([k, v]) => text(r[k]) === v)) wanted.push({ subject: s, value: r });
  }
  const state = await spendBudget(ctx.ledger, ctx.audit, { contractId: ctx.contractId, dataset: d, queryHash: hash, mechanism, loss, principal: ctx.principal });
  // Bounded once over the whole query: a subject's c records, wherever they fall.
  const bounded = boundContributions(wanted.map((r) => ({ subject: r.subject, value: r })), c);
  const statName = q.stat === 'quantile' ? `p${Math.round((q.alpha ?? 0.5) * 100)}` : q.stat;
  const rng = ctx.rng;
  const base = { loss, maxContributions: c, queryHash: hash, budget: state };
  if (q.by === undefined) {
    const r = measure(q, bounded, c, rng);
    return { ...base, rows: [{ [statName]: r.value }], mechanism: r.mechanism, ...(r.scale !== undefined ? { scale: r.scale } : {}), ...(r.interval95 !== undefined ? { interval95: r.interval95 } : {}) };
  }
  const by = q.by;
  if (q.stat === 'count') {
    const h = dpHistogram(bounded.map((r) => ({ subject: r.subject, value: text(r.value[by]) ?? '' })), {
      maxContributions: c, privacy: q.privacy, ...(q.categories !== undefined ? { categories: q.categories } : { delta: q.delta! }), ...(rng !== undefined ? { rng } : {}),
    });
    return {
      ...base, rows: h.value.map((b) => ({ [by]: b.category, count: b.count })), mechanism: h.mechanism,
      ...(h.scale !== undefined ? { scale: h.scale } : {}), ...(h.interval95 !== undefined ? { interval95: h.interval95 } : {}), ...(h.threshold !== undefined ? { threshold: h.threshold } : {}),
    };
  }
  const groups = new Map<string, SubjectRecord<Row>[]>(q.categories!.map((g) => [g, []]));
  for (const r of bounded) groups.get(text(r.value[by]) ?? '')?.push(r);
  const rows: Array<Record<string, string | number>> = [];
  let last: Release<number> | undefined;
  for (const [g, rs] of groups) {
    last = measure(q, rs, c, rng);
    rows.push({ [by]: g, [statName]: last.value });
  }
  return {
    ...base, rows, mechanism,
    ...(last?.scale !== undefined ? { scale: last.scale } : {}), ...(last?.interval95 !== undefined ? { interval95: last.interval95 } : {}),
  };
}

/** The threshold a count by unlisted groups will use (for --help and docs): τ for ε, c and δ. */
export function countThreshold(epsilon: number, maxContributions: number, delta: number): number {
  return histogramThreshold(toNumber(integerNoise(BigInt(maxContributions), { epsilon }).parameter), maxContributions, delta);
}
