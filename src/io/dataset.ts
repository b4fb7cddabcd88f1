// Opens a dataset file and streams its records, whatever the format: CSV, TSV, JSONL or Parquet,
// chosen by extension or by the caller. Before parsing, the first bytes are checked so a compressed
// archive or a Parquet file under the wrong name gets a clear error instead of a parse failure.
// `limit` stops the read early (sampling), so memory and time are bounded by the sample.
import { createReadStream, promises as fsp } from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import { CordonError } from '../errors.js';
import { readCsvRecords, type SkippedRecord } from './csv.js';
import { readJsonlRecords } from './jsonl-records.js';
import { readParquetRecords } from './parquet.js';
import type { DatasetRecord } from './record.js';

export const DATASET_FORMATS = ['csv', 'tsv', 'jsonl', 'parquet'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

const EXTENSIONS: Readonly<Record<string, DatasetFormat>> = {
  csv: 'csv', tsv: 'tsv', tab: 'tsv', jsonl: 'jsonl', ndjson: 'jsonl', parquet: 'parquet', pq: 'parquet',
};

/** Magic numbers of inputs that are not text datasets. */
const MAGIC: ReadonlyArray<{ bytes: readonly number[]; what: string }> = [
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed; decompress it first' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook?); export it as CSV first' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed; decompress it first' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed; decompress it first' },
];
const PAR1 = [0x50, 0x41, 0x52, 0x31];

/** Text encodings the readers accept: UTF-8 (strict), or Windows-1252 as spreadsheet exports often are. */
export const TEXT_ENCODINGS = ['utf-8', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export interface ReadRecordsOptions {
  /** Default: from the file extension. */
  readonly format?: DatasetFormat;
  /** Encoding of CSV, TSV and JSONL input (default utf-8). */
  readonly encoding?: TextEncoding;
  /** Stop after this many records (bad records skipped do not count). */
  readonly limit?: number;
  readonly onError?: 'fail' | 'skip';
  readonly onSkip?: (skipped: SkippedRecord) => void;
  /** Called once with the column names when the format declares them (CSV header, Parquet schema). */
  readonly onColumns?: (columns: readonly string[]) => void;
  /** Input for path '-' (default: process.stdin). */
  readonly stdin?: Readable;
  /** Called as input is consumed with the bytes read so far (Parquet: estimated from rows decoded), for progress. */
  readonly onBytesRead?: (bytes: number) => void;
}

/** Windows-1252 is one byte per character, so chunks convert to UTF-8 independently. */
function fromWindows1252(): Transform {
  const decoder = new TextDecoder('windows-1252');
  return new Transform({ transform(chunk: Buffer, _enc, done) { done(null, Buffer.from(decoder.decode(chunk), 'utf8')); } });
}

/** Counts the bytes passing through, for progress. */
function byteCounter(onBytes: (bytes: number) => void): Transform {
  let total = 0;
  return new Transform({ transform(chunk: Buffer, _enc, done) { total += chunk.length; onBytes(total); done(null, chunk); } });
}

/** The format named by a path's extension, or undefined. */
export function formatFromPath(path: string): DatasetFormat | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? EXTENSIONS[m[1]!.toLowerCase()] : undefined;
}

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

async function sniff(path: string, format: DatasetFormat): Promise<void> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(path, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'error';
    throw new CordonError('ERR_IO', `cannot read ${path}: ${code}`, { cause: e });
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new CordonError('ERR_IO', `cannot read ${path}: EISDIR`);
    if (st.size === 0) throw new CordonError('ERR_INPUT_INVALID', `${path} is empty`);
    const head = new Uint8Array(8);
    await fh.read(head, 0, 8, 0);
    if (format === 'parquet') {
      if (!startsWith(head, PAR1)) throw new CordonError('ERR_INPUT_INVALID', `${path} is not a Parquet file (no PAR1 magic)`);
      return;
    }
    if (startsWith(head, PAR1)) throw new CordonError('ERR_INPUT_INVALID', `${path} is a Parquet file; use --format parquet`);
    for (const m of MAGIC) if (startsWith(head, m.bytes)) throw new CordonError('ERR_FORMAT_UNSUPPORTED', `${path} is ${m.what}`);
  } catch (e) {
    if (e instanceof CordonError) throw e;
    throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as { code?: string }).code ?? 'error'}`, { cause: e });
  } finally {
    await fh.close();
  }
}

/**
 * Streams the records of a dataset file (or stdin for '-', CSV/TSV/JSONL only).
 *
 * @example
 * ```ts
 * for await (const r of readRecords('people.csv', { limit: 1000 })) sample.push(r);
 * ```
 */
export async function* readRecords(path: string, options: ReadRecordsOptions = {}): AsyncGenerator<DatasetRecord> {
  const format = options.format ?? formatFromPath(path);
  if (format === undefined) {
    throw new CordonError('ERR_FORMAT_UNSUPPORTED', `cannot tell the format of ${path} from its extension (.csv, .tsv, .jsonl, .ndjson, .parquet); pass --format`);
  }
  if (path === '-' && format === 'parquet') throw new CordonError('ERR_USAGE', 'Parquet cannot be read from stdin (it needs random access); pass a file');
  if (path !== '-') await sniff(path, format);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (limit <= 0) return;

  let source: AsyncGenerator<DatasetRecord>;
  if (format === 'parquet') {
    source = readParquetRecords(path, { limit, ...(options.onColumns ? { onColumns: options.onColumns } : {}), ...(options.onBytesRead ? { onBytesRead: options.onBytesRead } : {}) });
  } else {
    const file = path === '-' ? (options.stdin ?? process.stdin) : createReadStream(path);
    // pipeline, not pipe: a read error reaches the parser, and an early stop closes the file.
    const raw = options.onBytesRead ? pipeline(file, byteCounter(options.onBytesRead), () => {}) : file;
    const input = options.encoding === 'windows-1252' ? raw.pipe(fromWindows1252()) : raw;
    const common = { ...(options.onError ? { onError: options.onError } : {}), ...(options.onSkip ? { onSkip: options.onSkip } : {}) };
    source = format === 'jsonl'
      ? readJsonlRecords(input, common)
      : readCsvRecords(input, { ...common, delimiter: format === 'tsv' ? '\t' : ',', ...(options.onColumns ? { onColumns: options.onColumns } : {}) });
  }
  let n = 0;
  try {
    for await (const r of source) {
      yield r;
      if (++n >= limit) return;
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EIO') throw new CordonError('ERR_IO', `cannot read ${path}: ${code}`, { cause: e });
    if (e instanceof CordonError && /not valid UTF-8/.test(e.message)) {
      throw new CordonError(e.code, `${e.message}; a spreadsheet export may be Windows-1252: try --encoding windows-1252`, { ...(e.details ? { details: { ...e.details } } : {}), cause: e });
    }
    throw e;
  }
}
