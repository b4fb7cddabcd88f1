// HMAC-SHA256 (RFC 2104 / FIPS 198-1) over node:crypto. Verification compares in constant time and
// accepts truncated tags only when the caller names the length it expects.
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';
import { hmacSha256Short, SHORT_MESSAGE_BYTES } from './hmac-short.js';

export { hmacSha256Short };

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
 * HMAC-SHA256(key, prefix ‖ UTF-8(value)) for each of `values`: 32 bytes each (Buffers), for the vault's
 * one-MAC-per-value lookups. A short value is encoded after the prefix in one scratch buffer and
 * MACed by hmacSha256Short (no node:crypto object per value); a long one streams through createHmac.
 * Either way a lone surrogate is encoded as U+FFFD (TextEncoder's and Buffer's rule alike).
 */
export function hmacSha256Each(key: Uint8Array, prefix: Uint8Array, values: readonly string[]): Uint8Array[] {
  const out = new Array<Uint8Array>(values.length);
  const scratch = new Uint8Array(SHORT_MESSAGE_BYTES);
  scratch.set(prefix.subarray(0, SHORT_MESSAGE_BYTES));
  const room = SHORT_MESSAGE_BYTES - prefix.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // At most 3 UTF-8 bytes per UTF-16 code unit: a value that fits is never cut short.
    if (v.length * 3 <= room) {
      const { written } = encoder.encodeInto(v, scratch.subarray(prefix.length));
      const mac = hmacSha256Short(key, scratch.subarray(0, prefix.length + written));
      // A Buffer view, as createHmac gives: the stores bind these as blobs.
      out[i] = Buffer.from(mac.buffer, mac.byteOffset, mac.byteLength);
    } else {
      out[i] = createHmac('sha256', key).update(prefix).update(v, 'utf8').digest();
    }
  }
  scratch.fill(0);
  return out;
}

const encoder = new TextEncoder();
