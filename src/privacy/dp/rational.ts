// Exact non-negative and signed rationals on BigInt: the only arithmetic the noise path uses. A
// JavaScript number is a dyadic rational (m · 2^e), so `rationalFromNumber` converts it exactly;
// nothing here rounds, and nothing here ever touches a floating-point value after the conversion.
// Mironov (CCS 2012): floating-point noise leaks the input through its low-order bits.

/** num/den in lowest terms with den > 0. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num/den reduced; den must not be 0. */
export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: zero denominator');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/**
 * The exact value of a finite number as a rational (every double is m · 2^e).
 *
 * @example
 * ```ts
 * rationalFromNumber(0.1) // { num: 3602879701896397n, den: 36028797018963968n }
 * ```
 */
export function rationalFromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError('rationalFromNumber: not a finite number');
  if (Number.isInteger(x)) return { num: BigInt(x), den: 1n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 === 1 ? -1n : 1n;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  // IEEE 754 binary64: value = mant · 2^(exp - 1075), with the hidden bit for normal numbers.
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  return e >= 0 ? rational(sign * (mant << BigInt(e))) : rational(sign * mant, 1n << BigInt(-e));
}

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('rational: division by zero');
  return rational(a.num * b.den, a.den * b.num);
}
/** a < b, a = b, a > b as -1, 0, 1. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
/** ⌊a⌋ (towards −∞). */
export function floor(a: Rational): bigint {
  const q = a.num / a.den;
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}
/** ⌊√n⌋ for n ≥ 0 (Newton's method on integers). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt: negative');
  if (n < 2n) return n;
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
/** The nearest value of the rational as a number (for reports only, never for noise). */
export function toNumber(a: Rational): number {
  // Scale so the quotient keeps 64 significant bits before the one rounding to a double.
  const shift = BigInt(Math.max(0, 64 - (abs(a.num / a.den).toString(2).length)));
  return Number((a.num << shift) / a.den) / 2 ** Number(shift);
}
