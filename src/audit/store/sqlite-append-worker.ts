// The worker of sqlite-append-thread.ts: its own connection to audit.db, which runs a server's audit
// group commits (sqlite-append.ts, the same transaction as the store's own appends) and then
// fdatasyncs the WAL, so neither the Merkle hashing, the inserts nor the commit's sync hold the
// event loop. It answers a message only after its transaction committed and the WAL was synced (or
// it failed): the caller resolves the requests that wait for their events on that answer, so no
// response leaves before its event is on disk. With a sync window (audit durability `batch`,
// src/audit/durability.ts) it answers an append once it is committed (in the WAL: the kernel has
// it, a kill -9 of the process loses nothing answered) and fdatasyncs the WAL on libuv's thread
// pool within the window, one sync for every commit since the last, while it goes on committing;
// a failed sync fails every later message (closed), and a checkpoint is synced before its answer
// in either mode (the anchor records it next). It adds signed checkpoints on the same connection,
// so the main thread never waits for SQLite's write lock. An error names SQLite's code and message
// (never a bound value), or a CordonError's code and message.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { WalSync } from '../../io/wal-sync.js';
import { CordonError } from '../../errors.js';
import type { AuditEvent } from '../event.js';
import { sqliteAppender } from './sqlite-append.js';
import type { AppendReply, AppendRequest } from './sqlite-append-thread.js';

const { path, busyTimeoutMs, autocheckpoint, syncWindowMs = 0 } = workerData as { path: string; busyTimeoutMs: number; autocheckpoint: number; syncWindowMs?: number };

let db: Database.Database;
try {
  db = new Database(path, { fileMustExist: true });
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  // NORMAL plus the WAL sync below after every commit is FULL (src/io/wal-sync.ts).
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
} catch (e) {
  // The caller fails every append (closed: nothing is acknowledged) and says why.
  parentPort!.postMessage({ id: 0, error: { code: 'OPEN', message: (e as Error).message } } satisfies AppendReply);
  process.exit(1);
}

const appender = sqliteAppender(db);
const addCheckpoint = db.prepare('INSERT INTO audit_checkpoints (size, note, created_at) VALUES (?, ?, ?)');
const wal = new WalSync(path);

const failure = (id: number, e: unknown, committed: boolean): AppendReply => ({
  id, committed,
  error: e instanceof CordonError
    ? { code: e.code, message: e.message, cordon: true }
    : { code: String((e as { code?: unknown }).code ?? 'ERROR'), message: (e as Error).message },
});

/** Batch durability: commits not yet covered by a finished sync, the pending sync, and a sync that failed. */
let unsynced = false;
let syncTimer: NodeJS.Timeout | undefined;
let syncing: Promise<void> | undefined;
let syncFailure: unknown;

/** Within the window: one fdatasync on the thread pool for every commit before it starts. */
function syncLater(): void {
  unsynced = true;
  if (syncTimer !== undefined || syncing !== undefined) return;
  syncTimer = setTimeout(() => {
    syncTimer = undefined;
    unsynced = false;
    syncing = wal.sync().catch((e: unknown) => { syncFailure ??= e; }).finally(() => {
      syncing = undefined;
      // Commits made while it ran are synced by the next one.
      if (unsynced && syncFailure === undefined) syncLater();
    });
  }, syncWindowMs);
}

/** Every commit so far on disk, now (a checkpoint, and the last thing before closing). */
function syncNow(): void {
  if (syncTimer !== undefined) clearTimeout(syncTimer);
  syncTimer = undefined;
  unsynced = false;
  wal.syncSync();
}

parentPort!.on('message', (m: AppendRequest | 'stop') => {
  if (m === 'stop') {
    // Closing in batch mode: what was answered is synced before the connection closes.
    if (syncWindowMs > 0 && syncFailure === undefined && (unsynced || syncing !== undefined)) {
      try { syncNow(); } catch { /* committed in the WAL; nobody is left to tell */ }
    }
    wal.close();
    db.close();
    parentPort!.close();
    return;
  }
  if (syncFailure !== undefined) {
    // An answered commit may not be on disk: nothing more is acknowledged (fail closed).
    parentPort!.postMessage(failure(m.id, new CordonError('ERR_AUDIT_UNAVAILABLE', `an earlier sync of the audit WAL failed (${String((syncFailure as { code?: unknown }).code ?? 'error')})`), false));
    return;
  }
  let reply: AppendReply;
  try {
    if (m.kind === 'append') {
      const r = appender.append(JSON.parse(m.events) as AuditEvent[]);
      reply = { id: m.id, first: r.first, size: r.size };
    } else {
      addCheckpoint.run(m.size, m.note, m.createdAt);
      reply = { id: m.id };
    }
  } catch (e) {
    parentPort!.postMessage(failure(m.id, e, false));
    return;
  }
  if (syncWindowMs > 0 && m.kind === 'append') {
    // Committed (in the WAL): answered now, on disk within the window.
    parentPort!.postMessage(reply);
    syncLater();
    return;
  }
  try {
    syncNow();
  } catch (e) {
    // Committed but not known to be on disk: the caller fails its waiters and never appends these again.
    if (syncWindowMs > 0) syncFailure ??= e;
    reply = failure(m.id, e, true);
  }
  parentPort!.postMessage(reply);
});
