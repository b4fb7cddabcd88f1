// The discrete Gaussian on ℤ, P(x) ∝ exp(−x²/(2σ²)), sampled exactly for a rational σ² by rejection
// from a discrete Laplace (CKS 2020, Algorithm 3). Adding it to an integer query of L2 sensitivity Δ
// gives ρ-zCDP with ρ = Δ²/(2σ²) (CKS 2020, Theorem 14).
import { bernoulliExp } from './bernoulli.js';
import { sampleDiscreteLaplace } from './discrete-laplace.js';
import { div, floor, isqrt, mul, rational, sub, type Rational } from './rational.js';
import type { RandomSource } from './random-source.js';

/**
 * One draw of the discrete Gaussian with variance parameter σ² (`sigma2`, a positive rational).
 *
 * @example
 * ```ts
 * sampleDiscreteGaussian(rational(9n), defaultRandomSource()) // e.g. 4n; σ = 3
 * ```
 */
export function sampleDiscreteGaussian(sigma2: Rational, rng: RandomSource): bigint {
  if (sigma2.num <= 0n) throw new RangeError('sampleDiscreteGaussian: sigma² must be positive');
  // t = ⌊σ⌋ + 1, and ⌊σ⌋ = ⌊√⌊σ²⌋⌋.
  const t = isqrt(floor(sigma2)) + 1n;
  const tr = rational(t);
  const shift = div(sigma2, tr);
  const twoSigma2 = mul(rational(2n), sigma2);
  for (;;) {
    const y = sampleDiscreteLaplace(tr, rng);
    const a = y < 0n ? -y : y;
    const d = sub(rational(a), shift);
    // Keep y with probability exp(−(|y| − σ²/t)² / (2σ²)).
    if (bernoulliExp(div(mul(d, d), twoSigma2), rng)) return y;
  }
}
