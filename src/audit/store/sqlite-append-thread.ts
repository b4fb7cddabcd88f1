// A SQLite audit store's appends on a worker thread (sqlite-append-worker.ts), for a server: the
// append transaction (encoding each entry, SHA-256 leaf and subtree hashes, the inserts) and the
// commit's WAL sync ran on the event loop, ~8% of the server's main thread under bench:server
// (issue 15). The worker owns a second connection to the same file; SQLite's write lock serialises
// it with every other writer, and each append reads the size inside its transaction, so the tree
// stays one chain whoever appends. One append is in flight at a time (the log's group commit), and
// a call resolves only after the worker answered that its transaction committed and the WAL was
// synced: the durability the server promises before it answers (or, with a sync window, committed
// and synced within it: src/audit/durability.ts). A worker that cannot open the file,
// dies or is stopped fails every waiting and later call with ERR_AUDIT_UNAVAILABLE (fail closed).
import { CordonError, type ErrorCode } from '../../errors.js';
import { WriterThread } from '../../sqlite/writer-thread.js';
import type { AuditEvent } from '../event.js';
import { appendFailure, type AppendResult } from './sqlite-append.js';

/** A message to the worker: events to append in one transaction, or a signed checkpoint to store. */
export type AppendRequest =
  // The events as one JSON text: a string is copied, where a structured clone of the event objects
  // cost the event loop 1.7 of its 2.0 s of appending under bench:server (the worker parses it; the
  // entry bytes are the same, encodeEntry re-serialises the same fields in its own order).
  | { readonly id: number; readonly kind: 'append'; readonly events: string }
  | { readonly id: number; readonly kind: 'checkpoint'; readonly size: number; readonly note: string; readonly createdAt: string };

/** The worker's answer: the new size, or an error (SQLite's code and message, or a CordonError's); `committed` when only the sync failed. */
export interface AppendReply {
  readonly id: number;
  readonly first?: number;
  readonly size?: number;
  readonly committed?: boolean;
  readonly error?: { readonly code: string; readonly message: string; readonly cordon?: boolean };
}

export interface AppendThreadOptions {
  readonly busyTimeoutMs: number;
  /** The worker connection's wal_autocheckpoint (pages). */
  readonly autocheckpoint: number;
  /** 0: an append is answered once committed and synced (durability `sync`); n > 0: once committed, synced within n ms (`batch`). */
  readonly syncWindowMs?: number;
}

const unavailable = (why: string, cause?: unknown) => new CordonError('ERR_AUDIT_UNAVAILABLE', `the audit log's append thread ${why}`, cause === undefined ? {} : { cause });

export class AuditAppendThread {
  readonly #thread: WriterThread<AppendRequest, AppendReply>;

  private constructor(thread: WriterThread<AppendRequest, AppendReply>) {
    this.#thread = thread;
  }

  /** Starts the worker on the audit database at `path` (created, with its schema, by the caller). */
  static start(path: string, options: AppendThreadOptions): AuditAppendThread {
    return new AuditAppendThread(new WriterThread(new URL('./sqlite-append-worker.js', import.meta.url), { path, ...options }, {
      what: 'the audit database',
      unavailable: (why) => unavailable(why),
      refused: toError,
    }));
  }

  /** Appends `events` in one transaction on the worker; resolves once it is committed and on disk (with a sync window: committed, on disk within the window). */
  async append(events: readonly AuditEvent[]): Promise<AppendResult> {
    const r = await this.#thread.call((id) => ({ id, kind: 'append', events: JSON.stringify(events) }));
    return { first: r.first!, size: r.size! };
  }

  /** Stores a signed checkpoint on the worker's connection; resolves once it is on disk. */
  async addCheckpoint(size: number, note: string, createdAt: string): Promise<void> {
    await this.#thread.call((id) => ({ id, kind: 'checkpoint', size, note, createdAt }));
  }

  /** Stops the worker after the calls already posted (the caller posts no more), within a bounded wait. */
  close(): Promise<void> {
    return this.#thread.close();
  }
}

/** The caller's error for a worker's failure, with the meaning the store's own appends give it. */
function toError(r: AppendReply): CordonError {
  const { code, message, cordon } = r.error!;
  const cause = Object.assign(new Error(message), { code });
  const e = r.committed === true
    // Committed, not synced: the next successful sync makes it durable; it must not be appended again.
    ? unavailable('could not make the audit log durable (WAL sync failed)', cause)
    : cordon === true ? new CordonError(code as ErrorCode, message) : appendFailure(code, cause) ?? unavailable(`had a statement refused (SQLite ${code})`, cause);
  return r.committed === true ? Object.assign(e, { committed: true }) : e;
}
