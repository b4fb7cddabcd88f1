// DP measurements: contribution bounding, clamping, the loss computed from the parameters, and the
// noise each adds checked against its exact distribution (chi-square at α = 1e-6, fixed seeds).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dpCount } from '../../../src/privacy/measure/count.js';
import { dpHistogram, histogramThreshold } from '../../../src/privacy/measure/histogram.js';
import { dpSum } from '../../../src/privacy/measure/sum.js';
import { dpMean } from '../../../src/privacy/measure/mean.js';
import { dpQuantile } from '../../../src/privacy/measure/quantile.js';
import { chiSquarePValue, laplacePmf } from '../../helpers/dp-stats.js';
import { seededRandomSource } from '../../helpers/seeded-random.js';

const ALPHA = 1e-6;
const rec = <V>(subject: string | number, value: V) => ({ subject: String(subject), value });

describe('dpCount', () => {
  it('bounds each subject to maxContributions and computes the loss and scale from them', () => {
    // 10 subjects × 5 records; with c = 2 the bounded count is 20.
    const rows = Array.from({ length: 50 }, (_, i) => rec(i % 10, i));
    const rng = seededRandomSource('count');
    const errs: number[] = [];
    let r;
    for (let i = 0; i < 20_000; i++) {
      r = dpCount(rows, { maxContributions: 2, privacy: { epsilon: 0.5 }, rng });
      errs.push(r.value - 20);
    }
    assert.deepEqual(r!.loss, { kind: 'pure', epsilon: 0.5 });
    assert.equal(r!.scale, 4);
    assert.equal(r!.sensitivity, 2);
    assert.equal(r!.mechanism, 'discrete-laplace');
    const fit = chiSquarePValue(errs, (x) => laplacePmf(4n, 1n, x));
    assert.ok(fit.p > ALPHA, `noise is not DLap(4): p = ${fit.p}`);
    // Centred on the bounded count (20), not the raw one (50): a mean error near 0.
    assert.ok(Math.abs(errs.reduce((a, b) => a + b, 0) / errs.length) < 0.2);
  });

  it('with rho uses the discrete Gaussian and reports ρ', () => {
    const r = dpCount([rec(1, 1)], { maxContributions: 3, privacy: { rho: 0.5 }, rng: seededRandomSource('g') });
    assert.equal(r.mechanism, 'discrete-gaussian');
    assert.deepEqual(r.loss, { kind: 'zcdp', rho: 0.5 });
    assert.equal(r.scale, 3); // σ = Δ/√(2ρ) = 3
  });

  it('refuses a missing or non-positive privacy parameter', () => {
    assert.throws(() => dpCount([], { maxContributions: 1, privacy: { epsilon: 0 } }), TypeError);
    assert.throws(() => dpCount([], { maxContributions: 0, privacy: { epsilon: 1 } }), TypeError);
  });
});

describe('dpHistogram', () => {
  it('known categories: every one released, zeros included, unknown values ignored', () => {
    const rows = [...Array.from({ length: 300 }, (_, i) => rec(i, 'north')), ...Array.from({ length: 100 }, (_, i) => rec(1000 + i, 'south')), rec(5000, 'elsewhere')];
    const r = dpHistogram(rows, { categories: ['north', 'south', 'east'], maxContributions: 1, privacy: { epsilon: 1 }, rng: seededRandomSource('h') });
    assert.deepEqual(r.value.map((b) => b.category), ['north', 'south', 'east']);
    assert.ok(Math.abs(r.value[0]!.count - 300) <= 15 && Math.abs(r.value[1]!.count - 100) <= 15 && Math.abs(r.value[2]!.count) <= 15);
    assert.deepEqual(r.loss, { kind: 'pure', epsilon: 1 });
  });

  it('unknown categories: a category only one subject has is suppressed by the threshold', () => {
    const rows = [...Array.from({ length: 500 }, (_, i) => rec(i, 'common')), rec('lonely', 'rare-diagnosis')];
    const rng = seededRandomSource('threshold');
    let rareSeen = 0;
    let commonSeen = 0;
    for (let i = 0; i < 2000; i++) {
      const r = dpHistogram(rows, { maxContributions: 1, privacy: { epsilon: 1 }, delta: 1e-6, rng });
      if (r.value.some((b) => b.category === 'rare-diagnosis')) rareSeen++;
      if (r.value.some((b) => b.category === 'common')) commonSeen++;
      assert.deepEqual(r.loss, { kind: 'approx', epsilon: 1, delta: 1e-6 });
    }
    assert.equal(rareSeen, 0);
    assert.equal(commonSeen, 2000);
  });

  it('the threshold meets δ: c·P(Z ≥ τ − c) ≤ δ, and τ − 1 would not with one fewer step', () => {
    for (const [b, c, delta] of [[1, 1, 1e-6], [2, 3, 1e-9], [10, 1, 1e-5]] as const) {
      const t = histogramThreshold(b, c, delta);
      const q = Math.exp(-1 / b);
      assert.ok((c * q ** (t - c)) / (1 + q) <= delta);
      assert.ok((c * q ** (t - c - 2)) / (1 + q) > delta, 'threshold not tight to within one step');
    }
  });

  it('unknown categories without delta are refused', () => {
    assert.throws(() => dpHistogram([rec(1, 'a')], { maxContributions: 1, privacy: { epsilon: 1 } }), { code: 'ERR_INPUT_INVALID' });
    assert.throws(() => dpHistogram([rec(1, 'a')], { maxContributions: 1, privacy: { rho: 1 }, delta: 1e-6 }), { code: 'ERR_INPUT_INVALID' });
  });
});

describe('dpSum and dpMean', () => {
  it('clamps, bounds contributions, and adds DLap(Δ/ε) noise on the grid', () => {
    // Subject 0 has a huge value (clamped to 10) and many records (bounded to 1).
    const rows = [rec(0, 1e9), rec(0, 5), rec(0, 5), rec(1, 2.5), rec(2, -3)];
    const rng = seededRandomSource('sum');
    const k = -2;
    const errs: number[] = [];
    let r;
    for (let i = 0; i < 20_000; i++) {
      r = dpSum(rows, { lower: -4, upper: 10, maxContributions: 1, privacy: { epsilon: 2 }, k, rng });
      assert.ok(Number.isInteger(r.value / 2 ** k), 'off the grid');
      errs.push((r.value - (10 + 2.5 - 3)) / 2 ** k);
    }
    assert.equal(r!.sensitivity, 10);
    assert.equal(r!.scale, 5);
    // Δ = 10 = 40 grid units, ε = 2: scale 20 grid units.
    const fit = chiSquarePValue(errs, (x) => laplacePmf(20n, 1n, x));
    assert.ok(fit.p > ALPHA, `p = ${fit.p}`);
  });

  it('mean: half the budget each for sum and count, close on large data', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => rec(i, i % 100));
    const r = dpMean(rows, { lower: 0, upper: 100, maxContributions: 1, privacy: { epsilon: 1 }, rng: seededRandomSource('mean') });
    assert.deepEqual(r.loss, { kind: 'pure', epsilon: 1 });
    assert.ok(Math.abs(r.value - 49.5) < 0.5, `mean ${r.value}`);
    const z = dpMean(rows, { lower: 0, upper: 100, maxContributions: 1, privacy: { rho: 0.5 }, rng: seededRandomSource('mean-z') });
    assert.deepEqual(z.loss, { kind: 'zcdp', rho: 0.5 });
  });

  it('refuses bounds out of order', () => {
    assert.throws(() => dpSum([], { lower: 2, upper: 1, maxContributions: 1, privacy: { epsilon: 1 } }), { code: 'ERR_INPUT_INVALID' });
  });
});

describe('dpQuantile (permute-and-flip)', () => {
  it('output frequencies match the exact permute-and-flip distribution', () => {
    // Values 0..9, candidates 0, 3, 6, 9, median: scores |½·lt − ½·gt| in units of ½ → |lt − gt|.
    const rows = Array.from({ length: 10 }, (_, i) => rec(i, i));
    const cands = [0, 3, 6, 9];
    const scores = cands.map((x) => Math.abs(rows.filter((r) => r.value < x).length - rows.filter((r) => r.value > x).length));
    const eps = 1;
    const delta = 1; // c·max(num, den − num) with α = 1/2: 1·1
    const best = Math.min(...scores);
    const p = scores.map((s) => Math.exp((-eps * (s - best)) / (2 * delta)));
    // P(r) = (1/k!) Σ over orders of p_r Π_{j before r} (1 − p_j) (one pass: the best is always accepted).
    const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest])));
    const all = perms([0, 1, 2, 3]);
    const exact = [0, 0, 0, 0];
    for (const order of all) {
      let through = 1;
      for (const r of order) {
        exact[r]! += (through * p[r]!) / all.length;
        through *= 1 - p[r]!;
      }
    }
    const rng = seededRandomSource('pf');
    const n = 20_000;
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const r = dpQuantile(rows, { alpha: 0.5, lower: 0, upper: 9, candidates: cands, maxContributions: 1, privacy: { epsilon: eps }, rng });
      counts[cands.indexOf(r.value)]!++;
    }
    const stat = counts.reduce((a, c, i) => a + (c - n * exact[i]!) ** 2 / (n * exact[i]!), 0);
    assert.ok(stat < 30.66, `chi-square ${stat} over 4 bins (3 df; 30.66 is the 1e-6 critical value); ${counts} vs ${exact.map((e) => e * n)}`);
  });

  it('finds the median of a large sample', () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => rec(i, i / 100));
    const r = dpQuantile(rows, { alpha: 0.5, lower: 0, upper: 100, bins: 200, maxContributions: 1, privacy: { epsilon: 1 }, rng: seededRandomSource('median') });
    assert.ok(Math.abs(r.value - 50) <= 1, `median ${r.value}`);
    assert.deepEqual(r.loss, { kind: 'pure', epsilon: 1 });
    assert.equal(r.mechanism, 'permute-and-flip');
  });
});
