// The risk gate of a release (`cordon protect --require-k 5 --require-l 2`): it watches the records
// protect writes, keeps only the quasi-identifier and sensitive columns (as they are written, so
// after generalization), and before the output is put in place checks k and ℓ over them. A failure
// throws ERR_RISK_TARGET_UNMET with the failing classes and records counted, never described by
// their values; the caller then discards the whole release (protectFile's atomic commit). Pure.
import type { ContractDataset } from '../../contracts/types.js';
import { riskRoleOf } from '../../contracts/risk-spec.js';
import { CordonError } from '../../errors.js';
import { checkRelease } from './assess-risk.js';
import type { RiskReport } from './risk-report.js';

export interface GateTarget {
  readonly k: number;
  readonly l?: number;
}

export interface GateResult {
  readonly target: GateTarget;
  readonly passed: boolean;
  readonly quasiIdentifiers: readonly string[];
  readonly sensitive: readonly string[];
  readonly report: RiskReport;
  /** Classes below k (or ℓ for a sensitive column), and the records in them. */
  readonly failingClasses: number;
  readonly failingRecords: number;
}

export interface ReleaseGate {
  /** Called with every record written. */
  observe(record: Readonly<Record<string, unknown>>): void;
  /** Checks the release: returns the result when it passes, else throws ERR_RISK_TARGET_UNMET. */
  finish(): GateResult;
  /** The result of the last finish(), also when it threw. */
  readonly result: GateResult | undefined;
}

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' && !(v instanceof Uint8Array) && typeof (v as { toString?: unknown }).toString === 'function' && (v as object).toString !== Object.prototype.toString ? String(v) : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * A gate for `dataset`'s releases.
 *
 * @example
 * ```ts
 * const gate = releaseGate(dataset, { k: 5, l: 2 });
 * for (const r of written) gate.observe(r);
 * gate.finish(); // throws ERR_RISK_TARGET_UNMET when a class is under 5 records or 2 diagnoses
 * ```
 */
export function releaseGate(dataset: ContractDataset, target: GateTarget): ReleaseGate {
  if (!Number.isInteger(target.k) || target.k < 1 || (target.l !== undefined && (!Number.isInteger(target.l) || target.l < 1))) throw new CordonError('ERR_INPUT_INVALID', 'the gate needs whole numbers k ≥ 1 (and ℓ ≥ 1)');
  const roles = dataset.columns.map((c) => ({ name: c.name, role: riskRoleOf(c).role }));
  const watched = roles.filter((c) => c.role === 'quasi' || c.role === 'sensitive').map((c) => c.name);
  if (!roles.some((c) => c.role === 'quasi')) {
    throw new CordonError('ERR_INPUT_INVALID', `--require-k needs quasi-identifiers: mark them in dataset ${dataset.name} of the contract with cordonRisk { role: quasi } (or a quasi cordonEntity)`);
  }
  if (target.l !== undefined && !roles.some((c) => c.role === 'sensitive')) throw new CordonError('ERR_INPUT_INVALID', `--require-l needs a sensitive column: mark one with cordonRisk { role: sensitive }`);
  const rows: Array<Record<string, string>> = [];
  let result: GateResult | undefined;
  return {
    observe(record) {
      const row: Record<string, string> = {};
      for (const name of watched) row[name] = cell(record[name]);
      rows.push(row);
    },
    finish() {
      const c = checkRelease(rows, dataset, target);
      const { failingClasses, failingRecords } = c;
      result = { target, passed: failingRecords === 0, quasiIdentifiers: c.quasiIdentifiers, sensitive: c.sensitive, report: c.report, failingClasses, failingRecords };
      if (!result.passed) {
        throw new CordonError('ERR_RISK_TARGET_UNMET', `the release fails the risk gate: ${failingClasses} of ${c.report.classes} equivalence class(es), holding ${failingRecords} of ${rows.length} record(s), have fewer than k = ${target.k} records${target.l !== undefined ? ` or fewer than ℓ = ${target.l} distinct sensitive values` : ''}; nothing was written`, {
          details: { failingClasses, failingRecords, classes: c.report.classes, k: c.report.k },
        });
      }
      return result;
    },
    get result() {
      return result;
    },
  };
}
