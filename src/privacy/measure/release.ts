// What every measurement returns: the noisy value with how it was made and what it cost. The loss
// is computed from the sensitivity and noise parameters, never taken on trust.
import type { PrivacyLoss, PrivacyParams } from '../dp/privacy-loss.js';
import type { RandomSource } from '../dp/random-source.js';

export type ReleaseMechanism = 'discrete-laplace' | 'discrete-gaussian' | 'permute-and-flip';

export interface Release<T> {
  readonly value: T;
  readonly mechanism: ReleaseMechanism;
  readonly loss: PrivacyLoss;
  /** Laplace scale b or Gaussian σ in the answer's units (absent for permute-and-flip). */
  readonly scale?: number;
  /** Half-width of a 95% interval around the true answer, in the answer's units, when one is known. */
  readonly interval95?: number;
  /** The sensitivity the noise was calibrated to, in the answer's units. */
  readonly sensitivity: number;
}

export interface MeasureOptions {
  /** Records one data subject may contribute; the rest of that subject's records are dropped. */
  readonly maxContributions: number;
  readonly privacy: PrivacyParams;
  /** Randomness (default: the CSPRNG). Tests pass a seeded source. */
  readonly rng?: RandomSource;
}
