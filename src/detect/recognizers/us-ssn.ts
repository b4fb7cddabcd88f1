// US_SSN: ddd-dd-dddd (or spaces/dots), and nine bare digits at a low score that needs context.
// The SSA structure rules decide; order or invoice numbers are denied.
import type { Recognizer } from '../types.js';
import { ssnValidator } from '../validators/us-ssn.js';

const NOT_SSN_BEFORE = /\b(?:order|invoice|ref|reference|tracking|ticket|case|po|sku|item|part|licen[cs]e|passport|account|acct|routing|aba|member|policy|employee|mrn|suite|apt|unit)\s*(?:no\.?|number|#|:)?\s*(?:is\s*)?$/i;

export const usSsnRecognizer: Recognizer = {
  id: 'us-ssn',
  entity: 'US_SSN',
  patterns: [
    { name: 'dashed', regex: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/, score: 0.5, digits: 4 },
    { name: 'spaced', regex: /(?<![\d.])\d{3}[ .]\d{2}[ .]\d{4}(?![\d.])/, score: 0.3, digits: 4 },
    { name: 'bare', regex: /(?<![\d-])\d{9}(?![\d-])/, score: 0.05, digits: 9 },
  ],
  context: ['ssn', 'social', 'security', 'ss#', 'ssns', 'ssa'],
  validator: ssnValidator,
  validScore: 0.6,
  deny: (text, start) => (NOT_SSN_BEFORE.test(text.slice(Math.max(0, start - 30), start)) ? 'preceded by an order/reference word' : undefined),
};
