// Byte encodings the operators share: UTF-8, strict base64url, and an unambiguous encoding of
// context strings for AAD/HMAC input (length-prefixed, so ("a|b","c") never equals ("a","b|c")).
import { checkWellFormed, decryptionFailed } from '../errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 of a string; a string with a lone surrogate is refused (ERR_INPUT_INVALID), never encoded
 * as U+FFFD: the one place where deterministic, encrypt, hash and date-shift turn strings into bytes.
 */
export function utf8(s: string): Uint8Array {
  checkWellFormed(s, 'the value');
  return encoder.encode(s);
}

/** Decodes UTF-8 produced by an authenticated open; malformed bytes report as a decryption failure. */
export function fromUtf8(b: Uint8Array): string {
  try {
    return decoder.decode(b);
  } catch {
    throw decryptionFailed();
  }
}

export function toBase64url(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}

/** Strict base64url (no padding, canonical); anything else is a decryption failure (token tampered). */
export function fromBase64url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) throw decryptionFailed();
  const b = Buffer.from(s, 'base64url');
  if (b.toString('base64url') !== s) throw decryptionFailed();
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * label ‖ for each part: u32be(len) ‖ utf8(part). One allocation: the byte lengths are measured
 * first and each part is encoded in place (this runs once per value for hash, fpe and date-shift).
 */
export function encodeParts(label: string, ...parts: string[]): Uint8Array {
  let size = 4 + byteLength(label);
  for (const p of parts) size += 4 + byteLength(p);
  const out = new Uint8Array(size);
  let pos = putPart(out, 0, label);
  for (const p of parts) pos = putPart(out, pos, p);
  return out;
}

/** UTF-8 length of a well-formed string (a lone surrogate is refused, as utf8() does). */
function byteLength(s: string): number {
  checkWellFormed(s, 'the value');
  return Buffer.byteLength(s, 'utf8');
}

function putPart(out: Uint8Array, pos: number, s: string): number {
  // ASCII (labels, scopes, most values) is copied unit by unit; anything else goes through encodeInto.
  const at = pos + 4;
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const u = s.charCodeAt(i);
    if (u >= 0x80) break;
    out[at + i] = u;
  }
  const written = i === n ? n : encoder.encodeInto(s, out.subarray(at)).written;
  out[pos] = written >>> 24;
  out[pos + 1] = (written >>> 16) & 0xff;
  out[pos + 2] = (written >>> 8) & 0xff;
  out[pos + 3] = written & 0xff;
  return pos + 4 + written;
}

/** Parses `<prefix>v<version>_<base64url>` tokens; any deviation is a decryption failure. */
export function parseVersionedToken(prefix: string, token: string): { version: number; body: Uint8Array } {
  const m = /^v([1-9][0-9]{0,8})_([A-Za-z0-9_-]+)$/.exec(token.startsWith(prefix) ? token.slice(prefix.length) : '');
  if (m === null) throw decryptionFailed();
  return { version: Number(m[1]), body: fromBase64url(m[2]!) };
}
