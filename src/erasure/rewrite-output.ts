// One step of an erasure: a protected output Cordon wrote, rewritten without some of its rows, in
// its own format and compression, through a temporary file (O_EXCL, io/atomic-file.ts) that is put
// in place by commit() — so the caller can journal the new file's digest before the rename. The
// tokens the removed rows hold are collected per vault namespace; a token a kept row also holds
// (two subjects sharing a value) is left out: deleting it would erase the other subject's value.
// Retention uses it too, to set a column's values to null in every row (`blank`: CSV writes an
// empty field, JSONL null, Parquet null in the same optional column, so the schema is unchanged).
// Must never: write a value anywhere but the new file, or change the order of the kept rows.
import { createReadStream } from 'node:fs';
import { CordonError } from '../errors.js';
import { createSha256 } from '../crypto/hash.js';
import type { Keyring } from '../keys/keyring.js';
import { readTypedRecords, type DatasetFormat, type InputDialect, type ParquetSchema } from '../io/dataset.js';
import { recordView } from '../io/record.js';
import { isStruct, type TypedRecord } from '../io/value.js';
import { openRecordWriter } from '../io/writers/open-writer.js';
import type { RecordWriter } from '../io/writers/types.js';
import { openOutput } from '../pipeline/open-output.js';

/** A tokenized column of the output and its vault namespace (from the run manifest). */
export interface TokenizedColumn {
  readonly column: string;
  readonly namespace: string;
}

export interface RewriteInput {
  readonly path: string;
  readonly format: DatasetFormat;
  /** 0-based rows to leave out. */
  readonly remove: ReadonlySet<number>;
  /** Columns whose values are set to null in every kept row (column retention). */
  readonly blank?: ReadonlySet<string>;
  readonly tokenized: readonly TokenizedColumn[];
  readonly keyring: Keyring;
}

export interface Rewritten {
  readonly sha256: string;
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  /** Tokens only the removed rows held, by namespace. */
  readonly tokens: ReadonlyMap<string, readonly string[]>;
  /** Tokens of removed rows that kept rows hold too (to stay in the vault), by namespace. */
  readonly shared: ReadonlyMap<string, readonly string[]>;
  /** Puts the new file in place (rename over the old one). */
  commit(): void;
  abort(): Promise<void>;
}

const BATCH = 2000;

/** SHA-256 (hex) of a file's bytes, or undefined when it is missing. */
export async function fileSha256(path: string): Promise<string | undefined> {
  const h = createSha256();
  try {
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
  return Buffer.from(h.digest()).toString('hex');
}

function tokenOf(r: TypedRecord, column: string): string | undefined {
  const direct = r[column];
  const v = typeof direct === 'string' ? direct : recordView(r).record[column];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The row with the `blank` columns it has set to null (the same object when there are none). A
 * column is a key of the row, or a path into nested structs (`user.email`), as contracts name them.
 */
function blanked(r: TypedRecord, blank: ReadonlySet<string> | undefined): TypedRecord {
  if (blank === undefined || blank.size === 0) return r;
  let out = r;
  for (const c of blank) out = setNull(out, c.split('.'), c);
  return out;
}

function setNull(r: TypedRecord, path: readonly string[], whole: string): TypedRecord {
  if (Object.hasOwn(r, whole)) return { ...r, [whole]: null };
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(r, head)) return r;
  if (rest.length === 0) return { ...r, [head]: null };
  const inner = r[head];
  return isStruct(inner) ? { ...r, [head]: setNull(inner, rest, rest.join('.')) } : r;
}

/**
 * Writes `path` again without the rows in `remove` (two reads: the removed rows' tokens first, then
 * the copy). ERR_ERASURE_TARGET_CHANGED when the file has fewer rows than the index says.
 */
export async function rewriteWithout(o: RewriteInput): Promise<Rewritten> {
  // Pass 1: the tokens of the removed rows (none to find when no row is removed).
  const candidates = new Map(o.tokenized.map((t) => [t.column, new Set<string>()] as const));
  let i = 0;
  if (o.remove.size > 0) {
    for await (const r of readTypedRecords(o.path, { format: o.format, onError: 'fail' })) {
      if (o.remove.has(i)) for (const t of o.tokenized) { const v = tokenOf(r, t.column); if (v !== undefined) candidates.get(t.column)!.add(v); }
      i++;
    }
  }
  const rowsBefore = o.remove.size > 0 ? i : -1;
  const last = Math.max(...o.remove);
  if (o.remove.size > 0 && last >= rowsBefore) throw new CordonError('ERR_ERASURE_TARGET_CHANGED', `${o.path} has ${rowsBefore} row(s); the subject index names row ${last + 1}`);

  // Pass 2: the copy, noting candidates a kept row holds too.
  const sharedBy = new Map(o.tokenized.map((t) => [t.column, new Set<string>()] as const));
  const sink = openOutput(o.path, { force: true, inputs: [], keyring: o.keyring });
  let rowsAfter = 0;
  try {
    let dialect: InputDialect | undefined;
    let columns: readonly string[] | undefined;
    let schema: ParquetSchema | undefined;
    let writer: RecordWriter | undefined;
    const open = (): RecordWriter => (writer ??= openRecordWriter(sink.output, {
      format: o.format, ...(columns !== undefined ? { columns } : {}), ...(dialect?.csv !== undefined ? { dialect: dialect.csv } : {}),
      ...(schema !== undefined ? { schemaHint: schema } : {}),
    }));
    let pending: TypedRecord[] = [];
    i = 0;
    for await (const r of readTypedRecords(o.path, {
      format: o.format, onError: 'fail',
      onDialect: (d) => { dialect = d; }, onColumns: (c) => { columns = c; }, onParquetSchema: (s) => { schema = s; },
    })) {
      if (!o.remove.has(i)) {
        for (const t of o.tokenized) {
          const v = tokenOf(r, t.column);
          if (v !== undefined && candidates.get(t.column)!.has(v)) sharedBy.get(t.column)!.add(v);
        }
        pending.push(blanked(r, o.blank));
        rowsAfter++;
        if (pending.length >= BATCH) { await open().write(pending); pending = []; }
      }
      i++;
    }
    if (rowsBefore >= 0 && i !== rowsBefore) throw new CordonError('ERR_ERASURE_TARGET_CHANGED', `${o.path} changed while it was rewritten`);
    await open().write(pending);
    await open().close();
    const result = await sink.finish();
    const tokens = new Map<string, string[]>();
    const shared = new Map<string, string[]>();
    for (const t of o.tokenized) {
      const keep = sharedBy.get(t.column)!;
      shared.set(t.namespace, [...(shared.get(t.namespace) ?? []), ...keep]);
      const gone = [...candidates.get(t.column)!].filter((v) => !keep.has(v));
      tokens.set(t.namespace, [...(tokens.get(t.namespace) ?? []), ...gone]);
    }
    return { sha256: result.sha256, rowsBefore: rowsBefore >= 0 ? rowsBefore : i, rowsAfter, tokens, shared, commit: () => sink.commit(), abort: () => sink.abort() };
  } catch (e) {
    await sink.abort();
    throw e;
  }
}
