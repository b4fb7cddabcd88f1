// US Social Security Number structure (SSA rules): area 001-899 except 666, group 01-99, serial
// 0001-9999; known advertising and example numbers are refused.
import type { Validator } from '../types.js';

const INVALID = new Set(['078051120', '219099999', '123456789', '457555462']);

export function ssnValid(input: string): boolean {
  const d = input.replace(/[\s.-]/g, '');
  if (!/^\d{9}$/.test(d)) return false;
  const area = Number(d.slice(0, 3));
  const group = Number(d.slice(3, 5));
  const serial = Number(d.slice(5));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  if (/^(\d)\1{8}$/.test(d)) return false;
  return !INVALID.has(d);
}

export const ssnValidator: Validator = { name: 'us-ssn-structure', validate: (m) => (ssnValid(m) ? 'valid' : 'invalid') };
