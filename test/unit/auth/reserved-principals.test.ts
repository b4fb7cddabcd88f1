// Issue 12 item 13b: the principal names Cordon writes into audit events itself — `unauthenticated`
// and `local:<os user>` (`local:root`, `local:unknown`) — are never issued as a JWT or API key
// (ERR_PRINCIPAL_RESERVED) and never accepted when presented (ERR_UNAUTHENTICATED, audit reason
// `reserved_principal`), in any letter case, by any way in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey, verifyApiKey, type ApiKeyInfo, type ApiKeyRow, type ApiKeyRows } from '../../../src/auth/api-key-store.js';
import { mintApiKey } from '../../../src/auth/api-key-format.js';
import { createJwtVerifier, issueJwt, principalFromCertificate } from '../../../src/auth/index.js';
import { isReservedPrincipal } from '../../../src/auth/names.js';
import { CordonError } from '../../../src/errors.js';
import { AUD, ISS, assertRefused, edKeys, goodClaims, sign } from './helpers.js';

const RESERVED = ['unauthenticated', 'Unauthenticated', 'UNAUTHENTICATED', 'local:root', 'LOCAL:root', 'Local:Root', 'local:unknown', 'local:alice'];
const ALLOWED = ['svc:etl', 'alice@example.com', 'unauthenticated-user', 'xlocal:root', 'localhost', 'spiffe://cordon.dev/local:root'];

/** API key rows in memory. */
function memoryRows(): ApiKeyRows & { rows: Map<string, ApiKeyRow> } {
  const rows = new Map<string, ApiKeyRow>();
  return {
    rows,
    async insert(row) { rows.set(row.id, row); },
    async get(id) { return rows.get(id); },
    async revoke(id, at) {
      const r = rows.get(id);
      if (r === undefined) return false;
      rows.set(id, { ...r, revokedAt: r.revokedAt ?? at });
      return true;
    },
    async all(): Promise<ApiKeyInfo[]> { return [...rows.values()]; },
  };
}

function reservedCode(e: unknown): boolean {
  assert.ok(e instanceof CordonError);
  assert.equal(e.code, 'ERR_PRINCIPAL_RESERVED');
  assert.equal(e.category, 'input');
  return true;
}

describe('reserved principal names', () => {
  it('the rule: exact `unauthenticated` and the `local:` prefix, in any case; nothing else', () => {
    for (const n of RESERVED) assert.equal(isReservedPrincipal(n), true, n);
    for (const n of ALLOWED) assert.equal(isReservedPrincipal(n), false, n);
  });

  it('issueJwt refuses them with ERR_PRINCIPAL_RESERVED', async () => {
    const { privateKey } = edKeys();
    for (const principal of RESERVED) {
      await assert.rejects(issueJwt({ privateKey, issuer: ISS, audience: AUD, principal, roles: [], ttlSec: 60 }), reservedCode, principal);
    }
    assert.match(await issueJwt({ privateKey, issuer: ISS, audience: AUD, principal: 'svc:etl', roles: [], ttlSec: 60 }), /^ey/);
  });

  it('a JWT for one of them, signed by the trusted key, is refused when presented', async () => {
    const { privateKey, publicKey } = edKeys();
    const verify = createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey] });
    for (const sub of RESERVED) {
      const token = await sign(privateKey, goodClaims({ sub }));
      await assertRefused(verify(token), token, 'reserved_principal');
    }
    assert.equal((await verify(await sign(privateKey, goodClaims({ sub: 'unauthenticated-user' })))).id, 'unauthenticated-user');
  });

  it('API keys: refused at creation; a stored key made for one before the rule is refused when presented', async () => {
    const rows = memoryRows();
    for (const principal of RESERVED) {
      await assert.rejects(createApiKey(rows, { principal, roles: [], scopes: ['detect'] }), reservedCode, principal);
    }
    assert.equal(rows.rows.size, 0, 'nothing was stored');
    const minted = mintApiKey();
    await rows.insert({ id: minted.id, hash: minted.hash, principal: 'local:root', roles: ['admin'], scopes: ['detect'], tenant: null, createdAt: 0, expiresAt: null, revokedAt: null });
    await assertRefused(verifyApiKey(rows, minted.key), minted.key, 'reserved_principal');
    const ok = await createApiKey(rows, { principal: 'svc:etl', roles: [], scopes: ['detect'] });
    assert.equal((await verifyApiKey(rows, ok.key)).id, 'svc:etl');
  });

  it('a client certificate naming one of them is refused', async () => {
    for (const cn of ['unauthenticated', 'local:root', 'LOCAL:root']) {
      assert.throws(() => principalFromCertificate({ subject: { CN: cn } }), (e: unknown) => e instanceof CordonError && e.code === 'ERR_UNAUTHENTICATED');
    }
    assert.throws(() => principalFromCertificate({ subject: { CN: 'x' }, subjectaltname: 'DNS:Unauthenticated' }), (e: unknown) => e instanceof CordonError && e.code === 'ERR_UNAUTHENTICATED');
    assert.equal(principalFromCertificate({ subject: { CN: 'svc-etl' } }).id, 'svc-etl');
  });
});

describe('issue 12 item 13b: CORDON_PRINCIPAL cannot take a reserved name', () => {
  it('the CLI principal from the environment is refused for every reserved spelling, kept otherwise', async () => {
    const { resolvePrincipal } = await import('../../../src/workspace/workspace.js');
    for (const name of RESERVED) {
      assert.throws(() => resolvePrincipal({ CORDON_PRINCIPAL: name }), (e: unknown) => e instanceof CordonError && e.code === 'ERR_PRINCIPAL_RESERVED', name);
    }
    for (const name of ALLOWED) assert.equal(resolvePrincipal({ CORDON_PRINCIPAL: name }), name);
    assert.match(resolvePrincipal({}), /^local:/, 'without CORDON_PRINCIPAL the OS user acts');
  });
});
