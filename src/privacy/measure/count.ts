// A differentially private count: the number of records after per-subject bounding, plus discrete
// Laplace (ε) or discrete Gaussian (ρ) noise. Adding or removing one subject changes the bounded count
// by at most maxContributions, which is both the L1 and the L2 sensitivity.
import { boundContributions, type SubjectRecord } from '../dp/contributions.js';
import { integerNoise, interval95, noiseScale, sampleIntegerNoise } from '../dp/integer-mechanism.js';
import { defaultRandomSource } from '../dp/random-source.js';
import type { MeasureOptions, Release } from './release.js';

/**
 * @example
 * ```ts
 * dpCount(rows.map((r) => ({ subject: r.id, value: r })), { maxContributions: 1, privacy: { epsilon: 0.5 } })
 * // { value: 1013, mechanism: 'discrete-laplace', loss: { kind: 'pure', epsilon: 0.5 }, scale: 2, ... }
 * ```
 */
export function dpCount(records: Iterable<SubjectRecord<unknown>>, options: MeasureOptions): Release<number> {
  const kept = boundContributions(records, options.maxContributions);
  const noise = integerNoise(BigInt(options.maxContributions), options.privacy);
  const value = BigInt(kept.length) + sampleIntegerNoise(noise, options.rng ?? defaultRandomSource());
  return { value: Number(value), mechanism: noise.mechanism, loss: noise.loss, scale: noiseScale(noise), interval95: interval95(noise), sensitivity: options.maxContributions };
}
