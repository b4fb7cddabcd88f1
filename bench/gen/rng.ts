// Seeded randomness for the development-set generators: mulberry32, so a seed gives the same set on
// every machine and Node version. Never Math.random: committed sets must be reproducible.

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(r: Rng, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

export function pick<T>(r: Rng, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export function chance(r: Rng, p: number): boolean {
  return r() < p;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
