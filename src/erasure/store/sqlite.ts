// The subject index in SQLite (better-sqlite3, WAL): the workspace's subjects.db. Writes are
// IMMEDIATE transactions; secure_delete is on, so erased pairs are zeroed in the pages they left.
// A pending run's pairs are staged in row order (subject_staging: appends at the end of one B-tree,
// each page written once) and move into the commitment index in one sorted pass when the run
// completes: inserting random 32-byte keys batch by batch rewrote most of that index on every
// commit (issue 15). A run killed before completeRun leaves staged rows only, never counted.
// A run's first MEMORY_ROWS pairs are held in memory and go straight into the commitment index,
// sorted, when it completes: staging them cost as much again as the move (100k rows: 0.30 CPU s to
// stage, 0.05 s to delete with secure_delete). Past that bound they are staged as above, so memory
// stays bounded; pairs held in memory belong to no counted run, so a kill loses nothing counted.
import Database from 'better-sqlite3';
import { CordonError } from '../../errors.js';
import { openSqlite } from '../../sqlite/open-database.js';
import type { ErasureApproval, ErasureJobRecord, JournalRecord, SubjectIndexStore, SubjectKeyRecord, SubjectRows, SubjectRun, Tombstone } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subject_runs (
  run_id     TEXT    PRIMARY KEY,
  scope      TEXT    NOT NULL,
  output     TEXT    NOT NULL,
  manifest   TEXT,
  created_at INTEGER NOT NULL,
  complete   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS subject_rows (
  commitment BLOB    NOT NULL,
  run_id     TEXT    NOT NULL,
  row        INTEGER NOT NULL,
  PRIMARY KEY (commitment, run_id, row)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS subject_rows_run ON subject_rows (run_id, row);
CREATE TABLE IF NOT EXISTS subject_staging (
  run_id     TEXT    NOT NULL,
  row        INTEGER NOT NULL,
  commitment BLOB    NOT NULL,
  PRIMARY KEY (run_id, row)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subject_tombstones (
  commitment BLOB    NOT NULL,
  scope      TEXT    NOT NULL,
  erasure_id TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (commitment, scope)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subject_keys (
  commitment  BLOB    NOT NULL,
  scope       TEXT    NOT NULL,
  kid         BLOB    NOT NULL UNIQUE,
  wrapped     BLOB,
  key_version INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (commitment, scope)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS erasure_approvals (
  commitment  BLOB    NOT NULL,
  scope       TEXT    NOT NULL,
  approver    TEXT    NOT NULL,
  approved_at INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  PRIMARY KEY (commitment, scope, approver)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS erasure_jobs (
  job_id     TEXT    PRIMARY KEY,
  commitment BLOB    NOT NULL,
  scope      TEXT    NOT NULL,
  state      TEXT    NOT NULL,
  open       INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS erasure_journal (
  erasure_id TEXT    PRIMARY KEY,
  commitment BLOB    NOT NULL,
  scope      TEXT    NOT NULL,
  state      TEXT    NOT NULL,
  done       INTEGER NOT NULL
);
`;

interface JobRow { job_id: string; commitment: Buffer; scope: string; state: string; open: number; updated_at: number }
const jobOf = (r: JobRow): ErasureJobRecord => ({ jobId: r.job_id, commitment: new Uint8Array(r.commitment), scope: r.scope, state: r.state, open: r.open === 1, updatedAt: r.updated_at });
interface RunRow { run_id: string; scope: string; output: string; manifest: string | null; created_at: number }
const runOf = (r: RunRow): SubjectRun => ({ runId: r.run_id, scope: r.scope, output: r.output, manifest: r.manifest, createdAt: r.created_at });
const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Pairs of a pending run held in memory before any is staged: 131,072 rows, 4 MiB of commitments. */
export const MEMORY_ROWS = 1 << 17;

/** A pending run's pairs not yet staged, in the order added: commitments packed in CHUNK_PAIRS-pair buffers. */
interface Held { chunks: Buffer[]; rows: number[] }
const CHUNK_PAIRS = 4096;
const COMMITMENT = 32;
/** The i-th held commitment (a view). */
const heldAt = (h: Held, i: number): Buffer => {
  const o = (i % CHUNK_PAIRS) * COMMITMENT;
  return h.chunks[(i / CHUNK_PAIRS) | 0]!.subarray(o, o + COMMITMENT);
};

export class SqliteSubjectIndex implements SubjectIndexStore {
  readonly #db: Database.Database;
  readonly #memoryRows: number;
  /** Pending runs' pairs in memory (see the header); a run with staged pairs holds none. */
  readonly #held = new Map<string, Held>();

  private constructor(db: Database.Database, memoryRows: number) {
    this.#db = db;
    this.#memoryRows = memoryRows;
  }

  /**
   * Opens (creating when missing) the index database at `path`. `memoryRows`: pairs of a pending
   * run held in memory before they are staged (default MEMORY_ROWS; 0 stages every pair).
   */
  static open(path: string, options: { readonly memoryRows?: number } = {}): SqliteSubjectIndex {
    let db: Database.Database | undefined;
    try {
      db = openSqlite(() => new Database(path));
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 10000');
      db.pragma('secure_delete = ON');
      db.exec(SCHEMA);
      // Added after the first release: an older subjects.db gets the column on open ('' = no tenant).
      const cols = db.prepare('SELECT name FROM pragma_table_info(\'erasure_approvals\')').pluck().all() as string[];
      if (!cols.includes('tenant')) db.exec("ALTER TABLE erasure_approvals ADD COLUMN tenant TEXT NOT NULL DEFAULT ''");
    } catch (e) {
      db?.close();
      if (e instanceof CordonError) throw e;
      throw new CordonError('ERR_IO', `cannot open the subject index ${path}: ${(e as { code?: string }).code ?? 'error'}`);
    }
    return new SqliteSubjectIndex(db, Math.min(options.memoryRows ?? MEMORY_ROWS, 1 << 21));
  }

  async beginRun(run: SubjectRun): Promise<void> {
    this.#db.prepare('INSERT INTO subject_runs (run_id, scope, output, manifest, created_at, complete) VALUES (?, ?, ?, ?, ?, 0)')
      .run(run.runId, run.scope, run.output, run.manifest, run.createdAt);
  }

  async addRows(runId: string, commitments: readonly Uint8Array[], rows: readonly number[]): Promise<void> {
    if (commitments.length !== rows.length) throw new TypeError('addRows: one row per commitment');
    let held = this.#held.get(runId);
    if (held === undefined && this.#memoryRows > 0 && !this.#staged(runId)) this.#held.set(runId, (held = { chunks: [], rows: [] }));
    // Every commitment is 32 bytes (commitment.ts); another length is staged as given.
    if (held !== undefined && held.rows.length + rows.length <= this.#memoryRows && commitments.every((c) => c.length === COMMITMENT)) {
      // Copied in: the caller may reuse its buffers once this returns.
      for (let i = 0; i < rows.length; i++) {
        const n = held.rows.length;
        if (n % CHUNK_PAIRS === 0) held.chunks.push(Buffer.allocUnsafe(CHUNK_PAIRS * COMMITMENT));
        held.chunks[held.chunks.length - 1]!.set(commitments[i]!, (n % CHUNK_PAIRS) * COMMITMENT);
        held.rows.push(rows[i]!);
      }
      return;
    }
    // Past the bound (or staging already): what is held is staged first, in row order as added.
    this.#held.delete(runId);
    const insert = this.#db.prepare('INSERT OR IGNORE INTO subject_staging (run_id, row, commitment) VALUES (?, ?, ?)');
    this.#db.transaction(() => {
      if (held !== undefined) for (let i = 0; i < held.rows.length; i++) insert.run(runId, held.rows[i]!, heldAt(held, i));
      for (let i = 0; i < commitments.length; i++) insert.run(runId, rows[i]!, buf(commitments[i]!));
    }).immediate();
  }

  /** Whether the run has pairs in subject_staging. */
  #staged(runId: string): boolean {
    return this.#db.prepare('SELECT 1 FROM subject_staging WHERE run_id = ? LIMIT 1').get(runId) !== undefined;
  }

  /**
   * Inserts held pairs into the commitment index in (commitment, row) order, as the staged move
   * does: ordered first by each commitment's first 4 bytes as a number (prefix · 2^21 + position,
   * exact in a double; far cheaper than comparing buffers), then, within an equal prefix, exactly.
   */
  #insertHeld(runId: string, held: Held): void {
    const n = held.rows.length;
    if (n > 1 << 21) throw new TypeError('insertHeld: at most 2^21 pairs held');
    const order = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = heldAt(held, i);
      order[i] = ((((c[0]! << 24) >>> 0) + (c[1]! << 16) + (c[2]! << 8) + c[3]!) * 0x200000) + i;
    }
    order.sort();
    const at = Array.from(order, (k) => k % 0x200000);
    // Equal 4-byte prefixes are rare: each such run of positions is put in exact order.
    const prefix = (k: number) => Math.floor(order[k]! / 0x200000);
    for (let s = 0; s < n; ) {
      let e = s + 1;
      while (e < n && prefix(e) === prefix(s)) e++;
      if (e - s > 1) {
        const part = at.slice(s, e).sort((x, y) => Buffer.compare(heldAt(held, x), heldAt(held, y)) || held.rows[x]! - held.rows[y]!);
        for (let k = s; k < e; k++) at[k] = part[k - s]!;
      }
      s = e;
    }
    const insert = this.#db.prepare('INSERT OR IGNORE INTO subject_rows (commitment, run_id, row) VALUES (?, ?, ?)');
    for (const i of at) insert.run(heldAt(held, i), runId, held.rows[i]!);
  }

  async completeRun(runId: string): Promise<void> {
    // A run writing the same output again replaces the older run's rows: that file is gone.
    const run = this.#db.prepare('SELECT output FROM subject_runs WHERE run_id = ?').get(runId) as { output: string } | undefined;
    if (run === undefined) throw new CordonError('ERR_INTERNAL', 'the subject index has no such run');
    this.#db.transaction(() => {
      const older = this.#db.prepare('SELECT run_id FROM subject_runs WHERE output = ? AND run_id <> ?').pluck().all(run.output, runId) as string[];
      for (const id of older) this.#dropRun(id);
      // Sorted by commitment, the pairs fill the index's pages in key order: each touched once.
      const held = this.#held.get(runId);
      if (held !== undefined) this.#insertHeld(runId, held);
      this.#db.prepare('INSERT OR IGNORE INTO subject_rows (commitment, run_id, row) SELECT commitment, run_id, row FROM subject_staging WHERE run_id = ? ORDER BY commitment, row').run(runId);
      this.#db.prepare('DELETE FROM subject_staging WHERE run_id = ?').run(runId);
      this.#db.prepare('UPDATE subject_runs SET complete = 1 WHERE run_id = ?').run(runId);
    }).immediate();
    this.#held.delete(runId);
  }

  #dropRun(runId: string): void {
    this.#held.delete(runId);
    this.#db.prepare('DELETE FROM subject_staging WHERE run_id = ?').run(runId);
    this.#db.prepare('DELETE FROM subject_rows WHERE run_id = ?').run(runId);
    this.#db.prepare('DELETE FROM subject_runs WHERE run_id = ?').run(runId);
  }

  async abortRun(runId: string): Promise<void> {
    this.#db.transaction(() => this.#dropRun(runId)).immediate();
  }

  async find(commitment: Uint8Array, scope?: string): Promise<SubjectRows[]> {
    const rows = this.#db.prepare(`SELECT r.run_id, r.scope, r.output, r.manifest, r.created_at, s.row FROM subject_rows s JOIN subject_runs r ON r.run_id = s.run_id
      WHERE s.commitment = ? AND r.complete = 1 ${scope !== undefined ? 'AND r.scope = ?' : ''} ORDER BY r.created_at, r.run_id, s.row`)
      .all(buf(commitment), ...(scope !== undefined ? [scope] : [])) as Array<RunRow & { row: number }>;
    const out: Array<{ run: SubjectRun; rows: number[] }> = [];
    for (const r of rows) {
      const last = out.at(-1);
      if (last !== undefined && last.run.runId === r.run_id) last.rows.push(r.row);
      else out.push({ run: runOf(r), rows: [r.row] });
    }
    return out;
  }

  async removeRows(runId: string, commitment: Uint8Array, removed: readonly number[]): Promise<boolean> {
    const del = this.#db.prepare('DELETE FROM subject_rows WHERE commitment = ? AND run_id = ?');
    const later = this.#db.prepare('SELECT commitment, row FROM subject_rows WHERE run_id = ? AND row > ? ORDER BY row').raw();
    const move = this.#db.prepare('UPDATE subject_rows SET row = ? WHERE commitment = ? AND run_id = ? AND row = ?');
    return this.#db.transaction(() => {
      if (del.run(buf(commitment), runId).changes === 0) return false;
      // Ascending order: each row moves up by the number of removed rows before it, never onto a row not yet moved.
      const sorted = [...removed].sort((a, b) => a - b);
      let k = 0;
      for (const [c, row] of later.all(runId, sorted[0] ?? Number.MAX_SAFE_INTEGER) as Array<[Buffer, number]>) {
        while (k < sorted.length && sorted[k]! < row) k++;
        move.run(row - k, c, runId, row);
      }
      return true;
    }).immediate();
  }

  async runsBefore(scope: string, before: number): Promise<SubjectRun[]> {
    return (this.#db.prepare('SELECT run_id, scope, output, manifest, created_at FROM subject_runs WHERE scope = ? AND complete = 1 AND created_at < ? ORDER BY created_at, run_id')
      .all(scope, before) as RunRow[]).map(runOf);
  }

  async addTombstone(t: Tombstone): Promise<void> {
    this.#db.prepare('INSERT OR IGNORE INTO subject_tombstones (commitment, scope, erasure_id, at) VALUES (?, ?, ?, ?)').run(buf(t.commitment), t.scope, t.erasureId, t.at);
  }

  async tombstones(scope: string): Promise<Set<string>> {
    const rows = this.#db.prepare("SELECT commitment FROM subject_tombstones WHERE scope = ? OR scope = '*'").pluck().all(scope) as Buffer[];
    return new Set(rows.map((b) => b.toString('hex')));
  }

  async putSubjectKeys(keys: readonly SubjectKeyRecord[]): Promise<void> {
    const insert = this.#db.prepare('INSERT OR IGNORE INTO subject_keys (commitment, scope, kid, wrapped, key_version, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.#db.transaction(() => {
      for (const k of keys) insert.run(buf(k.commitment), k.scope, buf(k.kid), k.wrapped === null ? null : buf(k.wrapped), k.keyVersion, k.createdAt);
    }).immediate();
  }

  async subjectKeys(scope: string, commitments: readonly Uint8Array[]): Promise<SubjectKeyRecord[]> {
    const get = this.#db.prepare('SELECT commitment, scope, kid, wrapped, key_version, created_at FROM subject_keys WHERE commitment = ? AND scope = ?');
    const out: SubjectKeyRecord[] = [];
    for (const c of commitments) {
      const r = get.get(buf(c), scope) as KeyRow | undefined;
      if (r !== undefined) out.push(keyOf(r));
    }
    return out;
  }

  async subjectKeysById(kids: readonly Uint8Array[]): Promise<SubjectKeyRecord[]> {
    const get = this.#db.prepare('SELECT commitment, scope, kid, wrapped, key_version, created_at FROM subject_keys WHERE kid = ?');
    const out: SubjectKeyRecord[] = [];
    for (const k of kids) {
      const r = get.get(buf(k)) as KeyRow | undefined;
      if (r !== undefined) out.push(keyOf(r));
    }
    return out;
  }

  async destroySubjectKeys(commitment: Uint8Array, scope?: string): Promise<number> {
    // secure_delete zeroes the old cell; the checkpoint copies the page into the database and
    // truncates the WAL, so the wrapped bytes do not linger in WAL frames either.
    const n = this.#db.prepare(`UPDATE subject_keys SET wrapped = NULL WHERE commitment = ? AND wrapped IS NOT NULL ${scope !== undefined ? 'AND scope = ?' : ''}`)
      .run(buf(commitment), ...(scope !== undefined ? [scope] : [])).changes;
    if (n > 0) this.#db.pragma('wal_checkpoint(TRUNCATE)');
    return n;
  }

  async subjectKeysBefore(scope: string, before: number, options: { readonly destroy?: boolean } = {}): Promise<number | undefined> {
    const where = `FROM subject_keys k WHERE k.scope = ? AND k.wrapped IS NOT NULL AND k.created_at < ? AND NOT EXISTS (
      SELECT 1 FROM subject_rows s JOIN subject_runs r ON r.run_id = s.run_id WHERE s.commitment = k.commitment AND r.scope = k.scope AND r.complete = 1 AND r.created_at >= ?)`;
    const n = this.#db.transaction((): number | undefined => {
      if (this.#db.prepare('SELECT 1 FROM subject_runs WHERE scope = ? AND complete = 0 AND created_at >= ? LIMIT 1').get(scope, before) !== undefined) return undefined;
      if (options.destroy !== true) return (this.#db.prepare(`SELECT count(*) ${where}`).pluck().get(scope, before, before) as number);
      // IMMEDIATE: a protect run cannot begin (and read a key) between the check and the delete.
      return this.#db.prepare(`DELETE FROM subject_keys WHERE kid IN (SELECT k.kid ${where})`).run(scope, before, before).changes;
    }).immediate();
    // secure_delete zeroed the cells; as destroySubjectKeys, the checkpoint takes them out of the WAL too.
    if (options.destroy === true && n !== undefined && n > 0) this.#db.pragma('wal_checkpoint(TRUNCATE)');
    return n;
  }

  async putApproval(a: ErasureApproval): Promise<void> {
    this.#db.prepare(`INSERT INTO erasure_approvals (commitment, scope, approver, approved_at, expires_at, tenant) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (commitment, scope, approver) DO UPDATE SET approved_at = excluded.approved_at, expires_at = excluded.expires_at, tenant = excluded.tenant`)
      .run(buf(a.commitment), a.scope, a.approver, a.approvedAt, a.expiresAt, a.tenant ?? '');
  }

  async approvals(commitment: Uint8Array, scope: string, now: number): Promise<ErasureApproval[]> {
    this.#db.prepare('DELETE FROM erasure_approvals WHERE expires_at <= ?').run(now);
    const rows = this.#db.prepare("SELECT scope, approver, approved_at, expires_at, tenant FROM erasure_approvals WHERE commitment = ? AND (scope = ? OR scope = '*') AND expires_at > ? ORDER BY approved_at, approver")
      .all(buf(commitment), scope, now) as Array<{ scope: string; approver: string; approved_at: number; expires_at: number; tenant: string }>;
    return rows.map((r) => ({ commitment, scope: r.scope, approver: r.approver, approvedAt: r.approved_at, expiresAt: r.expires_at, ...(r.tenant !== '' ? { tenant: r.tenant } : {}) }));
  }

  async consumeApprovals(commitment: Uint8Array, scope: string, approvers: readonly string[], now: number): Promise<boolean> {
    const wanted = new Set(approvers);
    if (wanted.size === 0) return true;
    const del = this.#db.prepare("DELETE FROM erasure_approvals WHERE commitment = ? AND (scope = ? OR scope = '*') AND approver = ? AND expires_at > ? RETURNING approver");
    const used = new Error('an approval no longer stands');
    try {
      // IMMEDIATE: the write lock is taken before the first read, so two erasures cannot both see an approval standing.
      this.#db.transaction(() => {
        for (const a of wanted) if (del.all(buf(commitment), scope, a, now).length === 0) throw used;
      }).immediate();
      return true;
    } catch (e) {
      if (e === used) return false;
      throw e;
    }
  }

  async putJob(r: ErasureJobRecord): Promise<void> {
    this.#db.prepare('INSERT INTO erasure_jobs (job_id, commitment, scope, state, open, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, open = excluded.open, updated_at = excluded.updated_at')
      .run(r.jobId, buf(r.commitment), r.scope, r.state, r.open ? 1 : 0, r.updatedAt);
  }

  async getJob(jobId: string): Promise<ErasureJobRecord | undefined> {
    const r = this.#db.prepare('SELECT job_id, commitment, scope, state, open, updated_at FROM erasure_jobs WHERE job_id = ?').get(jobId) as JobRow | undefined;
    return r === undefined ? undefined : jobOf(r);
  }

  async openJobs(): Promise<ErasureJobRecord[]> {
    return (this.#db.prepare('SELECT job_id, commitment, scope, state, open, updated_at FROM erasure_jobs WHERE open = 1 ORDER BY updated_at, job_id').all() as JobRow[]).map(jobOf);
  }

  async pruneJobs(before: number): Promise<number> {
    return this.#db.prepare('DELETE FROM erasure_jobs WHERE open = 0 AND updated_at < ?').run(before).changes;
  }

  async putJournal(r: JournalRecord): Promise<void> {
    this.#db.prepare('INSERT INTO erasure_journal (erasure_id, commitment, scope, state, done) VALUES (?, ?, ?, ?, ?) ON CONFLICT (erasure_id) DO UPDATE SET state = excluded.state, done = excluded.done')
      .run(r.erasureId, buf(r.commitment), r.scope, r.state, r.done ? 1 : 0);
  }

  async getJournal(erasureId: string): Promise<JournalRecord | undefined> {
    const r = this.#db.prepare('SELECT erasure_id, commitment, scope, state, done FROM erasure_journal WHERE erasure_id = ?').get(erasureId) as JournalRow | undefined;
    return r === undefined ? undefined : journalOf(r);
  }

  async unfinished(): Promise<JournalRecord[]> {
    return (this.#db.prepare('SELECT erasure_id, commitment, scope, state, done FROM erasure_journal WHERE done = 0 ORDER BY erasure_id').all() as JournalRow[]).map(journalOf);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

interface KeyRow { commitment: Buffer; scope: string; kid: Buffer; wrapped: Buffer | null; key_version: number; created_at: number }
const keyOf = (r: KeyRow): SubjectKeyRecord => ({
  commitment: new Uint8Array(r.commitment), scope: r.scope, kid: new Uint8Array(r.kid), wrapped: r.wrapped === null ? null : new Uint8Array(r.wrapped), keyVersion: r.key_version, createdAt: r.created_at,
});
interface JournalRow { erasure_id: string; commitment: Buffer; scope: string; state: string; done: number }
const journalOf = (r: JournalRow): JournalRecord => ({ erasureId: r.erasure_id, commitment: new Uint8Array(r.commitment), scope: r.scope, state: r.state, done: r.done === 1 });
