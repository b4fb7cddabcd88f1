// HMAC-SHA256 (RFC 2104 / FIPS 198-1) over node:crypto. Verification compares in constant time and
// accepts truncated tags only when the caller names the length it expects.
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';

export type HmacHash = 'sha256' | 'sha512';

/** HMAC over the concatenation of `parts`. */
export function hmac(hash: HmacHash, key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const h = createHmac(hash, key);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** HMAC-SHA256 over the concatenation of `parts`: 32 bytes. */
export function hmacSha256(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  return hmac('sha256', key, ...parts);
}

/**
 * Checks an HMAC-SHA256 tag in constant time. `tag` may be a truncation of the full tag only if
 * `tag.length` is at least `minTagLength` (default 32: no truncation).
 */
export function hmacSha256Verify(key: Uint8Array, data: Uint8Array, tag: Uint8Array, minTagLength = 32): boolean {
  if (tag.length < minTagLength || tag.length > 32) return false;
  const full = hmacSha256(key, data);
  return constantTimeEqual(full.subarray(0, tag.length), tag);
}

/**
 * HMAC-SHA256(key, prefix ‖ UTF-8(value)) for each of `values`: 32 bytes each. The batch form
 * hashes each string straight from its UTF-8 encoding (no intermediate arrays), for the vault's
 * one-MAC-per-value lookups.
 */
export function hmacSha256Each(key: Uint8Array, prefix: Uint8Array, values: readonly string[]): Uint8Array[] {
  const out = new Array<Uint8Array>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = createHmac('sha256', key).update(prefix).update(values[i]!, 'utf8').digest();
  return out;
}
