// Cycle walking for fpe on number columns (a column whose contract logicalType is integer or number):
// FF1 over digits can turn 4111… into 0417…, which is not a number of the same width. Protect walks
// (applies the permutation to its own output) until the output is of the same class as the input —
// a canonical number (no leading zero, JSON spelling) or not — and reveal walks back the same way, so
// the map stays a bijection within each class and every value round-trips (Bellare–Rogaway, "cycle
// walking"). Pure.
import { CordonError } from '../errors.js';

/** Steps after which a walk gives up: a class holding ≥ 10% of the digits' values is hit far sooner. */
const MAX_STEPS = 1000;

/** True when `text` is a number as JSON and Parquet write one: `0`, `-12`, `12.5`, never `012` or `1.50`. */
export function isCanonicalNumber(text: string, logicalType: 'integer' | 'number'): boolean {
  if (/^(?:0|-?[1-9]\d*)$/.test(text)) return true;
  if (logicalType === 'integer') return false;
  const n = Number(text);
  return Number.isFinite(n) && String(n) === text;
}

/** Logical types whose fpe outputs are walked. */
export function walksNumbers(logicalType: string | undefined): logicalType is 'integer' | 'number' {
  return logicalType === 'integer' || logicalType === 'number';
}

/**
 * Applies `step` to `text`, then again to its output while the output's class differs from the
 * input's. For protect `step` is fpe's apply; for reveal, its invert.
 *
 * @example
 * ```ts
 * walkNumber((t) => fpe.apply(t, params, ctx)!, '4111111111111111', 'integer'); // never '0…'
 * ```
 */
export function walkNumber(step: (text: string) => string, text: string, logicalType: 'integer' | 'number'): string {
  const canonical = isCanonicalNumber(text, logicalType);
  let out = step(text);
  for (let i = 0; isCanonicalNumber(out, logicalType) !== canonical; i++) {
    if (i >= MAX_STEPS) throw new CordonError('ERR_INPUT_INVALID', 'fpe: no output of the same number class within the cycle-walk bound', { details: { operator: 'fpe' } });
    out = step(out);
  }
  return out;
}

/**
 * A canonical number's text (isCanonicalNumber) as a JS number, or a bigint for an integer beyond
 * 2^53, so it is written back exactly as the text spells it.
 */
export function numberValue(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) || !/^-?\d+$/.test(text) ? n : BigInt(text);
}
