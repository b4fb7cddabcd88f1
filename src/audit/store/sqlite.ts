// The embedded audit store: one SQLite file (better-sqlite3, WAL, synchronous=FULL). An append is
// one BEGIN IMMEDIATE transaction that reads the size, writes the entries, their leaf hashes and
// every subtree they complete; two processes appending serialise on the write lock (busy_timeout),
// and a crash at any point leaves the last committed transaction, which is a valid log.
//
// A server (syncOffThread) commits with synchronous=NORMAL and fdatasyncs the WAL itself on libuv's
// thread pool before an append resolves: the same durability as FULL (which is NORMAL plus one WAL
// sync per commit, https://sqlite.org/pragma.html#pragma_synchronous), but the event loop no longer
// waits for the disk (a commit's fsync took 1 ms at p50 and 43 ms at p99 on the development machine,
// 34% of the server's main-thread samples under bench:server).
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-database.js';
import { SAFETY_NET_PAGES, startCheckpointer, type Checkpointer } from '../../sqlite/checkpointer.js';
import { WalSync } from '../../io/wal-sync.js';
import { CordonError } from '../../errors.js';
import { encodeEntry } from '../entry.js';
import type { AuditEvent } from '../event.js';
import { leafHash } from '../merkle/hash.js';
import { TreeBuilder, edgeNodes } from '../merkle/tree.js';
import { nodeKey, type AuditQuery, type AuditStore, type NodeRef, type StoredCheckpoint, type StoredEntry } from './types.js';

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

/** Rows per multi-row INSERT (7 × 64 = 448 parameters, well under SQLite's limit). */
const ROWS_PER_INSERT = 64;

interface EntryRow { idx: number; id: string; time: string; type: string; principal: string; entry: Buffer; leaf: Buffer }

// Buffers are Uint8Arrays: handed out as read, without copying.
const toEntry = (r: EntryRow): StoredEntry => ({ index: r.idx, id: r.id, time: r.time, type: r.type, principal: r.principal, entry: r.entry, leafHash: r.leaf });

export class SqliteAuditStore implements AuditStore {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  readonly #db: Database.Database;
  readonly #stmts: ReturnType<typeof prepare>;
  readonly #appendTx: Database.Transaction<(events: readonly AuditEvent[]) => { first: number; size: number; edge: Uint8Array[] }>;
  /** The right edge after our last append, reused when nobody appended since. */
  #edge: { size: number; edge: Uint8Array[] } | undefined;
  #checkpointer: Checkpointer | undefined;
  /** After syncOffThread(): commits do not fsync; every write method syncs the WAL before it returns. */
  #deferSync = false;
  readonly #wal: WalSync;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.#db = db;
    this.#wal = new WalSync(path);
    this.#stmts = prepare(db);
    this.#appendTx = db.transaction((events: readonly AuditEvent[]) => {
      const size = this.#sizeSync();
      const builder = new TreeBuilder({ size, edge: this.#edge?.size === size ? this.#edge.edge : this.#loadEdge(size) });
      const { insertEntry, insertEntries, insertNode, insertNodes } = this.#stmts;
      // Rows go in ROWS_PER_INSERT at a time: one statement per chunk instead of one per row.
      const entryArgs: unknown[] = [];
      const nodeArgs: unknown[] = [];
      const onNode = (level: number, index: number, hash: Uint8Array): void => {
        nodeArgs.push(level, index, hash);
        if (nodeArgs.length === ROWS_PER_INSERT * 3) insertNodes.run(nodeArgs.splice(0));
      };
      for (let i = 0; i < events.length; i++) {
        const ev = events[i]!;
        const entry = encodeEntry(ev, size + i);
        const leaf = leafHash(entry);
        entryArgs.push(size + i, ev.id, ev.time, ev.type, ev.principal, entry, leaf);
        if (entryArgs.length === ROWS_PER_INSERT * 7) insertEntries.run(entryArgs.splice(0));
        builder.push(leaf, onNode);
      }
      for (let i = 0; i < entryArgs.length; i += 7) insertEntry.run(entryArgs.slice(i, i + 7));
      for (let i = 0; i < nodeArgs.length; i += 3) insertNode.run(nodeArgs.slice(i, i + 3));
      return { first: size, size: builder.size, edge: builder.edge() };
    });
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
    try {
      db = openSqlite(() => new Database(path));
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 30_000}`);
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
    return new SqliteAuditStore(path, db);
  }

  #sizeSync(): number {
    const r = this.#stmts.maxIdx.get() as { m: number | null };
    return r.m === null ? 0 : r.m + 1;
  }

  #nodeSync(level: number, index: number): Uint8Array | undefined {
    const r = (level === 0 ? this.#stmts.leaf.get(index) : this.#stmts.node.get(level, index)) as { h: Buffer } | undefined;
    return r?.h;
  }

  #loadEdge(size: number): Uint8Array[] {
    return edgeNodes(size).map(({ level, index }) => {
      const h = this.#nodeSync(level, index);
      if (h === undefined) throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the audit log is missing subtree ${level}:${index}; run \`cordon audit verify\``);
      return h;
    });
  }

  /** Synchronous append (for `AuditSink.emit`): atomic, serialised with other processes. */
  appendSync(events: readonly AuditEvent[]): { first: number; size: number } {
    if (events.length === 0) return { first: this.#sizeSync(), size: this.#sizeSync() };
    try {
      const r = this.#appendTx.immediate(events);
      this.#edge = { size: r.size, edge: r.edge };
      if (this.#deferSync) this.#wal.syncSync();
      return { first: r.first, size: r.size };
    } catch (e) {
      this.#edge = undefined;
      if (e instanceof CordonError) throw e;
      if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new CordonError('ERR_KEYSTORE_BUSY', 'the audit log stayed locked by another process', { cause: e });
      // Rows already at the indexes being appended: the log was cut back and leftovers remain.
      if (/^SQLITE_CONSTRAINT/.test(String((e as { code?: string }).code))) throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'the audit log holds entries or subtree hashes past its end (cut back?); run `cordon audit verify`', { cause: e });
      throw e;
    }
  }

  async append(events: readonly AuditEvent[]): Promise<{ first: number; size: number }> {
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
    insertEntry: db.prepare('INSERT INTO audit_entries (idx, id, time, type, principal, entry, leaf) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertNode: db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)'),
    insertEntries: db.prepare(`INSERT INTO audit_entries (idx, id, time, type, principal, entry, leaf) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`),
    insertNodes: db.prepare(`INSERT INTO audit_nodes (level, idx, hash) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?)').join(', ')}`),
    entries: db.prepare('SELECT idx, id, time, type, principal, entry, leaf FROM audit_entries WHERE idx >= ? ORDER BY idx LIMIT ?'),
    levelNodes: db.prepare('SELECT idx, hash FROM audit_nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?'),
    findId: db.prepare('SELECT idx FROM audit_entries WHERE id = ?'),
    addCheckpoint: db.prepare('INSERT INTO audit_checkpoints (size, note, created_at) VALUES (?, ?, ?)'),
    checkpoints: db.prepare('SELECT size, note, created_at FROM audit_checkpoints ORDER BY size, rowid'),
    getMeta: db.prepare('SELECT v FROM audit_meta WHERE k = ?'),
    setMeta: db.prepare('INSERT INTO audit_meta (k, v) VALUES (?, ?)'),
  };
}
