// `npm run bench:linear`: wall-clock growth of detection on the adversarial inputs of
// bench/linear-inputs.ts. Each input is timed at 4x and 32x a base size (both large enough to leave
// the CPU caches), best of five interleaved runs; linear code measures a ratio near 8, quadratic
// near 64. The tests check the same inputs by counted work, which does not depend on the machine's
// load; this bench is for the time itself, and prints CPU seconds beside it.
import { pathToFileURL } from 'node:url';
import { analyze } from '../src/detect/analyze.js';
import { findStreetAddresses } from '../src/detect/recognizers/street-address/index.js';
import { DEFAULT_RECOGNIZERS } from '../src/detect/registry.js';
import { ADDRESS_INPUTS, ANALYZE_INPUTS, IDENTIFIER_INPUTS, NAME_INPUTS, type AdversarialInputs } from './linear-inputs.js';

function once(run: () => void): number {
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function measure(run: (text: string) => void, make: (n: number) => string, size: number): { small: number; large: number } {
  const small = make(size * 4);
  const large = make(size * 32);
  run(small);
  let s = Infinity;
  let l = Infinity;
  for (let i = 0; i < 5; i++) {
    s = Math.min(s, once(() => run(small)));
    l = Math.min(l, once(() => run(large)));
  }
  return { small: s, large: l };
}

function main(): void {
  const size = Number(process.argv[process.argv.indexOf('--size') + 1] || 10_000);
  const all = (text: string): void => void analyze(text, DEFAULT_RECOGNIZERS, { threshold: 0 });
  const address = (text: string): void => { for (const c of findStreetAddresses(text)) void c; };
  const groups: Array<[string, AdversarialInputs, (text: string) => void]> = [
    ['analyze', ANALYZE_INPUTS, all], ['identifiers', IDENTIFIER_INPUTS, all], ['names', NAME_INPUTS, all], ['street-address finder', ADDRESS_INPUTS, address],
  ];
  console.log(`bench:linear — ${size * 4} and ${size * 32} characters, best of 5; linear ≈ 8x, quadratic ≈ 64x`);
  const u0 = process.cpuUsage();
  let worst = 0;
  for (const [group, inputs, run] of groups) {
    for (const [name, make] of inputs) {
      const { small, large } = measure(run, make, size);
      // A floor of 0.2 ms on the small run keeps timer resolution from inflating the ratio.
      const ratio = large / Math.max(small, 0.2);
      worst = Math.max(worst, ratio);
      console.log(`${group.padEnd(22)} ${name.padEnd(32)} ${small.toFixed(2).padStart(9)} ms → ${large.toFixed(2).padStart(9)} ms  ${ratio.toFixed(1).padStart(5)}x`);
    }
  }
  const u = process.cpuUsage(u0);
  console.log(`worst ratio ${worst.toFixed(1)}x; CPU ${((u.user + u.system) / 1e6).toFixed(2)} s`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
