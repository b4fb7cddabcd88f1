// The subject index in PostgreSQL, shared by every instance of a shared workspace (tables
// cordon_subject_*). Deleted pairs stay as dead tuples until a vacuum (docs/erasure.md#storage).
// A pending run's pairs are staged in row order (cordon_subject_staging) and move into the
// commitment index in one sorted INSERT … SELECT when the run completes, in the same transaction
// that marks it complete (issue 15: batch by batch, random 32-byte keys touched pages all over it).
import pg from 'pg';
import { CordonError } from '../../errors.js';
import { openPgStore } from '../../postgres/open-store.js';
import { SCHEMA_LOCKS } from '../../postgres/lock-keys.js';
import type { ErasureApproval, ErasureJobRecord, JournalRecord, SubjectIndexStore, SubjectKeyRecord, SubjectRows, SubjectRun, Tombstone } from './types.js';

const DDL = `
CREATE TABLE IF NOT EXISTS cordon_subject_runs (
  run_id     TEXT    PRIMARY KEY,
  scope      TEXT    NOT NULL,
  output     TEXT    NOT NULL,
  manifest   TEXT,
  created_at BIGINT  NOT NULL,
  complete   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE IF NOT EXISTS cordon_subject_rows (
  commitment BYTEA   NOT NULL,
  run_id     TEXT    NOT NULL,
  row        INTEGER NOT NULL,
  PRIMARY KEY (commitment, run_id, row)
);
CREATE INDEX IF NOT EXISTS cordon_subject_rows_run ON cordon_subject_rows (run_id, row);
CREATE TABLE IF NOT EXISTS cordon_subject_staging (
  run_id     TEXT    NOT NULL,
  row        INTEGER NOT NULL,
  commitment BYTEA   NOT NULL,
  PRIMARY KEY (run_id, row)
);
CREATE TABLE IF NOT EXISTS cordon_subject_tombstones (
  commitment BYTEA   NOT NULL,
  scope      TEXT    NOT NULL,
  erasure_id TEXT    NOT NULL,
  at         BIGINT  NOT NULL,
  PRIMARY KEY (commitment, scope)
);
CREATE TABLE IF NOT EXISTS cordon_subject_keys (
  commitment  BYTEA   NOT NULL,
  scope       TEXT    NOT NULL,
  kid         BYTEA   NOT NULL UNIQUE,
  wrapped     BYTEA,
  key_version INTEGER NOT NULL,
  created_at  BIGINT  NOT NULL,
  PRIMARY KEY (commitment, scope)
);
CREATE TABLE IF NOT EXISTS cordon_erasure_approvals (
  commitment  BYTEA  NOT NULL,
  scope       TEXT   NOT NULL,
  approver    TEXT   NOT NULL,
  approved_at BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  PRIMARY KEY (commitment, scope, approver)
);
ALTER TABLE cordon_erasure_approvals ADD COLUMN IF NOT EXISTS tenant TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS cordon_erasure_jobs (
  job_id     TEXT    PRIMARY KEY,
  commitment BYTEA   NOT NULL,
  scope      TEXT    NOT NULL,
  state      TEXT    NOT NULL,
  open       BOOLEAN NOT NULL,
  updated_at BIGINT  NOT NULL
);
CREATE TABLE IF NOT EXISTS cordon_erasure_journal (
  erasure_id TEXT    PRIMARY KEY,
  commitment BYTEA   NOT NULL,
  scope      TEXT    NOT NULL,
  state      TEXT    NOT NULL,
  done       BOOLEAN NOT NULL
);
`;

interface RunRow { run_id: string; scope: string; output: string; manifest: string | null; created_at: string }
const runOf = (r: RunRow): SubjectRun => ({ runId: r.run_id, scope: r.scope, output: r.output, manifest: r.manifest, createdAt: Number(r.created_at) });
interface PgJobRow { job_id: string; commitment: Buffer; scope: string; state: string; open: boolean; updated_at: string }
const pgJobOf = (r: PgJobRow): ErasureJobRecord => ({ jobId: r.job_id, commitment: new Uint8Array(r.commitment), scope: r.scope, state: r.state, open: r.open, updatedAt: Number(r.updated_at) });
const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
interface KeyRow { commitment: Buffer; scope: string; kid: Buffer; wrapped: Buffer | null; key_version: number; created_at: string }
const keyOf = (r: KeyRow): SubjectKeyRecord => ({
  commitment: new Uint8Array(r.commitment), scope: r.scope, kid: new Uint8Array(r.kid), wrapped: r.wrapped === null ? null : new Uint8Array(r.wrapped), keyVersion: r.key_version, createdAt: Number(r.created_at),
});
interface JournalRow { erasure_id: string; commitment: Buffer; scope: string; state: string; done: boolean }
const journalOf = (r: JournalRow): JournalRecord => ({ erasureId: r.erasure_id, commitment: new Uint8Array(r.commitment), scope: r.scope, state: r.state, done: r.done });

export class PostgresSubjectIndex implements SubjectIndexStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  /** Connects to `url` (or uses a workspace's `pool`), creating the tables when missing. */
  static async open(url: string, options: { pool?: pg.Pool } = {}): Promise<PostgresSubjectIndex> {
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL subject index', pool: options.pool, lock: SCHEMA_LOCKS.subjectIndex, schema: DDL,
      create: () => new pg.Pool({ connectionString: url, max: 4 }),
    });
    return new PostgresSubjectIndex(pool, ownsPool);
  }

  async #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.#pool.connect();
    try {
      await c.query('BEGIN');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async beginRun(run: SubjectRun): Promise<void> {
    await this.#pool.query('INSERT INTO cordon_subject_runs (run_id, scope, output, manifest, created_at) VALUES ($1, $2, $3, $4, $5)',
      [run.runId, run.scope, run.output, run.manifest, run.createdAt]);
  }

  async addRows(runId: string, commitments: readonly Uint8Array[], rows: readonly number[]): Promise<void> {
    if (commitments.length === 0) return;
    await this.#pool.query('INSERT INTO cordon_subject_staging (run_id, row, commitment) SELECT $2, r, c FROM unnest($1::bytea[], $3::int[]) AS u(c, r) ON CONFLICT DO NOTHING',
      [commitments.map(buf), runId, [...rows]]);
  }

  async completeRun(runId: string): Promise<void> {
    await this.#tx(async (c) => {
      const run = await c.query<{ output: string }>('SELECT output FROM cordon_subject_runs WHERE run_id = $1 FOR UPDATE', [runId]);
      if (run.rows.length === 0) throw new CordonError('ERR_INTERNAL', 'the subject index has no such run');
      await c.query('DELETE FROM cordon_subject_rows WHERE run_id IN (SELECT run_id FROM cordon_subject_runs WHERE output = $1 AND run_id <> $2)', [run.rows[0]!.output, runId]);
      await c.query('DELETE FROM cordon_subject_staging WHERE run_id IN (SELECT run_id FROM cordon_subject_runs WHERE output = $1 AND run_id <> $2)', [run.rows[0]!.output, runId]);
      await c.query('DELETE FROM cordon_subject_runs WHERE output = $1 AND run_id <> $2', [run.rows[0]!.output, runId]);
      await c.query(`INSERT INTO cordon_subject_rows (commitment, run_id, row) SELECT commitment, run_id, row FROM cordon_subject_staging
        WHERE run_id = $1 ORDER BY commitment, row ON CONFLICT DO NOTHING`, [runId]);
      await c.query('DELETE FROM cordon_subject_staging WHERE run_id = $1', [runId]);
      await c.query('UPDATE cordon_subject_runs SET complete = TRUE WHERE run_id = $1', [runId]);
    });
  }

  async abortRun(runId: string): Promise<void> {
    await this.#tx(async (c) => {
      await c.query('DELETE FROM cordon_subject_staging WHERE run_id = $1', [runId]);
      await c.query('DELETE FROM cordon_subject_rows WHERE run_id = $1', [runId]);
      await c.query('DELETE FROM cordon_subject_runs WHERE run_id = $1', [runId]);
    });
  }

  async find(commitment: Uint8Array, scope?: string): Promise<SubjectRows[]> {
    const res = await this.#pool.query<RunRow & { row: number }>(`SELECT r.run_id, r.scope, r.output, r.manifest, r.created_at, s.row FROM cordon_subject_rows s
      JOIN cordon_subject_runs r ON r.run_id = s.run_id WHERE s.commitment = $1 AND r.complete ${scope !== undefined ? 'AND r.scope = $2' : ''}
      ORDER BY r.created_at, r.run_id, s.row`, [buf(commitment), ...(scope !== undefined ? [scope] : [])]);
    const out: Array<{ run: SubjectRun; rows: number[] }> = [];
    for (const r of res.rows) {
      const last = out.at(-1);
      if (last !== undefined && last.run.runId === r.run_id) last.rows.push(r.row);
      else out.push({ run: runOf(r), rows: [r.row] });
    }
    return out;
  }

  async removeRows(runId: string, commitment: Uint8Array, removed: readonly number[]): Promise<boolean> {
    return this.#tx(async (c) => {
      // The run's rows are locked first, so two erasures of one output move rows one after the other.
      await c.query('SELECT 1 FROM cordon_subject_runs WHERE run_id = $1 FOR UPDATE', [runId]);
      const del = await c.query('DELETE FROM cordon_subject_rows WHERE commitment = $1 AND run_id = $2', [buf(commitment), runId]);
      if ((del.rowCount ?? 0) === 0) return false;
      // Each later row moves up by the number of removed rows before it. The key is checked row by
      // row, so rows park at -(new row) - 1 first (distinct, never clashing) and then flip back.
      await c.query(`UPDATE cordon_subject_rows s SET row = -(s.row - (SELECT count(*) FROM unnest($2::int[]) AS x(r) WHERE x.r < s.row)) - 1
        WHERE s.run_id = $1 AND s.row > $3`, [runId, [...removed], Math.min(...removed)]);
      await c.query('UPDATE cordon_subject_rows SET row = -row - 1 WHERE run_id = $1 AND row < 0', [runId]);
      return true;
    });
  }

  async runsBefore(scope: string, before: number): Promise<SubjectRun[]> {
    const res = await this.#pool.query<RunRow>('SELECT run_id, scope, output, manifest, created_at FROM cordon_subject_runs WHERE scope = $1 AND complete AND created_at < $2 ORDER BY created_at, run_id', [scope, before]);
    return res.rows.map(runOf);
  }

  async addTombstone(t: Tombstone): Promise<void> {
    await this.#pool.query('INSERT INTO cordon_subject_tombstones (commitment, scope, erasure_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [buf(t.commitment), t.scope, t.erasureId, t.at]);
  }

  async tombstones(scope: string): Promise<Set<string>> {
    const res = await this.#pool.query<{ commitment: Buffer }>("SELECT commitment FROM cordon_subject_tombstones WHERE scope = $1 OR scope = '*'", [scope]);
    return new Set(res.rows.map((r) => r.commitment.toString('hex')));
  }

  async putSubjectKeys(keys: readonly SubjectKeyRecord[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#pool.query(`INSERT INTO cordon_subject_keys (commitment, scope, kid, wrapped, key_version, created_at)
      SELECT c, s, k, w, v, t FROM unnest($1::bytea[], $2::text[], $3::bytea[], $4::bytea[], $5::int[], $6::bigint[]) AS u(c, s, k, w, v, t) ON CONFLICT DO NOTHING`,
    [keys.map((k) => buf(k.commitment)), keys.map((k) => k.scope), keys.map((k) => buf(k.kid)), keys.map((k) => (k.wrapped === null ? null : buf(k.wrapped))),
      keys.map((k) => k.keyVersion), keys.map((k) => k.createdAt)]);
  }

  async subjectKeys(scope: string, commitments: readonly Uint8Array[]): Promise<SubjectKeyRecord[]> {
    if (commitments.length === 0) return [];
    const res = await this.#pool.query<KeyRow>('SELECT commitment, scope, kid, wrapped, key_version, created_at FROM cordon_subject_keys WHERE scope = $1 AND commitment = ANY($2::bytea[])',
      [scope, commitments.map(buf)]);
    return res.rows.map(keyOf);
  }

  async subjectKeysById(kids: readonly Uint8Array[]): Promise<SubjectKeyRecord[]> {
    if (kids.length === 0) return [];
    const res = await this.#pool.query<KeyRow>('SELECT commitment, scope, kid, wrapped, key_version, created_at FROM cordon_subject_keys WHERE kid = ANY($1::bytea[])', [kids.map(buf)]);
    return res.rows.map(keyOf);
  }

  async destroySubjectKeys(commitment: Uint8Array, scope?: string): Promise<number> {
    // The old tuple stays as a dead tuple until VACUUM (docs/erasure.md#subject-keys).
    const res = await this.#pool.query(`UPDATE cordon_subject_keys SET wrapped = NULL WHERE commitment = $1 AND wrapped IS NOT NULL ${scope !== undefined ? 'AND scope = $2' : ''}`,
      [buf(commitment), ...(scope !== undefined ? [scope] : [])]);
    return res.rowCount ?? 0;
  }

  async subjectKeysBefore(scope: string, before: number, options: { readonly destroy?: boolean } = {}): Promise<number | undefined> {
    const where = `FROM cordon_subject_keys k WHERE k.scope = $1 AND k.wrapped IS NOT NULL AND k.created_at < $2 AND NOT EXISTS (
      SELECT 1 FROM cordon_subject_rows s JOIN cordon_subject_runs r ON r.run_id = s.run_id WHERE s.commitment = k.commitment AND r.scope = k.scope AND r.complete AND r.created_at >= $2)`;
    return this.#tx(async (c) => {
      // SHARE blocks beginRun's INSERT until this transaction ends: a protect run cannot begin (and
      // read a key) between the check and the delete; one that began before is seen pending.
      if (options.destroy === true) await c.query('LOCK TABLE cordon_subject_runs IN SHARE MODE');
      const pending = await c.query('SELECT 1 FROM cordon_subject_runs WHERE scope = $1 AND NOT complete AND created_at >= $2 LIMIT 1', [scope, before]);
      if (pending.rowCount !== 0) return undefined;
      if (options.destroy !== true) return Number((await c.query<{ n: string }>(`SELECT count(*) AS n ${where}`, [scope, before])).rows[0]!.n);
      // The old tuples stay as dead tuples until VACUUM (docs/erasure.md#subject-keys).
      return (await c.query(`DELETE FROM cordon_subject_keys WHERE kid IN (SELECT k.kid ${where})`, [scope, before])).rowCount ?? 0;
    });
  }

  async putApproval(a: ErasureApproval): Promise<void> {
    await this.#pool.query(`INSERT INTO cordon_erasure_approvals (commitment, scope, approver, approved_at, expires_at, tenant) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (commitment, scope, approver) DO UPDATE SET approved_at = excluded.approved_at, expires_at = excluded.expires_at, tenant = excluded.tenant`,
    [buf(a.commitment), a.scope, a.approver, a.approvedAt, a.expiresAt, a.tenant ?? '']);
  }

  async approvals(commitment: Uint8Array, scope: string, now: number): Promise<ErasureApproval[]> {
    await this.#pool.query('DELETE FROM cordon_erasure_approvals WHERE expires_at <= $1', [now]);
    const res = await this.#pool.query<{ scope: string; approver: string; approved_at: string; expires_at: string; tenant: string }>(
      "SELECT scope, approver, approved_at, expires_at, tenant FROM cordon_erasure_approvals WHERE commitment = $1 AND (scope = $2 OR scope = '*') AND expires_at > $3 ORDER BY approved_at, approver",
      [buf(commitment), scope, now]);
    return res.rows.map((r) => ({ commitment, scope: r.scope, approver: r.approver, approvedAt: Number(r.approved_at), expiresAt: Number(r.expires_at), ...(r.tenant !== '' ? { tenant: r.tenant } : {}) }));
  }

  async consumeApprovals(commitment: Uint8Array, scope: string, approvers: readonly string[], now: number): Promise<boolean> {
    const wanted = [...new Set(approvers)];
    if (wanted.length === 0) return true;
    const used = new Error('an approval no longer stands');
    try {
      // A second transaction deleting the same rows waits for the first and then finds them gone.
      await this.#tx(async (c) => {
        const res = await c.query<{ approver: string }>(
          "DELETE FROM cordon_erasure_approvals WHERE commitment = $1 AND (scope = $2 OR scope = '*') AND approver = ANY($3::text[]) AND expires_at > $4 RETURNING approver",
          [buf(commitment), scope, wanted, now]);
        if (new Set(res.rows.map((r) => r.approver)).size !== wanted.length) throw used;
      });
      return true;
    } catch (e) {
      if (e === used) return false;
      throw e;
    }
  }

  async putJob(r: ErasureJobRecord): Promise<void> {
    await this.#pool.query('INSERT INTO cordon_erasure_jobs (job_id, commitment, scope, state, open, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (job_id) DO UPDATE SET state = excluded.state, open = excluded.open, updated_at = excluded.updated_at',
      [r.jobId, buf(r.commitment), r.scope, r.state, r.open, r.updatedAt]);
  }

  async getJob(jobId: string): Promise<ErasureJobRecord | undefined> {
    const res = await this.#pool.query<PgJobRow>('SELECT job_id, commitment, scope, state, open, updated_at FROM cordon_erasure_jobs WHERE job_id = $1', [jobId]);
    return res.rows[0] === undefined ? undefined : pgJobOf(res.rows[0]);
  }

  async openJobs(): Promise<ErasureJobRecord[]> {
    return (await this.#pool.query<PgJobRow>('SELECT job_id, commitment, scope, state, open, updated_at FROM cordon_erasure_jobs WHERE open ORDER BY updated_at, job_id')).rows.map(pgJobOf);
  }

  async pruneJobs(before: number): Promise<number> {
    return (await this.#pool.query('DELETE FROM cordon_erasure_jobs WHERE NOT open AND updated_at < $1', [before])).rowCount ?? 0;
  }

  async putJournal(r: JournalRecord): Promise<void> {
    await this.#pool.query(`INSERT INTO cordon_erasure_journal (erasure_id, commitment, scope, state, done) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (erasure_id) DO UPDATE SET state = excluded.state, done = excluded.done`, [r.erasureId, buf(r.commitment), r.scope, r.state, r.done]);
  }

  async getJournal(erasureId: string): Promise<JournalRecord | undefined> {
    const res = await this.#pool.query<JournalRow>('SELECT erasure_id, commitment, scope, state, done FROM cordon_erasure_journal WHERE erasure_id = $1', [erasureId]);
    return res.rows[0] === undefined ? undefined : journalOf(res.rows[0]);
  }

  async unfinished(): Promise<JournalRecord[]> {
    const res = await this.#pool.query<JournalRow>('SELECT erasure_id, commitment, scope, state, done FROM cordon_erasure_journal WHERE NOT done ORDER BY erasure_id');
    return res.rows.map(journalOf);
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
