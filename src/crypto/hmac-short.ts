// HMAC-SHA256 (RFC 2104) of short messages under a key used many times: the pseudonym and date-shift
// operators and the vault's lookup MACs, one MAC per value. A node:crypto Hmac object per value costs
// ~2.5 µs (its construction dominates); here the key's inner and outer SHA-256 states (the
// compressions of K ⊕ ipad and K ⊕ opad) are computed once per key and kept in a KeyCache, and each
// message costs its own compressions (FIPS 180-4 §6.2.2) in JavaScript, ~0.3 µs each: two for a
// message under 56 bytes. Same bytes as hmacSha256 (test/unit/crypto/hmac-short.test.ts checks it on
// random keys and messages). Longer messages go to node:crypto, whose SHA-256 is faster per byte.
// The compression uses only 32-bit add, xor, and, shifts and rotations: no table indexed by a secret.
// Internal: re-exported through hmac.ts only.
import { createHash, createHmac } from 'node:crypto';
import { KeyCache } from './aes-block.js';

/** Messages up to this many bytes are hashed here; longer ones by node:crypto (fewer than ~8 compressions win). */
export const SHORT_MESSAGE_BYTES = 247;

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
// FIPS 180-4 §5.3.3: the initial hash value.
const IV = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** Message schedule scratch (zeroed after each MAC: it holds message words). */
const W = new Int32Array(64);
/** Working state and the padded tail blocks of a message (both zeroed after each MAC). */
const H = new Int32Array(8);
const TAIL = new Uint8Array(128);

/** One SHA-256 compression of the 64-byte block at `block[off..]` into `st` (FIPS 180-4 §6.2.2). */
function _compress(st: Int32Array, block: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const o = off + 4 * i;
    W[i] = (block[o]! << 24) | (block[o + 1]! << 16) | (block[o + 2]! << 8) | block[o + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = st[0]!, b = st[1]!, c = st[2]!, d = st[3]!, e = st[4]!, f = st[5]!, g = st[6]!, h = st[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  st[0] = (st[0]! + a) | 0; st[1] = (st[1]! + b) | 0; st[2] = (st[2]! + c) | 0; st[3] = (st[3]! + d) | 0;
  st[4] = (st[4]! + e) | 0; st[5] = (st[5]! + f) | 0; st[6] = (st[6]! + g) | 0; st[7] = (st[7]! + h) | 0;
}

/** A key's SHA-256 states after K ⊕ ipad and after K ⊕ opad (RFC 2104 §2): key-equivalent secrets. */
interface _Pads {
  readonly inner: Int32Array;
  readonly outer: Int32Array;
}

const pads = new KeyCache<_Pads>();

function _padsOf(key: Uint8Array): _Pads {
  return pads.get(key, (k) => {
    // RFC 2104 §2: a key longer than the block is hashed first; a shorter one is padded with zeros.
    const k0 = new Uint8Array(64);
    k0.set(k.length > 64 ? createHash('sha256').update(k).digest() : k);
    const block = new Uint8Array(64);
    const state = (pad: number): Int32Array => {
      for (let i = 0; i < 64; i++) block[i] = k0[i]! ^ pad;
      const st = Int32Array.from(IV);
      _compress(st, block, 0);
      return st;
    };
    const out = { inner: state(0x36), outer: state(0x5c) };
    k0.fill(0);
    block.fill(0);
    W.fill(0);
    return out;
  });
}

/**
 * HMAC-SHA256(key, msg): 32 bytes, equal to hmacSha256(key, msg). Fastest when the same key object
 * is passed again and again (its states are kept while the caller holds it).
 *
 * @example
 * ```ts
 * hmacSha256Short(macKey, encodeParts('cordon/hash/v1/key', value)) // 32 bytes
 * ```
 */
export function hmacSha256Short(key: Uint8Array, msg: Uint8Array): Uint8Array {
  if (msg.length > SHORT_MESSAGE_BYTES) return new Uint8Array(createHmac('sha256', key).update(msg).digest());
  const { inner, outer } = _padsOf(key);
  // Inner hash: SHA-256((K ⊕ ipad) ‖ msg), continued from the ipad state; 64 bytes already hashed.
  H.set(inner);
  const n = msg.length;
  let off = 0;
  for (; off + 64 <= n; off += 64) _compress(H, msg, off);
  const rest = n - off;
  TAIL.set(msg.subarray(off), 0);
  TAIL[rest] = 0x80;
  const end = rest + 9 <= 64 ? 64 : 128;
  // Length in bits of (K ⊕ ipad) ‖ msg, big-endian in the last 8 bytes; below 2^32 here.
  const bits = (64 + n) * 8;
  TAIL[end - 4] = bits >>> 24;
  TAIL[end - 3] = (bits >>> 16) & 0xff;
  TAIL[end - 2] = (bits >>> 8) & 0xff;
  TAIL[end - 1] = bits & 0xff;
  _compress(H, TAIL, 0);
  if (end === 128) _compress(H, TAIL, 64);
  // Outer hash: SHA-256((K ⊕ opad) ‖ inner digest): one block, 32 bytes then padding for 768 bits.
  TAIL.fill(0);
  for (let i = 0; i < 8; i++) {
    const w = H[i]!;
    TAIL[4 * i] = w >>> 24;
    TAIL[4 * i + 1] = (w >>> 16) & 0xff;
    TAIL[4 * i + 2] = (w >>> 8) & 0xff;
    TAIL[4 * i + 3] = w & 0xff;
  }
  TAIL[32] = 0x80;
  TAIL[62] = 0x03; // 768 = 0x0300
  H.set(outer);
  _compress(H, TAIL, 0);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const w = H[i]!;
    out[4 * i] = w >>> 24;
    out[4 * i + 1] = (w >>> 16) & 0xff;
    out[4 * i + 2] = (w >>> 8) & 0xff;
    out[4 * i + 3] = w & 0xff;
  }
  TAIL.fill(0);
  H.fill(0);
  W.fill(0);
  return out;
}
