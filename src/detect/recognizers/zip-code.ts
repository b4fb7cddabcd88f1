// ZIP_CODE: US ZIP (5 digits) and ZIP+4. Five bare digits are mostly not ZIP codes, so the base score
// is low and a context word (zip, postal...) or a preceding state code is needed to report one.
// Never part of a longer number: digits, thousands separators or decimal points on either side deny it.
import type { Recognizer } from '../types.js';

const STATES = 'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';

export const zipCodeRecognizer: Recognizer = {
  id: 'zip-code',
  entity: 'ZIP_CODE',
  patterns: [
    { name: 'zip5', regex: /(?<![\w.,$#-])\d{5}(?![\w-]|[.,]\d)/, score: 0.2, requires: /\d/ },
    { name: 'zip+4', regex: /(?<![\w.,$#-])\d{5}-\d{4}(?![\w-]|[.,]\d)/, score: 0.4, requires: /\d/ },
    { name: 'after-state', regex: new RegExp(`\\b(?:${STATES}),?\\s{1,2}(?<v>\\d{5}(?:-\\d{4})?)(?![\\w-]|[.,]\\d)`), score: 0.55, requires: /\d/ },
  ],
  context: ['zip', 'zipcode', 'postal', 'postcode', 'mailing'],
  // "12345 67890" or "555 12345": a group of a longer spaced number (card, account, phone).
  deny(text, start, end) {
    if (/\d[ -]$/.test(text.slice(Math.max(0, start - 2), start))) return 'part of a longer number';
    if (/^[ -]\d/.test(text.slice(end, end + 2))) return 'part of a longer number';
    return undefined;
  },
};
