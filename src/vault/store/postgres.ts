// The vault store for several machines: PostgreSQL through `pg`. A batch is one INSERT … SELECT
// FROM unnest(…) ON CONFLICT DO NOTHING, then one SELECT of the tokens by MAC: two
// round trips per batch whatever its size. Concurrent writers of the same new value wait on the
// unique index; the loser inserts nothing and reads the winner's token. Format v2 inserts are
// group-committed: concurrent calls share one statement and one commit (putSiv).
import pg from 'pg';
import { openPgStore } from '../../postgres/open-store.js';
import { SCHEMA_LOCKS } from '../../postgres/lock-keys.js';
import type { SealedRow, SivRows, SivSealedRow, StoredSealed, VaultRow, VaultStore } from '../types.js';

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
CREATE TABLE IF NOT EXISTS vault_siv (
  namespace   TEXT    NOT NULL,
  token       BYTEA   NOT NULL,
  ciphertext  BYTEA   NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  BIGINT  NOT NULL,
  expires_at  BIGINT,
  PRIMARY KEY (namespace, token)
);
CREATE TABLE IF NOT EXISTS vault_meta (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO vault_meta (name, value) SELECT 'legacy_tokens', CASE WHEN EXISTS (SELECT 1 FROM vault_tokens) THEN 1 ELSE 0 END
  ON CONFLICT (name) DO NOTHING;
`;

interface PendingSiv {
  readonly namespace: string;
  readonly rows: SivRows;
  resolve(): void;
  reject(e: unknown): void;
}

/** Attempts of a batch insert that PostgreSQL chose as a deadlock victim. */
const MAX_DEADLOCK_RETRIES = 5;

export class PostgresVaultStore implements VaultStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #legacy: boolean;
  /** Where the last staleSivRows stopped (rewrap walks the primary key once). */
  #sivCursor: { namespace: string; token: Buffer } | undefined;
  /** putSiv calls waiting for the next group commit, and whether one is being written. */
  #pending: PendingSiv[] = [];
  #writing: Promise<void> | undefined;

  private constructor(pool: pg.Pool, ownsPool: boolean, legacy: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#legacy = legacy;
  }

  /**
   * Connects to `url` (postgres://…), creating the table when missing. With `pool` (a workspace's
   * shared pool) the store uses it and `close()` leaves it open.
   */
  static async open(url: string, options: { table?: never; max?: number; pool?: pg.Pool } = {}): Promise<PostgresVaultStore> {
    let legacy = true;
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL vault', pool: options.pool, lock: SCHEMA_LOCKS.vault,
      create: () => new pg.Pool({ connectionString: url, max: options.max ?? 4 }),
      async schema(client: pg.PoolClient) {
        await client.query(SCHEMA);
        const meta = await client.query<{ value: number }>("SELECT value FROM vault_meta WHERE name = 'legacy_tokens'");
        legacy = meta.rows[0]?.value !== 0;
      },
    });
    return new PostgresVaultStore(pool, ownsPool, legacy);
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

  /**
   * Group commit: calls that arrive while a write is in flight (a server's concurrent requests) wait
   * for it and then share the next one: one INSERT … unnest of every waiting call's rows, in
   * (namespace, token) order (no deadlock between instances), one round trip and one commit. Each
   * call resolves only after the commit holding its rows, or rejects with its error.
   */
  putSiv(namespace: string, rows: SivRows): Promise<void> {
    if (rows.ciphertexts.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ namespace, rows, resolve, reject });
      if (this.#pending.length === 1 && this.#writing === undefined) setImmediate(() => void this.#commitPending());
    });
  }

  async #commitPending(): Promise<void> {
    const groups = this.#pending;
    this.#pending = [];
    if (groups.length === 0) return;
    const writing = this.#insertSiv(groups);
    this.#writing = writing.catch(() => undefined);
    try {
      await writing;
      for (const g of groups) g.resolve();
    } catch (e) {
      for (const g of groups) g.reject(e);
    } finally {
      this.#writing = undefined;
      // What arrived during this write goes next, in one statement.
      if (this.#pending.length > 0) setImmediate(() => void this.#commitPending());
    }
  }

  async #insertSiv(groups: readonly PendingSiv[]): Promise<void> {
    const namespaces: string[] = [];
    const tokens: Buffer[] = [];
    const ciphertexts: Buffer[] = [];
    const versions: number[] = [];
    const created: number[] = [];
    const expires: Array<number | null> = [];
    for (const { namespace, rows } of groups) {
      const t = Buffer.from(rows.tokens.buffer, rows.tokens.byteOffset, rows.tokens.byteLength);
      for (let i = 0; i < rows.ciphertexts.length; i++) {
        const c = rows.ciphertexts[i]!;
        namespaces.push(namespace);
        tokens.push(t.subarray(i * 16, i * 16 + 16));
        ciphertexts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
        versions.push(rows.keyVersion);
        created.push(rows.createdAt);
        expires.push(rows.expiresAt);
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#pool.query(
          `INSERT INTO vault_siv (namespace, token, ciphertext, key_version, created_at, expires_at)
           SELECT u.n, u.t, u.c, u.v, u.at, u.ex FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::int[], $5::bigint[], $6::bigint[]) AS u(n, t, c, v, at, ex)
           ORDER BY u.n, u.t
           ON CONFLICT DO NOTHING`,
          [namespaces, tokens, ciphertexts, versions, created, expires]);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== '40P01' || attempt === MAX_DEADLOCK_RETRIES) throw e;
      }
    }
  }

  async getSiv(namespace: string, tokens: readonly Uint8Array[]): Promise<Map<string, StoredSealed>> {
    const res = await this.#pool.query<{ token: Buffer; ciphertext: Buffer; key_version: number; expires_at: string | null }>(
      'SELECT token, ciphertext, key_version, expires_at FROM vault_siv WHERE namespace = $1 AND token = ANY($2::bytea[])', [namespace, tokens.map((t) => Buffer.from(t.buffer, t.byteOffset, t.byteLength))]);
    return new Map(res.rows.map((r) => [r.token.toString('hex'), { ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version, expiresAt: r.expires_at === null ? null : Number(r.expires_at) }]));
  }

  async hasLegacyTokens(): Promise<boolean> {
    return this.#legacy;
  }

  async staleSivRows(version: number, limit: number): Promise<SivSealedRow[]> {
    const from = this.#sivCursor;
    const res = await this.#pool.query<{ namespace: string; token: Buffer; ciphertext: Buffer; key_version: number }>(from === undefined
      ? 'SELECT namespace, token, ciphertext, key_version FROM vault_siv WHERE key_version < $1 ORDER BY namespace, token LIMIT $2'
      : 'SELECT namespace, token, ciphertext, key_version FROM vault_siv WHERE (namespace, token) > ($3, $4) AND key_version < $1 ORDER BY namespace, token LIMIT $2',
    from === undefined ? [version, limit] : [version, limit, from.namespace, from.token]);
    // Past the end: start over once, so rows written behind the cursor are not missed.
    if (res.rows.length === 0 && from !== undefined) {
      this.#sivCursor = undefined;
      return this.staleSivRows(version, limit);
    }
    const last = res.rows.at(-1);
    this.#sivCursor = last === undefined ? undefined : { namespace: last.namespace, token: last.token };
    return res.rows.map((r) => ({ namespace: r.namespace, token: new Uint8Array(r.token), ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version }));
  }

  async updateSivSealed(rows: readonly SivSealedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#pool.query(
      `UPDATE vault_siv AS v SET ciphertext = u.c, key_version = u.k
       FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::int[]) AS u(n, t, c, k) WHERE v.namespace = u.n AND v.token = u.t`,
      [rows.map((r) => r.namespace), rows.map((r) => Buffer.from(r.token)), rows.map((r) => Buffer.from(r.ciphertext)), rows.map((r) => r.keyVersion)]);
  }

  async deleteTokens(namespace: string, tokens: readonly string[], sivTokens: readonly Uint8Array[]): Promise<number> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const a = await client.query('DELETE FROM vault_tokens WHERE namespace = $1 AND token = ANY($2::text[])', [namespace, [...new Set(tokens)]]);
      const b = await client.query('DELETE FROM vault_siv WHERE namespace = $1 AND token = ANY($2::bytea[])', [namespace, sivTokens.map((t) => Buffer.from(t.buffer, t.byteOffset, t.byteLength))]);
      await client.query('COMMIT');
      return (a.rowCount ?? 0) + (b.rowCount ?? 0);
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async vacuum(): Promise<void> {
    // Deleted rows stay as dead tuples until a vacuum; VACUUM FULL rewrites the tables (an exclusive lock while it runs).
    await this.#pool.query('VACUUM FULL vault_tokens');
    await this.#pool.query('VACUUM FULL vault_siv');
  }

  async createdBefore(namespace: string, before: number, options: { readonly remove?: boolean } = {}): Promise<number> {
    if (options.remove !== true) {
      const res = await this.#pool.query<{ n: string }>('SELECT (SELECT count(*) FROM vault_tokens WHERE namespace = $1 AND created_at < $2) + (SELECT count(*) FROM vault_siv WHERE namespace = $1 AND created_at < $2) AS n', [namespace, before]);
      return Number(res.rows[0]!.n);
    }
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const a = await client.query('DELETE FROM vault_tokens WHERE namespace = $1 AND created_at < $2', [namespace, before]);
      const b = await client.query('DELETE FROM vault_siv WHERE namespace = $1 AND created_at < $2', [namespace, before]);
      await client.query('COMMIT');
      return (a.rowCount ?? 0) + (b.rowCount ?? 0);
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async count(): Promise<number> {
    const res = await this.#pool.query<{ n: string }>('SELECT (SELECT count(*) FROM vault_tokens) + (SELECT count(*) FROM vault_siv) AS n');
    return Number(res.rows[0]!.n);
  }

  async close(): Promise<void> {
    // Waiting calls are written before the pool goes.
    while (this.#writing !== undefined || this.#pending.length > 0) await (this.#writing ?? new Promise<void>((r) => setImmediate(r)));
    if (this.#ownsPool) await this.#pool.end();
  }
}
