// The small documents a shared (PostgreSQL) workspace keeps beside its keys, audit log and vault:
// its config (which master key, the default key) and the wrapped audit key. One table of named
// text values; a value is written once (first writer wins), so instances started together agree on
// one config and one audit key instead of each making its own. Nothing here is secret in the
// clear: the audit key is stored wrapped by the master key.
import pg from 'pg';
import { CordonError } from '../errors.js';
import { openPgStore } from '../postgres/open-store.js';
import { SCHEMA_LOCKS } from '../postgres/lock-keys.js';

const TABLE = 'cordon_workspace';

export class SharedMeta {
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Creates the table when missing (serialised across instances by an advisory lock). */
  static async open(pool: pg.Pool): Promise<SharedMeta> {
    await openPgStore({
      what: 'the PostgreSQL store', pool, lock: SCHEMA_LOCKS.workspaceMeta,
      schema: `CREATE TABLE IF NOT EXISTS ${TABLE} (k TEXT PRIMARY KEY, v TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    });
    return new SharedMeta(pool);
  }

  async get(key: string): Promise<string | undefined> {
    const r = await this.#pool.query<{ v: string }>(`SELECT v FROM ${TABLE} WHERE k = $1`, [key]);
    return r.rows[0]?.v;
  }

  /** Writes `value` unless `key` has one; returns the stored value (this one or the earlier writer's). */
  async putIfAbsent(key: string, value: string): Promise<string> {
    await this.#pool.query(`INSERT INTO ${TABLE} (k, v) VALUES ($1, $2) ON CONFLICT (k) DO NOTHING`, [key, value]);
    const stored = await this.get(key);
    if (stored === undefined) throw new CordonError('ERR_IO', `the PostgreSQL store lost the value ${key}`);
    return stored;
  }
}
