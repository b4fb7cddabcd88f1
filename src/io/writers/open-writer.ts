// One record writer per output format, chosen by a tagged switch: CSV and TSV (papaparse), JSONL,
// a JSON array, Parquet (hyparquet-writer).
import type { DatasetFormat } from '../dataset.js';
import type { CsvDialect } from '../dialect.js';
import { createDelimitedWriter } from './write-delimited.js';
import { createJsonArrayWriter } from './write-json.js';
import { createJsonlWriter } from './write-jsonl.js';
import { createParquetWriter, type ParquetWriterOptions } from './write-parquet.js';
import type { ByteOutput, RecordWriter, RecordWriterOptions } from './types.js';

export interface OpenWriterOptions extends RecordWriterOptions {
  readonly format: DatasetFormat;
  /** Parquet only: rows per row group. */
  readonly rowGroupRows?: number;
  /** Parquet only: `created_by`. */
  readonly createdBy?: string;
  /** Parquet only: the input's Parquet schema, kept for columns whose values still fit it. */
  readonly schemaHint?: ParquetWriterOptions['schemaHint'];
  /** Parquet only: the type of a column null in every drafted row. */
  readonly nullHint?: ParquetWriterOptions['nullHint'];
  /** CSV and TSV: the dialect to write (default: `,` or tab, `"`, LF, a header row). */
  readonly dialect?: Partial<CsvDialect>;
}

/**
 * A writer for `format` over `out`.
 *
 * @example
 * ```ts
 * const w = openRecordWriter(out, { format: 'parquet', columns: ['id', 'email'] });
 * ```
 */
export function openRecordWriter(out: ByteOutput, options: OpenWriterOptions): RecordWriter {
  const base = options.columns !== undefined ? { columns: options.columns } : {};
  const d = options.dialect ?? {};
  const dialect = {
    ...(d.quoteChar !== undefined ? { quoteChar: d.quoteChar } : {}),
    ...(d.newline !== undefined ? { newline: d.newline } : {}),
    ...(d.header !== undefined ? { header: d.header } : {}),
  };
  switch (options.format) {
    case 'csv': return createDelimitedWriter(out, { ...base, ...dialect, ...(d.sepLine === true ? { sepLine: true } : {}), delimiter: d.delimiter ?? ',' });
    case 'tsv': return createDelimitedWriter(out, { ...base, ...dialect, delimiter: '\t' });
    case 'jsonl': return createJsonlWriter(out, base);
    case 'json': return createJsonArrayWriter(out, base);
    case 'parquet': return createParquetWriter(out, {
      ...base,
      ...(options.rowGroupRows !== undefined ? { rowGroupRows: options.rowGroupRows } : {}),
      ...(options.createdBy !== undefined ? { createdBy: options.createdBy } : {}),
      ...(options.schemaHint !== undefined ? { schemaHint: options.schemaHint } : {}),
      ...(options.nullHint !== undefined ? { nullHint: options.nullHint } : {}),
    });
    default: {
      const never: never = options.format;
      throw new TypeError(`unknown format ${String(never)}`);
    }
  }
}
