// IBAN_CODE: country code, check digits and BBAN, compact or in groups of four; decided by mod-97
// and the country's length.
import type { Recognizer } from '../types.js';
import { ibanValidator } from '../validators/iban.js';

export const ibanRecognizer: Recognizer = {
  id: 'iban',
  entity: 'IBAN_CODE',
  patterns: [
    { name: 'compact', regex: /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b/i, score: 0.5, digits: 2 },
    { name: 'grouped', regex: /\b[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?\b/i, score: 0.5, digits: 2 },
  ],
  context: ['iban', 'bank', 'account', 'transfer', 'wire'],
  validator: ibanValidator,
  validScore: 1,
};
