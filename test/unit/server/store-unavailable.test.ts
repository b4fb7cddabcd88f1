// A shared store that cannot be reached is the database's failure, not the caller's: 503
// ERR_STORE_UNAVAILABLE with a fixed message (never the driver's, which may name host or user), and
// /v1/readyz reads the store itself, past the key-metadata cache, so a load balancer stops sending.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { tempKeyring } from '../../helpers/keyring.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { buildServer } from '../../../src/server/app.js';
import { isStoreConnectionError, toHttpError } from '../../../src/server/errors.js';

describe('store unavailable', () => {
  it('pg connection failures map to 503 ERR_STORE_UNAVAILABLE without the driver message', () => {
    const cases: unknown[] = [
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('connection failure for user cordon'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ];
    for (const e of cases) {
      assert.ok(isStoreConnectionError(e), String(e));
      const r = toHttpError(e);
      assert.equal(r.status, 503);
      assert.equal(r.body.code, 'ERR_STORE_UNAVAILABLE');
      assert.ok(!/10\.0\.0\.5|cordon|administrator/.test(r.body.message));
    }
    // Not connection failures: a constraint violation, a syntax error, a plain error.
    for (const e of [Object.assign(new Error('duplicate key'), { code: '23505' }), Object.assign(new Error('syntax'), { code: '42601' }), new Error('boom'), null, 'x']) {
      assert.equal(isStoreConnectionError(e), false, String(e));
      assert.notEqual(toHttpError(e).body.code, 'ERR_STORE_UNAVAILABLE');
    }
  });

  const tk = tempKeyring();
  after(async () => (await tk).cleanup());

  it('readyz is 503 while the store probe fails, ready again when it answers', async () => {
    const k = await tk;
    let down = true;
    const s = buildServer({ keyring: k.keyring, audit: k.audit, recognizers: DEFAULT_RECOGNIZERS, probeStore: async () => { if (down) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }); } });
    try {
      const r = await s.app.inject({ method: 'GET', url: '/v1/readyz' });
      assert.equal(r.statusCode, 503);
      assert.equal(r.json().code, 'ERR_STORE_UNAVAILABLE');
      assert.equal((await s.app.inject({ method: 'GET', url: '/v1/healthz' })).statusCode, 200, 'liveness does not depend on the store');
      down = false;
      const ok = await s.app.inject({ method: 'GET', url: '/v1/readyz' });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json(), { status: 'ready' });
    } finally {
      await s.app.close();
    }
  });
});
