// Reads the records of a Parquet file with hyparquet (pure JavaScript; hyparquet-compressors adds
// gzip, brotli, zstd and lz4 to its built-in snappy). Rows are read a row group at a time (large
// groups in batches), so a sampled read touches only the row groups it needs. Values keep their types
// (value.ts): integers, doubles, booleans, DATE as LocalDate, TIMESTAMP as Instant at the file's
// precision, structs as objects and lists as arrays. A BYTE_ARRAY without a UTF8 annotation stays
// bytes (utf8: false): decoding binary as text would replace its invalid sequences for good.
import { promises as fsp } from 'node:fs';
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData, type ParquetParsers, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { CordonError } from '../errors.js';
import { Instant, LocalDate, type TypedRecord } from './value.js';

/**
 * Rows decoded per call within a large row group. hyparquet decodes a column chunk whole (or, with an
 * offset index, the pages overlapping the range) on every call, so a row group of up to
 * WHOLE_GROUP_ROWS rows is read in one call rather than re-decoded once per batch.
 */
const BATCH_ROWS = 16_384;
const WHOLE_GROUP_ROWS = 65_536;

/** [start, end) row ranges to read: one per row group, large groups cut into BATCH_ROWS, stopping at `total`. */
function batches(metadata: FileMetaData, total: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let groupStart = 0;
  for (const g of metadata.row_groups) {
    const n = Number(g.num_rows);
    const end = Math.min(total, groupStart + n);
    const step = n <= WHOLE_GROUP_ROWS ? n : BATCH_ROWS;
    for (let s = groupStart; s < end; s += step) out.push([s, Math.min(end, s + step)]);
    groupStart += n;
    if (groupStart >= total) break;
  }
  return out;
}

export interface ParquetReadOptions {
  /** Read at most this many rows. */
  readonly limit?: number;
  /** Called once with the top-level column names, before the first record. */
  readonly onColumns?: (columns: readonly string[]) => void;
  /** Called after each batch with the file bytes read so far, estimated from the rows decoded. */
  readonly onBytesRead?: (bytes: number) => void;
  /** Called once with the file's schema (flat, in Parquet's preorder), before the first record. */
  readonly onSchema?: (schema: readonly SchemaElement[]) => void;
}

/** Dates and timestamps as value.ts's classes: a Date would turn a DATE into a timestamp and drop microseconds. */
const PARSERS: Partial<ParquetParsers> = {
  dateFromDays: (days: number) => new LocalDate(days),
  timestampFromMilliseconds: (v: bigint) => new Instant(BigInt(v), 'MILLIS'),
  timestampFromMicroseconds: (v: bigint) => new Instant(BigInt(v), 'MICROS'),
  timestampFromNanoseconds: (v: bigint) => new Instant(BigInt(v), 'NANOS'),
};

function fileBuffer(fh: fsp.FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = Math.min(end ?? size, size);
      const buf = new Uint8Array(Math.max(0, stop - start));
      let done = 0;
      while (done < buf.length) {
        const { bytesRead } = await fh.read(buf, done, buf.length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buf.buffer;
    },
  };
}

/** hyparquet's messages describe structure (encodings, lengths), never values; cut them short anyway. */
function invalid(what: string, e: unknown): CordonError {
  const why = e instanceof Error ? e.message.slice(0, 200) : 'unknown error';
  return new CordonError('ERR_INPUT_INVALID', `${what}: ${why}`, { cause: e });
}

/**
 * Column types hyparquet cannot convert (it throws mid-read): refused before the first row with the
 * column named, so a user knows which column to cast rather than seeing a decode failure.
 */
const UNREADABLE: Readonly<Record<string, string>> = { INTERVAL: 'INTERVAL', BSON: 'BSON' };

function refuseUnreadable(schema: readonly SchemaElement[]): void {
  const bad = schema.filter((e) => e.converted_type !== undefined && UNREADABLE[e.converted_type] !== undefined);
  if (bad.length === 0) return;
  const named = bad.map((e) => `${e.name} (${UNREADABLE[e.converted_type!]})`).join(', ');
  throw new CordonError('ERR_FORMAT_UNSUPPORTED', `Parquet column(s) of a type Cordon cannot read: ${named}; cast them to text or leave them out when writing the file (DuckDB: CAST(col AS VARCHAR))`, {
    details: { columns: bad.map((e) => e.name).join(',') },
  });
}

/**
 * Yields the records of the Parquet file at `path`.
 *
 * @example
 * ```ts
 * for await (const r of readParquetRecords('users.parquet', { limit: 1000 })) console.log(r);
 * ```
 */
export async function* readParquetRecords(path: string, options: ParquetReadOptions = {}): AsyncGenerator<TypedRecord> {
  const fh = await fsp.open(path, 'r');
  try {
    const { size } = await fh.stat();
    const file = fileBuffer(fh, size);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (e) {
      throw invalid('not a readable Parquet file', e);
    }
    refuseUnreadable(metadata.schema);
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    options.onColumns?.(columns);
    options.onSchema?.(metadata.schema);
    const total = Math.min(Number(metadata.num_rows), options.limit ?? Number.MAX_SAFE_INTEGER);
    for (const [start, end] of batches(metadata, total)) {
      let rows: Array<Record<string, unknown>>;
      try {
        rows = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: end, compressors, useOffsetIndex: true, parsers: PARSERS, utf8: false }) as Array<Record<string, unknown>>;
      } catch (e) {
        throw invalid(`cannot decode Parquet rows ${start}-${end - 1}`, e);
      }
      for (const row of rows) yield row as TypedRecord;
      options.onBytesRead?.(Math.round((size * end) / Math.max(1, Number(metadata.num_rows))));
    }
  } finally {
    await fh.close();
  }
}
