// UK National Insurance number (HMRC NIM39110): two prefix letters, six digits, a suffix A-D. The
// first letter is never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V; the prefixes BG,
// GB, KN, NK, NT, TN and ZZ are not allocated (so the documentation example QQ 12 34 56 C fails too).
// Spaces are ignored, case is not significant.
import type { Validator } from '../types.js';

const NINO = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;
const UNALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function ninoValid(input: string): boolean {
  const s = input.replace(/\s/g, '').toUpperCase();
  return NINO.test(s) && !UNALLOCATED.has(s.slice(0, 2));
}

export const ninoValidator: Validator = { name: 'uk-nino-structure', validate: (m) => (ninoValid(m) ? 'valid' : 'invalid') };
