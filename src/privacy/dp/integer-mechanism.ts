// The one place a measurement turns a true integer answer into a noisy one: discrete Laplace for ε
// (scale = Δ₁/ε) or discrete Gaussian for ρ (σ² = Δ₂²/(2ρ)), the parameters kept as exact rationals
// so the privacy loss reported is exactly the one asked for, computed from the sensitivity.
import { sampleDiscreteGaussian } from './discrete-gaussian.js';
import { sampleDiscreteLaplace } from './discrete-laplace.js';
import { checkPrivacyParams, type PrivacyLoss, type PrivacyParams } from './privacy-loss.js';
import { div, mul, rational, rationalFromNumber, toNumber, type Rational } from './rational.js';
import type { RandomSource } from './random-source.js';

export type NoiseMechanism = 'discrete-laplace' | 'discrete-gaussian';

export interface IntegerNoise {
  readonly mechanism: NoiseMechanism;
  /** Laplace scale b, or Gaussian σ², in the answer's integer units (exact). */
  readonly parameter: Rational;
  readonly loss: PrivacyLoss;
}

/** The noise for a query of sensitivity Δ (integer units, L1 for ε and L2 for ρ) at the asked privacy. */
export function integerNoise(sensitivity: bigint, privacy: PrivacyParams): IntegerNoise {
  checkPrivacyParams(privacy);
  if (sensitivity <= 0n) throw new TypeError('integerNoise: sensitivity must be positive');
  if (privacy.epsilon !== undefined) {
    const scale = div(rational(sensitivity), rationalFromNumber(privacy.epsilon));
    // ε = Δ/b by construction, exactly.
    return { mechanism: 'discrete-laplace', parameter: scale, loss: { kind: 'pure', epsilon: privacy.epsilon } };
  }
  const rho = rationalFromNumber(privacy.rho!);
  const sigma2 = div(rational(sensitivity * sensitivity), mul(rational(2n), rho));
  return { mechanism: 'discrete-gaussian', parameter: sigma2, loss: { kind: 'zcdp', rho: privacy.rho! } };
}

export function sampleIntegerNoise(noise: IntegerNoise, rng: RandomSource): bigint {
  return noise.mechanism === 'discrete-laplace' ? sampleDiscreteLaplace(noise.parameter, rng) : sampleDiscreteGaussian(noise.parameter, rng);
}

/** The Laplace scale or the Gaussian σ, as a number in integer units (for reports). */
export function noiseScale(noise: IntegerNoise): number {
  return noise.mechanism === 'discrete-laplace' ? toNumber(noise.parameter) : Math.sqrt(toNumber(noise.parameter));
}

/**
 * Half-width h (integer units) with P(|noise| ≤ h) ≥ 0.95. Discrete Laplace: P(|Z| > m) =
 * 2q^{m+1}/(1+q), q = e^{−1/b}. Discrete Gaussian: the continuous 1.96σ rounded up (a report, not a
 * guarantee: the discrete Gaussian's tails are no heavier than the continuous one's, CKS 2020 §2).
 */
export function interval95(noise: IntegerNoise): number {
  if (noise.mechanism === 'discrete-laplace') {
    const q = Math.exp(-1 / toNumber(noise.parameter));
    if (q === 0) return 0;
    const m = Math.ceil(Math.log((0.05 * (1 + q)) / 2) / Math.log(q) - 1);
    return Math.max(0, m);
  }
  return Math.ceil(1.96 * Math.sqrt(toNumber(noise.parameter)));
}
