// Luhn (ISO/IEC 7812-1 mod 10) for payment card numbers. Separators are ignored.
import type { Validator } from '../types.js';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export const luhnValidator: Validator = {
  name: 'luhn',
  validate(match) {
    const digits = match.replace(/[\s-]/g, '');
    if (/^(\d)\1+$/.test(digits)) return 'invalid'; // 0000… passes Luhn but is no card
    return luhnValid(digits) ? 'valid' : 'invalid';
  },
};
