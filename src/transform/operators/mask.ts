// mask: keeps the first/last N characters and replaces the rest with a mask character, counting
// Unicode code points (never splitting a surrogate pair). A value too short to hide anything once
// the kept characters are taken out is masked entirely, so mask never returns its input unchanged.
import { checkWellFormed } from '../../errors.js';
import type { Operator } from '../types.js';
import { intParam, invalid, paramObject } from '../params.js';

export interface MaskParams {
  /** Characters kept at the start. Default 0. */
  readonly keepFirst: number;
  /** Characters kept at the end. Default 0. */
  readonly keepLast: number;
  /** One code point. Default `*`. */
  readonly char: string;
}

/** @example mask.apply('4111111111111111', mask.parseParams({ keepLast: 4 }), ctx) // '************1111' */
export const mask: Operator<MaskParams> = {
  name: 'mask',
  reversible: false,
  parseParams(raw) {
    const o = paramObject('mask', raw, ['keepFirst', 'keepLast', 'char']);
    const char = o['char'] ?? '*';
    if (typeof char !== 'string' || [...char].length !== 1 || /[\u0000-\u001f\u007f\ud800-\udfff]/u.test(char)) {
      throw invalid('mask', 'char', 'must be a single printable character');
    }
    return {
      keepFirst: intParam('mask', o, 'keepFirst', 0, 0, 1000),
      keepLast: intParam('mask', o, 'keepLast', 0, 0, 1000),
      char,
    };
  },
  apply(value, params) {
    // A lone surrogate would be kept or counted as a character and written out as U+FFFD.
    checkWellFormed(value, 'mask: the value', { operator: 'mask' });
    const cps = [...value];
    if (cps.length <= params.keepFirst + params.keepLast) return params.char.repeat(cps.length);
    const middle = cps.length - params.keepFirst - params.keepLast;
    return cps.slice(0, params.keepFirst).join('') + params.char.repeat(middle) + cps.slice(cps.length - params.keepLast).join('');
  },
};
