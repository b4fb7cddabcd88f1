// Opens one of Cordon's PostgreSQL stores (keys, audit log and anchor, vaults, API keys, lineage,
// subject index, privacy ledger, a shared workspace's meta table): the PostgreSQL twin of
// sqlite/open-store.ts. One connection takes the store's advisory lock, so instances starting
// together do not race on the catalog, runs the store's DDL (and migrations), unlocks, and is
// released — discarded when anything failed, so a session lock it may still hold dies with it
// instead of staying on a pooled connection. On failure a pool made here is ended and the error is
// ERR_STORE_UNAVAILABLE naming the store and the driver's error code only: the URL (which may hold
// a password) and the driver's message (which may quote it, or name host and user) are never
// repeated. A CordonError raised by the DDL step (e.g. ERR_WORKSPACE_INVALID for a schema version
// this Cordon does not know) passes through unchanged.
//
// Like open-store.ts, no driver type is named (the published declarations must not depend on pg's
// types): the caller passes its pool, or how to make one, and gets it back.
import { CordonError } from '../errors.js';

/** What this needs of a pooled connection (pg.PoolClient). */
export interface PgStoreClient {
  query(text: string, values?: unknown[]): Promise<unknown>;
  /** With an argument, the connection is destroyed instead of returned to the pool. */
  release(destroy?: Error | boolean): void;
}

/** What this needs of a pool (pg.Pool). */
export interface PgStorePool<C extends PgStoreClient> {
  connect(): Promise<C>;
  end(): Promise<void>;
  on(event: 'error', listener: () => void): unknown;
}

export interface PgStoreOpenOptions<C extends PgStoreClient, P extends PgStorePool<C>> {
  /** What the store holds, for the error message ("the PostgreSQL subject index"). */
  readonly what: string;
  /** A pool to use and leave open (a shared workspace's); without it one is made with `create`. */
  readonly pool?: P | undefined;
  /** Makes the store's own pool (`new pg.Pool({ connectionString: url, max })`) when `pool` is not given. */
  readonly create?: () => P;
  /** The store's advisory lock key: one bigint, or two int4 (pg_advisory_lock(a, b)). */
  readonly lock: number | readonly [number, number];
  /** The DDL run under the lock: a script, or a function for migrations that read as they go. */
  readonly schema: string | ((client: C) => Promise<void>);
}

export interface OpenedPgStore<P> {
  readonly pool: P;
  /** Whether the pool was made here (the store ends it when closed). */
  readonly ownsPool: boolean;
}

function unavailable(what: string, e: unknown): CordonError {
  const code = (e as { code?: unknown } | null)?.code;
  return new CordonError('ERR_STORE_UNAVAILABLE', `cannot open ${what} (${typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? code : 'connection failed'})`);
}

/**
 * Prepares a store's tables under its advisory lock and returns the pool to query them with.
 *
 * @example
 * ```ts
 * const { pool, ownsPool } = await openPgStore({
 *   what: 'the PostgreSQL subject index', pool: options.pool, lock: SCHEMA_LOCKS.subjectIndex, schema: DDL,
 *   create: () => new pg.Pool({ connectionString: url, max: 4 }),
 * });
 * ```
 */
export async function openPgStore<C extends PgStoreClient, P extends PgStorePool<C>>(o: PgStoreOpenOptions<C, P>): Promise<OpenedPgStore<P>> {
  const ownsPool = o.pool === undefined;
  let pool: P;
  if (o.pool !== undefined) pool = o.pool;
  else if (o.create === undefined) throw new TypeError('openPgStore: pass a pool, or create to make one');
  else {
    try {
      pool = o.create();
    } catch {
      // A malformed URL: the parser's message may quote it, so none of it is repeated.
      throw new CordonError('ERR_STORE_UNAVAILABLE', `cannot open ${o.what}: the connection URL is malformed`);
    }
  }
  // An idle pooled connection that drops emits 'error' on the pool; unhandled, it would end the
  // process. The next query on it fails and is reported instead.
  if (ownsPool) pool.on('error', () => undefined);
  const [lockSql, unlockSql] = typeof o.lock === 'number'
    ? ['SELECT pg_advisory_lock($1)', 'SELECT pg_advisory_unlock($1)']
    : ['SELECT pg_advisory_lock($1, $2)', 'SELECT pg_advisory_unlock($1, $2)'];
  const lockArgs = typeof o.lock === 'number' ? [o.lock] : [...o.lock];
  try {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(lockSql, lockArgs);
      try {
        if (typeof o.schema === 'string') await client.query(o.schema);
        else await o.schema(client);
      } finally {
        await client.query(unlockSql, lockArgs);
      }
    } catch (e) {
      broken = e instanceof Error ? e : new Error('store preparation failed');
      throw e;
    } finally {
      client.release(broken);
    }
  } catch (e) {
    if (ownsPool) await pool.end().catch(() => undefined);
    if (e instanceof CordonError) throw e;
    throw unavailable(o.what, e);
  }
  return { pool, ownsPool };
}
