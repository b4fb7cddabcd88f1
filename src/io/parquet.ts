// Reads the records of a Parquet file with hyparquet (pure JavaScript; hyparquet-compressors adds
// gzip, brotli, zstd and lz4 to its built-in snappy). Rows are read a row group at a time (large
// groups in batches), so a sampled read touches only the row groups it needs. Values keep their types
// (value.ts): integers, doubles, booleans, DATE as LocalDate, TIMESTAMP as Instant at the file's
// precision, TIME as LocalTime (hyparquet gives the raw count), DECIMAL as Decimal (exact: hyparquet's own conversion goes through a double and keeps
// ~15 digits, so the file's unscaled integers are read raw and scaled here, map values included), structs as objects and
// lists as arrays. A BYTE_ARRAY without a UTF8 annotation stays
// bytes (utf8: false): decoding binary as text would replace its invalid sequences for good.
import { promises as fsp } from 'node:fs';
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData, type ParquetParsers, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { CordonError } from '../errors.js';
import { Decimal, Instant, isStruct, LocalDate, LocalTime, type TimeUnit, type TypedRecord, type Value } from './value.js';

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

function unannotated(e: SchemaElement): SchemaElement {
  const { converted_type: _c, logical_type: _l, ...rest } = e;
  return rest;
}

type SchemaNode = ReturnType<typeof parquetSchema>;
type Fix = (v: unknown) => unknown;

function isDecimal(e: SchemaElement): boolean {
  return e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL';
}

/** The unscaled integer as the file stores it: INT32, INT64 or big-endian two's complement bytes. */
function decimalOf(raw: unknown, scale: number): Decimal | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'bigint') return new Decimal(raw, scale);
  if (typeof raw === 'number') return new Decimal(BigInt(raw), scale);
  if (!(raw instanceof Uint8Array)) throw new CordonError('ERR_INPUT_INVALID', 'a Parquet DECIMAL value is neither an integer nor bytes');
  let u = 0n;
  for (const b of raw) u = (u << 8n) | BigInt(b);
  if (raw.length > 0 && raw[0]! >= 0x80) u -= 1n << BigInt(raw.length * 8);
  return new Decimal(u, scale);
}

/** A TIME leaf's unit, or undefined when the element is not a TIME. */
function timeUnitOf(e: SchemaElement): TimeUnit | undefined {
  if (e.converted_type === 'TIME_MILLIS') return 'MILLIS';
  if (e.converted_type === 'TIME_MICROS') return 'MICROS';
  return e.logical_type?.type === 'TIME' ? e.logical_type.unit : undefined;
}

function timeOf(raw: unknown, unit: TimeUnit): LocalTime | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'bigint' && typeof raw !== 'number') throw new CordonError('ERR_INPUT_INVALID', 'a Parquet TIME value is not an integer');
  return new LocalTime(BigInt(raw), unit);
}

/**
 * How to turn a column's raw leaves into value.ts classes hyparquet does not make (Decimal from the
 * unscaled integer, LocalTime from the count since midnight), or undefined when it holds none; `raw`
 * collects the DECIMAL leaves to read unconverted: at top level, in structs, lists and map values.
 */
function leafFix(node: SchemaNode, raw: Set<SchemaElement>): Fix | undefined {
  const e = node.element;
  if (node.children.length === 0) {
    const unit = timeUnitOf(e);
    if (unit !== undefined) return (v) => timeOf(v, unit);
    if (!isDecimal(e)) return undefined;
    raw.add(e);
    const scale = e.scale ?? (e.logical_type?.type === 'DECIMAL' ? e.logical_type.scale : 0);
    return (v) => decimalOf(v, scale);
  }
  if (e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'MAP') {
    // hyparquet assembles a map as an object of key → value: the values' leaves are fixed as a struct's.
    const value = node.children[0]?.children.find((ch) => ch.element.name === 'value');
    const f = value === undefined ? undefined : leafFix(value, raw);
    return f === undefined ? undefined : (v) => (isStruct(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x)])) : v);
  }
  if (e.converted_type === 'LIST' || e.logical_type?.type === 'LIST') {
    const item = node.children[0]?.children[0];
    const f = item === undefined ? undefined : leafFix(item, raw);
    return f === undefined ? undefined : (v) => (Array.isArray(v) ? v.map(f) : v);
  }
  const fixes: Array<[string, Fix]> = [];
  for (const ch of node.children) {
    const f = leafFix(ch, raw);
    if (f !== undefined) fixes.push([ch.element.name, f]);
  }
  if (fixes.length === 0) return undefined;
  return (v) => {
    if (!isStruct(v)) return v;
    const out: Record<string, Value> = { ...v };
    for (const [k, f] of fixes) if (Object.hasOwn(out, k)) out[k] = f(out[k]) as Value;
    return out;
  };
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
    const top = parquetSchema(metadata).children;
    const columns = top.map((c) => c.element.name);
    const raw = new Set<SchemaElement>();
    const fixes: Array<[string, Fix]> = [];
    for (const c of top) {
      const f = leafFix(c, raw);
      if (f !== undefined) fixes.push([c.element.name, f]);
    }
    // hyparquet converts a column by its element's annotation: without it, DECIMAL leaves come raw.
    const readMeta: FileMetaData = raw.size === 0 ? metadata : { ...metadata, schema: metadata.schema.map((e) => (raw.has(e) ? unannotated(e) : e)) };
    options.onColumns?.(columns);
    options.onSchema?.(metadata.schema);
    const total = Math.min(Number(metadata.num_rows), options.limit ?? Number.MAX_SAFE_INTEGER);
    for (const [start, end] of batches(metadata, total)) {
      let rows: Array<Record<string, unknown>>;
      try {
        rows = await parquetReadObjects({ file, metadata: readMeta, rowStart: start, rowEnd: end, compressors, useOffsetIndex: true, parsers: PARSERS, utf8: false }) as Array<Record<string, unknown>>;
      } catch (e) {
        throw invalid(`cannot decode Parquet rows ${start}-${end - 1}`, e);
      }
      for (const row of rows) {
        for (const [k, f] of fixes) if (Object.hasOwn(row, k)) row[k] = f(row[k]);
        yield row as TypedRecord;
      }
      options.onBytesRead?.(Math.round((size * end) / Math.max(1, Number(metadata.num_rows))));
    }
  } finally {
    await fh.close();
  }
}
