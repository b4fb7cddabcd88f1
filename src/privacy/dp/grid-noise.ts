// Real-valued noise on a 2^k grid, as OpenDP does: the value is rounded to the nearest multiple of
// 2^k (exactly, in rationals), integer noise in units of 2^k is added, and the result is that integer
// times 2^k, which a double holds exactly. Every output is on the grid whatever the input, so the
// low-order bits carry nothing about it: Mironov's attack on floating-point Laplace (CCS 2012) has
// nothing to read.
import { sampleDiscreteGaussian } from './discrete-gaussian.js';
import { sampleDiscreteLaplace } from './discrete-laplace.js';
import { add, div, floor, mul, rational, rationalFromNumber, type Rational } from './rational.js';
import type { RandomSource } from './random-source.js';

/** The noise to add: discrete Laplace of a scale, or discrete Gaussian of a σ, both in real units. */
export type GridNoise =
  | { readonly kind: 'laplace'; readonly scale: number }
  | { readonly kind: 'gaussian'; readonly sigma: number };

/** Largest integer a double holds exactly with all its neighbours. */
const MAX_EXACT = 2n ** 53n;

/** 2^k as a rational. */
export function gridStep(k: number): Rational {
  if (!Number.isSafeInteger(k) || Math.abs(k) > 1074) throw new RangeError('gridStep: k must be an integer in [-1074, 1074]');
  return k >= 0 ? rational(1n << BigInt(k)) : rational(1n, 1n << BigInt(-k));
}

/** x rounded to the nearest multiple of 2^k (halves up), in grid units: ⌊x/2^k + 1/2⌋. */
export function toGridUnits(x: Rational, k: number): bigint {
  return floor(add(div(x, gridStep(k)), { num: 1n, den: 2n }));
}

/** n · 2^k as a number; throws RangeError when it would not be exact. */
export function fromGridUnits(n: bigint, k: number): number {
  if ((n < 0n ? -n : n) > MAX_EXACT) throw new RangeError('fromGridUnits: the value does not fit the grid exactly');
  return Number(n) * 2 ** k;
}

/**
 * Integer noise in grid units for a real-valued scale (or σ): the scale divided by 2^k, exactly.
 * Laplace scale b becomes b/2^k; Gaussian σ becomes σ²/2^{2k}.
 */
export function sampleGridNoise(noise: GridNoise, k: number, rng: RandomSource): bigint {
  const step = gridStep(k);
  switch (noise.kind) {
    case 'laplace': {
      if (!(noise.scale > 0) || !Number.isFinite(noise.scale)) throw new RangeError('sampleGridNoise: scale must be positive and finite');
      return sampleDiscreteLaplace(div(rationalFromNumber(noise.scale), step), rng);
    }
    case 'gaussian': {
      if (!(noise.sigma > 0) || !Number.isFinite(noise.sigma)) throw new RangeError('sampleGridNoise: sigma must be positive and finite');
      const s = div(rationalFromNumber(noise.sigma), step);
      return sampleDiscreteGaussian(mul(s, s), rng);
    }
  }
}

/**
 * `value` plus noise, on the 2^k grid.
 *
 * @example
 * ```ts
 * addGridNoise(10.3, { kind: 'laplace', scale: 2 }, -10, defaultRandomSource()) // a multiple of 1/1024
 * ```
 */
export function addGridNoise(value: number, noise: GridNoise, k: number, rng: RandomSource): number {
  const units = toGridUnits(rationalFromNumber(value), k);
  return fromGridUnits(units + sampleGridNoise(noise, k, rng), k);
}

/** A grid fine enough that rounding is small beside the noise: 2^k ≤ scale/2^20, k ≥ −1074. */
export function defaultGridK(scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError('defaultGridK: scale must be positive and finite');
  return Math.max(-1074, Math.floor(Math.log2(scale)) - 20);
}
