// Opens the SQLite file of one of the small workspace stores (API keys, privacy budget ledger,
// conversation vault): WAL, a busy timeout shared with the other processes of the workspace, the
// store's schema applied, and every failure reported as ERR_IO naming the store, never a half-open
// handle. The key store and the token vault tune more pragmas and open their files themselves.
import Database from 'better-sqlite3';
import { CordonError } from '../errors.js';
import { openSqlite } from './open-database.js';

export interface StoreOpenOptions {
  /** What the file holds, for the error message ("the API key database"). */
  readonly what: string;
  /** SQL run once the file is open: CREATE TABLE IF NOT EXISTS … */
  readonly schema: string;
  /** `synchronous = NORMAL` (WAL makes it safe against a process crash, not a power loss). */
  readonly synchronousNormal?: boolean;
}

/**
 * Opens (creating when missing) the store file at `path`.
 *
 * @example
 * ```ts
 * const db = openStoreDatabase('ledger.db', { what: 'the privacy budget ledger', schema: SCHEMA });
 * ```
 */
export function openStoreDatabase(path: string, o: StoreOpenOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = openSqlite(() => new Database(path));
    db.pragma('journal_mode = WAL');
    if (o.synchronousNormal === true) db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 10000');
    db.exec(o.schema);
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof CordonError) throw e;
    throw new CordonError('ERR_IO', `cannot open ${o.what} ${path}: ${(e as { code?: string }).code ?? 'error'}`);
  }
}
