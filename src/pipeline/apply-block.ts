// One block of records through the contract, synchronously: the record checks (check-records.ts)
// and every operator that needs no I/O. Vault tokenization is left to the caller, which batches it
// per column. The same function runs inline and in worker threads (protect-worker.ts), so both paths
// give the same output and the same first error. Errors travel as plain data (BlockError): a worker
// cannot throw across threads, and a CordonError's message and details never hold a value.
import { CordonError, type ErrorCode } from '../errors.js';
import type { ContractDataset } from '../contracts/types.js';
import type { DatasetRecord } from '../io/record.js';
import type { OperatorKeys, PlaceholderIndex } from '../transform/types.js';
import { walkNumber, walksNumbers } from '../transform/number-walk.js';
import type { RecordChecker } from './check-records.js';
import type { ColumnPlan } from './column-plan.js';

/** The first failure in a block, in row order. */
export interface BlockError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export interface BlockResult {
  /** One entry per input record: the protected record, or null when it was quarantined. Tokenized columns hold null until the caller tokenizes them. */
  readonly out: ReadonlyArray<Record<string, string | null> | null>;
  /** Records set aside (index into the block) with their reasons. */
  readonly quarantined: ReadonlyArray<{ readonly index: number; readonly reasons: readonly string[] }>;
  /** Set when the block failed; records from that one on are not in `out`. */
  readonly error?: BlockError;
}

export interface BlockContext {
  readonly dataset: ContractDataset;
  readonly plan: readonly ColumnPlan[];
  readonly keys: OperatorKeys;
  readonly checker: RecordChecker;
  /** True: undeclared personal data sets the record aside; false: it fails the run. */
  readonly quarantine: boolean;
}

export function toBlockError(e: unknown): BlockError {
  if (e instanceof CordonError) return { code: e.code, message: e.message, ...(e.details ? { details: { ...e.details } } : {}) };
  // Not a CordonError: a bug. Its message could quote data, so only its type crosses over.
  return { code: 'ERR_INTERNAL', message: `unexpected ${e instanceof Error ? e.name : typeof e} while protecting a block` };
}

export function fromBlockError(e: BlockError): CordonError {
  return new CordonError(e.code, e.message, ...(e.details ? [{ details: { ...e.details } }] : []));
}

/**
 * Checks and protects `records` (their 1-based rows in `rows`), stopping at the first error.
 *
 * @example
 * ```ts
 * const r = applyBlock(records, rows, { dataset, plan, keys, checker: recordChecker(dataset), quarantine: false });
 * if (r.error) throw fromBlockError(r.error);
 * ```
 */
export function applyBlock(records: readonly DatasetRecord[], rows: readonly number[], ctx: BlockContext): BlockResult {
  const out: Array<Record<string, string | null> | null> = [];
  const quarantined: Array<{ index: number; reasons: readonly string[] }> = [];
  const { checker, plan, dataset, keys } = ctx;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const row = rows[i]!;
    let column = '';
    try {
      checker.checkShape(r, row);
      if (checker.scansValues) {
        const v = checker.findUndeclared(r, row);
        if (v !== undefined) {
          if (!ctx.quarantine) {
            throw new CordonError('ERR_UNDECLARED_PERSONAL_DATA', `row ${row}: ${v.reasons.join('; ')}; the contract does not declare it there. Fix the contract's classification (or cordonEntity), or pass --on-violation quarantine to set such rows aside`, { details: { row, column: v.column, entities: v.entities.join(',') } });
          }
          quarantined.push({ index: i, reasons: v.reasons });
          out.push(null);
          continue;
        }
      }
      const o: Record<string, string | null> = {};
      const subject = dataset.subject !== undefined ? r[dataset.subject] : undefined;
      const placeholders: PlaceholderIndex = new Map();
      for (const p of plan) {
        // Filled by the caller's vault batch; set here so the record keeps the contract's column order.
        if (p.operator === 'tokenize') { o[p.name] = null; continue; }
        const v = r[p.name];
        if (v === null || v === undefined || v === '') { o[p.name] = v ?? null; continue; }
        column = p.name;
        const octx = { dataset: dataset.name, field: p.name, keys, placeholders, ...(subject !== null && subject !== undefined ? { subject } : {}), ...(p.findSpans ? { findSpans: p.findSpans } : {}) };
        const res = p.operator === 'fpe' && walksNumbers(p.logicalType) ? walkNumber((t) => p.prepared!.apply(t, octx)!, v, p.logicalType) : p.prepared!.apply(v, octx);
        if (res !== null) o[p.name] = res;
      }
      out.push(o);
    } catch (e) {
      // Operator errors get their place added; check errors already name it.
      if (e instanceof CordonError && column !== '') {
        return { out, quarantined, error: { code: e.code, message: `row ${row}, column ${JSON.stringify(column)}: ${e.message}`, details: { ...(e.details ?? {}), row, column } } };
      }
      return { out, quarantined, error: toBlockError(e) };
    }
  }
  return { out, quarantined };
}
