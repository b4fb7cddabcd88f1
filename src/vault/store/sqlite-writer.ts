// Format v2 writes of the SQLite vault on a worker thread (sqlite-write-worker.ts), for a server:
// better-sqlite3 is synchronous, so a group commit on the main thread (B-tree inserts of random
// keys, then the commit's WAL writes) held the event loop, and every request in flight, for tens
// of ms per 4,096 rows. The worker owns a second connection to the same file; SQLite's write lock
// and INSERT … ON CONFLICT DO NOTHING keep tokens convergent exactly as between two processes.
// One message is in flight at a time, so waiting calls still share one transaction (group commit);
// a call resolves only after the worker answered that its transaction committed. A worker that
// cannot open the file, dies or is stopped fails every waiting and later call with
// ERR_STORE_UNAVAILABLE: nothing is acknowledged that was not committed (fail closed). The store
// starts a second instance as its reader (v2 lookups: detokenize's IN lists), so reads neither run
// on the event loop nor wait behind a write transaction.
import { CordonError } from '../../errors.js';
import { WriterThread } from '../../sqlite/writer-thread.js';
import type { SealedRow, SivRows, SivSealedRow, StoredSealed, VaultRow } from '../types.js';

/** One call's rows in a message: rows [previous group's last, last) of the batch. */
export interface WriteGroup {
  readonly namespace: string;
  readonly last: number;
  readonly keyVersion: number;
  readonly createdAt: number;
  readonly expiresAt: number | null;
}

/** A message to the worker: every row's 16-byte token, the ciphertexts end to end, and where each ends. */
export interface WriteBatch {
  readonly id: number;
  readonly groups: readonly WriteGroup[];
  readonly tokens: Uint8Array;
  readonly data: Uint8Array;
  readonly ends: Uint32Array;
}

/** The worker's answer: committed, or the SQLite error code and message (never a bound value). */
export interface WriteReply {
  readonly id: number;
  /** Row i inserted nothing: its token was stored already (before this row, by any writer). */
  readonly existed?: Uint8Array;
  readonly error?: { readonly code: string; readonly message: string };
}

/** A lookup: the 16-byte v2 keys of one namespace, end to end. */
export interface ReadRequest {
  readonly id: number;
  readonly namespace: string;
  readonly keys: Uint8Array;
}

/** The rows found: token i at [16i, 16i + 16), its ciphertext ending at ends[i], expires NaN for none. */
export interface ReadReply {
  readonly id: number;
  readonly tokens: Uint8Array;
  readonly data: Uint8Array;
  readonly ends: Uint32Array;
  readonly versions: Float64Array;
  readonly expires: Float64Array;
  readonly error?: undefined;
}

/**
 * A write other than a v2 group commit, run on the worker in its own IMMEDIATE transaction so that
 * no write of a server holds its event loop: format v1 rows (preserve tokens; `stored` answers with
 * the token each MAC holds), rewrap's re-sealed rows, erasure's deletes (secure_delete), retention's
 * removal by age, and VACUUM.
 */
export type StoreOp =
  | { readonly id: number; readonly op: 'put'; readonly namespace: string; readonly rows: readonly VaultRow[] }
  | { readonly id: number; readonly op: 'reseal'; readonly rows: readonly SealedRow[] }
  | { readonly id: number; readonly op: 'reseal-siv'; readonly rows: readonly SivSealedRow[] }
  | { readonly id: number; readonly op: 'delete'; readonly namespace: string; readonly tokens: readonly string[]; readonly sivTokens: readonly Uint8Array[] }
  | { readonly id: number; readonly op: 'remove-before'; readonly namespace: string; readonly before: number }
  | { readonly id: number; readonly op: 'vacuum' };

/** A StoreOp's answer: rows changed, and for 'put' the token stored under each MAC (hex). */
export interface StoreOpReply {
  readonly id: number;
  readonly changes?: number;
  readonly stored?: ReadonlyArray<readonly [string, string]>;
  readonly error?: { readonly code: string; readonly message: string };
}

type Op = StoreOp extends infer T ? T extends unknown ? Omit<T, 'id'> : never : never;

export interface WriterOptions {
  /** The worker connection's wal_autocheckpoint (pages); SQLite's default when undefined. */
  readonly autocheckpoint?: number;
}

const unavailable = (why: string) => new CordonError('ERR_STORE_UNAVAILABLE', `the vault's writer thread ${why}`);

export class SivWriter {
  readonly #thread: WriterThread<WriteBatch | ReadRequest | StoreOp, WriteReply | ReadReply | StoreOpReply>;

  private constructor(thread: WriterThread<WriteBatch | ReadRequest | StoreOp, WriteReply | ReadReply | StoreOpReply>) {
    this.#thread = thread;
  }

  /** Starts the worker on the vault database at `path` (created, with its schema, by the caller). */
  static start(path: string, options: WriterOptions = {}): SivWriter {
    return new SivWriter(new WriterThread(new URL('./sqlite-write-worker.js', import.meta.url), { path, autocheckpoint: options.autocheckpoint }, {
      what: 'the vault database',
      unavailable,
      refused: (r) => unavailable(`had a statement refused (SQLite ${r.error!.code}: ${r.error!.message})`),
    }));
  }

  /**
   * Commits the calls' rows in one transaction on the worker; resolves once it is committed, with a
   * flag per row (calls' rows in order): 1 when its token was stored already.
   */
  async commit(calls: ReadonlyArray<{ readonly namespace: string; readonly rows: SivRows }>): Promise<Uint8Array> {
    let n = 0;
    let bytes = 0;
    for (const { rows } of calls) {
      n += rows.ciphertexts.length;
      for (const c of rows.ciphertexts) bytes += c.byteLength;
    }
    // Fresh, compact buffers (transferred, not cloned): a view of a pooled buffer would copy the pool.
    const tokens = new Uint8Array(n * 16);
    const data = new Uint8Array(bytes);
    const ends = new Uint32Array(n);
    const groups: WriteGroup[] = [];
    let i = 0;
    let at = 0;
    for (const { namespace, rows } of calls) {
      tokens.set(rows.tokens.subarray(0, rows.ciphertexts.length * 16), i * 16);
      for (const c of rows.ciphertexts) {
        data.set(c, at);
        at += c.byteLength;
        ends[i++] = at;
      }
      groups.push({ namespace, last: i, keyVersion: rows.keyVersion, createdAt: rows.createdAt, expiresAt: rows.expiresAt });
    }
    const r = await this.#thread.call((id) => ({ id, groups, tokens, data, ends }), [tokens.buffer, data.buffer, ends.buffer]) as WriteReply;
    return r.existed ?? new Uint8Array(n);
  }

  /** The v2 rows of `keys` (16 bytes each) found in the namespace, by token (hex), read on the worker. */
  async read(namespace: string, keys: readonly Uint8Array[]): Promise<Map<string, StoredSealed>> {
    const packed = new Uint8Array(keys.length * 16);
    keys.forEach((k, i) => packed.set(k, i * 16));
    const r = await this.#thread.call((id) => ({ id, namespace, keys: packed }), [packed.buffer]) as ReadReply;
    const tokens = Buffer.from(r.tokens.buffer, r.tokens.byteOffset, r.tokens.byteLength);
    const out = new Map<string, StoredSealed>();
    let start = 0;
    for (let i = 0; i < r.ends.length; i++) {
      const e = r.expires[i]!;
      out.set(tokens.toString('hex', i * 16, i * 16 + 16), { ciphertext: r.data.subarray(start, r.ends[i]), keyVersion: r.versions[i]!, expiresAt: Number.isNaN(e) ? null : e });
      start = r.ends[i]!;
    }
    return out;
  }

  /** Runs `op` on the worker in its own transaction; resolves with its answer once committed. */
  async run(op: Op): Promise<StoreOpReply> {
    return await this.#thread.call((id) => ({ ...op, id }) as StoreOp) as StoreOpReply;
  }

  /** Stops the worker after the commits already posted (the caller posts no more), within a bounded wait. */
  close(): Promise<void> {
    return this.#thread.close();
  }
}
