// ρ-zCDP to (ε, δ)-DP. Two valid bounds, the smaller taken:
//  - Bun and Steinke (TCC 2016), Proposition 1.3: ε = ρ + 2√(ρ·ln(1/δ));
//  - Canonne, Kamath and Steinke (NeurIPS 2020), Corollary 13: for any α > 1,
//    ε = αρ + (ln(1/δ) + (α−1)·ln(1−1/α) − ln α)/(α−1) (the form OpenDP's cdp_epsilon uses).
// Every α gives a valid ε, so a search that misses the optimum only overstates the cost; the result
// is raised by a relative 1e-12 against floating-point rounding.

/** The ε at which ρ-zCDP implies (ε, δ)-DP. */
export function zcdpToEpsilon(rho: number, delta: number): number {
  if (!(rho >= 0) || !Number.isFinite(rho)) throw new TypeError('zcdpToEpsilon: rho must be a non-negative number');
  if (!(delta > 0 && delta < 1)) throw new TypeError('zcdpToEpsilon: delta must be in (0, 1)');
  if (rho === 0) return 0;
  const l = Math.log(1 / delta);
  const bs = rho + 2 * Math.sqrt(rho * l);
  const at = (a: number) => a * rho + (l + (a - 1) * Math.log1p(-1 / a) - Math.log(a)) / (a - 1);
  // Golden-section search on log(α − 1), where the bound is unimodal; then take the best seen.
  let lo = Math.log(1e-6);
  let hi = Math.log(1e6 + l / rho);
  const g = (Math.sqrt(5) - 1) / 2;
  let best = Infinity;
  const f = (t: number) => {
    const v = at(1 + Math.exp(t));
    if (Number.isFinite(v) && v < best) best = v;
    return Number.isFinite(v) ? v : Infinity;
  };
  for (let i = 0; i < 200; i++) {
    const m1 = hi - g * (hi - lo);
    const m2 = lo + g * (hi - lo);
    if (f(m1) < f(m2)) hi = m2;
    else lo = m1;
  }
  return Math.min(bs, best) * (1 + 1e-12);
}

/** ε-DP implies (ε²/2)-zCDP (Bun and Steinke 2016, Proposition 1.4). */
export const pureToZcdp = (epsilon: number): number => (epsilon * epsilon) / 2;
