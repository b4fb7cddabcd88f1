// Where the samplers' randomness comes from: uniform integers drawn by rejection from random bytes,
// so every draw is exactly uniform (no modulo bias). The default source is the OS CSPRNG through
// src/crypto/random.ts; tests pass a seeded source (test/helpers) for reproducible statistics.
// Never Math.random.
import { randomBytes } from '../../crypto/random.js';

/** One-method extension point: fills a fresh array with `length` random bytes. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}

const POOL = 4096;

/** The CSPRNG, read in 4 KiB blocks so a sample does not cost a system call. */
export function cryptoRandomSource(): RandomSource {
  let pool: Uint8Array = new Uint8Array(0);
  let at = 0;
  return {
    bytes(length) {
      if (length > POOL) return randomBytes(length);
      if (at + length > pool.length) {
        pool = randomBytes(POOL);
        at = 0;
      }
      const out = pool.slice(at, at + length);
      pool.fill(0, at, at + length);
      at += length;
      return out;
    },
  };
}

let shared: RandomSource | undefined;
/** The process-wide CSPRNG source. */
export function defaultRandomSource(): RandomSource {
  return (shared ??= cryptoRandomSource());
}

/** Uniform on {0, …, n − 1}, n ≥ 1, by rejection on the smallest number of whole bytes. */
export function uniformBelow(n: bigint, rng: RandomSource): bigint {
  if (n <= 0n) throw new RangeError('uniformBelow: n must be positive');
  if (n === 1n) return 0n;
  const bits = (n - 1n).toString(2).length;
  const nbytes = (bits + 7) >> 3;
  const topMask = (1 << (bits - (nbytes - 1) * 8)) - 1;
  if (nbytes <= 6) {
    // Fits in a double exactly: cheaper than building a BigInt per byte.
    const limit = Number(n);
    for (;;) {
      const b = rng.bytes(nbytes);
      let v = b[0]! & topMask;
      for (let i = 1; i < nbytes; i++) v = v * 256 + b[i]!;
      if (v < limit) return BigInt(v);
    }
  }
  for (;;) {
    const b = rng.bytes(nbytes);
    let v = BigInt(b[0]! & topMask);
    for (let i = 1; i < nbytes; i++) v = (v << 8n) | BigInt(b[i]!);
    if (v < n) return v;
  }
}
