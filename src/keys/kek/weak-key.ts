// Refuses master keys that are obviously not 32 random bytes: all one byte, a short pattern repeated,
// a counter or other arithmetic run, or too few distinct byte values. It cannot prove a key random
// (nothing can); it catches keys typed, padded or derived by hand. Never reports the key itself.
//
// Calibrated so a random key is never refused. For 32 uniform bytes:
//   - period p ≤ 16 (key[i] = key[i+p] for all i): 32-p ≥ 16 independent equalities, P ≤ 16·2^-128;
//   - the same on the 31 first differences (key[i+1] - key[i] mod 256): the 31-p equations are
//     triangular in the key bytes, so independent, P ≤ 16·2^-120;
//   - Shannon entropy of the byte histogram below 2 bits per byte (a 64-bit estimate for the key):
//     that needs at most 11 distinct values (12 give at least 2.12 bits), and P(≤ 11 distinct of 32
//     draws from 256) = 6.4e-26 < 2^-83 (exact occupancy distribution).
// So a random key is refused with probability below 2^-83. test/unit/keys/weak-key.test.ts also
// checks 100,000 random keys.

/** Longest repeated pattern refused (the key holds at least two copies of it). */
const MAX_PERIOD = 16;
/** Bits per byte the histogram must show: 2 × 32 bytes = a 64-bit estimate. */
const MIN_BITS_PER_BYTE = 2;

function period(bytes: readonly number[]): number | undefined {
  for (let p = 1; p <= MAX_PERIOD && p < bytes.length; p++) {
    let repeats = true;
    for (let i = 0; i + p < bytes.length && repeats; i++) repeats = bytes[i] === bytes[i + p];
    if (repeats) return p;
  }
  return undefined;
}

/** Shannon entropy of the byte histogram, in bits per byte. */
export function histogramEntropy(key: Uint8Array): number {
  const counts = new Map<number, number>();
  for (const b of key) counts.set(b, (counts.get(b) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / key.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Why `key` cannot be a random 32-byte master key, or undefined when nothing is wrong with it.
 *
 * @example
 * ```ts
 * weakKeyReason(new Uint8Array(32)); // 'every byte is the same'
 * weakKeyReason(randomBytes(32));    // undefined
 * ```
 */
export function weakKeyReason(key: Uint8Array): string | undefined {
  const bytes = [...key];
  const p = period(bytes);
  if (p === 1) return 'every byte is the same';
  if (p !== undefined) return `it repeats a ${p}-byte pattern`;
  const diffs = bytes.slice(1).map((b, i) => (b - bytes[i]! + 256) % 256);
  if (period(diffs) !== undefined) return 'its bytes follow an arithmetic pattern (a counter or sequence)';
  if (histogramEntropy(key) < MIN_BITS_PER_BYTE) return 'it has too few distinct byte values to be random';
  return undefined;
}
