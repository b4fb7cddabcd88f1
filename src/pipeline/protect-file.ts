// `cordon protect` as a library call: stream a dataset (CSV, TSV, JSONL or Parquet) through its
// contract's operators into a new file in the same or another format, written atomically
// (temporary file, rename on success, nothing left on failure), optionally encrypted as a Cordon
// encrypted file, with rows holding undeclared personal data optionally set aside in a quarantine
// file, and a run manifest beside the output. No input value reaches the manifest or an error.
import { availableParallelism } from 'node:os';
import { createReadStream, rmSync, statSync, writeSync } from 'node:fs';
import { CordonError } from '../errors.js';
import { createSha256 } from '../crypto/hash.js';
import type { Contract } from '../contracts/types.js';
import { selectDataset } from '../contracts/select-dataset.js';
import { AtomicFile } from '../io/atomic-file.js';
import { sameFile } from '../io/check-output.js';
import { extensionOf, formatFromPath, readTypedRecords, unknownFormatError, type ParquetSchema, type DatasetFormat, type InputDialect, type TextEncoding } from '../io/dataset.js';
import type { CsvDialect, Delimiter } from '../io/dialect.js';
import type { TypedRecord, ValueKind } from '../io/value.js';
import { openRecordWriter } from '../io/writers/open-writer.js';
import type { RecordWriter } from '../io/writers/types.js';
import type { Keyring } from '../keys/keyring.js';
import { compressionOf } from '../io/compression.js';
import { openOutput, STDOUT, type OpenedOutput, type OutputResult } from './open-output.js';
import { pipeline, Transform, type Readable, type Writable } from 'node:stream';
import { loadOperatorKeys } from './operator-keys.js';
import { planColumns, planPurposes } from './column-plan.js';
import { protectRecords, type Tokenizer } from './protect-records.js';
import { trackSubjects, type SubjectSink } from './subject-sink.js';
import { gateRecords, type ConsentGate } from './consent-gate.js';
import type { SubjectKeySource } from './subject-keys.js';

/** The input path that means standard input. */
export const STDIN = '-';

/** Inputs from this size on are protected with worker threads by default. */
export const PARALLEL_FROM_BYTES = 8 * 1024 * 1024;

/**
 * Worker threads for an input of `bytes`: none for small inputs (starting workers costs more than it
 * saves), else one per core the main thread leaves, at least one and at most two — the main thread
 * keeps reading, tokenizing and writing, and needs a core of its own. Each worker holds its own heap
 * and detector (~100 MiB): on 2 cores a second worker only competed for the main thread's core
 * (60k rows of bench:protect's 17-column file: 14.8 CPU s and 521 MiB with one worker, 18.5-19.5 CPU s and 594-762 MiB with two).
 */
export function defaultWorkers(bytes: number, cores: number = availableParallelism()): number {
  return bytes < PARALLEL_FROM_BYTES ? 0 : Math.min(2, Math.max(1, cores - 1));
}

/** Records handed to a writer at a time. */
const WRITE_BATCH = 2000;

export interface ProtectProgress {
  readonly rows: number;
  /** Input bytes consumed so far (Parquet: estimated from rows decoded). */
  readonly bytesRead: number;
  /** The input file's size. */
  readonly inputBytes: number;
}

export interface ProtectFileOptions {
  readonly input: string;
  readonly output: string;
  readonly contract: Contract;
  /** Which dataset of the contract (default: the only one). */
  readonly dataset?: string;
  /** The input's format (default: from its extension). */
  readonly inputFormat?: DatasetFormat;
  /** The output's format (default: from the output's extension, else the input's format). */
  readonly format?: DatasetFormat;
  /** The input's text encoding (default utf-8; a byte-order mark decides). */
  readonly encoding?: TextEncoding;
  /** A .json input that wraps its records in an object: the path of keys to them (`['data']`); the output holds the records. */
  readonly records?: readonly string[];
  /** The input's CSV delimiter (default: sniffed). */
  readonly delimiter?: Delimiter;
  /**
   * The CSV output's delimiter. Default: from the output's name — `.txt` keeps the input's; `.csv`
   * keeps a CSV input's `,` `;` or `|` but never tab (a tab-delimited file is TSV: to `.csv` it is
   * comma-delimited, whatever the input's name); `.tsv` and `.tab` are tab.
   */
  readonly outputDelimiter?: Delimiter;
  readonly keyring: Keyring;
  readonly vault?: Tokenizer;
  readonly vaultDescription?: string;
  /** Write the output (and the quarantine file) as Cordon encrypted files under this key. */
  readonly encrypt?: { readonly key: string };
  /**
   * A path for rows holding undeclared personal data, written in the input's format (atomically,
   * mode 0600). Without it such a row stops the run.
   */
  readonly quarantine?: string;
  /** Worker threads for checking and protecting blocks (default 0: inline); see protectRecords. */
  readonly workers?: number;
  /** Replace existing output, quarantine and manifest files (never an input: ERR_OUTPUT_EXISTS). */
  readonly force?: boolean;
  /** Where the run manifest goes (default `<output>.manifest.json`; for stdout output, none unless given). */
  readonly manifest?: string;
  /** The input for `-` (default process.stdin). */
  readonly stdin?: Readable;
  /** The output for `-` (default process.stdout). */
  readonly stdout?: Writable;
  /** Other files the run reads (the contract): no output may be one of them. */
  readonly inputs?: readonly string[];
  readonly cordonVersion: string;
  /** Erasure's hook: subjects of the output rows are recorded, erased subjects' rows dropped (src/pipeline/subject-sink.ts). */
  readonly subjects?: SubjectSink;
  /**
   * Consent's hook: only rows whose subject granted the run's purpose are protected; the others are
   * left out or quarantined (src/pipeline/consent-gate.ts). Quarantining needs `quarantine`.
   */
  readonly consent?: ConsentGate;
  /** Keys of the dataset's subjects, for columns encrypted with keyScope subject (src/erasure/subject-keys.ts). */
  readonly subjectKeys?: SubjectKeySource;
  readonly onProgress?: (progress: ProtectProgress) => void;
  /**
   * Sees every record written, then may refuse the release before anything is put in place (the
   * risk gate, src/privacy/risk/release-gate.ts): `finish` throwing discards every output.
   */
  readonly releaseCheck?: { observe(record: TypedRecord): void; finish(): unknown };
}

interface WrittenFile {
  readonly path: string;
  readonly sha256: string;
  readonly rows: number;
  readonly format: DatasetFormat;
  readonly encrypted: boolean;
  readonly encryption?: OutputResult['encryption'];
  /** gzip or zstd, from the name's .gz or .zst. */
  readonly compression?: OutputResult['compression'];
  /** A CSV or TSV file's delimiter (the output's as written; the input's as sniffed or given). */
  readonly delimiter?: Delimiter;
}

export interface RunManifest {
  readonly cordonVersion: string;
  readonly contract: {
    readonly id: string; readonly version: string; readonly sha256: string; readonly dataset: string;
    /** Custom recognizers the run detected with (the contract's and --recognizers): the contract's digest does not cover a referenced file, this does. */
    readonly recognizers?: { readonly source: string; readonly sha256: string; readonly entities: readonly string[] };
  };
  /** `encoding`: a text input's encoding when it was not UTF-8 (text outputs are always UTF-8). */
  readonly input: { readonly path: string; readonly sha256: string; readonly rows: number; readonly format: DatasetFormat; readonly bytes: number; readonly encoding?: TextEncoding; readonly delimiter?: Delimiter };
  readonly output: WrittenFile;
  /**
   * `erased`: input rows dropped because their subject's erasure is recorded (a tombstone); only with a subject sink.
   * `withoutConsent`: input rows whose subject had not granted the run's purpose (left out, or in the
   * quarantine file, which `quarantined` then counts too); only with a consent gate.
   */
  readonly rows: { readonly in: number; readonly out: number; readonly quarantined: number; readonly erased?: number; readonly withoutConsent?: number };
  /** The purpose the run was declared for, and what became of rows without consent to it. */
  readonly consent?: { readonly purpose: string; readonly onMissing: 'drop' | 'quarantine' };
  readonly quarantine?: WrittenFile;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly operator: string; readonly namespace?: string }>;
  /** Keys the run used: operator keys and the file-encryption key, with the versions used. */
  readonly keys: ReadonlyArray<{ readonly name: string; readonly version: number }>;
  readonly vault?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
}

async function fileSha256(path: string): Promise<string> {
  const h = createSha256();
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return Buffer.from(h.digest()).toString('hex');
}

/** The output format: `--format`, else the output's extension (past a `.cdn`), else the input's. */
export function outputFormat(output: string, inputFormat: DatasetFormat, format?: DatasetFormat): DatasetFormat {
  return format ?? formatFromPath(output.replace(/\.cdn$/i, '')) ?? inputFormat;
}

function distinct(paths: ReadonlyArray<[string, string]>): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      if (sameFile(paths[i]![1], paths[j]![1])) throw new CordonError('ERR_OUTPUT_EXISTS', `the ${paths[j]![0]} must not be the ${paths[i]![0]} file`);
    }
  }
}

/** The input's size; a missing or unreadable input is ERR_IO, a directory or device too. */
function inputSize(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CordonError('ERR_IO', `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? 'error'}`, { cause: e });
  }
  if (!st.isFile()) throw new CordonError('ERR_IO', `cannot read ${path}: not a regular file`);
  return st.size;
}

/** What commitAll places: an output (a file, or stdout: nothing to place) or the manifest file. */
interface Placeable { commit(): void; unplace(): void; abort(): void | Promise<void> }

/** Puts finished files in place in order; if one fails, the ones already placed are removed. */
function commitAll(files: readonly Placeable[]): void {
  const placed: Placeable[] = [];
  try {
    for (const f of files) {
      f.commit();
      placed.push(f);
    }
  } catch (e) {
    for (const f of files) if (!placed.includes(f)) void f.abort();
    for (const f of placed) f.unplace();
    throw e;
  }
}

/** An AtomicFile as commitAll places it. */
function placeable(f: AtomicFile): Placeable {
  return { commit: () => f.commit(), unplace: () => rmSync(f.path, { force: true }), abort: () => f.abort() };
}

/** Passes bytes through while hashing them: the SHA-256 of a stdin input, which cannot be read twice. */
function hashing(): { stream: Transform; digest: () => string; bytes: () => number } {
  const h = createSha256();
  let n = 0;
  const stream = new Transform({ transform(chunk: Buffer, _enc, done) { h.update(chunk); n += chunk.length; done(null, chunk); } });
  return { stream, digest: () => Buffer.from(h.digest()).toString('hex'), bytes: () => n };
}

/**
 * Protects the dataset at `input` into `output` and writes `<output>.manifest.json`. No output may
 * be an input (ERR_OUTPUT_EXISTS even with `force`); existing files are replaced only with `force`.
 *
 * @example
 * ```ts
 * const m = await protectFile({ input: 'customers.csv', output: 'customers.protected.parquet', contract, keyring, vault, cordonVersion });
 * console.log(m.rows.out, m.output.sha256);
 * ```
 */
export async function protectFile(o: ProtectFileOptions): Promise<RunManifest> {
  const startedAt = new Date().toISOString();
  const fromStdin = o.input === STDIN;
  const toStdout = o.output === STDOUT;
  if (o.quarantine === STDOUT) throw new CordonError('ERR_USAGE', 'quarantined rows go to a file (--quarantine FILE), never stdout');
  if (o.consent?.onMissing === 'quarantine' && o.quarantine === undefined) throw new CordonError('ERR_USAGE', 'rows without consent are quarantined into a file: name it (--quarantine FILE)');
  if (o.manifest === STDOUT) throw new CordonError('ERR_USAGE', 'the manifest goes to a file (--manifest FILE), never stdout');
  const inputFormat = o.inputFormat ?? (fromStdin ? undefined : formatFromPath(o.input));
  if (inputFormat === undefined) {
    if (fromStdin) throw new CordonError('ERR_USAGE', 'reading stdin needs --input-format (csv, tsv or jsonl)');
    throw unknownFormatError(o.input, '--input-format');
  }
  const format = outputFormat(o.output, inputFormat, o.format);
  for (const [what, path] of [['output', o.output], ['quarantine', o.quarantine]] as const) {
    if (path !== undefined && (format === 'parquet' || (what === 'quarantine' && inputFormat === 'parquet')) && compressionOf(path) !== undefined) {
      throw new CordonError('ERR_FORMAT_UNSUPPORTED', `Parquet compresses its own pages: write the ${what} as .parquet, without .gz or .zst`);
    }
  }
  // Beside a file output by default; for stdout only when asked (else the caller prints a summary).
  const manifestPath = o.manifest ?? (toStdout ? undefined : `${o.output}.manifest.json`);
  distinct([
    ...(toStdout ? [] : [['output', o.output] as [string, string]]),
    ...(manifestPath !== undefined ? [['manifest', manifestPath] as [string, string]] : []),
    ...(o.quarantine !== undefined ? [['quarantine', o.quarantine] as [string, string]] : []),
  ]);
  const inputBytes = fromStdin ? 0 : inputSize(o.input);
  const stdinHash = fromStdin ? hashing() : undefined;
  // Every output is checked against every input and existing file before any work (ERR_OUTPUT_EXISTS).
  const check = { ...(o.force !== undefined ? { force: o.force } : {}), inputs: [o.input, ...(o.inputs ?? [])] };
  const dataset = selectDataset(o.contract, o.dataset);
  const plan = planColumns(dataset);
  const keys = await loadOperatorKeys(o.keyring, planPurposes(plan));
  if (plan.some((p) => p.operator === 'tokenize') && o.vault === undefined) throw new CordonError('ERR_INTERNAL', 'the contract tokenizes but no vault was opened');
  const columns = plan.filter((p) => p.operator !== 'drop').map((p) => p.name);
  const createdBy = `cordon version ${o.cordonVersion}`;
  const sinkOptions = { ...check, keyring: o.keyring, ...(o.encrypt ? { encrypt: o.encrypt } : {}), ...(o.stdout ? { stdout: o.stdout } : {}) };

  const opened: OpenedOutput[] = [];
  let manifestFile: AtomicFile | undefined;
  let rowsIn = 0;
  let rowsOut = 0;
  let rowsQuarantined = 0;
  let bytesRead = 0;
  let subjects: ReturnType<typeof trackSubjects> | undefined;
  let rowsWithoutConsent = 0;
  let out: OutputResult;
  let quarantined: OutputResult | undefined;
  // The input's text encoding as the reader found it (BOM or --encoding), for the manifest.
  const read: { encoding?: TextEncoding; delimiter?: Delimiter } = {};
  // The delimiter the output is written with (CSV, TSV), for the manifest.
  const written: { delimiter?: Delimiter } = {};
  try {
    const sink = openOutput(o.output, sinkOptions);
    opened.push(sink);
    // Writers are made once the reader has sniffed the input's dialect, which CSV output keeps.
    let dialect: InputDialect | undefined;
    // A .txt output (format from its name) names no delimiter: it keeps the input's, a TSV's tab too.
    // A CSV output keeps a CSV input's , ; or | but never tab: tab-delimited text is TSV, and a
    // .csv (or --format csv) holding tabs opens as one column in the tools that read it by its name.
    const txtOut = o.format === undefined && !toStdout && extensionOf(o.output.replace(/\.cdn$/i, '')) === 'txt';
    const keep = (to: DatasetFormat): Partial<CsvDialect> | undefined => {
      const d = dialect?.csv;
      if (d === undefined || (to !== 'csv' && to !== 'tsv')) return undefined;
      const delimiter = to === 'tsv' ? '\t' : o.outputDelimiter ?? (txtOut || (inputFormat === 'csv' && d.delimiter !== '\t') ? d.delimiter : ',');
      written.delimiter = delimiter;
      return { delimiter, quoteChar: d.quoteChar, newline: d.newline, header: d.header, ...(d.sepLine === true && to === 'csv' ? { sepLine: true as const } : {}) };
    };
    let outWriter: RecordWriter | undefined;
    // Parquet output keeps a Parquet input's column types; a column null in every drafted row takes the contract's logicalType.
    let inputSchema: ParquetSchema | undefined;
    const declared = new Map(dataset.columns.map((c) => [c.name, c.logicalType]));
    const nullHint = (path: readonly string[]): ValueKind | undefined => {
      const t = declared.get(path.join('.'));
      return t === 'integer' || t === 'number' || t === 'boolean' || t === 'date' || t === 'timestamp' ? t : undefined;
    };
    const writer = (): RecordWriter => {
      const kept = keep(format) ?? (o.outputDelimiter !== undefined ? { delimiter: o.outputDelimiter } : undefined);
      if (format === 'csv' || format === 'tsv') written.delimiter = kept?.delimiter ?? (format === 'tsv' ? '\t' : ',');
      return (outWriter ??= openRecordWriter(sink.output, {
        format, columns, createdBy, nullHint, ...(kept ? { dialect: kept } : {}), ...(inputSchema !== undefined ? { schemaHint: inputSchema } : {}),
      }));
    };

    // The quarantine file: opened now (so a failure removes it too), its writer made at the first
    // quarantined row, when the input's columns are known.
    let inputColumns: readonly string[] | undefined;
    const qSink = o.quarantine !== undefined ? openOutput(o.quarantine, sinkOptions) : undefined;
    if (qSink) opened.push(qSink);
    if (manifestPath !== undefined) manifestFile = new AtomicFile(manifestPath, check);
    let qWriter: RecordWriter | undefined;
    let qPending: TypedRecord[] = [];
    const quarantineWriter = (first: TypedRecord | undefined): RecordWriter => {
      // CSV and TSV rows are flat: the first quarantined row's names (or the header) are the columns.
      const cols = first !== undefined && inputFormat !== 'jsonl' && inputFormat !== 'json' && inputFormat !== 'parquet' ? Object.keys(first) : inputColumns;
      const kept = dialect?.csv;
      return (qWriter ??= openRecordWriter(qSink!.output, {
        format: inputFormat, ...(cols ? { columns: cols } : {}), createdBy, ...(kept ? { dialect: kept } : {}), ...(inputSchema !== undefined ? { schemaHint: inputSchema } : {}),
      }));
    };
    // Rows reach the quarantine file from two places (the consent gate and protectRecords): one
    // chain keeps their writes apart and in order.
    let qChain: Promise<void> = Promise.resolve();
    const flushQuarantine = async (): Promise<void> => {
      if (qPending.length === 0) return qChain;
      const batch = qPending;
      qPending = [];
      qChain = qChain.then(() => quarantineWriter(batch[0]).write(batch));
      return qChain;
    };

    const records = readTypedRecords(o.input, {
      ...(stdinHash !== undefined ? { stdin: pipeline(o.stdin ?? process.stdin, stdinHash.stream, () => {}) } : {}),
      format: inputFormat, onError: 'fail',
      ...(o.encoding !== undefined ? { encoding: o.encoding } : {}),
      ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
      ...(o.records !== undefined ? { records: o.records } : {}),
      onDialect: (d) => { dialect = d; read.encoding = d.encoding; if (d.csv !== undefined) read.delimiter = d.csv.delimiter; },
      onColumns: (c) => { inputColumns = c; },
      onParquetSchema: (schema) => { inputSchema = schema; },
      onBytesRead: (b) => { bytesRead = b; },
    });
    const counted = (async function* () { for await (const r of records) { rowsIn++; yield r; } })();
    // Consent first: a row without it never reaches the subject index or any operator.
    const gate = o.consent;
    const subjectNulls = dataset.columns.find((c) => c.name === dataset.subject)?.nullValues;
    const nulls = subjectNulls !== undefined ? new Set(subjectNulls) : undefined;
    const consented = gate === undefined ? counted : gateRecords(counted, gate, async (record) => {
      rowsWithoutConsent++;
      if (gate.onMissing !== 'quarantine') return;
      rowsQuarantined++;
      qPending.push(record);
      if (qPending.length >= WRITE_BATCH) await flushQuarantine();
    }, nulls);
    subjects = o.subjects !== undefined ? trackSubjects(consented, o.subjects, nulls) : undefined;
    const write = async (batch: TypedRecord[]): Promise<void> => {
      if (subjects !== undefined && batch.length > 0) await o.subjects!.reached(subjects.take(batch.length), rowsOut - batch.length);
      await writer().write(batch);
    };
    const progress = (): void => o.onProgress?.({ rows: rowsIn, bytesRead, inputBytes });
    const stream = protectRecords(subjects?.records ?? consented, {
      dataset, plan, keys,
      ...(o.vault ? { vault: o.vault } : {}),
      ...(o.subjectKeys ? { subjectKeys: o.subjectKeys } : {}),
      workers: o.workers ?? defaultWorkers(inputBytes),
      onBlock: progress,
      ...(format !== 'csv' && format !== 'tsv' ? { markersAsNull: true } : {}),
      ...(qSink ? {
        onQuarantine: async (record: TypedRecord, row: number) => {
          rowsQuarantined++;
          subjects?.quarantined(row);
          qPending.push(record);
          if (qPending.length >= WRITE_BATCH) await flushQuarantine();
        },
      } : {}),
    });
    let pending: TypedRecord[] = [];
    for await (const r of stream) {
      pending.push(r);
      o.releaseCheck?.observe(r);
      rowsOut++;
      if (pending.length >= WRITE_BATCH) {
        const batch = pending;
        pending = [];
        await write(batch);
      }
    }
    await write(pending);
    await writer().close();
    o.releaseCheck?.finish();
    if (qSink) {
      await flushQuarantine();
      await quarantineWriter(undefined).close();
      quarantined = await qSink.finish();
    }
    out = await sink.finish();
    progress();
  } catch (e) {
    for (const s of opened) await s.abort();
    manifestFile?.abort();
    throw e;
  }

  const file = (path: string, rows: number, f: DatasetFormat, r: OutputResult): WrittenFile => ({
    path, sha256: r.sha256, rows, format: f, encrypted: r.encryption !== undefined, ...(r.encryption ? { encryption: r.encryption } : {}),
    ...(r.compression ? { compression: r.compression } : {}),
  });
  const usedKeys = [...keys.used].map(([name, version]) => ({ name, version }));
  if (out.encryption && !usedKeys.some((k) => k.name === out.encryption!.key.name)) usedKeys.push({ ...out.encryption.key });
  try {
    const manifest: RunManifest = {
      cordonVersion: o.cordonVersion,
      contract: {
        id: o.contract.id, version: o.contract.version, sha256: o.contract.sha256, dataset: dataset.name,
        ...(o.contract.recognizers !== undefined ? { recognizers: { source: o.contract.recognizers.source, sha256: o.contract.recognizers.sha256, entities: o.contract.recognizers.entities } } : {}),
      },
      input: {
        path: o.input, sha256: stdinHash !== undefined ? stdinHash.digest() : await fileSha256(o.input), rows: rowsIn, format: inputFormat,
        bytes: stdinHash !== undefined ? stdinHash.bytes() : inputBytes,
        ...(read.encoding !== undefined && read.encoding !== 'utf-8' ? { encoding: read.encoding } : {}),
        ...(read.delimiter !== undefined ? { delimiter: read.delimiter } : {}),
      },
      output: { ...file(o.output, rowsOut, format, out), ...(format === 'csv' || format === 'tsv' ? { delimiter: written.delimiter ?? (format === 'tsv' ? '\t' : o.outputDelimiter ?? ',') } : {}) },
      rows: {
        in: rowsIn, out: rowsOut, quarantined: rowsQuarantined, ...(subjects !== undefined ? { erased: subjects.erased } : {}),
        ...(o.consent !== undefined ? { withoutConsent: rowsWithoutConsent } : {}),
      },
      ...(o.consent !== undefined ? { consent: { purpose: o.consent.purpose, onMissing: o.consent.onMissing } } : {}),
      ...(o.quarantine !== undefined && quarantined ? { quarantine: file(o.quarantine, rowsQuarantined, inputFormat, quarantined) } : {}),
      columns: plan.map((p) => ({ name: p.name, operator: p.operator, ...(p.namespace ? { namespace: p.namespace } : {}) })),
      keys: usedKeys,
      ...(o.vaultDescription !== undefined ? { vault: o.vaultDescription } : {}),
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    if (manifestFile !== undefined) {
      const text = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
      for (let off = 0; off < text.length; ) off += writeSync(manifestFile.fd, text, off, text.length - off);
    }
    // The output, the quarantine file, then the manifest: a run is in place only when all of them are.
    commitAll([...opened, ...(manifestFile !== undefined ? [placeable(manifestFile)] : [])]);
    return manifest;
  } catch (e) {
    for (const s of opened) await s.abort();
    manifestFile?.abort();
    if (e instanceof CordonError) throw e;
    throw new CordonError('ERR_IO', `cannot finish ${o.output} and its manifest: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
}
