// US_BANK_NUMBER: a US bank account number is 8-17 digits with no public structure or check digit,
// so only words report one: right before it ("account number: ...", "acct #", "A/C"), which is a
// pattern of its own narrowed to the digits (group v), or anywhere within the context window, which
// lifts a bare digit run over the threshold. Phone numbers, order/invoice/tracking numbers,
// timestamps, versions, hashes and UUID pieces are denied; a card number (Luhn) outscores it.
import type { Recognizer } from '../types.js';
import { NUM_END, NUM_START, lookAlike } from './look-alikes.js';

const CUE = '\\b(?:(?:bank|checking|savings)\\s{1,2})?(?:account|acct|a/c)(?:\\s{1,2}(?:number|num|no\\.?|#))?';

export const usBankNumberRecognizer: Recognizer = {
  id: 'us-bank-number',
  entity: 'US_BANK_NUMBER',
  patterns: [
    { name: 'cued', regex: new RegExp(`${CUE}[\\s:=#-]{1,5}(?<v>\\d{8,17})${NUM_END}`, 'i'), score: 0.7, digits: 8 },
    { name: 'digits', regex: new RegExp(`${NUM_START}\\d{8,17}${NUM_END}`), score: 0.3, digits: 8 },
  ],
  context: ['account', 'acct', 'bank', 'banking', 'checking', 'savings'],
  deny: lookAlike,
};
