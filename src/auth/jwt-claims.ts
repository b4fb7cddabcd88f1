// The Cordon access-token profile, shared by issue and verify. A token is a JWS compact
// serialization (RFC 7515) signed with Ed25519 (RFC 8037 `EdDSA`), header `typ: at+jwt`
// (RFC 9068 §2.1, so an ID token or another JWT cannot be replayed as an access token; RFC 8725
// §3.11) and `kid` = the RFC 7638 JWK thumbprint of the public key. Claims: iss, aud, sub, iat,
// exp, jti, and Cordon's roles, tenant, scope (space-separated, RFC 8693 §4.2) and attributes.
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { KeyObject } from '../crypto/index.js';
import { isName, isNameList } from './names.js';

/** The only signature algorithm accepted or produced. */
export const JWT_ALGORITHM = 'EdDSA';
/** The header `typ` of Cordon access tokens. */
export const JWT_TYPE = 'at+jwt';
/** The longest lifetime (exp − iat) a token may have unless the caller sets another: one hour. */
export const DEFAULT_MAX_TTL_SEC = 3600;
/** Default clock skew allowed on exp, nbf and iat. */
export const DEFAULT_CLOCK_TOLERANCE_SEC = 30;
/** Default `iss` and `aud` of tokens made by `cordon token issue`. */
export const DEFAULT_ISSUER = 'cordon';
export const DEFAULT_AUDIENCE = 'cordon-api';
/** Tokens longer than this are refused before any parsing (a JWT is a header, not a payload). */
export const MAX_JWT_LENGTH = 8192;

export type AttributeValue = string | number | boolean | readonly string[];

const ATTR_KEY_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_ATTRIBUTES = 32;

function isAttributeValue(v: unknown): v is AttributeValue {
  if (typeof v === 'string') return v.length <= 1024;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'boolean') return true;
  return Array.isArray(v) && v.length <= 64 && v.every((s) => typeof s === 'string' && s.length <= 256);
}

/** True for a plain object of at most 32 attributes with bounded names and values. */
export function isAttributes(v: unknown): v is Record<string, AttributeValue> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= MAX_ATTRIBUTES && entries.every(([k, val]) => ATTR_KEY_RE.test(k) && isAttributeValue(val));
}

/** Parses a `scope` claim: space-separated names. */
export function parseScope(v: unknown): string[] | undefined {
  if (typeof v !== 'string') return undefined;
  const parts = v.split(' ').filter((s) => s !== '');
  return isNameList(parts) ? parts : undefined;
}

/**
 * RFC 8176 §2 `amr` values that are a second factor or a factor bound to hardware: `mfa` (several
 * factors), `otp` (one-time password), `hwk` (proof of a hardware key), `swk` (proof of a software
 * key, e.g. a WebAuthn platform authenticator). A password (`pwd`) alone is not one.
 */
export const MFA_AMR_VALUES: readonly string[] = ['mfa', 'otp', 'hwk', 'swk'];

const AMR_VALUE_RE = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses an `amr` claim (RFC 8176: an array of method names); undefined when it is malformed. */
export function parseAmr(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length > 16 || !v.every((m) => typeof m === 'string' && AMR_VALUE_RE.test(m))) return undefined;
  return [...(v as string[])];
}

export function isTenant(v: unknown): v is string {
  return isName(v);
}

/** True for a JSON Web Key (as opposed to a KeyObject). */
export function isJwk(k: KeyObject | JWK): k is JWK {
  return typeof (k as JWK).kty === 'string';
}

/** The `kid` of a public key: its RFC 7638 JWK SHA-256 thumbprint. */
export async function jwtKeyId(publicKey: KeyObject | JWK): Promise<string> {
  const jwk = isJwk(publicKey) ? publicKey : await exportJWK(publicKey);
  return calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }, 'sha256');
}
