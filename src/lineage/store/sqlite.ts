// The local lineage store: CORDON_HOME/lineage.db, one SQLite file (better-sqlite3, WAL). Every
// event is kept whole (the JSON an endpoint would receive) with its delivery state, and COMPLETE
// events are also indexed as edges (dataset → dataset, column → column with the operator) so that
// `cordon lineage trace` walks the graph with indexed lookups instead of rereading every event.
// One append is one BEGIN IMMEDIATE transaction: concurrent protect runs serialise on the write
// lock (busy_timeout), so seq order is commit order. better-sqlite3 is synchronous; the async
// methods only satisfy LineageStore and never yield in the middle of a transaction.
import Database from 'better-sqlite3';
import { openSqlite } from '../../sqlite/open-database.js';
import { CordonError } from '../../errors.js';
import type { RunEvent } from '../types.js';
import { edgesOfEvent, toEdge, type StoredEdgeRow } from './edges.js';
import type { LineageDelivery, LineageEdge, LineageGraph, LineageNode, LineageStore, StoredLineageEvent } from './types.js';

/** The file name of the SQLite store inside a workspace (CORDON_HOME). */
export const LINEAGE_DB_FILE = 'lineage.db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lineage_events (
  seq INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  event_time TEXT NOT NULL,
  job_namespace TEXT NOT NULL,
  job_name TEXT NOT NULL,
  body TEXT NOT NULL,
  delivery TEXT NOT NULL CHECK (delivery IN ('local', 'pending', 'delivered', 'rejected')),
  delivered_at TEXT
) STRICT;
CREATE INDEX IF NOT EXISTS lineage_events_run ON lineage_events (run_id);
CREATE INDEX IF NOT EXISTS lineage_events_pending ON lineage_events (seq) WHERE delivery = 'pending';
CREATE TABLE IF NOT EXISTS lineage_dataset_edges (
  seq INTEGER NOT NULL, run_id TEXT NOT NULL, job_name TEXT NOT NULL, event_time TEXT NOT NULL,
  in_ns TEXT NOT NULL, in_name TEXT NOT NULL, out_ns TEXT NOT NULL, out_name TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS lineage_dataset_edges_in ON lineage_dataset_edges (in_ns, in_name);
CREATE INDEX IF NOT EXISTS lineage_dataset_edges_out ON lineage_dataset_edges (out_ns, out_name);
CREATE TABLE IF NOT EXISTS lineage_column_edges (
  seq INTEGER NOT NULL, run_id TEXT NOT NULL, job_name TEXT NOT NULL, event_time TEXT NOT NULL,
  in_ns TEXT NOT NULL, in_name TEXT NOT NULL, in_field TEXT NOT NULL,
  out_ns TEXT NOT NULL, out_name TEXT NOT NULL, out_field TEXT NOT NULL,
  operator TEXT NOT NULL, type TEXT NOT NULL, subtype TEXT, masking INTEGER
) STRICT;
CREATE INDEX IF NOT EXISTS lineage_column_edges_in ON lineage_column_edges (in_ns, in_name, in_field);
CREATE INDEX IF NOT EXISTS lineage_column_edges_out ON lineage_column_edges (out_ns, out_name, out_field);
`;

type EventRow = { seq: number; body: string; delivery: LineageDelivery };
type SqliteEdgeRow = Omit<StoredEdgeRow, 'masking'> & { masking?: number | null };

const toStored = (r: EventRow): StoredLineageEvent => ({ seq: r.seq, event: JSON.parse(r.body) as RunEvent, delivery: r.delivery });
// SQLite has no boolean: masking is stored as 0/1.
const edge = (r: unknown): LineageEdge => {
  const { masking, ...rest } = r as SqliteEdgeRow;
  return toEdge(masking === undefined ? rest : { ...rest, masking: masking === null ? null : masking === 1 });
};

/**
 * The SQLite lineage store. `emit` keeps events; with `pending: true` they also wait for delivery
 * to an HTTP endpoint (see `pending()` and `markDelivered()`).
 *
 * @example
 * ```ts
 * const store = SqliteLineageStore.open(join(home, LINEAGE_DB_FILE));
 * await store.emit([event]);
 * await store.close();
 * ```
 */
export class SqliteLineageStore implements LineageStore {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #pending: boolean;

  private constructor(db: Database.Database, pending: boolean) {
    this.#db = db;
    this.#pending = pending;
  }

  /** `pending`: events emitted through this handle wait for delivery to an HTTP endpoint. */
  static open(path: string, options: { readonly?: boolean; busyTimeoutMs?: number; pending?: boolean } = {}): SqliteLineageStore {
    let db: Database.Database | undefined;
    try {
      db = openSqlite(() => new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {}));
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 30_000}`);
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        db.exec(SCHEMA);
      }
      return new SqliteLineageStore(db, options.pending === true);
    } catch (e) {
      db?.close();
      if (e instanceof CordonError) throw e;
      throw new CordonError('ERR_IO', `cannot open the lineage store ${path}`, { cause: e });
    }
  }

  /** Runs one statement group, reporting any SQLite failure as ERR_IO. */
  #io<T>(what: string, fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(new CordonError('ERR_IO', `cannot ${what} the lineage store`, { cause: e }));
    }
  }

  async emit(events: readonly RunEvent[]): Promise<void> {
    await this.append(events, { pending: this.#pending });
  }

  append(events: readonly RunEvent[], options: { readonly pending?: boolean } = {}): Promise<number[]> {
    return this.#io('write to', () => {
      const insEvent = this.#db.prepare('INSERT INTO lineage_events (run_id, event_type, event_time, job_namespace, job_name, body, delivery) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const insDs = this.#db.prepare('INSERT INTO lineage_dataset_edges VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      const insCol = this.#db.prepare('INSERT INTO lineage_column_edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const tx = this.#db.transaction((list: readonly RunEvent[]) => list.map((e) => {
        const seq = Number(insEvent.run(e.run.runId, e.eventType, e.eventTime, e.job.namespace, e.job.name, JSON.stringify(e), options.pending ? 'pending' : 'local').lastInsertRowid);
        const edges = edgesOfEvent(e);
        for (const d of edges.datasets) insDs.run(seq, e.run.runId, e.job.name, e.eventTime, d.in_ns, d.in_name, d.out_ns, d.out_name);
        for (const c of edges.columns) {
          insCol.run(seq, e.run.runId, e.job.name, e.eventTime, c.in_ns, c.in_name, c.in_field, c.out_ns, c.out_name, c.out_field, c.operator, c.type, c.subtype, c.masking === null ? null : c.masking ? 1 : 0);
        }
        return seq;
      }));
      return tx.immediate(events);
    });
  }

  pending(limit: number): Promise<StoredLineageEvent[]> {
    return this.#io('read', () => (this.#db.prepare("SELECT seq, body, delivery FROM lineage_events WHERE delivery = 'pending' ORDER BY seq LIMIT ?").all(limit) as EventRow[]).map(toStored));
  }

  countPending(): Promise<number> {
    return this.#io('read', () => (this.#db.prepare("SELECT count(*) AS n FROM lineage_events WHERE delivery = 'pending'").get() as { n: number }).n);
  }

  markDelivered(seqs: readonly number[], at: string = new Date().toISOString()): Promise<void> {
    return this.#io('write to', () => {
      const up = this.#db.prepare("UPDATE lineage_events SET delivery = 'delivered', delivered_at = ? WHERE seq = ?");
      this.#db.transaction(() => { for (const s of seqs) up.run(at, s); }).immediate();
    });
  }

  markRejected(seqs: readonly number[]): Promise<void> {
    return this.#io('write to', () => {
      const up = this.#db.prepare("UPDATE lineage_events SET delivery = 'rejected' WHERE seq = ?");
      this.#db.transaction(() => { for (const s of seqs) up.run(s); }).immediate();
    });
  }

  events(options: { readonly runId?: string } = {}): Promise<StoredLineageEvent[]> {
    return this.#io('read', () => (options.runId !== undefined
      ? this.#db.prepare('SELECT seq, body, delivery FROM lineage_events WHERE run_id = ? ORDER BY seq').all(options.runId) as EventRow[]
      : this.#db.prepare('SELECT seq, body, delivery FROM lineage_events ORDER BY seq').all() as EventRow[]).map(toStored));
  }

  graph(): LineageGraph {
    const db = this.#db;
    const read = <T>(fn: () => T): Promise<T> => this.#io('read', fn);
    return {
      edgesInto: (n) => read(() => (n.field === undefined
        ? db.prepare('SELECT * FROM lineage_dataset_edges WHERE out_ns = ? AND out_name = ? ORDER BY seq DESC, rowid').all(n.namespace, n.name)
        : db.prepare('SELECT * FROM lineage_column_edges WHERE out_ns = ? AND out_name = ? AND out_field = ? ORDER BY seq DESC, rowid').all(n.namespace, n.name, n.field)).map(edge)),
      edgesFrom: (n) => read(() => (n.field === undefined
        ? db.prepare('SELECT * FROM lineage_dataset_edges WHERE in_ns = ? AND in_name = ? ORDER BY seq DESC, rowid').all(n.namespace, n.name)
        : db.prepare('SELECT * FROM lineage_column_edges WHERE in_ns = ? AND in_name = ? AND in_field = ? ORDER BY seq DESC, rowid').all(n.namespace, n.name, n.field)).map(edge)),
      columnEdgesOfRun: (runId, from, to) => read(() => db.prepare('SELECT * FROM lineage_column_edges WHERE run_id = ? AND in_ns = ? AND in_name = ? AND out_ns = ? AND out_name = ? ORDER BY seq, rowid')
        .all(runId, from.namespace, from.name, to.namespace, to.name).map(edge)),
      datasets: () => read(() => db.prepare('SELECT in_ns AS namespace, in_name AS name FROM lineage_dataset_edges UNION SELECT out_ns, out_name FROM lineage_dataset_edges').all() as LineageNode[]),
    };
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
