// Linear time, checked without a clock. A finder or an engine step that is quadratic re-reads the
// text (slices, searches, regex runs from every position) or re-asks its word lists for every word
// it visits; this helper counts that work while `work` runs, with counters wrapped around the
// built-in string, regex, array and Set/Map operations, and compares 8x the input with the base
// size. The counts are the same on every machine and under any load, so the bound is tight (linear
// work measures ~8x, quadratic ~64x; the test fails above 12x) and nothing is retried.
//
// What it cannot see: a regular expression's backtracking inside one call (the pattern check in
// linear-patterns.test.ts covers every built-in pattern), and loops that touch no counted operation.
// Wall-clock ratios are measured by `npm run bench:linear`, not by tests.
import assert from 'node:assert/strict';

type Method = (this: unknown, ...args: unknown[]) => unknown;

let work = 0;

/** Characters a search from `from` looked at: up to the hit, or to the end. */
function scanned(s: string, hit: number, from: number, needle: number): number {
  return hit < 0 ? s.length - from : hit - from + needle;
}

/** [owner, method name, cost of one call given this, args and the result]. */
const COUNTED: Array<[object, string, (self: unknown, args: unknown[], result: unknown) => number]> = [
  ...['slice', 'substring', 'substr', 'trim', 'trimStart', 'trimEnd', 'padStart', 'padEnd', 'repeat', 'concat'].map((m): [object, string, (s: unknown, a: unknown[], r: unknown) => number] =>
    [String.prototype, m, (_s, _a, r) => 1 + String(r).length]),
  ...['toLowerCase', 'toUpperCase', 'normalize', 'split', 'replace', 'replaceAll', 'match', 'matchAll', 'search', 'localeCompare'].map((m): [object, string, (s: unknown, a: unknown[], r: unknown) => number] =>
    [String.prototype, m, (s) => 1 + String(s).length]),
  [String.prototype, 'indexOf', (s, a, r) => 1 + scanned(String(s), r as number, Math.max(0, Number(a[1] ?? 0)), String(a[0]).length)],
  [String.prototype, 'includes', (s, a) => 1 + String(s).length - Math.max(0, Number(a[1] ?? 0))],
  [String.prototype, 'lastIndexOf', (s, a, r) => 1 + (Math.min(String(s).length, a[1] === undefined ? Infinity : Number(a[1])) - Math.max(0, r as number))],
  [String.prototype, 'startsWith', (_s, a) => 1 + String(a[0]).length],
  [String.prototype, 'endsWith', (_s, a) => 1 + String(a[0]).length],
  [Array.prototype, 'slice', (_s, _a, r) => 1 + (r as unknown[]).length],
  ...['indexOf', 'lastIndexOf', 'includes', 'join', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce', 'forEach', 'concat', 'flat', 'reverse', 'sort', 'fill'].map((m): [object, string, (s: unknown, a: unknown[], r: unknown) => number] =>
    [Array.prototype, m, (s) => 1 + (s as unknown[]).length]),
  [Set.prototype, 'has', () => 1],
  [Set.prototype, 'add', () => 1],
  [Map.prototype, 'get', () => 1],
  [Map.prototype, 'has', () => 1],
  [Map.prototype, 'set', () => 1],
];

/** Runs `fn` with every COUNTED method wrapped; returns the work counted. */
function counted(fn: () => void): number {
  const saved: Array<[object, string, Method]> = [];
  work = 0;
  // A regex run: from lastIndex (global or sticky) to the end of the match, or to the end of the text.
  const exec = RegExp.prototype.exec as Method;
  const test = RegExp.prototype.test as Method;
  const regexCost = (re: RegExp, s: string, start: number, m: RegExpExecArray | null): number =>
    1 + (m === null ? s.length - (re.global || re.sticky ? start : 0) : m.index + m[0].length - (re.global || re.sticky ? start : 0));
  try {
    for (const [owner, name, cost] of COUNTED) {
      const original = (owner as Record<string, Method>)[name]!;
      saved.push([owner, name, original]);
      (owner as Record<string, Method>)[name] = function (this: unknown, ...args: unknown[]): unknown {
        const r = original.apply(this, args);
        work += cost(this, args, r);
        return r;
      };
    }
    saved.push([RegExp.prototype, 'exec', exec], [RegExp.prototype, 'test', test]);
    RegExp.prototype.exec = function (this: RegExp, s: string): RegExpExecArray | null {
      const start = this.lastIndex;
      const m = exec.call(this, s) as RegExpExecArray | null;
      work += regexCost(this, String(s), start, m);
      return m;
    };
    RegExp.prototype.test = function (this: RegExp, s: string): boolean {
      const start = this.lastIndex;
      const m = exec.call(this, s) as RegExpExecArray | null;
      work += regexCost(this, String(s), start, m);
      return m !== null;
    };
    fn();
  } finally {
    for (const [owner, name, original] of saved.reverse()) (owner as Record<string, Method>)[name] = original;
  }
  return work;
}

/** The bound on work(8x the input) / work(the input): linear measures ~8, quadratic ~64. */
const MAX_RATIO = 12;

/**
 * Asserts that `work(make(8 * size))` does under 12x the counted work of `work(make(size))`; returns the ratio.
 *
 * @example
 * ```ts
 * assertLinearWork('digit run', (text) => analyze(text, DEFAULT_RECOGNIZERS), (n) => '7'.repeat(n), 5_000);
 * ```
 */
export function assertLinearWork(name: string, run: (text: string) => void, make: (n: number) => string, size: number): number {
  const small = make(size);
  const large = make(size * 8);
  // Word lists and caches built outside the count. Both sizes run once first, so each counted run
  // meets the other's text in the per-text caches (tokens, cue ends, casing) and neither is answered
  // from them: a warm small text made the ratio grow as the engine's own linear work shrank.
  run(small);
  run(large);
  const s = counted(() => run(small));
  const l = counted(() => run(large));
  const ratio = l / Math.max(s, 1);
  assert.ok(ratio < MAX_RATIO, `${name}: counted work ${s} → ${l} for 8x the input (ratio ${ratio.toFixed(1)}, linear is ~8)`);
  return ratio;
}
