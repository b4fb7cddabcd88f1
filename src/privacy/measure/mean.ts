// A differentially private mean: a noisy clamped sum over a noisy count, each with half the privacy
// (ε/2 + ε/2 = ε by basic composition; ρ/2 + ρ/2 = ρ for zCDP), the ratio clamped to the bounds
// (post-processing costs nothing). Records without a number are left out of both.
import type { SubjectRecord } from '../dp/contributions.js';
import type { PrivacyLoss, PrivacyParams } from '../dp/privacy-loss.js';
import { defaultRandomSource } from '../dp/random-source.js';
import { dpCount } from './count.js';
import type { Release } from './release.js';
import { checkBounds, dpSum, type SumOptions } from './sum.js';

/**
 * @example
 * ```ts
 * dpMean(rows.map((r) => ({ subject: r.id, value: r.age })), { lower: 0, upper: 100, maxContributions: 1, privacy: { epsilon: 1 } })
 * ```
 */
export function dpMean(records: readonly SubjectRecord<number>[], options: SumOptions): Release<number> & { sum: number; count: number } {
  checkBounds(options.lower, options.upper);
  const rng = options.rng ?? defaultRandomSource();
  const numeric = records.filter((r) => typeof r.value === 'number' && !Number.isNaN(r.value));
  const half: PrivacyParams = options.privacy.epsilon !== undefined ? { epsilon: options.privacy.epsilon / 2 } : { rho: options.privacy.rho! / 2 };
  // Both halves bound contributions the same way over the same array, so they see the same records.
  const sum = dpSum(numeric, { ...options, privacy: half, rng });
  const count = dpCount(numeric, { maxContributions: options.maxContributions, privacy: half, rng });
  const raw = count.value > 0 ? sum.value / count.value : (options.lower + options.upper) / 2;
  const value = Math.min(Math.max(raw, options.lower), options.upper);
  const loss: PrivacyLoss = sum.loss.kind === 'pure' && count.loss.kind === 'pure'
    ? { kind: 'pure', epsilon: sum.loss.epsilon + count.loss.epsilon }
    : { kind: 'zcdp', rho: (sum.loss as { rho: number }).rho + (count.loss as { rho: number }).rho };
  return { value, mechanism: sum.mechanism, loss, sensitivity: sum.sensitivity, sum: sum.value, count: count.value };
}
