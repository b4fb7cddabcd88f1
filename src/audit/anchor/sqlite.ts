// The audit anchor of a local workspace: one row of a table in the key store file (keys.db), which
// the audit log never opens. Monotonic by construction: the upsert only replaces a smaller size.
// The connection commits with synchronous=NORMAL and `advance` syncs the WAL on the thread pool
// before it resolves (src/io/wal-sync.ts): as durable as FULL, without stalling a server's event
// loop on the disk once per signed checkpoint.
import Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-database.js';
import { CordonError } from '../../errors.js';
import { WalSync } from '../../io/wal-sync.js';
import type { AnchorStore } from './types.js';

const SCHEMA = 'CREATE TABLE IF NOT EXISTS audit_anchor (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, record TEXT NOT NULL) STRICT';

export class SqliteAnchorStore implements AnchorStore {
  readonly #db: Database.Database;
  readonly #wal: WalSync;

  private constructor(db: Database.Database, path: string) {
    this.#db = db;
    this.#wal = new WalSync(path);
  }

  /** Opens the anchor table in an existing key store file (creating the table, never the file). */
  static open(path: string, options: { busyTimeoutMs?: number } = {}): SqliteAnchorStore {
    let db: Database.Database | undefined;
    try {
      db = openSqlite(() => new Database(path, { fileMustExist: true }));
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
    } catch (e) {
      db?.close();
      if (e instanceof CordonError) throw e;
      throw new CordonError('ERR_WORKSPACE_INVALID', `cannot open the audit anchor in ${path}`, { cause: e });
    }
    return new SqliteAnchorStore(db, path);
  }

  async read(): Promise<{ size: number; text: string } | undefined> {
    const r = this.#db.prepare('SELECT size, record FROM audit_anchor WHERE id = 1').get() as { size: number; record: string } | undefined;
    return r === undefined ? undefined : { size: r.size, text: r.record };
  }

  async advance(size: number, text: string): Promise<void> {
    if (!Number.isSafeInteger(size) || size < 0) throw new TypeError('anchor size must be a non-negative integer');
    this.#db.prepare(`INSERT INTO audit_anchor (id, size, record) VALUES (1, ?, ?)
      ON CONFLICT (id) DO UPDATE SET size = excluded.size, record = excluded.record WHERE excluded.size > audit_anchor.size`).run(size, text);
    await this.#wal.sync();
  }

  async close(): Promise<void> {
    this.#wal.close();
    if (this.#db.open) this.#db.close();
  }
}
