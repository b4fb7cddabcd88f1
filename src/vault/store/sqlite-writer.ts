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
import type { SivRows, StoredSealed } from '../types.js';

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

export interface WriterOptions {
  /** The worker connection's wal_autocheckpoint (pages); SQLite's default when undefined. */
  readonly autocheckpoint?: number;
}

const unavailable = (why: string) => new CordonError('ERR_STORE_UNAVAILABLE', `the vault's writer thread ${why}`);

export class SivWriter {
  readonly #thread: WriterThread<WriteBatch | ReadRequest, WriteReply | ReadReply>;

  private constructor(thread: WriterThread<WriteBatch | ReadRequest, WriteReply | ReadReply>) {
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

  /** Commits the calls' rows in one transaction on the worker; resolves once it is committed. */
  async commit(calls: ReadonlyArray<{ readonly namespace: string; readonly rows: SivRows }>): Promise<void> {
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
    await this.#thread.call((id) => ({ id, groups, tokens, data, ends }), [tokens.buffer, data.buffer, ends.buffer]);
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

  /** Stops the worker after the commits already posted (the caller posts no more), within a bounded wait. */
  close(): Promise<void> {
    return this.#thread.close();
  }
}
