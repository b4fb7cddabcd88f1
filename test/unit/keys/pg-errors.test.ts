// The PostgreSQL key store's and lineage store's errors after it opened: a lost connection is ERR_IO naming the action
// and the driver's code only. The driver's message can name the host, the user and the database
// (and a pg URL may hold a password); none of it reaches the error. Needs CORDON_TEST_PG_URL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { CordonError } from '../../../src/errors.js';
import { PostgresKeyStore } from '../../../src/keys/store/postgres.js';
import { PostgresLineageStore } from '../../../src/lineage/store/postgres.js';

const PG_URL = process.env.CORDON_TEST_PG_URL;
const LEAK = 'connect ECONNREFUSED 10.9.8.7:5432 user=svc-admin password=Hunter2-leak db=prod_keys';

/** Opens a store on a pool of its own, breaks the pool the way a lost server does, and checks every operation's error. */
async function assertCodeOnly<S>(open: (pool: pg.Pool) => Promise<S>, warm: (s: S) => Promise<unknown>, ops: ReadonlyArray<(s: S) => Promise<unknown>>): Promise<void> {
  const pool = new pg.Pool({ connectionString: PG_URL!, max: 2 });
  try {
    const store = await open(pool);
    await warm(store);
    const refused = () => Promise.reject(Object.assign(new Error(LEAK), { code: 'ECONNREFUSED' }));
    pool.query = refused as unknown as typeof pool.query;
    pool.connect = refused as unknown as typeof pool.connect;
    for (const op of ops) {
      await assert.rejects(op(store), (e: unknown) => {
        assert.ok(e instanceof CordonError);
        assert.equal(e.code, 'ERR_IO');
        assert.match(e.message, /ECONNREFUSED/);
        for (const bit of ['10.9.8.7', 'svc-admin', 'Hunter2', 'prod_keys']) assert.ok(!e.message.includes(bit), e.message);
        return true;
      });
    }
  } finally {
    await pool.end();
  }
}

describe('PostgreSQL key store: errors after open', { skip: PG_URL === undefined ? 'CORDON_TEST_PG_URL not set' : false }, () => {
  it('a refused connection is ERR_IO with the code, without the driver message', () =>
    assertCodeOnly((pool) => PostgresKeyStore.open('postgres://unused', { pool }), (s) => s.listKeys(), [
      (s) => s.listKeys(),
      (s) => s.updateKey('k', { status: 'retired' }, new Date().toISOString()),
    ]));

  it('the lineage store: the same', () =>
    assertCodeOnly((pool) => PostgresLineageStore.open('postgres://unused', { pool }), (s) => s.countPending(), [
      (s) => s.countPending(),
      (s) => s.events(),
    ]));
});
