// CREDIT_CARD: 13-19 digits, optionally in groups separated by spaces or dashes, decided by Luhn and the issuer range.
// Never reports a Luhn-failing number (tracking and order numbers), nor one outside the card networks'
// issuer ranges (epoch-millisecond timestamps, snowflake ids), whatever the context.
import type { Recognizer } from '../types.js';
import { paymentCardValidator } from '../validators/luhn.js';

export const creditCardRecognizer: Recognizer = {
  id: 'credit-card',
  entity: 'CREDIT_CARD',
  patterns: [
    { name: 'grouped-4', regex: /(?<![\d-])\d{4}(?:[ -]\d{4}){2}[ -]\d{1,7}(?![\d-])/, score: 0.5, digits: 4 },
    { name: 'amex-4-6-5', regex: /(?<![\d-])3[47]\d{2}[ -]\d{6}[ -]\d{5}(?![\d-])/, score: 0.5, digits: 4 },
    // A full stop after the number ends a sentence; a digit after it makes a decimal.
    // Letters on either side mean the digits are part of a hex string or an id, not a card number.
    { name: 'plain', regex: /(?<![\w.-])\d{13,19}(?![\w-]|\.\d)/, score: 0.4, digits: 13 },
  ],
  context: ['card', 'credit', 'debit', 'visa', 'mastercard', 'amex', 'discover', 'cc', 'pan', 'payment'],
  validator: paymentCardValidator,
  validScore: 0.9,
};
