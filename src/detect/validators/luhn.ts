// Luhn (ISO/IEC 7812-1 mod 10) for payment card numbers. Separators are ignored.
import type { Validator } from '../types.js';
import { gs1Valid } from './gs1.js';

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

/**
 * Whether a number of `length` digits starting with `digits` lies in a range card networks issue
 * primary account numbers from (ISO/IEC 7812 issuer identification numbers, as the networks publish
 * them): Visa 4 (13–19), Mastercard 51–55 and 2221–2720 (16), Mir 2200–2204 (16–19), American
 * Express 34, 37 (15), Diners Club 30, 36, 38, 39 (14–19), JCB and RuPay 35 (16–19), UATP 1 (15),
 * Maestro 5 (12–19), Discover, UnionPay, RuPay and Maestro 6 (12–19), RuPay 81–82 and Troy 9792 (16).
 * Outside them (major industry 7 petroleum, 8 health and telecom, 0, most of 1, 2 and 3) a Luhn-valid
 * run of digits is an order id, an epoch-millisecond timestamp (13 digits from 1), a snowflake id:
 * one in ten such numbers passes Luhn by chance.
 */
export function inIssuerRange(digits: string): boolean {
  const n = digits.length;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  switch (digits.charCodeAt(0) - 48) {
    case 1:
      return n === 15;
    case 2:
      return (four >= 2200 && four <= 2204 && n >= 16) || (four >= 2221 && four <= 2720 && n === 16);
    case 3:
      if (two === 34 || two === 37) return n === 15;
      if (two === 30 || two === 36 || two === 38 || two === 39) return n >= 14;
      return two === 35 && n >= 16;
    case 4:
      return n >= 13;
    case 5:
      return two >= 51 && two <= 55 ? n === 16 : n >= 12;
    case 6:
      return n >= 12;
    case 8:
      return (two === 81 || two === 82) && n === 16;
    case 9:
      return four === 9792 && n === 16;
    default:
      return false;
  }
}

/**
 * Six zeros or more at the end: a round number (an amount in micro-units, 1.5e15 written out by a
 * tool, a counter's step), which passes Luhn whenever its leading digits do. An account number a
 * network issues ends so once in a million.
 */
const ROUND = /0{6}$/;

/**
 * Twelve to fourteen bare digits that end in a GS1 check digit are a product code as much as a card:
 * UPC-A, EAN-13 (ISBN, German 400-440 and French 30-37 prefixes fall in card ranges) and GTIN-14 carry
 * no separators, and one in ten of them passes Luhn too; networks issue nearly every card in 15 or 16
 * digits today. Such a number is a card only with a context word (card, visa…) or printed in groups.
 */
const PRODUCT_CODE_LENGTH = /^\d{12,14}$/;

/**
 * CREDIT_CARD's validator: Luhn, and an issuer range of the right length (inIssuerRange), and not a
 * round number (ROUND); a bare 12-14 digit number that is also a GS1 code needs a context word. The `luhn` validator stays Luhn alone, for the other identifiers that use it
 * (IMEI, Canadian SIN, …).
 */
export const paymentCardValidator: Validator = {
  name: 'payment-card',
  validate(match) {
    const digits = match.replace(/[\s-]/g, '');
    if (!inIssuerRange(digits) || ROUND.test(digits)) return 'invalid';
    const luhn = luhnValidator.validate(digits);
    return luhn === 'valid' && PRODUCT_CODE_LENGTH.test(match) && gs1Valid(match) ? 'unknown' : luhn;
  },
};
