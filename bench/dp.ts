// `npm run bench:dp [-- --groups G --trials T]`: accuracy of differentially private counts against
// the exact answers on generated data, and the samplers' speed.
//
// Accuracy: G groups of 1,000 data subjects each (one record per subject, plus a second record for
// 10% of them, which the contribution bound c = 1 drops), counted by region with known categories at
// ε = 1 (discrete Laplace, scale 1), T times (fewer for groups of 10,000: the same records handled). Relative error = |noisy − exact| / exact, where exact is
// the bounded count (1,000). Also the same at ρ = 0.5 (discrete Gaussian, σ = 1), a thresholded count by
// unlisted groups (ε = 1, δ = 1e-6), and groups of 100 and 10,000 for scale. The noise is the
// production path: CSPRNG, exact samplers. The data comes from a seeded generator (bench/gen/rng.ts).
//
// Speed: draws per wall second and per CPU second (user + system of this process); on a loaded machine
// compare the CPU figure.
import { dpHistogram } from '../src/privacy/measure/histogram.js';
import { sampleDiscreteGaussian } from '../src/privacy/dp/discrete-gaussian.js';
import { sampleDiscreteLaplace } from '../src/privacy/dp/discrete-laplace.js';
import { defaultRandomSource } from '../src/privacy/dp/random-source.js';
import { rational } from '../src/privacy/dp/rational.js';
import type { PrivacyParams } from '../src/privacy/dp/privacy-loss.js';
import { rng } from './gen/rng.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const GROUPS = arg('--groups', 50);
const TRIALS = arg('--trials', 200);

function data(groups: number, size: number): { records: Array<{ subject: string; value: string }>; categories: string[] } {
  const r = rng(17);
  const categories = Array.from({ length: groups }, (_, g) => `g${String(g).padStart(3, '0')}`);
  const records: Array<{ subject: string; value: string }> = [];
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < size; i++) {
      const subject = `s${g}-${i}`;
      records.push({ subject, value: categories[g]! });
      if (r() < 0.1) records.push({ subject, value: categories[g]! }); // a second visit: dropped by c = 1
    }
  }
  // Shuffled, so which record of a subject is kept does not follow the generation order.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return { records, categories };
}

const pct = (x: number) => `${(x * 100).toFixed(3)}%`;

/** E|Z| of the noise, by summing its pmf (doubles: a printed reference, not a test). */
function expectedAbs(privacy: PrivacyParams): number {
  const w = (z: number) => (privacy.epsilon !== undefined ? Math.exp(-Math.abs(z) * privacy.epsilon) : Math.exp(-(z * z) * privacy.rho!));
  let num = 0;
  let den = 0;
  for (let z = -2000; z <= 2000; z++) {
    num += Math.abs(z) * w(z);
    den += w(z);
  }
  return num / den;
}

function accuracy(label: string, size: number, privacy: PrivacyParams, delta?: number): void {
  const { records, categories } = data(GROUPS, size);
  // The same number of records handled per row, so groups of 10,000 do not take ten times as long.
  const trials = Math.max(10, Math.round((TRIALS * 1000) / Math.max(size, 1000)));
  const errs: number[] = [];
  let released = 0;
  let scale = 0;
  const cpu0 = process.cpuUsage();
  for (let t = 0; t < trials; t++) {
    const h = dpHistogram(records, { maxContributions: 1, privacy, ...(delta === undefined ? { categories } : { delta }) });
    scale = h.scale ?? 0;
    for (const b of h.value) {
      errs.push(Math.abs(b.count - size) / size);
      released++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  errs.sort((a, b) => a - b);
  const mean = errs.reduce((a, b) => a + b, 0) / errs.length;
  const q = (p: number) => errs[Math.min(errs.length - 1, Math.floor(p * errs.length))]!;
  process.stdout.write(`${label.padEnd(44)} groups of ${String(size).padStart(6)}  scale ${scale.toFixed(3).padStart(6)}  mean ${pct(mean).padStart(8)} (E|Z|/n ${pct(expectedAbs(privacy) / size).padStart(8)})  median ${pct(q(0.5)).padStart(8)}  p95 ${pct(q(0.95)).padStart(8)}  max ${pct(errs[errs.length - 1]!).padStart(8)}  (${released} answers, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} CPU s)\n`);
}

function speed(label: string, draw: () => bigint, n: number): void {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) draw();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1e6;
  process.stdout.write(`${label.padEnd(44)} ${Math.round(n / wall).toLocaleString('en-US').padStart(10)} draws/s wall  ${Math.round(n / cpu).toLocaleString('en-US').padStart(10)} draws/CPU s\n`);
}

process.stdout.write(`DP count accuracy against the exact answers: ${GROUPS} groups × ${TRIALS} trials (groups of 10,000: ${Math.max(10, Math.round(TRIALS / 10))}), c = 1, relative error |noisy − exact| / exact; E|Z|/n is the noise's expected relative error\n`);
accuracy('ε = 1, discrete Laplace, known groups', 1000, { epsilon: 1 });
accuracy('ρ = 0.5, discrete Gaussian, known groups', 1000, { rho: 0.5 });
accuracy('ε = 1, δ = 1e-6, unlisted groups (threshold)', 1000, { epsilon: 1 }, 1e-6);
accuracy('ε = 1, discrete Laplace, known groups', 100, { epsilon: 1 });
accuracy('ε = 1, discrete Laplace, known groups', 10_000, { epsilon: 1 });
accuracy('ε = 0.1, discrete Laplace, known groups', 1000, { epsilon: 0.1 });

process.stdout.write('\nSampler speed (CSPRNG, exact)\n');
const src = defaultRandomSource();
speed('discrete Laplace, scale 1', () => sampleDiscreteLaplace(rational(1n), src), 200_000);
speed('discrete Laplace, scale 10', () => sampleDiscreteLaplace(rational(10n), src), 200_000);
speed('discrete Laplace, scale 2^20 (a 2^-20 grid)', () => sampleDiscreteLaplace(rational(1n << 20n), src), 100_000);
speed('discrete Gaussian, σ = 1', () => sampleDiscreteGaussian(rational(1n), src), 100_000);
speed('discrete Gaussian, σ = 100', () => sampleDiscreteGaussian(rational(10_000n), src), 100_000);
