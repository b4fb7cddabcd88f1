// National identity numbers that carry their own proof: a check digit, or a birth date and a
// checksum. A value passing one of these reads as NATIONAL_ID without any column name. Formats
// without a checksum (ID-card serials, passport numbers) count only when the column name says so.
// Each row: the published algorithm, named in its comment.

import { luhnValid } from '../validators/luhn.js';

const digitsOf = (s: string): number[] => [...s].map(Number);


/** A day and month that exist (yy is any year; 29 February allowed). */
function validDate(dd: number, mm: number): boolean {
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= days[mm - 1]!;
}

interface NationalIdFormat {
  readonly country: string;
  readonly test: (value: string) => boolean;
}

export const NATIONAL_ID_FORMATS: readonly NationalIdFormat[] = [
  // South Africa: YYMMDD SSSS C A Z, Luhn over all 13 digits.
  { country: 'ZA', test: (v) => /^\d{13}$/.test(v) && validDate(Number(v.slice(4, 6)), Number(v.slice(2, 4))) && luhnValid(v) },
  // France NIR (INSEE): sex, YY, MM, department (2A/2B Corsica), commune, order, key = 97 - (n mod 97).
  { country: 'FR', test: (v) => {
    const s = v.replace(/[\s.]/g, '');
    if (!/^[12]\d{4}(?:\d{2}|2[AB])\d{6}\d{2}$/i.test(s)) return false;
    const body = s.slice(0, 13).toUpperCase().replace('2A', '19').replace('2B', '18');
    const mm = Number(s.slice(3, 5));
    if (!((mm >= 1 && mm <= 12) || (mm >= 20 && mm <= 42) || mm === 99)) return false;
    return 97 - Number(BigInt(body) % 97n) === Number(s.slice(13));
  } },
  // Denmark CPR and Iceland kennitala: DDMMYY-SSSS with a valid date (the CPR modulus-11 rule was dropped in 2007).
  { country: 'DK/IS', test: (v) => /^\d{6}-\d{4}$/.test(v) && validDate(Number(v.slice(0, 2)), Number(v.slice(2, 4))) },
  // Sweden personnummer: (YY)YYMMDD-NNNC, Luhn over the last ten digits; day + 60 for samordningsnummer.
  { country: 'SE', test: (v) => {
    const m = /^(?:\d{2})?(\d{6})[-+]?(\d{4})$/.exec(v);
    if (!m || !/[-+]/.test(v)) return false;
    const d = m[1]! + m[2]!;
    const day = Number(d.slice(4, 6));
    return validDate(day > 60 ? day - 60 : day, Number(d.slice(2, 4))) && luhnValid(d);
  } },
  // Finland HETU: DDMMYY, century sign, NNN, check character = table[DDMMYYNNN mod 31].
  { country: 'FI', test: (v) => {
    const m = /^(\d{6})[-+A-FU-Y](\d{3})([0-9A-Y])$/i.exec(v);
    return m !== null && validDate(Number(m[1]!.slice(0, 2)), Number(m[1]!.slice(2, 4)))
      && '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(m[1]! + m[2]!) % 31] === m[3]!.toUpperCase();
  } },
  // Poland PESEL: weights 1,3,7,9 repeated; month + 20·k encodes the century.
  { country: 'PL', test: (v) => {
    if (!/^\d{11}$/.test(v)) return false;
    const d = digitsOf(v);
    const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    const sum = w.reduce((s, x, i) => s + x * d[i]!, 0);
    return (10 - (sum % 10)) % 10 === d[10] && validDate(Number(v.slice(4, 6)), Number(v.slice(2, 4)) % 20);
  } },
  // Norway fødselsnummer: DDMMYY IIIKK, two modulus-11 check digits.
  { country: 'NO', test: (v) => {
    if (!/^\d{11}$/.test(v)) return false;
    const d = digitsOf(v);
    const k = (w: number[]): number => { const r = 11 - (w.reduce((s, x, i) => s + x * d[i]!, 0) % 11); return r === 11 ? 0 : r; };
    const day = Number(v.slice(0, 2));
    return k([3, 7, 6, 1, 8, 9, 4, 5, 2]) === d[9] && k([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === d[10] && validDate(day > 40 ? day - 40 : day, Number(v.slice(2, 4)));
  } },
  // Brazil CPF: NNN.NNN.NNN-DD, two modulus-11 check digits; repeated digits are invalid.
  { country: 'BR', test: (v) => {
    if (!/^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$/.test(v) || !/[.-]/.test(v)) return false;
    const d = digitsOf(v.replace(/\D/g, ''));
    if (d.every((x) => x === d[0])) return false;
    const dv = (n: number): number => { const s = d.slice(0, n).reduce((a, x, i) => a + x * (n + 1 - i), 0); const r = (s * 10) % 11; return r === 10 ? 0 : r; };
    return dv(9) === d[9] && dv(10) === d[10];
  } },
  // UK National Insurance number: two prefix letters (not D, F, I, Q, U, V; second not O; not BG, GB, NK, KN, NT, TN, ZZ), six digits, suffix A-D.
  { country: 'GB', test: (v) => {
    const s = v.replace(/\s/g, '').toUpperCase();
    return /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(s) && !/^(?:BG|GB|NK|KN|NT|TN|ZZ)/.test(s);
  } },
  // Canada SIN: NNN NNN NNN (separated, so nine bare digits stay ambiguous), Luhn.
  { country: 'CA', test: (v) => /^\d{3}[ -]\d{3}[ -]\d{3}$/.test(v) && /^[1-79]/.test(v) && luhnValid(v.replace(/\D/g, '')) },
  // Spain DNI (8 digits) and NIE (X/Y/Z + 7 digits): control letter = table[number mod 23].
  { country: 'ES', test: (v) => {
    const m = /^([XYZ]?)(\d{7,8})-?([A-Z])$/i.exec(v);
    if (!m || (m[1] === '' ? m[2]!.length !== 8 : m[2]!.length !== 7)) return false;
    const prefix = m[1] === '' ? '' : String('XYZ'.indexOf(m[1]!.toUpperCase()));
    const n = Number(prefix + m[2]!);
    return 'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23] === m[3]!.toUpperCase();
  } },
  // Italy codice fiscale: 6 letters, YY, month letter, DD (+40 for women), municipality, check letter.
  { country: 'IT', test: (v) => {
    const s = v.toUpperCase();
    if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(s)) return false;
    const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    let sum = 0;
    for (let i = 0; i < 15; i++) {
      const c = s.charCodeAt(i);
      const x = c <= 57 ? c - 48 : c - 65;
      sum += i % 2 === 0 ? odd[x]! : x;
    }
    return String.fromCharCode(65 + (sum % 26)) === s[15];
  } },
  // China resident identity card: 17 digits and an ISO 7064 MOD 11-2 check character.
  { country: 'CN', test: (v) => {
    if (!/^\d{17}[\dX]$/i.test(v)) return false;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = w.reduce((s, x, i) => s + x * Number(v[i]), 0);
    return '10X98765432'[sum % 11] === v[17]!.toUpperCase() && validDate(Number(v.slice(12, 14)), Number(v.slice(10, 12)));
  } },
  // Belgium national register number: YY.MM.DD-NNN.CC, CC = 97 - (n mod 97), with 2 prefixed for births from 2000.
  { country: 'BE', test: (v) => {
    if (!/^\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}$/.test(v)) return false;
    const s = v.replace(/\D/g, '');
    const n = BigInt(s.slice(0, 9));
    const cc = Number(s.slice(9));
    return 97 - Number(n % 97n) === cc || 97 - Number((2000000000n + n) % 97n) === cc;
  } },
];

/** The country whose national id format `value` passes, or undefined. */
export function nationalIdCountry(value: string): string | undefined {
  if (value.length < 9 || value.length > 24) return undefined;
  for (const f of NATIONAL_ID_FORMATS) if (f.test(value)) return f.country;
  return undefined;
}
