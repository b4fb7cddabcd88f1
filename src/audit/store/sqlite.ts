// The embedded audit store: one SQLite file (better-sqlite3, WAL, synchronous=FULL). An append is
// one BEGIN IMMEDIATE transaction that reads the size, writes the entries, their leaf hashes and
// every subtree they complete; two processes appending serialise on the write lock (busy_timeout),
// and a crash at any point leaves the last committed transaction, which is a valid log.
//
// A server (syncOffThread) commits with synchronous=NORMAL and fdatasyncs the WAL itself on libuv's
// thread pool before an append resolves: the same durability as FULL (which is NORMAL plus one WAL
// sync per commit, https://sqlite.org/pragma.html#pragma_synchronous), but the event loop no longer
// waits for the disk (a commit's fsync took 1 ms at p50 and 43 ms at p99 on the development machine,
// 34% of the server's main-thread samples under bench:server). With appendOffThread (a server's
// group commits), appends and signed checkpoints run on a worker thread's own connection
// (sqlite-append-thread.ts), which commits and syncs before they resolve; reads stay here.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-database.js';
import { SAFETY_NET_PAGES, startCheckpointer, type Checkpointer } from '../../sqlite/checkpointer.js';
import { WalSync } from '../../io/wal-sync.js';
import { CordonError } from '../../errors.js';
import type { AuditEvent } from '../event.js';
import { appendFailure, sqliteAppender, type Appender } from './sqlite-append.js';
import { AuditAppendThread } from './sqlite-append-thread.js';
import { nodeKey, type AuditQuery, type AuditStore, type NodeRef, type StoredCheckpoint, type StoredEntry } from './types.js';
import { SYNC_DURABILITY, type AuditDurability } from '../durability.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS audit_entries (
  idx INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  time TEXT NOT NULL,
  type TEXT NOT NULL,
  principal TEXT NOT NULL,
  entry BLOB NOT NULL,
  leaf BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS audit_entries_id ON audit_entries (id);
CREATE TABLE IF NOT EXISTS audit_nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit_checkpoints (
  size INTEGER NOT NULL,
  note TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
`;

interface EntryRow { idx: number; id: string; time: string; type: string; principal: string; entry: Buffer; leaf: Buffer }

// Buffers are Uint8Arrays: handed out as read, without copying.
const toEntry = (r: EntryRow): StoredEntry => ({ index: r.idx, id: r.id, time: r.time, type: r.type, principal: r.principal, entry: r.entry, leafHash: r.leaf });

export class SqliteAuditStore implements AuditStore {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  readonly #db: Database.Database;
  readonly #stmts: ReturnType<typeof prepare>;
  readonly #appender: Appender;
  #checkpointer: Checkpointer | undefined;
  /** After syncOffThread(): commits do not fsync; every write method syncs the WAL before it returns. */
  #deferSync = false;
  readonly #wal: WalSync;
  readonly #busyTimeoutMs: number;
  /** After appendOffThread(): `append` and `addCheckpoint` run on a worker thread. */
  #thread: AuditAppendThread | undefined;

  private constructor(path: string, db: Database.Database, busyTimeoutMs: number) {
    this.path = path;
    this.#db = db;
    this.#wal = new WalSync(path);
    this.#stmts = prepare(db);
    this.#appender = sqliteAppender(db);
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  /**
   * Opens the audit database at `path`, creating it when missing unless `create` is false: a
   * workspace's log that has vanished is refused (ERR_AUDIT_LOG_MISSING), never silently replaced
   * by an empty one.
   */
  static open(path: string, options: { busyTimeoutMs?: number; create?: boolean } = {}): SqliteAuditStore {
    if (options.create === false && !existsSync(path)) {
      throw new CordonError('ERR_AUDIT_LOG_MISSING', `the audit log ${path} is missing; Cordon will not start a new, empty one in its place: restore it from a backup (docs/audit.md)`);
    }
    let db: Database.Database;
    const busyTimeoutMs = options.busyTimeoutMs ?? 30_000;
    try {
      db = openSqlite(() => new Database(path));
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // Appends rewrite the same hot pages (the id index, the newest subtree nodes) commit after
      // commit: a larger cache and a WAL checkpoint every ~40 MB instead of every 4 MB copy each
      // such page into the database once per checkpoint rather than once per commit.
      db.pragma('cache_size = -65536');
      db.pragma('wal_autocheckpoint = 10000');
      db.transaction(() => db.exec(SCHEMA)).immediate();
    } catch (e) {
      if (e instanceof CordonError) throw e;
      throw new CordonError('ERR_WORKSPACE_INVALID', `cannot open the audit log at ${path}`, { cause: e });
    }
    return new SqliteAuditStore(path, db, busyTimeoutMs);
  }

  #sizeSync(): number {
    const r = this.#stmts.maxIdx.get() as { m: number | null };
    return r.m === null ? 0 : r.m + 1;
  }

  #nodeSync(level: number, index: number): Uint8Array | undefined {
    const r = (level === 0 ? this.#stmts.leaf.get(index) : this.#stmts.node.get(level, index)) as { h: Buffer } | undefined;
    return r?.h;
  }

  /** Synchronous append (for `AuditSink.emit`): atomic, serialised with other processes. */
  appendSync(events: readonly AuditEvent[]): { first: number; size: number } {
    if (events.length === 0) return { first: this.#sizeSync(), size: this.#sizeSync() };
    try {
      const r = this.#appender.append(events);
      if (this.#deferSync) this.#wal.syncSync();
      return r;
    } catch (e) {
      if (e instanceof CordonError) throw e;
      throw appendFailure((e as { code?: string }).code, e) ?? e;
    }
  }

  async append(events: readonly AuditEvent[]): Promise<{ first: number; size: number }> {
    // On the append thread: committed and synced there before it resolves.
    if (this.#thread !== undefined) return events.length === 0 ? this.appendSync(events) : this.#thread.append(events);
    if (!this.#deferSync) return this.appendSync(events);
    this.#deferSync = false;
    let r;
    try {
      // Committed without an fsync (synchronous=NORMAL), then synced off the event loop below.
      r = this.appendSync(events);
    } finally {
      this.#deferSync = true;
    }
    await this.#syncWal();
    return r;
  }

  sizeSync(): number {
    return this.#sizeSync();
  }

  async size(): Promise<number> {
    return this.#sizeSync();
  }

  nodesSync(refs: readonly NodeRef[]): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    this.#db.transaction(() => {
      for (const { level, index } of refs) {
        const h = this.#nodeSync(level, index);
        if (h !== undefined) out.set(nodeKey(level, index), h);
      }
    })();
    return out;
  }

  async nodes(refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>> {
    return this.nodesSync(refs);
  }

  async entries(from: number, limit: number): Promise<StoredEntry[]> {
    return (this.#stmts.entries.all(from, limit) as EntryRow[]).map(toEntry);
  }

  async levelNodes(level: number, from: number, limit: number): Promise<{ index: number; hash: Uint8Array }[]> {
    return (this.#stmts.levelNodes.all(level, from, limit) as { idx: number; hash: Buffer }[]).map((r) => ({ index: r.idx, hash: r.hash }));
  }

  async findIndex(eventId: string): Promise<number | undefined> {
    const rows = this.#stmts.findId.all(eventId) as { idx: number }[];
    return rows.length === 0 ? undefined : Math.min(...rows.map((r) => r.idx));
  }

  async query(q: AuditQuery): Promise<StoredEntry[]> {
    const where: string[] = ['idx >= ?'];
    const args: (string | number)[] = [q.from ?? 0];
    if (q.since !== undefined) { where.push('time >= ?'); args.push(q.since); }
    if (q.type !== undefined) { where.push('type = ?'); args.push(q.type); }
    if (q.principal !== undefined) { where.push('principal = ?'); args.push(q.principal); }
    args.push(q.limit ?? -1);
    return (this.#db.prepare(`SELECT idx, id, time, type, principal, entry, leaf FROM audit_entries WHERE ${where.join(' AND ')} ORDER BY idx LIMIT ?`).all(...args) as EntryRow[]).map(toEntry);
  }

  addCheckpointSync(size: number, note: string): void {
    this.#stmts.addCheckpoint.run(size, note, new Date().toISOString());
    if (this.#deferSync) this.#wal.syncSync();
  }

  async addCheckpoint(size: number, note: string): Promise<void> {
    // On the append thread: the event loop never waits for the write lock an append holds there.
    if (this.#thread !== undefined) return this.#thread.addCheckpoint(size, note, new Date().toISOString());
    this.#stmts.addCheckpoint.run(size, note, new Date().toISOString());
    if (this.#deferSync) await this.#syncWal();
  }

  checkpointsSync(): StoredCheckpoint[] {
    return (this.#stmts.checkpoints.all() as { size: number; note: string; created_at: string }[]).map((r) => ({ size: r.size, note: r.note, createdAt: r.created_at }));
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    return this.checkpointsSync();
  }

  metaSync(key: string, init: () => string): string {
    let wrote = false;
    const v = this.#db.transaction(() => {
      const r = this.#stmts.getMeta.get(key) as { v: string } | undefined;
      if (r !== undefined) return r.v;
      const v = init();
      this.#stmts.setMeta.run(key, v);
      wrote = true;
      return v;
    }).immediate();
    if (wrote && this.#deferSync) this.#wal.syncSync();
    return v;
  }

  async meta(key: string, init: () => string): Promise<string> {
    return this.metaSync(key, init);
  }

  /**
   * Moves WAL checkpoints to a worker thread (src/sqlite/checkpointer.ts) for a server, whose event
   * loop a 40 MB checkpoint inside an append would stall. Idempotent.
   */
  startBackgroundCheckpoints(): void {
    if (this.#checkpointer !== undefined || !this.#db.open) return;
    this.#db.pragma(`wal_autocheckpoint = ${Math.max(SAFETY_NET_PAGES, 10_000)}`);
    this.#checkpointer = startCheckpointer(this.path);
  }

  /**
   * For a server that awaits `append` before it answers: commits stop waiting for the disk on the
   * calling thread (synchronous=NORMAL) and `append` and `addCheckpoint` resolve only after an
   * fdatasync of the WAL on libuv's thread pool, so what they resolve is as durable as under FULL.
   * The synchronous methods keep their contract by syncing on the calling thread. Idempotent.
   */
  syncOffThread(): void {
    if (this.#deferSync || !this.#db.open) return;
    this.#db.pragma('synchronous = NORMAL');
    this.#deferSync = true;
  }

  /**
   * For a server: `append` and `addCheckpoint` run on a worker thread with its own connection
   * (sqlite-append-thread.ts), which commits and syncs the WAL before they resolve, so the Merkle
   * hashing, the inserts and the commit leave the event loop with the same durability. Reads stay
   * on this connection (WAL: they see every committed append). Implies syncOffThread() for the
   * writes that stay here. Idempotent. `durability` batch (src/audit/durability.ts): an append
   * resolves once committed, its WAL synced within the window (checkpoints are synced first).
   */
  appendOffThread(durability: AuditDurability = SYNC_DURABILITY): void {
    if (this.#thread !== undefined || !this.#db.open) return;
    this.syncOffThread();
    this.#thread = AuditAppendThread.start(this.path, {
      busyTimeoutMs: this.#busyTimeoutMs, autocheckpoint: Math.max(SAFETY_NET_PAGES, 10_000),
      syncWindowMs: durability.kind === 'batch' ? durability.windowMs : 0,
    });
  }

  /** fdatasync of the WAL on the thread pool: the commits before the call are on disk when it resolves. */
  async #syncWal(): Promise<void> {
    try {
      await this.#wal.sync();
    } catch (e) {
      // The rows are committed (the next successful sync makes them durable): the caller must not
      // append them again, only fail the requests that waited for them.
      throw Object.assign(new CordonError('ERR_AUDIT_UNAVAILABLE', 'the audit log could not be made durable (WAL sync failed)', { cause: e }), { committed: true });
    }
  }

  async close(): Promise<void> {
    await this.#thread?.close();
    this.#thread = undefined;
    await this.#checkpointer?.stop();
    this.#checkpointer = undefined;
    this.#wal.close();
    if (this.#db.open) this.#db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    maxIdx: db.prepare('SELECT max(idx) AS m FROM audit_entries'),
    leaf: db.prepare('SELECT leaf AS h FROM audit_entries WHERE idx = ?'),
    node: db.prepare('SELECT hash AS h FROM audit_nodes WHERE level = ? AND idx = ?'),
    entries: db.prepare('SELECT idx, id, time, type, principal, entry, leaf FROM audit_entries WHERE idx >= ? ORDER BY idx LIMIT ?'),
    levelNodes: db.prepare('SELECT idx, hash FROM audit_nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?'),
    findId: db.prepare('SELECT idx FROM audit_entries WHERE id = ?'),
    addCheckpoint: db.prepare('INSERT INTO audit_checkpoints (size, note, created_at) VALUES (?, ?, ?)'),
    checkpoints: db.prepare('SELECT size, note, created_at FROM audit_checkpoints ORDER BY size, rowid'),
    getMeta: db.prepare('SELECT v FROM audit_meta WHERE k = ?'),
    setMeta: db.prepare('INSERT INTO audit_meta (k, v) VALUES (?, ?)'),
  };
}
