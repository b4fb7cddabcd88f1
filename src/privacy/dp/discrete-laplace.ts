// The discrete Laplace distribution on ℤ, P(x) ∝ exp(−|x|/scale), sampled exactly for a rational
// scale (CKS 2020, Algorithm 2). Adding it to an integer query of L1 sensitivity Δ gives
// (Δ/scale)-differential privacy.
import { bernoulli, bernoulliExp } from './bernoulli.js';
import { rational, type Rational } from './rational.js';
import { uniformBelow, type RandomSource } from './random-source.js';

const HALF: Rational = { num: 1n, den: 2n };
const ONE: Rational = { num: 1n, den: 1n };

/**
 * One draw of the discrete Laplace with scale t/s (`scale` = t/s in lowest terms).
 *
 * @example
 * ```ts
 * sampleDiscreteLaplace(rational(2n), defaultRandomSource()) // e.g. -1n; P(x) ∝ exp(−|x|/2)
 * ```
 */
export function sampleDiscreteLaplace(scale: Rational, rng: RandomSource): bigint {
  if (scale.num <= 0n) throw new RangeError('sampleDiscreteLaplace: scale must be positive');
  const t = scale.num;
  const s = scale.den;
  for (;;) {
    // X = U + t·V is geometric with parameter exp(−1/t): U uniform below t kept with exp(−U/t),
    // V geometric with exp(−1).
    const u = uniformBelow(t, rng);
    if (!bernoulliExp(rational(u, t), rng)) continue;
    let v = 0n;
    while (bernoulliExp(ONE, rng)) v++;
    const y = (u + t * v) / s;
    const negative = bernoulli(HALF, rng);
    // −0 and +0 would both give 0: reject one so 0 is not counted twice.
    if (negative && y === 0n) continue;
    return negative ? -y : y;
  }
}
