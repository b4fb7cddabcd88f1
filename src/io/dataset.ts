// Opens a dataset file and streams its records, whatever the format: CSV, TSV, JSONL, a JSON array or Parquet,
// chosen by extension or by the caller. Before parsing, the first bytes are checked so a compressed
// archive or a Parquet file under the wrong name gets a clear error instead of a parse failure.
// `limit` stops the read early (sampling), so memory and time are bounded by the sample.
import { createReadStream, promises as fsp } from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import { decompressedInput } from './compression.js';
import { CordonError } from '../errors.js';
import { readCsvRecords, type SkippedRecord } from './csv.js';
import { sniffDialect, type CsvDialect, type Delimiter } from './dialect.js';
import { bomOf, decodeSample, utf8Input, type TextEncoding } from './text-encoding.js';
import { readJsonArrayRecords } from './json-array-records.js';
import { readJsonlRecords } from './jsonl-records.js';
import { readParquetRecords } from './parquet.js';
import type { SchemaElement } from 'hyparquet';
import { flattenRecord, type DatasetRecord } from './record.js';
import type { TypedRecord } from './value.js';
import { DATASET_EXTENSIONS, EXTENSIONS, type DatasetFormat } from './formats.js';

/** A Parquet file's schema (flat, preorder), handed from the reader to the Parquet writer as a hint. */
export type ParquetSchema = readonly SchemaElement[];

export { DATASET_EXTENSIONS, DATASET_FILE_HELP, DATASET_FORMATS, type DatasetFormat } from './formats.js';

/** Magic numbers of inputs that are not text datasets. */
const MAGIC: ReadonlyArray<{ bytes: readonly number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook?); export it as CSV first' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed; decompress it first' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'a legacy Excel workbook (.xls) or another OLE2 document; save it as CSV UTF-8 first' },
];
const PAR1 = [0x50, 0x41, 0x52, 0x31];

export { TEXT_ENCODINGS, type TextEncoding } from './text-encoding.js';

/** Bytes read ahead to find a byte-order mark and sniff a CSV dialect. */
const SNIFF_BYTES = 64 * 1024;

/** What the reader found out about a text input: its encoding and, for CSV/TSV, its dialect. */
export interface InputDialect {
  readonly encoding: TextEncoding;
  /** A byte-order mark was present (and dropped). */
  readonly bom: boolean;
  readonly csv?: CsvDialect;
}

export interface ReadRecordsOptions {
  /** Default: from the file extension. */
  readonly format?: DatasetFormat;
  /** Encoding of CSV, TSV and JSONL input (default utf-8); a byte-order mark decides over it. */
  readonly encoding?: TextEncoding;
  /** CSV/TSV delimiter (default: sniffed from the first 64 KiB for CSV, tab for TSV). */
  readonly delimiter?: Delimiter;
  /** Called once, before the first record, with the encoding and dialect in use. */
  readonly onDialect?: (dialect: InputDialect) => void;
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
  /** Parquet only: called once with the file's schema, before the first record (the Parquet writer keeps its types). */
  readonly onParquetSchema?: (schema: ParquetSchema) => void;
  /** JSON only: the path of keys to the array of records in a file that wraps them (`{"data": [...]}` → `['data']`). */
  readonly records?: readonly string[];
}

/** Counts the bytes passing through, for progress. */
function byteCounter(onBytes: (bytes: number) => void): Transform {
  let total = 0;
  return new Transform({ transform(chunk: Buffer, _enc, done) { total += chunk.length; onBytes(total); done(null, chunk); } });
}

/** The extension of a path past `.gz`/`.zst`, lower-cased, or undefined. */
export function extensionOf(path: string): string | undefined {
  return /\.([A-Za-z0-9]+)$/.exec(path.replace(/\.(gz|zst)$/i, ''))?.[1]!.toLowerCase();
}

/** Compressions named by extension that Cordon does not decompress, with the command that does. */
const UNREAD_COMPRESSIONS: Readonly<Record<string, { name: string; tool: string }>> = { xz: { name: 'xz', tool: 'xz -dk' }, bz2: { name: 'bzip2', tool: 'bunzip2 -k' } };

/** Spreadsheet workbooks: named as such when given as a dataset, since --format cannot read them either. */
const WORKBOOKS: ReadonlySet<string> = new Set(['xlsx', 'xlsm', 'xlsb', 'xls', 'ods', 'numbers']);

/**
 * The error for a path whose extension names no format: a workbook is told to be exported as CSV;
 * anything else is told the extensions known and the flag (`--format`, `--input-format`) that decides.
 */
export function unknownFormatError(path: string, flag: string): CordonError {
  const ext = extensionOf(path);
  if (ext !== undefined && WORKBOOKS.has(ext)) {
    return new CordonError('ERR_FORMAT_UNSUPPORTED', `${path} is a spreadsheet workbook (.${ext}), which Cordon does not read: save the sheet as CSV UTF-8 (Excel: File → Save As; LibreOffice: Save a Copy → Text CSV) and give that file`, { details: { extension: ext } });
  }
  if (ext !== undefined && UNREAD_COMPRESSIONS[ext] !== undefined) {
    const c = UNREAD_COMPRESSIONS[ext]!;
    return new CordonError('ERR_FORMAT_UNSUPPORTED', `${path} is ${c.name}-compressed, which Cordon does not read (it reads gzip and zstd): decompress it first (${c.tool} ${path}) and give that file`, { details: { compression: c.name } });
  }
  return new CordonError('ERR_FORMAT_UNSUPPORTED', `cannot tell the format of ${path} from its extension (${DATASET_EXTENSIONS}); pass ${flag}`);
}

/** The format named by a path's extension, or undefined. */
export function formatFromPath(path: string): DatasetFormat | undefined {
  const ext = extensionOf(path);
  return ext !== undefined ? EXTENSIONS[ext] : undefined;
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
 * Streams the records of a dataset file (or stdin for '-', CSV/TSV/JSONL only) as text: the string
 * view (record.ts) that scans and checks read.
 *
 * @example
 * ```ts
 * for await (const r of readRecords('people.csv', { limit: 1000 })) sample.push(r);
 * ```
 */
export async function* readRecords(path: string, options: ReadRecordsOptions = {}): AsyncGenerator<DatasetRecord> {
  for await (const r of readTypedRecords(path, options)) yield flattenRecord(r);
}

/**
 * Streams the records of a dataset file with their types and nesting (value.ts): CSV and TSV give
 * strings, JSONL and JSON arrays what JSON holds, Parquet its logical types, structs and lists.
 *
 * @example
 * ```ts
 * for await (const r of readTypedRecords('events.parquet')) console.log(r['user']);
 * ```
 */
export async function* readTypedRecords(path: string, options: ReadRecordsOptions = {}): AsyncGenerator<TypedRecord> {
  const format = options.format ?? formatFromPath(path);
  if (format === undefined) {
    throw unknownFormatError(path, '--format');
  }
  // A .txt must show columns under a sniffed delimiter (prose is not a table); --delimiter fixes one.
  const txt = format === 'csv' && options.delimiter === undefined && path !== '-' && extensionOf(path) === 'txt';
  if (options.records !== undefined && format !== 'json') throw new CordonError('ERR_USAGE', `--records reads a .json file that wraps its records in an object ({"${options.records[0]}": [...]}); this input is ${format}`);
  if (path === '-' && format === 'parquet') throw new CordonError('ERR_USAGE', 'Parquet cannot be read from stdin (it needs random access); pass a file');
  if (path !== '-') await sniff(path, format);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (limit <= 0) return;

  let source: AsyncGenerator<TypedRecord>;
  if (format === 'parquet') {
    source = readParquetRecords(path, { limit, ...(options.onColumns ? { onColumns: options.onColumns } : {}), ...(options.onBytesRead ? { onBytesRead: options.onBytesRead } : {}), ...(options.onParquetSchema ? { onSchema: options.onParquetSchema } : {}) });
  } else {
    const file = path === '-' ? (options.stdin ?? process.stdin) : createReadStream(path);
    // pipeline, not pipe: a read error reaches the parser, and an early stop closes the file.
    const raw = options.onBytesRead ? pipeline(file, byteCounter(options.onBytesRead), () => {}) : file;
    const text = await utf8Input(await decompressedInput(raw), { sniffBytes: SNIFF_BYTES, ...(options.encoding !== undefined ? { encoding: options.encoding } : {}) });
    const { stream: input, encoding, head, complete } = text;
    const bom = bomOf(head);
    const common = { ...(options.onError ? { onError: options.onError } : {}), ...(options.onSkip ? { onSkip: options.onSkip } : {}) };
    if (format === 'jsonl' || format === 'json') {
      options.onDialect?.({ encoding, bom: bom !== undefined });
      source = format === 'jsonl' ? readJsonlRecords(input, common) : readJsonArrayRecords(input, { ...common, ...(options.records !== undefined ? { member: options.records } : {}) });
    } else {
      const hint = options.delimiter ?? (format === 'tsv' ? '\t' : undefined);
      const sample = decodeSample(head.subarray(bom?.length ?? 0), encoding);
      let csv: CsvDialect;
      try {
        csv = sniffDialect(sample, { complete, requireDelimiter: txt, ...(hint !== undefined ? { delimiter: hint } : {}) });
      } catch (e) {
        if (!txt || !(e instanceof CordonError) || e.code !== 'ERR_FORMAT_UNSUPPORTED') throw e;
        throw new CordonError('ERR_FORMAT_UNSUPPORTED', `${path} is not delimited text: ${e.message}. Free text is scanned with cordon detect; a one-column list reads with --delimiter ,`, { cause: e });
      }
      options.onDialect?.({ encoding, bom: bom !== undefined, csv });
      source = readCsvRecords(input, {
        ...common, delimiter: csv.delimiter, quoteChar: csv.quoteChar, header: csv.header, newline: csv.newline,
        ...(csv.sepLine === true ? { skipFirstLine: true } : {}),
        ...(options.onColumns ? { onColumns: options.onColumns } : {}),
      });
    }
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
      throw new CordonError(e.code, `${e.message}; a spreadsheet export may be Windows-1252: try --encoding windows-1252 (or utf-16le)`, { ...(e.details ? { details: { ...e.details } } : {}), cause: e });
    }
    throw e;
  }
}
