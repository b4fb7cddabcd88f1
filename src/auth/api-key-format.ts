// The API key wire format and its stored hash. A key is `ck_<id>_<secret>`:
//   id     — 12 random bytes as 24 lowercase hex characters: the lookup key, not secret;
//   secret — 32 random bytes (256 bits, the OS CSPRNG) as 43 base64url characters (RFC 4648 §5).
// Fixed lengths make the format unambiguous although base64url may contain `_`.
// Stored: SHA-256("cordon-apikey-v1" ‖ 0x00 ‖ id ‖ 0x00 ‖ secret). A plain (fast) hash is enough
// because the secret has 256 bits of entropy: no dictionary or brute force can reach it, so a slow
// password hash would only cost CPU per request. Binding the id means a hash row copied to another
// id does not verify. Comparison is constant time (crypto/constant-time.ts).
import { constantTimeEqual, randomBytes, sha256 } from '../crypto/index.js';

export const API_KEY_PREFIX = 'ck_';
const KEY_RE = /^ck_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;
const ID_RE = /^[0-9a-f]{24}$/;
const DOMAIN = new TextEncoder().encode('cordon-apikey-v1\0');
const enc = new TextEncoder();

export interface MintedApiKey {
  readonly id: string;
  /** The full key, shown once. */
  readonly key: string;
  /** What the store keeps. */
  readonly hash: Uint8Array;
}

export function isApiKeyId(v: unknown): v is string {
  return typeof v === 'string' && ID_RE.test(v);
}

export function apiKeyHash(id: string, secret: Uint8Array): Uint8Array {
  return sha256(DOMAIN, enc.encode(id), new Uint8Array([0]), secret);
}

/** A new key from the CSPRNG. */
export function mintApiKey(): MintedApiKey {
  const id = Buffer.from(randomBytes(12)).toString('hex');
  const secret = randomBytes(32);
  return { id, key: `${API_KEY_PREFIX}${id}_${Buffer.from(secret).toString('base64url')}`, hash: apiKeyHash(id, secret) };
}

/** Splits a presented key; undefined when it is not exactly the format (incl. non-canonical base64url). */
export function parseApiKey(key: unknown): { id: string; secret: Uint8Array } | undefined {
  if (typeof key !== 'string' || key.length !== 3 + 24 + 1 + 43) return undefined;
  const m = KEY_RE.exec(key);
  if (!m) return undefined;
  const secret = Buffer.from(m[2]!, 'base64url');
  if (secret.length !== 32 || secret.toString('base64url') !== m[2]) return undefined;
  return { id: m[1]!, secret: new Uint8Array(secret) };
}

/** A hash no secret can produce, compared against when the id is unknown so both paths do the same work. */
const DUMMY_HASH = sha256(enc.encode('cordon-apikey-v1 no such key'));

/** Constant-time check of a presented secret against the stored hash (or the dummy when none). */
export function apiKeySecretMatches(id: string, secret: Uint8Array, stored: Uint8Array | undefined): boolean {
  const computed = apiKeyHash(id, secret);
  const ok = constantTimeEqual(computed, stored ?? DUMMY_HASH);
  return ok && stored !== undefined;
}
