// US Individual Taxpayer Identification Number structure (IRS): nine digits, area 9xx, and a group
// (digits 4-5) in 50-65, 70-88, 90-92 or 94-99. There is no check digit, so the rules only rule out.
// Written in the IRS's 3-2-4 layout a passing number is 'valid'; a bare run of nine digits that
// passes is 'unknown' (about one random nine-digit number in twenty does), so it needs context.
import type { Validator } from '../types.js';

function groupAllowed(g: number): boolean {
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

/** True when `input` (digits, optionally separated by spaces or dashes) follows the ITIN rules. */
export function itinValid(input: string): boolean {
  const d = input.replace(/[\s-]/g, '');
  return /^9\d{8}$/.test(d) && groupAllowed(Number(d.slice(3, 5)));
}

export const itinValidator: Validator = {
  name: 'us-itin-structure',
  validate(match) {
    if (!itinValid(match)) return 'invalid';
    return /^\d{9}$/.test(match) ? 'unknown' : 'valid';
  },
};
