// The exact DP samplers against their exact distributions (OpenDP-style statistical tests): chi-square
// goodness of fit at α = 1e-6 with fixed seeds, Bernoulli(exp(−γ)) frequencies, and outputs on the
// 2^k grid whatever the input's low-order bits (Mironov 2012). Each test also shows it can fail: the
// same samples against a slightly wrong distribution are rejected.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bernoulliExp } from '../../../src/privacy/dp/bernoulli.js';
import { sampleDiscreteLaplace } from '../../../src/privacy/dp/discrete-laplace.js';
import { sampleDiscreteGaussian } from '../../../src/privacy/dp/discrete-gaussian.js';
import { addGridNoise, defaultGridK } from '../../../src/privacy/dp/grid-noise.js';
import { rational, rationalFromNumber, toNumber } from '../../../src/privacy/dp/rational.js';
import { uniformBelow } from '../../../src/privacy/dp/random-source.js';
import { chiSquarePValue, expNeg, fx, gaussianPmf, laplacePmf } from '../../helpers/dp-stats.js';
import { seededRandomSource } from '../../helpers/seeded-random.js';

const ALPHA = 1e-6;
const N = 40_000;
/** Two-sided normal quantile for α = 1e-6. */
const Z = 4.8916;

describe('rationals', () => {
  it('converts doubles exactly', () => {
    assert.deepEqual(rationalFromNumber(0.1), { num: 3602879701896397n, den: 36028797018963968n });
    assert.deepEqual(rationalFromNumber(-2.5), { num: -5n, den: 2n });
    assert.deepEqual(rationalFromNumber(5e-324), { num: 1n, den: 2n ** 1074n });
    assert.equal(toNumber(rationalFromNumber(1 / 3)), 1 / 3);
    assert.throws(() => rationalFromNumber(NaN), RangeError);
  });
});

describe('uniformBelow', () => {
  it('is uniform on {0..6} (chi-square)', () => {
    const rng = seededRandomSource('uniform');
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[Number(uniformBelow(7n, rng))]!++;
    const stat = counts.reduce((a, c) => a + (c - 10_000) ** 2 / 10_000, 0);
    assert.ok(stat < 39.1, `chi-square ${stat} (6 df; 39.1 is the 1e-6 critical value)`);
  });
});

describe('Bernoulli(exp(−γ)) (CKS Algorithm 1)', () => {
  for (const [num, den] of [[0n, 1n], [3n, 10n], [1n, 1n], [5n, 2n], [7n, 3n]] as const) {
    it(`γ = ${num}/${den}`, () => {
      const rng = seededRandomSource(`bexp-${num}/${den}`);
      let hits = 0;
      for (let i = 0; i < N; i++) if (bernoulliExp(rational(num, den), rng)) hits++;
      const p = fx(expNeg(num, den));
      const sd = Math.sqrt(N * p * (1 - p));
      if (sd === 0) assert.equal(hits, N);
      else assert.ok(Math.abs(hits - N * p) < Z * sd, `hits ${hits}, expected ${N * p} ± ${Z * sd}`);
    });
  }
});

function draws(f: () => bigint, n = N): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number(f()));
  return out;
}

describe('discrete Laplace (CKS Algorithm 2): goodness of fit at α = 1e-6', () => {
  for (const [t, s] of [[1n, 1n], [5n, 2n], [1n, 3n], [12n, 1n]] as const) {
    it(`scale ${t}/${s}`, () => {
      const rng = seededRandomSource(`dlap-${t}/${s}`);
      const xs = draws(() => sampleDiscreteLaplace(rational(t, s), rng));
      const r = chiSquarePValue(xs, (x) => laplacePmf(t, s, x));
      assert.ok(r.p > ALPHA, `p = ${r.p} (chi-square ${r.stat}, ${r.bins} bins)`);
      // The same samples against a scale 15% off are rejected: the test has power.
      const wrong = chiSquarePValue(xs, (x) => laplacePmf(t * 115n, s * 100n, x));
      assert.ok(wrong.p < ALPHA, `a wrong scale passed: p = ${wrong.p}`);
    });
  }
});

describe('discrete Gaussian (CKS Algorithm 3): goodness of fit at α = 1e-6', () => {
  for (const [num, den] of [[1n, 1n], [9n, 1n], [41n, 2n], [400n, 1n]] as const) {
    it(`σ² = ${num}/${den}`, () => {
      const rng = seededRandomSource(`dgauss-${num}/${den}`);
      const xs = draws(() => sampleDiscreteGaussian(rational(num, den), rng));
      const m = Math.ceil(Math.sqrt(Number(num) / Number(den)) * 12) + 5;
      const pmf = gaussianPmf(num, den, m);
      const r = chiSquarePValue(xs, (x) => pmf.get(x) ?? 0);
      assert.ok(r.p > ALPHA, `p = ${r.p} (chi-square ${r.stat}, ${r.bins} bins)`);
      const off = gaussianPmf(num * 121n, den * 100n, Math.ceil(m * 1.1));
      const wrong = chiSquarePValue(xs, (x) => off.get(x) ?? 0);
      assert.ok(wrong.p < ALPHA, `a wrong σ passed: p = ${wrong.p}`);
    });
  }
});

describe('real-valued noise on the 2^k grid (the float attack has nothing to read)', () => {
  it('every output is a multiple of 2^k', () => {
    const rng = seededRandomSource('grid');
    for (const x of [0, 0.1, 1 / 3, -7.25, 1e6 + 0.3, 123.456]) {
      for (const k of [-20, -3, 0, 2]) {
        for (let i = 0; i < 50; i++) {
          const y = addGridNoise(x, { kind: 'laplace', scale: 1.5 }, k, rng);
          assert.ok(Number.isInteger(y / 2 ** k), `${y} is not on the 2^${k} grid`);
          const g = addGridNoise(x, { kind: 'gaussian', sigma: 2.5 }, k, rng);
          assert.ok(Number.isInteger(g / 2 ** k), `${g} is not on the 2^${k} grid`);
        }
      }
    }
  });

  it('inputs that round to the same grid point give the same output for the same randomness', () => {
    // Mironov's attack reads which doubles a noisy output can be; here two inputs one ulp apart
    // (same grid point) produce identical output streams.
    const k = defaultGridK(2);
    for (const x of [0.1, 1000.7, -3.3]) {
      const next = x + Math.abs(x) * Number.EPSILON;
      assert.notEqual(next, x);
      const a = seededRandomSource(`same-${x}`);
      const b = seededRandomSource(`same-${x}`);
      for (let i = 0; i < 200; i++) assert.equal(addGridNoise(x, { kind: 'laplace', scale: 2 }, k, a), addGridNoise(next, { kind: 'laplace', scale: 2 }, k, b));
    }
  });

  it('the grid noise has the requested scale (goodness of fit in grid units)', () => {
    const rng = seededRandomSource('grid-fit');
    const k = -2; // scale 1.5 in units of 1/4 is 6
    const xs: number[] = [];
    for (let i = 0; i < N; i++) xs.push(addGridNoise(0, { kind: 'laplace', scale: 1.5 }, k, rng) / 2 ** k);
    const r = chiSquarePValue(xs, (x) => laplacePmf(6n, 1n, x));
    assert.ok(r.p > ALPHA, `p = ${r.p}`);
  });

  it('refuses parameters it cannot honour', () => {
    const rng = seededRandomSource('bad');
    assert.throws(() => addGridNoise(1, { kind: 'laplace', scale: 0 }, 0, rng), RangeError);
    assert.throws(() => addGridNoise(1, { kind: 'gaussian', sigma: NaN }, 0, rng), RangeError);
    assert.throws(() => addGridNoise(2 ** 60, { kind: 'laplace', scale: 1 }, -10, rng), RangeError);
  });
});
