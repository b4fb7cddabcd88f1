// A differentially private quantile by the exponential mechanism over candidate values, sampled
// exactly with permute-and-flip (McKenna and Sheldon, NeurIPS 2020): candidates are visited in a
// uniformly random order and candidate r is accepted with probability exp(−ε·(s_r − s_min)/(2Δ)),
// a Bernoulli(exp(−γ)) on rationals (CKS Algorithm 1). It is ε-DP and never less accurate than the
// exponential mechanism. Score (OpenDP's): s(x) = |(1 − α)·#{v < x} − α·#{v > x}|, in units of 1/den
// for α = num/den, so scores are integers; one subject's ≤ c records move a score by at most
// c·max(num, den − num) = Δ.
import { CordonError } from '../../errors.js';
import { bernoulliExp } from '../dp/bernoulli.js';
import { boundContributions, type SubjectRecord } from '../dp/contributions.js';
import { defaultRandomSource, uniformBelow } from '../dp/random-source.js';
import { div, mul, rational, rationalFromNumber } from '../dp/rational.js';
import type { Release } from './release.js';
import { checkBounds } from './sum.js';

export interface QuantileOptions {
  /** The quantile, 0 < alpha < 1 (0.5 is the median). */
  readonly alpha: number;
  readonly lower: number;
  readonly upper: number;
  /** Candidate answers (sorted, inside the bounds); default: `bins` + 1 evenly spaced points. */
  readonly candidates?: readonly number[];
  readonly bins?: number;
  readonly maxContributions: number;
  /** Only ε: permute-and-flip is a pure-DP mechanism. */
  readonly privacy: { readonly epsilon: number };
  readonly rng?: import('../dp/random-source.js').RandomSource;
}

function candidatesOf(o: QuantileOptions): number[] {
  if (o.candidates !== undefined) {
    const c = [...o.candidates];
    if (c.length === 0 || c.some((x, i) => !Number.isFinite(x) || x < o.lower || x > o.upper || (i > 0 && x <= c[i - 1]!))) {
      throw new CordonError('ERR_INPUT_INVALID', 'quantile candidates must be increasing finite numbers inside the bounds');
    }
    return c;
  }
  const bins = o.bins ?? 100;
  if (!Number.isSafeInteger(bins) || bins < 1 || bins > 100_000) throw new CordonError('ERR_INPUT_INVALID', 'quantile bins must be an integer in [1, 100000]');
  return Array.from({ length: bins + 1 }, (_, i) => o.lower + ((o.upper - o.lower) * i) / bins);
}

/** Index of the first element of sorted `xs` not less than (strict: greater than) x. */
function bound(xs: readonly number[], x: number, strict: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (strict ? xs[mid]! <= x : xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * @example
 * ```ts
 * dpQuantile(rows.map((r) => ({ subject: r.id, value: r.age })), { alpha: 0.5, lower: 0, upper: 120, maxContributions: 1, privacy: { epsilon: 1 } })
 * ```
 */
export function dpQuantile(records: Iterable<SubjectRecord<number>>, o: QuantileOptions): Release<number> {
  checkBounds(o.lower, o.upper);
  if (!(o.alpha > 0 && o.alpha < 1)) throw new CordonError('ERR_INPUT_INVALID', 'the quantile must be between 0 and 1');
  const eps = o.privacy.epsilon;
  if (typeof eps !== 'number' || !(eps > 0) || !Number.isFinite(eps)) throw new TypeError('dpQuantile: epsilon must be a positive finite number');
  const rng = o.rng ?? defaultRandomSource();
  const values = boundContributions(records, o.maxContributions)
    .filter((v) => typeof v === 'number' && !Number.isNaN(v))
    .map((v) => Math.min(Math.max(v, o.lower), o.upper))
    .sort((a, b) => a - b);
  const cands = candidatesOf(o);
  const a = rationalFromNumber(o.alpha);
  const num = a.num;
  const den = a.den;
  const scores = cands.map((x) => {
    const lt = BigInt(bound(values, x, false));
    const gt = BigInt(values.length - bound(values, x, true));
    const s = (den - num) * lt - num * gt;
    return s < 0n ? -s : s;
  });
  const sensitivity = BigInt(o.maxContributions) * (num > den - num ? num : den - num);
  const best = scores.reduce((m, s) => (s < m ? s : m));
  // γ_r = ε·(s_r − s_min)/(2Δ), exact.
  const factor = div(rationalFromNumber(eps), rational(2n * sensitivity));
  const order = cands.map((_, i) => i);
  for (;;) {
    // Fisher–Yates, drawing as we go: permute-and-flip visits a uniformly random order.
    for (let i = 0; i < order.length; i++) {
      const j = i + Number(uniformBelow(BigInt(order.length - i), rng));
      [order[i], order[j]] = [order[j]!, order[i]!];
      const r = order[i]!;
      if (bernoulliExp(mul(factor, rational(scores[r]! - best)), rng)) {
        return { value: cands[r]!, mechanism: 'permute-and-flip', loss: { kind: 'pure', epsilon: eps }, sensitivity: Number(sensitivity) / Number(den) };
      }
    }
    // Unreachable in exact arithmetic (the best candidate is accepted with probability 1).
  }
}
