// The vault store for several machines: PostgreSQL through `pg`. A batch is one INSERT … SELECT
// FROM unnest(…) ON CONFLICT DO NOTHING, then one SELECT of the tokens by MAC: two
// round trips per batch whatever its size. Concurrent writers of the same new value wait on the
// unique index; the loser inserts nothing and reads the winner's token.
import pg from 'pg';
import { CordonError } from '../../errors.js';
import type { SealedRow, StoredSealed, VaultRow, VaultStore } from '../types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS vault_tokens (
  namespace   TEXT    NOT NULL,
  token       TEXT    NOT NULL,
  mac         BYTEA   NOT NULL,
  ciphertext  BYTEA   NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  BIGINT  NOT NULL,
  expires_at  BIGINT,
  PRIMARY KEY (namespace, token),
  UNIQUE (namespace, mac)
);
CREATE INDEX IF NOT EXISTS vault_tokens_key_version ON vault_tokens (key_version);
`;

/** Attempts of a batch insert that PostgreSQL chose as a deadlock victim. */
const MAX_DEADLOCK_RETRIES = 5;

export class PostgresVaultStore implements VaultStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  /**
   * Connects to `url` (postgres://…), creating the table when missing. With `pool` (a workspace's
   * shared pool) the store uses it and `close()` leaves it open.
   */
  static async open(url: string, options: { table?: never; max?: number; pool?: pg.Pool } = {}): Promise<PostgresVaultStore> {
    const pool = options.pool ?? new pg.Pool({ connectionString: url, max: options.max ?? 4 });
    try {
      // Two processes creating the schema at once would race on the catalog: serialise them.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(7244511)');
        await client.query(SCHEMA);
        await client.query('SELECT pg_advisory_unlock(7244511)');
      } finally {
        client.release();
      }
    } catch (e) {
      if (options.pool === undefined) await pool.end().catch(() => undefined);
      // The URL may hold a password: never repeat it.
      throw new CordonError('ERR_IO', `cannot open the PostgreSQL vault: ${(e as Error).message}`);
    }
    return new PostgresVaultStore(pool, options.pool === undefined);
  }

  async putMany(namespace: string, rows: readonly VaultRow[]): Promise<Map<string, string>> {
    const seen = new Set<string>();
    const unique = rows.filter((r) => {
      const hex = Buffer.from(r.mac).toString('hex');
      if (seen.has(hex)) return false;
      seen.add(hex);
      return true;
    });
    const macs = unique.map((r) => Buffer.from(r.mac));
    const params = [namespace, unique.map((r) => r.token), macs, unique.map((r) => Buffer.from(r.ciphertext)), unique.map((r) => r.keyVersion), unique.map((r) => r.createdAt), unique.map((r) => r.expiresAt ?? null)];
    // Rows go in in MAC order: two batches that share new values (from two instances, in any order)
    // then wait on each other's index entries in one order, instead of deadlocking. A deadlock that
    // still happens (two random tokens clashing in opposite orders) is retried: the statement is
    // idempotent.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#pool.query(
          `INSERT INTO vault_tokens (namespace, token, mac, ciphertext, key_version, created_at, expires_at)
           SELECT $1, u.t, u.m, u.c, u.v, u.at, u.ex FROM unnest($2::text[], $3::bytea[], $4::bytea[], $5::int[], $6::bigint[], $7::bigint[]) AS u(t, m, c, v, at, ex)
           ORDER BY u.m
           ON CONFLICT DO NOTHING`,
          params,
        );
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '40P01' || attempt === MAX_DEADLOCK_RETRIES) throw e;
      }
    }
    // A MAC absent here lost its token to another value (a clash on (namespace, token)): the
    // vault draws a new token for it.
    const res = await this.#pool.query<{ mac: Buffer; token: string }>('SELECT mac, token FROM vault_tokens WHERE namespace = $1 AND mac = ANY($2::bytea[])', [namespace, macs]);
    return new Map(res.rows.map((r) => [r.mac.toString('hex'), r.token]));
  }

  async findByMacs(namespace: string, macs: readonly Uint8Array[]): Promise<Map<string, string>> {
    const res = await this.#pool.query<{ mac: Buffer; token: string }>('SELECT mac, token FROM vault_tokens WHERE namespace = $1 AND mac = ANY($2::bytea[])', [namespace, macs.map((m) => Buffer.from(m))]);
    return new Map(res.rows.map((r) => [r.mac.toString('hex'), r.token]));
  }

  async getMany(namespace: string, tokens: readonly string[]): Promise<Map<string, StoredSealed>> {
    const res = await this.#pool.query<{ token: string; ciphertext: Buffer; key_version: number; expires_at: string | null }>(
      'SELECT token, ciphertext, key_version, expires_at FROM vault_tokens WHERE namespace = $1 AND token = ANY($2::text[])', [namespace, [...new Set(tokens)]]);
    return new Map(res.rows.map((r) => [r.token, { ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version, expiresAt: r.expires_at === null ? null : Number(r.expires_at) }]));
  }

  async staleRows(version: number, limit: number): Promise<SealedRow[]> {
    const res = await this.#pool.query<{ namespace: string; token: string; ciphertext: Buffer; key_version: number }>(
      'SELECT namespace, token, ciphertext, key_version FROM vault_tokens WHERE key_version < $1 LIMIT $2', [version, limit]);
    return res.rows.map((r) => ({ namespace: r.namespace, token: r.token, ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version }));
  }

  async updateSealed(rows: readonly SealedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#pool.query(
      `UPDATE vault_tokens AS v SET ciphertext = u.c, key_version = u.k
       FROM unnest($1::text[], $2::text[], $3::bytea[], $4::int[]) AS u(n, t, c, k) WHERE v.namespace = u.n AND v.token = u.t`,
      [rows.map((r) => r.namespace), rows.map((r) => r.token), rows.map((r) => Buffer.from(r.ciphertext)), rows.map((r) => r.keyVersion)]);
  }

  async count(): Promise<number> {
    const res = await this.#pool.query<{ n: string }>('SELECT count(*) AS n FROM vault_tokens');
    return Number(res.rows[0]!.n);
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
