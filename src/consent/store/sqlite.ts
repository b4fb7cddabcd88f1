// The consent registry in SQLite (better-sqlite3, WAL): the workspace's consent.db. Writes are
// IMMEDIATE transactions, so a grant and a withdrawal of the same subject never interleave.
import Database from 'better-sqlite3';
import { openStoreDatabase } from '../../sqlite/open-store.js';
import type { ConsentChange, ConsentRecord, ConsentStore } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS consent_grants (
  commitment   BLOB    NOT NULL,
  purpose      TEXT    NOT NULL,
  granted_at   INTEGER NOT NULL,
  withdrawn_at INTEGER,
  PRIMARY KEY (commitment, purpose, granted_at)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS consent_grants_purpose ON consent_grants (purpose, granted_at);
`;

const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
interface Row { commitment: Buffer; purpose: string; granted_at: number; withdrawn_at: number | null }

export class SqliteConsentStore implements ConsentStore {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Opens (creating when missing) the registry database at `path`. */
  static open(path: string): SqliteConsentStore {
    const db = openStoreDatabase(() => new Database(path), path, { what: 'the consent registry', schema: SCHEMA });
    return new SqliteConsentStore(db);
  }

  async grant(commitment: Uint8Array, purpose: string, at: number): Promise<ConsentChange> {
    return this.#db.transaction(() => {
      const open = this.#db.prepare('SELECT 1 FROM consent_grants WHERE commitment = ? AND purpose = ? AND withdrawn_at IS NULL').get(buf(commitment), purpose);
      if (open !== undefined) return { changed: false };
      this.#db.prepare('INSERT OR IGNORE INTO consent_grants (commitment, purpose, granted_at, withdrawn_at) VALUES (?, ?, ?, NULL)').run(buf(commitment), purpose, at);
      return { changed: true };
    }).immediate();
  }

  async withdraw(commitment: Uint8Array, purpose: string, at: number): Promise<ConsentChange> {
    const r = this.#db.prepare('UPDATE consent_grants SET withdrawn_at = max(?, granted_at) WHERE commitment = ? AND purpose = ? AND withdrawn_at IS NULL')
      .run(at, buf(commitment), purpose);
    return { changed: r.changes > 0 };
  }

  async history(commitment: Uint8Array): Promise<ConsentRecord[]> {
    const rows = this.#db.prepare('SELECT commitment, purpose, granted_at, withdrawn_at FROM consent_grants WHERE commitment = ? ORDER BY granted_at, purpose').all(buf(commitment)) as Row[];
    return rows.map((r) => ({ commitment: new Uint8Array(r.commitment), purpose: r.purpose, grantedAt: r.granted_at, withdrawnAt: r.withdrawn_at }));
  }

  async granted(commitment: Uint8Array, purpose: string, at: number): Promise<boolean> {
    return this.#db.prepare('SELECT 1 FROM consent_grants WHERE commitment = ? AND purpose = ? AND granted_at <= ? AND (withdrawn_at IS NULL OR withdrawn_at > ?) LIMIT 1')
      .get(buf(commitment), purpose, at, at) !== undefined;
  }

  async grantedEach(commitments: readonly Uint8Array[], purpose: string, at: number): Promise<boolean[]> {
    const q = this.#db.prepare('SELECT 1 FROM consent_grants WHERE commitment = ? AND purpose = ? AND granted_at <= ? AND (withdrawn_at IS NULL OR withdrawn_at > ?) LIMIT 1');
    // One read transaction: every answer from the same state of the registry.
    return this.#db.transaction(() => commitments.map((c) => q.get(buf(c), purpose, at, at) !== undefined))();
  }

  async grantedAll(purpose: string, at: number): Promise<Uint8Array> {
    const rows = this.#db.prepare('SELECT DISTINCT commitment FROM consent_grants WHERE purpose = ? AND granted_at <= ? AND (withdrawn_at IS NULL OR withdrawn_at > ?) ORDER BY commitment')
      .pluck().all(purpose, at, at) as Buffer[];
    return Buffer.concat(rows);
  }

  async summary(): Promise<Array<{ purpose: string; granted: number; withdrawn: number }>> {
    return this.#db.prepare(`SELECT purpose, count(DISTINCT CASE WHEN withdrawn_at IS NULL THEN commitment END) AS granted,
      count(DISTINCT CASE WHEN withdrawn_at IS NOT NULL THEN commitment END) AS withdrawn FROM consent_grants GROUP BY purpose ORDER BY purpose`).all() as Array<{ purpose: string; granted: number; withdrawn: number }>;
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
