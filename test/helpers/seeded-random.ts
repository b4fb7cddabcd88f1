// Test-only randomness for the DP samplers: SHA-256 in counter mode over a seed, so a statistical
// test draws the same samples on every run and machine. Never used outside tests: the library's
// default is the CSPRNG (src/privacy/dp/random-source.ts).
import { sha256 } from '../../src/crypto/hash.js';
import type { RandomSource } from '../../src/privacy/dp/random-source.js';

export function seededRandomSource(seed: string): RandomSource {
  const key = new TextEncoder().encode(seed);
  let block: Uint8Array = new Uint8Array(0);
  let at = 0;
  let counter = 0;
  const ctr = new Uint8Array(8);
  const view = new DataView(ctr.buffer);
  return {
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        if (at === block.length) {
          view.setFloat64(0, counter++);
          block = sha256(key, ctr);
          at = 0;
        }
        out[i] = block[at++]!;
      }
      return out;
    },
  };
}
