// The key store for several server instances sharing one PostgreSQL (`pg`). Same tables and
// semantics as the SQLite store: every write is one transaction that locks the key's row (SELECT …
// FOR UPDATE) before it reads, so two instances rotating the same key serialise and the loser's
// addVersion returns false (the keyring retries) instead of losing a version. Only wrapped material
// is stored. It must never put the connection URL (which may hold a password) in an error.
//
// What destroyVersion cannot do here: PostgreSQL has no secure_delete. The UPDATE that nulls the
// wrapped material leaves the old row version in the table file until VACUUM reclaims its space,
// and in the WAL, archives, replicas and backups. That material is still wrapped by the master key;
// shredding those copies means shredding the master key (docs/keys.md).
import pg from 'pg';
import { CordonError } from '../../errors.js';
import { openPgStore } from '../../postgres/open-store.js';
import { PAIR_LOCKS } from '../../postgres/lock-keys.js';
import type { KeyRecord, KeyStatus, KeyStore, KeyVersionRecord } from './types.js';
import { toKey, toVersion, type KeyRow, type VersionRow } from './rows.js';

// Version 2 adds cordon_keys.tenant; a version-1 store is migrated when opened, under the schema
// lock (existing keys get no tenant). A Cordon that expects version 1 then refuses the store.
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cordon_keys_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cordon_keys (
  name TEXT PRIMARY KEY,
  purpose TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','retired')),
  primary_version INTEGER NOT NULL,
  min_decryption_version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  tenant TEXT
);
CREATE TABLE IF NOT EXISTS cordon_key_versions (
  name TEXT NOT NULL REFERENCES cordon_keys(name),
  version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('enabled','destroyed')),
  kek_id TEXT NOT NULL,
  wrapped BYTEA,
  created_at TEXT NOT NULL,
  destroyed_at TEXT,
  PRIMARY KEY (name, version),
  CHECK ((state = 'destroyed') = (wrapped IS NULL))
);
`;



const sqlState = (e: unknown): string => String((e as { code?: unknown }).code ?? '');

/**
 * Maps a driver failure to a CordonError naming the driver's error code only: the driver's message
 * can name the host, the user or the SQL, and the URL (which may hold a password) is never quoted.
 */
function mapError(e: unknown, action: string): unknown {
  if (e instanceof CordonError) return e;
  const code = sqlState(e);
  // 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available.
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return new CordonError('ERR_KEYSTORE_BUSY', `the PostgreSQL key store stayed locked by another writer (${code})`, { cause: e });
  }
  // Class 08 connection exceptions, 57P01–03 shutdowns, 53300 too many connections, and socket errors.
  if (code.startsWith('08') || code.startsWith('57P') || code === '53300' || /^E[A-Z]+$/.test(code) || /Connection terminated|timeout/i.test((e as Error).message ?? '')) {
    return new CordonError('ERR_IO', `the PostgreSQL key store is unreachable while ${action} (${code || 'connection lost'})`, { cause: e });
  }
  return e;
}

export class PostgresKeyStore implements KeyStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  #closed = false;

  private constructor(pool: pg.Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  /**
   * Connects to `url` (postgres://…) and creates `cordon_keys`, `cordon_key_versions` and
   * `cordon_keys_meta` when missing. Given `pool`, uses it instead (the URL is then not used) and
   * leaves it open on close(): its owner ends it.
   *
   * @example
   * ```ts
   * const store = await PostgresKeyStore.open(process.env.CORDON_PG_URL!, { max: 8 });
   * const keyring = new Keyring({ store, kek, audit, principal });
   * ```
   */
  static async open(url: string, options: { pool?: pg.Pool; max?: number } = {}): Promise<PostgresKeyStore> {
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL key store', pool: options.pool, lock: PAIR_LOCKS.keys,
      create: () => new pg.Pool({ connectionString: url, max: options.max ?? 4 }),
      async schema(client: pg.PoolClient) {
        await client.query(SCHEMA);
        await client.query('INSERT INTO cordon_keys_meta (k, v) VALUES ($1, $2) ON CONFLICT (k) DO NOTHING', ['schema_version', String(SCHEMA_VERSION)]);
        let r = await client.query<{ v: string }>('SELECT v FROM cordon_keys_meta WHERE k = $1', ['schema_version']);
        if (r.rows[0]!.v === '1') {
          await client.query('BEGIN');
          try {
            await client.query('ALTER TABLE cordon_keys ADD COLUMN IF NOT EXISTS tenant TEXT');
            await client.query('UPDATE cordon_keys_meta SET v = $1 WHERE k = $2', [String(SCHEMA_VERSION), 'schema_version']);
            await client.query('COMMIT');
          } catch (e) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw e;
          }
          r = await client.query<{ v: string }>('SELECT v FROM cordon_keys_meta WHERE k = $1', ['schema_version']);
        }
        if (Number(r.rows[0]!.v) !== SCHEMA_VERSION) {
          throw new CordonError('ERR_WORKSPACE_INVALID', `key store schema version ${r.rows[0]!.v} is not supported by this Cordon (expects ${SCHEMA_VERSION})`);
        }
      },
    });
    return new PostgresKeyStore(pool, ownsPool);
  }

  async #query<R extends pg.QueryResultRow>(action: string, sql: string, args: unknown[]): Promise<R[]> {
    try {
      return (await this.#pool.query<R>(sql, args)).rows;
    } catch (e) {
      throw mapError(e, action);
    }
  }

  /** Runs `fn` in one transaction on one pooled connection; any throw rolls it back. */
  async #tx<T>(action: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (e) {
      throw mapError(e, action);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK').catch((r: Error) => { broken = r; });
      throw mapError(e, action);
    } finally {
      // A connection that could not roll back is discarded, not handed to the next caller.
      client.release(broken);
    }
  }

  async getKey(name: string): Promise<KeyRecord | undefined> {
    const rows = await this.#query<KeyRow>('reading a key', 'SELECT * FROM cordon_keys WHERE name = $1', [name]);
    return rows[0] === undefined ? undefined : toKey(rows[0]);
  }

  async listKeys(): Promise<KeyRecord[]> {
    return (await this.#query<KeyRow>('listing keys', 'SELECT * FROM cordon_keys ORDER BY name', [])).map(toKey);
  }

  async getVersion(name: string, version: number): Promise<KeyVersionRecord | undefined> {
    const rows = await this.#query<VersionRow>('reading a key version', 'SELECT * FROM cordon_key_versions WHERE name = $1 AND version = $2', [name, version]);
    return rows[0] === undefined ? undefined : toVersion(rows[0]);
  }

  async listVersions(name: string): Promise<KeyVersionRecord[]> {
    return (await this.#query<VersionRow>('listing key versions', 'SELECT * FROM cordon_key_versions WHERE name = $1 ORDER BY version', [name])).map(toVersion);
  }

  async createKey(key: KeyRecord, first: KeyVersionRecord): Promise<void> {
    const exists = () => new CordonError('ERR_KEY_EXISTS', `a key named ${JSON.stringify(key.name)} already exists`);
    try {
      await this.#tx('creating a key', async (c) => {
        // A concurrent creator of the same name waits on the primary key until the first commits,
        // then inserts nothing: exactly one wins.
        const r = await c.query(
          `INSERT INTO cordon_keys (name, purpose, status, primary_version, min_decryption_version, created_at, updated_at, tenant)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING`,
          [key.name, key.purpose, key.status, key.primaryVersion, key.minDecryptionVersion, key.createdAt, key.updatedAt, key.tenant ?? null],
        );
        if (r.rowCount !== 1) throw exists();
        await insertVersion(c, first);
      });
    } catch (e) {
      if (sqlState(e) === '23505') throw exists();
      throw e;
    }
  }

  async addVersion(next: KeyVersionRecord, at: string): Promise<boolean> {
    return this.#tx('adding a key version', async (c) => {
      // The row lock serialises writers of this key; in READ COMMITTED each statement after it sees
      // what the previous holder committed, so the max below is current.
      const locked = await c.query('SELECT 1 FROM cordon_keys WHERE name = $1 FOR UPDATE', [next.name]);
      if (locked.rows.length === 0) throw new CordonError('ERR_KEY_NOT_FOUND', `no key named ${JSON.stringify(next.name)}`);
      const r = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM cordon_key_versions WHERE name = $1', [next.name]);
      if (r.rows[0]!.v !== next.version - 1) return false;
      await insertVersion(c, next);
      await c.query('UPDATE cordon_keys SET primary_version = $1, updated_at = $2 WHERE name = $3', [next.version, at, next.name]);
      return true;
    });
  }

  async updateKey(name: string, patch: { status?: KeyStatus; minDecryptionVersion?: number }, at: string): Promise<KeyRecord> {
    return this.#tx('updating a key', async (c) => {
      const cur = (await c.query<KeyRow>('SELECT * FROM cordon_keys WHERE name = $1 FOR UPDATE', [name])).rows[0];
      if (cur === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `no key named ${JSON.stringify(name)}`);
      const status = patch.status ?? cur.status;
      const min = patch.minDecryptionVersion ?? cur.min_decryption_version;
      const r = await c.query<KeyRow>('UPDATE cordon_keys SET status = $1, min_decryption_version = $2, updated_at = $3 WHERE name = $4 RETURNING *', [status, min, at, name]);
      return toKey(r.rows[0]!);
    });
  }

  async destroyVersion(name: string, version: number, at: string): Promise<KeyVersionRecord> {
    return this.#tx('destroying a key version', async (c) => {
      const v = (await c.query<VersionRow>('SELECT * FROM cordon_key_versions WHERE name = $1 AND version = $2 FOR UPDATE', [name, version])).rows[0];
      if (v === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `key ${JSON.stringify(name)} has no version ${version}`);
      if (v.state === 'destroyed') return toVersion(v);
      const r = await c.query<VersionRow>(
        "UPDATE cordon_key_versions SET state = 'destroyed', wrapped = NULL, destroyed_at = $1 WHERE name = $2 AND version = $3 RETURNING *",
        [at, name, version],
      );
      return toVersion(r.rows[0]!);
    });
  }

  /** Ends the pool this store opened; a pool passed in by the caller stays open. */
  async close(): Promise<void> {
    if (!this.#ownsPool || this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}

async function insertVersion(c: pg.PoolClient, v: KeyVersionRecord): Promise<void> {
  await c.query(
    'INSERT INTO cordon_key_versions (name, version, state, kek_id, wrapped, created_at, destroyed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [v.name, v.version, v.state, v.kekId, v.wrapped === null ? null : Buffer.from(v.wrapped), v.createdAt, v.destroyedAt],
  );
}
