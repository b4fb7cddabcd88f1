// Opens the SQLite file of one of the small workspace stores (API keys, privacy budget ledger,
// conversation vault): WAL, a busy timeout shared with the other processes of the workspace, the
// store's schema applied, and every failure reported as ERR_IO naming the store, never a half-open
// handle. The key store and the token vault tune more pragmas and open their files themselves. Like
// open-database.ts, the signature names no better-sqlite3 type (the package ships no declarations):
// the caller passes the `new Database(path)` and gets its own handle back.
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

/** What this needs of a better-sqlite3 handle. */
interface SqliteHandle {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  close(): unknown;
}

/**
 * Opens (creating when missing) a store file: `open` is the `new Database(path)`.
 *
 * @example
 * ```ts
 * const db = openStoreDatabase(() => new Database('ledger.db'), 'ledger.db', { what: 'the privacy budget ledger', schema: SCHEMA });
 * ```
 */
export function openStoreDatabase<T extends SqliteHandle>(open: () => T, path: string, o: StoreOpenOptions): T {
  let db: T | undefined;
  try {
    db = openSqlite(open);
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
