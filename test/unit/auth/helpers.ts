// Shared by the auth tests: keys and a way to sign arbitrary (hostile) tokens with jose.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import assert from 'node:assert/strict';
import { SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { CordonError } from '../../../src/errors.js';
import { authFailureReason, type AuthFailureReason } from '../../../src/auth/index.js';

export const ISS = 'https://cordon.test';
export const AUD = 'cordon-api';

export function edKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

export const nowSec = () => Math.floor(Date.now() / 1000);

/** Signs any payload and header with jose (EdDSA unless the header says otherwise). */
export async function sign(key: KeyObject | Uint8Array, payload: JWTPayload, header: Partial<JWTHeaderParameters> = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', ...header } as JWTHeaderParameters).sign(key);
}

export function goodClaims(over: JWTPayload = {}): JWTPayload {
  const now = nowSec();
  return { iss: ISS, aud: AUD, sub: 'svc:etl', iat: now, exp: now + 600, roles: ['pipeline'], ...over };
}

/**
 * Asserts that `p` rejects with ERR_UNAUTHENTICATED, with a message that contains neither the
 * credential nor any of its parts, and (when given) the expected audit reason.
 */
export async function assertRefused(p: Promise<unknown>, credential: unknown, reason?: AuthFailureReason): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof CordonError, `expected CordonError, got ${String(e)}`);
    assert.equal(e.code, 'ERR_UNAUTHENTICATED');
    assert.equal(e.category, 'denied');
    if (typeof credential === 'string' && credential.length > 0) {
      const text = `${e.message} ${JSON.stringify(e.details ?? {})} ${String(e.cause)}`;
      assert.ok(!text.includes(credential), 'the error echoes the credential');
      for (const part of credential.split(/[._]/)) if (part.length >= 8) assert.ok(!text.includes(part), 'the error echoes part of the credential');
    }
    if (reason !== undefined) assert.equal(authFailureReason(e), reason);
    return true;
  });
}
