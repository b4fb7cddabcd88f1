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
import { checkFf1Domain, checkFf1Input, ff1DecryptDigits, ff1EncryptBatch, ff1EncryptDigits } from '../../crypto/index.js';
import { checkWellFormed, CordonError } from '../../errors.js';
import type { ColumnResult, Operator, OperatorContext } from '../types.js';
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

/** Each alphabet's symbol values by ASCII code (-1: not a symbol); the alphabets are ASCII. */
const SYMBOLS: Readonly<Record<FpeAlphabet, Int8Array>> = (() => {
  const out = {} as Record<FpeAlphabet, Int8Array>;
  for (const [name, alphabet] of Object.entries(ALPHABETS) as Array<[FpeAlphabet, string]>) {
    const t = new Int8Array(128).fill(-1);
    for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
    out[name] = t;
  }
  return out;
})();

/** A value split for FF1: where its symbols are, the middle to encrypt, its tweak, and the ends kept. */
interface Prepared {
  readonly value: string;
  /** UTF-16 offsets in `value` of its alphabet symbols (one code unit each). */
  readonly positions: number[];
  /** All symbols' values (for the Luhn residue), and the kept ends and the middle. */
  readonly digits: number[];
  readonly first: number[];
  readonly middle: number[];
  readonly last: number[];
  readonly tweak: Uint8Array;
}

function prepare(value: string, params: FpeParams): Prepared {
  const table = SYMBOLS[params.alphabet];
  // A lone surrogate among the separators would pass through and be written out as U+FFFD.
  checkWellFormed(value, 'fpe: the value', { operator: 'fpe' });
  const positions: number[] = [];
  const digits: number[] = [];
  // `point` counts code points: error positions are in characters, as a reader counts them.
  for (let i = 0, point = 0; i < value.length; i++, point++) {
    const u = value.charCodeAt(i);
    const d = u < 128 ? table[u]! : -1;
    if (d >= 0) {
      positions.push(i);
      digits.push(d);
      continue;
    }
    // A well-formed value: a high surrogate starts a two-unit character.
    const wide = u >= 0xd800 && u <= 0xdbff;
    if (!params.separators.includes(wide ? value.slice(i, i + 2) : value[i]!)) {
      throw domainError('value has a character outside the alphabet and the separators', { position: point });
    }
    if (wide) i++;
  }
  const middleLength = digits.length - params.keepFirst - params.keepLast;
  if (middleLength < 2) throw domainError('too few characters to encrypt after keepFirst/keepLast', { length: digits.length });
  checkFf1Domain(ALPHABETS[params.alphabet].length, middleLength);
  const first = digits.slice(0, params.keepFirst);
  const last = digits.slice(digits.length - params.keepLast);
  const tweak = encodeParts('cordon/fpe/v1', params.scope, first.join(','), last.join(','));
  return { value, positions, digits, first, middle: digits.slice(params.keepFirst, digits.length - params.keepLast), last, tweak };
}

/** The value with its middle symbols replaced by `middle`; separators and kept ends stay. */
function finish(p: Prepared, middle: readonly number[], alphabet: string): string {
  const { value, positions } = p;
  const from = p.first.length;
  let out = '';
  let prev = 0;
  for (let k = 0; k < middle.length; k++) {
    const at = positions[from + k]!;
    out += value.slice(prev, at) + alphabet[middle[k]!]!;
    prev = at + 1;
  }
  return out + value.slice(prev);
}

function transform(value: string, params: FpeParams, ctx: OperatorContext, direction: 'encrypt' | 'decrypt'): string {
  const alphabet = ALPHABETS[params.alphabet];
  const radix = alphabet.length;
  const p = prepare(value, params);
  const { first, last, tweak } = p;
  const key = ctx.keys.material('fpe').material;
  const step = (m: number[]): number[] => (direction === 'encrypt' ? ff1EncryptDigits : ff1DecryptDigits)(key, radix, m, { tweak });
  let middle = step(p.middle);
  if (params.luhn) {
    // Cycle walking: terminates because the walk returns at worst to the input, whose residue matches.
    const target = luhnResidue(p.digits);
    while (luhnResidue([...first, ...middle, ...last]) !== target) middle = step(middle);
  }
  return finish(p, middle, alphabet);
}

/**
 * `apply` over a column: the values are checked and split in order (the first failure ends the
 * column, as it would end a loop of `apply`), then FF1 runs on all of them at once (one AES call
 * per round for the batch), and the Luhn walk steps the values still walking together.
 */
function applyColumn(values: readonly string[], params: FpeParams, ctx: OperatorContext): ColumnResult {
  const alphabet = ALPHABETS[params.alphabet];
  const radix = alphabet.length;
  const prepared: Prepared[] = [];
  let key: Uint8Array | undefined;
  let error: ColumnResult['error'];
  for (let i = 0; i < values.length; i++) {
    try {
      // The checks of transform() and ff1EncryptDigits, in their order.
      const p = prepare(values[i]!, params);
      key ??= ctx.keys.material('fpe').material;
      checkFf1Input(key, radix, p.middle, p.tweak);
      prepared.push(p);
    } catch (e) {
      error = { index: i, error: e };
      break;
    }
  }
  if (prepared.length === 0) return { out: [], ...(error !== undefined ? { error } : {}) };
  const middles = ff1EncryptBatch(key!, radix, prepared.map((p) => ({ digits: p.middle, tweak: p.tweak })));
  if (params.luhn) {
    let walking = prepared.map((_, j) => j).filter((j) => luhnResidue([...prepared[j]!.first, ...middles[j]!, ...prepared[j]!.last]) !== luhnResidue(prepared[j]!.digits));
    while (walking.length > 0) {
      const next = ff1EncryptBatch(key!, radix, walking.map((j) => ({ digits: middles[j]!, tweak: prepared[j]!.tweak })));
      walking.forEach((j, k) => { middles[j] = next[k]!; });
      walking = walking.filter((j) => luhnResidue([...prepared[j]!.first, ...middles[j]!, ...prepared[j]!.last]) !== luhnResidue(prepared[j]!.digits));
    }
  }
  const out = prepared.map((p, j) => finish(p, middles[j]!, alphabet));
  return { out, ...(error !== undefined ? { error } : {}) };
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
  applyColumn,
  invert: (token, params, ctx) => transform(token, params, ctx, 'decrypt'),
};
