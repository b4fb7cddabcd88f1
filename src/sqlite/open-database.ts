// Opens a SQLite file with better-sqlite3. The package loads its native module on the first open, so
// a module built for another Node.js (after switching Node versions without `npm rebuild`) fails
// here: that is reported as ERR_DEPENDENCY_UNAVAILABLE naming better-sqlite3, never as the key store,
// vault or audit log that was being opened. Every Cordon store opens its file through this. The
// signature names no better-sqlite3 type, so the package's declarations do not need its types.
import { dependencyUnavailable, isNativeLoadFailure } from '../errors.js';

/**
 * Runs `open` (a `new Database(…)`), reporting a native module that does not load by name.
 *
 * @example
 * ```ts
 * const db = openSqlite(() => new Database('keys.db', { fileMustExist: true }));
 * ```
 */
export function openSqlite<T>(open: () => T): T {
  try {
    return open();
  } catch (e) {
    if (isNativeLoadFailure(e)) throw dependencyUnavailable('better-sqlite3', 'the SQLite stores (key store, vault, audit log)', e);
    throw e;
  }
}
