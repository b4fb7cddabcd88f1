// One block of records through the contract, synchronously: the record checks (check-records.ts)
// and every operator that needs no I/O. Vault tokenization is left to the caller, which batches it
// per column. The same function runs inline and in worker threads (protect-worker.ts), so both paths
// give the same output and the same first error. Errors travel as plain data (BlockError): a worker
// cannot throw across threads, and a CordonError's message and details never hold a value.
import { CordonError, type ErrorCode } from '../errors.js';
import type { ContractDataset } from '../contracts/types.js';
import type { DatasetRecord } from '../io/record.js';
import { listText, mapList, mapListText, parseList } from '../io/list-text.js';
import type { ColumnResult, OperatorContext, OperatorKeys, PlaceholderIndex } from '../transform/types.js';
import { numberValue, walkNumber, walksNumbers } from '../transform/number-walk.js';
import type { RecordChecker } from './check-records.js';
import type { ColumnPlan } from './column-plan.js';
import type { FindSpans } from './text-spans.js';

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
 * Operators whose output is a function of the value alone (given the run's keys, params, dataset and
 * column): a repeated value may reuse the first output. Never `encrypt` (a fresh nonce per value:
 * equal outputs would tell equal inputs apart from the ciphertexts' design), `date-shift` (the
 * record's subject), `redact` (indexed placeholders are per record) or `text` (its detector is
 * memoized instead, below).
 */
const MEMOIZABLE: ReadonlySet<string> = new Set(['hash', 'deterministic', 'fpe', 'generalize', 'mask']);

/** Values remembered per column and worker; the memory is cleared when full (in-memory only, never written). */
export const MEMO_LIMIT = 4096;
/** Longer values are not remembered (an 8 MB cell must not be kept alive past its block). */
const MEMO_VALUE_CHARS = 256;
/** Texts longer than this are detected each time, not remembered. */
const MEMO_TEXT_CHARS = 1024;

/**
 * Remembered outputs of one column (value → output), bounded. A column whose values hardly repeat
 * (ids, card numbers) stops remembering after a while: the memory would only cost heap and time.
 */
export class Memo<T> {
  readonly #map = new Map<string, T>();
  readonly #maxChars: number;
  #lookups = 0;
  #hits = 0;
  #off = false;
  constructor(maxChars: number = MEMO_VALUE_CHARS) { this.#maxChars = maxChars; }
  get(key: string): T | undefined {
    if (this.#off || key.length > this.#maxChars) return undefined;
    this.#lookups++;
    const v = this.#map.get(key);
    if (v !== undefined) this.#hits++;
    return v;
  }
  set(key: string, value: T): void {
    if (this.#off || key.length > this.#maxChars) return;
    if (this.#map.size >= MEMO_LIMIT) {
      this.#map.clear();
      // Fewer than one value in 20 seen again over two fillings: not worth remembering.
      if (this.#lookups >= 2 * MEMO_LIMIT && this.#hits * 20 < this.#lookups) { this.#off = true; return; }
    }
    this.#map.set(key, value);
  }
}

/** Per-run memory of a BlockContext: one memo per column (built on first use). */
const memos = new WeakMap<BlockContext, Map<string, Memo<unknown>>>();

function memoOf<T>(ctx: BlockContext, column: string, maxChars?: number): Memo<T> {
  let byColumn = memos.get(ctx);
  if (byColumn === undefined) memos.set(ctx, (byColumn = new Map()));
  let m = byColumn.get(column);
  if (m === undefined) byColumn.set(column, (m = new Memo<unknown>(maxChars)));
  return m as Memo<T>;
}

/**
 * One column through an operator's column form: rows' outputs set in `out`, the memo consulted and
 * filled. Returns the first failure (its record index in the block and what was thrown), if any.
 */
function applyColumnOnce(
  records: readonly DatasetRecord[], out: ReadonlyArray<Record<string, string | null> | null>, end: number, name: string,
  memo: Memo<string | null> | undefined, column: (values: readonly string[]) => ColumnResult,
): { index: number; error: unknown } | undefined {
  const distinct: string[] = [];
  /** First record holding each distinct value, and, per record, its value's index in `distinct` (-1: done). */
  const firstAt: number[] = [];
  const slot = new Map<string, number>();
  const of = new Int32Array(end).fill(-1);
  for (let i = 0; i < end; i++) {
    const o = out[i];
    if (o === null) continue;
    const v = records[i]![name];
    if (v === null || v === undefined || v === '') { o![name] = v ?? null; continue; }
    const known = memo?.get(v);
    if (known !== undefined) { if (known !== null) o![name] = known; continue; }
    let s = slot.get(v);
    if (s === undefined) {
      slot.set(v, (s = distinct.length));
      distinct.push(v);
      firstAt.push(i);
    }
    of[i] = s;
  }
  if (distinct.length === 0) return undefined;
  const r = column(distinct);
  // Distinct values first appear in row order, so every record before the failing value's first
  // record holds a value before it in `distinct`: all of those have outputs.
  const stop = r.error !== undefined ? firstAt[r.error.index]! : end;
  for (let s = 0; s < r.out.length; s++) memo?.set(distinct[s]!, r.out[s] ?? null);
  for (let i = 0; i < stop; i++) {
    const s = of[i]!;
    if (s < 0) continue;
    const res = r.out[s] ?? null;
    if (res !== null) out[i]![name] = res;
  }
  return r.error !== undefined ? { index: stop, error: r.error.error } : undefined;
}

/**
 * Checks and protects `records` (their 1-based rows in `rows`), stopping at the first error in row
 * order. Records are checked row by row, then protected column by column (one operator, one
 * context and one memo per column per block); the first failure is the one a row-by-row pass would
 * meet first: the lowest row, and in it the check before any operator, then the first column.
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
  let error: BlockError | undefined;
  /** Records from `end` on are not protected: the first error is at or before it. */
  let end = records.length;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const row = rows[i]!;
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
    } catch (e) {
      error = toBlockError(e);
      end = i;
      break;
    }
    out.push({});
  }

  // Indexed redaction numbers equal values per record, across the record's text columns.
  const placeholders: Array<PlaceholderIndex | undefined> = [];
  const subjects = dataset.subject !== undefined ? records.map((r) => r[dataset.subject!]) : undefined;
  for (const p of plan) {
    const name = p.name;
    // Tokenized and subject-keyed columns are filled by the caller (vault batch, subject keys); set here so the record keeps the contract's column order.
    if (p.operator === 'tokenize' || p.subjectKeyed === true) {
      for (let i = 0; i < end; i++) { const o = out[i]; if (o !== null) o![name] = null; }
      continue;
    }
    // keep is the identity (transform/operators/keep.ts): the value itself, without a call or a context.
    if (p.operator === 'keep') {
      for (let i = 0; i < end; i++) { const o = out[i]; if (o !== null) o![name] = records[i]![name] ?? null; }
      continue;
    }
    const base = { dataset: dataset.name, field: name, keys };
    const memo = MEMOIZABLE.has(p.operator) ? memoOf<string | null>(ctx, name) : undefined;
    const walks = p.operator === 'fpe' && walksNumbers(p.logicalType);
    const apply = (v: string, octx: OperatorContext): string | null => (walks ? walkNumber((t) => p.prepared!.apply(t, octx)!, v, p.logicalType) : p.prepared!.apply(v, octx));
    let findSpans = p.findSpans;
    if (findSpans !== undefined) {
      const spans = memoOf<ReturnType<FindSpans>>(ctx, `${name}\u0000spans`, MEMO_TEXT_CHARS);
      const find = findSpans;
      findSpans = (t) => {
        let s = spans.get(t);
        if (s === undefined) spans.set(t, (s = find(t)));
        return s;
      };
    }
    // An operator with a column form (fpe) gets the column's distinct values not remembered yet, in
    // first-appearance order, in one call: the first value that fails is the one at the lowest row.
    const list = p.list === true;
    const column = walks || list ? undefined : p.prepared!.applyColumn;
    if (column !== undefined) {
      const r = applyColumnOnce(records, out, end, name, memo, (values) => column(values, base));
      if (r !== undefined) {
        const row = rows[r.index]!;
        const e = r.error;
        error = e instanceof CordonError
          ? { code: e.code, message: `row ${row}, column ${JSON.stringify(name)}: ${e.message}`, details: { ...(e.details ?? {}), row, column: name } }
          : toBlockError(e);
        end = r.index;
      }
      continue;
    }
    // One context per column; its per-record fields are set before each call (an operator reads its
    // context during the call only), so a value costs no new object. Absent fields are undefined.
    const octx: { -readonly [K in keyof OperatorContext]: OperatorContext[K] } = { ...base, ...(findSpans !== undefined ? { findSpans } : {}) };
    const one = (x: string): string | null => {
      if (memo === undefined) return apply(x, octx);
      let res = memo.get(x);
      if (res === undefined) memo.set(x, (res = apply(x, base)));
      return res;
    };
    // fpe on a list's number element: walked as a `number` column's value is (memo keyed apart from text).
    const oneNumber = (x: string): string => {
      const key = `\u0000n${x}`;
      const had = memo?.get(key);
      if (typeof had === 'string') return had;
      const res = walkNumber((t) => p.prepared!.apply(t, base)!, x, 'number');
      memo?.set(key, res);
      return res;
    };
    for (let i = 0; i < end; i++) {
      const o = out[i];
      if (o === null) continue;
      const v = records[i]![name];
      if (v === null || v === undefined || v === '') { o![name] = v ?? null; continue; }
      try {
        if (memo === undefined) {
          const subject = subjects?.[i];
          octx.placeholders = (placeholders[i] ??= new Map());
          octx.subject = subject !== null && subject !== undefined ? subject : undefined;
        }
        // A list column: the operator on each element (empty and null elements stay as they are);
        // fpe walks the cycle on number elements, so they stay numbers and reveal walks back.
        const res = !list ? one(v) : p.operator === 'fpe' ? mapListText(v, (e, num) => (num ? numberValue(oneNumber(e)) : one(e)))
          : listText(mapList(parseList(v), (e) => (e === '' ? e : one(e))));
        if (res !== null) o![name] = res;
      } catch (e) {
        const row = rows[i]!;
        // Operator errors get their place added.
        error = e instanceof CordonError
          ? { code: e.code, message: `row ${row}, column ${JSON.stringify(name)}: ${e.message}`, details: { ...(e.details ?? {}), row, column: name } }
          : toBlockError(e);
        end = i;
        break;
      }
    }
  }
  if (error === undefined) return { out, quarantined };
  return { out: out.slice(0, end), quarantined: quarantined.filter((q) => q.index < end), error };
}
