// ABA routing transit number: nine digits whose first two name a Federal Reserve routing symbol
// (00-12 primary, 21-32 thrift, 61-72 electronic, 80 traveller's cheques) and whose weighted sum
// 3·d1 + 7·d2 + d3 + 3·d4 + 7·d5 + d6 + 3·d7 + 7·d8 + d9 is a multiple of ten (ABA check digit).
// Dashes are ignored. About one random nine-digit number in thirty passes, hence the recognizer's
// need for context even when this says 'valid'.
import type { Validator } from '../types.js';

const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1] as const;

function prefixAllowed(p: number): boolean {
  return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p === 80;
}

export function abaRoutingValid(input: string): boolean {
  const d = input.replace(/-/g, '');
  if (!/^\d{9}$/.test(d)) return false;
  if (/^(\d)\1{8}$/.test(d)) return false; // 000000000 passes the sum but routes nowhere
  if (!prefixAllowed(Number(d.slice(0, 2)))) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * (d.charCodeAt(i) - 48);
  return sum % 10 === 0;
}

export const abaRoutingValidator: Validator = {
  name: 'aba-checksum',
  validate: (m) => (abaRoutingValid(m) ? 'valid' : 'invalid'),
};
