// The string view of a record that checks, detection and operators work on: column name → text or
// null. Nested values (JSON objects, Parquet structs) are flattened into dotted column names; arrays
// and values nested deeper than MAX_DEPTH become their JSON text. The typed record itself
// (value.ts) is what writers take, so the view is for reading values, never for writing them.
// Pure: no I/O.
import { Decimal, Instant, isStruct, jsonOf, LocalDate, LocalTime, type TypedRecord, type Value } from './value.js';

/** One row of a dataset as text. Own properties only (built with Object.fromEntries, so "__proto__" is safe). */
export type DatasetRecord = Readonly<Record<string, string | null>>;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Objects nested deeper than this are kept as JSON text instead of being flattened further. */
export const MAX_DEPTH = 8;

/** A scalar as a string: numbers and booleans in their JSON spelling, dates, times and timestamps as ISO 8601, bytes as null. */
export function scalarText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Decimal) return v.text();
  if (v instanceof LocalDate || v instanceof LocalTime || v instanceof Instant) return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  // Bytes that are valid UTF-8 are read as the text they hold (writers do not always annotate
  // strings); other binary is not text, and scanning noise only produces false alarms.
  if (v instanceof Uint8Array) {
    try {
      const text = STRICT_UTF8.decode(v);
      return /[\x00-\x08\x0e-\x1f]/.test(text) ? null : text; // control bytes: binary, not text
    } catch {
      return null;
    }
  }
  return jsonOf(v as Value);
}

/** For each name of a view, the path of keys that leads to its value. */
export interface PathLookup {
  get(name: string): readonly string[] | undefined;
  entries(): Iterable<readonly [string, readonly string[]]>;
}

/** A flattened record and the path behind each of its names. */
export interface RecordView {
  readonly record: DatasetRecord;
  readonly paths: PathLookup;
}

/** A flat record of strings and nulls (CSV, TSV, most JSONL) is its own view: no copy, paths made on demand. */
function flatView(value: TypedRecord): RecordView | undefined {
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const v = value[k];
    if (v !== null && typeof v !== 'string') return undefined;
  }
  const record = value as DatasetRecord;
  return {
    record,
    paths: {
      get: (name) => (Object.hasOwn(record, name) ? [name] : undefined),
      *entries() { for (const k of Object.keys(record)) yield [k, [k]] as const; },
    },
  };
}

/**
 * Flattens `{a: {b: 1}, c: [1, 2]}` to `{"a.b": "1", "c": "[1,2]"}` with the path of each name
 * (`a.b` → ["a", "b"]). When a flattened name collides with an existing key, the first one seen wins.
 */
export function recordView(value: TypedRecord): RecordView {
  const flat = flatView(value);
  if (flat !== undefined) return flat;
  const out: Array<[string, string | null]> = [];
  const paths = new Map<string, readonly string[]>();
  const walk = (obj: TypedRecord, prefix: string, path: readonly string[], depth: number): void => {
    for (const [k, v] of Object.entries(obj)) {
      const name = prefix === '' ? k : `${prefix}.${k}`;
      const at = [...path, k];
      if (isStruct(v) && depth < MAX_DEPTH && Object.keys(v).length > 0) {
        walk(v, name, at, depth + 1);
      } else if (!paths.has(name)) {
        paths.set(name, at);
        out.push([name, scalarText(v)]);
      }
    }
  };
  walk(value, '', [], 1);
  return { record: Object.fromEntries(out), paths };
}

/** The string view of a record (recordView without the paths). */
export function flattenRecord(value: Readonly<Record<string, unknown>>): DatasetRecord {
  return recordView(value as TypedRecord).record;
}
