// A differentially private sum of real values: each value clamped to [lower, upper] and rounded to the
// 2^k grid, summed exactly in grid units, and integer noise added in those units (the output is on
// the grid: ../dp/grid-noise.ts). Sensitivity: one subject's ≤ c values move the sum by at most
// c·max(|lower|, |upper|) (bounds rounded to the grid), in L1 and L2.
import { CordonError } from '../../errors.js';
import { boundContributions, type SubjectRecord } from '../dp/contributions.js';
import { defaultGridK, fromGridUnits, toGridUnits } from '../dp/grid-noise.js';
import { integerNoise, interval95, noiseScale, sampleIntegerNoise } from '../dp/integer-mechanism.js';
import { defaultRandomSource } from '../dp/random-source.js';
import { rationalFromNumber } from '../dp/rational.js';
import type { MeasureOptions, Release } from './release.js';

export interface SumOptions extends MeasureOptions {
  /** Clamping bounds: values outside are moved to the nearer bound (not dropped). */
  readonly lower: number;
  readonly upper: number;
  /** The grid is 2^k (default: fine enough that rounding is ~1e-6 of the noise scale). */
  readonly k?: number;
}

/** Checks the bounds; ERR_INPUT_INVALID when they are not finite or out of order. */
export function checkBounds(lower: number, upper: number): void {
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || lower > upper) {
    throw new CordonError('ERR_INPUT_INVALID', 'clamping bounds must be finite numbers with lower ≤ upper');
  }
}

/** The grid exponent for a sum: from the noise scale c·max(|L|,|U|)/ε (or the σ for ρ). */
function gridFor(o: SumOptions): number {
  if (o.k !== undefined) return o.k;
  const m = Math.max(Math.abs(o.lower), Math.abs(o.upper), Number.MIN_VALUE);
  const p = o.privacy.epsilon ?? Math.sqrt(2 * o.privacy.rho!);
  return defaultGridK((o.maxContributions * m) / p);
}

/** The sum in grid units (exact) and the sensitivity in grid units. */
export function clampedGridSum(values: readonly number[], o: SumOptions, k: number): { total: bigint; sensitivity: bigint } {
  checkBounds(o.lower, o.upper);
  const lo = toGridUnits(rationalFromNumber(o.lower), k);
  const hi = toGridUnits(rationalFromNumber(o.upper), k);
  let total = 0n;
  for (const v of values) {
    if (typeof v !== 'number' || Number.isNaN(v)) continue; // a missing value contributes nothing
    const u = toGridUnits(rationalFromNumber(Math.min(Math.max(v, o.lower), o.upper)), k);
    total += u;
  }
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const max = abs(lo) > abs(hi) ? abs(lo) : abs(hi);
  return { total, sensitivity: BigInt(o.maxContributions) * (max === 0n ? 1n : max) };
}

/**
 * @example
 * ```ts
 * dpSum(rows.map((r) => ({ subject: r.id, value: r.amount })), { lower: 0, upper: 500, maxContributions: 3, privacy: { epsilon: 1 } })
 * ```
 */
export function dpSum(records: Iterable<SubjectRecord<number>>, options: SumOptions): Release<number> {
  const k = gridFor(options);
  const { total, sensitivity } = clampedGridSum(boundContributions(records, options.maxContributions), options, k);
  const noise = integerNoise(sensitivity, options.privacy);
  const step = 2 ** k;
  let value: number;
  try {
    value = fromGridUnits(total + sampleIntegerNoise(noise, options.rng ?? defaultRandomSource()), k);
  } catch {
    throw new CordonError('ERR_INPUT_INVALID', 'the sum is too large for its grid: give a coarser grid (k) or tighter bounds');
  }
  return { value, mechanism: noise.mechanism, loss: noise.loss, scale: noiseScale(noise) * step, interval95: interval95(noise) * step, sensitivity: Number(sensitivity) * step };
}
