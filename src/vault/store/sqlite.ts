// The embedded vault store: one SQLite file (better-sqlite3, WAL). Writes run in IMMEDIATE
// transactions, so two processes tokenizing the same new value serialise on the write lock and the
// second finds the first's row: one token per value, no lost writes. A crash mid-batch rolls the
// whole batch back (SQLite's journal), leaving the file consistent.
import Database from 'better-sqlite3';
import { CordonError } from '../../errors.js';
import type { SealedRow, VaultRow, VaultStore } from '../types.js';

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
`;

export class SqliteVaultStore implements VaultStore {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #byMac: Database.Statement;
  readonly #byToken: Database.Statement;
  readonly #findMany: Database.Statement;
  readonly #put: Database.Transaction<(namespace: string, rows: readonly VaultRow[]) => Map<string, string>>;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#insert = db.prepare('INSERT INTO vault_tokens (namespace, token, mac, ciphertext, key_version, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (namespace, mac) DO NOTHING RETURNING token').pluck();
    this.#byMac = db.prepare('SELECT token FROM vault_tokens WHERE namespace = ? AND mac = ?').pluck();
    this.#findMany = db.prepare('SELECT mac, token FROM vault_tokens WHERE namespace = ? AND mac IN (SELECT unhex(value) FROM json_each(?))');
    this.#byToken = db.prepare('SELECT ciphertext, key_version, expires_at FROM vault_tokens WHERE namespace = ? AND token = ?');
    this.#put = db.transaction((namespace: string, rows: readonly VaultRow[]) => {
      const out = new Map<string, string>();
      for (const r of rows) {
        const hex = Buffer.from(r.mac).toString('hex');
        if (out.has(hex)) continue;
        const mac = Buffer.from(r.mac);
        // RETURNING gives our token; nothing means another writer stored this value first.
        const inserted = this.#insert.get(namespace, r.token, mac, Buffer.from(r.ciphertext), r.keyVersion, r.createdAt, r.expiresAt ?? null) as string | undefined;
        out.set(hex, inserted ?? (this.#byMac.get(namespace, mac) as string));
      }
      return out;
    });
  }

  /** Opens (and creates) the vault database at `path`. */
  static open(path: string): SqliteVaultStore {
    let db: Database.Database;
    try {
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 10000');
      db.pragma('cache_size = -65536'); // 64 MiB of page cache: the two indexes take random keys
      db.exec(SCHEMA);
    } catch (e) {
      throw new CordonError('ERR_IO', `cannot open the vault database ${path}: ${(e as Error).message}`);
    }
    return new SqliteVaultStore(db);
  }

  async putMany(namespace: string, rows: readonly VaultRow[]): Promise<Map<string, string>> {
    return this.#put.immediate(namespace, rows);
  }

  async findByMacs(namespace: string, macs: readonly Uint8Array[]): Promise<Map<string, string>> {
    // One statement per batch: the MACs travel as a JSON array of hex strings.
    const hex = macs.map((m) => Buffer.from(m.buffer, m.byteOffset, m.byteLength).toString('hex'));
    const rows = this.#findMany.all(namespace, JSON.stringify(hex)) as Array<{ mac: Buffer; token: string }>;
    return new Map(rows.map((r) => [r.mac.toString('hex'), r.token]));
  }

  async getMany(namespace: string, tokens: readonly string[]): Promise<Map<string, { ciphertext: Uint8Array; keyVersion: number; expiresAt: number | null }>> {
    const out = new Map<string, { ciphertext: Uint8Array; keyVersion: number; expiresAt: number | null }>();
    for (const t of tokens) {
      if (out.has(t)) continue;
      const r = this.#byToken.get(namespace, t) as { ciphertext: Buffer; key_version: number; expires_at: number | null } | undefined;
      if (r !== undefined) out.set(t, { ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version, expiresAt: r.expires_at });
    }
    return out;
  }

  async staleRows(version: number, limit: number): Promise<SealedRow[]> {
    const rows = this.#db.prepare('SELECT namespace, token, ciphertext, key_version FROM vault_tokens WHERE key_version < ? LIMIT ?').all(version, limit) as Array<{ namespace: string; token: string; ciphertext: Buffer; key_version: number }>;
    return rows.map((r) => ({ namespace: r.namespace, token: r.token, ciphertext: new Uint8Array(r.ciphertext), keyVersion: r.key_version }));
  }

  async updateSealed(rows: readonly SealedRow[]): Promise<void> {
    const update = this.#db.prepare('UPDATE vault_tokens SET ciphertext = ?, key_version = ? WHERE namespace = ? AND token = ?');
    this.#db.transaction(() => {
      for (const r of rows) update.run(Buffer.from(r.ciphertext), r.keyVersion, r.namespace, r.token);
    }).immediate();
  }

  async count(): Promise<number> {
    return this.#db.prepare('SELECT count(*) FROM vault_tokens').pluck().get() as number;
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
