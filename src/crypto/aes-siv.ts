// AES-SIV (RFC 5297) for deterministic authenticated encryption: the same key, associated data and
// plaintext always give the same ciphertext, which is what keeps joins working on protected columns.
// Built here on node:crypto AES (aes-block.ts): S2V over AES-CMAC (RFC 4493) with the first half of
// the key, CTR with the second. The CMAC subkeys, CMAC(0^128) and S2V's state after recent AD lists
// are kept per key object (a column's AD is the same for every value). The tag is
// compared in constant time, and open returns nothing unless the tag matches. @noble/ciphers' aessiv,
// which this replaced, is the reference implementation in test/unit/crypto/aes-siv.test.ts.
import { CordonError, decryptionFailed } from '../errors.js';
import { AesBlock, BLOCK, KeyCache, Lru } from './aes-block.js';
import { constantTimeEqual } from './constant-time.js';

export const SIV_TAG_LENGTH = 16;
const KEY_LENGTHS = new Set([32, 48, 64]);
/** RFC 5297 §2.6 allows 126 AD components (S2V takes at most 127 strings with the plaintext). */
export const SIV_MAX_AD_COMPONENTS = 126;
/** Up to this length the CTR keystream is made with the key's ECB context (no new cipher context). */
const ECB_CTR_MAX = 256;
/** S2V's state after the AD is kept for AD lists up to this many bytes, this many per key. */
const AD_MEMO_MAX_BYTES = 512;
const AD_MEMO_ENTRIES = 64;

function checkKey(key: Uint8Array): void {
  if (!KEY_LENGTHS.has(key.length)) {
    throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `AES-SIV key must be 32, 48 or 64 bytes, got ${key.length}`);
  }
}

function checkAd(ad: readonly Uint8Array[]): void {
  if (ad.length > SIV_MAX_AD_COMPONENTS) throw new CordonError('ERR_CRYPTO_UNSUPPORTED', 'AES-SIV: too many associated data components');
}

/** RFC 5297 §2.3 dbl: multiplication by x in GF(2^128), the polynomial x^128 + x^7 + x^2 + x + 1. */
function dbl(x: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(BLOCK);
  const carry = x[0]! >> 7;
  for (let i = 0; i < BLOCK - 1; i++) out[i] = ((x[i]! << 1) | (x[i + 1]! >> 7)) & 0xff;
  // 0x87 when the top bit was set, computed without a branch on the (secret) bit.
  out[BLOCK - 1] = ((x[BLOCK - 1]! << 1) & 0xff) ^ (0x87 & -carry);
  return out;
}

function xorInto(dst: Uint8Array, src: Uint8Array, at = 0): void {
  for (let i = 0; i < BLOCK; i++) dst[at + i]! ^= src[i]!;
}

interface SivKey {
  readonly mac: AesBlock;
  readonly ctr: AesBlock;
  /** RFC 4493 §2.3 subkeys K1, K2 of the MAC key. */
  readonly k1: Buffer;
  readonly k2: Buffer;
  /** S2V's first value, CMAC(<zero>): the same for every message under this key. */
  readonly d0: Buffer;
  /** D after recent AD lists (see adState). */
  readonly adStates: Lru<string, Buffer>;
}

const ZERO = Buffer.alloc(BLOCK);

/** AES-CMAC (RFC 4493 §2.4). */
function cmac(s: Pick<SivKey, 'mac' | 'k1' | 'k2'>, m: Uint8Array): Buffer {
  const n = Math.max(1, Math.ceil(m.length / BLOCK));
  const lastStart = (n - 1) * BLOCK;
  const last = Buffer.alloc(BLOCK);
  last.set(m.subarray(lastStart));
  if (m.length > 0 && m.length % BLOCK === 0) {
    xorInto(last, s.k1);
  } else {
    last[m.length - lastStart] = 0x80;
    xorInto(last, s.k2);
  }
  const y = n > 1 ? s.mac.cbcMac(ZERO, m.subarray(0, lastStart)) : ZERO;
  xorInto(last, y);
  return s.mac.encryptBlocks(last);
}

function buildKey(key: Uint8Array): SivKey {
  const half = key.length / 2;
  const mac = new AesBlock(key.subarray(0, half));
  const l = mac.encryptBlocks(ZERO);
  const k1 = dbl(l);
  const k2 = dbl(k1);
  const d0 = cmac({ mac, k1, k2 }, ZERO);
  return { mac, ctr: new AesBlock(key.subarray(half)), k1, k2, d0, adStates: new Lru<string, Buffer>(AD_MEMO_ENTRIES) };
}

const keys = new KeyCache<SivKey>();

/**
 * D after the AD components (RFC 5297 §2.4, the loop before the plaintext). A column's AD is the same
 * for all its values, so D is kept per key for short AD lists (key: lengths and bytes, in hex).
 */
function adState(s: SivKey, ad: readonly Uint8Array[]): Buffer {
  let total = 0;
  for (const c of ad) total += c.length;
  const memo = total <= AD_MEMO_MAX_BYTES && ad.length > 0;
  let k = '';
  if (memo) {
    for (const c of ad) k += `${c.length}:${Buffer.from(c.buffer, c.byteOffset, c.length).toString('hex')};`;
    const hit = s.adStates.get(k);
    if (hit !== undefined) return hit;
  }
  let d = s.d0;
  for (const c of ad) {
    d = dbl(d);
    xorInto(d, cmac(s, c));
  }
  if (memo) s.adStates.set(k, d);
  return d;
}

/** S2V (RFC 5297 §2.4) over the AD components and the plaintext, in that order. */
function s2v(s: SivKey, ad: readonly Uint8Array[], plaintext: Uint8Array): Buffer {
  const d = adState(s, ad);
  if (plaintext.length >= BLOCK) {
    // T = Sn xorend D
    const t = Buffer.from(plaintext);
    xorInto(t, d, t.length - BLOCK);
    const v = cmac(s, t);
    t.fill(0);
    return v;
  }
  // T = dbl(D) xor pad(Sn)
  const t = dbl(d);
  for (let i = 0; i < plaintext.length; i++) t[i]! ^= plaintext[i]!;
  t[plaintext.length]! ^= 0x80;
  return cmac(s, t);
}

/** RFC 5297 §2.6: CTR from Q = V with bits 31 and 63 (from the right) cleared; returns data ⊕ keystream. */
function ctr(s: SivKey, v: Uint8Array, data: Uint8Array): Uint8Array {
  const q = Buffer.from(v.subarray(0, BLOCK));
  q[8]! &= 0x7f;
  q[12]! &= 0x7f;
  if (data.length > ECB_CTR_MAX) return new Uint8Array(s.ctr.ctr(q, data));
  const blocks = Math.ceil(data.length / BLOCK);
  const counters = Buffer.allocUnsafe(blocks * BLOCK);
  for (let j = 0; j < blocks; j++) {
    counters.set(q, j * BLOCK);
    // Q + 1 as a 128-bit big-endian integer.
    for (let k = BLOCK - 1; k >= 0; k--) {
      q[k] = (q[k]! + 1) & 0xff;
      if (q[k] !== 0) break;
    }
  }
  const ks = s.ctr.encryptBlocks(counters);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ ks[i]!;
  ks.fill(0);
  return out;
}

/** Returns V ‖ C (16-byte synthetic IV followed by the ciphertext). `ad` are the AD components in order. */
export function aesSivSeal(key: Uint8Array, plaintext: Uint8Array, ad: readonly Uint8Array[] = []): Uint8Array {
  checkKey(key);
  checkAd(ad);
  const s = keys.get(key, buildKey);
  const v = s2v(s, ad, plaintext);
  const out = new Uint8Array(BLOCK + plaintext.length);
  out.set(v);
  out.set(ctr(s, v, plaintext), BLOCK);
  return out;
}

/** Verifies and decrypts V ‖ C; throws ERR_DECRYPTION_FAILED on any mismatch. */
export function aesSivOpen(key: Uint8Array, sealed: Uint8Array, ad: readonly Uint8Array[] = []): Uint8Array {
  checkKey(key);
  checkAd(ad);
  if (sealed.length < SIV_TAG_LENGTH) throw decryptionFailed();
  const s = keys.get(key, buildKey);
  const v = sealed.subarray(0, BLOCK);
  const plaintext = ctr(s, v, sealed.subarray(BLOCK));
  if (!constantTimeEqual(s2v(s, ad, plaintext), v)) {
    plaintext.fill(0);
    throw decryptionFailed();
  }
  return plaintext;
}
