// The embedded vault store: one SQLite file (better-sqlite3, WAL). Writes run in IMMEDIATE
// transactions, so two processes tokenizing the same new value serialise on the write lock and the
// second finds the first's row: one token per value, no lost writes. A crash mid-batch rolls the
// whole batch back (SQLite's journal), leaving the file consistent.
//
// Format v2 rows (vault_siv) are keyed by (namespace, token) alone in a WITHOUT ROWID table: one
// random-key B-tree per row; a batch is one transaction of INSERT … ON CONFLICT DO NOTHING.
// Speed (docs/vault.md#speed): statements are prepared once; reads go by chunks of CHUNK keys bound
// as one IN list (no JSON, no hex, no statement per value); a batch of inserts is one transaction
// of plain INSERT … ON CONFLICT DO NOTHING (no RETURNING: `changes` says whether ours went in); MACs
// and ciphertexts are bound as views of the caller's bytes, never copied.
import Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-database.js';
import { CordonError } from '../../errors.js';
import type { SealedRow, SivRows, SivSealedRow, StoredSealed, VaultRow, VaultStore } from '../types.js';
import { SAFETY_NET_PAGES, startCheckpointer, type Checkpointer } from '../../sqlite/checkpointer.js';
import { SivWriter } from './sqlite-writer.js';
import { StoredTokens } from './stored-tokens.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vault_tokens (
  namespace   TEXT    NOT NULL,
  token       TEXT    NOT NULL,
  mac         BLOB    NOT NULL,
  ciphertext  BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER,
  PRIMARY KEY (namespace, token),
  UNIQUE (namespace, mac)
);
CREATE INDEX IF NOT EXISTS vault_tokens_key_version ON vault_tokens (key_version);
CREATE TABLE IF NOT EXISTS vault_siv (
  namespace   TEXT    NOT NULL,
  token       BLOB    NOT NULL,
  ciphertext  BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER,
  PRIMARY KEY (namespace, token)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vault_meta (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

/**
 * Format v2 migration, once per file: whether the v1 table held rows when v2 arrived. Those may be
 * default-format tokens that tokenize must keep finding by MAC; v2 never adds such rows to v1.
 */
const MIGRATE = "INSERT OR IGNORE INTO vault_meta (name, value) VALUES ('legacy_tokens', EXISTS (SELECT 1 FROM vault_tokens))";

/**
 * Every v2 row deleted, by any process or version (erasure, retention, a hand-run DELETE), raises
 * 'siv_deletions': a StoredTokens (stored-tokens.ts) forgets what it knew when the count moves.
 */
const COUNT_DELETIONS = `
INSERT OR IGNORE INTO vault_meta (name, value) VALUES ('siv_deletions', 0);
CREATE TRIGGER IF NOT EXISTS vault_siv_deleted AFTER DELETE ON vault_siv
BEGIN UPDATE vault_meta SET value = value + 1 WHERE name = 'siv_deletions'; END;
`;

/** Keys bound per IN list: SQLite allows 32,766 variables; 512 keeps each statement small. */
const CHUNK = 512;
const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');
/** The IN-list sizes prepared: the smallest that fits is used, so a short batch binds few padding keys. */
const SIZES = [1, 4, 16, 64, 128, 256, CHUNK] as const;

/**
 * The automatic checkpoint's threshold without background checkpoints (the CLI): 64 MiB of WAL at
 * 16 KiB pages, not SQLite's 1,000 pages. A run of new random tokens rewrites most leaf pages of its
 * namespace between checkpoints; each checkpoint copies (and syncs) them all, so fewer checkpoints
 * copy each page fewer times (220k inserts in 2,000-row commits: 1.14 -> 0.97 CPU s). The WAL
 * is a committed copy either way: nothing about durability changes.
 */
const CHECKPOINT_PAGES = 4096;

/** Rows of one namespace sorted at a time in a group commit (see #putSorted). */
const SORT_ROWS = 0x200000;

/**
 * Most rows in one group-commit transaction on the event loop (the CLI): its length bounds how long
 * every other request waits. A call's rows are never split; see #commitPending.
 */
const GROUP_ROWS = 4096;

/**
 * The same on the writer thread (a server), where a commit holds no request but its own: the calls
 * waiting when the last commit answered all go in the next (up to this bound, which keeps a message
 * to a few MB). A commit's cost is mostly the leaf pages its random keys dirty and write to the WAL,
 * so the rows a commit holds share pages: a 4,096-row cap made the writer the bound under a server's
 * load of new values (400,000 random rows into one namespace, 16 KiB pages, CPU a row: 4,096-row
 * commits 6.7-8.0 µs, 16,384 4.4-6.0, 65,536 4.9; the write syscalls 2.2 -> 0.5-0.9 µs).
 */
const WRITER_GROUP_ROWS = 65_536;

/**
 * The options a server opens vault.db with (src/server/open.ts): group commits and v2 lookups on
 * worker threads, WAL checkpoints on a third. bench:vault --writer-thread uses the same, so its
 * figures are the server's store.
 */
export const SERVER_STORE_OPTIONS = { backgroundCheckpoints: true, writerThread: true } as const;

interface PendingSiv {
  readonly namespace: string;
  readonly rows: SivRows;
  /** Committed; with the writer thread, a flag per row: 1 when its token was stored already. */
  resolve(existed?: Uint8Array): void;
  reject(e: unknown): void;
}

/** Rows `at` of `rows` (tokens copied side by side; ciphertexts shared). */
function pickSivRows(rows: SivRows, at: readonly number[]): SivRows {
  const tokens = Buffer.allocUnsafe(at.length * 16);
  const from = Buffer.from(rows.tokens.buffer, rows.tokens.byteOffset, rows.tokens.byteLength);
  at.forEach((i, k) => from.copy(tokens, k * 16, i * 16, i * 16 + 16));
  return { ...rows, tokens, ciphertexts: at.map((i) => rows.ciphertexts[i]!) };
}

const hexOf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

export class SqliteVaultStore implements VaultStore {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #byMac: Database.Statement;
  readonly #findChunk: ReadonlyMap<number, Database.Statement>;
  readonly #getChunk: ReadonlyMap<number, Database.Statement>;
  readonly #put: Database.Transaction<(namespace: string, rows: readonly VaultRow[]) => Map<string, string>>;
  readonly #checkpointer: Checkpointer | undefined;
  readonly #sivInsert: Database.Statement;
  readonly #sivGetChunk: ReadonlyMap<number, Database.Statement>;
  readonly #sivPut: Database.Transaction<(groups: readonly PendingSiv[]) => void>;
  /** putSiv calls waiting for the next group commit (see putSiv). */
  #pending: PendingSiv[] = [];
  /** A #commitPending is due in a later turn. */
  #scheduled = false;
  /** The writer thread (option writerThread), which runs the v2 group commits off the event loop. */
  readonly #writer: SivWriter | undefined;
  /** With the writer, a second worker for v2 lookups (getSiv), off the loop and never behind a write. */
  readonly #reader: SivWriter | undefined;
  /** A group commit is on the writer thread; the next waits for its answer. */
  #writing = false;
  /** Called when nothing is waiting or being written (close waits for that). */
  #idle: Array<() => void> = [];
  readonly #legacy: boolean;
  /** Where the last staleSivRows stopped (rewrap walks the primary key once, no key_version index). */
  #sivCursor: { namespace: string; token: Buffer } | undefined;
  /** With the writer (a server): the v2 tokens known committed, which putSiv does not send again. */
  readonly #stored: StoredTokens | undefined;

  private constructor(db: Database.Database, checkpointer: Checkpointer | undefined, writer: SivWriter | undefined, reader: SivWriter | undefined) {
    this.#db = db;
    this.#checkpointer = checkpointer;
    this.#writer = writer;
    this.#reader = reader;
    this.#legacy = db.prepare("SELECT value FROM vault_meta WHERE name = 'legacy_tokens'").pluck().get() !== 0;
    const deletions = db.prepare("SELECT value FROM vault_meta WHERE name = 'siv_deletions'").pluck();
    this.#stored = writer !== undefined ? new StoredTokens(() => deletions.get() as number) : undefined;
    this.#sivInsert = db.prepare('INSERT INTO vault_siv (namespace, token, ciphertext, key_version, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.#sivGetChunk = new Map(SIZES.map((n) => [n, db.prepare(`SELECT token, ciphertext, key_version, expires_at FROM vault_siv WHERE namespace = ? AND token IN (${inList(n)})`).raw()]));
    this.#sivPut = db.transaction((groups: readonly PendingSiv[]) => {
      // Every row of every waiting call, namespace by namespace, each in about key order:
      // neighbouring inserts share B-tree pages. Order only affects locality; rows of equal tokens
      // keep their calls' order, so the first call's row is the one stored, as before.
      const byNamespace = new Map<string, PendingSiv[]>();
      for (const g of groups) {
        const list = byNamespace.get(g.namespace);
        if (list === undefined) byNamespace.set(g.namespace, [g]);
        else list.push(g);
      }
      for (const namespace of [...byNamespace.keys()].sort()) {
        const list = byNamespace.get(namespace)!;
        const total = list.reduce((n, g) => n + g.rows.ciphertexts.length, 0);
        // Slices of at most 2^21 rows: a position then fits beside a 32-bit prefix in a double.
        for (let from = 0; from < total; from += SORT_ROWS) this.#putSorted(namespace, list, from, Math.min(total, from + SORT_ROWS));
      }
    });    // No conflict target: a clash on the MAC (the value is stored already) or on the token (a
    // random token another value holds) both insert nothing; #put tells the two apart.
    this.#insert = db.prepare('INSERT INTO vault_tokens (namespace, token, mac, ciphertext, key_version, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.#byMac = db.prepare('SELECT token FROM vault_tokens WHERE namespace = ? AND mac = ?').pluck();
    this.#findChunk = new Map(SIZES.map((n) => [n, db.prepare(`SELECT mac, token FROM vault_tokens WHERE namespace = ? AND mac IN (${inList(n)})`).raw()]));
    this.#getChunk = new Map(SIZES.map((n) => [n, db.prepare(`SELECT token, ciphertext, key_version, expires_at FROM vault_tokens WHERE namespace = ? AND token IN (${inList(n)})`).raw()]));
    this.#put = db.transaction((namespace: string, rows: readonly VaultRow[]) => {
      const out = new Map<string, string>();
      for (const r of rows) {
        const hex = hexOf(r.mac);
        if (out.has(hex)) continue;
        if (this.#insert.run(namespace, r.token, r.mac, r.ciphertext, r.keyVersion, r.createdAt, r.expiresAt ?? null).changes === 1) {
          out.set(hex, r.token);
          continue;
        }
        // Nothing inserted: another writer stored this value first (use its token), or the token
        // is taken by another value (leave the MAC out: the vault draws a new token).
        const stored = this.#byMac.get(namespace, r.mac) as string | undefined;
        if (stored !== undefined) out.set(hex, stored);
      }
      return out;
    });
  }

  /**
   * Inserts rows `from` … `to - 1` of the calls `list` (all of `namespace`, rows counted across the
   * calls in order), ordered by the token's first 4 bytes as a number (prefix · 2^21 + position,
   * exact in a double): far cheaper than comparing buffers (a sort of 100,000 row objects by
   * Buffer.compare was ~7% of a commit), and equal prefixes keep the calls' order.
   */
  #putSorted(namespace: string, list: readonly PendingSiv[], from: number, to: number): void {
    const n = to - from;
    const order = new Float64Array(n);
    const callOf = new Uint32Array(n);
    const indexOf = new Uint32Array(n);
    let at = 0;
    let pos = 0;
    for (let c = 0; c < list.length && pos < n; c++) {
      const { tokens: t, ciphertexts } = list[c]!.rows;
      for (let i = 0; i < ciphertexts.length; i++, at++) {
        if (at < from) continue;
        if (at >= to) break;
        const o = i * 16;
        order[pos] = ((((t[o]! << 24) >>> 0) + (t[o + 1]! << 16) + (t[o + 2]! << 8) + t[o + 3]!) * SORT_ROWS) + pos;
        callOf[pos] = c;
        indexOf[pos] = i;
        pos++;
      }
    }
    order.sort();
    for (let k = 0; k < n; k++) {
      const p = order[k]! % SORT_ROWS;
      const rows = list[callOf[p]!]!.rows;
      const i = indexOf[p]!;
      const t = rows.tokens;
      this.#sivInsert.run(namespace, Buffer.from(t.buffer, t.byteOffset + i * 16, 16), rows.ciphertexts[i]!, rows.keyVersion, rows.createdAt, rows.expiresAt);
    }
  }

  /**
   * Opens (and creates) the vault database at `path`. `backgroundCheckpoints` moves WAL checkpoints
   * to a worker thread (src/sqlite/checkpointer.ts): for a server, whose event loop they would stall.
   * `writerThread` runs the format v2 group commits (putSiv) on a worker thread with its own
   * connection (sqlite-writer.ts), for the same reason, and v2 lookups (getSiv) on a second one;
   * every other write (v1 rows, rewrap, erasure, retention, VACUUM) also runs on the writer, in its
   * own transaction (StoreOp); v1 reads and counts stay on this connection.
   */
  static open(path: string, options: { backgroundCheckpoints?: boolean; writerThread?: boolean } = {}): SqliteVaultStore {
    let db: Database.Database;
    try {
      db = openSqlite(() => new Database(path));
      // 16 KiB pages for a new file (ignored for an existing one): fewer page splits when the two
      // indexes take random keys. Must precede WAL mode and the first table.
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
      db.pragma('cache_size = -65536'); // 64 MiB of page cache: the two indexes take random keys
      db.transaction(() => {
        db.exec(SCHEMA);
        db.exec(MIGRATE);
        db.exec(COUNT_DELETIONS);
      }).immediate();
      db.pragma(`wal_autocheckpoint = ${options.backgroundCheckpoints === true ? SAFETY_NET_PAGES : CHECKPOINT_PAGES}`);
    } catch (e) {
      if (e instanceof CordonError) throw e;
      throw new CordonError('ERR_IO', `cannot open the vault database ${path}: ${(e as Error).message}`);
    }
    const writer = options.writerThread === true ? SivWriter.start(path, options.backgroundCheckpoints === true ? { autocheckpoint: SAFETY_NET_PAGES } : {}) : undefined;
    const reader = options.writerThread === true ? SivWriter.start(path) : undefined;
    return new SqliteVaultStore(db, options.backgroundCheckpoints === true ? startCheckpointer(path) : undefined, writer, reader);
  }

  async putMany(namespace: string, rows: readonly VaultRow[]): Promise<Map<string, string>> {
    if (this.#writer !== undefined) return new Map((await this.#writer.run({ op: 'put', namespace, rows })).stored);
    return this.#put.immediate(namespace, rows);
  }

  /** Runs the statements over `keys` in IN lists of at most CHUNK (each padded with its first key to a prepared size). */
  #chunks(stmts: ReadonlyMap<number, Database.Statement>, namespace: string, keys: readonly unknown[], each: (row: unknown[]) => void): void {
    for (let i = 0; i < keys.length; i += CHUNK) {
      const n = Math.min(CHUNK, keys.length - i);
      const size = SIZES.find((s) => s >= n)!;
      const args: unknown[] = new Array(size + 1);
      args[0] = namespace;
      for (let k = 0; k < size; k++) args[k + 1] = keys[i + (k < n ? k : 0)];
      for (const row of stmts.get(size)!.all(...args) as unknown[][]) each(row);
    }
  }

  async findByMacs(namespace: string, macs: readonly Uint8Array[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    this.#chunks(this.#findChunk, namespace, macs, (r) => out.set((r[0] as Buffer).toString('hex'), r[1] as string));
    return out;
  }

  async getMany(namespace: string, tokens: readonly string[]): Promise<Map<string, StoredSealed>> {
    const out = new Map<string, StoredSealed>();
    this.#chunks(this.#getChunk, namespace, tokens, (r) => {
      const c = r[1] as Buffer;
      out.set(r[0] as string, { ciphertext: new Uint8Array(c.buffer, c.byteOffset, c.byteLength), keyVersion: r[2] as number, expiresAt: r[3] as number | null });
    });
    return out;
  }

  async staleRows(version: number, limit: number): Promise<SealedRow[]> {
    const rows = this.#db.prepare('SELECT namespace, token, ciphertext, key_version FROM vault_tokens WHERE key_version < ? LIMIT ?').all(version, limit) as Array<{ namespace: string; token: string; ciphertext: Buffer; key_version: number }>;
    return rows.map((r) => ({ namespace: r.namespace, token: r.token, ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version }));
  }

  async updateSealed(rows: readonly SealedRow[]): Promise<void> {
    if (this.#writer !== undefined) {
      await this.#writer.run({ op: 'reseal', rows });
      return;
    }
    const update = this.#db.prepare('UPDATE vault_tokens SET ciphertext = ?, key_version = ? WHERE namespace = ? AND token = ?');
    this.#db.transaction(() => {
      for (const r of rows) update.run(r.ciphertext, r.keyVersion, r.namespace, r.token);
    }).immediate();
  }

  /**
   * Group commit: calls made while the event loop is busy (a server's concurrent requests) wait for
   * the next turn and share one IMMEDIATE transaction. A commit's cost is mostly the random pages it
   * writes to the WAL, so a few large commits write fewer pages than many small ones. Each call
   * resolves only after the commit holding its rows (or rejects with its error): same durability.
   */
  putSiv(namespace: string, all: SivRows): Promise<void> {
    if (all.ciphertexts.length === 0) return Promise.resolve();
    // A server sends only the rows not known committed (stored-tokens.ts): values seen stored cost
    // the writer nothing. Remembered are the rows the writer found stored already (a value's second
    // sighting), not every new one: a run of new values then costs one probe a value, no insert.
    const stored = this.#stored;
    let rows = all;
    let deletions: number | undefined;
    if (stored !== undefined) {
      const u = stored.unknown(namespace, all.tokens, all.ciphertexts.length);
      if (u.missing.length === 0) return Promise.resolve();
      deletions = u.deletions;
      if (u.missing.length < all.ciphertexts.length) rows = pickSivRows(all, u.missing);
    }
    return new Promise<void>((resolve, reject) => {
      const done = (existed?: Uint8Array) => {
        if (stored !== undefined && existed !== undefined) stored.remember(namespace, rows.tokens, existed, deletions!);
        resolve();
      };
      this.#pending.push({ namespace, rows, resolve: done, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#commitPending());
      }
    });
  }

  /**
   * One transaction of waiting calls, whole calls, up to GROUP_ROWS rows (at least one call): a
   * commit inline runs on the event loop, so its size bounds how long every other request waits (16
   * concurrent batches of 1,000 new values were one 16,000-row transaction, tens of ms). What is
   * left goes in the next turn, after the requests that arrived meanwhile had theirs. On the writer
   * thread the bound is WRITER_GROUP_ROWS: the calls are answered in order either way, and larger
   * commits cost the writer less a row.
   */
  #commitPending(): void {
    // On the writer thread one transaction is in flight at a time: its answer takes the next group.
    if (this.#writing) {
      this.#scheduled = false;
      return;
    }
    const most = this.#writer !== undefined ? WRITER_GROUP_ROWS : GROUP_ROWS;
    let rows = 0;
    let take = 0;
    while (take < this.#pending.length && (take === 0 || rows + this.#pending[take]!.rows.ciphertexts.length <= most)) {
      rows += this.#pending[take]!.rows.ciphertexts.length;
      take++;
    }
    const groups = this.#pending.splice(0, take);
    if (this.#writer !== undefined) {
      this.#scheduled = false;
      this.#writing = true;
      this.#writer.commit(groups).then((existed) => {
        let at = 0;
        for (const g of groups) g.resolve(existed.subarray(at, (at += g.rows.ciphertexts.length)));
      }, (e: unknown) => {
        for (const g of groups) g.reject(e);
      }).finally(() => {
        this.#writing = false;
        if (this.#pending.length > 0) this.#commitPending();
        else for (const f of this.#idle.splice(0)) f();
      });
      return;
    }
    if (this.#pending.length > 0) setImmediate(() => this.#commitPending());
    else this.#scheduled = false;
    try {
      this.#sivPut.immediate(groups);
    } catch (e) {
      for (const g of groups) g.reject(e);
      return;
    }
    for (const g of groups) g.resolve();
  }

  async getSiv(namespace: string, tokens: readonly Uint8Array[]): Promise<Map<string, StoredSealed>> {
    if (tokens.length > 0x100000) throw new TypeError('getSiv: at most 2^20 tokens a call');
    if (this.#reader !== undefined) return this.#reader.read(namespace, tokens);
    const out = new Map<string, StoredSealed>();
    // In (about) key order: a chunk's IN list then covers one narrow range of the B-tree, whose
    // pages its lookups share (in random order every lookup walks from the root to another leaf).
    // Ordered by the first 4 bytes, as numbers (prefix · 2^20 + position, exact in a double), which
    // is far cheaper than comparing buffers; equal prefixes are rare and only cost locality.
    // 10,000 random tokens in a 100,000-row table: 4.1 -> 3.2 µs a key.
    const order = new Float64Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      order[i] = (((t[0]! << 24) >>> 0) + (t[1]! << 16) + (t[2]! << 8) + t[3]!) * 0x100000 + i;
    }
    order.sort();
    const keys = new Array<Buffer>(tokens.length);
    for (let k = 0; k < order.length; k++) {
      const t = tokens[order[k]! % 0x100000]!;
      keys[k] = Buffer.from(t.buffer, t.byteOffset, t.byteLength);
    }
    this.#chunks(this.#sivGetChunk, namespace, keys, (r) => {
      const c = r[1] as Buffer;
      out.set((r[0] as Buffer).toString('hex'), { ciphertext: new Uint8Array(c.buffer, c.byteOffset, c.byteLength), keyVersion: r[2] as number, expiresAt: r[3] as number | null });
    });
    return out;
  }

  async hasLegacyTokens(): Promise<boolean> {
    return this.#legacy;
  }

  async staleSivRows(version: number, limit: number): Promise<SivSealedRow[]> {
    type Row = { namespace: string; token: Buffer; ciphertext: Buffer; key_version: number };
    const from = this.#sivCursor;
    const rows = (from === undefined
      ? this.#db.prepare('SELECT namespace, token, ciphertext, key_version FROM vault_siv WHERE key_version < ? ORDER BY namespace, token LIMIT ?').all(version, limit)
      : this.#db.prepare('SELECT namespace, token, ciphertext, key_version FROM vault_siv WHERE (namespace, token) > (?, ?) AND key_version < ? ORDER BY namespace, token LIMIT ?').all(from.namespace, from.token, version, limit)) as Row[];
    // Past the end: start over once, so rows written behind the cursor are not missed.
    if (rows.length === 0 && from !== undefined) {
      this.#sivCursor = undefined;
      return this.staleSivRows(version, limit);
    }
    const last = rows.at(-1);
    this.#sivCursor = last === undefined ? undefined : { namespace: last.namespace, token: last.token };
    return rows.map((r) => ({ namespace: r.namespace, token: new Uint8Array(r.token), ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version }));
  }

  async updateSivSealed(rows: readonly SivSealedRow[]): Promise<void> {
    if (this.#writer !== undefined) {
      await this.#writer.run({ op: 'reseal-siv', rows });
      return;
    }
    const update = this.#db.prepare('UPDATE vault_siv SET ciphertext = ?, key_version = ? WHERE namespace = ? AND token = ?');
    this.#db.transaction(() => {
      for (const r of rows) update.run(r.ciphertext, r.keyVersion, r.namespace, Buffer.from(r.token.buffer, r.token.byteOffset, r.token.byteLength));
    }).immediate();
  }

  async deleteTokens(namespace: string, tokens: readonly string[], sivTokens: readonly Uint8Array[]): Promise<number> {
    if (this.#writer !== undefined) return (await this.#writer.run({ op: 'delete', namespace, tokens, sivTokens })).changes!;
    // secure_delete: the freed cells are zeroed in this write, not left in free pages for reuse.
    this.#db.pragma('secure_delete = ON');
    const v1 = this.#db.prepare('DELETE FROM vault_tokens WHERE namespace = ? AND token = ?');
    const v2 = this.#db.prepare('DELETE FROM vault_siv WHERE namespace = ? AND token = ?');
    return this.#db.transaction(() => {
      let n = 0;
      for (const t of tokens) n += v1.run(namespace, t).changes;
      for (const t of sivTokens) n += v2.run(namespace, Buffer.from(t.buffer, t.byteOffset, t.byteLength)).changes;
      return n;
    }).immediate();
  }

  async vacuum(): Promise<void> {
    if (this.#writer !== undefined) {
      await this.#writer.run({ op: 'vacuum' });
      return;
    }
    // The WAL may still hold page images written before the delete: checkpoint and truncate it, then rebuild the file.
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.exec('VACUUM');
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async createdBefore(namespace: string, before: number, options: { readonly remove?: boolean } = {}): Promise<number> {
    if (options.remove !== true) {
      return this.#db.prepare('SELECT (SELECT count(*) FROM vault_tokens WHERE namespace = ? AND created_at < ?) + (SELECT count(*) FROM vault_siv WHERE namespace = ? AND created_at < ?)')
        .pluck().get(namespace, before, namespace, before) as number;
    }
    if (this.#writer !== undefined) return (await this.#writer.run({ op: 'remove-before', namespace, before })).changes!;
    this.#db.pragma('secure_delete = ON');
    return this.#db.transaction(() => this.#db.prepare('DELETE FROM vault_tokens WHERE namespace = ? AND created_at < ?').run(namespace, before).changes
      + this.#db.prepare('DELETE FROM vault_siv WHERE namespace = ? AND created_at < ?').run(namespace, before).changes).immediate();
  }

  async count(): Promise<number> {
    return this.#db.prepare('SELECT (SELECT count(*) FROM vault_tokens) + (SELECT count(*) FROM vault_siv)').pluck().get() as number;
  }

  async close(): Promise<void> {
    if (this.#writer !== undefined) {
      // Calls already made are committed (or fail) before the writer stops.
      if (this.#writing || this.#pending.length > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
      await this.#writer.close();
      await this.#reader?.close();
    }
    await this.#checkpointer?.stop();
    this.#db.close();
  }
}
