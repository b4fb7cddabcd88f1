// The audit store for several machines: PostgreSQL through `pg`. An append is one transaction that
// first takes a transaction-scoped advisory lock for this log (so concurrent writers, in any
// process on any host, serialise), reads the size, and inserts entries and completed subtrees with
// one INSERT … SELECT FROM unnest(…) each. A crash rolls the transaction back; the log stays valid.
import pg from 'pg';
import { CordonError } from '../../errors.js';
import { openPgStore } from '../../postgres/open-store.js';
import { auditLockKey } from '../../postgres/lock-keys.js';
import { encodeEntry } from '../entry.js';
import type { AuditDurability } from '../durability.js';
import type { AuditEvent } from '../event.js';
import { leafHash } from '../merkle/hash.js';
import { TreeBuilder, edgeNodes } from '../merkle/tree.js';
import { nodeKey, type AuditQuery, type AuditStore, type NodeRef, type StoredCheckpoint, type StoredEntry } from './types.js';

const PREFIX_RE = /^[a-z_][a-z0-9_]{0,40}$/;

function schema(p: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${p}meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ${p}entries (
  idx BIGINT PRIMARY KEY,
  id TEXT NOT NULL,
  time TEXT NOT NULL,
  type TEXT NOT NULL,
  principal TEXT NOT NULL,
  entry BYTEA NOT NULL,
  leaf BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS ${p}entries_id ON ${p}entries (id);
CREATE TABLE IF NOT EXISTS ${p}nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (level, idx));
CREATE TABLE IF NOT EXISTS ${p}checkpoints (seq BIGSERIAL PRIMARY KEY, size BIGINT NOT NULL, note TEXT NOT NULL, created_at TEXT NOT NULL);
`;
}

interface EntryRow { idx: string; id: string; time: string; type: string; principal: string; entry: Buffer; leaf: Buffer }

const toEntry = (r: EntryRow): StoredEntry => ({
  index: Number(r.idx), id: r.id, time: r.time, type: r.type, principal: r.principal, entry: r.entry, leafHash: r.leaf,
});

export class PostgresAuditStore implements AuditStore {
  readonly kind = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #p: string;
  readonly #ownsPool: boolean;
  #edge: { size: number; edge: Uint8Array[] } | undefined;
  /** Audit durability `batch` (src/audit/durability.ts): appends commit with synchronous_commit = off. */
  #asyncCommit = false;

  private constructor(pool: pg.Pool, prefix: string, ownsPool: boolean) {
    this.#pool = pool;
    this.#p = prefix;
    this.#ownsPool = ownsPool;
  }

  /** Connects to `url` (postgres://…) and creates the tables `<prefix>entries`, … when missing. */
  static async open(url: string, options: { prefix?: string; max?: number; pool?: pg.Pool } = {}): Promise<PostgresAuditStore> {
    const prefix = options.prefix ?? 'cordon_audit_';
    if (!PREFIX_RE.test(prefix)) throw new TypeError('PostgresAuditStore: prefix must be lowercase letters, digits and "_"');
    // A workspace's shared pool is used as is and left open by close().
    const { pool, ownsPool } = await openPgStore({
      what: 'the PostgreSQL audit log', pool: options.pool, lock: auditLockKey(prefix), schema: schema(prefix),
      create: () => new pg.Pool({ connectionString: url, max: options.max ?? 4 }),
    });
    return new PostgresAuditStore(pool, prefix, ownsPool);
  }

  async #sizeWith(q: pg.PoolClient | pg.Pool): Promise<number> {
    const r = await q.query<{ m: string | null }>(`SELECT max(idx) AS m FROM ${this.#p}entries`);
    return r.rows[0]!.m === null ? 0 : Number(r.rows[0]!.m) + 1;
  }

  async #nodesWith(q: pg.PoolClient | pg.Pool, refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    const leaves = refs.filter((r) => r.level === 0).map((r) => r.index);
    const inner = refs.filter((r) => r.level > 0);
    if (leaves.length > 0) {
      const r = await q.query<{ idx: string; leaf: Buffer }>(`SELECT idx, leaf FROM ${this.#p}entries WHERE idx = ANY($1::bigint[])`, [leaves]);
      for (const row of r.rows) out.set(nodeKey(0, Number(row.idx)), row.leaf);
    }
    if (inner.length > 0) {
      // One `level = … AND idx = ANY(…)` per level: each is a primary-key index scan.
      const byLevel = new Map<number, number[]>();
      for (const r of inner) byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r.index]);
      const levels = [...byLevel.keys()];
      const where = levels.map((_, i) => `(level = $${2 * i + 1} AND idx = ANY($${2 * i + 2}::bigint[]))`).join(' OR ');
      const r = await q.query<{ level: number; idx: string; hash: Buffer }>(`SELECT level, idx, hash FROM ${this.#p}nodes WHERE ${where}`, levels.flatMap((l) => [l, byLevel.get(l)!]));
      for (const row of r.rows) out.set(nodeKey(row.level, Number(row.idx)), row.hash);
    }
    return out;
  }

  /**
   * Audit durability for the appends from now on. `batch`: each append transaction commits with
   * `SET LOCAL synchronous_commit = off` (the database's WAL writer syncs it within 3 ×
   * wal_writer_delay; a crash of this process loses nothing committed, a crash of the database
   * server or its machine may lose the last ones); checkpoints stay synchronous. `sync`: the default.
   */
  setDurability(durability: AuditDurability): void {
    this.#asyncCommit = durability.kind === 'batch';
  }

  async append(events: readonly AuditEvent[]): Promise<{ first: number; size: number }> {
    const client = await this.#pool.connect();
    try {
      // One round trip either way (a simple query may hold two statements).
      await client.query(this.#asyncCommit ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
      const [a, b] = auditLockKey(this.#p);
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [a, b]);
      const size = await this.#sizeWith(client);
      let edge: Uint8Array[];
      if (this.#edge?.size === size) {
        edge = this.#edge.edge;
      } else {
        const refs = edgeNodes(size);
        const got = await this.#nodesWith(client, refs);
        edge = refs.map(({ level, index }) => {
          const h = got.get(nodeKey(level, index));
          if (h === undefined) throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', `the audit log is missing subtree ${level}:${index}; run \`cordon audit verify\``);
          return h;
        });
      }
      const builder = new TreeBuilder({ size, edge });
      const e = { idx: [] as number[], id: [] as string[], time: [] as string[], type: [] as string[], principal: [] as string[], entry: [] as Buffer[], leaf: [] as Buffer[] };
      const n = { level: [] as number[], idx: [] as number[], hash: [] as Buffer[] };
      events.forEach((ev, i) => {
        const entry = encodeEntry(ev, size + i);
        const leaf = leafHash(entry);
        e.idx.push(size + i); e.id.push(ev.id); e.time.push(ev.time); e.type.push(ev.type); e.principal.push(ev.principal);
        e.entry.push(Buffer.from(entry)); e.leaf.push(Buffer.from(leaf));
        builder.push(leaf, (level, index, hash) => { n.level.push(level); n.idx.push(index); n.hash.push(Buffer.from(hash)); });
      });
      if (events.length > 0) {
        await client.query(`INSERT INTO ${this.#p}entries (idx, id, time, type, principal, entry, leaf)
          SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::bytea[])`,
        [e.idx, e.id, e.time, e.type, e.principal, e.entry, e.leaf]);
      }
      if (n.level.length > 0) {
        await client.query(`INSERT INTO ${this.#p}nodes (level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])`, [n.level, n.idx, n.hash]);
      }
      await client.query('COMMIT');
      this.#edge = { size: builder.size, edge: builder.edge() };
      return { first: size, size: builder.size };
    } catch (err) {
      this.#edge = undefined;
      await client.query('ROLLBACK').catch(() => undefined);
      // unique_violation: rows already at the indexes being appended (the log was cut back and leftovers remain).
      if ((err as { code?: string }).code === '23505') throw new CordonError('ERR_AUDIT_CHAIN_BROKEN', 'the audit log holds entries or subtree hashes past its end (cut back?); run `cordon audit verify`');
      throw err;
    } finally {
      client.release();
    }
  }

  async size(): Promise<number> {
    return this.#sizeWith(this.#pool);
  }

  async nodes(refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>> {
    return this.#nodesWith(this.#pool, refs);
  }

  async entries(from: number, limit: number): Promise<StoredEntry[]> {
    const r = await this.#pool.query<EntryRow>(`SELECT idx, id, time, type, principal, entry, leaf FROM ${this.#p}entries WHERE idx >= $1 ORDER BY idx LIMIT $2`, [from, limit]);
    return r.rows.map(toEntry);
  }

  async levelNodes(level: number, from: number, limit: number): Promise<{ index: number; hash: Uint8Array }[]> {
    const r = await this.#pool.query<{ idx: string; hash: Buffer }>(`SELECT idx, hash FROM ${this.#p}nodes WHERE level = $1 AND idx >= $2 ORDER BY idx LIMIT $3`, [level, from, limit]);
    return r.rows.map((x) => ({ index: Number(x.idx), hash: x.hash }));
  }

  async findIndex(eventId: string): Promise<number | undefined> {
    // No ORDER BY / min(): PostgreSQL would answer those by walking the primary key from the start.
    const r = await this.#pool.query<{ idx: string }>(`SELECT idx FROM ${this.#p}entries WHERE id = $1`, [eventId]);
    return r.rows.length === 0 ? undefined : Math.min(...r.rows.map((x) => Number(x.idx)));
  }

  async query(q: AuditQuery): Promise<StoredEntry[]> {
    const where: string[] = [];
    const args: (string | number | null)[] = [];
    const add = (sql: string, v: string | number): void => { args.push(v); where.push(sql.replace('?', `$${args.length}`)); };
    add('idx >= ?', q.from ?? 0);
    if (q.since !== undefined) add('time >= ?', q.since);
    if (q.type !== undefined) add('type = ?', q.type);
    if (q.principal !== undefined) add('principal = ?', q.principal);
    args.push(q.limit ?? null);
    const r = await this.#pool.query<EntryRow>(`SELECT idx, id, time, type, principal, entry, leaf FROM ${this.#p}entries WHERE ${where.join(' AND ')} ORDER BY idx LIMIT $${args.length}`, args);
    return r.rows.map(toEntry);
  }

  async addCheckpoint(size: number, note: string): Promise<void> {
    await this.#pool.query(`INSERT INTO ${this.#p}checkpoints (size, note, created_at) VALUES ($1, $2, $3)`, [size, note, new Date().toISOString()]);
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    const r = await this.#pool.query<{ size: string; note: string; created_at: string }>(`SELECT size, note, created_at FROM ${this.#p}checkpoints ORDER BY size, seq`);
    return r.rows.map((x) => ({ size: Number(x.size), note: x.note, createdAt: x.created_at }));
  }

  async meta(key: string, init: () => string): Promise<string> {
    await this.#pool.query(`INSERT INTO ${this.#p}meta (k, v) VALUES ($1, $2) ON CONFLICT (k) DO NOTHING`, [key, init()]);
    const r = await this.#pool.query<{ v: string }>(`SELECT v FROM ${this.#p}meta WHERE k = $1`, [key]);
    return r.rows[0]!.v;
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
