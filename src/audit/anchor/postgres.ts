// The audit anchor of a shared (PostgreSQL) workspace: one row of `cordon_keys_audit_anchor`, a
// table beside the key store's tables and outside the audit log's (`cordon_audit_*`), so dropping
// or rewriting the audit tables leaves it. Monotonic by construction: the upsert only replaces a
// smaller size, whichever instance writes.
import type pg from 'pg';
import { openPgStore } from '../../postgres/open-store.js';
import { SCHEMA_LOCKS } from '../../postgres/lock-keys.js';
import type { AnchorStore } from './types.js';

const TABLE = 'cordon_keys_audit_anchor';

export class PostgresAnchorStore implements AnchorStore {
  readonly #pool: pg.Pool;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** Creates the table when missing (serialised across instances by an advisory lock). The pool stays the caller's. */
  static async open(pool: pg.Pool): Promise<PostgresAnchorStore> {
    await openPgStore({
      what: 'the PostgreSQL audit anchor', pool, lock: SCHEMA_LOCKS.auditAnchor,
      schema: `CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL, record TEXT NOT NULL)`,
    });
    return new PostgresAnchorStore(pool);
  }

  async read(): Promise<{ size: number; text: string } | undefined> {
    const r = await this.#pool.query<{ size: string; record: string }>(`SELECT size, record FROM ${TABLE} WHERE id = 1`);
    const row = r.rows[0];
    return row === undefined ? undefined : { size: Number(row.size), text: row.record };
  }

  async advance(size: number, text: string): Promise<void> {
    if (!Number.isSafeInteger(size) || size < 0) throw new TypeError('anchor size must be a non-negative integer');
    await this.#pool.query(`INSERT INTO ${TABLE} (id, size, record) VALUES (1, $1, $2)
      ON CONFLICT (id) DO UPDATE SET size = excluded.size, record = excluded.record WHERE excluded.size > ${TABLE}.size`, [size, text]);
  }

  async close(): Promise<void> {
    // The pool belongs to the workspace.
  }
}
