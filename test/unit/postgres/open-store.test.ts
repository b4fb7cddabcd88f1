// openPgStore: the DDL under the store's advisory lock, the lock always released, a failed
// connection discarded (not returned to the pool with a session lock on it), an owned pool ended
// on failure and a caller's pool left open, ERR_STORE_UNAVAILABLE naming the driver's code only
// (never the URL, its password or the driver's message), and a CordonError from the DDL passed
// through. With a fake pool (every step recorded), and against PostgreSQL when CORDON_TEST_PG_URL
// is set.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { CordonError } from '../../../src/errors.js';
import { openPgStore, type PgStoreClient, type PgStorePool } from '../../../src/postgres/open-store.js';

const PG_URL = process.env.CORDON_TEST_PG_URL;
const SECRET = 'Sup3r-Secret-Pw';

class FakeClient implements PgStoreClient {
  constructor(private readonly log: string[], private readonly failOn?: RegExp, private readonly failWith: unknown = Object.assign(new Error(`relation broken at postgres://u:${SECRET}@db/x`), { code: '42P07' })) {}
  async query(text: string, values?: unknown[]): Promise<unknown> {
    this.log.push(`${text}${values ? ` ${JSON.stringify(values)}` : ''}`);
    if (this.failOn?.test(text)) throw this.failWith;
    return { rows: [] };
  }
  release(destroy?: Error | boolean): void {
    this.log.push(destroy ? 'release(destroy)' : 'release');
  }
}

class FakePool implements PgStorePool<FakeClient> {
  readonly log: string[] = [];
  ended = false;
  listeners = 0;
  constructor(private readonly opts: { connectError?: unknown; failOn?: RegExp; failWith?: unknown } = {}) {}
  async connect(): Promise<FakeClient> {
    if (this.opts.connectError !== undefined) throw this.opts.connectError;
    return new FakeClient(this.log, this.opts.failOn, this.opts.failWith);
  }
  async end(): Promise<void> {
    this.ended = true;
  }
  on(): unknown {
    this.listeners++;
    return this;
  }
}

const noSecret = (e: unknown): true => {
  const err = e as CordonError;
  assert.equal(err.code, 'ERR_STORE_UNAVAILABLE');
  assert.ok(!err.message.includes(SECRET) && !err.message.includes('postgres://'), err.message);
  assert.equal(err.cause, undefined, 'no cause that could carry the connection settings');
  return true;
};

describe('openPgStore', () => {
  it('runs the DDL between lock and unlock and returns the connection to the pool', async () => {
    const pool = new FakePool();
    const r = await openPgStore({ what: 'the test store', create: () => pool, lock: [1, 2], schema: 'CREATE TABLE t (x INT)' });
    assert.equal(r.pool, pool);
    assert.equal(r.ownsPool, true);
    assert.deepEqual(pool.log, ['SELECT pg_advisory_lock($1, $2) [1,2]', 'CREATE TABLE t (x INT)', 'SELECT pg_advisory_unlock($1, $2) [1,2]', 'release']);
    assert.equal(pool.listeners, 1, "an owned pool gets an 'error' listener (an idle connection that drops must not end the process)");
    assert.equal(pool.ended, false);
  });

  it('a caller\'s pool is used, gets no listener, and stays open on failure', async () => {
    const pool = new FakePool({ failOn: /CREATE/ });
    await assert.rejects(openPgStore({ what: 'the test store', pool, lock: 7, schema: 'CREATE TABLE t (x INT)' }), noSecret);
    assert.equal(pool.ended, false);
    assert.equal(pool.listeners, 0);
    assert.deepEqual(pool.log, ['SELECT pg_advisory_lock($1) [7]', 'CREATE TABLE t (x INT)', 'SELECT pg_advisory_unlock($1) [7]', 'release(destroy)']);
  });

  it('a failed DDL unlocks, discards the connection, ends an owned pool; the error names the code only', async () => {
    const pool = new FakePool({ failOn: /CREATE/ });
    await assert.rejects(openPgStore({ what: 'the test store', create: () => pool, lock: 7, schema: 'CREATE TABLE t (x INT)' }), (e: unknown) => {
      noSecret(e);
      assert.match((e as Error).message, /cannot open the test store \(42P07\)/);
      return true;
    });
    assert.equal(pool.ended, true);
    assert.equal(pool.log.at(-1), 'release(destroy)');
    assert.ok(pool.log.includes('SELECT pg_advisory_unlock($1) [7]'));
  });

  it('an unreachable server: ERR_STORE_UNAVAILABLE with the socket code, pool ended', async () => {
    const pool = new FakePool({ connectError: Object.assign(new Error(`connect ECONNREFUSED for postgres://u:${SECRET}@h/db`), { code: 'ECONNREFUSED' }) });
    await assert.rejects(openPgStore({ what: 'the test store', create: () => pool, lock: 7, schema: 'x' }), (e: unknown) => {
      noSecret(e);
      assert.match((e as Error).message, /\(ECONNREFUSED\)/);
      return true;
    });
    assert.equal(pool.ended, true);
  });

  it('a code that is not an error code is not repeated either', async () => {
    const pool = new FakePool({ connectError: Object.assign(new Error('x'), { code: `postgres://u:${SECRET}@h` }) });
    await assert.rejects(openPgStore({ what: 'the test store', create: () => pool, lock: 7, schema: 'x' }), noSecret);
  });

  it('a pool that cannot be made (a malformed URL) is ERR_STORE_UNAVAILABLE without the URL', async () => {
    await assert.rejects(openPgStore({ what: 'the test store', create: (): FakePool => { throw new TypeError(`Invalid URL postgres://u:${SECRET}@[bad`); }, lock: 7, schema: 'x' }), noSecret);
  });

  it('a CordonError raised by a migration passes through; the lock is still released', async () => {
    const pool = new FakePool();
    await assert.rejects(openPgStore({
      what: 'the test store', create: () => pool, lock: 7,
      async schema() { throw new CordonError('ERR_WORKSPACE_INVALID', 'schema version 9 is not supported'); },
    }), { code: 'ERR_WORKSPACE_INVALID' });
    assert.deepEqual(pool.log, ['SELECT pg_advisory_lock($1) [7]', 'SELECT pg_advisory_unlock($1) [7]', 'release(destroy)']);
    assert.equal(pool.ended, true);
  });

  it('neither a pool nor a way to make one is a programming error', async () => {
    await assert.rejects(openPgStore({ what: 'the test store', lock: 7, schema: 'x' }), TypeError);
  });

  describe('against PostgreSQL', { ...(PG_URL === undefined ? { skip: 'CORDON_TEST_PG_URL is not set' } : {}) }, () => {
    it('eight instances preparing the same table at once all succeed (the lock serialises the DDL)', async () => {
      const table = `cordon_open_store_test_${process.pid}`;
      const pools: pg.Pool[] = [];
      try {
        await Promise.all(Array.from({ length: 8 }, async () => {
          const { pool } = await openPgStore({
            what: 'the test store', lock: 0x5ec12, create: () => new pg.Pool({ connectionString: PG_URL, max: 1 }),
            schema: `CREATE TABLE IF NOT EXISTS ${table} (x INT); CREATE INDEX IF NOT EXISTS ${table}_x ON ${table} (x)`,
          });
          pools.push(pool);
        }));
        assert.equal(pools.length, 8);
        const r = await pools[0]!.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
        assert.equal(r.rows[0]!.n, '0');
      } finally {
        await pools[0]?.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
        await Promise.all(pools.map((p) => p.end()));
      }
    });

    it('a failed DDL leaves no advisory lock held on a pooled connection', async () => {
      const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
      try {
        await assert.rejects(openPgStore({ what: 'the test store', pool, lock: 0x5ec13, schema: 'CREATE TABLE broken (' }), { code: 'ERR_STORE_UNAVAILABLE' });
        // With max 1, the next open gets a connection; it must obtain the same lock at once.
        const other = new pg.Pool({ connectionString: PG_URL, max: 1 });
        try {
          const r = await other.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [0x5ec13]);
          assert.equal(r.rows[0]!.ok, true, 'the lock was released');
          await other.query('SELECT pg_advisory_unlock($1)', [0x5ec13]);
        } finally {
          await other.end();
        }
      } finally {
        await pool.end();
      }
    });

    it('a database that does not exist: ERR_STORE_UNAVAILABLE (3D000), no password', async () => {
      const u = new URL(PG_URL!);
      u.password = SECRET;
      u.pathname = '/cordon_no_such_database';
      await assert.rejects(openPgStore({ what: 'the test store', lock: 7, schema: 'SELECT 1', create: () => new pg.Pool({ connectionString: u.href, max: 1 }) }), (e: unknown) => {
        noSecret(e);
        assert.match((e as Error).message, /3D000|28P01|28000/);
        return true;
      });
    });
  });
});
