// issueJwt → createJwtVerifier round trips: the Principal's fields, key rotation (two public keys,
// chosen by kid), JWK keys, the header profile, and issueJwt's own refusals.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK } from 'jose';
import { createJwtVerifier, issueJwt, jwtKeyId } from '../../../src/auth/index.js';
import { CordonError } from '../../../src/errors.js';
import { AUD, ISS, assertRefused, edKeys, goodClaims, sign } from './helpers.js';

const base = { issuer: ISS, audience: AUD, principal: 'alice@example.com', roles: ['data-scientist', 'reader'], ttlSec: 900 };

describe('issueJwt and createJwtVerifier', () => {
  const { privateKey, publicKey } = edKeys();

  it('round trip: sub, roles, tenant, scopes and attributes become the Principal', async () => {
    const token = await issueJwt({ ...base, privateKey, tenant: 'acme', scopes: ['tokenize', 'detect'], attributes: { department: 'risk', clearance: 3, mfa: true, regions: ['eu', 'us'] } });
    const p = await createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey] })(token);
    assert.deepEqual({ ...p }, {
      id: 'alice@example.com', roles: ['data-scientist', 'reader'], via: 'jwt', tenant: 'acme', scopes: ['tokenize', 'detect'],
      attributes: { department: 'risk', clearance: 3, mfa: true, regions: ['eu', 'us'] },
    });
    assert.ok(Object.isFrozen(p.roles) && Object.isFrozen(p.attributes));
  });

  it('the header is EdDSA, at+jwt, kid = RFC 7638 thumbprint; claims carry iat, exp = iat + ttl and a jti', async () => {
    const token = await issueJwt({ ...base, privateKey });
    const h = decodeProtectedHeader(token);
    assert.deepEqual(h, { alg: 'EdDSA', typ: 'at+jwt', kid: await jwtKeyId(publicKey) });
    const c = decodeJwt(token);
    assert.equal(c.exp! - c.iat!, 900);
    assert.match(c.jti!, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(c.iss, ISS);
    assert.equal(c.aud, AUD);
    assert.notEqual(decodeJwt(await issueJwt({ ...base, privateKey })).jti, c.jti);
  });

  it('rotation: a verifier with the old and new public keys accepts both, picked by kid', async () => {
    const next = edKeys();
    const verify = createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey, next.publicKey] });
    assert.equal((await verify(await issueJwt({ ...base, privateKey }))).id, base.principal);
    assert.equal((await verify(await issueJwt({ ...base, privateKey: next.privateKey }))).id, base.principal);
    // With several keys a token must name its key.
    const noKid = await sign(privateKey, goodClaims());
    await assertRefused(verify(noKid), noKid, 'unknown_key');
    // With one key, a token without kid is checked against it.
    assert.equal((await createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey] })(noKid)).id, 'svc:etl');
  });

  it('public keys given as JWKs', async () => {
    const jwk = await exportJWK(publicKey);
    const verify = createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [jwk] });
    assert.equal((await verify(await issueJwt({ ...base, privateKey }))).id, base.principal);
    assert.throws(() => createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [{ ...jwk, d: 'AAAA' }] }), TypeError);
    assert.throws(() => createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [{ kty: 'oct', k: 'AAAA' }] }), TypeError);
  });

  it('clock tolerance: a token expired by less than the tolerance passes, by more fails', async () => {
    const now = Math.floor(Date.now() / 1000);
    const t = await sign(privateKey, goodClaims({ iat: now - 100, exp: now - 10 }));
    assert.equal((await createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey], clockToleranceSec: 30 })(t)).id, 'svc:etl');
    await assertRefused(createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey], clockToleranceSec: 0 })(t), t, 'expired');
  });

  it('aud as a list containing ours is accepted', async () => {
    const t = await sign(privateKey, goodClaims({ aud: ['other', AUD] }));
    assert.equal((await createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey] })(t)).id, 'svc:etl');
  });

  it('issueJwt refuses a non-Ed25519 key, a TTL outside 1…max, and bad names', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const code = (c: string) => (e: unknown) => e instanceof CordonError && e.code === c;
    await assert.rejects(issueJwt({ ...base, privateKey: rsa.privateKey }), code('ERR_CRYPTO_UNSUPPORTED'));
    await assert.rejects(issueJwt({ ...base, privateKey: publicKey }), code('ERR_CRYPTO_UNSUPPORTED'));
    for (const ttlSec of [0, -1, 3601, 1.5, Number.NaN]) await assert.rejects(issueJwt({ ...base, privateKey, ttlSec }), code('ERR_INPUT_INVALID'));
    assert.ok(await issueJwt({ ...base, privateKey, ttlSec: 7200, maxTtlSec: 7200 }));
    await assert.rejects(issueJwt({ ...base, privateKey, principal: 'has space' }), code('ERR_INPUT_INVALID'));
    await assert.rejects(issueJwt({ ...base, privateKey, principal: '' }), code('ERR_INPUT_INVALID'));
    await assert.rejects(issueJwt({ ...base, privateKey, roles: ['a b'] }), code('ERR_INPUT_INVALID'));
    await assert.rejects(issueJwt({ ...base, privateKey, tenant: 'x\n' }), code('ERR_INPUT_INVALID'));
    await assert.rejects(issueJwt({ ...base, privateKey, attributes: { 'bad key': 1 } }), code('ERR_INPUT_INVALID'));
    await assert.rejects(issueJwt({ ...base, privateKey, issuer: '' }), code('ERR_INPUT_INVALID'));
  });
  it('amr (RFC 8176): mfa, otp, hwk or swk → mfa true; pwd alone → false; no amr → no mfa; a malformed amr is refused', async () => {
    const verify = createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey] });
    for (const [amr, mfa] of [[['pwd', 'otp'], true], [['mfa'], true], [['hwk'], true], [['swk', 'pin'], true], [['pwd'], false], [['pin', 'sms'], false], [[], false]] as const) {
      const p = await verify(await issueJwt({ ...base, privateKey, amr }));
      assert.equal(p.mfa, mfa, amr.join(','));
    }
    assert.equal('mfa' in await verify(await issueJwt({ ...base, privateKey })), false);
    // attributes.mfa is not amr: it never sets the second-factor flag.
    assert.equal((await verify(await issueJwt({ ...base, privateKey, attributes: { mfa: true } }))).mfa, undefined);
    for (const amr of ['mfa', [1], ['mfa', 'x'.repeat(33)], Array.from({ length: 17 }, () => 'otp'), ['m f a']]) {
      const token = await sign(privateKey, goodClaims({ amr } as Record<string, unknown>));
      await assertRefused(verify(token), token, 'claims');
    }
    await assert.rejects(issueJwt({ ...base, privateKey, amr: ['bad value'] }), (e: unknown) => e instanceof CordonError && e.code === 'ERR_INPUT_INVALID');
  });
});
