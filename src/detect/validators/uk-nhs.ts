// NHS number (England, Wales, Isle of Man; also CHI and H&C numbers use the same scheme): ten digits,
// the last a modulus-11 check digit over the first nine weighted 10..2. A check value of 10 means the
// number is never issued. Spaces and dashes are ignored. One random ten-digit number in eleven passes,
// so the validator says 'valid' only for the NHS's own printed layout, 3-3-4 with spaces; a passing
// number written bare or with dashes (how epoch timestamps and phone numbers look) is 'unknown'.
import type { Validator } from '../types.js';

export function nhsValid(input: string): boolean {
  const d = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(d)) return false;
  if (/^(\d)\1{9}$/.test(d)) return false; // 0000000000 passes the sum; no such number is issued
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * (d.charCodeAt(i) - 48);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === d.charCodeAt(9) - 48;
}

export const nhsValidator: Validator = {
  name: 'nhs-mod11',
  validate(match) {
    if (!nhsValid(match)) return 'invalid';
    return /^\d{3} \d{3} \d{4}$/.test(match) ? 'valid' : 'unknown';
  },
};
