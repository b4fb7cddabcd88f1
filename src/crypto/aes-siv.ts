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

/** Batches: plaintexts longer than this many bytes go through the one-value path (few, and long). */
const LANE_MAX_BYTES = 128;

/** A batch sealed by aesSivSealEach: the synthetic IVs side by side, and each value's ciphertext. */
export interface SivBatch {
  /** V of value i at bytes [16i, 16i + 16). */
  readonly ivs: Buffer;
  /** C of value i (the length of its UTF-8). */
  readonly ciphertexts: readonly Buffer[];
}

/**
 * CMAC of many messages at once (RFC 4493 §2.4), each already laid out as whole blocks with its
 * last block prepared (padded and xored with K1 or K2): message i is blocks [start[i], start[i] +
 * count[i]) of `m`; a message with count 0 is skipped. One ECB call per block position across all
 * messages ("lanes") instead of one per block: the cipher context is the key's, never a new one.
 */
function cmacLanes(s: SivKey, m: Buffer, start: Int32Array, count: Int32Array, out: Buffer): void {
  const n = start.length;
  // The chaining values and the ECB input as 32-bit words: XOR and moves of 4 words a block instead
  // of 16 bytes (byte order plays no part in either). y starts at 0^128 for every lane.
  const y = new Uint32Array(n * 4);
  const m32 = words(m);
  let longest = 0;
  for (let i = 0; i < n; i++) if (count[i]! > longest) longest = count[i]!;
  const lane = new Int32Array(n);
  const x = Buffer.alloc(n * BLOCK);
  const x32 = words(x);
  for (let r = 0; r < longest; r++) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (count[i]! <= r) continue;
      const src = (start[i]! + r) * 4;
      const yo = i * 4;
      const xo = k * 4;
      x32[xo] = m32[src]! ^ y[yo]!;
      x32[xo + 1] = m32[src + 1]! ^ y[yo + 1]!;
      x32[xo + 2] = m32[src + 2]! ^ y[yo + 2]!;
      x32[xo + 3] = m32[src + 3]! ^ y[yo + 3]!;
      lane[k++] = i;
    }
    const e = s.mac.encryptBlocks(x.subarray(0, k * BLOCK));
    const e32 = words(e);
    for (let j = 0; j < k; j++) {
      const yo = lane[j]! * 4;
      const eo = j * 4;
      y[yo] = e32[eo]!;
      y[yo + 1] = e32[eo + 1]!;
      y[yo + 2] = e32[eo + 2]!;
      y[yo + 3] = e32[eo + 3]!;
    }
    e.fill(0);
    if (e32.buffer !== e.buffer) e32.fill(0);
  }
  x.fill(0);
  const y8 = new Uint8Array(y.buffer);
  for (let i = 0; i < n; i++) {
    if (count[i]! === 0) continue;
    const o = i * BLOCK;
    for (let b = 0; b < BLOCK; b++) out[o + b] = y8[o + b]!;
  }
  y.fill(0);
  if (m32.buffer !== m.buffer) m32.fill(0);
}

/** `b` (whole blocks) as 32-bit words: a view when its offset allows one, else a copy. */
function words(b: Uint8Array): Uint32Array {
  if (b.byteOffset % 4 === 0) return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  return new Uint32Array(new Uint8Array(b).buffer);
}

/** S2V (RFC 5297 §2.4) of each of `texts` under one AD list, into `ivs` (16 bytes each). */
function s2vEach(s: SivKey, ad: readonly Uint8Array[], texts: readonly Uint8Array[], ivs: Buffer): void {
  const d = adState(s, ad);
  const dd = dbl(d);
  const n = texts.length;
  // S2V's T for each short text, as whole CMAC blocks with the last block prepared.
  const start = new Int32Array(n);
  const count = new Int32Array(n);
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    const len = texts[i]!.length;
    start[i] = blocks;
    count[i] = len > LANE_MAX_BYTES ? 0 : Math.max(1, Math.ceil(len / BLOCK));
    blocks += count[i]!;
  }
  const m = Buffer.alloc(blocks * BLOCK);
  for (let i = 0; i < n; i++) {
    const p = texts[i]!;
    if (count[i] === 0) {
      s2v(s, ad, p).copy(ivs, i * BLOCK);
      continue;
    }
    const o = start[i]! * BLOCK;
    const lastO = o + (count[i]! - 1) * BLOCK;
    if (p.length >= BLOCK) {
      // T = Sn xorend D; its CMAC (whole blocks when |T| % 16 = 0, else padded).
      m.set(p, o);
      for (let b = 0; b < BLOCK; b++) m[o + p.length - BLOCK + b]! ^= d[b]!;
      if (p.length % BLOCK === 0) {
        for (let b = 0; b < BLOCK; b++) m[lastO + b]! ^= s.k1[b]!;
      } else {
        m[o + p.length] = 0x80;
        for (let b = 0; b < BLOCK; b++) m[lastO + b]! ^= s.k2[b]!;
      }
    } else {
      // T = dbl(D) xor pad(Sn): one whole block, CMAC with K1.
      for (let b = 0; b < BLOCK; b++) m[o + b] = dd[b]! ^ s.k1[b]!;
      for (let b = 0; b < p.length; b++) m[o + b]! ^= p[b]!;
      m[o + p.length]! ^= 0x80;
    }
  }
  cmacLanes(s, m, start, count, ivs);
  m.fill(0);
}

/**
 * RFC 5297 §2.6 CTR for each text, in place: text i ⊕= keystream from Q_i = V_i with bits 31 and 63
 * cleared. The counter blocks of every short text go through one ECB call.
 */
function ctrEach(s: SivKey, ivs: Buffer, texts: readonly Buffer[]): void {
  const n = texts.length;
  let ctrBlocks = 0;
  for (let i = 0; i < n; i++) if (texts[i]!.length <= LANE_MAX_BYTES) ctrBlocks += Math.ceil(texts[i]!.length / BLOCK);
  const counters = Buffer.allocUnsafe(ctrBlocks * BLOCK);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = texts[i]!.length;
    if (len > LANE_MAX_BYTES) {
      texts[i]!.set(ctr(s, ivs.subarray(i * BLOCK, i * BLOCK + BLOCK), texts[i]!));
      continue;
    }
    // Q's low 32-bit word has bit 31 cleared, so Q + j (j < 8 blocks here) never carries out of it:
    // the counters differ from Q only in that word (the reason §2.6 clears bits 63 and 31).
    const o = i * BLOCK;
    const low = ((ivs[o + 12]! & 0x7f) << 24) | (ivs[o + 13]! << 16) | (ivs[o + 14]! << 8) | ivs[o + 15]!;
    const nb = Math.ceil(len / BLOCK);
    for (let j = 0; j < nb; j++) {
      for (let b = 0; b < 12; b++) counters[at + b] = ivs[o + b]!;
      counters[at + 8]! &= 0x7f;
      const c = low + j;
      counters[at + 12] = c >>> 24;
      counters[at + 13] = (c >>> 16) & 0xff;
      counters[at + 14] = (c >>> 8) & 0xff;
      counters[at + 15] = c & 0xff;
      at += BLOCK;
    }
  }
  const ks = ctrBlocks > 0 ? s.ctr.encryptBlocks(counters) : Buffer.alloc(0);
  at = 0;
  for (let i = 0; i < n; i++) {
    const p = texts[i]!;
    if (p.length > LANE_MAX_BYTES) continue;
    for (let b = 0; b < p.length; b++) p[b]! ^= ks[at + b]!;
    at += Math.ceil(p.length / BLOCK) * BLOCK;
  }
  ks.fill(0);
}

/**
 * AES-SIV (RFC 5297) of many plaintexts under one key and one AD list: the same bytes as
 * aesSivSeal(key, utf8(p), ad) for each p, computed with a few ECB calls for the whole batch (S2V
 * lane by lane, then the CTR keystream of every value in one call). For the token vault, where V is
 * the token and C is what is stored.
 */
export function aesSivSealEach(key: Uint8Array, ad: readonly Uint8Array[], plaintexts: readonly string[]): SivBatch {
  checkKey(key);
  checkAd(ad);
  const s = keys.get(key, buildKey);
  const texts = plaintexts.map((p) => Buffer.from(p, 'utf8'));
  const ivs = Buffer.allocUnsafe(texts.length * BLOCK);
  s2vEach(s, ad, texts, ivs);
  ctrEach(s, ivs, texts);
  return { ivs, ciphertexts: texts };
}

/**
 * Opens many V ‖ C under one key and one AD list (V of item i at ivs[16i, 16i + 16)): the
 * plaintexts in order. Any item that fails to verify fails the whole call with the one
 * ERR_DECRYPTION_FAILED, and nothing is returned. `ciphertexts` are not modified.
 */
export function aesSivOpenEach(key: Uint8Array, ad: readonly Uint8Array[], ivs: Uint8Array, ciphertexts: readonly Uint8Array[]): Buffer[] {
  checkKey(key);
  checkAd(ad);
  const n = ciphertexts.length;
  if (ivs.length !== n * BLOCK) throw decryptionFailed();
  const s = keys.get(key, buildKey);
  const v = Buffer.from(ivs.buffer, ivs.byteOffset, ivs.byteLength);
  const texts = ciphertexts.map((c) => Buffer.from(c));
  ctrEach(s, v, texts);
  const check = Buffer.allocUnsafe(n * BLOCK);
  s2vEach(s, ad, texts, check);
  // Every tag is compared, in constant time, before any plaintext is returned.
  let ok = true;
  for (let i = 0; i < n; i++) ok = constantTimeEqual(check.subarray(i * BLOCK, i * BLOCK + BLOCK), v.subarray(i * BLOCK, i * BLOCK + BLOCK)) && ok;
  check.fill(0);
  if (!ok) {
    for (const t of texts) t.fill(0);
    throw decryptionFailed();
  }
  return texts;
}
