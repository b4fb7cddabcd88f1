// Re-identification risk of a contract's dataset, start to finish: the quasi-identifiers and sensitive
// columns from the contract (cordonRisk, else the scanner's quasi entities), k-anonymity, ℓ-diversity,
// t-closeness and the ARX attacker risks of the data as it is and, with a target, the least
// generalization (and suppression) that reaches k and ℓ (search-lattice.ts). Figures only: the report
// never holds a value of the data. Pure: the caller reads the records.
import type { ContractDataset } from '../../contracts/types.js';
import { riskRoleOf, type RiskHierarchy } from '../../contracts/risk-spec.js';
import { CordonError } from '../../errors.js';
import { groupClasses } from './group-classes.js';
import { buildQuasiColumn, encodeColumn, type QuasiColumn } from './hierarchy.js';
import { riskReport, type RiskReport } from './risk-report.js';
import { searchLattice } from './search-lattice.js';
import { distinctPerClass, sensitiveStats, type SensitiveColumn } from './sensitive-stats.js';

export interface RiskTarget {
  /** Every released class has at least k records. */
  readonly k: number;
  /** Every released class has at least ℓ distinct values of each sensitive column. */
  readonly l?: number;
  /** The share of records that may be suppressed, 0 ≤ x ≤ 1 (default 0). */
  readonly maxSuppression?: number;
}

export interface RiskOptions {
  /** A record is at risk when 1/|its class| is above this (default 0.2, i.e. classes under 5). */
  readonly riskThreshold?: number;
  /** Search for the least generalization reaching this. */
  readonly target?: RiskTarget;
  /** Take every quasi-identifier as it is (no hierarchy). */
  readonly asIs?: boolean;
}

export interface GeneralizationStep {
  readonly column: string;
  readonly level: number;
  /** `value`, `month`, `year`, `prefix 3`, `band 10`, `map 1` or `*`. */
  readonly to: string;
}

export interface RiskAssessment {
  readonly quasiIdentifiers: readonly string[];
  readonly sensitive: readonly string[];
  /** The data as it is. */
  readonly report: RiskReport;
  readonly search?: {
    readonly target: Required<RiskTarget> | (Omit<Required<RiskTarget>, 'l'> & { l?: number });
    readonly found: boolean;
    readonly generalization?: readonly GeneralizationStep[];
    /** Sweeney's precision loss of the generalization, 0 (none) … 1 (everything `*`). */
    readonly loss?: number;
    /** The report after generalizing and suppressing the failing classes. */
    readonly report?: RiskReport;
    readonly nodes: number;
    readonly evaluated: number;
  };
}

type Row = Readonly<Record<string, unknown>>;
const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

function invalid(message: string, details?: Record<string, string | number>): never {
  throw new CordonError('ERR_INPUT_INVALID', message, details === undefined ? undefined : { details });
}

/** The sensitive column's codes; for the ordered distance, in the numeric order of its values. */
function sensitiveColumn(name: string, rows: readonly Row[], distance: 'equal' | 'ordered'): SensitiveColumn {
  const enc = encodeColumn(name, rows.map((r) => cell(r[name])));
  if (distance === 'equal') return { name, codes: enc.codes, cardinality: enc.values.length, distance };
  const nums = enc.values.map((v) => (v.trim() === '' ? NaN : Number(v)));
  const bad = nums.filter((x) => !Number.isFinite(x)).length;
  if (bad > 0) invalid(`column ${name}: ${bad} distinct value(s) are not numbers, and its cordonRisk distance is ordered`, { column: name, misfits: bad });
  const order = nums.map((_, i) => i).sort((a, b) => nums[a]! - nums[b]!);
  // Equal numbers written differently (1 and 1.0) share a rank.
  const rank = new Int32Array(nums.length);
  let r = -1;
  order.forEach((i, j) => {
    if (j === 0 || nums[i] !== nums[order[j - 1]!]) r++;
    rank[i] = r;
  });
  return { name, codes: enc.codes.map((c) => rank[c]!), cardinality: r + 1, distance };
}

function checkTarget(t: RiskTarget): Required<RiskTarget> | (Omit<Required<RiskTarget>, 'l'> & { l?: number }) {
  if (!Number.isInteger(t.k) || t.k < 1) invalid('k must be a whole number ≥ 1');
  if (t.l !== undefined && (!Number.isInteger(t.l) || t.l < 1)) invalid('l must be a whole number ≥ 1');
  const s = t.maxSuppression ?? 0;
  if (!(s >= 0 && s <= 1)) invalid('the suppression limit must be between 0% and 100%');
  return { k: t.k, ...(t.l !== undefined ? { l: t.l } : {}), maxSuppression: s };
}

/** Which classes fail k (and ℓ): `kept[c]` 0 for those, and the rows they hold. */
function failing(classOf: Int32Array, sizes: Int32Array, sens: readonly SensitiveColumn[], k: number, l: number | undefined): { kept: Uint8Array; suppressed: number } {
  const kept = new Uint8Array(sizes.length);
  for (let c = 0; c < sizes.length; c++) kept[c] = sizes[c]! >= k ? 1 : 0;
  if (l !== undefined && l > 1) {
    for (const s of sens) {
      const d = distinctPerClass(classOf, sizes.length, kept, s);
      for (let c = 0; c < sizes.length; c++) if (d[c]! < l) kept[c] = 0;
    }
  }
  let suppressed = 0;
  for (let c = 0; c < sizes.length; c++) if (kept[c] === 0) suppressed += sizes[c]!;
  return { kept, suppressed };
}

function reportAt(qi: readonly QuasiColumn[], sens: readonly SensitiveColumn[], node: readonly number[], rows: number, threshold: number, target?: { k: number; l?: number }): RiskReport {
  const { classOf, sizes } = groupClasses(qi, node, rows);
  const kept = target === undefined ? new Uint8Array(sizes.length).fill(1) : failing(classOf, sizes, sens, target.k, target.l).kept;
  return riskReport(sizes, kept, rows, sens.map((s) => sensitiveStats(classOf, sizes, kept, s)), threshold);
}

/** The columns a dataset's risk is assessed over; throws ERR_INPUT_INVALID without quasi-identifiers. */
function rolesOf(dataset: ContractDataset, asIs: boolean): { quasi: Array<{ name: string; hierarchy: RiskHierarchy }>; sensitive: Array<{ name: string; distance: 'equal' | 'ordered' }> } {
  const quasi: Array<{ name: string; hierarchy: RiskHierarchy }> = [];
  const sensitive: Array<{ name: string; distance: 'equal' | 'ordered' }> = [];
  for (const col of dataset.columns) {
    const role = riskRoleOf(col);
    if (role.role === 'quasi') quasi.push({ name: col.name, hierarchy: asIs ? { kind: 'none' } : role.hierarchy });
    else if (role.role === 'sensitive') sensitive.push({ name: col.name, distance: role.distance });
  }
  if (quasi.length === 0) {
    invalid(`dataset ${dataset.name} has no quasi-identifier: mark them in the contract with cordonRisk { role: quasi } (or a cordonEntity the scanner counts as quasi)`);
  }
  return { quasi, sensitive };
}

export interface ReleaseCheck {
  readonly quasiIdentifiers: readonly string[];
  readonly sensitive: readonly string[];
  /** The release as it is (nothing suppressed). */
  readonly report: RiskReport;
  /** Classes under k, or under ℓ distinct values of a sensitive column, and the records they hold. */
  readonly failingClasses: number;
  readonly failingRecords: number;
}

/** Checks `records` as they will be released (no hierarchy applied) against k and ℓ. */
export function checkRelease(records: readonly Row[], dataset: ContractDataset, target: { k: number; l?: number }, riskThreshold = 0.2): ReleaseCheck {
  const t = checkTarget(target);
  const { quasi, sensitive } = rolesOf(dataset, true);
  if (t.l !== undefined && sensitive.length === 0) invalid(`an ℓ target needs a sensitive column: mark one with cordonRisk { role: sensitive }`);
  const n = records.length;
  const qi = quasi.map((q) => buildQuasiColumn(encodeColumn(q.name, records.map((r) => cell(r[q.name]))), q.hierarchy));
  const sens = sensitive.map((s) => sensitiveColumn(s.name, records, s.distance));
  const { classOf, sizes } = groupClasses(qi, qi.map(() => 0), n);
  const all = new Uint8Array(sizes.length).fill(1);
  const report = riskReport(sizes, all, n, sens.map((s) => sensitiveStats(classOf, sizes, all, s)), riskThreshold);
  const { kept, suppressed } = failing(classOf, sizes, sens, t.k, t.l);
  let failingClasses = 0;
  for (let c = 0; c < kept.length; c++) if (kept[c] === 0) failingClasses++;
  return { quasiIdentifiers: quasi.map((q) => q.name), sensitive: sensitive.map((s) => s.name), report, failingClasses, failingRecords: suppressed };
}

/**
 * Assesses `records` of `dataset` (a parsed contract's).
 *
 * @example
 * ```ts
 * const a = assessRisk(rows, selectDataset(contract), { target: { k: 5, l: 2, maxSuppression: 0.02 } });
 * a.report.k; a.search?.generalization // [{ column: 'zip', level: 1, to: 'prefix 3' }, …]
 * ```
 */
export function assessRisk(records: readonly Row[], dataset: ContractDataset, options: RiskOptions = {}): RiskAssessment {
  const threshold = options.riskThreshold ?? 0.2;
  if (!(threshold > 0 && threshold <= 1)) invalid('the risk threshold must be in (0, 1]');
  const target = options.target === undefined ? undefined : checkTarget(options.target);
  const { quasi, sensitive } = rolesOf(dataset, options.asIs === true);
  if (target?.l !== undefined && sensitive.length === 0) invalid(`an ℓ target needs a sensitive column: mark one with cordonRisk { role: sensitive }`);
  const n = records.length;
  const qi = quasi.map((q) => buildQuasiColumn(encodeColumn(q.name, records.map((r) => cell(r[q.name]))), q.hierarchy));
  const sens = sensitive.map((s) => sensitiveColumn(s.name, records, s.distance));
  const bottom = qi.map(() => 0);
  const report = reportAt(qi, sens, bottom, n, threshold);
  const base = { quasiIdentifiers: quasi.map((q) => q.name), sensitive: sensitive.map((s) => s.name), report };
  if (target === undefined) return base;

  const heights = qi.map((c) => c.levels.length);
  const limit = Math.floor(target.maxSuppression * n + 1e-9);
  const result = searchLattice(heights, (levels) => {
    const { classOf, sizes } = groupClasses(qi, levels, n);
    const { suppressed } = failing(classOf, sizes, sens, target.k, target.l);
    return { pass: suppressed <= limit, suppressed };
  });
  if (result.levels === undefined) return { ...base, search: { target, found: false, nodes: result.nodes, evaluated: result.evaluated } };
  const generalization = qi.map((c, q) => ({ column: c.name, level: result.levels![q]!, to: c.levelNames[result.levels![q]!]! }));
  return {
    ...base,
    search: {
      target, found: true, generalization, loss: result.loss!, report: reportAt(qi, sens, result.levels, n, threshold, target),
      nodes: result.nodes, evaluated: result.evaluated,
    },
  };
}


