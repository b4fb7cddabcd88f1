// A differentially private histogram: a count per category. With the categories known in advance
// every one is released (zeros too), and one subject's ≤ c records change the counts by at most c in
// L1 and L2. With unknown categories the ones seen in the data are released only when their noisy
// count reaches a threshold τ, else a category's mere presence would reveal its one subject: the
// release is then (ε, δ)-DP with δ = c·P(Z ≥ τ − c), Z the discrete Laplace noise (a new subject
// brings at most c categories, each with at most c records; Wilson et al., PETS 2020, §3).
import { CordonError } from '../../errors.js';
import { boundContributions, type SubjectRecord } from '../dp/contributions.js';
import { integerNoise, interval95, noiseScale, sampleIntegerNoise } from '../dp/integer-mechanism.js';
import { defaultRandomSource } from '../dp/random-source.js';
import { toNumber } from '../dp/rational.js';
import type { MeasureOptions, Release } from './release.js';

export interface HistogramOptions extends MeasureOptions {
  /** The categories to release; absent: the ones in the data, thresholded (needs ε and delta). */
  readonly categories?: readonly string[];
  /** For unknown categories: the δ the threshold is set for (0 < δ < 1). */
  readonly delta?: number;
}

export interface HistogramBin {
  readonly category: string;
  readonly count: number;
}

/**
 * Smallest τ with c·P(Z ≥ τ − c) ≤ δ for discrete Laplace noise of scale b: P(Z ≥ m) = q^m/(1+q),
 * q = e^{−1/b}, for m ≥ 1. Exported for the docs' worked example and tests.
 */
export function histogramThreshold(scale: number, maxContributions: number, delta: number): number {
  const q = Math.exp(-1 / scale);
  const m = Math.max(1, Math.ceil(Math.log((delta * (1 + q)) / maxContributions) / Math.log(q)));
  // One more than the float solution: a rounding error can only make δ smaller.
  return maxContributions + m + 1;
}

/**
 * @example
 * ```ts
 * dpHistogram(rows.map((r) => ({ subject: r.id, value: r.region })), { categories: ['north', 'south'], maxContributions: 1, privacy: { epsilon: 1 } })
 * ```
 */
export function dpHistogram(records: Iterable<SubjectRecord<string>>, options: HistogramOptions): Release<HistogramBin[]> & { threshold?: number } {
  const rng = options.rng ?? defaultRandomSource();
  const c = options.maxContributions;
  const kept = boundContributions(records, c);
  const counts = new Map<string, bigint>();
  for (const v of kept) counts.set(v, (counts.get(v) ?? 0n) + 1n);
  const noise = integerNoise(BigInt(c), options.privacy);
  const base = { mechanism: noise.mechanism, scale: noiseScale(noise), interval95: interval95(noise), sensitivity: c };
  if (options.categories !== undefined) {
    const unique = [...new Set(options.categories)];
    const value = unique.map((category) => ({ category, count: Number((counts.get(category) ?? 0n) + sampleIntegerNoise(noise, rng)) }));
    return { ...base, value, loss: noise.loss };
  }
  const delta = options.delta;
  if (noise.mechanism !== 'discrete-laplace' || delta === undefined || !(delta > 0 && delta < 1)) {
    throw new CordonError('ERR_INPUT_INVALID', 'a histogram over categories not known in advance needs epsilon and a delta in (0, 1) for its threshold, or the list of categories');
  }
  const threshold = histogramThreshold(toNumber(noise.parameter), c, delta);
  const value: HistogramBin[] = [];
  // Sorted so the order of release says nothing about the order of the data.
  for (const category of [...counts.keys()].sort()) {
    const noisy = counts.get(category)! + sampleIntegerNoise(noise, rng);
    if (noisy >= BigInt(threshold)) value.push({ category, count: Number(noisy) });
  }
  return { ...base, value, loss: { kind: 'approx', epsilon: options.privacy.epsilon!, delta }, threshold };
}
