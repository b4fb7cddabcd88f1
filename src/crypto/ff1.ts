// FF1 format-preserving encryption (NIST SP 800-38G Rev. 1) over @noble/ciphers' implementation.
// This file enforces the domain rules the standard sets and noble leaves to callers:
//   - radix in [2, 65535] (noble's bound, one below the standard's 2^16);
//   - length n ≥ 2 and radix^n ≥ 1,000,000 (SP 800-38G Rev. 1 §5.2: domains smaller than a million
//     are open to the Durak–Vaudenay / Hoang–Tessaro–Trieu message-recovery attacks);
//   - n ≤ FF1_MAX_LENGTH, a Cordon bound that keeps the per-call big-integer work small and bounded;
//   - tweak ≤ FF1_MAX_TWEAK_LENGTH bytes.
// FF1 is not authenticated: it is for values whose format must survive (card numbers, ids).
import { FF1 } from '@noble/ciphers/ff1.js';
import { CordonError } from '../errors.js';

export const FF1_MIN_DOMAIN = 1_000_000;
export const FF1_MAX_LENGTH = 4096;
export const FF1_MAX_RADIX = 65535;
export const FF1_MAX_TWEAK_LENGTH = 256;

export interface Ff1Options {
  /** Public, per-field or per-record tweak bytes (default empty). */
  readonly tweak?: Uint8Array;
}

/** Throws ERR_FPE_DOMAIN when (radix, length) is outside what Cordon accepts. */
export function checkFf1Domain(radix: number, length: number): void {
  if (!Number.isInteger(radix) || radix < 2 || radix > FF1_MAX_RADIX) {
    throw new CordonError('ERR_FPE_DOMAIN', `FF1 radix must be an integer in [2, ${FF1_MAX_RADIX}]`, { details: { radix } });
  }
  if (length < 2 || length > FF1_MAX_LENGTH) {
    throw new CordonError('ERR_FPE_DOMAIN', `FF1 input length must be in [2, ${FF1_MAX_LENGTH}]`, { details: { length } });
  }
  // radix^length ≥ 10^6, computed without floating point.
  let domain = 1;
  for (let i = 0; i < length && domain < FF1_MIN_DOMAIN; i++) domain *= radix;
  if (domain < FF1_MIN_DOMAIN) {
    throw new CordonError('ERR_FPE_DOMAIN', `FF1 domain radix^length must be at least ${FF1_MIN_DOMAIN} (NIST SP 800-38G Rev. 1)`, {
      details: { radix, length },
    });
  }
}

function cipher(key: Uint8Array, radix: number, length: number, options?: Ff1Options) {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new CordonError('ERR_CRYPTO_UNSUPPORTED', `FF1 key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
  checkFf1Domain(radix, length);
  const tweak = options?.tweak ?? new Uint8Array(0);
  if (tweak.length > FF1_MAX_TWEAK_LENGTH) {
    throw new CordonError('ERR_FPE_DOMAIN', `FF1 tweak must be at most ${FF1_MAX_TWEAK_LENGTH} bytes`);
  }
  return FF1(radix, key, tweak);
}

function checkDigits(digits: readonly number[], radix: number): void {
  for (let i = 0; i < digits.length; i++) {
    const d = digits[i]!;
    if (!Number.isInteger(d) || d < 0 || d >= radix) {
      throw new CordonError('ERR_INPUT_INVALID', 'FF1 input has a symbol outside the radix', { details: { position: i } });
    }
  }
}

/** Encrypts a numeral string given as digits in [0, radix). */
export function ff1EncryptDigits(key: Uint8Array, radix: number, digits: readonly number[], options?: Ff1Options): number[] {
  const c = cipher(key, radix, digits.length, options);
  checkDigits(digits, radix);
  return c.encrypt([...digits]);
}

/** Inverse of {@link ff1EncryptDigits}. */
export function ff1DecryptDigits(key: Uint8Array, radix: number, digits: readonly number[], options?: Ff1Options): number[] {
  const c = cipher(key, radix, digits.length, options);
  checkDigits(digits, radix);
  return c.decrypt([...digits]);
}

/** An alphabet: its symbols in order; radix = number of symbols. Symbols are Unicode code points. */
export function parseAlphabet(alphabet: string): { symbols: string[]; index: Map<string, number> } {
  const symbols = [...alphabet];
  const index = new Map<string, number>();
  symbols.forEach((s, i) => index.set(s, i));
  if (index.size !== symbols.length || symbols.length < 2) {
    throw new CordonError('ERR_INPUT_INVALID', 'FF1 alphabet must have at least two distinct symbols');
  }
  return { symbols, index };
}

function toDigits(text: string, index: Map<string, number>): number[] {
  const out: number[] = [];
  let pos = 0;
  for (const ch of text) {
    const d = index.get(ch);
    if (d === undefined) throw new CordonError('ERR_INPUT_INVALID', 'FF1 input has a character outside the alphabet', { details: { position: pos } });
    out.push(d);
    pos++;
  }
  return out;
}

/**
 * Encrypts `text`, every character of which is in `alphabet`, to a string of the same length over
 * the same alphabet.
 *
 * @example
 * ```ts
 * ff1EncryptString(key, '0123456789', '4111111111111111') // → 16 other digits
 * ```
 */
export function ff1EncryptString(key: Uint8Array, alphabet: string, text: string, options?: Ff1Options): string {
  const { symbols, index } = parseAlphabet(alphabet);
  return ff1EncryptDigits(key, symbols.length, toDigits(text, index), options).map((d) => symbols[d]!).join('');
}

/** Inverse of {@link ff1EncryptString}. */
export function ff1DecryptString(key: Uint8Array, alphabet: string, text: string, options?: Ff1Options): string {
  const { symbols, index } = parseAlphabet(alphabet);
  return ff1DecryptDigits(key, symbols.length, toDigits(text, index), options).map((d) => symbols[d]!).join('');
}
