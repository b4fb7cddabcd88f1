// The budget ledger in PostgreSQL, shared by every instance of a shared workspace. A spend is one
// transaction that first takes a transaction-scoped advisory lock per scope (in sorted order, so
// two spends never deadlock), then reads and appends: concurrent spends on one budget serialise.
import pg from 'pg';
import { openPgStore } from '../../postgres/open-store.js';
import { SCHEMA_LOCKS } from '../../postgres/lock-keys.js';
import type { PrivacyLoss } from '../dp/privacy-loss.js';
import { groupLosses, rowOfLoss, type BudgetLedgerStore, type LedgerDecision, type LedgerRow } from './types.js';

const TABLE = 'cordon_dp_ledger';

const DDL = `
CREATE TABLE IF NOT EXISTS ${TABLE} (
  id         BIGSERIAL PRIMARY KEY,
  scope      TEXT    NOT NULL,
  query_hash TEXT    NOT NULL,
  mechanism  TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  epsilon    DOUBLE PRECISION,
  delta      DOUBLE PRECISION,
  rho        DOUBLE PRECISION,
  principal  TEXT    NOT NULL,
  at         BIGINT  NOT NULL
);
CREATE INDEX IF NOT EXISTS ${TABLE}_scope ON ${TABLE} (scope, id);
`;

export class PostgresBudgetLedger implements BudgetLedgerStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
  }

  /** Connects to `url` (or uses a workspace's `pool`), creating the table when missing. */
  static async open(url: string, options: { pool?: pg.Pool } = {}): Promise<PostgresBudgetLedger> {
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL privacy budget ledger', pool: options.pool, lock: SCHEMA_LOCKS.privacyLedger, schema: DDL,
      create: () => new pg.Pool({ connectionString: url, max: 4 }),
    });
    return new PostgresBudgetLedger(pool, ownsPool);
  }

  async spend<T>(scopes: readonly string[], decide: (spent: ReadonlyMap<string, readonly PrivacyLoss[]>) => LedgerDecision<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      try {
        for (const s of [...new Set(scopes)].sort()) await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 17))', [`cordon-dp:${s}`]);
        const r = await client.query<LedgerRow>(`SELECT scope, kind, epsilon, delta, rho FROM ${TABLE} WHERE scope = ANY($1) ORDER BY id`, [scopes]);
        const d = decide(groupLosses(scopes, r.rows));
        for (const e of d.entries) {
          await client.query(`INSERT INTO ${TABLE} (scope, query_hash, mechanism, kind, epsilon, delta, rho, principal, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [e.scope, e.queryHash, e.mechanism, ...rowOfLoss(e.loss), e.principal, e.at]);
        }
        await client.query('COMMIT');
        return d.result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      client.release();
    }
  }

  async losses(scope: string): Promise<PrivacyLoss[]> {
    const r = await this.#pool.query<LedgerRow>(`SELECT scope, kind, epsilon, delta, rho FROM ${TABLE} WHERE scope = $1 ORDER BY id`, [scope]);
    return groupLosses([scope], r.rows).get(scope)!;
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
