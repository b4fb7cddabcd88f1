// Exact Bernoulli trials on rationals: Bernoulli(p) and Bernoulli(exp(−γ)), Canonne, Kamath and
// Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020), Algorithm 1. Only integer
// comparisons of uniform draws: no exp(), no floating point.
import { compare, floor, rational, sub, type Rational } from './rational.js';
import { uniformBelow, type RandomSource } from './random-source.js';

const ONE: Rational = { num: 1n, den: 1n };

/** Bernoulli(p) for a rational 0 ≤ p ≤ 1: a uniform draw on {0, …, den − 1} below num. */
export function bernoulli(p: Rational, rng: RandomSource): boolean {
  if (p.num < 0n || p.num > p.den) throw new RangeError('bernoulli: p must be in [0, 1]');
  return uniformBelow(p.den, rng) < p.num;
}

/**
 * Bernoulli(exp(−γ)) for a rational γ ≥ 0 (CKS 2020, Algorithm 1). For γ ≤ 1 it draws
 * A_k ~ Bernoulli(γ/k) until the first A_k = 0 and answers whether that k is odd; for γ > 1 it
 * multiplies ⌊γ⌋ trials of exp(−1) with one of exp(−(γ − ⌊γ⌋)).
 */
export function bernoulliExp(gamma: Rational, rng: RandomSource): boolean {
  if (gamma.num < 0n) throw new RangeError('bernoulliExp: gamma must be non-negative');
  if (compare(gamma, ONE) <= 0) {
    let k = 1n;
    while (bernoulli(rational(gamma.num, gamma.den * k), rng)) k++;
    return (k & 1n) === 1n;
  }
  const whole = floor(gamma);
  for (let i = 0n; i < whole; i++) if (!bernoulliExp(ONE, rng)) return false;
  return bernoulliExp(sub(gamma, rational(whole)), rng);
}
