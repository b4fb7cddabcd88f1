// The lineage store for several machines: PostgreSQL through `pg`. It holds what lineage.db holds
// (events kept whole with their delivery state; dataset and column edges of COMPLETE events) in
// cordon_lineage_events, cordon_lineage_dataset_edges and cordon_lineage_column_edges, created
// when missing under a session advisory lock (two processes creating them at once would race on
// the catalog). One append is one transaction that first takes a transaction-scoped advisory lock,
// so writers on any host serialise and seq order is commit order: otherwise a reader could see
// seq 6 before seq 5 commits and deliver events out of order, or `trace` could pick a run that is
// not the latest. Rows go in with one INSERT … SELECT FROM unnest(…) per table. Errors never
// repeat the URL, which may hold a password.
import pg from 'pg';
import { CordonError } from '../../errors.js';
import { openPgStore } from '../../postgres/open-store.js';
import { PAIR_LOCKS } from '../../postgres/lock-keys.js';
import type { RunEvent } from '../types.js';
import { edgesOfEvent, toEdge, type StoredEdgeRow } from './edges.js';
import type { LineageDelivery, LineageGraph, LineageNode, LineageStore, StoredLineageEvent } from './types.js';

/** A pool the caller opened (e.g. shared with other stores); the store never ends it. */
export type PostgresPool = pg.Pool;

// body is TEXT, not JSONB: the event is kept byte for byte as an endpoint receives it (JSONB would
// reorder keys). Edge rows carry `ord`, their position in the event, since PostgreSQL has no rowid.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS cordon_lineage_events (
  seq BIGSERIAL PRIMARY KEY,
  run_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  event_time TEXT NOT NULL,
  job_namespace TEXT NOT NULL,
  job_name TEXT NOT NULL,
  body TEXT NOT NULL,
  delivery TEXT NOT NULL CHECK (delivery IN ('local', 'pending', 'delivered', 'rejected')),
  delivered_at TEXT
);
CREATE INDEX IF NOT EXISTS cordon_lineage_events_run ON cordon_lineage_events (run_id);
CREATE INDEX IF NOT EXISTS cordon_lineage_events_pending ON cordon_lineage_events (seq) WHERE delivery = 'pending';
CREATE TABLE IF NOT EXISTS cordon_lineage_dataset_edges (
  seq BIGINT NOT NULL REFERENCES cordon_lineage_events (seq), ord INTEGER NOT NULL,
  run_id TEXT NOT NULL, job_name TEXT NOT NULL, event_time TEXT NOT NULL,
  in_ns TEXT NOT NULL, in_name TEXT NOT NULL, out_ns TEXT NOT NULL, out_name TEXT NOT NULL,
  PRIMARY KEY (seq, ord)
);
CREATE INDEX IF NOT EXISTS cordon_lineage_dataset_edges_in ON cordon_lineage_dataset_edges (in_ns, in_name);
CREATE INDEX IF NOT EXISTS cordon_lineage_dataset_edges_out ON cordon_lineage_dataset_edges (out_ns, out_name);
CREATE TABLE IF NOT EXISTS cordon_lineage_column_edges (
  seq BIGINT NOT NULL REFERENCES cordon_lineage_events (seq), ord INTEGER NOT NULL,
  run_id TEXT NOT NULL, job_name TEXT NOT NULL, event_time TEXT NOT NULL,
  in_ns TEXT NOT NULL, in_name TEXT NOT NULL, in_field TEXT NOT NULL,
  out_ns TEXT NOT NULL, out_name TEXT NOT NULL, out_field TEXT NOT NULL,
  operator TEXT NOT NULL, type TEXT NOT NULL, subtype TEXT, masking BOOLEAN,
  PRIMARY KEY (seq, ord)
);
CREATE INDEX IF NOT EXISTS cordon_lineage_column_edges_in ON cordon_lineage_column_edges (in_ns, in_name, in_field);
CREATE INDEX IF NOT EXISTS cordon_lineage_column_edges_out ON cordon_lineage_column_edges (out_ns, out_name, out_field);
CREATE INDEX IF NOT EXISTS cordon_lineage_column_edges_run ON cordon_lineage_column_edges (run_id);
`;


const DS_COLS = 'run_id, job_name, event_time, in_ns, in_name, out_ns, out_name';
const COL_COLS = `${DS_COLS}, in_field, out_field, operator, type, subtype, masking`;

type EventRow = { seq: string; body: string; delivery: LineageDelivery };
const toStored = (r: EventRow): StoredLineageEvent => ({ seq: Number(r.seq), event: JSON.parse(r.body) as RunEvent, delivery: r.delivery });

/**
 * The PostgreSQL lineage store. `open` creates the tables when missing; with `pool` it uses the
 * caller's pool and `close()` leaves it open.
 *
 * @example
 * ```ts
 * const store = await PostgresLineageStore.open('postgres://cordon@db.internal/lineage', { pending: true });
 * await store.emit([event]);
 * const node = await resolveTraceTarget(store.graph(), 'protected.csv.email');
 * await store.close();
 * ```
 */
export class PostgresLineageStore implements LineageStore {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #pending: boolean;

  private constructor(pool: pg.Pool, ownsPool: boolean, pending: boolean) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#pending = pending;
  }

  /** Connects to `url` (postgres://…), or uses `pool`, and creates the three tables when missing. */
  static async open(url: string, options: { pool?: pg.Pool; max?: number; pending?: boolean } = {}): Promise<PostgresLineageStore> {
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL lineage store', pool: options.pool, lock: PAIR_LOCKS.lineageSchema, schema: SCHEMA,
      create: () => new pg.Pool({ connectionString: url, max: options.max ?? 4 }),
    });
    return new PostgresLineageStore(pool, ownsPool, options.pending === true);
  }

  #fail(what: string, e: unknown): CordonError {
    // The driver's code only: its message can name the host, the user or the SQL (docs/errors.md).
    const code = String((e as { code?: unknown }).code ?? '') || 'connection lost';
    return new CordonError('ERR_IO', `cannot ${what} the PostgreSQL lineage store (${code})`, { cause: e });
  }

  async #query<R extends pg.QueryResultRow>(what: string, sql: string, args: unknown[] = []): Promise<R[]> {
    try {
      return (await this.#pool.query<R>(sql, args)).rows;
    } catch (e) {
      throw this.#fail(what, e);
    }
  }

  async emit(events: readonly RunEvent[]): Promise<void> {
    await this.append(events, { pending: this.#pending });
  }

  async append(events: readonly RunEvent[], options: { readonly pending?: boolean } = {}): Promise<number[]> {
    if (events.length === 0) return [];
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (e) {
      throw this.#fail('write to', e);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...PAIR_LOCKS.lineageAppend]);
      // Seqs are drawn first and assigned in order, so the i-th event gets the i-th smallest.
      const drawn = await client.query<{ seq: string }>("SELECT nextval(pg_get_serial_sequence('cordon_lineage_events', 'seq')) AS seq FROM generate_series(1, $1)", [events.length]);
      const seqs = drawn.rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
      await client.query(
        `INSERT INTO cordon_lineage_events (seq, run_id, event_type, event_time, job_namespace, job_name, body, delivery)
         SELECT u.s, u.r, u.t, u.tm, u.ns, u.jn, u.b, $8::text FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(s, r, t, tm, ns, jn, b)`,
        [seqs, events.map((e) => e.run.runId), events.map((e) => e.eventType), events.map((e) => e.eventTime), events.map((e) => e.job.namespace),
          events.map((e) => e.job.name), events.map((e) => JSON.stringify(e)), options.pending ? 'pending' : 'local'],
      );
      const ds = { seq: [] as number[], ord: [] as number[], run: [] as string[], job: [] as string[], time: [] as string[], inNs: [] as string[], inName: [] as string[], outNs: [] as string[], outName: [] as string[] };
      const col = { ...structuredClone(ds), inField: [] as string[], outField: [] as string[], operator: [] as string[], type: [] as string[], subtype: [] as (string | null)[], masking: [] as (boolean | null)[] };
      events.forEach((e, i) => {
        const edges = edgesOfEvent(e);
        const common = (t: typeof ds, ord: number, r: { in_ns: string; in_name: string; out_ns: string; out_name: string }): void => {
          t.seq.push(seqs[i]!); t.ord.push(ord); t.run.push(e.run.runId); t.job.push(e.job.name); t.time.push(e.eventTime);
          t.inNs.push(r.in_ns); t.inName.push(r.in_name); t.outNs.push(r.out_ns); t.outName.push(r.out_name);
        };
        edges.datasets.forEach((d, ord) => common(ds, ord, d));
        edges.columns.forEach((c, ord) => {
          common(col, ord, c);
          col.inField.push(c.in_field); col.outField.push(c.out_field); col.operator.push(c.operator); col.type.push(c.type); col.subtype.push(c.subtype); col.masking.push(c.masking);
        });
      });
      if (ds.seq.length > 0) {
        await client.query(`INSERT INTO cordon_lineage_dataset_edges (seq, ord, ${DS_COLS})
          SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
        [ds.seq, ds.ord, ds.run, ds.job, ds.time, ds.inNs, ds.inName, ds.outNs, ds.outName]);
      }
      if (col.seq.length > 0) {
        await client.query(`INSERT INTO cordon_lineage_column_edges (seq, ord, ${COL_COLS})
          SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
            $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::boolean[])`,
        [col.seq, col.ord, col.run, col.job, col.time, col.inNs, col.inName, col.outNs, col.outName, col.inField, col.outField, col.operator, col.type, col.subtype, col.masking]);
      }
      await client.query('COMMIT');
      return seqs;
    } catch (e) {
      await client.query('ROLLBACK').catch((r: unknown) => { broken = r as Error; });
      throw this.#fail('write to', e);
    } finally {
      client.release(broken);
    }
  }

  async pending(limit: number): Promise<StoredLineageEvent[]> {
    return (await this.#query<EventRow>('read', "SELECT seq, body, delivery FROM cordon_lineage_events WHERE delivery = 'pending' ORDER BY seq LIMIT $1", [limit])).map(toStored);
  }

  async countPending(): Promise<number> {
    const rows = await this.#query<{ n: string }>('read', "SELECT count(*) AS n FROM cordon_lineage_events WHERE delivery = 'pending'");
    return Number(rows[0]!.n);
  }

  async markDelivered(seqs: readonly number[], at: string = new Date().toISOString()): Promise<void> {
    if (seqs.length === 0) return;
    await this.#query('write to', "UPDATE cordon_lineage_events SET delivery = 'delivered', delivered_at = $1 WHERE seq = ANY($2::bigint[])", [at, [...seqs]]);
  }

  async markRejected(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    await this.#query('write to', "UPDATE cordon_lineage_events SET delivery = 'rejected' WHERE seq = ANY($1::bigint[])", [[...seqs]]);
  }

  async events(options: { readonly runId?: string } = {}): Promise<StoredLineageEvent[]> {
    const rows = options.runId !== undefined
      ? await this.#query<EventRow>('read', 'SELECT seq, body, delivery FROM cordon_lineage_events WHERE run_id = $1 ORDER BY seq', [options.runId])
      : await this.#query<EventRow>('read', 'SELECT seq, body, delivery FROM cordon_lineage_events ORDER BY seq');
    return rows.map(toStored);
  }

  graph(): LineageGraph {
    const edges = async (sql: string, args: unknown[]) => (await this.#query<StoredEdgeRow & pg.QueryResultRow>('read', sql, args)).map(toEdge);
    const ds = (side: 'in' | 'out', n: LineageNode) => edges(`SELECT ${DS_COLS} FROM cordon_lineage_dataset_edges WHERE ${side}_ns = $1 AND ${side}_name = $2 ORDER BY seq DESC, ord`, [n.namespace, n.name]);
    const col = (side: 'in' | 'out', n: LineageNode) => edges(`SELECT ${COL_COLS} FROM cordon_lineage_column_edges WHERE ${side}_ns = $1 AND ${side}_name = $2 AND ${side}_field = $3 ORDER BY seq DESC, ord`, [n.namespace, n.name, n.field]);
    return {
      edgesInto: (n) => (n.field === undefined ? ds('out', n) : col('out', n)),
      edgesFrom: (n) => (n.field === undefined ? ds('in', n) : col('in', n)),
      columnEdgesOfRun: (runId, from, to) => edges(`SELECT ${COL_COLS} FROM cordon_lineage_column_edges WHERE run_id = $1 AND in_ns = $2 AND in_name = $3 AND out_ns = $4 AND out_name = $5 ORDER BY seq, ord`,
        [runId, from.namespace, from.name, to.namespace, to.name]),
      datasets: () => this.#query<LineageNode & pg.QueryResultRow>('read', 'SELECT in_ns AS namespace, in_name AS name FROM cordon_lineage_dataset_edges UNION SELECT out_ns, out_name FROM cordon_lineage_dataset_edges'),
    };
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
