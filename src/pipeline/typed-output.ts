// Builds a protected record with the input's types and nesting: operators work on the string view
// (record.ts), and their outputs go back at the paths they came from, in the type the operator
// declares (transform/types.ts OutputType). A value no operator changes (keep, null, empty) is the
// input's own value, untouched. An output that cannot be written in its declared type stops the run
// (ERR_INPUT_INVALID naming the row and column, never the value) instead of changing type silently.
import { CordonError } from '../errors.js';
import type { RecordView } from '../io/record.js';
import { parseList, type ListNode } from '../io/list-text.js';
import { Decimal, Instant, kindOf, LocalDate, LocalTime, setPath, type TypedRecord, type Value } from '../io/value.js';
import type { OutputType } from '../transform/types.js';
import type { ColumnPlan } from './column-plan.js';

function valueAt(record: TypedRecord, path: readonly string[]): Value | undefined {
  let v: Value | undefined = record;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.hasOwn(v, k)) return undefined;
    v = (v as { readonly [key: string]: Value })[k];
  }
  return v;
}

/** `text` as a value of `original`'s type, or undefined when the type cannot spell it exactly. */
export function asTypeOf(text: string, original: Value): Value | undefined {
  // A DECIMAL stays one at its scale, spelt as its view or its full text (`1.5` or `1.50` at scale
  // 2): any other spelling (`01.50`, `1.505`) is refused, never rounded or respelt (fpe's outputs
  // must read back as the same text for reveal).
  if (original instanceof Decimal) {
    const d = Decimal.parse(text, original.scale);
    return d !== undefined && (d.toString() === text || d.text() === text) ? d : undefined;
  }
  switch (kindOf(original)) {
    case 'integer': {
      if (!/^-?(?:0|[1-9]\d*)$/.test(text)) return undefined;
      // Beyond 2^53 a double cannot hold it exactly: a bigint (JSON digits, Parquet INT64) can.
      const n = Number(text);
      return typeof original !== 'bigint' && Number.isSafeInteger(n) ? n : BigInt(text);
    }
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) && String(n) === text ? n : undefined;
    }
    case 'boolean': return text === 'true' ? true : text === 'false' ? false : undefined;
    case 'date': return LocalDate.parse(text);
    case 'time': return LocalTime.parse(text, (original as LocalTime).unit);
    case 'timestamp': return Instant.parse(text, (original as Instant).unit) ?? LocalDate.parse(text);
    default: return text;
  }
}

/** `text` in the declared output type; undefined when it cannot be. */
function convert(text: string, type: OutputType, original: Value): Value | undefined {
  switch (type) {
    case 'string': return text;
    case 'integer': {
      if (!/^-?\d+$/.test(text)) return undefined;
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : BigInt(text);
    }
    case 'input': return asTypeOf(text, original);
  }
}

/** The outputs of a list's elements (same shape as `before`) in their declared type; undefined when one cannot be. */
function typedList(nodes: readonly ListNode[], before: readonly Value[], type: OutputType): Value[] | undefined {
  const out: Value[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const b = before[i] ?? null;
    if (n === null) { out.push(null); continue; }
    const v = typeof n === 'string' ? (n === '' && typeof b === 'string' ? b : convert(n, type, b)) : Array.isArray(b) ? typedList(n, b as readonly Value[], type) : undefined;
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

/** Each plan column's path in a flat record (its name alone), made once per plan. */
const flatPathsOf = new WeakMap<readonly ColumnPlan[], ReadonlyArray<readonly string[]>>();

function flatPaths(plan: readonly ColumnPlan[]): ReadonlyArray<readonly string[]> {
  let paths = flatPathsOf.get(plan);
  if (paths === undefined) flatPathsOf.set(plan, (paths = plan.map((p) => [p.name])));
  return paths;
}

export interface TypedOutputContext {
  /** The record's 1-based row, for errors. */
  readonly row: number;
  /**
   * Write a cell the view reads as null while the input holds text (a null marker of the contract,
   * io/null-values.ts) as null: for outputs that have nulls (JSON, Parquet), where "NULL" next to
   * numbers would change the column's type. CSV output keeps the marker as written.
   */
  readonly markersAsNull?: boolean;
}

/**
 * The protected record: `original` with each planned column's output from `out` (the string view's
 * results, one per column name) put back at its path in its declared type, dropped columns removed.
 * (fpe on an integer or number column has already walked the cycle to a number: number-walk.ts.)
 */
export function typedOutput(original: TypedRecord, view: RecordView, out: Readonly<Record<string, string | null>>, plan: readonly ColumnPlan[], ctx: TypedOutputContext): TypedRecord {
  let rec = original;
  const owned = new Set<object>();
  // A flat record (CSV, flat JSON) is its own view: each name is its own path, made once per plan.
  const flat = view.record === original ? flatPaths(plan) : undefined;
  for (let c = 0; c < plan.length; c++) {
    const p = plan[c]!;
    if (p.operator === 'keep' && ctx.markersAsNull !== true) continue;
    const path = flat !== undefined ? (Object.hasOwn(original, p.name) ? flat[c] : undefined) : view.paths.get(p.name);
    if (path === undefined) continue; // not in this record: stays absent
    const text = view.record[p.name];
    if (text === null || text === '') { // never given to an operator
      if (text === null && ctx.markersAsNull === true && typeof (flat !== undefined ? original[p.name] : valueAt(original, path)) === 'string') rec = setPath(rec, path, null, owned);
      continue;
    }
    if (p.operator === 'keep') continue;
    if (!Object.hasOwn(out, p.name) || out[p.name] === null) {
      rec = setPath(rec, path, undefined, owned);
      continue;
    }
    const before = (flat !== undefined ? original[p.name] : valueAt(original, path)) ?? null;
    const type = p.operator === 'tokenize' ? 'string' : p.prepared!.output;
    // A list column: the outputs go back as a list, each element in the declared type of its own input element.
    const value = p.list === true && Array.isArray(before) ? typedList(parseList(out[p.name]!), before as readonly Value[], type) : convert(out[p.name]!, type, before);
    if (value === undefined) {
      const type = p.list === true && Array.isArray(before) ? 'list element' : kindOf(before);
      // fpe keeps numbers numbers only when the contract says the column is one (so reveal walks back too).
      // A list's number elements are walked in apply-block.ts; this hint is for what fpe cannot keep.
      const hint = p.operator !== 'fpe' ? '' : type === 'integer' || type === 'number' ? `; declare the column's logicalType ${type} so fpe keeps it a number` : type === 'list element' ? '; fpe does not keep the elements of a list numbers: protect the list with deterministic (reversible) or hash' : '';
      throw new CordonError('ERR_INPUT_INVALID', `row ${ctx.row}, column ${JSON.stringify(p.name)}: the ${p.operator} output cannot be written as ${p.prepared?.output === 'integer' ? 'an integer' : `a value of the input's type (${type})`}${hint}`, { details: { row: ctx.row, column: p.name, operator: p.operator } });
    }
    rec = setPath(rec, path, value, owned);
  }
  return rec;
}
