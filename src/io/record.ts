// The record shape every dataset reader yields: column name → string value or null. Nested values
// (JSON objects, Parquet structs) are flattened into dotted column names; arrays and values nested
// deeper than MAX_DEPTH become their JSON text. Pure: no I/O.

/** One row of a dataset. Own properties only (built with Object.fromEntries, so "__proto__" is safe). */
export type DatasetRecord = Readonly<Record<string, string | null>>;

/** Objects nested deeper than this are kept as JSON text instead of being flattened further. */
export const MAX_DEPTH = 8;

function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? null : x)) ?? 'null';
}

/** A scalar as a string: numbers and booleans in their JSON spelling, dates as ISO 8601, bytes as null. */
export function scalarText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  // Binary values are not text: scanning base64 noise only produces false alarms.
  if (v instanceof Uint8Array) return null;
  return jsonText(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

/**
 * Flattens `{a: {b: 1}, c: [1, 2]}` to `{"a.b": "1", "c": "[1,2]"}`. When a flattened name collides
 * with an existing key, the first one seen wins.
 */
export function flattenRecord(value: Readonly<Record<string, unknown>>): DatasetRecord {
  const out: Array<[string, string | null]> = [];
  const seen = new Set<string>();
  const walk = (obj: Readonly<Record<string, unknown>>, prefix: string, depth: number): void => {
    for (const [k, v] of Object.entries(obj)) {
      const name = prefix === '' ? k : `${prefix}.${k}`;
      if (isPlainObject(v) && depth < MAX_DEPTH && Object.keys(v).length > 0) {
        walk(v, name, depth + 1);
      } else if (!seen.has(name)) {
        seen.add(name);
        out.push([name, scalarText(v)]);
      }
    }
  };
  walk(value, '', 1);
  return Object.fromEntries(out);
}
