// The budget ledger in SQLite (better-sqlite3, WAL): the workspace's privacy.db. A spend is one
// BEGIN IMMEDIATE transaction, which takes the database's write lock before reading, so another
// process's spend waits (busy_timeout) instead of reading the same balance.
import Database from 'better-sqlite3';
import { openStoreDatabase } from '../../sqlite/open-store.js';
import type { PrivacyLoss } from '../dp/privacy-loss.js';
import { groupLosses, rowOfLoss, type BudgetLedgerStore, type LedgerDecision, type LedgerRow } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS dp_ledger (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  scope      TEXT    NOT NULL,
  query_hash TEXT    NOT NULL,
  mechanism  TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  epsilon    REAL,
  delta      REAL,
  rho        REAL,
  principal  TEXT    NOT NULL,
  at         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dp_ledger_scope ON dp_ledger (scope, id);
`;

export class SqliteBudgetLedger implements BudgetLedgerStore {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Opens (creating when missing) the ledger database at `path`. */
  static open(path: string): SqliteBudgetLedger {
    const db = openStoreDatabase(() => new Database(path), path, { what: 'the privacy budget ledger', schema: SCHEMA });
    return new SqliteBudgetLedger(db);
  }

  async spend<T>(scopes: readonly string[], decide: (spent: ReadonlyMap<string, readonly PrivacyLoss[]>) => LedgerDecision<T>): Promise<T> {
    const db = this.#db;
    const select = db.prepare(`SELECT scope, kind, epsilon, delta, rho FROM dp_ledger WHERE scope IN (${scopes.map(() => '?').join(', ')}) ORDER BY id`);
    const insert = db.prepare('INSERT INTO dp_ledger (scope, query_hash, mechanism, kind, epsilon, delta, rho, principal, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const run = db.transaction(() => {
      const d = decide(groupLosses(scopes, select.all(...scopes) as LedgerRow[]));
      for (const e of d.entries) insert.run(e.scope, e.queryHash, e.mechanism, ...rowOfLoss(e.loss), e.principal, e.at);
      return d.result;
    });
    return run.immediate();
  }

  async losses(scope: string): Promise<PrivacyLoss[]> {
    const rows = this.#db.prepare('SELECT scope, kind, epsilon, delta, rho FROM dp_ledger WHERE scope = ? ORDER BY id').all(scope) as LedgerRow[];
    return groupLosses([scope], rows).get(scope)!;
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
