// The local lineage store: CORDON_HOME/lineage.db, one SQLite file (better-sqlite3, WAL). Every
// event is kept whole (the JSON an endpoint would receive) with its delivery state, and COMPLETE
// events are also indexed as edges (dataset → dataset, column → column with the operator) so that
// `cordon lineage trace` walks the graph with indexed lookups instead of rereading every event.
// One emit is one transaction: concurrent protect runs serialise on the write lock (busy_timeout).
import Database from 'better-sqlite3';
import { CordonError } from '../errors.js';
import { CORDON_FACET_KEY, type LineageEmitter, type RunEvent } from './types.js';

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

/** A field (column) or, without `field`, a whole dataset. */
export interface LineageNode {
  readonly namespace: string;
  readonly name: string;
  readonly field?: string;
}

/** One step of lineage recorded by a completed run: `from` flowed into `to`. */
export interface LineageEdge {
  readonly runId: string;
  readonly job: string;
  readonly eventTime: string;
  readonly from: LineageNode;
  readonly to: LineageNode;
  /** Column edges: the operator applied (e.g. `hash`), and the columnLineage transformation. */
  readonly operator?: string;
  readonly transformation?: { readonly type: string; readonly subtype?: string; readonly masking?: boolean };
}

/** What a lineage query walks: edges into and out of a dataset or column. */
export interface LineageGraph {
  edgesInto(node: LineageNode): LineageEdge[];
  edgesFrom(node: LineageNode): LineageEdge[];
  /** Column edges of one run between two datasets (the operators of a dataset-level step). */
  columnEdgesOfRun(runId: string, from: LineageNode, to: LineageNode): LineageEdge[];
  /** Every dataset the store has seen as an input or output of a completed run. */
  datasets(): LineageNode[];
}

export interface StoredLineageEvent {
  readonly seq: number;
  readonly event: RunEvent;
  /** local: no endpoint was configured; rejected: the endpoint refused it (HTTP 4xx), not retried. */
  readonly delivery: 'local' | 'pending' | 'delivered' | 'rejected';
}

interface EdgeRow {
  seq: number; run_id: string; job_name: string; event_time: string;
  in_ns: string; in_name: string; in_field?: string; out_ns: string; out_name: string; out_field?: string;
  operator?: string; type?: string; subtype?: string | null; masking?: number | null;
}

function toEdge(r: EdgeRow): LineageEdge {
  return {
    runId: r.run_id, job: r.job_name, eventTime: r.event_time,
    from: { namespace: r.in_ns, name: r.in_name, ...(r.in_field !== undefined ? { field: r.in_field } : {}) },
    to: { namespace: r.out_ns, name: r.out_name, ...(r.out_field !== undefined ? { field: r.out_field } : {}) },
    ...(r.operator !== undefined ? { operator: r.operator } : {}),
    ...(r.type !== undefined ? { transformation: { type: r.type, ...(r.subtype != null ? { subtype: r.subtype } : {}), ...(r.masking != null ? { masking: r.masking === 1 } : {}) } } : {}),
  };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Column edges of an event's outputs, read from their columnLineage facets (any producer's). */
function columnEdgesOf(e: RunEvent): Array<Omit<EdgeRow, 'seq' | 'run_id' | 'job_name' | 'event_time'>> {
  const rows: Array<Omit<EdgeRow, 'seq' | 'run_id' | 'job_name' | 'event_time'>> = [];
  for (const out of e.outputs ?? []) {
    const fields = obj(obj(out.facets?.columnLineage)?.fields) ?? {};
    const cordon = obj(obj(out.facets?.[CORDON_FACET_KEY])?.columns) ?? {};
    for (const [field, spec] of Object.entries(fields)) {
      const inputs = obj(spec)?.inputFields;
      if (!Array.isArray(inputs)) continue;
      for (const i of inputs) {
        const f = obj(i);
        const ns = str(f?.namespace);
        const name = str(f?.name);
        const inField = str(f?.field);
        if (ns === undefined || name === undefined || inField === undefined) continue;
        const t = obj(Array.isArray(f!.transformations) ? f!.transformations[0] : undefined);
        const operator = str(obj(cordon[field])?.operator) ?? str(t?.description) ?? str(t?.subtype) ?? 'unknown';
        rows.push({
          in_ns: ns, in_name: name, in_field: inField, out_ns: out.namespace, out_name: out.name, out_field: field,
          operator, type: str(t?.type) ?? 'DIRECT', subtype: str(t?.subtype) ?? null,
          masking: typeof t?.masking === 'boolean' ? (t.masking ? 1 : 0) : null,
        });
      }
    }
  }
  return rows;
}

/**
 * The SQLite lineage store. `emit` keeps events; with `pending: true` they also wait for delivery
 * to an HTTP endpoint (see `pending()` and `markDelivered()`).
 *
 * @example
 * ```ts
 * const store = SqliteLineageStore.open(join(home, LINEAGE_DB_FILE));
 * await store.emit([event]);
 * store.close();
 * ```
 */
export class SqliteLineageStore implements LineageEmitter {
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
      db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 30_000}`);
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        db.exec(SCHEMA);
      }
      return new SqliteLineageStore(db, options.pending === true);
    } catch (e) {
      db?.close();
      throw new CordonError('ERR_IO', `cannot open the lineage store ${path}`, { cause: e });
    }
  }

  async emit(events: readonly RunEvent[]): Promise<void> {
    this.append(events, { pending: this.#pending });
  }

  /** Stores events in one transaction; returns their sequence numbers. */
  append(events: readonly RunEvent[], options: { pending?: boolean } = {}): number[] {
    const insEvent = this.#db.prepare('INSERT INTO lineage_events (run_id, event_type, event_time, job_namespace, job_name, body, delivery) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insDs = this.#db.prepare('INSERT INTO lineage_dataset_edges VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const insCol = this.#db.prepare('INSERT INTO lineage_column_edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const tx = this.#db.transaction((list: readonly RunEvent[]) => list.map((e) => {
      const seq = Number(insEvent.run(e.run.runId, e.eventType, e.eventTime, e.job.namespace, e.job.name, JSON.stringify(e), options.pending ? 'pending' : 'local').lastInsertRowid);
      // Only a completed run made its outputs: START and FAIL describe intent, not data flow.
      if (e.eventType === 'COMPLETE') {
        for (const i of e.inputs ?? []) for (const o of e.outputs ?? []) insDs.run(seq, e.run.runId, e.job.name, e.eventTime, i.namespace, i.name, o.namespace, o.name);
        for (const c of columnEdgesOf(e)) {
          insCol.run(seq, e.run.runId, e.job.name, e.eventTime, c.in_ns, c.in_name, c.in_field!, c.out_ns, c.out_name, c.out_field!, c.operator!, c.type!, c.subtype ?? null, c.masking ?? null);
        }
      }
      return seq;
    }));
    try {
      return tx.immediate(events);
    } catch (e) {
      throw new CordonError('ERR_IO', 'cannot write to the lineage store', { cause: e });
    }
  }

  /** Events waiting for delivery, oldest first, at most `limit`. */
  pending(limit: number): StoredLineageEvent[] {
    const rows = this.#db.prepare("SELECT seq, body, delivery FROM lineage_events WHERE delivery = 'pending' ORDER BY seq LIMIT ?").all(limit) as Array<{ seq: number; body: string; delivery: StoredLineageEvent['delivery'] }>;
    return rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.body) as RunEvent, delivery: r.delivery }));
  }

  countPending(): number {
    return (this.#db.prepare("SELECT count(*) AS n FROM lineage_events WHERE delivery = 'pending'").get() as { n: number }).n;
  }

  markDelivered(seqs: readonly number[], at: string = new Date().toISOString()): void {
    const up = this.#db.prepare("UPDATE lineage_events SET delivery = 'delivered', delivered_at = ? WHERE seq = ?");
    this.#db.transaction(() => { for (const s of seqs) up.run(at, s); }).immediate();
  }

  markRejected(seqs: readonly number[]): void {
    const up = this.#db.prepare("UPDATE lineage_events SET delivery = 'rejected' WHERE seq = ?");
    this.#db.transaction(() => { for (const s of seqs) up.run(s); }).immediate();
  }

  /** Every stored event, oldest first (optionally of one run). */
  events(options: { runId?: string } = {}): StoredLineageEvent[] {
    const rows = (options.runId !== undefined
      ? this.#db.prepare('SELECT seq, body, delivery FROM lineage_events WHERE run_id = ? ORDER BY seq').all(options.runId)
      : this.#db.prepare('SELECT seq, body, delivery FROM lineage_events ORDER BY seq').all()) as Array<{ seq: number; body: string; delivery: StoredLineageEvent['delivery'] }>;
    return rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.body) as RunEvent, delivery: r.delivery }));
  }

  /** The store as a graph for lineage queries. */
  graph(): LineageGraph {
    const db = this.#db;
    const dsInto = db.prepare('SELECT * FROM lineage_dataset_edges WHERE out_ns = ? AND out_name = ? ORDER BY seq DESC');
    const dsFrom = db.prepare('SELECT * FROM lineage_dataset_edges WHERE in_ns = ? AND in_name = ? ORDER BY seq DESC');
    const colInto = db.prepare('SELECT * FROM lineage_column_edges WHERE out_ns = ? AND out_name = ? AND out_field = ? ORDER BY seq DESC');
    const colFrom = db.prepare('SELECT * FROM lineage_column_edges WHERE in_ns = ? AND in_name = ? AND in_field = ? ORDER BY seq DESC');
    const colRun = db.prepare('SELECT * FROM lineage_column_edges WHERE run_id = ? AND in_ns = ? AND in_name = ? AND out_ns = ? AND out_name = ? ORDER BY seq, rowid');
    return {
      edgesInto: (n) => (n.field === undefined ? dsInto.all(n.namespace, n.name) : colInto.all(n.namespace, n.name, n.field)).map((r) => toEdge(r as EdgeRow)),
      edgesFrom: (n) => (n.field === undefined ? dsFrom.all(n.namespace, n.name) : colFrom.all(n.namespace, n.name, n.field)).map((r) => toEdge(r as EdgeRow)),
      columnEdgesOfRun: (runId, from, to) => colRun.all(runId, from.namespace, from.name, to.namespace, to.name).map((r) => toEdge(r as EdgeRow)),
      datasets: () => (db.prepare('SELECT in_ns AS namespace, in_name AS name FROM lineage_dataset_edges UNION SELECT out_ns, out_name FROM lineage_dataset_edges').all() as LineageNode[]),
    };
  }

  close(): void {
    this.#db.close();
  }
}
