// Statistics for the DP sampler tests: exact pmfs in 60-digit fixed point (BigInt), and Pearson's
// chi-square goodness of fit with its p-value (regularised incomplete gamma, Numerical Recipes §6.2).

const DIGITS = 60n;
const ONE = 10n ** DIGITS;

/** e^{−num/den} in fixed point (×10^60), for num/den ≥ 0. */
export function expNeg(num: bigint, den: bigint): bigint {
  const whole = num / den;
  const frac = num - whole * den; // e^{−frac/den}, frac/den in [0, 1)
  const series = (n: bigint, d: bigint): bigint => {
    let term = ONE;
    let sum = ONE;
    for (let k = 1n; term !== 0n; k++) {
      term = (term * n) / (d * k);
      sum += k % 2n === 1n ? -term : term;
    }
    return sum;
  };
  let r = series(frac, den);
  const e1 = series(1n, 1n);
  for (let i = 0n; i < whole; i++) r = (r * e1) / ONE;
  return r;
}

/** Fixed-point value as a number (for the chi-square sums). */
export const fx = (v: bigint): number => Number((v * 10n ** 17n) / ONE) / 1e17;

/** Discrete Laplace pmf for scale t/s at x: (1 − q)/(1 + q) · q^|x|, q = e^{−s/t}. */
export function laplacePmf(t: bigint, s: bigint, x: number): number {
  const q = expNeg(s, t);
  const a = BigInt(Math.abs(x));
  const qx = expNeg(s * a, t);
  return fx(((ONE - q) * qx) / (ONE + q));
}

/** Discrete Gaussian pmf for σ² = num/den at every x in [−m, m] (normalised over that range). */
export function gaussianPmf(num: bigint, den: bigint, m: number): Map<number, number> {
  const w = new Map<number, bigint>();
  let z = 0n;
  for (let x = -m; x <= m; x++) {
    const v = expNeg(BigInt(x * x) * den, 2n * num);
    w.set(x, v);
    z += v;
  }
  const out = new Map<number, number>();
  for (const [x, v] of w) out.set(x, fx((v * ONE) / z));
  return out;
}

function gammaLn(x: number): number {
  const c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const cj of c) ser += cj / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** Q(a, x) = Γ(a, x)/Γ(a): the upper tail of a chi-square with 2a degrees of freedom at 2x. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const gln = gammaLn(a);
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < 10_000; n++) {
      del *= x / ++ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

/**
 * Pearson's chi-square test of samples against a pmf on ℤ: the support is cut into single-value bins
 * while each expects at least `minExpected`, the two tails are one bin each. Returns the p-value.
 */
export function chiSquarePValue(samples: readonly number[], pmf: (x: number) => number, minExpected = 10): { p: number; stat: number; bins: number } {
  const n = samples.length;
  const counts = new Map<number, number>();
  for (const x of samples) counts.set(x, (counts.get(x) ?? 0) + 1);
  // Centre bins: from the mode outwards while the expected count stays large enough.
  let lo = 0;
  let hi = 0;
  while (pmf(lo - 1) * n >= minExpected) lo--;
  while (pmf(hi + 1) * n >= minExpected) hi++;
  let stat = 0;
  let pInside = 0;
  for (let x = lo; x <= hi; x++) {
    const e = pmf(x) * n;
    const o = counts.get(x) ?? 0;
    stat += (o - e) ** 2 / e;
    pInside += pmf(x);
  }
  // The two tails as one bin each; split by side with the pmf's symmetry about 0.
  let below = 0;
  let above = 0;
  for (const [x, c] of counts) if (x < lo) below += c;
  else if (x > hi) above += c;
  const tail = ((1 - pInside) / 2) * n;
  let bins = hi - lo + 1;
  if (tail >= minExpected / 2) {
    stat += (below - tail) ** 2 / tail + (above - tail) ** 2 / tail;
    bins += 2;
  } else if (below + above > 0 && tail * 2 < 1e-9) {
    stat = Infinity; // samples where the distribution has (numerically) no mass
  }
  return { p: gammaQ((bins - 1) / 2, stat / 2), stat, bins };
}
