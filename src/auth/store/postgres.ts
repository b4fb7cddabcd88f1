// API keys in PostgreSQL (pg), shared by every instance of the service. Rows only; the checks live
// in api-key-store.ts. `schema` puts the table in its own schema (created when missing).
import pg from 'pg';
import { openPgStore } from '../../postgres/open-store.js';
import { SCHEMA_LOCKS } from '../../postgres/lock-keys.js';
import {
  createApiKey, revokeApiKey, verifyApiKey,
  type ApiKeyInfo, type ApiKeyRow, type ApiKeyRows, type ApiKeyStore, type CreateApiKeyOptions,
} from '../api-key-store.js';
import type { Principal } from '../principal.js';

const SCHEMA_NAME_RE = /^[a-z_][a-z0-9_]{0,62}$/;

const ddl = (t: string) => `
CREATE TABLE IF NOT EXISTS ${t} (
  id         TEXT    PRIMARY KEY,
  hash       BYTEA   NOT NULL,
  principal  TEXT    NOT NULL,
  roles      TEXT[]  NOT NULL,
  scopes     TEXT[]  NOT NULL,
  tenant     TEXT,
  created_at BIGINT  NOT NULL,
  expires_at BIGINT,
  revoked_at BIGINT
);
`;

interface SqlRow { id: string; hash: Buffer; principal: string; roles: string[]; scopes: string[]; tenant: string | null; created_at: string; expires_at: string | null; revoked_at: string | null }

const num = (v: string | null) => (v === null ? null : Number(v));
const toInfo = (r: SqlRow): ApiKeyInfo => ({
  id: r.id, principal: r.principal, roles: r.roles, scopes: r.scopes, tenant: r.tenant,
  createdAt: Number(r.created_at), expiresAt: num(r.expires_at), revokedAt: num(r.revoked_at),
});

export class PostgresApiKeyStore implements ApiKeyStore {
  readonly #pool: pg.Pool;
  readonly #rows: ApiKeyRows;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, table: string, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#rows = {
      async insert(r: ApiKeyRow) {
        await pool.query(`INSERT INTO ${table} (id, hash, principal, roles, scopes, tenant, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [r.id, Buffer.from(r.hash), r.principal, r.roles, r.scopes, r.tenant, r.createdAt, r.expiresAt, r.revokedAt]);
      },
      async get(id) {
        const res = await pool.query<SqlRow>(`SELECT * FROM ${table} WHERE id = $1`, [id]);
        const r = res.rows[0];
        return r === undefined ? undefined : { ...toInfo(r), hash: new Uint8Array(r.hash) };
      },
      async revoke(id, at) {
        const res = await pool.query(`UPDATE ${table} SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2`, [at, id]);
        return res.rowCount === 1;
      },
      async all() {
        const res = await pool.query<SqlRow>(`SELECT * FROM ${table} ORDER BY created_at, id`);
        return res.rows.map(toInfo);
      },
    };
  }

  /** Connects to `url` (postgres://…), creating the schema and table when missing. */
  static async open(url: string, options: { schema?: string; max?: number; pool?: pg.Pool } = {}): Promise<PostgresApiKeyStore> {
    if (options.schema !== undefined && !SCHEMA_NAME_RE.test(options.schema)) throw new TypeError('PostgresApiKeyStore: schema must match [a-z_][a-z0-9_]{0,62}');
    const table = options.schema === undefined ? 'cordon_api_keys' : `${options.schema}.cordon_api_keys`;
    // A workspace's shared pool is used as is and left open by close().
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL API key store', pool: options.pool, lock: SCHEMA_LOCKS.apiKeys,
      create: () => new pg.Pool({ connectionString: url, max: options.max ?? 4 }),
      async schema(client) {
        if (options.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
        await client.query(ddl(table));
      },
    });
    return new PostgresApiKeyStore(pool, table, ownsPool);
  }

  create(o: CreateApiKeyOptions): Promise<{ id: string; key: string }> {
    return createApiKey(this.#rows, o);
  }

  verify(key: string): Promise<Principal> {
    return verifyApiKey(this.#rows, key);
  }

  revoke(id: string): Promise<void> {
    return revokeApiKey(this.#rows, id);
  }

  list(): Promise<ApiKeyInfo[]> {
    return this.#rows.all();
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
