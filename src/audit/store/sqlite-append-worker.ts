// The worker of sqlite-append-thread.ts: its own connection to audit.db, which runs a server's audit
// group commits (sqlite-append.ts, the same transaction as the store's own appends) and then
// fdatasyncs the WAL, so neither the Merkle hashing, the inserts nor the commit's sync hold the
// event loop. It answers a message only after its transaction committed and the WAL was synced (or
// it failed): the caller resolves the requests that wait for their events on that answer, so no
// response leaves before its event is on disk. It adds signed checkpoints on the same connection,
// so the main thread never waits for SQLite's write lock. An error names SQLite's code and message
// (never a bound value), or a CordonError's code and message.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { WalSync } from '../../io/wal-sync.js';
import { CordonError } from '../../errors.js';
import type { AuditEvent } from '../event.js';
import { sqliteAppender } from './sqlite-append.js';
import type { AppendReply, AppendRequest } from './sqlite-append-thread.js';

const { path, busyTimeoutMs, autocheckpoint } = workerData as { path: string; busyTimeoutMs: number; autocheckpoint: number };

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

parentPort!.on('message', (m: AppendRequest | 'stop') => {
  if (m === 'stop') {
    wal.close();
    db.close();
    parentPort!.close();
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
  try {
    wal.syncSync();
  } catch (e) {
    // Committed but not known to be on disk: the caller fails its waiters and never appends these again.
    reply = failure(m.id, e, true);
  }
  parentPort!.postMessage(reply);
});
