// Shared check that detection time grows linearly with input size on adversarial inputs. A
// catastrophic pattern is quadratic or worse: 8x the input costs 64x the time or more. Shared CI
// machines are noisy, so each size is timed as the best of five interleaved runs, the bound is
// 24x (well below 64x), and a failing measurement is repeated twice before the test fails: noise
// passes on a retry, a quadratic pattern fails all three.
import assert from 'node:assert/strict';

function best(run: () => void, n: number): number {
  let b = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    run();
    b = Math.min(b, Number(process.hrtime.bigint() - t0));
  }
  return b;
}

/** Asserts that `work(make(32 * size))` costs under 24x `work(make(4 * size))`. */
export function assertLinearTime(name: string, work: (text: string) => void, make: (n: number) => string, size: number): void {
  // Both sizes are taken 4x above `size`: below ~100k characters a warm run fits in the CPU caches and
  // runs several times faster per character than any larger input, which alone made linear recognizers
  // measure ratios of 20-30 on a quiet machine.
  const small = make(size * 4);
  const large = make(size * 32);
  work(small); // warm up the regex compiler and the word lists
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    let s = Infinity;
    let l = Infinity;
    for (let i = 0; i < 5; i++) {
      s = Math.min(s, best(() => work(small), 1));
      l = Math.min(l, best(() => work(large), 1));
    }
    // A floor of 0.2 ms on the small run keeps timer resolution from inflating the ratio.
    const ratio = l / Math.max(s, 200_000);
    if (ratio < 24) return;
    last = `${name}: ${(s / 1e6).toFixed(2)} ms → ${(l / 1e6).toFixed(2)} ms for 8x the input (ratio ${ratio.toFixed(1)})`;
  }
  assert.fail(last);
}
