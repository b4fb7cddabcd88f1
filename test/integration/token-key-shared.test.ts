// Issue 12 item 1 with a shared store: the token signing key lives in PostgreSQL's key tables, so
// every instance (here two workspace handles on one database, key cache bound 0) signs with the
// same primary version and verifies the same accepted versions; a rotation with --drop-old on one
// instance stops the old tokens on the other. Runs when CORDON_TEST_PG_URL is set.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { PG_SKIP, ScratchSchemas, pgQuery } from '../helpers/pg-schemas.js';
import { cliSandbox } from '../helpers/cli.js';
import { randomBytes } from '../../src/crypto/random.js';
import { createJwtVerifier, DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../../src/auth/index.js';
import { initWorkspace, openWorkspace } from '../../src/workspace/workspace.js';
import { issueAccessToken, rotateTokenSigningKey } from '../../src/workspace/token-signing.js';
import { tokenKeyResolver } from '../../src/workspace/token-verification.js';

describe('token signing key in a shared PostgreSQL store', PG_SKIP, () => {
  const schemas = new ScratchSchemas('cordon_tokkey');
  const sb = cliSandbox();
  after(async () => {
    await schemas.dropAll();
    sb.cleanup();
  });

  it('two instances agree on the key; a rotation with --drop-old on one cuts old tokens off on the other', async () => {
    const { url, schema } = await schemas.create();
    const env = { HOME: sb.dir, XDG_CONFIG_HOME: `${sb.dir}/xdg`, CORDON_HOME: `${sb.dir}/ws`, CORDON_PRINCIPAL: 'test', CORDON_MASTER_KEY: Buffer.from(randomBytes(32)).toString('base64'), CORDON_KEY_CACHE_MS: '0' };
    const a = await initWorkspace({ env, store: url });
    const b = await openWorkspace({ env, store: url });
    try {
      const claims = { issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, roles: ['pipeline'], ttlSec: 300 };
      const verifyA = createJwtVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, resolveKey: tokenKeyResolver(a) });
      const verifyB = createJwtVerifier({ issuer: DEFAULT_ISSUER, audience: DEFAULT_AUDIENCE, resolveKey: tokenKeyResolver(b) });
      const t1 = await issueAccessToken(a, { ...claims, principal: 'svc:one' }, { actor: 'test' });
      assert.equal(t1.created, true);
      assert.equal((await verifyB(t1.token)).id, 'svc:one', 'a token from instance A verifies on B');
      const t1b = await issueAccessToken(b, { ...claims, principal: 'svc:two' }, { actor: 'test' });
      assert.equal(t1b.created, false, 'B signs with the key A created');
      assert.equal(t1b.kid, t1.kid);
      // Only wrapped material in the database: no PEM, and the rows name the purpose.
      const rows = await pgQuery(url, `SELECT k.purpose, v.wrapped FROM ${schema}.cordon_keys k JOIN ${schema}.cordon_key_versions v USING (name) WHERE name = 'cordon-token-signing'`);
      assert.equal(rows.rows.length, 1);
      assert.equal(rows.rows[0].purpose, 'token-signing');
      assert.ok(!Buffer.from(rows.rows[0].wrapped).includes('PRIVATE KEY'));

      const r = await rotateTokenSigningKey(b, { dropOld: true });
      assert.equal(r.version, 2);
      const t2 = await issueAccessToken(a, { ...claims, principal: 'svc:three' }, { actor: 'test' });
      assert.equal(t2.version, 2, 'A signs with the version B rotated to');
      await assert.rejects(verifyA(t1.token), { code: 'ERR_UNAUTHENTICATED' });
      await assert.rejects(verifyB(t1.token), { code: 'ERR_UNAUTHENTICATED' });
      assert.equal((await verifyA(t2.token)).id, 'svc:three');
      assert.equal((await verifyB(t2.token)).id, 'svc:three');
      await a.flushAudit();
      const issued = await pgQuery(url, `SELECT count(*)::int AS n FROM ${schema}.cordon_audit_entries WHERE type = 'jwt.issue'`);
      assert.equal(issued.rows[0].n, 3, 'every issue is in the shared audit log');
    } finally {
      await b.close();
      await a.close();
    }
  });
});
