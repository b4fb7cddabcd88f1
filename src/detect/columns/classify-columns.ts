// Classifies every column of a sampled table. Pure: the caller reads the sample (src/io) and
// passes records; columns are reported in first-seen order (header order for CSV and Parquet).
import type { Recognizer } from '../types.js';
import { classifyColumn, type ClassifyColumnOptions } from './classify-column.js';
import type { ColumnClassification } from './types.js';

export interface TableSample {
  /** Column names in order; columns seen only in records are appended. */
  readonly columns?: readonly string[];
  readonly records: ReadonlyArray<Readonly<Record<string, string | null>>>;
}

/**
 * @example
 * ```ts
 * classifyColumns({ records: [{ email: 'a@b.co', n: '1' }] }, { recognizers: DEFAULT_RECOGNIZERS })
 * ```
 */
export function classifyColumns(sample: TableSample, options: ClassifyColumnOptions & { readonly recognizers: readonly Recognizer[] }): ColumnClassification[] {
  const names: string[] = [...(sample.columns ?? [])];
  const known = new Set(names);
  for (const r of sample.records) {
    for (const k of Object.keys(r)) if (!known.has(k)) { known.add(k); names.push(k); }
  }
  return names.map((name) => classifyColumn(name, sample.records.map((r) => (Object.hasOwn(r, name) ? r[name] ?? null : null)), options));
}
