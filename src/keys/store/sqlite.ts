// The embedded key store: one SQLite file in the workspace (better-sqlite3, WAL). Writers take the
// write lock up front (BEGIN IMMEDIATE) and wait up to busy_timeout, so two processes changing the
// same keyring serialize instead of corrupting it; version numbers are checked inside the
// transaction so a concurrent rotation is retried, never lost. secure_delete overwrites destroyed
// material in the file, and a WAL checkpoint after a destroy drops it from the log.
import Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-database.js';
import { CordonError } from '../../errors.js';
import type { KeyRecord, KeyStatus, KeyStore, KeyVersionRecord } from './types.js';
import { toKey, toVersion, type KeyRow, type VersionRow } from './rows.js';

// Version 2 adds keys.tenant; a version-1 store is migrated when opened (ALTER TABLE, existing keys
// get no tenant). A Cordon that expects version 1 then refuses the store instead of dropping tenants.
const SCHEMA_VERSION = 2;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS keys (
  name TEXT PRIMARY KEY,
  purpose TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','retired')),
  primary_version INTEGER NOT NULL,
  min_decryption_version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  tenant TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS key_versions (
  name TEXT NOT NULL REFERENCES keys(name),
  version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('enabled','destroyed')),
  kek_id TEXT NOT NULL,
  wrapped BLOB,
  created_at TEXT NOT NULL,
  destroyed_at TEXT,
  PRIMARY KEY (name, version),
  CHECK ((state = 'destroyed') = (wrapped IS NULL))
) STRICT;
`;


export class SqliteKeyStore implements KeyStore {
  readonly #db: Database.Database;
  /** The two reads every seal and open makes (a server: every tokenize request), prepared once on first use. */
  #getKeyStmt: Database.Statement | undefined;
  #getVersionStmt: Database.Statement | undefined;
  /**
   * Rows of those two reads, served again while the file is unchanged: SQLite's data_version moves
   * when another connection (another process, or a second handle in this one) commits to the file,
   * total_changes() when this connection writes a row. Either one empties the cache before the next
   * answer, so a version destroyed or a key retired anywhere is refused at the next read, as when
   * every read went to the file; a read that finds nothing is not kept.
   */
  #generationStmt: Database.Statement | undefined;
  #generation = '';
  readonly #keyRows = new Map<string, KeyRow>();
  readonly #versionRows = new Map<string, VersionRow>();

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Opens (and creates when `create` is set) the key store file. */
  static open(path: string, options: { create?: boolean; busyTimeoutMs?: number } = {}): SqliteKeyStore {
    let db: Database.Database;
    try {
      db = openSqlite(() => new Database(path, { fileMustExist: options.create !== true }));
    } catch (e) {
      if (e instanceof CordonError) throw e;
      throw new CordonError('ERR_WORKSPACE_INVALID', `cannot open the key store at ${path}`, { cause: e });
    }
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
      db.pragma('foreign_keys = ON');
      db.transaction(() => {
        db.exec(SCHEMA);
        const row = db.prepare('SELECT v FROM meta WHERE k = ?').get('schema_version') as { v: string } | undefined;
        if (row === undefined) db.prepare('INSERT INTO meta (k, v) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
        else if (row.v === '1') {
          db.exec('ALTER TABLE keys ADD COLUMN tenant TEXT');
          db.prepare('UPDATE meta SET v = ? WHERE k = ?').run(String(SCHEMA_VERSION), 'schema_version');
        } else if (Number(row.v) !== SCHEMA_VERSION) {
          throw new CordonError('ERR_WORKSPACE_INVALID', `key store schema version ${row.v} is not supported by this Cordon (expects ${SCHEMA_VERSION})`);
        }
      }).immediate();
    } catch (e) {
      db.close();
      if (e instanceof CordonError) throw e;
      if (e instanceof Error && /SQLITE_BUSY/.test(String((e as { code?: string }).code))) {
        throw new CordonError('ERR_KEYSTORE_BUSY', 'the key store is locked by another process', { cause: e });
      }
      throw new CordonError('ERR_KEYSTORE_CORRUPT', `the key store at ${path} cannot be read`, { cause: e });
    }
    return new SqliteKeyStore(db);
  }

  #run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof CordonError) throw e;
      const code = String((e as { code?: string }).code ?? '');
      if (code.startsWith('SQLITE_BUSY')) throw new CordonError('ERR_KEYSTORE_BUSY', 'the key store stayed locked by another process', { cause: e });
      if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') throw new CordonError('ERR_KEYSTORE_CORRUPT', 'the key store file is corrupt', { cause: e });
      throw e;
    }
  }

  /** Empties the row cache when the file changed since it was filled (see #generationStmt). */
  #checkGeneration(): void {
    this.#generationStmt ??= this.#db.prepare('SELECT data_version, total_changes() FROM pragma_data_version').raw();
    const [version, changes] = this.#generationStmt.get() as [number, number];
    const generation = `${version}:${changes}`;
    if (generation === this.#generation) return;
    this.#generation = generation;
    this.#forget();
  }

  /** Drops the cached rows, overwriting the wrapped material they hold. */
  #forget(): void {
    for (const r of this.#versionRows.values()) r.wrapped?.fill(0);
    this.#keyRows.clear();
    this.#versionRows.clear();
  }

  async getKey(name: string): Promise<KeyRecord | undefined> {
    return this.#run(() => {
      this.#checkGeneration();
      let r = this.#keyRows.get(name);
      if (r === undefined) {
        this.#getKeyStmt ??= this.#db.prepare('SELECT * FROM keys WHERE name = ?');
        r = this.#getKeyStmt.get(name) as KeyRow | undefined;
        if (r !== undefined) this.#keyRows.set(name, r);
      }
      return r === undefined ? undefined : toKey(r);
    });
  }

  async listKeys(): Promise<KeyRecord[]> {
    return this.#run(() => (this.#db.prepare('SELECT * FROM keys ORDER BY name').all() as KeyRow[]).map(toKey));
  }

  async getVersion(name: string, version: number): Promise<KeyVersionRecord | undefined> {
    return this.#run(() => {
      this.#checkGeneration();
      const k = `${version}\u0000${name}`;
      let r = this.#versionRows.get(k);
      if (r === undefined) {
        this.#getVersionStmt ??= this.#db.prepare('SELECT * FROM key_versions WHERE name = ? AND version = ?');
        r = this.#getVersionStmt.get(name, version) as VersionRow | undefined;
        if (r !== undefined) this.#versionRows.set(k, r);
      }
      return r === undefined ? undefined : toVersion(r);
    });
  }

  async listVersions(name: string): Promise<KeyVersionRecord[]> {
    return this.#run(() => (this.#db.prepare('SELECT * FROM key_versions WHERE name = ? ORDER BY version').all(name) as VersionRow[]).map(toVersion));
  }

  async createKey(key: KeyRecord, first: KeyVersionRecord): Promise<void> {
    this.#run(() =>
      this.#db.transaction(() => {
        if (this.#db.prepare('SELECT 1 FROM keys WHERE name = ?').get(key.name) !== undefined) {
          throw new CordonError('ERR_KEY_EXISTS', `a key named ${JSON.stringify(key.name)} already exists`);
        }
        this.#db
          .prepare('INSERT INTO keys (name, purpose, status, primary_version, min_decryption_version, created_at, updated_at, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(key.name, key.purpose, key.status, key.primaryVersion, key.minDecryptionVersion, key.createdAt, key.updatedAt, key.tenant ?? null);
        this.#insertVersion(first);
      }).immediate(),
    );
  }

  #insertVersion(v: KeyVersionRecord): void {
    this.#db
      .prepare('INSERT INTO key_versions (name, version, state, kek_id, wrapped, created_at, destroyed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(v.name, v.version, v.state, v.kekId, v.wrapped === null ? null : Buffer.from(v.wrapped), v.createdAt, v.destroyedAt);
  }

  async addVersion(next: KeyVersionRecord, at: string): Promise<boolean> {
    return this.#run(() =>
      this.#db.transaction(() => {
        const r = this.#db.prepare('SELECT MAX(version) AS v FROM key_versions WHERE name = ?').get(next.name) as { v: number | null };
        if (r.v === null) throw new CordonError('ERR_KEY_NOT_FOUND', `no key named ${JSON.stringify(next.name)}`);
        if (r.v !== next.version - 1) return false;
        this.#insertVersion(next);
        this.#db.prepare('UPDATE keys SET primary_version = ?, updated_at = ? WHERE name = ?').run(next.version, at, next.name);
        return true;
      }).immediate(),
    );
  }

  async updateKey(name: string, patch: { status?: KeyStatus; minDecryptionVersion?: number }, at: string): Promise<KeyRecord> {
    return this.#run(() =>
      this.#db.transaction(() => {
        const cur = this.#db.prepare('SELECT * FROM keys WHERE name = ?').get(name) as KeyRow | undefined;
        if (cur === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `no key named ${JSON.stringify(name)}`);
        const status = patch.status ?? cur.status;
        const min = patch.minDecryptionVersion ?? cur.min_decryption_version;
        this.#db.prepare('UPDATE keys SET status = ?, min_decryption_version = ?, updated_at = ? WHERE name = ?').run(status, min, at, name);
        return toKey(this.#db.prepare('SELECT * FROM keys WHERE name = ?').get(name) as KeyRow);
      }).immediate(),
    );
  }

  async destroyVersion(name: string, version: number, at: string): Promise<KeyVersionRecord> {
    const rec = this.#run(() =>
      this.#db.transaction(() => {
        const v = this.#db.prepare('SELECT * FROM key_versions WHERE name = ? AND version = ?').get(name, version) as VersionRow | undefined;
        if (v === undefined) throw new CordonError('ERR_KEY_NOT_FOUND', `key ${JSON.stringify(name)} has no version ${version}`);
        if (v.state !== 'destroyed') {
          this.#db.prepare("UPDATE key_versions SET state = 'destroyed', wrapped = NULL, destroyed_at = ? WHERE name = ? AND version = ?").run(at, name, version);
        }
        return toVersion(this.#db.prepare('SELECT * FROM key_versions WHERE name = ? AND version = ?').get(name, version) as VersionRow);
      }).immediate(),
    );
    // Move the committed pages (with the material now overwritten) into the main file and empty the WAL.
    this.#run(() => this.#db.pragma('wal_checkpoint(TRUNCATE)'));
    this.#forget();
    return rec;
  }

  async close(): Promise<void> {
    this.#forget();
    if (this.#db.open) this.#db.close();
  }
}
