// Verifies Cordon access tokens. Steps, in order (RFC 8725 best practices):
//   1. shape: a string of at most 8 KiB, three canonical base64url segments — before any parsing;
//   2. header: `alg` must be EdDSA (pinned: `none`, HS256 key confusion and RS/ES are refused
//      before a key is chosen), `kid` picks the key (RFC 7638 thumbprint);
//   3. signature and registered claims via jose, with `algorithms: ['EdDSA']`, issuer, audience,
//      typ `at+jwt`, exp/nbf/iat with a clock tolerance;
//   4. lifetime: exp − iat ≤ maxTtlSec and iat not in the future;
//   5. Cordon claims (sub, roles, tenant, scope, attributes, and RFC 8176 amr) shape-checked into a Principal.
// Every refusal is ERR_UNAUTHENTICATED with one message; the token never appears in an error.
import { decodeProtectedHeader, importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { isEd25519KeyObject, type KeyObject } from '../crypto/index.js';
import { isCordonError } from '../errors.js';
import {
  DEFAULT_CLOCK_TOLERANCE_SEC, DEFAULT_MAX_TTL_SEC, JWT_ALGORITHM, JWT_TYPE, MAX_JWT_LENGTH,
  MFA_AMR_VALUES, isAttributes, isJwk, isTenant, jwtKeyId, parseAmr, parseScope,
} from './jwt-claims.js';
import { isNameList, isPrincipalId, isReservedPrincipal } from './names.js';
import { unauthenticated, type AuthFailureReason, type Principal } from './principal.js';

export interface JwtVerifierOptions {
  /** The expected `iss`. */
  issuer: string;
  /** The expected `aud` (the token's `aud` must contain it). */
  audience: string;
  /** Ed25519 public keys (KeyObjects or OKP JWKs). Several during a key rotation. */
  publicKeys?: readonly (KeyObject | JWK)[];
  /**
   * Instead of `publicKeys`: looks up the Ed25519 public key a token's `kid` names, per token, so
   * keys rotated in a key store are picked up without a restart. Resolves undefined for a kid that
   * is unknown or no longer accepted; a token without `kid` is then refused.
   */
  resolveKey?: (kid: string) => Promise<KeyObject | undefined>;
  /** Allowed clock skew in seconds (default 30). */
  clockToleranceSec?: number;
  /** Longest accepted lifetime exp − iat in seconds (default 3600). */
  maxTtlSec?: number;
  /** Required header `typ` (default `at+jwt`). */
  typ?: string;
}

const COMPACT_RE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Each segment must be canonical base64url (RFC 4648 §3.5: unused trailing bits zero), so one token
 * has exactly one spelling: a token string changed in any character never verifies.
 */
function isCanonical(token: string): boolean {
  return token.split('.').every((seg) => Buffer.from(seg, 'base64url').toString('base64url') === seg);
}

interface VerifyKey { readonly kid: string; readonly key: KeyObject | CryptoKey }

async function prepareKeys(keys: readonly (KeyObject | JWK)[]): Promise<VerifyKey[]> {
  return Promise.all(keys.map(async (k) => {
    if (isJwk(k)) {
      return { kid: await jwtKeyId(k), key: (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: k.x }, JWT_ALGORITHM)) as CryptoKey };
    }
    return { kid: await jwtKeyId(k), key: k };
  }));
}

/** jose's error codes and failed claim names to the audit vocabulary. */
function reasonOf(e: unknown): AuthFailureReason {
  const err = e as { code?: string; claim?: string; reason?: string };
  switch (err.code) {
    case 'ERR_JWT_EXPIRED': return 'expired';
    case 'ERR_JOSE_ALG_NOT_ALLOWED': case 'ERR_JOSE_NOT_SUPPORTED': return 'algorithm';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED': return 'bad_signature';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (err.reason === 'missing') return 'claims';
      switch (err.claim) {
        case 'iss': return 'issuer';
        case 'aud': return 'audience';
        case 'nbf': return 'not_yet_valid';
        case 'iat': return 'issued_in_future';
        case 'typ': return 'type';
        default: return 'claims';
      }
    default: return 'malformed';
  }
}

function toPrincipal(p: JWTPayload, maxTtl: number, tolerance: number): Principal {
  const { sub, iat, exp } = p;
  if (!isPrincipalId(sub)) throw unauthenticated('claims');
  if (isReservedPrincipal(sub)) throw unauthenticated('reserved_principal');
  if (typeof iat !== 'number' || typeof exp !== 'number') throw unauthenticated('claims');
  if (iat > Math.floor(Date.now() / 1000) + tolerance) throw unauthenticated('issued_in_future');
  if (exp - iat > maxTtl) throw unauthenticated('ttl_too_long');
  const roles = p['roles'] ?? [];
  if (!isNameList(roles)) throw unauthenticated('claims');
  const attributes = p['attributes'] ?? {};
  if (!isAttributes(attributes)) throw unauthenticated('claims');
  const tenant = p['tenant'];
  if (tenant !== undefined && !isTenant(tenant)) throw unauthenticated('claims');
  const scope = p['scope'];
  const scopes = scope === undefined ? undefined : parseScope(scope);
  if (scope !== undefined && scopes === undefined) throw unauthenticated('claims');
  const amr = p['amr'] === undefined ? undefined : parseAmr(p['amr']);
  if (p['amr'] !== undefined && amr === undefined) throw unauthenticated('claims');
  return {
    id: sub, roles: Object.freeze([...roles]), attributes: Object.freeze({ ...attributes }), via: 'jwt',
    ...(tenant !== undefined ? { tenant } : {}),
    ...(scopes !== undefined ? { scopes: Object.freeze(scopes) } : {}),
    ...(amr !== undefined ? { mfa: amr.some((m) => MFA_AMR_VALUES.includes(m)) } : {}),
  };
}

/**
 * Builds a verifier for Cordon access tokens. Options are checked once here (a bad option is a
 * TypeError); each call checks one token and resolves to its Principal, or rejects with
 * ERR_UNAUTHENTICATED.
 *
 * @example
 * ```ts
 * const verify = createJwtVerifier({ issuer: 'cordon', audience: 'cordon-api', publicKeys: [publicKey] }); // or resolveKey: tokenKeyResolver(ws)
 * const principal = await verify(bearerToken);
 * ```
 */
export function createJwtVerifier(o: JwtVerifierOptions): (token: string) => Promise<Principal> {
  if (typeof o.issuer !== 'string' || o.issuer === '') throw new TypeError('createJwtVerifier: issuer is required');
  if (typeof o.audience !== 'string' || o.audience === '') throw new TypeError('createJwtVerifier: audience is required');
  if ((o.publicKeys === undefined) === (o.resolveKey === undefined)) throw new TypeError('createJwtVerifier: give either publicKeys or resolveKey');
  if (o.publicKeys !== undefined && (!Array.isArray(o.publicKeys) || o.publicKeys.length === 0)) throw new TypeError('createJwtVerifier: at least one public key is required');
  if (o.resolveKey !== undefined && typeof o.resolveKey !== 'function') throw new TypeError('createJwtVerifier: resolveKey must be a function');
  const tolerance = o.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC;
  const maxTtl = o.maxTtlSec ?? DEFAULT_MAX_TTL_SEC;
  if (!Number.isSafeInteger(tolerance) || tolerance < 0 || tolerance > 300) throw new TypeError('createJwtVerifier: clockToleranceSec must be 0–300');
  if (!Number.isSafeInteger(maxTtl) || maxTtl < 1) throw new TypeError('createJwtVerifier: maxTtlSec must be a positive integer');
  const typ = o.typ ?? JWT_TYPE;
  const { issuer, audience } = o;
  for (const k of o.publicKeys ?? []) {
    const ok = isJwk(k) ? k.kty === 'OKP' && k.crv === 'Ed25519' && typeof k.x === 'string' && k.d === undefined : isEd25519KeyObject(k, 'public');
    if (!ok) throw new TypeError('createJwtVerifier: publicKeys must be Ed25519 public keys (KeyObjects, or JWKs with kty OKP, crv Ed25519, no d)');
  }
  const resolveKey = o.resolveKey;
  const prepared = prepareKeys(o.publicKeys ?? []);
  prepared.catch(() => undefined); // a failure surfaces at the first call

  /** The key the header names: from the resolver (a kid is required), or the fixed list. */
  const keyFor = async (kid: unknown): Promise<KeyObject | CryptoKey | undefined> => {
    if (resolveKey !== undefined) {
      if (typeof kid !== 'string' || kid === '' || kid.length > 128) return undefined;
      const k = await resolveKey(kid);
      return k !== undefined && isEd25519KeyObject(k, 'public') ? k : undefined;
    }
    const keys = await prepared;
    if (kid !== undefined) return keys.find((k) => k.kid === kid)?.key;
    return keys.length === 1 ? keys[0]!.key : undefined;
  };

  return async (token: string): Promise<Principal> => {
    if (typeof token !== 'string' || token.length > MAX_JWT_LENGTH || !COMPACT_RE.test(token) || !isCanonical(token)) throw unauthenticated('malformed');
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthenticated('malformed');
    }
    if (header.alg !== JWT_ALGORITHM) throw unauthenticated('algorithm');
    const key = await keyFor(header.kid);
    if (key === undefined) throw unauthenticated('unknown_key');
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [JWT_ALGORITHM], issuer, audience, typ,
        clockTolerance: tolerance, requiredClaims: ['sub', 'iat', 'exp'],
      });
      return toPrincipal(payload, maxTtl, tolerance);
    } catch (e) {
      if (isCordonError(e, 'ERR_UNAUTHENTICATED')) throw e;
      throw unauthenticated(reasonOf(e));
    }
  };
}
