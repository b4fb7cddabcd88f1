// API keys in one SQLite file (better-sqlite3, WAL): the workspace's apikeys.db. Rows only; the
// checks live in api-key-store.ts.
import Database from 'better-sqlite3';
import { openStoreDatabase } from '../../sqlite/open-store.js';
import {
  createApiKey, parseNameColumn, revokeApiKey, verifyApiKey,
  type ApiKeyInfo, type ApiKeyRow, type ApiKeyRows, type ApiKeyStore, type CreateApiKeyOptions,
} from '../api-key-store.js';
import type { Principal } from '../principal.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id         TEXT    PRIMARY KEY,
  hash       BLOB    NOT NULL,
  principal  TEXT    NOT NULL,
  roles      TEXT    NOT NULL,
  scopes     TEXT    NOT NULL,
  tenant     TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked_at INTEGER
);
`;

interface SqlRow { id: string; hash: Buffer; principal: string; roles: string; scopes: string; tenant: string | null; created_at: number; expires_at: number | null; revoked_at: number | null }

const toInfo = (r: SqlRow): ApiKeyInfo => ({
  id: r.id, principal: r.principal, roles: parseNameColumn(r.roles), scopes: parseNameColumn(r.scopes), tenant: r.tenant,
  createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at,
});

export class SqliteApiKeyStore implements ApiKeyStore {
  readonly #db: Database.Database;
  readonly #rows: ApiKeyRows;

  private constructor(db: Database.Database) {
    this.#db = db;
    const insert = db.prepare('INSERT INTO api_keys (id, hash, principal, roles, scopes, tenant, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const get = db.prepare('SELECT * FROM api_keys WHERE id = ?');
    const revoke = db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?');
    const all = db.prepare('SELECT * FROM api_keys ORDER BY created_at, id');
    this.#rows = {
      async insert(r: ApiKeyRow) {
        insert.run(r.id, Buffer.from(r.hash), r.principal, JSON.stringify(r.roles), JSON.stringify(r.scopes), r.tenant, r.createdAt, r.expiresAt, r.revokedAt);
      },
      async get(id) {
        const r = get.get(id) as SqlRow | undefined;
        return r === undefined ? undefined : { ...toInfo(r), hash: new Uint8Array(r.hash) };
      },
      async revoke(id, at) {
        return revoke.run(at, id).changes === 1;
      },
      async all() {
        return (all.all() as SqlRow[]).map(toInfo);
      },
    };
  }

  /** Opens (and creates, mode 0600 by the process umask) the API key database at `path`. */
  static open(path: string): SqliteApiKeyStore {
    const db = openStoreDatabase(() => new Database(path), path, { what: 'the API key database', schema: SCHEMA });
    return new SqliteApiKeyStore(db);
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

  close(): void {
    this.#db.close();
  }
}
