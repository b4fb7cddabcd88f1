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

/** label ‖ for each part: u32be(len) ‖ utf8(part). */
export function encodeParts(label: string, ...parts: string[]): Uint8Array {
  const chunks = [label, ...parts].map(utf8);
  const out = new Uint8Array(chunks.reduce((n, c) => n + 4 + c.length, 0));
  const view = new DataView(out.buffer);
  let pos = 0;
  for (const c of chunks) {
    view.setUint32(pos, c.length);
    out.set(c, pos + 4);
    pos += 4 + c.length;
  }
  return out;
}

/** Parses `<prefix>v<version>_<base64url>` tokens; any deviation is a decryption failure. */
export function parseVersionedToken(prefix: string, token: string): { version: number; body: Uint8Array } {
  const m = /^v([1-9][0-9]{0,8})_([A-Za-z0-9_-]+)$/.exec(token.startsWith(prefix) ? token.slice(prefix.length) : '');
  if (m === null) throw decryptionFailed();
  return { version: Number(m[1]), body: fromBase64url(m[2]!) };
}
