// Hostile JWTs against createJwtVerifier: each is refused with ERR_UNAUTHENTICATED, the audit reason
// names the cause, and the error never echoes the token (RFC 8725 threats: alg none, key confusion,
// substitution, expiry, lifetime, tampering, garbage).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import { createJwtVerifier, jwtKeyId } from '../../../src/auth/index.js';
import { AUD, ISS, assertRefused, edKeys, goodClaims, nowSec, sign } from './helpers.js';

const b64u = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

describe('JWT attacks', async () => {
  const { privateKey, publicKey } = edKeys();
  const kid = await jwtKeyId(publicKey);
  const verify = createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey] });

  it('a well-formed token is accepted (baseline)', async () => {
    const p = await verify(await sign(privateKey, goodClaims(), { kid }));
    assert.equal(p.id, 'svc:etl');
    assert.equal(p.via, 'jwt');
  });

  it('alg none (unsigned, and with a fake signature)', async () => {
    const body = `${b64u({ alg: 'none', typ: 'at+jwt' })}.${b64u(goodClaims())}`;
    await assertRefused(verify(`${body}.`), `${body}.`, 'malformed');
    await assertRefused(verify(`${body}.AAAA`), `${body}.AAAA`, 'algorithm');
    const noneKid = `${b64u({ alg: 'none', typ: 'at+jwt', kid })}.${b64u(goodClaims())}.AAAA`;
    await assertRefused(verify(noneKid), noneKid, 'algorithm');
  });

  it('HS256 signed with the Ed25519 public key as the HMAC secret (key confusion)', async () => {
    const secrets = [
      Buffer.from(publicKey.export({ format: 'pem', type: 'spki' })),
      Buffer.from(publicKey.export({ format: 'der', type: 'spki' })),
      Buffer.from((await exportJWK(publicKey)).x!, 'base64url'),
    ];
    for (const secret of secrets) {
      for (const header of [{ alg: 'HS256', typ: 'at+jwt', kid }, { alg: 'HS256', typ: 'at+jwt' }]) {
        const body = `${b64u(header)}.${b64u(goodClaims())}`;
        const token = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
        await assertRefused(verify(token), token, 'algorithm');
      }
    }
  });

  it('other asymmetric algorithms (ES256, RS256) and Ed25519 under the alg name "Ed25519"', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const es = await sign(ec.privateKey, goodClaims(), { alg: 'ES256', kid });
    await assertRefused(verify(es), es, 'algorithm');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs = await sign(rsa.privateKey, goodClaims(), { alg: 'RS256', kid });
    await assertRefused(verify(rs), rs, 'algorithm');
    const ed = await sign(privateKey, goodClaims(), { alg: 'Ed25519', kid });
    await assertRefused(verify(ed), ed, 'algorithm');
  });

  it('expired', async () => {
    const now = nowSec();
    const t = await sign(privateKey, goodClaims({ iat: now - 1200, exp: now - 600 }), { kid });
    await assertRefused(verify(t), t, 'expired');
  });

  it('not yet valid (nbf in the future) and issued in the future', async () => {
    const now = nowSec();
    const nbf = await sign(privateKey, goodClaims({ nbf: now + 600 }), { kid });
    await assertRefused(verify(nbf), nbf, 'not_yet_valid');
    const iat = await sign(privateKey, goodClaims({ iat: now + 600, exp: now + 1200 }), { kid });
    await assertRefused(verify(iat), iat);
  });

  it('wrong audience and wrong issuer (and none at all)', async () => {
    const aud = await sign(privateKey, goodClaims({ aud: 'another-api' }), { kid });
    await assertRefused(verify(aud), aud, 'audience');
    const iss = await sign(privateKey, goodClaims({ iss: 'https://evil.test' }), { kid });
    await assertRefused(verify(iss), iss, 'issuer');
    const none = goodClaims();
    delete none.aud;
    delete none.iss;
    const t = await sign(privateKey, none, { kid });
    await assertRefused(verify(t), t);
  });

  it('tampered payload (roles raised, signature kept)', async () => {
    const t = await sign(privateKey, goodClaims(), { kid });
    const [h, , s] = t.split('.');
    const forged = `${h}.${b64u(goodClaims({ roles: ['admin'] }))}.${s}`;
    await assertRefused(verify(forged), forged, 'bad_signature');
  });

  it('tampered signature (every position of the first bytes flipped)', async () => {
    const t = await sign(privateKey, goodClaims(), { kid });
    const [h, p, s] = t.split('.') as [string, string, string];
    const sig = Buffer.from(s, 'base64url');
    for (const i of [0, 1, 31, 32, 63]) {
      const bad = Buffer.from(sig);
      bad[i]! ^= 0x01;
      const forged = `${h}.${p}.${bad.toString('base64url')}`;
      await assertRefused(verify(forged), forged, 'bad_signature');
    }
    const short = `${h}.${p}.${sig.subarray(0, 63).toString('base64url')}`;
    await assertRefused(verify(short), short);
  });

  it('every one-character change of a valid token is refused (no malleable spelling either)', async () => {
    const t = await sign(privateKey, goodClaims(), { kid });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '.') continue;
      const c = alphabet[(alphabet.indexOf(t[i]!) + 1) % 64]!;
      const changed = t.slice(0, i) + c + t.slice(i + 1);
      await assertRefused(verify(changed), changed);
    }
  });

  it('a token signed by another key: with its own kid, with ours, and with none', async () => {
    const other = edKeys();
    const own = await sign(other.privateKey, goodClaims(), { kid: await jwtKeyId(other.publicKey) });
    await assertRefused(verify(own), own, 'unknown_key');
    const ours = await sign(other.privateKey, goodClaims(), { kid });
    await assertRefused(verify(ours), ours, 'bad_signature');
    const none = await sign(other.privateKey, goodClaims());
    await assertRefused(verify(none), none, 'bad_signature');
  });

  it('an embedded jwk header (key injection) is ignored: the attacker\'s key does not verify', async () => {
    const other = edKeys();
    const t = await sign(other.privateKey, goodClaims(), { jwk: await exportJWK(other.publicKey) });
    await assertRefused(verify(t), t, 'bad_signature');
  });

  it('overlong TTL (exp − iat above maxTtlSec) even when otherwise valid', async () => {
    const now = nowSec();
    const t = await sign(privateKey, goodClaims({ iat: now, exp: now + 2 * 86400 }), { kid });
    await assertRefused(verify(t), t, 'ttl_too_long');
    const strict = createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [publicKey], maxTtlSec: 300 });
    const t2 = await sign(privateKey, goodClaims({ iat: now, exp: now + 600 }), { kid });
    await assertRefused(strict(t2), t2, 'ttl_too_long');
    const noIat = goodClaims();
    delete noIat.iat;
    const t3 = await sign(privateKey, noIat, { kid });
    await assertRefused(verify(t3), t3, 'claims');
  });

  it('wrong typ (an ID token or a plain JWT is not an access token)', async () => {
    for (const typ of ['JWT', 'id+jwt']) {
      const t = await sign(privateKey, goodClaims(), { kid, typ });
      await assertRefused(verify(t), t, 'type');
    }
    const noTyp = await new SignJWT(goodClaims()).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey);
    await assertRefused(verify(noTyp), noTyp, 'type');
  });

  it('malformed Cordon claims: missing sub, roles not a list, bad tenant, attributes too deep', async () => {
    const cases = [
      (() => { const c = goodClaims(); delete c.sub; return c; })(),
      goodClaims({ sub: 'has space' }),
      goodClaims({ roles: 'admin' }),
      goodClaims({ roles: ['ok', 'bad role'] }),
      goodClaims({ tenant: 42 }),
      goodClaims({ attributes: { nested: { a: 1 } } }),
      goodClaims({ attributes: ['a'] }),
      goodClaims({ scope: 7 }),
    ];
    for (const c of cases) {
      const t = await sign(privateKey, c, { kid });
      await assertRefused(verify(t), t);
    }
  });

  it('garbage strings', async () => {
    const garbage: unknown[] = [
      '', 'abc', 'a.b', 'a.b.c', '...', 'Bearer x.y.z', ' ' + (await sign(privateKey, goodClaims(), { kid })),
      `${b64u('not json')}.${b64u('{}')}.AAAA`, `${b64u({ alg: 'EdDSA' })}.${b64u('not json')}.AAAA`,
      `${b64u([1, 2])}.${b64u({})}.AAAA`, 'é.é.é', 'a'.repeat(100_000), `${'a'.repeat(5000)}.${'b'.repeat(5000)}.c`,
      undefined, null, 42, {},
    ];
    for (const g of garbage) await assertRefused(verify(g as string), g);
  });

  it('bad verifier options are programmer errors (TypeError), not refusals', () => {
    assert.throws(() => createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [] }), TypeError);
    assert.throws(() => createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [privateKey] }), TypeError);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.throws(() => createJwtVerifier({ issuer: ISS, audience: AUD, publicKeys: [ec.publicKey] }), TypeError);
    assert.throws(() => createJwtVerifier({ issuer: '', audience: AUD, publicKeys: [publicKey] }), TypeError);
  });
});
