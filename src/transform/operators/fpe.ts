// fpe: format-preserving encryption, FF1 (NIST SP 800-38G Rev. 1) under an `fpe` key. The output has
// the input's length, alphabet and separators (kept in place); `keepFirst`/`keepLast` leave the ends
// in clear (a card's BIN and last four) and are bound into the tweak together with `scope`, so equal
// values give equal outputs (joins) and the key holder can invert.
//
// Luhn (`luhn: true`, digits only): the middle is encrypted by cycle walking (Black–Rogaway 2002):
// FF1 is applied again until the whole number has the same Luhn residue as the input. Cycle walking
// is a permutation of the set of middles with that residue, so the output passes Luhn exactly when
// the input does, and invert (decrypt until the residue matches) recovers the input: still reversible,
// nothing stored. About ten FF1 calls per value on average. The price: outputs range over a tenth of
// the FF1 domain (10^5 for a 16-digit card with 6+4 kept).
//
// FF1 is not authenticated: invert of a forged value returns some other value of the same format.
// Outputs do not name the key version: invert uses the primary `fpe` key, so re-protect after rotation.
import { checkFf1Domain, ff1DecryptDigits, ff1EncryptDigits } from '../../crypto/index.js';
import { checkWellFormed, CordonError } from '../../errors.js';
import type { Operator, OperatorContext } from '../types.js';
import { encodeParts } from '../encoding.js';
import { boolParam, enumParam, intParam, invalid, paramObject, scopeParam } from '../params.js';

const ALPHABETS = {
  digits: '0123456789',
  hex: '0123456789abcdef',
  alphanumeric: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
} as const;

export type FpeAlphabet = keyof typeof ALPHABETS;

export interface FpeParams {
  /** Default `digits`. */
  readonly alphabet: FpeAlphabet;
  /** Characters left in place (not encrypted, not counted). Default space and `-`. */
  readonly separators: string;
  /** Alphabet characters left in clear at the start / end. Default 0 each, at most 32. */
  readonly keepFirst: number;
  readonly keepLast: number;
  /** Keep the Luhn checksum status (cards); `digits` only. Default false. */
  readonly luhn: boolean;
  /** Join scope, in the tweak. Default `default`. */
  readonly scope: string;
}

function domainError(message: string, details: Record<string, string | number>): CordonError {
  return new CordonError('ERR_FPE_DOMAIN', `fpe: ${message}`, { details: { operator: 'fpe', ...details } });
}

/** Luhn sum mod 10 (ISO/IEC 7812-1 Annex B): every second digit from the right is doubled. */
export function luhnResidue(digits: readonly number[]): number {
  let sum = 0;
  for (let i = digits.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    const d = digits[i]!;
    sum += dbl ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
  }
  return sum % 10;
}

interface Split {
  readonly chars: string[];
  /** Positions in `chars` of alphabet symbols, and their values. */
  readonly positions: number[];
  readonly digits: number[];
}

function split(value: string, params: FpeParams): Split {
  const alphabet = ALPHABETS[params.alphabet];
  // A lone surrogate among the separators would pass through and be written out as U+FFFD.
  checkWellFormed(value, 'fpe: the value', { operator: 'fpe' });
  const chars = [...value];
  const positions: number[] = [];
  const digits: number[] = [];
  chars.forEach((c, i) => {
    const d = alphabet.indexOf(c);
    if (d >= 0 && c.length === 1) {
      positions.push(i);
      digits.push(d);
    } else if (!params.separators.includes(c)) {
      throw domainError('value has a character outside the alphabet and the separators', { position: i });
    }
  });
  const middle = digits.length - params.keepFirst - params.keepLast;
  if (middle < 2) throw domainError('too few characters to encrypt after keepFirst/keepLast', { length: digits.length });
  checkFf1Domain(alphabet.length, middle);
  return { chars, positions, digits };
}

function transform(value: string, params: FpeParams, ctx: OperatorContext, direction: 'encrypt' | 'decrypt'): string {
  const alphabet = ALPHABETS[params.alphabet];
  const radix = alphabet.length;
  const { chars, positions, digits } = split(value, params);
  const first = digits.slice(0, params.keepFirst);
  const last = digits.slice(digits.length - params.keepLast);
  const tweak = encodeParts('cordon/fpe/v1', params.scope, first.join(','), last.join(','));
  const key = ctx.keys.material('fpe').material;
  const step = (m: number[]): number[] => (direction === 'encrypt' ? ff1EncryptDigits : ff1DecryptDigits)(key, radix, m, { tweak });
  let middle = step(digits.slice(params.keepFirst, digits.length - params.keepLast));
  if (params.luhn) {
    // Cycle walking: terminates because the walk returns at worst to the input, whose residue matches.
    const target = luhnResidue(digits);
    while (luhnResidue([...first, ...middle, ...last]) !== target) middle = step(middle);
  }
  const out = [...first, ...middle, ...last];
  positions.forEach((p, i) => { chars[p] = alphabet[out[i]!]!; });
  return chars.join('');
}

/** @example fpe.apply('4111 1111 1111 1111', fpe.parseParams({ keepFirst: 6, keepLast: 4, luhn: true }), ctx) // '4111 11xx xxxx 1111', Luhn-valid */
export const fpe: Operator<FpeParams> = {
  name: 'fpe',
  reversible: true,
  // A number stays a number: the pipeline walks the cycle past outputs a number cannot spell (a leading 0).
  output: () => 'input',
  parseParams(raw) {
    const o = paramObject('fpe', raw, ['alphabet', 'separators', 'keepFirst', 'keepLast', 'luhn', 'scope']);
    const alphabet = enumParam('fpe', o, 'alphabet', Object.keys(ALPHABETS) as FpeAlphabet[], 'digits');
    const separators = o['separators'] ?? ' -';
    if (typeof separators !== 'string' || separators.length > 16 || !(separators as string & { isWellFormed(): boolean }).isWellFormed() || [...separators].some((c) => ALPHABETS[alphabet].includes(c))) {
      throw invalid('fpe', 'separators', 'must be a string of at most 16 characters, none of them in the alphabet');
    }
    const luhn = boolParam('fpe', o, 'luhn', false);
    if (luhn && alphabet !== 'digits') throw invalid('fpe', 'luhn', 'needs alphabet "digits"');
    return {
      alphabet,
      separators,
      keepFirst: intParam('fpe', o, 'keepFirst', 0, 0, 32),
      keepLast: intParam('fpe', o, 'keepLast', 0, 0, 32),
      luhn,
      scope: scopeParam('fpe', o, 'default'),
    };
  },
  apply: (value, params, ctx) => transform(value, params, ctx, 'encrypt'),
  invert: (token, params, ctx) => transform(token, params, ctx, 'decrypt'),
};
