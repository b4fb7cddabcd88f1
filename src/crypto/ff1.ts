// FF1 format-preserving encryption (NIST SP 800-38G Rev. 1), on node:crypto AES (aes-block.ts).
// The AES context and the CBC-MAC state after P ‖ (the fixed blocks of Q) are kept per key, radix,
// length and tweak, so a round costs one AES block for usual lengths; @noble/ciphers' FF1, which this
// replaced, stays the reference implementation in test/unit/crypto/ff1.test.ts.
// This file enforces the domain rules the standard sets and noble leaves to callers:
//   - radix in [2, 65535] (one below the standard's 2^16; the bound of @noble/ciphers' FF1, kept so
//     every value it accepted is still accepted);
//   - length n ≥ 2 and radix^n ≥ 1,000,000 (SP 800-38G Rev. 1 §5.2: domains smaller than a million
//     are open to the Durak–Vaudenay / Hoang–Tessaro–Trieu message-recovery attacks);
//   - n ≤ FF1_MAX_LENGTH, a Cordon bound that keeps the per-call big-integer work small and bounded;
//   - tweak ≤ FF1_MAX_TWEAK_LENGTH bytes.
// FF1 is not authenticated: it is for values whose format must survive (card numbers, ids).
import { CordonError } from '../errors.js';
import { AesBlock, BLOCK, KeyCache, Lru } from './aes-block.js';

export const FF1_MIN_DOMAIN = 1_000_000;
export const FF1_MAX_LENGTH = 4096;
export const FF1_MAX_RADIX = 65535;
export const FF1_MAX_TWEAK_LENGTH = 256;

export interface Ff1Options {
  /** Public, per-field or per-record tweak bytes (default empty). */
  readonly tweak?: Uint8Array;
}

/** Throws ERR_FPE_DOMAIN when (radix, length) is outside what Cordon accepts. */
export function checkFf1Domain(radix: number, length: number): void {
  if (!Number.isInteger(radix) || radix < 2 || radix > FF1_MAX_RADIX) {
    throw new CordonError('ERR_FPE_DOMAIN', `FF1 radix must be an integer in [2, ${FF1_MAX_RADIX}]`, { details: { radix } });
  }
  if (length < 2 || length > FF1_MAX_LENGTH) {
    throw new CordonError('ERR_FPE_DOMAIN', `FF1 input length must be in [2, ${FF1_MAX_LENGTH}]`, { details: { length } });
  }
  // radix^length ≥ 10^6, computed without floating point.
  let domain = 1;
  for (let i = 0; i < length && domain < FF1_MIN_DOMAIN; i++) domain *= radix;
  if (domain < FF1_MIN_DOMAIN) {
    throw new CordonError('ERR_FPE_DOMAIN', `FF1 domain radix^length must be at least ${FF1_MIN_DOMAIN} (NIST SP 800-38G Rev. 1)`, {
      details: { radix, length },
    });
  }
}

function checkKey(key: Uint8Array): void {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `FF1 key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
}

function checkTweak(tweak: Uint8Array): void {
  if (tweak.length > FF1_MAX_TWEAK_LENGTH) {
    throw new CordonError('ERR_FPE_DOMAIN', `FF1 tweak must be at most ${FF1_MAX_TWEAK_LENGTH} bytes`);
  }
}

function checkDigits(digits: readonly number[], radix: number): void {
  for (let i = 0; i < digits.length; i++) {
    const d = digits[i]!;
    if (!Number.isInteger(d) || d < 0 || d >= radix) {
      throw new CordonError('ERR_INPUT_INVALID', 'FF1 input has a symbol outside the radix', { details: { position: i } });
    }
  }
}

// ---- The algorithm (SP 800-38G Rev. 1 §6.2, Algorithms 7 and 8) ----
//
// P ‖ Q is CBC-MACed each round (Algorithm 6, PRF). P depends on (radix, u, n, t) and Q is
// T ‖ [0]^((−t−b−1) mod 16) ‖ [i]_1 ‖ [NUM(B)]_b, so every block before the one holding [i] is the
// same in all ten rounds: _Layout holds the CBC-MAC state after those blocks (y0) and the template
// of the remaining blocks (tail), and a round MACs only the tail, usually one block.
// While radix^v ≤ 2^45 the numerals are Numbers (sums stay below 2^46, Horner steps below 2^53);
// above that, BigInt.

const SMALL_LIMIT = 2 ** 45;

interface _Layout {
  readonly radix: number;
  readonly n: number;
  readonly u: number;
  readonly v: number;
  /** b = ⌈⌈v·log2(radix)⌉ / 8⌉ and d = 4⌈b/4⌉ + 4 (Algorithm 7, steps 3–4). */
  readonly b: number;
  readonly d: number;
  readonly y0: Buffer;
  /** Scratch copy of the last blocks of P ‖ Q; [i] and NUM(B) are written into it each round. */
  readonly tail: Buffer;
  /** Number arithmetic (radix^v ≤ 2^45) or BigInt. */
  readonly small: boolean;
  /** radix^u and radix^v, as Numbers when small. */
  readonly modU: number;
  readonly modV: number;
  readonly bigU: bigint;
  readonly bigV: bigint;
}

/** b for (radix, v) and radix^u, radix^v: public, bounded cache (the BigInt powers cost at large v). */
const sizes = new Lru<string, { b: number; bigU: bigint; bigV: bigint }>(512);

function sizesFor(radix: number, u: number, v: number): { b: number; bigU: bigint; bigV: bigint } {
  const k = `${radix}:${v}:${u}`;
  let s = sizes.get(k);
  if (s === undefined) {
    const bigV = BigInt(radix) ** BigInt(v);
    // ⌈v·log2(radix)⌉ is the bit length of radix^v − 1 (exact; no floating point).
    s = { b: Math.ceil((bigV - 1n).toString(2).length / 8), bigU: BigInt(radix) ** BigInt(u), bigV };
    sizes.set(k, s);
  }
  return s;
}

/** A layout's public numbers, the same for every tweak of one (radix, n). */
type _Dims = Omit<_Layout, 'y0' | 'tail'> & {
  /** Q's last block is the only one that changes between rounds, and one PRF block is enough: runBatch takes the value. */
  readonly batchable: boolean;
};

/** Public, bounded: one entry per (radix, n) seen. */
const dimsCache = new Lru<string, _Dims>(512);

function dimsFor(radix: number, n: number): _Dims {
  const k = `${radix}:${n}`;
  let dims = dimsCache.get(k);
  if (dims === undefined) {
    const u = n >> 1;
    const v = n - u;
    const { b, bigU, bigV } = sizesFor(radix, u, v);
    const d = 4 * Math.ceil(b / 4) + 4;
    const small = bigV <= BigInt(SMALL_LIMIT);
    // b ≤ 15 puts [i] ‖ NUM(B) in Q's last block whatever the tweak's length, so the tail is one block.
    dims = { radix, n, u, v, b, d, small, modU: small ? Number(bigU) : 0, modV: small ? Number(bigV) : 0, bigU, bigV, batchable: small && d <= BLOCK };
    dimsCache.set(k, dims);
  }
  return dims;
}

/** CBC-MAC states after P, per (radix, n, t): P holds no tweak bytes, so many tweaks share one. */
type PStates = Lru<string, Buffer>;

/** A layout before its MAC state: P ‖ Q's template, where its fixed blocks end, and the state after P. */
interface _Shape {
  readonly pq: Buffer;
  readonly fixed: number;
  readonly yP: Buffer;
  readonly base: _Dims;
}

function layoutShape(aes: AesBlock, pStates: PStates, radix: number, n: number, tweak: Uint8Array): _Shape {
  const dims = dimsFor(radix, n);
  const { u, b } = dims;
  const t = tweak.length;
  const pad = (((-t - b - 1) % BLOCK) + BLOCK) % BLOCK;
  // Public bytes (P, the tweak, zero padding): a pooled buffer, zeroed, rather than an ArrayBuffer of its own per layout.
  const pq = Buffer.allocUnsafe(BLOCK + t + pad + 1 + b).fill(0);
  // P = [1]1 ‖ [2]1 ‖ [1]1 ‖ [radix]3 ‖ [10]1 ‖ [u mod 256]1 ‖ [n]4 ‖ [t]4
  pq[0] = 1;
  pq[1] = 2;
  pq[2] = 1;
  pq.writeUIntBE(radix, 3, 3);
  pq[6] = 10;
  pq[7] = u & 0xff;
  pq.writeUInt32BE(n, 8);
  pq.writeUInt32BE(t, 12);
  pq.set(tweak, BLOCK);
  const fixed = Math.floor((pq.length - 1 - b) / BLOCK) * BLOCK;
  const pk = `${radix}:${n}:${t}`;
  let yP = pStates.get(pk);
  if (yP === undefined) {
    yP = Buffer.from(aes.cbcMac(Buffer.alloc(BLOCK), pq.subarray(0, BLOCK)));
    pStates.set(pk, yP);
  }
  return { pq, fixed, yP, base: dims };
}

/** The layout of `shape` given y0, the CBC-MAC state after P and Q's fixed blocks. */
function finishLayout(shape: _Shape, y0: Uint8Array): _Layout {
  // Written out, not spread: every layout keeps one object shape (V8 keeps the round loops fast on it).
  const { radix, n, u, v, b, d, small, modU, modV, bigU, bigV } = shape.base;
  return { radix, n, u, v, b, d, y0: Buffer.from(y0), tail: Buffer.from(shape.pq.subarray(shape.fixed)), small, modU, modV, bigU, bigV };
}

function buildLayout(aes: AesBlock, pStates: PStates, radix: number, n: number, tweak: Uint8Array): _Layout {
  const shape = layoutShape(aes, pStates, radix, n, tweak);
  return finishLayout(shape, aes.cbcMac(shape.yP, shape.pq.subarray(BLOCK, shape.fixed)));
}

/** Steps 6i–6iii: R = PRF(P ‖ Q) and S, the first d bytes of R ‖ CIPH(R ⊕ [1]) ‖ CIPH(R ⊕ [2]) ‖ … */
function prfS(aes: AesBlock, l: _Layout): Buffer {
  const r = aes.cbcMac(l.y0, l.tail);
  if (l.d <= BLOCK) return r;
  const extra = Math.ceil(l.d / BLOCK) - 1;
  const blocks = Buffer.alloc(extra * BLOCK);
  for (let j = 1; j <= extra; j++) {
    const o = j * BLOCK - BLOCK;
    for (let k = 0; k < BLOCK; k++) blocks[o + k] = r[k]!;
    blocks.writeUInt32BE((blocks.readUInt32BE(o + 12) ^ j) >>> 0, o + 12);
  }
  return Buffer.concat([r, aes.encryptBlocks(blocks)]);
}

/** y = NUM(S[0..d)) mod m, Number path (m ≤ 2^45: acc·256 + 255 < 2^53). */
function ySmall(aes: AesBlock, l: _Layout, i: number, num: number, m: number): number {
  const tail = l.tail;
  const end = tail.length;
  tail[end - l.b - 1] = i;
  for (let k = end - 1; k >= end - l.b; k--) {
    const q = Math.floor(num / 256);
    tail[k] = num - q * 256;
    num = q;
  }
  return _numMod(prfS(aes, l), 0, l.d, m);
}

/**
 * Internal (exported for its test): NUM(s[off..off+d)) mod m for d a multiple of 4 and m ≤ 2^45, exact on Numbers (Horner's rule).
 * Where every step's x = acc·2^w + word stays below 2^52 − m, the remainder is x − ⌊x/m⌋·m with
 * one correction: ⌊x/m⌋ computed in floating point is off by at most one, and q·m ≤ x + m is an
 * exact integer, so no fmod (a runtime call per step) is needed: 32-bit words for m ≤ 2^20 (FF1 on
 * up to 6 decimal digits a half), 16-bit for m ≤ 2^36; beyond, `%` keeps acc·2^w + word < 2^53.
 */
export function _numMod(s: Uint8Array, off: number, d: number, m: number): number {
  const end = off + d;
  let acc = 0;
  if (m <= 2 ** 20) {
    for (let k = off; k < end; k += 4) {
      const x = acc * 4294967296 + (((s[k]! << 24) | (s[k + 1]! << 16) | (s[k + 2]! << 8) | s[k + 3]!) >>> 0);
      acc = x - Math.floor(x / m) * m;
      if (acc < 0) acc += m;
      else if (acc >= m) acc -= m;
    }
  } else if (m <= 2 ** 36) {
    for (let k = off; k < end; k += 2) {
      const x = acc * 65536 + ((s[k]! << 8) | s[k + 1]!);
      acc = x - Math.floor(x / m) * m;
      if (acc < 0) acc += m;
      else if (acc >= m) acc -= m;
    }
  } else if (m <= 2 ** 37) {
    for (let k = off; k < end; k += 2) acc = (acc * 65536 + ((s[k]! << 8) | s[k + 1]!)) % m;
  } else {
    for (let k = off; k < end; k++) acc = (acc * 256 + s[k]!) % m;
  }
  return acc;
}

function yBig(aes: AesBlock, l: _Layout, i: number, num: bigint): bigint {
  const tail = l.tail;
  tail[tail.length - l.b - 1] = i;
  tail.write(num.toString(16).padStart(2 * l.b, '0'), tail.length - l.b, 'hex');
  return BigInt('0x' + prfS(aes, l).toString('hex', 0, l.d));
}

function numSmall(x: readonly number[], from: number, to: number, radix: number): number {
  let acc = 0;
  for (let k = from; k < to; k++) acc = acc * radix + x[k]!;
  return acc;
}

function strSmall(x: number, radix: number, out: number[], from: number, to: number): void {
  for (let k = to - 1; k >= from; k--) {
    const q = Math.floor(x / radix);
    out[k] = x - q * radix;
    x = q;
  }
}

/** Digits per Number chunk in the BigInt path: radix^k < 2^53. */
function chunkDigits(radix: number): number {
  let k = 1;
  while (radix ** (k + 1) < 2 ** 53) k++;
  return k;
}

function numBig(x: readonly number[], from: number, to: number, radix: number): bigint {
  const k = chunkDigits(radix);
  let acc = 0n;
  for (let s = from; s < to; s += k) {
    const e = Math.min(to, s + k);
    acc = acc * BigInt(radix ** (e - s)) + BigInt(numSmall(x, s, e, radix));
  }
  return acc;
}

function strBig(x: bigint, radix: number, out: number[], from: number, to: number): void {
  const k = chunkDigits(radix);
  const chunk = BigInt(radix ** k);
  let e = to;
  for (; e - from > k; e -= k) {
    strSmall(Number(x % chunk), radix, out, e - k, e);
    x /= chunk;
  }
  strSmall(Number(x), radix, out, from, e);
}

function run(aes: AesBlock, l: _Layout, x: readonly number[], decrypt: boolean): number[] {
  const { u, n, radix } = l;
  const out = new Array<number>(n);
  if (l.small) {
    let a = numSmall(x, 0, u, radix);
    let b = numSmall(x, u, n, radix);
    if (!decrypt) {
      // Algorithm 7 step 6: C = (NUM(A) + y) mod radix^m; A = B; B = C.
      for (let i = 0; i < 10; i++) {
        const m = (i & 1) === 0 ? l.modU : l.modV;
        const c = a + ySmall(aes, l, i, b, m);
        a = b;
        b = c >= m ? c - m : c;
      }
    } else {
      // Algorithm 8 step 6: C = (NUM(B) − y) mod radix^m; B = A; A = C.
      for (let i = 9; i >= 0; i--) {
        const m = (i & 1) === 0 ? l.modU : l.modV;
        const c = b - ySmall(aes, l, i, a, m);
        b = a;
        a = c < 0 ? c + m : c;
      }
    }
    strSmall(a, radix, out, 0, u);
    strSmall(b, radix, out, u, n);
  } else {
    let a = numBig(x, 0, u, radix);
    let b = numBig(x, u, n, radix);
    if (!decrypt) {
      for (let i = 0; i < 10; i++) {
        const m = (i & 1) === 0 ? l.bigU : l.bigV;
        const c = (a + yBig(aes, l, i, b)) % m;
        a = b;
        b = c;
      }
    } else {
      for (let i = 9; i >= 0; i--) {
        const m = (i & 1) === 0 ? l.bigU : l.bigV;
        const c = (b - yBig(aes, l, i, a)) % m;
        b = a;
        a = c < 0n ? c + m : c;
      }
    }
    strBig(a, radix, out, 0, u);
    strBig(b, radix, out, u, n);
  }
  l.tail.fill(0, l.tail.length - l.b - 1);
  return out;
}

// ---- Per-key state: the AES context and recent layouts ----
// A layout is public but for y0, a MAC state under the key: both live in the key's entry, which the
// WeakMap drops with the caller's key object.

const LAYOUTS_PER_KEY = 256;
/**
 * Tweaks whose round block the batch path remembers per key (16 bytes each, 256 KiB in all): fpe's
 * tweak holds the kept ends (a card's last four: 10,000 tweaks), far more than LAYOUTS_PER_KEY.
 */
const BASES_PER_KEY = 16_384;

/**
 * The batch path's per-tweak state, one 16-byte block each in one slab: Y0 ⊕ Q's last block with
 * [i] and NUM(B) zero (all a round needs besides the public _Dims). Keyed material: it lives in the
 * key's entry and is zeroed when the cache fills (cleared whole, not evicted one by one).
 */
class _BaseBlocks {
  readonly #slots = new Map<string, number>();
  readonly #slab = Buffer.alloc(BASES_PER_KEY * BLOCK);

  /** Copies the block of `k` to `out` at `at`; false when it is not remembered. */
  copyTo(k: string, out: Buffer, at: number): boolean {
    const slot = this.#slots.get(k);
    if (slot === undefined) return false;
    // 16 bytes by hand: Buffer#copy's native call costs more than the copy at this size.
    const slab = this.#slab;
    for (let k = 0, from = slot * BLOCK; k < BLOCK; k++) out[at + k] = slab[from + k]!;
    return true;
  }

  set(k: string, from: Buffer, at: number): void {
    if (this.#slots.has(k)) return;
    if (this.#slots.size >= BASES_PER_KEY) {
      this.#slots.clear();
      this.#slab.fill(0);
    }
    const slot = this.#slots.size;
    this.#slots.set(k, slot);
    const slab = this.#slab;
    for (let q = 0, to = slot * BLOCK; q < BLOCK; q++) slab[to + q] = from[at + q]!;
  }
}

interface KeyState {
  readonly aes: AesBlock;
  readonly pStates: PStates;
  readonly layouts: Lru<string, _Layout>;
  readonly bases: _BaseBlocks;
}

const keys = new KeyCache<KeyState>();

function keyState(key: Uint8Array): KeyState {
  return keys.get(key, (k) => ({ aes: new AesBlock(k), pStates: new Lru<string, Buffer>(64), layouts: new Lru<string, _Layout>(LAYOUTS_PER_KEY), bases: new _BaseBlocks() }));
}

/** The tweak's bytes one character each (latin1: half the length of hex, the same one-to-one map). */
function layoutKey(radix: number, n: number, tweak: Uint8Array): string {
  return `${radix}:${n}:${Buffer.from(tweak.buffer, tweak.byteOffset, tweak.length).toString('latin1')}`;
}

function layoutFor(st: KeyState, radix: number, n: number, tweak: Uint8Array): _Layout {
  const k = layoutKey(radix, n, tweak);
  let l = st.layouts.get(k);
  if (l === undefined) {
    l = buildLayout(st.aes, st.pStates, radix, n, tweak);
    st.layouts.set(k, l);
  }
  return l;
}

const EMPTY = new Uint8Array(0);

function crypt(key: Uint8Array, radix: number, digits: readonly number[], options: Ff1Options | undefined, decrypt: boolean): number[] {
  checkKey(key);
  checkFf1Domain(radix, digits.length);
  const tweak = options?.tweak ?? EMPTY;
  checkTweak(tweak);
  checkDigits(digits, radix);
  const st = keyState(key);
  return run(st.aes, layoutFor(st, radix, digits.length, tweak), digits, decrypt);
}

/** Encrypts a numeral string given as digits in [0, radix). */
export function ff1EncryptDigits(key: Uint8Array, radix: number, digits: readonly number[], options?: Ff1Options): number[] {
  return crypt(key, radix, digits, options, false);
}

/** Inverse of {@link ff1EncryptDigits}. */
export function ff1DecryptDigits(key: Uint8Array, radix: number, digits: readonly number[], options?: Ff1Options): number[] {
  return crypt(key, radix, digits, options, true);
}

// ---- Batches: many values under one key and radix, each with its own tweak ----
// Round i of FF1 on one value is one AES block (the layouts above) that depends only on that value's
// state, so round i of every value in a batch is one ECB call over all their blocks: 10 AES calls
// per batch instead of 10 per value (a node:crypto call costs ~0.5 µs whatever its size; the AES
// itself ~10 ns a block). Values whose layout needs more than one block per round, more than one
// PRF block (d > 16) or BigInt numerals go through run() one by one. Outputs are those of
// ff1EncryptDigits / ff1DecryptDigits value by value (test/unit/crypto/ff1.test.ts checks it).

/** One value of a batch: its numeral string as digits, and its tweak. */
export interface Ff1BatchItem {
  readonly digits: readonly number[];
  readonly tweak: Uint8Array;
}

/**
 * Throws what ff1EncryptDigits would throw for these inputs (same codes and messages, same order),
 * without encrypting: for callers that must know which value of a batch fails before running it.
 */
export function checkFf1Input(key: Uint8Array, radix: number, digits: readonly number[], tweak: Uint8Array): void {
  checkKey(key);
  checkFf1Domain(radix, digits.length);
  checkTweak(tweak);
  checkDigits(digits, radix);
}

/**
 * Rounds of the batchable values `at` (indexes into items), ten ECB calls in all. `base` holds, per
 * value, Y0 ⊕ (Q's last block with [i] and NUM(B) zero), the same in every round; it is zeroed here.
 */
function runBatch(aes: AesBlock, dims: readonly _Dims[], base: Buffer, items: readonly Ff1BatchItem[], at: readonly number[], out: number[][], decrypt: boolean): void {
  const count = at.length;
  const x = Buffer.alloc(count * BLOCK);
  const as = new Array<number>(count);
  const bs = new Array<number>(count);
  for (let j = 0; j < count; j++) {
    const l = dims[j]!;
    const d = items[at[j]!]!.digits;
    as[j] = numSmall(d, 0, l.u, l.radix);
    bs[j] = numSmall(d, l.u, l.n, l.radix);
  }
  for (let r = 0; r < 10; r++) {
    const i = decrypt ? 9 - r : r;
    base.copy(x, 0, 0, count * BLOCK);
    for (let j = 0; j < count; j++) {
      const l = dims[j]!;
      const o = j * BLOCK;
      // The PRF input's last block: [i]_1 ‖ [NUM(B)]_b (decrypt: NUM(A)), big-endian, after Y0 ⊕ template.
      x[o + BLOCK - l.b - 1]! ^= i;
      let num = decrypt ? as[j]! : bs[j]!;
      for (let k = o + BLOCK - 1; k >= o + BLOCK - l.b; k--) {
        const q = Math.floor(num / 256);
        x[k]! ^= num - q * 256;
        num = q;
      }
    }
    const s = aes.encryptBlocks(x);
    for (let j = 0; j < count; j++) {
      const l = dims[j]!;
      const o = j * BLOCK;
      const m = (i & 1) === 0 ? l.modU : l.modV;
      // y = NUM(S[0..d)) mod m, as ySmall.
      const y = _numMod(s, o, l.d, m);
      if (!decrypt) {
        // Algorithm 7 step 6: C = (NUM(A) + y) mod radix^m; A = B; B = C.
        const c = as[j]! + y;
        as[j] = bs[j]!;
        bs[j] = c >= m ? c - m : c;
      } else {
        // Algorithm 8 step 6: C = (NUM(B) − y) mod radix^m; B = A; A = C.
        const c = bs[j]! - y;
        bs[j] = as[j]!;
        as[j] = c < 0 ? c + m : c;
      }
    }
    s.fill(0);
  }
  base.fill(0);
  x.fill(0);
  for (let j = 0; j < count; j++) {
    const l = dims[j]!;
    const res = new Array<number>(l.n);
    strSmall(as[j]!, l.radix, res, 0, l.u);
    strSmall(bs[j]!, l.radix, res, l.u, l.n);
    out[at[j]!] = res;
  }
}

/**
 * The layouts of a batch's items: remembered ones from the key's cache, the others built together,
 * each CBC-MAC step over Q's fixed blocks one ECB call for all of them (same y0 as cbcMac).
 */
function layoutsFor(st: KeyState, radix: number, items: readonly Ff1BatchItem[], remember = true): _Layout[] {
  const out = new Array<_Layout>(items.length);
  const pending = new Map<string, { readonly shape: _Shape; readonly at: number[] }>();
  for (let j = 0; j < items.length; j++) {
    const { digits, tweak } = items[j]!;
    const k = layoutKey(radix, digits.length, tweak);
    const l = remember ? st.layouts.get(k) : undefined;
    if (l !== undefined) { out[j] = l; continue; }
    let p = pending.get(k);
    if (p === undefined) pending.set(k, (p = { shape: layoutShape(st.aes, st.pStates, radix, digits.length, tweak), at: [] }));
    p.at.push(j);
  }
  if (pending.size === 0) return out;
  const list = [...pending];
  const y = Buffer.alloc(list.length * BLOCK);
  let steps = 0;
  list.forEach(([, p], k) => {
    y.set(p.shape.yP, k * BLOCK);
    steps = Math.max(steps, (p.shape.fixed - BLOCK) / BLOCK);
  });
  // Step s: Y_k = CIPH(Y_k ⊕ X_(s+1)) for the values with more than s fixed blocks after P.
  for (let s = 0; s < steps; s++) {
    const active = list.map((_, k) => k).filter((k) => (list[k]![1].shape.fixed - BLOCK) / BLOCK > s);
    const x = Buffer.alloc(active.length * BLOCK);
    active.forEach((k, a) => {
      const pq = list[k]![1].shape.pq;
      const from = BLOCK + s * BLOCK;
      for (let q = 0; q < BLOCK; q++) x[a * BLOCK + q] = y[k * BLOCK + q]! ^ pq[from + q]!;
    });
    const e = st.aes.encryptBlocks(x);
    active.forEach((k, a) => e.copy(y, k * BLOCK, a * BLOCK, a * BLOCK + BLOCK));
    x.fill(0);
    e.fill(0);
  }
  list.forEach(([key, p], k) => {
    const l = finishLayout(p.shape, y.subarray(k * BLOCK, k * BLOCK + BLOCK));
    if (remember) st.layouts.set(key, l);
    for (const j of p.at) out[j] = l;
  });
  y.fill(0);
  return out;
}

function cryptBatch(key: Uint8Array, radix: number, items: readonly Ff1BatchItem[], decrypt: boolean): number[][] {
  checkKey(key);
  for (const it of items) checkFf1Input(key, radix, it.digits, it.tweak);
  const st = keyState(key);
  const out = new Array<number[]>(items.length);
  // Batchable values: their round block from the key's remembered ones, or built below. The others: one by one.
  const at: number[] = [];
  const dims: _Dims[] = [];
  const base = Buffer.alloc(items.length * BLOCK);
  const missed: Array<{ readonly k: string; readonly at: number }> = [];
  const others: number[] = [];
  let dj: _Dims | undefined;
  for (let j = 0; j < items.length; j++) {
    const it = items[j]!;
    // A column's values mostly share one length: its dims are looked up again only when it changes.
    if (dj?.n !== it.digits.length) dj = dimsFor(radix, it.digits.length);
    if (!dj.batchable) { others.push(j); continue; }
    const k = layoutKey(radix, it.digits.length, it.tweak);
    if (!st.bases.copyTo(k, base, at.length * BLOCK)) missed.push({ k, at: at.length });
    at.push(j);
    dims.push(dj);
  }
  if (missed.length > 0) {
    // Built together (one ECB call per CBC-MAC step for all of them), then kept as Y0 ⊕ Q's last block.
    const built = layoutsFor(st, radix, missed.map((m) => items[at[m.at]!]!), false);
    missed.forEach((m, q) => {
      const l = built[q]!;
      const o = m.at * BLOCK;
      for (let k = 0; k < BLOCK; k++) base[o + k] = l.y0[k]! ^ l.tail[k]!;
      st.bases.set(m.k, base, o);
    });
    // Not kept: items with one tweak share a layout, so zeroed only once every one is copied.
    for (const l of built) l.y0.fill(0);
  }
  if (others.length > 0) {
    const layouts = layoutsFor(st, radix, others.map((j) => items[j]!));
    others.forEach((j, q) => { out[j] = run(st.aes, layouts[q]!, items[j]!.digits, decrypt); });
  }
  if (at.length > 0) runBatch(st.aes, dims, base.subarray(0, at.length * BLOCK), items, at, out, decrypt);
  else base.fill(0);
  return out;
}

/**
 * FF1-encrypts many numeral strings under one key and radix, each with its own tweak: the outputs
 * of {@link ff1EncryptDigits} on each item, in order, in about ten AES calls for the whole batch.
 * Every item is checked first; the first invalid one throws (nothing is encrypted).
 *
 * @example
 * ```ts
 * ff1EncryptBatch(key, 10, [{ digits: [4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], tweak }, { digits: [5, 5, 5, 5, 5, 5, 5, 5], tweak: other }]);
 * ```
 */
export function ff1EncryptBatch(key: Uint8Array, radix: number, items: readonly Ff1BatchItem[]): number[][] {
  return cryptBatch(key, radix, items, false);
}

/** Inverse of {@link ff1EncryptBatch}: {@link ff1DecryptDigits} on each item. */
export function ff1DecryptBatch(key: Uint8Array, radix: number, items: readonly Ff1BatchItem[]): number[][] {
  return cryptBatch(key, radix, items, true);
}

/** FF1 bound to one key, radix and tweak; see {@link ff1Prepare}. */
export interface Ff1Cipher {
  readonly radix: number;
  encrypt(digits: readonly number[]): number[];
  decrypt(digits: readonly number[]): number[];
}

/**
 * Binds FF1 to `key`, `radix` and a tweak, for many values of any valid length: the key, radix and
 * tweak are checked once, and the per-length state is kept. Each call still checks the length and
 * the digits, with the same errors as {@link ff1EncryptDigits}. The key bytes are copied: changing
 * `key` afterwards does not change this cipher.
 *
 * @example
 * ```ts
 * const f = ff1Prepare(key, 10, { tweak });
 * const ct = f.encrypt([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]); // 16 other digits
 * f.decrypt(ct); // the input again
 * ```
 */
export function ff1Prepare(key: Uint8Array, radix: number, options?: Ff1Options): Ff1Cipher {
  checkKey(key);
  if (!Number.isInteger(radix) || radix < 2 || radix > FF1_MAX_RADIX) checkFf1Domain(radix, 2);
  const tweak = Uint8Array.from(options?.tweak ?? EMPTY);
  checkTweak(tweak);
  const aes = new AesBlock(key);
  const layouts = new Lru<number, _Layout>(64);
  const pStates: PStates = new Lru<string, Buffer>(64);
  const go = (digits: readonly number[], decrypt: boolean): number[] => {
    checkFf1Domain(radix, digits.length);
    checkDigits(digits, radix);
    let l = layouts.get(digits.length);
    if (l === undefined) {
      l = buildLayout(aes, pStates, radix, digits.length, tweak);
      layouts.set(digits.length, l);
    }
    return run(aes, l, digits, decrypt);
  };
  return { radix, encrypt: (d) => go(d, false), decrypt: (d) => go(d, true) };
}

/** An alphabet: its symbols in order; radix = number of symbols. Symbols are Unicode code points. */
export function parseAlphabet(alphabet: string): { symbols: string[]; index: Map<string, number> } {
  const symbols = [...alphabet];
  const index = new Map<string, number>();
  symbols.forEach((s, i) => index.set(s, i));
  if (index.size !== symbols.length || symbols.length < 2) {
    throw new CordonError('ERR_INPUT_INVALID', 'FF1 alphabet must have at least two distinct symbols');
  }
  return { symbols, index };
}

function toDigits(text: string, index: Map<string, number>): number[] {
  const out: number[] = [];
  let pos = 0;
  for (const ch of text) {
    const d = index.get(ch);
    if (d === undefined) throw new CordonError('ERR_INPUT_INVALID', 'FF1 input has a character outside the alphabet', { details: { position: pos } });
    out.push(d);
    pos++;
  }
  return out;
}

/**
 * Encrypts `text`, every character of which is in `alphabet`, to a string of the same length over
 * the same alphabet.
 *
 * @example
 * ```ts
 * ff1EncryptString(key, '0123456789', '4111111111111111') // → 16 other digits
 * ```
 */
export function ff1EncryptString(key: Uint8Array, alphabet: string, text: string, options?: Ff1Options): string {
  const { symbols, index } = parseAlphabet(alphabet);
  return ff1EncryptDigits(key, symbols.length, toDigits(text, index), options).map((d) => symbols[d]!).join('');
}

/** Inverse of {@link ff1EncryptString}. */
export function ff1DecryptString(key: Uint8Array, alphabet: string, text: string, options?: Ff1Options): string {
  const { symbols, index } = parseAlphabet(alphabet);
  return ff1DecryptDigits(key, symbols.length, toDigits(text, index), options).map((d) => symbols[d]!).join('');
}
