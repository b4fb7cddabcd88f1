// Earth Mover's Distance between a class's distribution P of a sensitive attribute and the whole
// table's Q, as t-closeness defines it (Li, Li, Venkatasubramanian, "t-Closeness: Privacy Beyond
// k-Anonymity and l-Diversity", ICDE 2007, §4.2):
//   equal distance (categories):  EMD = ½ Σ_i |p_i − q_i|
//   ordered distance (numbers v_1 < … < v_m, d(v_i, v_j) = |i − j|/(m − 1)):
//                                 EMD = 1/(m − 1) · Σ_{i=1}^{m−1} |Σ_{j≤i} (p_j − q_j)|
// A class's P is given sparsely (its support, sorted, with counts), so the ordered form runs in
// O(support · log m) per class: between two support points P's CDF is constant and Q's is monotone,
// so the sum of |a − F_Q(i)| over a run splits where F_Q crosses a, and prefix sums of F_Q do the rest.

/** Q as the ordered distance needs it: its CDF and the prefix sums of the CDF. */
export interface OrderedBase {
  readonly m: number;
  /** cdf[i] = Σ_{j≤i} q_j. */
  readonly cdf: Float64Array;
  /** prefix[i] = Σ_{j<i} cdf[j]. */
  readonly prefix: Float64Array;
}

export function orderedBase(q: ArrayLike<number>): OrderedBase {
  const m = q.length;
  const cdf = new Float64Array(m);
  const prefix = new Float64Array(m + 1);
  let acc = 0;
  for (let i = 0; i < m; i++) {
    acc += q[i]!;
    cdf[i] = acc;
    prefix[i + 1] = prefix[i]! + acc;
  }
  return { m, cdf, prefix };
}

/** Σ_{i=u}^{v} |a − cdf[i]| for u ≤ v. */
function runSum(b: OrderedBase, a: number, u: number, v: number): number {
  // First index w in [u, v+1] with cdf[w] ≥ a.
  let lo = u;
  let hi = v + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (b.cdf[mid]! >= a) hi = mid;
    else lo = mid + 1;
  }
  const w = lo;
  const below = a * (w - u) - (b.prefix[w]! - b.prefix[u]!);
  const above = b.prefix[v + 1]! - b.prefix[w]! - a * (v + 1 - w);
  return below + above;
}

/**
 * Ordered-distance EMD of a class with `support` (value indexes into Q's order, ascending) and
 * `counts` (summing to `size`) against Q.
 */
export function orderedEmd(b: OrderedBase, support: ArrayLike<number>, counts: ArrayLike<number>, size: number): number {
  if (b.m < 2) return 0;
  const last = b.m - 2; // i runs over 0 … m−2 (the CDFs agree at m−1)
  let total = 0;
  let cum = 0;
  let start = 0;
  for (let j = 0; j <= support.length; j++) {
    const end = j < support.length ? support[j]! - 1 : last;
    const v = Math.min(end, last);
    if (start <= v) total += runSum(b, cum / size, start, v);
    if (j < support.length) {
      cum += counts[j]!;
      start = support[j]!;
    }
  }
  return total / (b.m - 1);
}

/**
 * Equal-distance EMD (half the L1 distance) of a class against Q, from the class's support only:
 * ½ (Σ_{i∈support} (|p_i − q_i| − q_i) + 1).
 */
export function equalEmd(q: ArrayLike<number>, support: ArrayLike<number>, counts: ArrayLike<number>, size: number): number {
  let acc = 1;
  for (let j = 0; j < support.length; j++) {
    const qi = q[support[j]!]!;
    acc += Math.abs(counts[j]! / size - qi) - qi;
  }
  return Math.max(0, acc / 2);
}
