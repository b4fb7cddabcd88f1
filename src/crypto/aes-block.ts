// AES as a block primitive over node:crypto (OpenSSL: AES-NI where the CPU has it, so no table
// lookups indexed by secrets), for the modes Cordon composes itself: FF1's CBC-MAC PRF and AES-SIV's
// CMAC and CTR. One ECB context per key is reused for every block: ECB keeps no state between
// blocks (encryption only, no padding), so there is nothing to reset between calls.
// Internal: not re-exported from index.ts. Raw ECB is a building block, never a mode for callers.
import { createCipheriv, createSecretKey, type Cipher, type KeyObject } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';

export const BLOCK = 16;
/** Above this many blocks one CBC context (a fresh key setup, ~3 block calls) beats ECB block by block. */
const CBC_MIN_BLOCKS = 4;

export class AesBlock {
  readonly #ecb: Cipher;
  readonly #key: KeyObject;
  readonly #bits: number;
  /** Scratch block for cbcMac (zeroed after use). */
  readonly #x = Buffer.alloc(BLOCK);

  /** `key`: 16, 24 or 32 bytes (the caller has checked). The bytes are copied into a KeyObject. */
  constructor(key: Uint8Array) {
    this.#bits = key.length * 8;
    this.#key = createSecretKey(key);
    this.#ecb = createCipheriv(`aes-${this.#bits}-ecb`, this.#key, null);
    this.#ecb.setAutoPadding(false);
  }

  /** CIPH_K over whole blocks (ECB); `data.length` is a multiple of 16. */
  encryptBlocks(data: Uint8Array): Buffer {
    return this.#ecb.update(data);
  }

  /**
   * CBC-MAC continued from chaining value `iv` over `data` (whole blocks): Y_j = CIPH_K(Y_(j-1) ⊕ X_j),
   * returns the last Y. `iv` is not modified.
   */
  cbcMac(iv: Uint8Array, data: Uint8Array): Buffer {
    const blocks = data.length / BLOCK;
    if (blocks >= CBC_MIN_BLOCKS) {
      const cbc = createCipheriv(`aes-${this.#bits}-cbc`, this.#key, iv);
      cbc.setAutoPadding(false);
      const out = cbc.update(data);
      return out.subarray(out.length - BLOCK);
    }
    if (blocks === 0) return Buffer.from(iv);
    const x = this.#x;
    let y: Uint8Array = iv;
    for (let j = 0; j < blocks; j++) {
      const o = j * BLOCK;
      for (let k = 0; k < BLOCK; k++) x[k] = y[k]! ^ data[o + k]!;
      y = this.#ecb.update(x);
    }
    x.fill(0);
    return y as Buffer;
  }

  /** AES-CTR with a 128-bit big-endian counter starting at `iv` (OpenSSL's and RFC 5297's increment). */
  ctr(iv: Uint8Array, data: Uint8Array): Buffer {
    return createCipheriv(`aes-${this.#bits}-ctr`, this.#key, iv).update(data);
  }
}

/**
 * A per-key cache: the value built for a key lives as long as the caller's key object (WeakMap, so
 * no key outlives its owner here) and is rebuilt when the bytes of that object have changed.
 */
export class KeyCache<T> {
  readonly #map = new WeakMap<Uint8Array, { readonly snapshot: Uint8Array; readonly value: T }>();

  get(key: Uint8Array, build: (key: Uint8Array) => T): T {
    const hit = this.#map.get(key);
    if (hit !== undefined && constantTimeEqual(hit.snapshot, key)) return hit.value;
    const value = build(key);
    this.#map.set(key, { snapshot: Uint8Array.from(key), value });
    return value;
  }
}

/** A small LRU map: bounded, so no sequence of inputs grows memory. */
export class Lru<K, V> {
  readonly #map = new Map<K, V>();
  constructor(readonly max: number) {}

  get(k: K): V | undefined {
    const v = this.#map.get(k);
    if (v !== undefined) {
      this.#map.delete(k);
      this.#map.set(k, v);
    }
    return v;
  }

  set(k: K, v: V): void {
    this.#map.delete(k);
    this.#map.set(k, v);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as K);
  }
}
