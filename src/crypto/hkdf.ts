// HKDF (RFC 5869) over HMAC. Extract and Expand are exposed separately because C2SP chunked
// encryption uses HKDF-Expand alone (its input key is already uniformly random).
import { hmac, type HmacHash } from './hmac.js';

const HASH_LEN: Record<HmacHash, number> = { sha256: 32, sha512: 64 };

/** RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes. */
export function hkdfExtract(hash: HmacHash, ikm: Uint8Array, salt?: Uint8Array): Uint8Array {
  const s = salt === undefined || salt.length === 0 ? new Uint8Array(HASH_LEN[hash]) : salt;
  return hmac(hash, s, ikm);
}

/** RFC 5869 §2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i), L ≤ 255·HashLen. */
export function hkdfExpand(hash: HmacHash, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const hashLen = HASH_LEN[hash];
  if (!Number.isSafeInteger(length) || length < 0 || length > 255 * hashLen) {
    throw new RangeError(`hkdfExpand: length must be between 0 and ${255 * hashLen}`);
  }
  const out = new Uint8Array(length);
  let prev: Uint8Array = new Uint8Array(0);
  for (let i = 1, pos = 0; pos < length; i++) {
    prev = hmac(hash, prk, prev, info, Uint8Array.of(i));
    out.set(prev.subarray(0, Math.min(hashLen, length - pos)), pos);
    pos += hashLen;
  }
  return out;
}

/** Full HKDF: Expand(Extract(salt, ikm), info, length). */
export function hkdf(hash: HmacHash, ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): Uint8Array {
  return hkdfExpand(hash, hkdfExtract(hash, ikm, salt), info, length);
}

/** HKDF-SHA256, the default KDF for Cordon's subkeys. */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array | undefined, info: Uint8Array, length: number): Uint8Array {
  return hkdf('sha256', ikm, salt, info, length);
}
