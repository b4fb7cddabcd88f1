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

describe('PostgreSQL key store: errors after open', { skip: PG_URL === undefined ? 'CORDON_TEST_PG_URL not set' : false }, () => {
  it('a refused connection is ERR_IO with the code, without the driver message', async () => {
    const pool = new pg.Pool({ connectionString: PG_URL!, max: 2 });
    try {
      const store = await PostgresKeyStore.open('postgres://unused', { pool });
      await store.listKeys();
      const refused = () => Promise.reject(Object.assign(new Error(LEAK), { code: 'ECONNREFUSED' }));
      pool.query = refused as unknown as typeof pool.query;
      pool.connect = refused as unknown as typeof pool.connect;
      for (const op of [() => store.listKeys(), () => store.updateKey('k', { status: 'retired' }, new Date().toISOString())]) {
        await assert.rejects(op(), (e: unknown) => {
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
  });

  it('the lineage store: the same', async () => {
    const pool = new pg.Pool({ connectionString: PG_URL!, max: 2 });
    try {
      const store = await PostgresLineageStore.open('postgres://unused', { pool });
      await store.countPending();
      const refused = () => Promise.reject(Object.assign(new Error(LEAK), { code: 'ECONNREFUSED' }));
      pool.query = refused as unknown as typeof pool.query;
      pool.connect = refused as unknown as typeof pool.connect;
      for (const op of [() => store.countPending(), () => store.events()]) {
        await assert.rejects(op(), (e: unknown) => {
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
  });
});
